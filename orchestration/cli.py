"""The `tumen` command.

    tumen run [--source-dir DIR] [--sources a,b] [--live] [--data-dir DIR]
    tumen backfill --source SOURCE DIR
    tumen screen FILE.csv [--out MATCHES.csv]
    tumen status [--json]
    tumen sample --out DIR [--seed N] [--scale N]
    tumen rollback [RELEASE]
    tumen dev

`tumen run` executes the Dagster `nightly` job in-process against a persistent Dagster instance
under <data dir>/dagster_home, so the run is recorded exactly like a scheduled one.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from orchestration.lib.errors import TumenConfigError
from orchestration.lib.paths import DataPaths, resolve_data_dir

def known_sources() -> list[str]:
    from orchestration.lib.source_assets import source_parse_modules

    return sorted(module.SOURCE for module in source_parse_modules())


def _quiet_telemetry(paths: DataPaths) -> None:
    os.environ["DAGSTER_HOME"] = str(paths.dagster_home)
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    config = paths.dagster_home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n")


@contextmanager
def _writer_lock(paths: DataPaths):
    """One writer per data directory: DuckDB allows a single writing process per file."""
    lock_path = paths.root / ".tumen.lock"
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise TumenConfigError(f"another tumen run is writing {paths.root}; wait for it to finish") from None
        yield


def _preflight(args, paths: DataPaths) -> tuple[str, list[str]]:
    from orchestration.lib.landing import landed_datasets

    sources = [s.strip() for s in (args.sources or "").split(",") if s.strip()]
    unknown = sorted(set(sources) - set(known_sources()))
    if unknown:
        raise TumenConfigError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(known_sources())}")
    if args.live and args.source_dir:
        raise TumenConfigError("choose --live or --source-dir, not both")
    mode = "live" if args.live else "files" if args.source_dir else "sample"
    if mode == "files":
        folder = Path(args.source_dir).expanduser().resolve()
        if not folder.is_dir():
            raise TumenConfigError(f"--source-dir {folder} is not a folder")
        wanted = sources or known_sources()
        missing = [s for s in wanted if not (folder / s).is_dir()]
        if missing:
            raise TumenConfigError(
                f"{folder} has no sub-folder for {', '.join(missing)}. Expected one folder per source "
                f"({', '.join(known_sources())}), laid out like data/sample/; or name the sources to run "
                "with --sources (e.g. --sources ofac_sdn,un_sc)."
            )
    dataset = "sample" if mode == "sample" else "own"
    other = landed_datasets(paths.raw) - {dataset}
    if other:
        raise TumenConfigError(
            f"{paths.root} already holds {', '.join(sorted(other))} data and this run brings {dataset} data; "
            "sample and real data never share a warehouse. Use another data directory (--data-dir or TUMEN_DATA_DIR)."
        )
    return mode, sources


def cmd_run(args) -> int:
    started = time.monotonic()
    paths = DataPaths(resolve_data_dir(args.data_dir)).ensure()
    mode, sources = _preflight(args, paths)
    _quiet_telemetry(paths)
    print(f"tumen run: mode {mode}, data directory {paths.root}", flush=True)
    with _writer_lock(paths):
        import dagster as dg

        from orchestration.defs.publish import release as releases
        from orchestration.definitions import defs

        job = defs().resolve_job_def("nightly")
        instance = dg.DagsterInstance.get()
        run_config = {
            "resources": {
                "tumen": {
                    "config": {
                        "data_dir": str(paths.root),
                        "mode": mode,
                        "source_dir": str(Path(args.source_dir).resolve()) if args.source_dir else "",
                        "sources": sources,
                    }
                }
            },
            "loggers": {"console": {"config": {"verbose": bool(args.verbose)}}},
        }
        before = releases.current_release_id(paths)
        result = job.execute_in_process(
            run_config=run_config,
            instance=instance,
            raise_on_error=False,
            tags={"tumen/trigger": "cli", "tumen/mode": mode},
        )
        after = releases.current_release_id(paths)
    elapsed = time.monotonic() - started
    published = after is not None and after != before
    _print_run_summary(result, paths, published, elapsed)
    return 0 if published and result.success else 1


def _print_run_summary(result, paths: DataPaths, published: bool, elapsed: float) -> None:
    import dagster as dg

    checks = [
        e.event_specific_data
        for e in result.all_events
        if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION
    ]
    failed_checks = [c for c in checks if not c.passed]
    print()
    print("─" * 72)
    if published:
        from orchestration.defs.publish import release as releases

        info = releases.read_release(paths) or {}
        print(f"PUBLISHED release {info.get('release_id')} in {elapsed:.1f} s")
        print(f"  warehouse: {paths.published_db}")
        print(f"  report:    {paths.published / 'report' / 'index.html'}")
        marts = {k: v for k, v in info.get("row_counts", {}).items() if not k.startswith("reference.")}
        print("  marts:     " + ", ".join(f"{k} {v:,}" for k, v in sorted(marts.items())))
    else:
        print(f"NOT PUBLISHED after {elapsed:.1f} s: the previous release (if any) is unchanged")
        for event in result.all_events:
            if event.event_type == dg.DagsterEventType.STEP_FAILURE:
                error = event.event_specific_data.error
                message = error.message.strip() if error else ""
                cause = error.cause.message.strip() if error and error.cause else ""
                print(f"  step {event.step_key} failed: {cause or message}")
    print(f"  checks:    {len(checks) - len(failed_checks)} of {len(checks)} passed")
    for check in failed_checks:
        print(f"    {check.asset_key.to_user_string()} {check.check_name} [{check.severity.value}]: {check.description}")
    skipped = [e.step_key for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_SKIPPED]
    if skipped and not published:
        print(f"  skipped:   {', '.join(sorted(set(skipped)))}")


def cmd_backfill(args) -> int:
    """Land a folder of dated historical files of one source, oldest first, and run the night.

    History is rebuilt from every landed snapshot, so one run after landing them all gives the
    same designations, intervals and events as having run every night in turn.
    """
    import tempfile

    from orchestration.lib import landing
    from orchestration.lib.source_assets import source_parse_modules

    modules = {m.SOURCE: m for m in source_parse_modules()}
    if args.source not in modules:
        raise TumenConfigError(f"unknown source {args.source}; known: {', '.join(sorted(modules))}")
    folder = Path(args.dir).expanduser().resolve()
    parse = modules[args.source]
    snapshots = landing.discover(args.source, folder, parse.classify, parse.publisher_as_of)
    print(f"tumen backfill: {len(snapshots)} snapshot(s) of {args.source} in {folder}, oldest first:")
    for snap in snapshots:
        print(f"  {snap.as_of}  ({len(snap.files)} file(s), date from {snap.as_of_basis})")
    with tempfile.TemporaryDirectory(prefix="tumen-backfill-") as staging:
        (Path(staging) / args.source).symlink_to(folder, target_is_directory=True)
        args.source_dir, args.sources, args.live = staging, args.source, False
        return cmd_run(args)


SCREEN_COLUMNS = ("name", "imo", "country", "dob", "type")
SCREEN_OUTPUT = (
    "input_row", "input_name", "score", "basis", "reason", "listing_id", "entity_id", "matched_name",
    "authority", "programs", "listing_primary_name", "party_type",
)


def cmd_screen(args) -> int:
    """Screen a CSV of names against the lists in the published warehouse."""
    import csv
    import time

    import duckdb

    from orchestration.lib.listings import listings_from_rows
    from orchestration.lib.screening import Screener, ScreenInput

    paths = DataPaths(resolve_data_dir(args.data_dir))
    if not paths.published_db.exists():
        raise TumenConfigError(f"nothing published in {paths.published}: run `tumen run` first")
    source = Path(args.file)
    if not source.is_file():
        raise TumenConfigError(f"{source}: no such file")
    with open(source, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = {h.strip().lower(): h for h in (reader.fieldnames or [])}
        if "name" not in header:
            raise TumenConfigError(
                f"{source}: needs a 'name' column (optional: imo, country, dob, type); found {reader.fieldnames}"
            )
        rows = []
        for number, record in enumerate(reader, start=2):
            name = (record.get(header["name"]) or "").strip()
            if not name:
                raise TumenConfigError(f"{source}, line {number}: empty name")
            get = lambda col: (record.get(header[col]) or "").strip() or None if col in header else None  # noqa: E731
            rows.append(ScreenInput(name=name, imo=get("imo"), country=get("country"), dob=get("dob"), kind=get("type")))

    started = time.monotonic()
    with duckdb.connect(str(paths.published_db), read_only=True) as con:
        frame = con.execute(
            "select l.listing_id as source_record_id, l.*, e.primary_name as entity_name "
            "from sanctions.dim_listings as l join sanctions.dim_entities as e using (entity_id) "
            + ("" if args.include_delisted else "where l.is_active")
        ).df()
    records = frame.to_dict("records")
    by_key = {r["source_record_id"]: r for r in records}
    screener = Screener(listings_from_rows(records), threshold=args.threshold, max_hits=args.max_hits)
    print(f"tumen screen: {len(rows):,} names against {len(screener):,} listings from {paths.published_db}", file=sys.stderr)

    out = open(args.out, "w", newline="", encoding="utf-8") if args.out else sys.stdout
    hits = 0
    matched_rows = set()
    try:
        writer = csv.writer(out)
        writer.writerow(SCREEN_OUTPUT)
        for hit in screener.screen(rows):
            listing = by_key[hit.key]
            hits += 1
            matched_rows.add(hit.row)
            writer.writerow([
                hit.row + 2, rows[hit.row].name, f"{hit.score:.3f}", hit.basis, hit.reason, hit.key,
                listing["entity_id"], hit.name, listing["authority"], ";".join(listing["programs"]),
                listing["primary_name"], listing["party_type"],
            ])
    finally:
        if args.out:
            out.close()
    elapsed = time.monotonic() - started
    print(
        f"tumen screen: {len(matched_rows):,} of {len(rows):,} names matched ({hits:,} hits) in {elapsed:.1f} s"
        + (f"; written to {args.out}" if args.out else ""),
        file=sys.stderr,
    )
    return 0


def cmd_status(args) -> int:
    from orchestration.defs.publish import release as releases

    paths = DataPaths(resolve_data_dir(args.data_dir))
    info = releases.read_release(paths)
    if info is None:
        print(f"nothing published in {paths.published}")
        return 1
    if args.json:
        print(json.dumps(info, indent=2, sort_keys=True))
        return 0
    print(f"Published release {info['release_id']} at {info['published_at']} ({info['dataset']} data, mode {info['mode']})")
    print(f"  file: {paths.published_db}")
    print(f"  run:  {info['run_id']}")
    print(f"  kept releases: {', '.join(releases.list_releases(paths))}")
    print("\nRaw files:")
    for snap in info["raw_snapshots"]:
        print(f"  {snap['source']} {snap['as_of']} (date from {snap['as_of_basis']})")
        for f in snap["files"]:
            print(f"    {f['name']:<40} {f['bytes']:>12,} B  sha256 {f['sha256']}")
    print("\nRow counts:")
    for name, n in sorted(info["row_counts"].items()):
        print(f"  {name:<45} {n:>12,}")
    checks = info["checks"]
    passed = sum(c["passed"] for c in checks)
    print(f"\nChecks: {passed} of {len(checks)} passed")
    for c in checks:
        mark = "pass" if c["passed"] else c["severity"].lower()
        line = f"  [{mark}] {c['asset']} {c['check']}"
        if not c["passed"]:
            line += f": {c['description']}"
        print(line)
    return 0


def cmd_rollback(args) -> int:
    from orchestration.defs.publish import release as releases

    paths = DataPaths(resolve_data_dir(args.data_dir))
    with _writer_lock(paths):
        release_id = releases.rollback(paths, args.release)
    print(f"published release is now {release_id}")
    return 0


def cmd_sample(args) -> int:
    from orchestration.sample.generator import generate

    generate(Path(args.out), seed=args.seed, scale=args.scale)
    return 0


def cmd_dev(args) -> int:
    """Start the Dagster UI on the same definitions (dbt manifest prepared first)."""
    paths = DataPaths(resolve_data_dir(args.data_dir)).ensure()
    _quiet_telemetry(paths)
    os.environ["TUMEN_DATA_DIR"] = str(paths.root)
    from orchestration.lib.dbt_project import manifest_path

    manifest_path()
    dagster = Path(sys.executable).with_name("dagster")
    command = [str(dagster) if dagster.exists() else "dagster", "dev", "-m", "orchestration.definitions"]
    os.execvp(command[0], command)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tumen", description="DPRK–Russia–China sanctions-evasion warehouse")
    parser.add_argument("--data-dir", help="data directory (default: $TUMEN_DATA_DIR or ./data)")
    # accepted after the sub-command too (`tumen run --data-dir X`); SUPPRESS keeps the global value otherwise
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="data directory (default: $TUMEN_DATA_DIR or ./data)")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", parents=[common], help="run the nightly job and publish")
    run.add_argument("--source-dir", help="read files you already have: one sub-folder per source, like data/sample/")
    run.add_argument("--sources", help="comma-separated sources to land (default: all)")
    run.add_argument("--live", action="store_true", help="fetch from the publishers (needs network and, for Comtrade, a key)")
    run.add_argument("--verbose", action="store_true", help="also list passed checks")
    run.set_defaults(func=cmd_run)

    backfill = sub.add_parser("backfill", parents=[common], help="ingest a folder of dated historical files of one source, in date order")
    backfill.add_argument("--source", required=True, help="the source the files belong to (e.g. ofac_sdn)")
    backfill.add_argument("dir", help="folder of dated files (sdn_2024-05-02.csv, ...) or YYYY-MM-DD/ sub-folders")
    backfill.add_argument("--verbose", action="store_true", help="also list passed checks")
    backfill.set_defaults(func=cmd_backfill)

    screen = sub.add_parser("screen", parents=[common], help="screen a CSV of names against the current lists")
    screen.add_argument("file", help="CSV with a 'name' column; optional imo, country, dob, type")
    screen.add_argument("--out", help="write matches here (default: standard output)")
    screen.add_argument("--threshold", type=float, default=0.85, help="lowest score reported (default 0.85)")
    screen.add_argument("--max-hits", type=int, default=10, help="most matches per name (default 10)")
    screen.add_argument("--include-delisted", action="store_true", help="also screen against delisted listings")
    screen.set_defaults(func=cmd_screen)

    status = sub.add_parser("status", parents=[common], help="what is published: when, from which raw files, row counts, checks")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=cmd_status)

    rollback = sub.add_parser("rollback", parents=[common], help="re-publish an earlier kept release")
    rollback.add_argument("release", nargs="?", help="release id (default: the one before the current)")
    rollback.set_defaults(func=cmd_rollback)

    sample = sub.add_parser("sample", parents=[common], help="write the deterministic sample data set")
    sample.add_argument("--out", required=True)
    sample.add_argument("--seed", type=int, default=7)
    sample.add_argument("--scale", type=float, default=0.0, help="also write about N million AIS positions (benchmarks)")
    sample.set_defaults(func=cmd_sample)

    dev = sub.add_parser("dev", parents=[common], help="start the Dagster UI (dagster dev) on these definitions")
    dev.set_defaults(func=cmd_dev)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TumenConfigError as error:
        print(f"tumen: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
