"""OFAC SDN legacy CSV parser: real 2024/2026 publications, hand-written fixtures, live fetch."""

from __future__ import annotations

import csv
import functools
import http.server
import os
import shutil
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from orchestration.defs.sources.ofac_sdn import fetch as ofac_fetch
from orchestration.defs.sources.ofac_sdn import parse
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.http import FetchError, FetchPolicy

DPRK_PROGRAMS = {"DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"}
LINEAGE = {"_file", "_record"}
NULL = "-0- "


# --------------------------------------------------------------------------------------------
# Real files
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ofac_dir(realdata: Path) -> Path:
    return realdata / "sanctions_ofac"


@pytest.fixture(scope="module")
def sdn_0502(ofac_dir: Path) -> Path:
    return ofac_dir / "sdn_2024" / "sdn_2024-05-02.csv"


@pytest.fixture(scope="module")
def sdn_0503(ofac_dir: Path) -> Path:
    return ofac_dir / "sdn_2024" / "sdn_2024-05-03.csv"


@pytest.fixture(scope="module")
def parsed_0503(sdn_0503: Path):
    return parse.parse_snapshot({"sdn": [sdn_0503]})


@pytest.fixture(scope="module")
def entries_0503(parsed_0503) -> list[dict]:
    return parsed_0503.tables["sdn_entries"].to_pylist()


def test_real_record_counts(sdn_0502: Path, sdn_0503: Path):
    started = time.perf_counter()
    first = parse.parse_snapshot({"sdn": [sdn_0502]})
    second = parse.parse_snapshot({"sdn": [sdn_0503]})
    elapsed = time.perf_counter() - started
    assert first.tables["sdn_entries"].num_rows == 14_973
    assert second.tables["sdn_entries"].num_rows == 14_965
    assert not first.quarantine and not second.quarantine
    assert elapsed < 5.0, f"parsing both real sdn files took {elapsed:.2f} s"


def test_real_day_to_day_difference(sdn_0502: Path, entries_0503: list[dict]):
    before = {r["ent_num"]: r for r in parse.parse_snapshot({"sdn": [sdn_0502]}).tables["sdn_entries"].to_pylist()}
    after = {r["ent_num"]: r for r in entries_0503}

    def content(row: dict) -> dict:
        return {k: v for k, v in row.items() if k not in LINEAGE}

    assert len(set(before) - set(after)) == 8
    assert not set(after) - set(before)
    changed = [n for n in set(before) & set(after) if content(before[n]) != content(after[n])]
    assert changed == []


def test_real_dprk_programs(entries_0503: list[dict]):
    dprk = [r for r in entries_0503 if DPRK_PROGRAMS & set(r["programs"])]
    assert len(dprk) == 484
    per_program = Counter(p for r in entries_0503 for p in r["programs"] if p in DPRK_PROGRAMS)
    assert per_program == {"DPRK": 57, "DPRK2": 111, "DPRK3": 147, "DPRK4": 174, "DPRK-NKSPEA": 2}
    # Multi-program records keep every program, in OFAC's order.
    assert all(r["programs"] == parse.split_programs(r["program_raw"]) for r in entries_0503)
    assert any(len(r["programs"]) > 1 and "] [" in r["program_raw"] for r in dprk)


def test_real_vessels_and_imo(entries_0503: list[dict], parsed_0503):
    vessels = [r for r in entries_0503 if r["sdn_type"] == "vessel"]
    assert len(vessels) == 851
    dprk_vessels = {r["ent_num"] for r in vessels if DPRK_PROGRAMS & set(r["programs"])}
    assert len(dprk_vessels) == 105
    facts = parsed_0503.tables["remark_facts"].to_pylist()
    imo = [f for f in facts if f["fact"] == "imo"]
    assert all(len(f["value"]) == 7 and f["value"].isdigit() for f in imo)
    with_imo = {f["ent_num"] for f in imo} & dprk_vessels
    assert len(with_imo) == 104
    # The one left over is written "Vessel Registration Identification <7 digits>" without "IMO".
    (other,) = dprk_vessels - with_imo
    assert [f["fact"] for f in facts if f["ent_num"] == other and f["fact"].startswith("vessel")] == [
        "vessel_registration"
    ]
    mmsi = [f for f in facts if f["fact"] == "mmsi"]
    assert mmsi and all(len(f["value"]) == 9 and f["value"].isdigit() for f in mmsi)


