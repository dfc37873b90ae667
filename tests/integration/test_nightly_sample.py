"""The whole nightly job on the bundled sample: marts have the expected rows and every planted
scenario that the foundation marts can show is visible in the published warehouse."""

import json

from orchestration.sample import scenarios
from tests.integration.conftest import COMMITTED_SUITES, query, tumen

MARTS = [
    "sanctions.dim_entities",
    "sanctions.fct_designations",
    "sanctions.dim_vessels",
    "trade.dim_countries",
    "trade.dim_commodities",
    "trade.fct_trade_flows",
    "shipping.fct_ais_positions",
    "shipping.fct_port_visits",
]


def test_every_mart_is_published_with_rows_and_parquet(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    for mart in MARTS:
        (count,) = query(db, f"select count(*) from {mart}")[0]
        assert count > 0, mart
        name = mart.split(".")[1]
        parquet = sample_run / "published" / "parquet" / f"{name}.parquet"
        if name == "fct_ais_positions":  # one folder per day
            parquet = sample_run / "published" / "parquet" / name / "*" / "*.parquet"
            assert len(list((sample_run / "published" / "parquet" / name).iterdir())) == 7
        assert query(db, f"select count(*) from read_parquet('{parquet}')")[0][0] == count
    assert (sample_run / "published" / "report" / "index.html").read_text().count("<svg") >= 1
    assert (sample_run / "published" / "data_docs" / "index.html").is_file()


def test_column_descriptions_travel_with_the_tables(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    (missing,) = query(
        db,
        "select count(*) from duckdb_columns() where schema_name in ('sanctions', 'trade', 'shipping') "
        "and (comment is null or comment = '')",
    )[0]
    assert missing == 0
    (table_comment,) = query(
        db, "select comment from duckdb_tables() where schema_name = 'sanctions' and table_name = 'dim_entities'"
    )[0]
    assert "resolved real-world party" in table_comment


def test_the_sample_delisting_shows_as_designations_ending(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    ended = query(
        db,
        """
        select e.primary_name, d.valid_to from sanctions.fct_designations d
        join sanctions.dim_entities e using (entity_id)
        where d.authority = 'OFAC' and not d.is_active
        """,
    )
    names = {name for name, _ in ended}
    assert "SONG WON" in names
    assert {str(valid_to) for _, valid_to in ended} == {"2024-06-01"}
    assert len(names) == 2


def _entity_of(db, authority, reference):
    rows = query(
        db, "select entity_id from sanctions.dim_listings where authority = ? and issuer_reference = ?",
        [authority, str(reference)],
    )
    assert len(rows) == 1, (authority, reference, rows)
    return rows[0][0]


def _keys(party):
    return [(a, k) for a, k in (("OFAC", party.ofac_ent_num), ("UN", party.un_reference),
                                  ("EU", party.eu_logical_id), ("UK", party.uk_unique_id)) if k]


def test_designation_gap_scenarios_resolve_and_show_the_gap(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    entities = {}
    for gap in scenarios.DESIGNATION_GAPS:
        for party in gap.parties:
            ids = {_entity_of(db, a, k) for a, k in _keys(party)}
            assert len(ids) == 1, (gap.id, party.label, ids)  # every list's record: one party
            (entity_id,) = ids
            entities[(gap.id, party.label)] = entity_id
            listing, missing = query(
                db,
                "select listing_authorities, missing_authorities from sanctions.mart_designation_gaps where entity_id = ?",
                [entity_id],
            )[0]
            assert sorted(listing) == sorted(party.listed_by), (gap.id, party.label)
            assert sorted(missing) == sorted(set(scenarios.AUTHORITIES) - set(party.listed_by)), (gap.id, party.label)
    g5 = scenarios.gap("G5")
    assert len({entities[("G5", p.label)] for p in g5.parties}) == 2  # same name, different people
    g2 = scenarios.gap("G2").parties[0]
    assert query(
        db, "select is_us_only from sanctions.mart_designation_gaps where entity_id = ?", [entities[("G2", g2.label)]]
    ) == [(True,)]


def test_resolution_explains_itself(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    g1 = scenarios.gap("G1").parties[0]
    bases = dict(query(
        db, "select authority, resolution_basis from sanctions.dim_listings where entity_id = ?",
        [_entity_of(db, "UN", g1.un_reference)],
    ))
    assert bases["UN"] == "identifier:un_reference"
    assert query(
        db,
        "select count(*) from sanctions.fct_entity_matches where used_in_resolution and reason <> ''",
    )[0][0] > 0


def test_designated_tanker_of_the_sts_scenario_is_a_designated_vessel_seen_on_ais(sample_run):
    s1 = scenarios.by_id("S1")
    tanker = s1.vessels[0]
    db = sample_run / "published" / "tumen.duckdb"
    rows = query(
        db,
        "select is_designated, list_contains(mmsis, ?), imo_is_valid from sanctions.dim_vessels where imo = ?",
        [str(tanker.mmsi), str(tanker.imo)],
    )
    assert rows == [(True, True, True)]


def test_sts_pair_is_within_500_m_for_two_hours_in_the_positions(sample_run):
    s1 = scenarios.by_id("S1")
    a, b = s1.vessels
    db = sample_run / "published" / "tumen.duckdb"
    (close_minutes,) = query(
        db,
        """
        with a as (select position_at, latitude, longitude from shipping.fct_ais_positions where mmsi = ?),
             b as (select position_at, latitude, longitude from shipping.fct_ais_positions where mmsi = ?)
        select coalesce(epoch(max(a.position_at) - min(a.position_at)) / 60, 0)
        from a join b on abs(epoch(a.position_at - b.position_at)) <= 300
        where 2 * 6371008.8 * asin(sqrt(pow(sin(radians(b.latitude - a.latitude) / 2), 2)
              + cos(radians(a.latitude)) * cos(radians(b.latitude))
              * pow(sin(radians(b.longitude - a.longitude) / 2), 2))) < 500
        """,
        [a.mmsi, b.mmsi],
    )[0]
    assert close_minutes >= 120


def test_dark_gap_near_nampo_is_a_silence_in_the_positions(sample_run):
    s2 = scenarios.by_id("S2a")
    db = sample_run / "published" / "tumen.duckdb"
    (longest_hours,) = query(
        db,
        """
        select max(epoch(position_at - prev) / 3600) from (
            select position_at, lag(position_at) over (order by position_at) as prev
            from shipping.fct_ais_positions where mmsi = ?)
        where cast(prev as date) = date '2024-06-03'
        """,
        [s2.vessels[0].mmsi],
    )[0]
    assert 9.5 <= longest_hours <= 10.5


def test_port_visit_scenarios_are_found_and_decoy_at_sea_is_not(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    s3 = scenarios.by_id("S3")
    shuttle = query(
        db,
        "select port_name from shipping.fct_port_visits where mmsi = ? and stopped order by arrived_at",
        [s3.vessels[0].mmsi],
    )
    assert [p for (p,) in shuttle] == ["Rajin", "Vostochny", "Rajin"]
    for sid in ("S4a", "S4b", "S4c", "S4d"):
        scenario = scenarios.by_id(sid)
        port = scenario.title.removeprefix("Port visit at ")
        assert query(
            db,
            "select count(*) from shipping.fct_port_visits where mmsi = ? and port_name = ? and stopped",
            [scenario.vessels[0].mmsi, port],
        )[0][0] == 1, sid
    s1 = scenarios.by_id("S1")
    assert query(
        db,
        "select count(*) from shipping.fct_port_visits where mmsi = ? and arrived_at between ? and ?",
        [s1.vessels[1].mmsi, s1.start, s1.end],
    )[0][0] == 0


def test_banned_hs_code_after_its_ban_date_is_visible_and_before_is_not(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    flagged = query(
        db,
        """
        select strftime(f.period_start, '%Y-%m'), f.hs6 from trade.fct_trade_flows f
        join trade.dim_commodities c using (hs6)
        where f.dprk_flow = 'export' and c.export_ban_from <= f.period_start and f.hs6 = '270112'
        """,
    )
    months = {m for m, _ in flagged}
    assert "2019-03" in months
    assert not any(m.startswith("2017-0") and m <= "2017-07" for m in months)


def test_china_dprk_totals_match_the_reference_within_ten_percent(sample_run):
    db = sample_run / "published" / "tumen.duckdb"
    rows = query(
        db,
        """
        select r.year, r.total_usd, sum(f.primary_value_usd)
        from reference.ref_china_dprk_trade_annual r
        join trade.fct_trade_flows f on f.ref_year = r.year and f.reporter_code = 156
        group by all order by 1
        """,
    )
    assert [y for y, _, _ in rows] == list(range(2017, 2025))
    for year, reference, observed in rows:
        assert abs(observed - reference) / reference <= 0.10, year


def test_status_names_raw_files_counts_and_checks(sample_run):
    result = tumen("status", "--json", data_dir=sample_run)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    sources = {s["source"] for s in info["raw_snapshots"]}
    assert sources == {"ofac_sdn", "ofac_cons", "un_sc", "eu_fsf", "uk_sanctions", "comtrade", "ais"}
    assert all(len(f["sha256"]) == 64 for s in info["raw_snapshots"] for f in s["files"])
    assert info["row_counts"]["shipping.fct_ais_positions"] > 9000
    assert {c["check"] for c in info["checks"]} >= {"great_expectations", "quarantine"}
    assert all(c["passed"] or c["severity"] == "WARN" for c in info["checks"])
    text = tumen("status", data_dir=sample_run).stdout
    assert "Raw files:" in text and "Checks:" in text


def test_published_file_opens_in_duckdb_1_1(sample_run, duckdb_1_1):
    count = duckdb_1_1(sample_run / "published" / "tumen.duckdb", "select count(*) from sanctions.dim_entities")
    assert int(count) > 0


def test_committed_suite_files_do_not_change_during_a_run(sample_run):
    assert COMMITTED_SUITES["before"] == COMMITTED_SUITES["after"]
    assert any(name.endswith("dim_entities.json") for name in COMMITTED_SUITES["after"])


def test_screen_a_csv_against_the_published_lists(sample_run, tmp_path):
    g1 = scenarios.gap("G1").parties[0]
    g5_born_1975 = scenarios.gap("G5").parties[1]
    names = tmp_path / "customers.csv"
    names.write_text(
        "name,imo,country,dob\n"
        "Paek Chang Ho,,KP,1964\n"          # G1 as a bank would type it
        "Jane Doe Trading Ltd,,,\n"          # nobody
        "Some Tanker,8604917,,\n"            # YU JONG 2 by IMO only
        "Kim Yong-chol,,,1975\n",            # only the 1975 KIM Yong-Chol, not the 1962 one
        encoding="utf-8",
    )
    out = tmp_path / "matches.csv"
    result = tumen("screen", str(names), "--out", str(out), data_dir=sample_run)
    assert result.returncode == 0, result.stderr
    assert "3 of 4 names matched" in result.stderr
    import csv

    rows = list(csv.DictReader(out.open()))
    by_row = {}
    for row in rows:
        by_row.setdefault(row["input_row"], []).append(row)
    assert {r["authority"] for r in by_row["2"]} == set(g1.listed_by)
    assert "3" not in by_row
    assert all(r["basis"] == "identifier:imo" for r in by_row["4"])
    assert {r["listing_id"] for r in by_row["5"]} == {
        r for (r,) in query(
            sample_run / "published" / "tumen.duckdb",
            "select listing_id from sanctions.dim_listings where issuer_reference = ?", [g5_born_1975.uk_unique_id],
        )
    }
    assert all(r["reason"] for r in rows)


def test_screen_refuses_a_file_without_names(sample_run, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("full_name\nx\n")
    result = tumen("screen", str(bad), data_dir=sample_run)
    assert result.returncode == 2 and "needs a 'name' column" in result.stderr


def test_vessel_identity_history_keeps_former_names_flags_and_owners(sample_run):
    s5 = scenarios.by_id("S5a")
    old, new = s5.vessels  # SUN PROMISE 5 (cover name) then NAM SAN 8, same IMO
    db = sample_run / "published" / "tumen.duckdb"
    former, mmsis, designated = query(
        db, "select former_names, mmsis, is_designated from sanctions.dim_vessels where imo = ?", [str(new.imo)]
    )[0]
    assert old.name in former and new.name not in former
    assert sorted(mmsis) == sorted([str(old.mmsi), str(new.mmsi)])
    assert designated
    mmsi_history = query(
        db,
        "select value, valid_from, valid_to from sanctions.dim_vessel_attributes "
        "where imo = ? and source = 'AIS' and attribute = 'mmsi' order by valid_from",
        [str(new.imo)],
    )
    assert [(v, str(t)) for v, _, t in mmsi_history][0] == (str(old.mmsi), s5.end[:10])
    assert mmsi_history[-1][2] is None
    owners = query(
        db, "select value, status from sanctions.dim_vessel_attributes where imo = ? and attribute = 'owner' and source = 'UK'",
        [str(new.imo)],
    )
    assert {s for _, s in owners} == {"current", "former"}
