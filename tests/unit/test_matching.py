"""Name normalisation, pair scoring, resolution, clustering and screening (orchestration.lib).

The accuracy test reads tests/fixtures/matching/labelled_pairs.csv (pairs typed from the public
record, labels from the record, not from the matcher). The real-data test resolves the UN list of
2025-04-19 against OFAC's sdn.csv of 2024-05-03, read in place from ../shared/realdata.
"""

from __future__ import annotations

import csv
import re
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from orchestration.lib import screening
from orchestration.lib.matcher import (
    DEFAULT_THRESHOLD,
    VESSEL_NAME_CAP,
    Decision,
    Listing,
    Match,
    clusters,
    resolve,
    score_pair,
)
from orchestration.lib.names import SYLLABLE_VARIANTS, canonical_syllable, korean_syllables, normalise
from orchestration.lib.screening import Screener, ScreenInput, country_iso3

LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "matching" / "labelled_pairs.csv"


def person(key, *names, years=(), countries=(), ids=None):
    return Listing(key, key.split("-")[0], "individual", names, ids or {}, frozenset(years), frozenset(countries))


def entity(key, *names, ids=None, countries=()):
    return Listing(key, key.split("-")[0], "entity", names, ids or {}, frozenset(), frozenset(countries))


def vessel(key, *names, imo=None):
    return Listing(key, key.split("-")[0], "vessel", names, {"imo": frozenset({imo})} if imo else {})


# --------------------------------------------------------------------------------------------
# normalise
# --------------------------------------------------------------------------------------------


def same_person(*names: str) -> None:
    first = normalise(names[0], "individual")
    for other in names[1:]:
        n = normalise(other, "individual")
        assert set(n.rotations) & set(first.rotations), (names[0], other, first.keys, n.keys)


def test_korean_romanisation_variants_share_one_form():
    same_person("Kim Jong Un", "KIM Jong-un", "Kim Chong-un", "KIM JONG UN", "Kim Jŏng-ŭn", "김정은", "KIM, Jong Un")
    same_person("KIM YONG CHOL", "Kim Young-Chul", "Kim Young-Cheol", "Kim Yongchol", "김영철")
    same_person("RI Song Hyok", "Lee Song Hyok", "Rhee Song-hyok", "Yi Song Hyok", "Li Song Hyok", "리성혁")
    same_person("PAK Chun Il", "Park Chun-il", "Bak Chun Il")
    same_person("CHOE Ryong Hae", "Choi Ryong-hae", "Ch'oe Ryong-hae", "최룡해")
    same_person("JON Il Ho", "Jeon Il-ho", "Chon Il Ho")
    same_person("KANG Kyong Il", "Gang Gyeong-il")
    same_person("RYU Jin", "Yu Jin", "Yoo Jin")
    same_person("O Kuk-ryol", "Oh Kuk Ryol", "오극렬")
    same_person("MIN Byong Chol", "Min Pyo'ng-ch'o'l")
    same_person("KIM, Su-Kwang", "Kim Sukwang")


def test_different_syllables_stay_different():
    chol, chun, chang = (normalise(f"KIM Yong {g}", "individual") for g in ("Chol", "Chun", "Chang"))
    assert len({chol.rotations, chun.rotations, chang.rotations}) == 3
    assert not set(normalise("RI Song Chol", "individual").rotations) & set(
        normalise("RI Song Hyok", "individual").rotations
    )
    # KIM + MYONG must not read as KIM + YONG once written together
    assert not set(normalise("KIM, Myong Chol", "individual").rotations) & set(
        normalise("KIM YONG CHOL", "individual").rotations
    )


def test_syllable_table_and_rules():
    assert korean_syllables("ryonbong") == korean_syllables("lyonbong") == korean_syllables("yonbong")
    assert korean_syllables("young") == korean_syllables("yong") == korean_syllables("yeong")
    assert korean_syllables("chol") == korean_syllables("chul") == korean_syllables("cheol")
    assert korean_syllables("trading") is None  # English words are not read as Korean
    assert SYLLABLE_VARIANTS["park"] == "pak"
    assert canonical_syllable("r", "i", "") == canonical_syllable("", "i", "") == "i"  # Ri = I


def test_hyphenated_given_names_split_and_join():
    n = normalise("Yong-chol KIM", "individual")
    assert n.tokens == ("yong", "chol", "kim")
    assert n.variants() == (("yong", "chol", "kim"), ("yongchol", "kim"))
    assert normalise("KIM, Yong Chol", "individual").surname == 1