def test_real_entities_have_no_type(entries_0503: list[dict]):
    types = Counter(r["sdn_type"] for r in entries_0503)
    assert set(types) == {None, "individual", "vessel", "aircraft"}
    assert types[None] > 6_000


def test_real_null_marker_inside_a_value_survives(entries_0503: list[dict], parsed_0503):
    every_value = [v for r in entries_0503 for k, v in r.items() if isinstance(v, str)]
    assert not any(v.strip() == "-0-" for v in every_value)
    inside = [r for r in entries_0503 if r["remarks"] and "-0-" in r["remarks"]]
    assert len(inside) == 1 and "US FEIN CH-217-0-431-423-3" in inside[0]["remarks"]
    tax = [f for f in parsed_0503.tables["remark_facts"].to_pylist() if f["ent_num"] == inside[0]["ent_num"]]
    assert {"fact": "tax_id", "value": "CH-217-0-431-423-3 (United States)", "qualifier": "US FEIN"} in [
        {k: f[k] for k in ("fact", "value", "qualifier")} for f in tax
    ]


def test_real_ctrl_z_is_not_a_record(sdn_0503: Path, entries_0503: list[dict]):
    raw = sdn_0503.read_bytes()
    assert raw.endswith(b"\r\n\x1a")
    assert entries_0503[-1]["_record"] == raw.count(b"\r\n") == 14_965
    assert [r["_record"] for r in entries_0503] == list(range(1, 14_966))
    assert not any("\x1a" in (r["sdn_name"] or "") + (r["remarks"] or "") for r in entries_0503)


def test_real_truncated_remarks_without_comments(entries_0503: list[dict], parsed_0503):
    truncated = [r for r in entries_0503 if r["remarks_truncated"]]
    assert len(truncated) == 18
    assert all(len(r["remarks"]) <= parse.REMARKS_LIMIT for r in truncated)  # a cut on a space is trimmed
    # Several of them stop inside a crypto address ("... - XBT 1Gq"): the cut-off last item is not
    # mined, so no address fragment becomes a fact.
    truncated_ents = {r["ent_num"] for r in truncated}
    addresses = [
        f["value"]
        for f in parsed_0503.tables["remark_facts"].to_pylist()
        if f["fact"] == "digital_currency_address" and f["ent_num"] in truncated_ents
    ]
    assert addresses and min(len(a) for a in addresses) >= 25


def test_real_2026_add_alt_with_2024_sdn(ofac_dir: Path, sdn_0503: Path):
    add = ofac_dir / "sdn_2026_add_alt" / "add.csv"
    alt = ofac_dir / "sdn_2026_add_alt" / "alt.csv"
    parsed = parse.parse_snapshot({"sdn": [sdn_0503], "add": [add], "alt": [alt]})
    assert parsed.tables["addresses"].num_rows == 24_776
    assert parsed.tables["aliases"].num_rows == 20_260
    assert parsed.quarantine == []
    sdn_ents = set(parsed.tables["sdn_entries"].column("ent_num").to_pylist())
    orphans = [n for n in parsed.tables["addresses"].column("ent_num").to_pylist() if n not in sdn_ents]
    assert orphans, "the 2026 add.csv does not join the 2024 sdn.csv: its orphans must be kept"
    assert Counter(parsed.tables["aliases"].column("alt_type").to_pylist()).keys() <= {"aka", "fka", "nka"}


# --------------------------------------------------------------------------------------------
# Hand-written fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_dir(fixtures: Path) -> Path:
    return fixtures / "ofac_sdn"


