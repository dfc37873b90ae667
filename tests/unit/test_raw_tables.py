"""Raw loading: idempotent per snapshot, atomic, schema changes replay history."""

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from orchestration.lib import landing, raw_tables

SCHEMA = {"items": pa.schema([("id", pa.int64()), ("name", pa.string()), ("_file", pa.string()), ("_record", pa.int64())])}


def landed(tmp_path: Path, as_of: date, text: str) -> landing.LandedSnapshot:
    folder = tmp_path / "in" / as_of.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "items.csv").write_text(text)
    pending = landing.PendingSnapshot("demo", as_of, "folder name", [landing.InputFile("items", folder / "items.csv", "x")])
    return landing.land(pending, tmp_path / "raw", "own")


def parsed(rows) -> raw_tables.ParsedSnapshot:
    table = pa.Table.from_pylist(
        [{"id": i, "name": n, "_file": "items.csv", "_record": i} for i, n in rows], schema=SCHEMA["items"]
    )
    return raw_tables.ParsedSnapshot({"items": table}, [raw_tables.Quarantined("items.csv", 9, "bad id", "x,y")])


def test_reload_replaces_only_that_snapshot(tmp_path):
    con = duckdb.connect()
    assert raw_tables.ensure_tables(con, "demo", SCHEMA)
    s1 = landed(tmp_path, date(2024, 5, 1), "a")
    s2 = landed(tmp_path, date(2024, 6, 1), "b")
    raw_tables.replace_snapshot(con, s1, parsed([(1, "a"), (2, "b")]), SCHEMA)
    raw_tables.replace_snapshot(con, s2, parsed([(1, "a")]), SCHEMA)
    raw_tables.replace_snapshot(con, s2, parsed([(1, "a")]), SCHEMA)
    counts = con.execute("select _as_of, count(*) from raw_demo.items group by 1 order by 1").fetchall()
    assert counts == [(date(2024, 5, 1), 2), (date(2024, 6, 1), 1)]
    assert con.execute("select count(*) from raw_meta.quarantine").fetchone()[0] == 2
    assert not raw_tables.needs_load(con, s1)


def test_failed_load_leaves_previous_rows(tmp_path):
    con = duckdb.connect()
    raw_tables.ensure_tables(con, "demo", SCHEMA)
    snap = landed(tmp_path, date(2024, 5, 1), "a")
    raw_tables.replace_snapshot(con, snap, parsed([(1, "a")]), SCHEMA)
    broken = raw_tables.ParsedSnapshot({"items": pa.table({"id": ["not a number"]})})
    with pytest.raises(Exception):
        raw_tables.replace_snapshot(con, snap, broken, SCHEMA)
    assert con.execute("select count(*) from raw_demo.items").fetchone()[0] == 1


def test_schema_change_forces_replay(tmp_path):
    con = duckdb.connect()
    raw_tables.ensure_tables(con, "demo", SCHEMA)
    snap = landed(tmp_path, date(2024, 5, 1), "a")
    raw_tables.replace_snapshot(con, snap, parsed([(1, "a")]), SCHEMA)
    wider = {"items": SCHEMA["items"].append(pa.field("extra", pa.string()))}
    assert raw_tables.ensure_tables(con, "demo", wider)
    assert raw_tables.needs_load(con, snap)
    assert con.execute("select count(*) from raw_demo.items").fetchone()[0] == 0