def test_order_rotations_put_the_surname_first():
    given_first = normalise("Yong Chol KIM", "individual")
    assert normalise("KIM YONG CHOL", "individual").rotations[0] in given_first.rotations


@pytest.mark.parametrize(
    "name, form, core",
    [
        ("Dandong Hongxiang Industrial Development Co., Ltd.", "LTD", "dandong hongxiang industrial development"),
        ("DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT COMPANY LIMITED", "LTD", "dandong hongxiang industrial development"),
        ("丹东鸿祥实业发展有限公司", "LTD", "dandong hongxiang industrial development"),
        ('ООО "Гудзон"', "LLC", "gudzon"),
        ("OOO GUDZON", "LLC", "gudzon"),
        ("LLC Gudzon", "LLC", "gudzon"),
        ("Gudzon Shipping Co LLC", "LLC", "gudzon shipping"),
        ("АО «Кронштадт»", "JSC", "kronshtadt"),
        ("ПАО Агросоюз", "JSC", "agrosoyuz"),
        ("KOTI CORP", "CORP", "koti"),
        ("Korea Ryonbong General Corporation", "CORP", "korea ryonbong general"),
        ("HESONG TRADING COMPANY", "CO", "hesong trading"),
    ],
)
def test_legal_forms_are_cut_off_and_classed(name, form, core):
    n = normalise(name, "entity")
    assert n.legal_form == form
    assert n.text == core


def test_scripts_meet_their_romanisations():
    han = normalise("丹东鸿祥实业发展有限公司", "entity")
    latin = normalise("DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD", "entity")
    assert han.keys == latin.keys and "han" in han.scripts
    hangul = normalise("조선련봉총회사", "entity")
    assert hangul.proper_compact == normalise("Korea Ryonbong General Corp", "entity").proper_compact
    assert hangul.legal_form == "CORP" and "hangul" in hangul.scripts
    assert normalise("고려은행", "entity").proper_compact == normalise("KORYO BANK", "entity").proper_compact
    assert normalise("Писклин Михаил Юрьевич", "individual").keys == normalise(
        "PISKLIN, Mikhail Yur'evich", "individual"
    ).keys


def test_normalise_is_deterministic():
    assert normalise("Korea Ryŏnbong General Corporation", "entity") == normalise(
        "Korea Ryŏnbong General Corporation", "entity"
    )


# --------------------------------------------------------------------------------------------
# score_pair
# --------------------------------------------------------------------------------------------


def test_dob_conflict_vetoes_a_name_match():
    # OFAC lists two different men called KIM, Yong Chol.
    old = person("OFAC-12211", "KIM, Yong Chol", years={1946, 1947})
    komid = person("OFAC-17614", "KIM, Yong Chol", years={1962}, countries={"PRK"})
    un = person("UN-KPi.024", "KIM YONG CHOL", "Kim Young-Chol", years={1962}, countries={"PRK"})
    score, reason = score_pair(old, un)
    assert score < DEFAULT_THRESHOLD and "vetoed: birth years conflict" in reason
    score, reason = score_pair(komid, un)
    assert score == 1.0 and "same birth year 1962" in reason
    score, reason = score_pair(person("OFAC-1", "PAK, Yong Sik", years={1950}), person("UN-1", "PAK YONG SIK", years={1949}))
    assert score >= DEFAULT_THRESHOLD and "one apart" in reason


def test_country_conflict_lowers_the_score():
    a = person("OFAC-1", "KIM, Chol", countries={"PRK"})
    same = person("UN-1", "KIM CHOL", countries={"PRK"})
    other = person("UN-2", "KIM CHOL", countries={"KOR"})
    assert score_pair(a, other)[0] < score_pair(a, same)[0]
    assert "countries differ" in score_pair(a, other)[1]


def test_identifiers_come_first():
    un = entity("UN-KPe.001", "KOREA MINING DEVELOPMENT TRADING CORPORATION", ids={"un_reference": {"KPe.001"}})
    eu = entity("EU-1", "Changgwang Sinyong Corporation", ids={"un_reference": {"KPe.001"}})
    assert score_pair(un, eu) == (1.0, "shared UN reference KPE001")
    other = entity("UK-1", "KOREA MINING DEVELOPMENT TRADING CORPORATION", ids={"un_reference": {"KPe.002"}})
    score, reason = score_pair(un, other)
    assert score == 0.0 and "different UN reference" in reason
    a, b = vessel("OFAC-1", "CHON MA SAN", imo="IMO 8660313"), vessel("UN-1", "CHONMASAN", imo="8660313")
    assert score_pair(a, b) == (1.0, "shared IMO 8660313")
    assert score_pair(a, vessel("UK-1", "CHON MA SAN", imo="9999999"))[0] == 0.0


