"""The bundled-sample generator: deterministic, equal to the committed sample, faithful to its
documented facts (IMO check digits, China-DPRK totals, OFAC snapshot changes, AIS scenarios),
and able to write a benchmark-scale AIS week as Parquet."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from orchestration.sample import generate
from orchestration.sample import scenarios as sc
from orchestration.sample.ais import dist_m
from orchestration.sample.world import (
    OFAC_ADDED_KEYS,
    OFAC_AMENDED_KEYS,
    OFAC_DELISTED_KEYS,
    imo_check_digit_ok,
    load_ports,
    load_trade_reference,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
COMMITTED = REPO_ROOT / "data" / "sample"
NOAA_CLASSIC = ["MMSI", "BaseDateTime", "LAT", "LON", "SOG", "COG", "Heading", "VesselName", "IMO",
                "CallSign", "VesselType", "Status", "Length", "Width", "Draft", "Cargo",
                "TransceiverClass"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample_seed7")
    generate(out, seed=7, verbose=False)
    return out


def _digests(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------------------ determinism


def test_same_seed_writes_identical_files(sample, tmp_path):
    generate(tmp_path, seed=7, verbose=False)
    assert _digests(tmp_path) == _digests(sample)


def test_other_seed_changes_the_noise_not_the_facts(sample, tmp_path):
    generate(tmp_path, seed=8, verbose=False)
    a, b = _digests(sample), _digests(tmp_path)
    assert a.keys() == b.keys()
    assert a["ais/AIS_2024_06_05.csv"] != b["ais/AIS_2024_06_05.csv"]


def test_committed_sample_equals_a_fresh_generation(sample):
    """Nobody edits data/sample by hand: regenerate with `tumen sample --out data/sample --seed 7`."""
    committed, fresh = _digests(COMMITTED), _digests(sample)
    missing = sorted(fresh.keys() - committed.keys())
    extra = sorted(committed.keys() - fresh.keys())
    changed = sorted(k for k in fresh.keys() & committed.keys() if fresh[k] != committed[k])
    assert not (missing or extra or changed), (
        f"data/sample differs from the generator output: missing={missing} extra={extra} "
        f"changed={changed}; regenerate with `python -m orchestration.sample --out data/sample "
        f"--seed 7`")


def test_sample_is_small():
    total = sum(p.stat().st_size for p in COMMITTED.rglob("*") if p.is_file())
    assert total <= 5_000_000


# ------------------------------------------------------------------------------ OFAC


def _ofac_rows(path: Path) -> dict[int, list[str]]:
    raw = path.read_bytes()
    assert raw.endswith(b"\r\n\x1a"), "OFAC files end with CRLF and Ctrl-Z"
    text = raw[:-1].decode("ascii")
    assert "\n" not in text.replace("\r\n", ""), "CRLF line ends only"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return {int(r[0]): r for r in rows}


def test_ofac_format(sample):
    for day in ("2024-05-01", "2024-06-01"):
        folder = sample / "ofac_sdn" / day
        sdn = _ofac_rows(folder / "sdn.csv")
        assert all(len(r) == 12 for r in sdn.values())
        assert all(900001 <= e < 910000 for e in sdn)
        types = {r[2] for r in sdn.values()}
        assert types == {"individual", "vessel", "aircraft", "-0- "}
        assert any("] [" in r[3] for r in sdn.values())
        dprk = [r for r in sdn.values() if re.search(r"\bDPRK|NPWMD", r[3])]
        assert 60 <= len(dprk) <= 120
        assert 20 <= sum(r[2] == "vessel" for r in dprk) <= 30
        assert len(sdn) - len(dprk) >= 90
        assert all(len(r) == 6 for r in csv.reader(io.StringIO(
            (folder / "add.csv").read_bytes()[:-1].decode("ascii"), newline="")))
        alt = list(csv.reader(io.StringIO((folder / "alt.csv").read_bytes()[:-1].decode("ascii"),
                                          newline="")))
        assert all(len(r) == 5 and r[2] in ("aka", "fka", "nka") for r in alt)
        comments = _ofac_rows(folder / "sdn_comments.csv")
        assert comments, "at least one Remarks continues in sdn_comments.csv"
        for ent, (_, tail) in comments.items():
            assert len(sdn[ent][11]) == 1000 and tail and not tail.startswith(" ")
    line = (sample / "ofac_sdn/2024-05-01/sdn.csv").read_bytes().split(b"\r\n")[0]
    assert b",-0- ," in line and not line.startswith(b'"')


def test_ofac_snapshot_diff_is_as_documented(sample):
    may = _ofac_rows(sample / "ofac_sdn/2024-05-01/sdn.csv")
    june = _ofac_rows(sample / "ofac_sdn/2024-06-01/sdn.csv")
    removed = sorted(may.keys() - june.keys())
    added = sorted(june.keys() - may.keys())
    amended = sorted(e for e in may.keys() & june.keys() if may[e] != june[e])
    assert (len(removed), len(added), len(amended)) == (2, 1, 1)
    assert len(OFAC_DELISTED_KEYS) == 2 and len(OFAC_ADDED_KEYS) == 1 and len(OFAC_AMENDED_KEYS) == 1
    assert {may[e][1] for e in removed} >= {"SONG WON"}
    (e,) = amended
    assert [i for i in range(12) if may[e][i] != june[e][i]] == [11], "only Remarks changed"
    assert may[e][1] == "CHON MA SAN" and "MMSI 445316000" in june[e][11]
    readme = (sample / "README.md").read_text(encoding="utf-8")
    for ent in removed + added + amended:
        assert str(ent) in readme


# ------------------------------------------------------------------------------ IMO numbers


def test_every_imo_in_the_sample_has_a_valid_check_digit(sample):
    found: set[str] = set()
    for day in ("2024-05-01", "2024-06-01"):
        for r in _ofac_rows(sample / "ofac_sdn" / day / "sdn.csv").values():
            found.update(re.findall(r"IMO (\d{7})", r[11]))
    for path in sorted((sample / "ais").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            key = next(k for k in ("IMO", "imo") if k in reader.fieldnames) if "aisdk" not in \
                path.name else "IMO"
            for row in reader:
                value = row[key].removeprefix("IMO")
                if value.isdigit() and value != "0000000":
                    found.add(value)
    assert len(found) >= 40
    bad = sorted(x for x in found if not imo_check_digit_ok(x))
    assert not bad, f"IMO numbers failing the check digit: {bad}"


# ------------------------------------------------------------------------------ Comtrade


def test_china_dprk_totals_match_the_reference_seed(sample):
    refs = load_trade_reference()
    assert sorted(refs) == list(range(2017, 2025))
    for year, ref in refs.items():
        body = json.loads((sample / f"comtrade/2025-03-01/comtrade_156_408_monthly_{year}.json").read_text())
        assert set(body) == {"elapsedTime", "count", "data", "error"}
        assert body["count"] == len(body["data"]) and body["error"] == ""
        data = body["data"]
        assert {r["classificationCode"] for r in data} == {"H5" if year <= 2021 else "H6"}
        for flow, expected in (("X", ref.china_exports_usd), ("M", ref.china_imports_usd)):
            total = sum(r["primaryValue"] for r in data
                        if r["flowCode"] == flow and r["cmdCode"] == "TOTAL")
            assert abs(total - expected) <= 0.10 * expected, (year, flow, total, expected)
        for period in {r["period"] for r in data}:
            for flow in "XM":
                rows = [r for r in data if r["period"] == period and r["flowCode"] == flow]
                leaves = sum(r["primaryValue"] for r in rows if r["cmdCode"] != "TOTAL")
                (tot,) = [r["primaryValue"] for r in rows if r["cmdCode"] == "TOTAL"]
                assert tot == leaves, (period, flow)
                assert all(len(r["cmdCode"]) == 6 and r["netWgt"] is not None
                           for r in rows if r["cmdCode"] not in ("TOTAL", "271600"))


def test_planted_trade_rows_are_present(sample):
    for pid, rep, flow, year, month, hs, usd, _ in sc.TRADE_PLANTS:
        data = json.loads((sample / f"comtrade/2025-03-01/comtrade_{rep}_408_monthly_{year}.json")
                          .read_text())["data"]
        hits = [r for r in data if r["period"] == f"{year}{month:02d}" and r["flowCode"] == flow
                and r["cmdCode"] == hs]
        assert [r["primaryValue"] for r in hits] == [usd], pid


def test_comtrade_csv_has_bom_and_v1_header(sample):
    for rep in (643, 699, 764):
        raw = (sample / f"comtrade/2025-03-01/comtrade_{rep}_408_annual.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        header = raw[3:].split(b"\r\n")[0].decode().split(",")
        assert header[:3] == ["typeCode", "freqCode", "refPeriodId"] and "primaryValue" in header


COMTRADE = "comtrade/2025-03-01"
PEERS = f"{COMTRADE}/comtrade_156_world_partners_annual.csv"
PEER_CODES = {410, 392, 842, 276, 643, 704, 764, 699, 76, 36, 458, 360}


def _china_dprk(sample: Path) -> list[dict]:
    """Every HS6 record (no TOTAL) of China's monthly DPRK files, 2017-2024."""
    out = []
    for year in range(2017, 2025):
        body = json.loads((sample / f"{COMTRADE}/comtrade_156_408_monthly_{year}.json").read_text())
        out += [r for r in body["data"] if r["cmdCode"] != "TOTAL"]
    return out


