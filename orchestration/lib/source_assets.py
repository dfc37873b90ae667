"""The one shape every source's Dagster assets take: land, parse, load raw tables.

A source folder (``defs/sources/<source>/``) supplies a pure ``parse`` module and a ``fetch``
module; this factory turns them into one multi-asset whose keys are ``[raw_<source>, <table>]``.
"""

import importlib
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

import dagster as dg
import duckdb

from orchestration.lib import landing, raw_tables
from orchestration.lib.errors import SourceFormatError, TumenConfigError
from orchestration.lib.paths import REPO_ROOT
from orchestration.lib.settings import TumenSettings

SOURCES_DIR = REPO_ROOT / "orchestration" / "defs" / "sources"


@dataclass(frozen=True)
class SourceModules:
    """What a source folder must provide.

    ``parse`` has ``SOURCE``, ``DOMAIN``, ``RAW_TABLES`` (name -> (pyarrow schema, description)),
    ``classify(path)``, ``publisher_as_of(path, role)`` and ``parse_snapshot(paths_by_role)``.
    ``fetch`` has ``fetch(dest_folder) -> list[landing.InputFile]`` for the live mode.
    """

    parse: ModuleType
    fetch: ModuleType


def source_parse_modules() -> list[ModuleType]:
    """The parse module of every source folder (defs/sources/<source>/parse.py with assets.py)."""
    modules = []
    for folder in sorted(SOURCES_DIR.iterdir()):
        if (folder / "parse.py").is_file() and (folder / "assets.py").is_file():
            modules.append(importlib.import_module(f"orchestration.defs.sources.{folder.name}.parse"))
    return modules


def connect_build(settings: TumenSettings) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(settings.paths().build_db))


def pending_snapshots(modules: SourceModules, settings: TumenSettings, log) -> list[landing.PendingSnapshot]:
    parse = modules.parse
    source = parse.SOURCE
    if not settings.selected(source):
        log.info(f"[{source}] not selected for this run: keeping what is already landed")
        return []
    if settings.run_mode == "live":
        incoming = Path(tempfile.mkdtemp(prefix=f".incoming-{source}-", dir=settings.paths().raw))
        fetched = modules.fetch.fetch(incoming)
        if not fetched:
            # e.g. NOAA publishes AIS months late: nothing new tonight is normal, not a failure
            log.info(f"[{source}] the publisher has nothing new to fetch")
            shutil.rmtree(incoming)
            return []
        # One fetch is one publication: all its files share one snapshot date.
        try:
            published = [d for d in (parse.publisher_as_of(f.path, f.role) for f in fetched) if d is not None]
        except SourceFormatError as error:
            moved = _reject_incoming(incoming, source, error)
            raise SourceFormatError(error.file, f"{error.reason} (fetched files moved to {moved})", error.record) from error
        if published:
            as_of, basis = max(published), "publisher field"
        else:
            stamps = [f.last_modified or f.fetched_at for f in fetched]
            as_of, basis = max(datetime.fromisoformat(s) for s in stamps).date(), "fetch time"
        return [landing.PendingSnapshot(source, as_of, basis, list(fetched))]
    folder = settings.input_folder(source)
    if settings.run_mode == "sample" and folder is not None and not folder.is_dir():
        log.warning(f"[{source}] the bundled sample has no {source} files: nothing to land")
        return []
    if folder is None or not folder.is_dir():
        raise TumenConfigError(
            f"{source}: no folder {folder}. A source directory needs one sub-folder per source "
            f"({source}/ here); name the sources to run with --sources to leave others out."
        )
    return landing.discover(source, folder, parse.classify, parse.publisher_as_of)


def _reject_incoming(incoming: Path, source: str, error: Exception) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = incoming.parent / source / "_rejected" / f"fetched-{stamp}"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(incoming), str(target))
    (target / "REJECTED.txt").write_text(f"{error}\n", encoding="utf-8")
    return target


