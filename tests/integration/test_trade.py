"""Must show (trade): a banned HS code after its ban date is flagged naming the resolution and the
same code before the date is not; ledger and revenue are published and in the report; a revised
figure becomes a new version; a partially loaded month blocks publishing."""

import json
import shutil

from orchestration.sample import scenarios
from tests.conftest import REPO_ROOT
from tests.integration.conftest import query, tumen

SAMPLE = REPO_ROOT / "data" / "sample"


def test_banned_code_after_the_ban_is_flagged_with_its_resolution(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    flagged = {
        (str(p)[:7], hs): (resolution, paragraph)
        for p, hs, resolution, paragraph in query(
            db, "select period_start, hs6, resolution, paragraph from trade.fct_sanctioned_trade"
        )
    }
    for pid, reporter, flow, year, month, hs, usd, note in scenarios.TRADE_PLANTS:
        key = (f"{year}-{month:02d}", hs)
        if "must be flagged" in note:
            assert key in flagged, pid
        else:
            assert key not in flagged, pid
    assert flagged[("2019-03", "270112")] == ("UNSCR 2371", "8")
    assert flagged[("2018-06", "620342")] == ("UNSCR 2375", "16")
    assert flagged[("2019-11", "870323")] == ("UNSCR 2397", "7")


def test_ledger_and_revenue_are_published_and_in_the_report(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    streams = dict(query(db, "select stream, count(*) from trade.fct_petroleum_cap_ledger where product = 'refined' group by 1"))
    # the third stream arrives from the shipping domain: tanker calls at DPRK ports in the sample
    assert set(streams) == {"notified_1718", "customs_statistics", "ais_inferred"}
    # the 1718 notifications seed: China notified 41,973 bbl for September 2021
    assert query(
        db,
        "select quantity_bbl from trade.fct_petroleum_cap_ledger where stream = 'notified_1718' and month = date '2021-09-01'",
    ) == [(41973.0,)]
    assert query(db, "select count(distinct alert_level) > 0 from trade.fct_petroleum_cap_ledger") == [(True,)]
    categories = {c for (c,) in query(db, "select distinct category from trade.mart_dprk_revenue_monthly")}
    assert {"banned", "allowed"} <= categories
    assert query(
        db,
        "select count(*) from trade.mart_dprk_revenue_monthly where freq_code = 'M' and yoy_change is not null",
    )[0][0] > 0
    report = (sample_run / "published" / "report" / "index.html").read_text()
    assert "mart_dprk_revenue_monthly" in report and "fct_petroleum_cap_ledger" in report


def test_revision_is_a_new_version_and_a_partial_month_blocks_publishing(tmp_path):
    source_dir = tmp_path / "inputs"
    shutil.copytree(SAMPLE, source_dir)
    data_dir = tmp_path / "data"
    assert tumen("run", "--source-dir", str(source_dir), data_dir=data_dir).returncode == 0

    # a later extract in which China revised one month of 2024: the same figure, a new value
    (original,) = (source_dir / "comtrade").glob("*/comtrade_156_408_monthly_2024.json")
    body = json.loads(original.read_text(encoding="utf-8"))
    revised = next(r for r in body["data"] if r["cmdCode"] != "TOTAL" and r["period"] == "202403" and r["flowCode"] == "M")
    total = next(r for r in body["data"] if r["cmdCode"] == "TOTAL" and r["period"] == "202403" and r["flowCode"] == "M")
    revised["primaryValue"] += 1000.0
    total["primaryValue"] += 1000.0
    later = source_dir / "comtrade" / "2025-06-01"
    later.mkdir()
    march = [r for r in body["data"] if r["period"] == "202403"]
    (later / "comtrade_156_408_monthly_2024_rev.json").write_text(
        json.dumps({**body, "count": len(march), "data": march}), encoding="utf-8"
    )
    result = tumen("run", "--source-dir", str(source_dir), data_dir=data_dir)
    assert result.returncode == 0, result.stdout[-3000:]
    db = data_dir / "published" / "tumen.duckdb"
    versions = query(
        db,
        "select version, primary_value_usd, is_latest from trade.fct_trade_flow_versions "
        "where reporter_code = 156 and period = '202403' and hs6 = ? and reporter_flow_code = 'M' order by version",
        [revised["cmdCode"]],
    )
    assert [(v, latest) for v, _, latest in versions] == [(1, False), (2, True)]
    assert versions[1][1] - versions[0][1] == 1000.0
    assert query(
        db, "select version, is_revised from trade.fct_trade_flows where reporter_code = 156 and ref_year = 2024 "
        "and ref_month = 3 and hs6 = ? and reporter_flow_code = 'M'", [revised["cmdCode"]],
    ) == [(2, True)]
    before = (db).read_bytes()

    # a new month whose HS6 lines fall well short of its TOTAL: partially loaded
    partial_month = [dict(r, period="202501", refPeriodId=20250101, refYear=2025, refMonth=1) for r in march]
    kept = [r for r in partial_month if r["cmdCode"] == "TOTAL" or r["flowCode"] != "M"]
    kept += [r for r in partial_month if r["cmdCode"] != "TOTAL" and r["flowCode"] == "M"][:1]
    newest = source_dir / "comtrade" / "2025-07-01"
    newest.mkdir()
    (newest / "comtrade_156_408_monthly_2025.json").write_text(
        json.dumps({**body, "count": len(kept), "data": kept}), encoding="utf-8"
    )
    blocked = tumen("run", "--source-dir", str(source_dir), data_dir=data_dir)
    assert blocked.returncode == 1
    assert "assert_no_partially_loaded_period" in blocked.stdout
    assert db.read_bytes() == before


def test_unit_value_and_substitution_plants_are_found(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    flagged = {
        (year, hs6, flow): direction
        for year, hs6, flow, direction in query(
            db,
            "select ref_year, hs6, reporter_flow_code, direction from trade.fct_trade_unit_value_anomalies where is_anomaly",
        )
    }
    for plant in scenarios.UNIT_VALUE_PLANTS:
        key = (plant.year, plant.hs, plant.flow)
        if plant.expect_flag:
            assert key in flagged, plant.id
        else:
            assert key not in flagged, plant.id
    pairs = {(b, r) for b, r in query(
        db, "select banned_heading, rising_heading from trade.fct_trade_substitution_signals where ref_year = 2018"
    )}
    assert ("6203", "6704") in pairs  # textiles banned, wigs and eyelashes jump
    assert ("2701", "2704") in pairs  # coal banned, coke jumps (same chapter)