def _peer_rows(sample: Path) -> list[dict]:
    with (sample / PEERS).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def _robust_z(x: float, peers: list[float]) -> float:
    m = _median(peers)
    return (x - m) / (1.4826 * _median([abs(v - m) for v in peers]))


def _unit_values(sample: Path) -> dict[tuple[int, str, str], dict]:
    """(year, flow, HS6) -> the DPRK flow's annual USD/kg and its peers' USD/kg."""
    dprk: dict[tuple[int, str, str], list[float]] = {}
    for r in _china_dprk(sample):
        if r["netWgt"]:
            v = dprk.setdefault((r["refYear"], r["flowCode"], r["cmdCode"]), [0, 0])
            v[0] += r["primaryValue"]
            v[1] += r["netWgt"]
    peers: dict[tuple[int, str, str], list[float]] = {}
    for r in _peer_rows(sample):
        if r["netWgt"]:
            peers.setdefault((int(r["refYear"]), r["flowCode"], r["cmdCode"]), []).append(
                float(r["primaryValue"]) / float(r["netWgt"]))
    return {k: {"usd": v, "kg": kg, "uv": v / kg, "peers": peers[k]}
            for k, (v, kg) in dprk.items()}


def test_china_dprk_annual_totals_stay_exactly_the_seed(sample):
    refs = load_trade_reference()
    rows = _china_dprk(sample)
    for year, ref in refs.items():
        for flow, expected in (("X", ref.china_exports_usd), ("M", ref.china_imports_usd)):
            got = sum(r["primaryValue"] for r in rows if r["refYear"] == year and r["flowCode"] == flow)
            assert got == expected, (year, flow)