def test_vessel_names_alone_are_weak():
    score, reason = score_pair(vessel("OFAC-1", "CHON MA SAN"), vessel("UN-1", "CHON MA SAN"))
    assert score == VESSEL_NAME_CAP < DEFAULT_THRESHOLD and "IMO number or an analyst" in reason


def test_reasons_name_the_evidence():
    score, reason = score_pair(
        entity("OFAC-1", "DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD"), entity("EU-1", "丹东鸿祥实业发展有限公司")
    )
    assert score == 1.0 and "丹东鸿祥实业发展有限公司" in reason
    score, reason = score_pair(entity("OFAC-1", "KOREA DAESONG BANK"), entity("UN-1", "KOREA DAESONG GENERAL TRADING CORPORATION"))
    assert score < DEFAULT_THRESHOLD and "trade words differ" in reason
    score, reason = score_pair(person("OFAC-1", "KIM, Yong Chun"), person("UN-1", "KIM YONG CHOL"))
    assert score < DEFAULT_THRESHOLD and "differ after canonicalisation" in reason
    assert score_pair(person("OFAC-1", "KIM, Yong Chol"), entity("UN-1", "KIM YONG CHOL"))[0] == 0.0


# --------------------------------------------------------------------------------------------
# resolve and clusters
# --------------------------------------------------------------------------------------------


def test_resolve_uses_identifiers_names_and_analysts():
    listings = [
        entity("UN-KPe.002", "KOREA RYONBONG GENERAL CORPORATION", ids={"un_reference": {"KPe.002"}}),
        entity("EU-100", "Korea Ryonbong General Corporation", ids={"un_reference": {"KPe.002"}}),
        entity("OFAC-1", "KOREA YONBONG GENERAL CORPORATION"),
        entity("UK-7", "Some Other Trading Company"),
        vessel("OFAC-2", "CHON MA SAN", imo="8660313"),
        vessel("UN-3", "CHONMASAN", imo="8660313"),
        vessel("UK-9", "CHON MA SAN"),  # same name, no IMO: not resolved by name
    ]
    matches = {(m.key_a, m.key_b): m for m in resolve(listings)}
    assert matches[("EU-100", "UN-KPe.002")].basis == "identifier:un_reference"
    assert matches[("OFAC-2", "UN-3")].basis == "identifier:imo"
    assert matches[("OFAC-1", "UN-KPe.002")].basis == "name"
    assert not any("UK-9" in pair for pair in matches)
    ruled = resolve(listings, [Decision("OFAC-1", "UN-KPe.002", "no_match"), Decision("UK-7", "UK-9", "match")])
    pairs = {(m.key_a, m.key_b): m.basis for m in ruled}
    assert ("OFAC-1", "UN-KPe.002") not in pairs and pairs[("UK-7", "UK-9")] == "analyst"
    with pytest.raises(ValueError):
        resolve(listings, [Decision("OFAC-1", "UK-7", "maybe")])


def test_resolve_never_compares_names_within_one_authority():
    listings = [person("OFAC-1", "KIM, Yong Chol"), person("OFAC-2", "KIM, Yong Chol")]
    assert resolve(listings) == []


def test_clusters_respect_no_match_and_authorities():
    m = lambda a, b, score=0.9, basis="name": Match(a, b, score, basis, "test")  # noqa: E731
    keys = ["OFAC-1", "UN-1", "EU-1", "UN-2", "UK-1"]
    matches = [m("OFAC-1", "UN-1", 1.0), m("EU-1", "OFAC-1"), m("EU-1", "UN-2", 0.88), m("UK-1", "UN-2")]
    ids = clusters(keys, matches)
    # EU-1 is already with UN-1 through OFAC-1: a name link may not bring a second UN key in
    assert ids["OFAC-1"] == ids["UN-1"] == ids["EU-1"] == "EU-1"
    assert ids["UN-2"] == ids["UK-1"] == "UK-1" != ids["UN-1"]
    # an analyst's no_match wins over any chain of links
    ids = clusters(keys, matches, [Decision("OFAC-1", "EU-1", "no_match")])
    assert ids["OFAC-1"] != ids["EU-1"]
    # identifiers and analysts may join two listings of one authority
    ids = clusters(["UN-1", "UN-2"], [m("UN-1", "UN-2", 1.0, "identifier:imo")])
    assert ids["UN-1"] == ids["UN-2"] == "UN-1"
    ids = clusters(["UN-1", "UN-2"], [], [Decision("UN-2", "UN-1", "match")])
    assert ids["UN-1"] == ids["UN-2"]
    ids = clusters(["UN-1", "UN-2"], [m("UN-1", "UN-2", 0.99)])
    assert ids["UN-1"] != ids["UN-2"]