def _reject(snapshot: landing.LandedSnapshot, error: Exception) -> Path:
    """Move a snapshot that failed to parse aside, kept for inspection, so it neither blocks
    later nights nor is silently loaded."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = snapshot.folder.parent / "_rejected" / f"{snapshot.as_of.isoformat()}-{stamp}"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(snapshot.folder), str(target))
    (target / "REJECTED.txt").write_text(f"{error}\n", encoding="utf-8")
    return target


def load_landed_snapshots(
    con: duckdb.DuckDBPyConnection,
    parse: ModuleType,
    raw_root: Path,
    table_schemas: dict,
    log,
) -> None:
    """Parse and load, oldest first, every landed snapshot the raw tables do not hold yet.

    The next snapshot is parsed in a worker thread while the current one is inserted: both
    spend their time in DuckDB and Arrow, which release the GIL, so on a backlog (a week of AIS
    days, a backfill) the two cores overlap instead of taking turns. Snapshots still load in
    date order, one transaction each, and a parse failure stops the run at that snapshot.
    """
    source = parse.SOURCE
    todo = [s for s in landing.landed_snapshots(raw_root, source) if raw_tables.needs_load(con, s)]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"parse-{source}") as worker:
        ahead = worker.submit(parse.parse_snapshot, todo[0].paths_by_role()) if todo else None
        for index, snapshot in enumerate(todo):
            try:
                parsed = ahead.result()
            except SourceFormatError as error:
                moved = _reject(snapshot, error)
                raise SourceFormatError(
                    error.file, f"{error.reason} (snapshot moved to {moved})", error.record
                ) from error
            if index + 1 < len(todo):
                ahead = worker.submit(parse.parse_snapshot, todo[index + 1].paths_by_role())
            counts = raw_tables.replace_snapshot(con, snapshot, parsed, table_schemas)
            shown = ", ".join(f"{k} {v:,}" for k, v in counts.items())
            log.info(f"[{source}] loaded {snapshot.as_of}: {shown}; quarantined {len(parsed.quarantine):,}")
            del parsed


def build_source_assets(modules: SourceModules) -> dg.AssetsDefinition:
    parse = modules.parse
    source: str = parse.SOURCE
    schema = raw_tables.raw_schema(source)
    table_schemas = {name: spec[0] for name, spec in parse.RAW_TABLES.items()}

    specs = [
        dg.AssetSpec(
            key=dg.AssetKey([schema, name]),
            description=description,
            group_name=source,
            kinds={"duckdb", "python"},
            tags={"domain": parse.DOMAIN, "layer": "raw"},
        )
        for name, (_, description) in parse.RAW_TABLES.items()
    ]

    @dg.multi_asset(name=f"{schema}_tables", specs=specs, can_subset=False)
    def _load(context: dg.AssetExecutionContext, tumen: TumenSettings):
        log = context.log
        paths = tumen.paths()
        for pending in pending_snapshots(modules, tumen, log):
            landed = landing.land(pending, paths.raw, tumen.dataset)
            if landed.new_files:
                log.info(
                    f"[{source}] landed {landed.as_of}: {landed.new_files} new file(s), date from {landed.as_of_basis}"
                )
            else:
                log.info(f"[{source}] {landed.as_of} already landed, unchanged")
        for incoming in paths.raw.glob(f".incoming-{source}-*"):
            shutil.rmtree(incoming)  # landed copies are in raw/<source>/<as_of>/ now
        totals: dict[str, int] = {}
        con = connect_build(tumen)
        try:
            if raw_tables.ensure_tables(con, source, table_schemas):
                log.info(f"[{source}] raw tables (re)created: replaying every landed snapshot")
            load_landed_snapshots(con, parse, paths.raw, table_schemas, log)
            for name in table_schemas:
                totals[name] = con.execute(f"select count(*) from {schema}.{name}").fetchone()[0]
            snapshot_count = con.execute(
                "select count(*) from raw_meta.loads where source = ?", [source]
            ).fetchone()[0]
        finally:
            con.close()
        for name in table_schemas:
            yield dg.MaterializeResult(
                asset_key=dg.AssetKey([schema, name]),
                metadata={"rows": totals[name], "snapshots": snapshot_count},
            )

    return _load