def test_world_partner_file_parses_with_the_comtrade_parser(sample):
    from orchestration.defs.sources.comtrade import parse

    path = sample / PEERS
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert raw[3:].split(b"\r\n")[0].decode().split(",") == [n for n, _ in parse.V1_FIELDS]
    assert parse.classify(path) == parse.V1_CSV
    table, quarantine = parse.parse_file(path, parse.V1_CSV)
    assert not quarantine
    rows = table.to_pylist()
    assert len(rows) == len(_peer_rows(sample)) > 1000
    assert {r["reporterCode"] for r in rows} == {156}
    assert {r["partnerCode"] for r in rows} == PEER_CODES  # never 0 (World), never 408
    assert {r["freqCode"] for r in rows} == {"A"} and {r["refMonth"] for r in rows} == {52}
    assert {r["refYear"] for r in rows} == set(range(2017, 2025))
    assert all(r["classificationCode"] == ("H5" if r["refYear"] <= 2021 else "H6") for r in rows)
    assert all(r["qty"] and r["qty"] > 0 and r["primaryValue"] > 0 for r in rows)
    assert all(r["netWgt"] and r["netWgt"] > 0 for r in rows if r["cmdCode"] != "271600")
    # every HS6 of the China-DPRK trade, both flows, every year, with enough peers where the
    # DPRK trades
    dprk_lines = {(r["cmdCode"], r["flowCode"]) for r in _china_dprk(sample)}
    hs_codes = {hs for hs, _ in dprk_lines}
    assert {r["cmdCode"] for r in rows} == hs_codes
    cells: dict[tuple[str, str, int], set[int]] = {}
    for r in rows:
        cells.setdefault((r["cmdCode"], r["flowCode"], r["refYear"]), set()).add(r["partnerCode"])
    for hs in hs_codes:
        for flow in "MX":
            for year in range(2017, 2025):
                n = len(cells.get((hs, flow, year), ()))
                assert n >= (9 if (hs, flow) in dprk_lines else 3), (hs, flow, year)
    # plausible magnitudes the README documents (USD/kg of the peers in the DPRK direction)
    uv = _unit_values(sample)
    for (hs, flow), (lo, hi) in {("670411", "M"): (30, 80), ("720221", "M"): (1.0, 1.8),
                                 ("261390", "M"): (12, 30), ("270112", "M"): (0.06, 0.15),
                                 ("271019", "X"): (0.6, 1.0), ("150710", "X"): (0.8, 1.2),
                                 ("100630", "X"): (0.45, 0.7)}.items():
        meds = [_median(v["peers"]) for (y, f, h), v in uv.items() if (h, f) == (hs, flow)]
        assert meds and all(lo <= m <= hi for m in meds), (hs, flow, meds)


def test_planted_unit_values_are_where_documented(sample):
    uv = _unit_values(sample)
    planted = {(u.year, u.flow, u.hs): u for u in sc.UNIT_VALUE_PLANTS}
    assert {u.id for u in sc.UNIT_VALUE_PLANTS} == {"U1", "U2", "U3"}
    for key, u in planted.items():
        v = uv[key]
        assert len(v["peers"]) >= 9
        ratio = v["uv"] / _median(v["peers"])
        z = _robust_z(v["uv"], v["peers"])
        assert abs(ratio - u.ratio_to_peer_median) <= 0.01 * u.ratio_to_peer_median, (u.id, ratio)
        if u.id == "U1":
            assert z < -5, z  # under-invoicing, far below -3
        elif u.id == "U2":
            assert z > 5, z  # over-invoicing, far above +3
        else:
            assert not u.expect_flag and -3 < z < -1, z  # cheaper than the peers, yet normal
    # nothing else in the sample looks mis-invoiced
    others = {k: _robust_z(v["uv"], v["peers"]) for k, v in uv.items() if k not in planted}
    assert len(others) > 100
    assert max(abs(z) for z in others.values()) < 3, max(others.items(), key=lambda kv: abs(kv[1]))
    readme = (sample / "README.md").read_text(encoding="utf-8")
    for u in sc.UNIT_VALUE_PLANTS:
        v = uv[(u.year, u.flow, u.hs)]
        assert f"| {u.id} | {u.flow} | {u.year} | {u.hs} | {v['usd']:,} | {v['kg']:,} |" in readme