def test_resolve_blocks_instead_of_comparing_all_pairs():
    # 6,000 listings: all pairs would be 18 million comparisons; blocking makes it a few seconds.
    listings = []
    for i in range(6000):
        listings.append(person(f"{('OFAC', 'UN', 'EU', 'UK')[i % 4]}-{i}", f"PERSON{i:05d}, Test{i % 97}"))
    started = time.perf_counter()
    resolve(listings, workers=1)
    assert time.perf_counter() - started < 20


# --------------------------------------------------------------------------------------------
# The labelled set
# --------------------------------------------------------------------------------------------


def _labelled() -> list[dict]:
    with open(LABELLED, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pair(row):
    years = lambda text: frozenset(int(y) for y in text.split("|") if y)  # noqa: E731
    a = Listing("A-" + row["id"], "A", row["kind_a"], (row["name_a"],), {}, years(row["birth_year_a"]),
                frozenset({row["country_a"]}) if row["country_a"] else frozenset())  # fmt: skip
    b = Listing("B-" + row["id"], "B", row["kind_b"], (row["name_b"],), {}, years(row["birth_year_b"]),
                frozenset({row["country_b"]}) if row["country_b"] else frozenset())  # fmt: skip
    return a, b


def test_labelled_set_is_well_formed():
    rows = _labelled()
    assert len(rows) >= 300
    assert sum(r["label"] == "no_match" and r["category"].startswith(("hard_negative", "same_name")) for r in rows) >= 120
    assert {r["label"] for r in rows} == {"match", "no_match"}
    assert len({r["id"] for r in rows}) == len(rows)


def test_precision_and_recall_on_the_labelled_set():
    rows = _labelled()
    tp, fp, fn = [], [], []
    for row in rows:
        score, reason = score_pair(*_pair(row))
        predicted, actual = score >= DEFAULT_THRESHOLD, row["label"] == "match"
        entry = f"{row['id']} {score:.2f} [{row['category']}] {row['name_a']} ~ {row['name_b']}: {reason}"
        (tp if predicted and actual else fp if predicted else fn if actual else []).append(entry)
    precision = len(tp) / (len(tp) + len(fp))
    recall = len(tp) / (len(tp) + len(fn))
    report = "\n".join(
        [f"threshold {DEFAULT_THRESHOLD}: precision {precision:.3f}, recall {recall:.3f} "
         f"(tp {len(tp)}, fp {len(fp)}, fn {len(fn)})", "false positives:", *fp, "false negatives:", *fn]
    )  # fmt: skip
    print(report)
    assert precision >= 0.95, report
    assert recall >= 0.90, report


def test_screening_finds_what_score_pair_finds():
    """The blocking index and the rapidfuzz prefilter must not lose a pair the full score keeps."""
    rows = _labelled()
    pairs = [_pair(row) for row in rows]
    screener = Screener([b for _a, b in pairs], workers=1)
    lost = []
    for row, (a, b) in zip(rows, pairs):
        if score_pair(a, b)[0] < DEFAULT_THRESHOLD:
            continue
        dob = min(a.birth_years) if a.birth_years else None
        hits = screener.screen_one(ScreenInput(row["name_a"], dob=dob, country=row["country_a"] or None, kind=row["kind_a"]))
        if b.key not in {h.key for h in hits}:
            lost.append(row["id"])
    assert not lost


# --------------------------------------------------------------------------------------------
# Screening
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_lists():
    return [
        person("OFAC-12211", "KIM, Yong Chol", years={1946, 1947}),
        person("OFAC-17614", "KIM, Yong Chol", years={1962}, countries={"PRK"}),
        entity("OFAC-24451", "GUDZON SHIPPING CO LLC", "OOO GUDZON"),
        entity("UN-KPe.001", "KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"),
        vessel("OFAC-30000", "CHON MA SAN", imo="8660313"),
    ]


def test_screen_by_name_dob_imo_and_script(small_lists):
    screener = Screener(small_lists, workers=1)
    rows = [
        ScreenInput("Kim Young-chol", dob=date(1962, 2, 18)),
        ScreenInput("ООО «Гудзон»"),
        ScreenInput("Acme Widgets GmbH"),
        ScreenInput("ANY NAME", imo="IMO 8660313"),
        ScreenInput("Chonmasan", kind="vessel"),
        "KOMID",
    ]
    hits = list(screener.screen(rows))
    by_row = defaultdict(list)
    for h in hits:
        by_row[h.row].append(h)
    assert [h.key for h in by_row[0]] == ["OFAC-17614"]  # the 1946 Kim Yong Chol is vetoed by the DOB
    assert by_row[1][0].key == "OFAC-24451" and by_row[1][0].basis == "name"
    assert 2 not in by_row
    assert by_row[3][0].basis == "identifier:imo" and by_row[3][0].score == 1.0
    assert by_row[4][0].basis == "name:vessel" and by_row[4][0].score == VESSEL_NAME_CAP
    assert by_row[5][0].key == "UN-KPe.001" and by_row[5][0].name == "KOMID"
    assert [h.row for h in hits] == sorted(h.row for h in hits)


def test_parallel_screening_gives_the_serial_answer(small_lists, monkeypatch):
    rows = [ScreenInput(n) for n in ("KIM Yong Chol", "Gudzon LLC", "nobody at all", "KOMID")] * 30
    serial = list(Screener(small_lists, workers=1).screen(rows))
    monkeypatch.setattr(screening, "PARALLEL_FROM_ROWS", 10)
    monkeypatch.setattr(screening, "CHUNK_ROWS", 7)
    parallel = list(Screener(small_lists, workers=2).screen(rows))
    assert parallel == serial and len(serial) > 0


@pytest.mark.parametrize(
    "value, iso3",
    [("KP", "PRK"), ("prk", "PRK"), ("Korea, North", "PRK"), ("Democratic People's Republic of Korea", "PRK"),
     ("China", "CHN"), ("RU", "RUS"), ("Russian Federation", "RUS"), ("XYZ", "XYZ"), ("", None), ("Atlantis", None),
     # any ISO 3166 name or code (pycountry), not only the DPRK-relevant few
     ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Viet Nam", "VNM"), ("Burma", "MMR"), ("Equatorial Guinea", "GNQ"),
     ("CM", "CMR"), ("Hong Kong SAR", "HKG")],
)  # fmt: skip
def test_country_codes(value, iso3):
    assert country_iso3(value) == iso3


# --------------------------------------------------------------------------------------------
# Real lists: UN 2025-04-19 DPRK parties vs OFAC 2024-05-03 DPRK-program records
# --------------------------------------------------------------------------------------------

_AKA = re.compile(r"\ba\.k\.a\.\s+'([^']+)'")


def _years_in(text: str) -> set[int]:
    years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)]
    if " to " in text and len(years) == 2:
        return set(range(years[0], years[1] + 1))
    if "circa" in text.lower() and years:
        return {years[0] - 1, years[0], years[0] + 1}
    return set(years)