@pytest.fixture(scope="module")
def fixture_snapshot(fixture_dir: Path):
    return parse.parse_snapshot(
        {
            "sdn": [fixture_dir / "sdn.csv"],
            "add": [fixture_dir / "add.csv"],
            "alt": [fixture_dir / "alt.csv"],
            "comments": [fixture_dir / "sdn_comments.csv"],
        }
    )


def _facts(snapshot, ent_num: int) -> list[tuple[str, str, str | None]]:
    return [
        (f["fact"], f["value"], f["qualifier"])
        for f in snapshot.tables["remark_facts"].to_pylist()
        if f["ent_num"] == ent_num
    ]


def _entry(snapshot, ent_num: int) -> dict:
    return next(r for r in snapshot.tables["sdn_entries"].to_pylist() if r["ent_num"] == ent_num)


def test_fixture_tables_match_declared_schemas(fixture_snapshot):
    assert set(fixture_snapshot.tables) == set(parse.RAW_TABLES)
    for name, table in fixture_snapshot.tables.items():
        schema = parse.RAW_TABLES[name][0]
        assert table.schema == schema
        assert schema.names[-2:] == ["_file", "_record"]
    assert fixture_snapshot.tables["sdn_entries"].num_rows == 7
    assert fixture_snapshot.quarantine == []


def test_fixture_nulls_and_typed_fields(fixture_snapshot):
    vessel = _entry(fixture_snapshot, 102)
    assert vessel["sdn_type"] == "vessel"
    assert (vessel["call_sign"], vessel["vess_type"], vessel["tonnage"], vessel["grt"]) == (
        "HMXX1", "Oil Tanker", "1,234", "999",
    )  # fmt: skip
    assert vessel["title"] is None and vessel["vess_owner"] is None
    entity = _entry(fixture_snapshot, 101)
    assert entity["sdn_type"] is None
    person = _entry(fixture_snapshot, 107)
    assert person["title"] == "Treasurer" and person["remarks"] is None and person["remarks_truncated"] is False
    assert "US FEIN CH-000-0-000-000-0 (United States)" in _entry(fixture_snapshot, 104)["remarks"]


def test_program_splitting(fixture_snapshot):
    assert _entry(fixture_snapshot, 101)["programs"] == ["NPWMD", "DPRK2"]
    assert _entry(fixture_snapshot, 104)["programs"] == ["DPRK4", "DPRK-NKSPEA"]
    assert _entry(fixture_snapshot, 104)["program_raw"] == "DPRK4] [DPRK-NKSPEA"
    assert _entry(fixture_snapshot, 103)["programs"] == ["DPRK"]
    assert parse.split_programs("SDGT] [IRGC] [IFSR") == ["SDGT", "IRGC", "IFSR"]
    assert parse.split_programs("[SDGT] [IRGC]") == ["SDGT", "IRGC"]
    assert parse.split_programs(None) == []


def test_comments_continuation_joins(fixture_snapshot, fixture_dir: Path):
    with open(fixture_dir / "sdn.csv", newline="", encoding="utf-8") as handle:
        sdn_field = next(row for row in csv.reader(handle) if row[0] == "105")[11]
    assert len(sdn_field) == parse.REMARKS_LIMIT
    joined = _entry(fixture_snapshot, 105)
    assert joined["remarks"].startswith(sdn_field)
    assert len(joined["remarks"]) > parse.REMARKS_LIMIT
    assert joined["remarks"].endswith("Linked To: SAMPLE HOLDINGS LTD.")
    assert "desk20@example-front.test; alt. Email" in joined["remarks"]  # cut mid-word, no space added
    assert joined["remarks_truncated"] is False
    facts = _facts(fixture_snapshot, 105)
    assert ("email", "desk20@example-front.test", "alt.") in facts  # the item the cut went through
    assert ("linked_to", "SAMPLE HOLDINGS LTD", None) in facts  # only in the continuation
    assert len([f for f in facts if f[0] == "email"]) == 39
    comments = fixture_snapshot.tables["comments"].to_pylist()
    assert [(c["ent_num"], c["_file"], c["_record"]) for c in comments] == [(105, "sdn_comments.csv", 1)]