def _sanction_rules() -> list[dict]:
    with (REPO_ROOT / "dbt_project/seeds/un_hs_sanction_rules.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _ban_from(hs6: str, direction: str, rules: list[dict]) -> str | None:
    """The earliest full ban of an HS6 code, as dim_commodities resolves it (longest prefix)."""
    matches = [r for r in rules if r["direction"] == direction and hs6.startswith(r["hs_prefix"])]
    if not matches:
        return None
    longest = max(len(r["hs_prefix"]) for r in matches)
    return min((r["effective_from"] for r in matches
                if len(r["hs_prefix"]) == longest and r["scope"] == "full"), default=None)


def _substitution_signals(sample: Path) -> set[tuple[str, int, str, str]]:
    """fct_trade_substitution_signals with its default vars, recomputed from the China files:
    (dprk_flow, year, banned heading, rising heading)."""
    rules = _sanction_rules()
    value: dict[tuple[str, int, str], int] = {}
    codes: dict[tuple[str, str], set[str]] = {}
    for r in _china_dprk(sample):
        d = "export" if r["flowCode"] == "M" else "import"
        key = (d, r["refYear"], r["cmdCode"][:4])
        value[key] = value.get(key, 0) + r["primaryValue"]
        codes.setdefault((d, r["cmdCode"][:4]), set()).add(r["cmdCode"])

    def ban(d: str, heading: str) -> str | None:
        direction = "dprk_export_ban" if d == "export" else "dprk_import_ban"
        dates = [b for hs in codes[(d, heading)] if (b := _ban_from(hs, direction, rules))]
        return min(dates, default=None)

    bans = {k: ban(*k) for k in codes}
    out = set()
    for d, heading_c in codes:
        for year in range(2018, 2025):
            before, now = value.get((d, year - 1, heading_c), 0), value.get((d, year, heading_c), 0)
            b = bans[(d, heading_c)]
            if not (before > 0 and b and b <= f"{year}-01-01" and now <= 0.10 * before):
                continue
            for d2, heading_r in codes:
                br = bans[(d2, heading_r)]
                if d2 != d or (br and br <= f"{year}-12-31"):
                    continue
                b0, b1 = value.get((d, year - 1, heading_r), 0), value.get((d, year, heading_r), 0)
                if b0 > 0 and b1 >= 2 * b0 and b1 - b0 >= 0.25 * (before - now):
                    out.add((d, year, heading_c, heading_r))
    return out


def test_substitution_rows_exist(sample):
    rows = _china_dprk(sample)

    def heading(flow: str, year: int, prefix: str) -> int:
        return sum(r["primaryValue"] for r in rows
                   if r["flowCode"] == flow and r["refYear"] == year and r["cmdCode"].startswith(prefix))

    for p in sc.SUBSTITUTION_PLANTS:
        y0, y1 = p.year - 1, p.year
        fall = heading(p.flow, y0, p.banned_heading) - heading(p.flow, y1, p.banned_heading)
        assert heading(p.flow, y1, p.banned_heading) <= 0.01 * heading(p.flow, y0, p.banned_heading)
        r0, r1 = heading(p.flow, y0, p.rising_heading), heading(p.flow, y1, p.rising_heading)
        assert r0 > 0 and r1 >= 2 * r0, p.id  # +100 % or more
        assert r1 - r0 >= 0.25 * fall, p.id
        for s in p.series:  # the pinned lines, to the dollar, in their months only
            hits = [r for r in rows if r["flowCode"] == s.flow and r["refYear"] == s.year
                    and r["cmdCode"] == s.hs]
            assert sum(r["primaryValue"] for r in hits) == s.usd
            assert {r["refMonth"] for r in hits} <= set(s.months)
    # 6203 in 2018 is only the planted T-b row (620342, 2018-06), still there
    trousers_2018 = [(r["period"], r["primaryValue"]) for r in rows
                     if r["refYear"] == 2018 and r["cmdCode"].startswith("6203")]
    assert trousers_2018 == [("201806", 784_000)]
    assert heading("M", 2018, "2701") == 0 and heading("M", 2017, "2701") == 230_850_000
    # what the mart shows with its default thresholds: the planted risers, plus the documented
    # human-hair co-movement on the export side
    signals = _substitution_signals(sample)
    assert ("export", 2018, "6203", "6704") in signals
    assert ("export", 2018, "2701", "2704") in signals
    assert {(d, y, r) for d, y, _, r in signals} == {
        ("export", 2018, "6704"), ("export", 2018, "2704"), ("import", 2018, "6703")}
    readme = (sample / "README.md").read_text(encoding="utf-8")
    assert "| S-sub-a | M | 6203 |" in readme and "| S-sub-b | M | 2701 |" in readme


def test_refined_petroleum_tonnage_every_month_and_the_planted_ledger_gap(sample):
    rows = [r for r in _china_dprk(sample) if r["flowCode"] == "X"]
    assert not any(r["cmdCode"].startswith("2709") for r in rows), "no crude customs rows"
    tonnes: dict[str, float] = {}
    for year in range(2017, 2025):
        for m in range(1, 13):
            period = f"{year}{m:02d}"
            oil = [r for r in rows if r["period"] == period and r["cmdCode"] in ("271012", "271019")]
            assert {r["cmdCode"] for r in oil} == {"271012", "271019"}, period
            assert all(r["qtyUnitAbbr"] == "kg" and r["netWgt"] > 0 and r["qty"] == r["netWgt"]
                       for r in oil), period
            tonnes[period] = sum(r["netWgt"] for r in oil) / 1000
    # 2021 months: the magnitudes of China's notifications (hundreds to a few thousand tonnes)
    assert all(150 <= tonnes[f"2021{m:02d}"] <= 6000 for m in range(1, 13))
    assert all(500 <= t <= 3000 for p, t in tonnes.items() if p >= "2024")
    # pinned months against the seed's notifications
    with (REPO_ROOT / "dbt_project/seeds/un_1718_petroleum_notifications.csv").open(encoding="utf-8") as fh:
        notified = {r["period_start"][:7].replace("-", ""): float(r["quantity"])
                    for r in csv.DictReader(fh)
                    if r["reporting_state_iso3"] == "CHN" and r["granularity"] == "month"
                    and r["unit"] == "bbl" and r["product"] == "refined"}
    bbl = sc.PETROLEUM_BBL_PER_TONNE
    for p in sc.PETROLEUM_MONTHS:
        period = f"{p.year}{p.month:02d}"
        assert tonnes[period] == p.customs_t, period
        if p.notified_bbl is not None:
            assert notified[period] == p.notified_bbl
            ratio = tonnes[period] * bbl / p.notified_bbl
            if p.id == "P1":
                assert ratio > 4, ratio  # the planted ledger discrepancy
            else:
                assert abs(ratio - 1) < 0.01, (period, ratio)
    assert set(notified) == {f"{p.year}{p.month:02d}" for p in sc.PETROLEUM_MONTHS if p.notified_bbl}
    # China's 2021 notifications (annual and Jan-Aug totals of the seed) are matched too
    assert abs(sum(tonnes[f"2021{m:02d}"] for m in range(1, 13)) * bbl - 91_909) < 100
    assert abs(sum(tonnes[f"2021{m:02d}"] for m in range(1, 9)) * bbl - 38_334) < 100
    readme = (sample / "README.md").read_text(encoding="utf-8")
    assert "| **P1** | 2022-01 | 6,480 | 53,978 | 10,822 | 4.99 |" in readme


# ------------------------------------------------------------------------------ AIS scenarios


def _ais(sample: Path) -> dict[str, list[tuple[int, float, float, float]]]:
    """mmsi -> [(t, lat, lon, sog)] from the NOAA files (both layouts), quirk rows dropped."""
    out: dict[str, list] = {}
    for path in sorted((sample / "ais").glob("*.csv")):
        if path.name.startswith("aisdk"):
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                mmsi = row.get("MMSI") or row.get("mmsi")
                ts = row.get("BaseDateTime") or row.get("base_date_time")
                lat = float(row.get("LAT") or row.get("latitude"))
                lon = float(row.get("LON") or row.get("longitude"))
                sog = float(row.get("SOG") or row.get("sog"))
                if not mmsi.isdigit() or lat > 90 or sog > 102:
                    continue
                t = sc.t(ts.replace(" ", "T"))
                out.setdefault(mmsi, []).append((t, lat, lon, sog))
    return {k: sorted(set(v)) for k, v in out.items()}


@pytest.fixture(scope="module")
def tracks(sample):
    return _ais(sample)


def test_s1_ship_to_ship_transfer(tracks):
    s = sc.by_id("S1")
    a, b = (tracks[str(v.mmsi)] for v in s.vessels)
    t0, t1 = sc.t(s.start), sc.t(s.end)
    assert t1 - t0 >= 3 * 3600
    ports = load_ports()
    assert min(dist_m((s.lat, s.lon), (p.lat, p.lon)) for p in ports.values()) > 30_000
    close = 0
    for t, lat, lon, sog in (r for r in a if t0 <= r[0] <= t1):
        q = min(b, key=lambda r: abs(r[0] - t))
        assert abs(q[0] - t) <= 300
        assert dist_m((lat, lon), (q[1], q[2])) < 300 and sog < 1.0 and q[3] < 1.0
        close += 1
    assert close >= 30
    after = [r for r in a if t1 + 1800 <= r[0] <= t1 + 3600]
    assert after and all(r[3] > 5 for r in after)


def test_s2_gaps(tracks):
    nampo = load_ports()["Nampo"]
    md = tracks[str(sc.ref("mudubong").mmsi)]
    for sid, hours in (("S2a", 10), ("S2b", 14)):
        s = sc.by_id(sid)
        t0, t1 = sc.t(s.start), sc.t(s.end)
        assert not [r for r in md if t0 < r[0] < t1]
        before = [r for r in md if r[0] <= t0][-1]
        after = [r for r in md if r[0] >= t1][0]
        assert after[0] - before[0] == hours * 3600
        if sid == "S2a":
            for r in (before, after):
                assert dist_m((r[1], r[2]), (nampo.lat, nampo.lon)) < 40_000
    for _, fixes in tracks.items():  # D4 and everyone else: no other gap over 2 hours
        gaps = [(b[0] - a[0], a[0]) for a, b in zip(fixes, fixes[1:]) if b[0] - a[0] > 7200]
        if fixes is not md:
            assert not gaps


def test_s3_shuttle_stops(tracks):
    ports = load_ports()
    an = tracks[str(sc.ref("angara").mmsi)]
    for port, a, b in sc.S3_STOPS:
        rows = [r for r in an if sc.t(a) <= r[0] <= sc.t(b)]
        assert rows[-1][0] - rows[0][0] >= 12 * 3600 - 1200
        p = ports[port]
        assert all(r[3] < 0.2 and dist_m((r[1], r[2]), (p.lat, p.lon)) < 1500 for r in rows)


def test_s6_loitering_alone_at_sea(tracks):
    s = sc.by_id("S6")
    t0, t1 = sc.t(s.start), sc.t(s.end)
    ports = load_ports()
    mine = [r for r in tracks[str(s.vessels[0].mmsi)] if t0 <= r[0] <= t1]
    assert t1 - t0 >= 6 * 3600 and len(mine) > 50
    assert all(r[3] < 1.5 for r in mine)
    assert all(min(dist_m((r[1], r[2]), (p.lat, p.lon)) for p in ports.values()) > 20_000
               for r in mine)
    for mmsi, fixes in tracks.items():
        if mmsi != str(s.vessels[0].mmsi):
            for t, lat, lon, _ in fixes:
                if t0 <= t <= t1:
                    assert dist_m((lat, lon), mine[0][1:3]) > 20_000


def test_d1_fast_pass_is_close_but_fast(tracks):
    s = sc.by_id("D1")
    tp = sc.t(s.start)
    a, b = ([r for r in tracks[str(v.mmsi)] if r[0] == tp][0] for v in s.vessels)
    assert 200 < dist_m(a[1:3], b[1:3]) < 400 and a[3] > 10 and b[3] > 10


def test_only_planned_vessels_come_close_at_sea(sample):
    """Outside the ports, only S1 (alongside) and D1 (fast pass) bring two ships within 1 km."""
    from orchestration.sample.ais import close_pairs

    rows = []
    for mmsi, fixes in _ais(sample).items():
        for t, lat, lon, sog in fixes:
            rows.append((t, int(mmsi), lat, lon, sog, 0, 0, 0, mmsi))
    pairs = close_pairs(rows, load_ports())
    expected = {tuple(sorted(str(v.mmsi) for v in sc.by_id(i).vessels)) for i in ("S1", "D1")}
    assert set(pairs) == expected


def test_ais_layouts(sample):
    classic = (sample / "ais/AIS_2024_06_03.csv").read_bytes()
    assert classic.split(b"\r\n")[0].decode().split(",") == NOAA_CLASSIC
    assert re.search(rb"\r\n\d{9},2024-06-03T\d\d:\d\d:\d\d,", classic)
    new = (sample / "ais/ais-2024-06-08.csv").read_text(encoding="utf-8")
    assert new.splitlines()[0].startswith("mmsi,base_date_time,longitude,latitude,")
    assert "2024-06-08 " in new and "\r" not in new
    dma = (sample / "ais/aisdk-2024-06-05.csv").read_text(encoding="utf-8")
    assert dma.startswith("# Timestamp,Type of mobile,MMSI,") and "05/06/2024 " in dma
    assert "91.000000,181.000000" in dma and ",Class A," in dma
    text = b"".join(p.read_bytes() for p in sorted((sample / "ais").glob("AIS_*.csv")))
    assert b",511.0," in text and b",102.3," in text and b"91.00000,181.00000" in text
    assert b"\r\n41241760S," in text
    lines = text.split(b"\r\n")
    assert len(lines) - len(set(lines)) >= 4, "exact duplicate rows are planted"


# ------------------------------------------------------------------------------ scale


def test_scale_writes_parquet_with_noaa_columns(tmp_path):
    result = generate(tmp_path, seed=7, scale=0.2, verbose=False)
    files = sorted((tmp_path / "ais").glob("AIS_2024_06_*.parquet"))
    assert len(files) == 7
    con = duckdb.connect()
    glob = str(tmp_path / "ais" / "AIS_2024_06_*.parquet")
    (n,) = con.execute(f"select count(*) from read_parquet('{glob}')").fetchone()
    assert 190_000 <= n <= 210_000 and n == result["scale"]["rows"]
    cols = [r[0] for r in con.execute(f"describe select * from read_parquet('{glob}')").fetchall()]
    assert cols == NOAA_CLASSIC
    lo, hi = con.execute(f"select min(BaseDateTime), max(BaseDateTime) from read_parquet('{glob}')"
                         ).fetchone()
    assert lo >= datetime(2024, 6, 3) and hi < datetime(2024, 6, 10)
    kinds = {p["kind"] for p in result["scale"]["plants"]}
    assert kinds == {"encounter", "gap"}


# ------------------------------------------------------------------------------ EU, UK, OFAC Consolidated

from orchestration.defs.sources.eu_fsf import parse as eu_parse  # noqa: E402
from orchestration.defs.sources.ofac_cons import parse as cons_parse  # noqa: E402
from orchestration.defs.sources.uk_sanctions import parse as uk_parse  # noqa: E402
from orchestration.lib import landing  # noqa: E402
from orchestration.sample import eu_fsf as eu_sample  # noqa: E402
from orchestration.sample import ofac_cons as cons_sample  # noqa: E402
from orchestration.sample import parties as P  # noqa: E402
from orchestration.sample import uk_sanctions as uk_sample  # noqa: E402

LINEAGE = {"_file", "_record"}
EU_FILE = "eu_fsf/{day}/" + eu_sample.FILE_NAME
CONLIST = f"uk_sanctions/{P.CONLIST_DATE}/ConList.csv"
FCDO = f"uk_sanctions/{P.FCDO_DATE}/UK-Sanctions-List.xml"
CONS_DIR = f"ofac_cons/{P.CONS_DATE}"


def _snapshot(parse_module, folder: Path):
    """Parse one snapshot folder the way the pipeline does: classify every file, then parse."""
    by_role: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()):
        role = parse_module.classify(path)
        assert role is not None, f"{path} is not recognised by {parse_module.SOURCE}"
        by_role.setdefault(role, []).append(path)
    return parse_module.parse_snapshot(by_role)


