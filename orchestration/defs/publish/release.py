"""Releases: the BI-readable warehouse, Parquet per mart, the report and Data Docs, written aside
and swapped in atomically.

Layout under ``<data dir>/published/``::

    releases/<release id>/   tumen.duckdb, parquet/<mart>.parquet, report/, data_docs/, release.json
    current -> releases/<release id>      (a symlink, replaced with one atomic rename)
    tumen.duckdb                           (a hard link to current's file, replaced atomically)
    parquet -> current/parquet, report -> current/report, data_docs -> current/data_docs, release.json -> current/release.json

A reader opening any of these sees one whole release, old or new, never a mix. A failed run
never reaches this module, so the previous files stay byte-identical.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from orchestration.lib.paths import DataPaths

MART_SCHEMAS = ("sanctions", "trade", "shipping")
PUBLISHED_SCHEMAS = (*MART_SCHEMAS, "reference")
# DuckDB 2.x files cannot be opened by the 1.x engines embedded in BI drivers (DESIGN.md section 7).
BI_STORAGE_VERSION = "v1.1.0"
KEEP_RELEASES = 3
# Marts published as one Parquet folder per day: parquet/<table>/<column>=YYYY-MM-DD/*.parquet
DAY_PARTITIONED = {"fct_ais_positions": "position_date"}
STABLE_LINKS = ("parquet", "report", "data_docs", "release.json")


# The as-of question ("designated by whom on date D, as Tumen knew it on date K?") as one call:
#   select * from sanctions.designated_on(date '2024-05-15');
#   select * from sanctions.designated_on(date '2019-03-01', known_on := date '2024-05-02');
# Valid time: valid_from <= D < valid_to. Knowledge time (optional): only designations Tumen had
# seen by K, and a delisting only counts once a snapshot showing it had arrived by K.
DESIGNATED_ON_MACRO = """
create macro sanctions.designated_on(on_date, known_on := null) as table
select
    e.entity_id, e.primary_name, e.entity_type, d.authority, d.program, d.regime,
    d.valid_from, d.valid_from_basis, d.valid_to, d.first_observed, d.source_record_id
from sanctions.fct_designations as d
join sanctions.dim_entities as e using (entity_id)
where d.valid_from <= on_date
  and (known_on is null or d.first_observed <= known_on)
  and (d.valid_to is null or d.valid_to > on_date or (known_on is not null and d.valid_to > known_on))