def test_truncated_remarks_without_continuation(fixture_snapshot, fixture_dir: Path):
    cut = _entry(fixture_snapshot, 106)
    assert cut["remarks_truncated"] is True and len(cut["remarks"]) == parse.REMARKS_LIMIT
    websites = [f[1] for f in _facts(fixture_snapshot, 106) if f[0] == "website"]
    assert websites and all(w.endswith(".test") for w in websites)  # the cut-off last item is left out
    without_comments = parse.parse_snapshot({"sdn": [fixture_dir / "sdn.csv"]})
    assert _entry(without_comments, 105)["remarks_truncated"] is True
    assert "comments" not in without_comments.tables


def test_remarks_mining_vessel(fixture_snapshot):
    assert _facts(fixture_snapshot, 102) == [
        ("imo", "1234567", None),
        ("mmsi", "445123456", None),
        ("former_vessel_flag", "Panama", None),
        ("former_vessel_flag", "Togo", "alt."),
        ("former_name", "OLD EXAMPLE", None),
        ("vessel_year_of_build", "1999", None),
        # the last item, and EXAMPLE SHIPPING CO. is a listed name: its own full stop stays
        ("linked_to", "EXAMPLE SHIPPING CO.", None),
    ]


def test_remarks_mining_person(fixture_snapshot):
    assert _facts(fixture_snapshot, 103) == [
        ("dob", "18 Jun 1964", None),
        ("dob", "circa 1947", "alt."),
        ("dob", "1970 to 1972", "alt."),
        ("pob", "Pyongyang, North Korea", None),
        ("nationality", "Korea, North", None),
        ("gender", "Male", None),
        ("passport", "123456789 (Korea, North) expires 01 Jan 2030", None),
        ("linked_to", "TESTING TRADING CORPORATION", None),
        # not a listed name: the closing full stop of Remarks is dropped
        ("linked_to", "SAMPLE HOLDINGS LTD", None),
    ]


def test_remarks_mining_entity(fixture_snapshot):
    assert _facts(fixture_snapshot, 101) == [
        ("linked_to", "EXAMPLE SHIPPING CO.", None),  # inside Remarks the name is written as listed
        ("linked_to", "SAMPLE HOLDINGS LTD.", None),
        ("registration_number", "12345 (Korea, North)", None),
    ]
    assert _facts(fixture_snapshot, 104) == [
        ("tax_id", "CH-000-0-000-000-0 (United States)", "US FEIN"),
        ("website", "www.example-shipping.test", None),
        ("email", "info@example-shipping.test", None),
        ("imo_company_number", "7654321", None),  # on a company it is the IMO owner number, not a ship
    ]


def test_remark_items_keep_quoted_names_whole():
    items = parse.remark_items("a.k.a. 'KIM; THE EXAMPLE'; DOB 1960; a.k.a. 'NO CLOSING QUOTE; DOB 1961")
    assert items == ["a.k.a. 'KIM; THE EXAMPLE'", "DOB 1960", "a.k.a. 'NO CLOSING QUOTE", "DOB 1961"]
    # An unclosed quote never swallows the facts up to some later quoted name.
    items = parse.remark_items("a.k.a. 'ONE' (in Arabic); nationality Iran; a.k.a. 'TWO'")
    assert items == ["a.k.a. 'ONE' (in Arabic)", "nationality Iran", "a.k.a. 'TWO'"]


