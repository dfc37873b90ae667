"""Must show (shipping): every planted encounter, gap, port visit, loitering and identity change
is found, and the decoys (ships passing at speed, ships moored or anchored in port, a regular
ferry) are not — on the bundled sample and on a sample written with another seed. A NOAA-format
file dropped into --source-dir goes through the same path."""

import shutil
from datetime import datetime

import pytest

from orchestration.sample import scenarios
from tests.integration.conftest import query, tumen


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=None)


def assert_planted_shipping_events(db):
    s1 = scenarios.by_id("S1")
    a, b = sorted(v.mmsi for v in s1.vessels)
    encounters = query(db, "select mmsi_a, mmsi_b, started_at, ended_at, closest_m from shipping.fct_encounters")
    assert [(x, y) for x, y, *_ in encounters] == [(a, b)]  # S1 and nothing else: D1 and D2 are not encounters
    (_, _, started, ended, closest) = encounters[0]
    assert abs((started.replace(tzinfo=None) - _utc(s1.start)).total_seconds()) <= 1800
    assert abs((ended.replace(tzinfo=None) - _utc(s1.end)).total_seconds()) <= 1800
    assert closest <= 300

    gaps = {(m, tier) for m, tier in query(db, "select mmsi, tier from shipping.fct_ais_gaps")}
    s2a, s2b = scenarios.by_id("S2a"), scenarios.by_id("S2b")
    assert (s2a.vessels[0].mmsi, "B") in gaps  # 10 h near Nampo: the DPRK-tuned tier
    assert (s2b.vessels[0].mmsi, "A") in gaps  # 14 h far offshore: comparable to Global Fishing Watch
    assert scenarios.by_id("D4").vessels[0].mmsi not in {m for m, _ in gaps}  # the regular ferry
    assert len(gaps) == 2

    s3 = scenarios.by_id("S3")
    shuttle = query(
        db,
        "select port_name, confidence from shipping.fct_port_visits where mmsi = ? and stopped order by arrived_at",
        [s3.vessels[0].mmsi],
    )
    assert [p for p, _ in shuttle] == ["Rajin", "Vostochny", "Rajin"]
    assert [c for _, c in shuttle][1:] == [4, 4]  # entry, stop and exit observed
    for sid in ("S4a", "S4b", "S4c", "S4d"):
        scenario = scenarios.by_id(sid)
        port = scenario.title.removeprefix("Port visit at ")
        assert query(
            db, "select confidence from shipping.fct_port_visits where mmsi = ? and port_name = ?",
            [scenario.vessels[0].mmsi, port],
        ) == [(4,)], sid

    loitering = {m for (m,) in query(db, "select mmsi from shipping.fct_loitering")}
    assert loitering == {scenarios.by_id("S6").vessels[0].mmsi}  # D2 and D3 lie in port

    s5a, s5b = scenarios.by_id("S5a"), scenarios.by_id("S5b")
    changes = {(imo, kind) for imo, kind in query(db, "select imo, change_type from shipping.fct_identity_changes")}
    imo_a, imo_b = str(s5a.vessels[1].imo), str(s5b.vessels[0].imo)
    assert {(imo_a, "rename"), (imo_a, "reflag"), (imo_a, "mmsi_change")} <= changes
    assert (imo_b, "flag_mismatch") in changes
    assert (imo_a, "imo_mmsi_conflict") not in changes  # a switch, not two transmitters at once


def test_planted_events_on_the_bundled_sample(sample_run):
    assert_planted_shipping_events(sample_run / "published" / "tumen.duckdb")


