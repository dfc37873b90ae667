"""Raw boundary tables in the DuckDB build file: ``raw_<source>.<table>``.

Every raw table carries lineage: ``_as_of`` (snapshot date), ``_file`` (landed file name) and
``_record`` (line or element number in that file). Loading is per snapshot and idempotent: a
snapshot is reloaded only when its landed files change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb
import pyarrow as pa

from orchestration.lib.landing import LandedSnapshot

LINEAGE_FIELDS = [pa.field("_file", pa.string()), pa.field("_record", pa.int64())]


@dataclass(frozen=True)
class Quarantined:
    """A row-level problem the parser could recover from by setting the row aside."""

    file: str
    record: int
    reason: str
    raw: str = ""


@dataclass
class ParsedSnapshot:
    tables: dict[str, pa.Table]
    quarantine: list[Quarantined] = field(default_factory=list)


def raw_schema(source: str) -> str:
    return f"raw_{source}"


def _fingerprint(schemas: dict[str, pa.Schema]) -> str:
    text = "\n".join(f"{name}:{schemas[name]}" for name in sorted(schemas))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def ensure_meta(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw_meta")
    con.execute(
        """
        create table if not exists raw_meta.loads (
            source varchar, as_of date, fingerprint varchar, schema_version varchar,
            files varchar, loaded_at timestamptz, rows_loaded bigint, rows_quarantined bigint,
            primary key (source, as_of)
        )
        """
    )
    con.execute(
        """
        create table if not exists raw_meta.quarantine (
            source varchar, _as_of date, _file varchar, _record bigint, reason varchar, raw varchar
        )
        """
    )


def ensure_tables(con: duckdb.DuckDBPyConnection, source: str, schemas: dict[str, pa.Schema]) -> bool:
    """Create the source's raw tables; rebuild them when the parser's schema changed.

    Returns True when the tables were (re)created, meaning every landed snapshot must be replayed.
    """
    ensure_meta(con)
    schema = raw_schema(source)
    version = _fingerprint(schemas)
    recorded = con.execute(
        "select distinct schema_version from raw_meta.loads where source = ?", [source]
    ).fetchall()
    stale = any(v[0] != version for v in recorded)
    con.execute(f"create schema if not exists {schema}")
    created = stale
    for name, arrow_schema in schemas.items():
        if stale:
            con.execute(f"drop table if exists {schema}.{name}")
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
        if not exists:
            empty = pa.Table.from_batches([], schema=_with_lineage(arrow_schema))  # noqa: F841
            con.execute(
                f"create table {schema}.{name} as select cast(null as date) as _as_of, * from empty limit 0"
            )
            created = True
    if created:
        con.execute("delete from raw_meta.loads where source = ?", [source])
        con.execute("delete from raw_meta.quarantine where source = ?", [source])
    return created


def _with_lineage(schema: pa.Schema) -> pa.Schema:
    names = set(schema.names)
    for f in LINEAGE_FIELDS:
        if f.name not in names:
            schema = schema.append(f)
    return schema


def needs_load(con: duckdb.DuckDBPyConnection, snapshot: LandedSnapshot) -> bool:
    row = con.execute(
        "select fingerprint from raw_meta.loads where source = ? and as_of = ?",
        [snapshot.source, snapshot.as_of],
    ).fetchone()
    return row is None or row[0] != snapshot.fingerprint


def replace_snapshot(
    con: duckdb.DuckDBPyConnection,
    snapshot: LandedSnapshot,
    parsed: ParsedSnapshot,
    schemas: dict[str, pa.Schema],
) -> dict[str, int]:
    """Swap one snapshot's rows in, all tables at once, inside one transaction."""
    schema = raw_schema(snapshot.source)
    counts: dict[str, int] = {}
    unknown = set(parsed.tables) - set(schemas)
    if unknown:
        raise ValueError(f"parser returned undeclared raw tables {sorted(unknown)}")
    con.execute("begin transaction")
    try:
        for name, arrow_schema in schemas.items():
            con.execute(f"delete from {schema}.{name} where _as_of = ?", [snapshot.as_of])
            table = parsed.tables.get(name)
            if table is None:
                counts[name] = 0
                continue
            table = table.select(_with_lineage(arrow_schema).names).cast(_with_lineage(arrow_schema))
            con.register("incoming", table)
            con.execute(
                f"insert into {schema}.{name} by name select cast(? as date) as _as_of, * from incoming",
                [snapshot.as_of],
            )
            con.unregister("incoming")
            counts[name] = table.num_rows
        con.execute(
            "delete from raw_meta.quarantine where source = ? and _as_of = ?", [snapshot.source, snapshot.as_of]
        )
        if parsed.quarantine:
            # one columnar insert: executemany costs seconds per ten thousand rows
            rejected = pa.table(
                {
                    "_file": [q.file for q in parsed.quarantine],
                    "_record": pa.array([q.record for q in parsed.quarantine], pa.int64()),
                    "reason": [q.reason for q in parsed.quarantine],
                    "raw": [q.raw[:2000] for q in parsed.quarantine],
                }
            )
            con.register("rejected", rejected)
            con.execute(
                "insert into raw_meta.quarantine select ?, cast(? as date), _file, _record, reason, raw from rejected",
                [snapshot.source, snapshot.as_of],
            )
            con.unregister("rejected")
        con.execute(
            "insert or replace into raw_meta.loads values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                snapshot.source,
                snapshot.as_of,
                snapshot.fingerprint,
                _fingerprint(schemas),
                ",".join(f"{f.name}:{f.sha256}" for f in snapshot.files),
                datetime.now(timezone.utc),
                sum(counts.values()),
                len(parsed.quarantine),
            ],
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return counts