def un_dprk_listings(realdata: Path) -> list[Listing]:
    from orchestration.defs.sources.un_sc.parse import parse_snapshot

    tables = parse_snapshot({"consolidated": [realdata / "sanctions_un" / "un_consolidated_2025-04-19.xml"]}).tables
    aliases, years = defaultdict(list), defaultdict(set)
    for a in tables["aliases"].to_pylist():
        if a["alias_name"]:
            aliases[a["dataid"]].append(a["alias_name"])
    for d in tables["dates_of_birth"].to_pylist():
        if d["date"]:
            years[d["dataid"]].add(d["date"].year)
        if d["year"]:
            years[d["dataid"]].add(d["year"])
        if d["from_year"] and d["to_year"]:
            years[d["dataid"]].update(range(d["from_year"], d["to_year"] + 1))
    out = []
    for p in tables["parties"].to_pylist():
        if p["un_list_type"] != "DPRK":
            continue
        ref = p["reference_number"].strip()
        names = [p["full_name"], *([p["name_original_script"]] if p["name_original_script"] else []), *aliases[p["dataid"]]]
        countries = frozenset(c for c in map(country_iso3, p["nationality"]) if c)
        out.append(Listing(f"UN-{ref}", "UN", p["party_type"], tuple(names), {"un_reference": frozenset({ref})},
                           frozenset(years[p["dataid"]]), countries))  # fmt: skip
    return out


