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
    assert total <= 4 * 1024 * 1024


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