@pytest.mark.parametrize(
    ("remarks", "expected"),
    [
        ("Vessel Registration Identification IMO  9876543.", [("imo", "9876543", None)]),
        ("Vessel Registration Identification 9876543.", [("vessel_registration", "9876543", None)]),
        ("MMSI 445123456; alt. DOB 1970.", [("mmsi", "445123456", None), ("dob", "1970", "alt.")]),
        (
            "Linked To: A CO.; Linked To: B LTD; Linked To: C LTD.",
            [("linked_to", "A CO.", None), ("linked_to", "B LTD", None), ("linked_to", "C LTD", None)],
        ),
        ("Business Registration Number 1047796451658 (Russia).", [
            ("registration_number", "1047796451658 (Russia)", "Business Registration Number"),
        ]),  # fmt: skip
        ("alt. Registration Number 45403041088 (Latvia).", [("registration_number", "45403041088 (Latvia)", "alt.")]),
        ("Company Number IMO 5146578.", [("imo_company_number", "5146578", None)]),
        ("Organization Established Date 29 Jun 2015", [("organization_established_date", "29 Jun 2015", None)]),
        ("citizen Korea, North; Gender Female.", [("citizen", "Korea, North", None), ("gender", "Female", None)]),
        ("National ID No. 12345 (China)", [("national_id", "12345 (China)", None)]),
        ("Passport issued in Example City, Exampleland", []),  # prose, not a passport number
        ("alt. Digital Currency Address - ETH 0xabc123", [("digital_currency_address", "0xabc123", "alt. ETH")]),
        ("Website www.example.test. Some later prose.", [("website", "www.example.test", None)]),
        ("Secondary sanctions risk: section 1(b) of Executive Order 13224", []),
    ],
)
def test_remarks_mining_patterns(remarks: str, expected: list):
    mined = parse.mine_remarks(remarks, sdn_names={"A CO."})
    assert [(f.fact, f.value, f.qualifier) for f in mined] == expected


def test_mining_imo_on_a_vessel_labelled_as_identification_number():
    mined = parse.mine_remarks("Identification Number IMO 9339301; MMSI 636013272", is_vessel=True)
    assert [(f.fact, f.value) for f in mined] == [("imo", "9339301"), ("mmsi", "636013272")]


def test_add_alt_keep_rows_of_other_snapshots(fixture_snapshot):
    addresses = fixture_snapshot.tables["addresses"].to_pylist()
    assert [(a["ent_num"], a["add_num"], a["_record"]) for a in addresses] == [(101, 201, 1), (102, 202, 2), (999, 203, 3)]
    assert addresses[1]["address"] is None and addresses[1]["country"] == "Korea, North"
    aliases = fixture_snapshot.tables["aliases"].to_pylist()
    assert [(a["ent_num"], a["alt_type"], a["alt_name"]) for a in aliases] == [
        (102, "fka", "OLD EXAMPLE"),
        (103, "aka", "KIM, The Example"),
        (998, "aka", "ORPHAN ALIAS"),
    ]


# --------------------------------------------------------------------------------------------
# Errors and edge cases (small files written here: each needs one exact defect)
# --------------------------------------------------------------------------------------------


def _sdn_line(ent_num: str, name: str, *, remarks: str = NULL, fields: int = 12) -> str:
    values = [ent_num, f'"{name}"', NULL, '"SDGT"'] + [NULL] * 7 + [remarks if remarks == NULL else f'"{remarks}"']
    return ",".join(values[:fields])


def _write(path: Path, lines: list[str], *, ctrl_z: bool = True) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode() + (b"\x1a" if ctrl_z else b""))
    return path


def test_wrong_field_count_names_file_and_line(tmp_path: Path):
    sdn = _write(tmp_path / "sdn.csv", [_sdn_line("1", "ONE"), _sdn_line("2", "TWO"), _sdn_line("3", "THREE", fields=11)])
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"sdn": [sdn]})
    assert caught.value.record == 3
    assert caught.value.file == str(sdn)
    assert str(caught.value).startswith(f"{sdn}, record 3: expected 12 fields")
    assert "found 11" in str(caught.value)