def ofac_dprk_listings(realdata: Path) -> list[Listing]:
    from orchestration.defs.sources.ofac_sdn.parse import parse_snapshot

    tables = parse_snapshot({"sdn": [realdata / "sanctions_ofac" / "sdn_2024" / "sdn_2024-05-03.csv"]}).tables
    facts = defaultdict(list)
    for f in tables["remark_facts"].to_pylist():
        facts[f["ent_num"]].append(f)
    out = []
    for e in tables["sdn_entries"].to_pylist():
        if not any(p.startswith("DPRK") for p in e["programs"]):
            continue
        ids, years, countries = defaultdict(set), set(), set()
        for f in facts[e["ent_num"]]:
            if f["fact"] in ("imo", "registration_number", "passport", "swift_bic"):
                ids[{"registration_number": "registration"}.get(f["fact"], f["fact"])].add(f["value"])
            elif f["fact"] == "dob":
                years |= _years_in(f["value"])
            elif f["fact"] in ("nationality", "citizen") and country_iso3(f["value"]):
                countries.add(country_iso3(f["value"]))
        names = (e["sdn_name"], *_AKA.findall(e["remarks"] or ""))
        out.append(Listing(f"OFAC-{e['ent_num']}", "OFAC", e["sdn_type"] or "entity", names,
                           {k: frozenset(v) for k, v in ids.items()}, frozenset(years), frozenset(countries)))  # fmt: skip
    return out


def test_real_un_dprk_parties_resolve_against_ofac(realdata):
    un, ofac = un_dprk_listings(realdata), ofac_dprk_listings(realdata)
    assert (len(un), len(ofac)) == (155, 484)
    started = time.perf_counter()
    matches = resolve(un + ofac)
    elapsed = time.perf_counter() - started
    ids = clusters([l.key for l in un + ofac], matches)
    members = defaultdict(list)
    for key, cluster in ids.items():
        members[cluster].append(key)

    assert ids["UN-KPe.001"] == ids["OFAC-9345"]  # KOMID / Korea Mining Development Trading Corporation
    assert ids["UN-KPi.024"] == ids["OFAC-17614"] != ids["OFAC-12211"]  # the 1962 Kim Yong Chol, not the 1946 one
    assert ids["UN-KPi.027"] == ids["OFAC-17616"] != ids["OFAC-39497"]  # RYU Jin 1965, not YU Jin 1960
    assert ids["UN-KPi.068"] == ids["OFAC-22996"] != ids["OFAC-22702"]  # KIM Tong Chol 1966, not 1968
    assert ids["UN-KPe.042"] == ids["OFAC-12313"] != ids["UN-KPe.041"]  # Daesong vs Taesong stay apart
    for cluster, keys in members.items():
        un_refs = [k for k in keys if k.startswith("UN-")]
        assert len(un_refs) <= 1, f"two UN references in one cluster: {keys}"
        assert len([k for k in keys if k.startswith("OFAC-")]) <= 1, keys
    found = sum(1 for l in un if any(k.startswith("OFAC-") for k in members[ids[l.key]]))
    print(f"UN DPRK parties with an OFAC DPRK-program counterpart: {found} of {len(un)} "
          f"({len(matches)} matches, resolved in {elapsed:.2f} s)")  # fmt: skip
    # Many UN parties are under OFAC's NPWMD program only, so not every one has a counterpart here.
    assert found >= 80


def test_two_records_of_one_list_stay_apart_even_when_they_share_an_identifier():
    from orchestration.lib.matcher import Decision, Match, clusters

    keys = ["OFAC-1", "OFAC-2", "EU-9"]
    matches = [
        Match("OFAC-1", "OFAC-2", 1.0, "identifier:tax_id", "shared tax id"),
        Match("EU-9", "OFAC-2", 1.0, "identifier:tax_id", "shared tax id"),
        Match("EU-9", "OFAC-1", 1.0, "identifier:registration", "shared registration"),
    ]
    lists = {"OFAC-1": "ofac_sdn", "OFAC-2": "ofac_sdn", "EU-9": "eu_fsf"}
    result = clusters(keys, matches, lists=lists)
    assert result["OFAC-1"] != result["OFAC-2"]
    assert result["EU-9"] in (result["OFAC-1"], result["OFAC-2"])
    ruled = clusters(keys, matches, [Decision("OFAC-1", "OFAC-2", "match")], lists=lists)
    assert ruled["OFAC-1"] == ruled["OFAC-2"]