@pytest.fixture(scope="module")
def eu(sample):
    return {day: _snapshot(eu_parse, sample / "eu_fsf" / day) for day in P.EU_DATES}


@pytest.fixture(scope="module")
def uk(sample):
    return {day: _snapshot(uk_parse, sample / "uk_sanctions" / day)
            for day in (P.CONLIST_DATE, P.FCDO_DATE)}


@pytest.fixture(scope="module")
def cons(sample):
    return _snapshot(cons_parse, sample / CONS_DIR)


def test_new_sources_land_as_the_documented_snapshots(sample):
    for module, dates in ((eu_parse, list(P.EU_DATES)), (uk_parse, [P.CONLIST_DATE, P.FCDO_DATE]),
                          (cons_parse, [P.CONS_DATE])):
        snaps = landing.discover(module.SOURCE, sample / module.SOURCE, module.classify,
                                 module.publisher_as_of)
        assert [s.as_of.isoformat() for s in snaps] == dates
        assert {s.as_of_basis for s in snaps} == {"folder name"}
    for day in P.EU_DATES:  # the publisher's own date agrees with the folder
        path = sample / EU_FILE.format(day=day)
        assert eu_parse.publisher_as_of(path, "fsf_xml").isoformat() == day
    assert uk_parse.publisher_as_of(sample / FCDO, "fcdo_xml").isoformat() == P.FCDO_DATE
    assert uk_parse.publisher_as_of(sample / CONLIST, "ofsi_conlist") is None