def test_wrong_field_count_in_add_is_an_error(tmp_path: Path):
    sdn = _write(tmp_path / "sdn.csv", [_sdn_line("1", "ONE")])
    add = _write(tmp_path / "add.csv", ['1,10,"Street","City","Country",-0- ', '1,11,"Street","City"'])
    with pytest.raises(SourceFormatError, match=r"add\.csv, record 2: expected 6 fields"):
        parse.parse_snapshot({"sdn": [sdn], "add": [add]})


def test_non_integer_ent_num_is_an_error(tmp_path: Path):
    sdn = _write(tmp_path / "sdn.csv", [_sdn_line("1", "ONE"), _sdn_line("X2", "TWO")])
    with pytest.raises(SourceFormatError, match=r"record 2: ent_num 'X2' is not an integer"):
        parse.parse_snapshot({"sdn": [sdn]})
    alt = _write(tmp_path / "alt.csv", ['one,5,"aka","NAME",-0- '])
    with pytest.raises(SourceFormatError, match=r"alt\.csv, record 1: ent_num"):
        parse.parse_snapshot({"sdn": [_write(tmp_path / "sdn.csv", [_sdn_line("1", "ONE")])], "alt": [alt]})


def test_duplicate_ent_num_is_an_error(tmp_path: Path):
    sdn = _write(tmp_path / "sdn.csv", [_sdn_line("7", "SEVEN"), _sdn_line("8", "EIGHT"), _sdn_line("7", "AGAIN")])
    with pytest.raises(SourceFormatError, match=r"record 3: ent_num 7 appears twice \(first at line 1\)"):
        parse.parse_snapshot({"sdn": [sdn]})


def test_bad_or_repeated_child_keys_are_quarantined(tmp_path: Path):
    sdn = _write(tmp_path / "sdn.csv", [_sdn_line("1", "ONE")])
    add = _write(
        tmp_path / "add.csv",
        ['1,10,"A",-0- ,-0- ,-0- ', '1,1O,"B",-0- ,-0- ,-0- ', '1,10,"C",-0- ,-0- ,-0- '],
    )
    parsed = parse.parse_snapshot({"sdn": [sdn], "add": [add]})
    assert parsed.tables["addresses"].column("address").to_pylist() == ["A"]
    assert [(q.file, q.record) for q in parsed.quarantine] == [("add.csv", 2), ("add.csv", 3)]
    assert "not an integer" in parsed.quarantine[0].reason and "appears twice" in parsed.quarantine[1].reason


def test_unbalanced_quote_is_an_error(tmp_path: Path):
    sdn = _write(tmp_path / "sdn.csv", [_sdn_line("1", "ONE"), '2,"TWO,-0- ,"SDGT"'])
    with pytest.raises(SourceFormatError, match=r"record 2"):
        parse.parse_snapshot({"sdn": [sdn]})


def test_missing_sdn_and_doubled_roles_are_errors(tmp_path: Path):
    add = _write(tmp_path / "add.csv", ['1,10,"A",-0- ,-0- ,-0- '])
    with pytest.raises(SourceFormatError, match="no sdn.csv"):
        parse.parse_snapshot({"add": [add]})
    one = _write(tmp_path / "sdn_2024-01-01.csv", [_sdn_line("1", "ONE")])
    two = _write(tmp_path / "sdn_2024-01-02.csv", [_sdn_line("1", "ONE")])
    with pytest.raises(SourceFormatError, match="2 sdn files"):
        parse.parse_snapshot({"sdn": [one, two]})


def test_lf_endings_no_ctrl_z_and_windows_1252(tmp_path: Path):
    sdn = tmp_path / "sdn.csv"
    sdn.write_bytes(
        (_sdn_line("1", "ONE") + "\n").encode()
        + _sdn_line("2", "CAF\xc9 EXAMPLE").encode("cp1252")
        + b"\n"
        + _sdn_line("3", "KÖLN EXAMPLE").encode("utf-8")
    )
    entries = parse.parse_snapshot({"sdn": [sdn]}).tables["sdn_entries"].to_pylist()
    assert [(e["sdn_name"], e["_record"]) for e in entries] == [("ONE", 1), ("CAFÉ EXAMPLE", 2), ("KÖLN EXAMPLE", 3)]


