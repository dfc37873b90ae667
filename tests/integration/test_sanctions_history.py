"""Must show: the two real SDN days backfilled in order give exactly the 8 delistings of
2024-05-03 and nothing else that day; the designation history answers as-of questions."""

from tests.integration.conftest import query, tumen


def test_backfilled_sdn_days_give_exactly_eight_delistings(tmp_path, realdata):
    history = tmp_path / "ofac_history"
    history.mkdir()
    for day in ("2024-05-02", "2024-05-03"):
        real = realdata / "sanctions_ofac" / "sdn_2024" / f"sdn_{day}.csv"
        (history / real.name).symlink_to(real)
    data_dir = tmp_path / "data"
    result = tumen("backfill", "--source", "ofac_sdn", str(history), data_dir=data_dir)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "2024-05-02" in result.stdout.split("\n", 3)[1] and "2024-05-03" in result.stdout.split("\n", 3)[2]

    db = data_dir / "published" / "tumen.duckdb"
    assert query(
        db, "select event_type, count(*) from sanctions.fct_designation_events where event_date = date '2024-05-03' group by 1"
    ) == [("DELISTED", 8)]
    assert query(
        db,
        "select count(*) from sanctions.fct_designation_events where event_date = date '2024-05-02' "
        "and event_type = 'ADDED' and is_baseline",
    ) == [(14973,)]
    delisted = [r for (r,) in query(
        db, "select source_record_id from sanctions.fct_designation_events where event_type = 'DELISTED'"
    )]
    # the delisted records are closed in the designation history the same day, and only they are
    assert query(
        db,
        "select list_sort(list(distinct source_record_id)) from sanctions.fct_designations where valid_to = date '2024-05-03'",
    ) == [(sorted(delisted),)]
    # as of 2024-05-02 they were designated, as of 2024-05-03 they are not
    in_force = "select count(distinct source_record_id) from sanctions.designated_on(date '{}') where authority = 'OFAC'"
    assert query(db, in_force.format("2024-05-02")) == [(14973,)]
    assert query(db, in_force.format("2024-05-03")) == [(14965,)]
    # OFAC publishes no listing date: valid time is the first snapshot that shows it, and says so
    assert query(db, "select distinct valid_from_basis from sanctions.fct_designations") == [("first snapshot showing it",)]