def test_eu_fsf_parses_with_the_documented_counts(eu):
    n_un = len(P.UN_DERIVED)
    n_ru = sum(1 for r in P.RUSSIA_FILLER if r.eu)
    for snap in eu.values():
        assert snap.quarantine == []
        entities = snap.tables["entities"].to_pylist()
        prk = [e for e in entities if e["programme"] == "PRK"]
        assert len(entities) == n_un + 4 + 10 + n_ru == 95
        assert len(prk) == n_un + 4 + 10  # June: one PRK listing delisted, one added
        assert sum(e["united_nation_id"] is not None for e in entities) == n_un
        assert {e["programme"] for e in entities} == {"PRK", "UKR", "RUS"}
        n_ru_persons = sum(1 for r in P.RUSSIA_FILLER if r.eu and r.kind == "person")
        assert sum(e["subject_type"] == "person" for e in entities) == 30 + 4 + n_ru_persons
        imos = {r["number"] for r in snap.tables["identifications"].to_pylist()
                if r["identification_type_code"] == "imo"}
        assert imos == {"8660313", "8604917", "9066978"}
        remarks = " ".join(e["remark"] or "" for e in entities)
        assert "IMO number: 8705539" in remarks  # KUM UN SAN 3: only in its remark
        langs = {r["name_language"] for r in snap.tables["name_aliases"].to_pylist()}
        assert {"EN", "DE", "FR", "RU", None} <= langs
        # given name first, family name in capitals
        by_id = {e["logical_id"]: e for e in entities}
        assert by_id[P.eu_logical_id("un:KPi.024")]["primary_name"] == "Yong Chol KIM"
        assert by_id[P.eu_logical_id("un:KPi.024")]["united_nation_id"] == "KPi.024"
        assert by_id[P.eu_logical_id("un:KPe.011")]["designation_date"] is None


def _eu_rows(snap, logical_id: int) -> dict[str, list]:
    out = {}
    for name, table in snap.tables.items():
        rows = [{k: v for k, v in r.items() if k not in LINEAGE} for r in table.to_pylist()
                if r["logical_id"] == logical_id]
        out[name] = sorted(rows, key=repr)
    return out


def test_eu_snapshot_diff_is_as_documented(eu, sample):
    may, june = (eu[d] for d in P.EU_DATES)
    ids_may = {e["logical_id"] for e in may.tables["entities"].to_pylist()}
    ids_june = {e["logical_id"] for e in june.tables["entities"].to_pylist()}
    delisted, added, amended = (P.eu_logical_id(k) for k in
                                (P.EU_DELISTED_KEY, P.EU_ADDED_KEY, P.EU_AMENDED_KEY))
    assert ids_may - ids_june == {delisted}
    assert ids_june - ids_may == {added}
    changed = sorted(i for i in ids_may & ids_june if _eu_rows(may, i) != _eu_rows(june, i))
    assert changed == [amended]
    before, after = _eu_rows(may, amended), _eu_rows(june, amended)
    assert [t for t in before if before[t] != after[t]] == ["name_aliases"]
    new = [a for a in after["name_aliases"] if a not in before["name_aliases"]]
    assert [a["whole_name"] for a in new] == [P.EU_AMENDED_ALIAS]
    readme = (sample / "README.md").read_text(encoding="utf-8")
    for logical_id in (delisted, added, amended):
        assert f"| {logical_id} |" in readme