"""


@dataclass(frozen=True)
class StagedRelease:
    release_id: str
    folder: Path


def new_release_id(run_id: str, now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{run_id[:8]}"


def published_tables(build_db: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(build_db), read_only=True) as con:
        rows = con.execute(
            "select schema_name, table_name from duckdb_tables() where schema_name in "
            f"({', '.join('?' for _ in PUBLISHED_SCHEMAS)}) order by 1, 2",
            list(PUBLISHED_SCHEMAS),
        ).fetchall()
    return [(s, t) for s, t in rows]


def stage_release(paths: DataPaths, release_id: str, metadata: dict, log=print) -> StagedRelease:
    """Write the warehouse file, Parquet and release.json into ``releases/<id>.partial``."""
    partial = paths.releases / f"{release_id}.partial"
    if partial.exists():
        shutil.rmtree(partial)
    (partial / "parquet").mkdir(parents=True)
    target_db = partial / "tumen.duckdb"
    tables = published_tables(paths.build_db)
    if not tables:
        raise RuntimeError(f"nothing to publish: no tables in schemas {PUBLISHED_SCHEMAS} of {paths.build_db}")
    counts: dict[str, int] = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{paths.build_db}' as build (read_only)")
        con.execute(f"attach '{target_db}' as pub (storage_version '{BI_STORAGE_VERSION}')")
        for schema in sorted({s for s, _ in tables}):
            con.execute(f"create schema pub.{schema}")
        for schema, table in tables:
            con.execute(f"create table pub.{schema}.{table} as select * from build.{schema}.{table}")
            counts[f"{schema}.{table}"] = con.execute(f"select count(*) from pub.{schema}.{table}").fetchone()[0]
            _copy_comments(con, schema, table)
            if schema in MART_SCHEMAS and table in DAY_PARTITIONED:
                # positions are read by day: one Parquet folder per day (hive layout)
                out = partial / "parquet" / table
                con.execute(
                    f"copy (select * from build.{schema}.{table}) to '{out}' "
                    f"(format parquet, compression zstd, partition_by ({DAY_PARTITIONED[table]}))"
                )
            elif schema in MART_SCHEMAS:
                out = partial / "parquet" / f"{table}.parquet"
                con.execute(
                    f"copy (select * from build.{schema}.{table}) to '{out}' (format parquet, compression zstd)"
                )
            log(f"[publish] {schema}.{table}: {counts[f'{schema}.{table}']:,} rows")
        if ("sanctions", "fct_designations") in tables and ("sanctions", "dim_entities") in tables:
            # bound inside the file's own catalog so BI tools find the tables whatever they call it
            con.execute("use pub")
            con.execute(DESIGNATED_ON_MACRO)
            con.execute("use memory")
        _write_release_tables(con, metadata, counts)
        con.execute("detach pub")
    metadata.update(release_id=release_id, row_counts=counts)
    (partial / "release.json").write_text(json.dumps(metadata, indent=2, sort_keys=True, default=str) + "\n")
    return StagedRelease(release_id, partial)


def finalize(paths: DataPaths, staged: StagedRelease) -> StagedRelease:
    """Rename the completed ``.partial`` folder to its release id; only whole releases get a name."""
    final = paths.releases / staged.release_id
    staged.folder.rename(final)
    return StagedRelease(staged.release_id, final)


def _copy_comments(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> None:
    """dbt persists descriptions as DuckDB comments; carry them into the BI file."""
    comment = con.execute(
        "select comment from duckdb_tables() where database_name = 'build' and schema_name = ? and table_name = ?",
        [schema, table],
    ).fetchone()
    if comment and comment[0]:
        con.execute(f"comment on table pub.{schema}.{table} is {_sql_string(comment[0])}")
    for column, text in con.execute(
        "select column_name, comment from duckdb_columns() where database_name = 'build' "
        "and schema_name = ? and table_name = ? and comment is not null",
        [schema, table],
    ).fetchall():
        con.execute(f'comment on column pub.{schema}.{table}."{column}" is {_sql_string(text)}')


def _write_release_tables(con: duckdb.DuckDBPyConnection, metadata: dict, counts: dict[str, int]) -> None:
    """Lineage inside the BI file itself: which raw files and checks this release stands on."""
    con.execute("create schema pub.meta")
    con.execute(
        "create table pub.meta.release (published_at timestamptz, run_id varchar, dataset varchar, tumen_version varchar)"
    )
    con.execute(
        "insert into pub.meta.release values (?, ?, ?, ?)",
        [metadata["published_at"], metadata["run_id"], metadata["dataset"], metadata["tumen_version"]],
    )
    con.execute(
        "create table pub.meta.raw_files (source varchar, as_of date, as_of_basis varchar, file varchar, "
        "sha256 varchar, bytes bigint, origin varchar, fetched_at varchar)"
    )
    for snap in metadata["raw_snapshots"]:
        for f in snap["files"]:
            con.execute(
                "insert into pub.meta.raw_files values (?, ?, ?, ?, ?, ?, ?, ?)",
                [snap["source"], snap["as_of"], snap["as_of_basis"], f["name"], f["sha256"], f["bytes"],
                 f["origin"], f["fetched_at"]],
            )
    con.execute(
        "create table pub.meta.checks (asset varchar, check_name varchar, passed boolean, severity varchar, description varchar)"
    )
    for c in metadata["checks"]:
        con.execute(
            "insert into pub.meta.checks values (?, ?, ?, ?, ?)",
            [c["asset"], c["check"], c["passed"], c["severity"], c["description"]],
        )
    con.execute("create table pub.meta.table_counts (table_name varchar, row_count bigint)")
    for name, n in counts.items():
        con.execute("insert into pub.meta.table_counts values (?, ?)", [name, n])
    con.execute(
        "comment on table pub.meta.raw_files is 'Every landed raw file behind this release, with its sha256 and origin'"
    )


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def swap_in(paths: DataPaths, release: StagedRelease) -> None:
    """Point ``current`` (and the stable names) at the new release with atomic renames."""
    published = paths.published
    _atomic_symlink(published / "current", Path("releases") / release.release_id)
    for name in STABLE_LINKS:
        link = published / name
        if not link.is_symlink():
            if link.exists():
                raise RuntimeError(f"{link} exists and is not a link Tumen manages; move it away")
            _atomic_symlink(link, Path("current") / name)
    tmp = published / ".tumen.duckdb.swap"
    if tmp.exists():
        tmp.unlink()
    os.link(release.folder / "tumen.duckdb", tmp)
    tmp.replace(published / "tumen.duckdb")


def _atomic_symlink(link: Path, target: Path) -> None:
    tmp = link.with_name(f".{link.name}.swap")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(target)
    tmp.replace(link)


def prune(paths: DataPaths, keep: int = KEEP_RELEASES) -> list[str]:
    """Keep the newest ``keep`` releases (the current one always among them) for rollback."""
    current = current_release_id(paths)
    releases = list_releases(paths)
    removed = []
    for release_id in releases[:-keep] if len(releases) > keep else []:
        if release_id == current:
            continue
        shutil.rmtree(paths.releases / release_id)
        removed.append(release_id)
    for leftover in paths.releases.glob("*.partial"):
        shutil.rmtree(leftover)
    return removed


def list_releases(paths: DataPaths) -> list[str]:
    if not paths.releases.is_dir():
        return []
    return sorted(p.name for p in paths.releases.iterdir() if p.is_dir() and not p.name.endswith(".partial"))


def current_release_id(paths: DataPaths) -> str | None:
    link = paths.published / "current"
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def read_release(paths: DataPaths, release_id: str | None = None) -> dict | None:
    release_id = release_id or current_release_id(paths)
    if release_id is None:
        return None
    path = paths.releases / release_id / "release.json"
    return json.loads(path.read_text()) if path.is_file() else None


def rollback(paths: DataPaths, release_id: str | None = None) -> str:
    """Re-point the published names at an earlier kept release (default: the one before current)."""
    releases = list_releases(paths)
    current = current_release_id(paths)
    if release_id is None:
        older = [r for r in releases if current is None or r < current]
        if not older:
            raise RuntimeError("no earlier release is kept to roll back to")
        release_id = older[-1]
    if release_id not in releases:
        raise RuntimeError(f"release {release_id} is not kept; kept: {', '.join(releases) or 'none'}")
    swap_in(paths, StagedRelease(release_id, paths.releases / release_id))
    return release_id