def test_every_risk_point_links_to_its_event(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    tables = {t for (t,) in query(db, "select distinct event_table from shipping.fct_vessel_risk_evidence")}
    for table in tables:
        key = {"sanctions.fct_designations": "designation_id", "shipping.fct_port_visits": "port_visit_id",
               "shipping.fct_ais_gaps": "gap_id", "shipping.fct_encounters": "encounter_id",
               "shipping.fct_identity_changes": "identity_change_id"}.get(table)
        if key is None:  # the flag factor points at the MMSI's reports
            continue
        (orphans,) = query(
            db,
            f"select count(*) from shipping.fct_vessel_risk_evidence e where e.event_table = '{table}' "
            f"and not exists (select 1 from {table} t where t.{key} = e.event_id)",
        )[0]
        assert orphans == 0, table
    assert query(
        db,
        "select count(*) from shipping.mart_vessel_risk r where r.score <> (select sum(points) "
        "from shipping.fct_vessel_risk_evidence e where e.vessel_id = r.vessel_id and e.month = r.month)",
    ) == [(0,)]
    s1_tanker = scenarios.by_id("S1").vessels[0]
    factors = query(db, "select factors from shipping.mart_vessel_risk where imo = ?", [str(s1_tanker.imo)])[0][0]
    assert {"designated", "dprk_port_call"} <= set(factors)


def test_tanker_calls_feed_the_cap_ledger(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    assert query(
        db, "select count(*) > 0 from trade.fct_petroleum_cap_ledger where stream = 'ais_inferred' and quantity_bbl > 0"
    ) == [(True,)]


@pytest.mark.slow
def test_planted_events_on_a_sample_written_with_another_seed(tmp_path):
    inputs = tmp_path / "sample"
    assert tumen("sample", "--out", str(inputs), "--seed", "11", data_dir=tmp_path / "unused").returncode == 0
    data_dir = tmp_path / "data"
    result = tumen("run", "--source-dir", str(inputs), data_dir=data_dir)
    assert result.returncode == 0, result.stdout[-3000:]
    assert_planted_shipping_events(data_dir / "published" / "tumen.duckdb")


def test_noaa_and_dma_files_dropped_in_go_through_the_same_path(tmp_path, realdata):
    inputs = tmp_path / "inputs" / "ais"
    inputs.mkdir(parents=True)
    for name in ("noaa_marinecadastre_2022-03-31_sample.csv", "noaa_marinecadastre_2024-01-01_sample_newschema.csv",
                 "dma_aisdk_2018-06-01_sample.csv"):
        (inputs / name).symlink_to(realdata / "ais" / name)
    data_dir = tmp_path / "data"
    result = tumen("run", "--source-dir", str(tmp_path / "inputs"), "--sources", "ais", data_dir=data_dir)
    assert result.returncode == 0, result.stdout[-3000:]
    db = data_dir / "published" / "tumen.duckdb"
    days = dict(query(db, "select cast(position_date as varchar), count(*) from shipping.fct_ais_positions group by 1"))
    assert set(days) >= {"2022-03-31", "2024-01-01", "2018-06-01"}
    # the DMA file's 91/181 rows are reported as unusable, not published as positions
    assert query(db, "select count(*) from shipping.fct_ais_positions where latitude > 90 or longitude > 180") == [(0,)]


def test_a_new_day_is_processed_without_rebuilding_history(tmp_path):
    import csv

    from tests.conftest import REPO_ROOT

    inputs = tmp_path / "inputs"
    shutil.copytree(REPO_ROOT / "data" / "sample" / "ais", inputs / "ais")
    data_dir = tmp_path / "data"
    assert tumen("run", "--source-dir", str(inputs), "--sources", "ais", data_dir=data_dir).returncode == 0
    build = data_dir / "build" / "warehouse.duckdb"
    built_days = (
        "select cast(position_date as varchar), max(batch_loaded_at) from {} group by 1"
    )
    before = dict(query(build, built_days.format("intermediate.int_ais_positions_cleaned")))
    before_mart = dict(query(build, built_days.format("shipping.fct_ais_positions")))
    assert before_mart == before

    # the next day arrives: the last day's reports, a week later
    source = inputs / "ais" / "AIS_2024_06_07.csv"
    rows = list(csv.reader(source.open()))
    for row in rows[1:]:
        row[1] = row[1].replace("2024-06-07", "2024-06-14")
    with (inputs / "ais" / "AIS_2024_06_14.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = tumen("run", "--source-dir", str(inputs), "--sources", "ais", data_dir=data_dir)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "2024-06-07 already landed, unchanged" in result.stdout
    after = dict(query(build, built_days.format("intermediate.int_ais_positions_cleaned")))
    assert {day: after[day] for day in before} == before  # history untouched
    assert "2024-06-14" in after and after["2024-06-14"] > max(before.values())
    after_mart = dict(query(build, built_days.format("shipping.fct_ais_positions")))
    assert {day: after_mart[day] for day in before} == before_mart  # the mart's history too
    assert _segments_match_a_full_rebuild(build)

    # a late day between two built ones: it and the days after it are rebuilt, nothing before
    for row in rows[1:]:
        row[1] = row[1].replace("2024-06-14", "2024-06-11")
    with (inputs / "ais" / "AIS_2024_06_11.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert tumen("run", "--source-dir", str(inputs), "--sources", "ais", data_dir=data_dir).returncode == 0
    late = dict(query(build, built_days.format("shipping.fct_ais_positions")))
    assert {day: late[day] for day in before} == before_mart
    assert "2024-06-11" in late
    # the late day's segments shift the numbering of 2024-06-14: only a rebuilt day still matches
    assert _segments_match_a_full_rebuild(build)


def _segments_match_a_full_rebuild(build) -> bool:
    """Every report's segment in the day-by-day mart is the one numbering the whole track gives."""
    (mismatched, total), = query(
        build,
        """
        with whole as (
            select
                report_key,
                hash(mmsi, transmitter, sum(starts_segment) over (
                    partition by mmsi, transmitter order by position_at rows unbounded preceding
                )) as segment_id
            from intermediate.int_ais_tracks
        )
        select count(*) filter (where w.segment_id is distinct from f.segment_id), count(*)
        from shipping.fct_ais_positions as f
        full join whole as w on w.report_key = f.position_id
        """,
    )
    return mismatched == 0 and total > 0