def test_uk_conlist_is_the_2020_layout_and_parses(sample, uk):
    raw = (sample / CONLIST).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # Windows-1252 bytes, as OFSI wrote them
    assert b"\x92" in raw and b"\x93" in raw and b"\xb4" in raw
    assert raw.startswith(b",Name 6,Name 1,") and b"\r" not in raw
    header, first = raw.split(b"\n")[:2]
    assert len(header.split(b",")) == 30 and first.count(b",") >= 28
    assert b"00/00/1938" in raw
    snap = uk[P.CONLIST_DATE]
    assert snap.quarantine == []
    d = snap.tables["designations"].to_pylist()
    assert len(d) == 77 and all(x["feed"] == "ofsi_conlist" for x in d)
    assert sum(x["regime"] == uk_sample.REGIME_DPRK_CONLIST for x in d) == 72
    refs = {x["ofsi_group_id"]: x["un_reference_number"] for x in d}
    for key in ("un:KPi.024", "un:KPe.004", "un:KPi.049", "un:KPi.006"):
        assert refs[P.ofsi_group_id(key)] == P.party(key).un_reference
    names = {x["ofsi_group_id"]: x["primary_name"] for x in d}
    assert names[P.ofsi_group_id("un:KPi.023")] == "Tong My’ong KIM"  # decoded from 0x92
    assert names[P.ofsi_group_id("un:KPi.027")] == "Ryu JIN"  # the planted name-order quirk
    details = {x["ofsi_group_id"]: x for x in snap.tables["individual_details"].to_pylist()}
    ri = details[P.ofsi_group_id("un:KPi.002")]
    assert (ri["dob_text"], ri["dob"], ri["dob_year"]) == ("00/00/1938", None, 1938)
    ships = snap.tables["ships"].to_pylist()
    assert sorted(s["imo_number"] for s in ships) == sorted(str(k[4:]) for k in P.UK_SHIP_KEYS)
    assert {s["imo_source"] for s in ships} == {"other_information"}


def test_uk_fcdo_parses_with_the_documented_counts(uk):
    snap = uk[P.FCDO_DATE]
    assert snap.quarantine == []
    d = snap.tables["designations"].to_pylist()
    dprk = [x for x in d if x["unique_id"].startswith("DPR")]
    assert len(d) == 85 and len(dprk) == 74
    assert [x["unique_id"] for x in dprk] == [f"DPR{i:04d}" for i in range(1, 75)]
    assert sum(x["un_reference_number"] is not None for x in d) == len(P.UN_DERIVED)
    by_uid = {x["unique_id"]: x for x in d}
    assert by_uid[P.uk_unique_id("un:KPi.034")]["un_reference_number"] == "KPi.034"
    assert by_uid[P.uk_unique_id("un:KPe.023")]["un_reference_number"] == "KPe.023"
    assert {x["designation_source"] for x in dprk if x["un_reference_number"]} == {"UN"}
    ships = snap.tables["ships"].to_pylist()
    assert len(ships) == 5
    for s in ships:
        assert s["imo_number"] and imo_check_digit_ok(s["imo_number"])
        assert s["current_owner_operator"] and s["previous_owner_operator"]
        assert s["current_flag"] == "North Korea" and s["previous_flags"]
    names = snap.tables["names"].to_pylist()
    assert any(n["name_type_published"] == "Primary Name Variation" for n in names)
    assert any(n["name_type"] == "non_latin" and n["non_latin_script_type"] == "Cyrillic"
               for n in names)


def test_uk_conlist_to_fcdo_diff_is_as_documented(uk, sample):
    c = {x["ofsi_group_id"] for x in uk[P.CONLIST_DATE].tables["designations"].to_pylist()}
    f = {x["ofsi_group_id"] for x in uk[P.FCDO_DATE].tables["designations"].to_pylist()}
    gone = {P.ofsi_group_id(k) for k in P.UK_DELISTED_KEYS}
    assert c - f == gone and len(gone) == 2
    new = {x.group_id for x in uk_sample.records() if x.fcdo and not x.conlist}
    assert f - c == new
    assert all(x.designated >= P.CONLIST_DATE for x in uk_sample.records() if x.group_id in new)
    readme = (sample / "README.md").read_text(encoding="utf-8")
    for group in gone:
        assert f"| gone (delisted) | {group} |" in readme


def test_ofac_cons_parses_and_shares_three_parties_with_the_eu_and_uk(sample, cons, eu, uk):
    folder = sample / CONS_DIR
    for name in cons_sample.FILES:
        assert (folder / name).read_bytes().endswith(b"\r\n\x1a") or \
            (folder / name).read_bytes() == b"\x1a"
    assert cons.quarantine == []
    entries = cons.tables["sdn_entries"].to_pylist()
    assert len(entries) == 15 and cons.tables["comments"].num_rows == 1
    assert all(930001 <= e["ent_num"] < 940000 for e in entries)
    raws = {e["program_raw"] for e in entries}
    assert {"UKRAINE-EO13662] [RUSSIA-EO14024", "RUSSIA-EO14024", "CAPTA", "CMIC-EO13959",
            "NS-PLC"} <= raws
    long = [e for e in entries if e["ent_num"] in
            {c["ent_num"] for c in cons.tables["comments"].to_pylist()}]
    assert long and all(len(e["remarks"]) > 1000 for e in long)
    tax = {f["value"].split()[0]: f["ent_num"] for f in cons.tables["remark_facts"].to_pylist()
           if f["fact"] == "tax_id"}
    eu_tax = {r["number"]: r["logical_id"] for r in
              eu[P.EU_DATES[1]].tables["identifications"].to_pylist()
              if r["identification_type_code"] == "fiscalcode"}
    uk_other = " ".join(x["other_information"] or "" for x in
                        uk[P.FCDO_DATE].tables["designations"].to_pylist())
    shared = [r for r in P.RUSSIA_FILLER if r.cons]
    assert len(shared) == 3
    for r in shared:
        assert r.inn in tax and eu_tax[r.inn] == P.eu_logical_id(r.key)
        assert f"(INN): {r.inn}" in uk_other