def test_ctrl_z_elsewhere_is_not_silently_dropped(tmp_path: Path):
    sdn = _write(tmp_path / "sdn.csv", [_sdn_line("1", "ONE"), "\x1a", _sdn_line("2", "TWO")])
    with pytest.raises(SourceFormatError, match=r"record 2: expected 12 fields"):
        parse.parse_snapshot({"sdn": [sdn]})


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("sdn.csv", "sdn"),
        ("SDN.CSV", "sdn"),
        ("sdn_2024-05-03.csv", "sdn"),
        ("add.csv", "add"),
        ("ADD_2024-05-03.CSV", "add"),
        ("alt.csv", "alt"),
        ("sdn_comments.csv", "comments"),
        ("SDN_COMMENTS_2024-05-03.CSV", "comments"),
        ("cons_prim.csv", None),
        ("cons_add.csv", None),
        ("cons_alt.csv", None),
        ("cons_comments.csv", None),
        ("sdn.xml", None),
        ("README.md", None),
    ],
)
def test_classify(name: str, role: str | None):
    assert parse.classify(Path(name)) == role
    if role:
        assert parse.publisher_as_of(Path(name), role) is None


def test_publisher_as_of_is_none_for_real_file(sdn_0503: Path):
    # The CSVs hold no date; the snapshot date comes from the file name or folder instead.
    assert parse.publisher_as_of(sdn_0503, "sdn") is None


# --------------------------------------------------------------------------------------------
# Live fetch against a loopback server
# --------------------------------------------------------------------------------------------


@pytest.fixture()
def ofac_server(tmp_path: Path, fixture_dir: Path):
    served = tmp_path / "served" / "exports"
    served.mkdir(parents=True)
    for role, (remote, local) in ofac_fetch.FILES.items():
        shutil.copyfile(fixture_dir / local, served / remote)
    # Distinct Last-Modified per file, as a server may send: the snapshot must still be one.
    for offset, remote in enumerate(sorted(p.name for p in served.iterdir())):
        stamp = 1_714_700_000 - offset * 86_400 * 30
        os.utime(served / remote, (stamp, stamp))
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "served"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/exports/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


FAST = FetchPolicy(timeout_seconds=5, retries=0, backoff_factor=0)


def test_fetch_downloads_the_four_files(ofac_server: str, tmp_path: Path, fixture_dir: Path):
    dest = tmp_path / "landing"
    files = ofac_fetch.fetch(dest, base_url=ofac_server, policy=FAST)
    assert [f.role for f in files] == ["sdn", "add", "alt", "comments"]
    for item in files:
        assert item.origin.startswith(ofac_server)
        assert parse.classify(item.path) == item.role
        assert item.path.read_bytes() == (fixture_dir / item.path.name).read_bytes()
    assert len({f.last_modified for f in files}) == 1  # sdn.csv's date stands for all four
    parsed = parse.parse_snapshot({f.role: [f.path] for f in files})
    assert parsed.tables["sdn_entries"].num_rows == 7


def test_fetch_base_url_from_environment(ofac_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(ofac_fetch.BASE_URL_ENV, ofac_server.rstrip("/"))
    files = ofac_fetch.fetch(tmp_path / "landing", policy=FAST)
    assert files[0].origin == ofac_server + "SDN.CSV"


def test_fetch_missing_file_raises(ofac_server: str, tmp_path: Path):
    with pytest.raises(FetchError, match="HTTP 404"):
        ofac_fetch.fetch(tmp_path / "landing", base_url=ofac_server + "nowhere/", policy=FAST)


def test_assets_declare_one_key_per_raw_table():
    from orchestration.defs.sources.ofac_sdn import assets

    keys = {tuple(k.path) for k in assets.ofac_sdn_raw_tables.keys}
    assert keys == {("raw_ofac_sdn", name) for name in parse.RAW_TABLES}