def test_designation_gap_keys_are_in_the_files(sample, eu, uk):
    sdn = _ofac_rows(sample / "ofac_sdn/2024-06-01/sdn.csv")
    un_xml = (sample / "un_sc/consolidated_2024-05-15.xml").read_text(encoding="utf-8")
    un_refs = {r.strip() for r in re.findall(r"<REFERENCE_NUMBER>([^<]+)</REFERENCE_NUMBER>",
                                             un_xml)}
    eu_entities = {e["logical_id"]: e for e in eu[P.EU_DATES[1]].tables["entities"].to_pylist()}
    eu_ids = eu[P.EU_DATES[1]].tables["identifications"].to_pylist()
    uk_d = {x["unique_id"]: x for x in uk[P.FCDO_DATE].tables["designations"].to_pylist()}
    uk_birth = {x["unique_id"]: x["dob_year"]
                for x in uk[P.FCDO_DATE].tables["individual_details"].to_pylist()}
    uk_imos = {s["imo_number"]: s["unique_id"] for s in uk[P.FCDO_DATE].tables["ships"].to_pylist()}
    assert [g.id for g in sc.DESIGNATION_GAPS] == ["G1", "G2", "G3", "G4", "G5"]
    for g in sc.DESIGNATION_GAPS:
        for p in g.parties:
            listed = set(p.listed_by)
            if "OFAC" in listed:
                names = dict(p.names)
                assert sdn[p.ofac_ent_num][1] == names["OFAC"], (g.id, p.label)
            if p.un_reference:
                assert (p.un_reference in un_refs) == ("UN" in listed)
            if "EU" in listed:
                e = eu_entities[p.eu_logical_id]
                assert e["primary_name"] == dict(p.names)["EU"]
                assert e["united_nation_id"] == p.un_reference
            else:
                assert p.eu_logical_id is None
            if "UK" in listed:
                x = uk_d[p.uk_unique_id]
                assert x["primary_name"] == dict(p.names)["UK"]
                assert x["un_reference_number"] == p.un_reference
                if p.birth_year:
                    assert uk_birth[p.uk_unique_id] == p.birth_year
            else:
                assert p.uk_unique_id is None
            if p.imo:
                assert (str(p.imo) in {i["number"] for i in eu_ids}) == ("EU" in listed)
                assert (uk_imos.get(str(p.imo)) == p.uk_unique_id) == ("UK" in listed)
                assert f"IMO {p.imo}" in sdn[p.ofac_ent_num][11]
    # G1: four spellings of one person
    (g1,) = sc.gap("G1").parties
    assert len({n for _, n in g1.names}) == 4
    # G2: the OFAC-only company appears in no other file
    for path in ("un_sc/consolidated_2024-05-15.xml", EU_FILE.format(day=P.EU_DATES[1]), FCDO):
        assert "GUDZON" not in (sample / path).read_text(encoding="utf-8").upper()
    # G3: the EU file does not carry the IMO number anywhere
    (g3,) = sc.gap("G3").parties
    assert str(g3.imo) not in (sample / EU_FILE.format(day=P.EU_DATES[1])).read_text("utf-8")
    # G4: not in the OFAC file under any spelling
    assert not [r for r in sdn.values() if "HWANG" in r[1].upper() or "SOK-HWA" in r[11].upper()]
    # G5: two people, two keys on the UK list, different birth years, names a hyphen apart
    a, b = sc.gap("G5").parties
    assert a.uk_unique_id != b.uk_unique_id and abs(a.birth_year - b.birth_year) > 1
    assert dict(a.names)["UK"].replace("-", " ") == dict(b.names)["UK"].replace("-", " ")
    assert sc.gap("G5").one_entity_per_party is False
    readme = (sample / "README.md").read_text(encoding="utf-8")
    assert "## Designation-gap scenarios" in readme
    for g in sc.DESIGNATION_GAPS:
        assert f"| {g.id} |" in readme


def test_gap_ofac_ent_nums_are_those_of_seed_7(sample):
    from orchestration.sample import ofac
    from orchestration.sample.generator import _rng

    may, june = ofac.records(_rng(sc.GAP_SEED, 1))
    ents = {p.key: ent for ent, p in june}
    assert {k: ents[k] for k in sc.GAP_OFAC_ENT_NUMS} == sc.GAP_OFAC_ENT_NUMS


def test_new_sources_do_not_depend_on_the_seed(sample, tmp_path):
    generate(tmp_path, seed=8, verbose=False)
    a, b = _digests(sample), _digests(tmp_path)
    for key in a:
        if key.split("/")[0] in ("eu_fsf", "uk_sanctions", "ofac_cons"):
            assert a[key] == b[key], key


def _norm(name: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", name.upper())


def test_fictional_names_are_not_real_listed_names(realdata):
    """Invented parties must not collide with a real designated party's name (the real lists are
    read in place, never copied)."""
    raw = (realdata / "sanctions_ofac/sdn_2024/sdn_2024-05-03.csv").read_bytes().rstrip(b"\x1a")
    real = {_norm(r[1]) for r in csv.reader(io.StringIO(raw.decode("latin-1"), newline=""))
            if len(r) > 1}
    un = (realdata / "sanctions_un/un_consolidated_2025-04-19.xml").read_text(encoding="utf-8")
    real |= {_norm(n) for n in re.findall(r"<FIRST_NAME>([^<]+)</FIRST_NAME>", un)}
    invented = [p.name or f"{p.surname}{p.given}" for p in
                P.EU_AUTONOMOUS + P.UK_ONLY[1:] + (P.EU_ADDED_PARTY,)]
    invented += [r.ofac_name for r in P.RUSSIA_FILLER] + [c.name for c in P.CONS_OTHERS]
    invented += [owner for owner, _ in uk_sample.SHIP_HISTORY.values()]
    clashes = sorted(n for n in invented if _norm(n) in real)
    assert not clashes, clashes
