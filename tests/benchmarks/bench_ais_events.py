"""Benchmark: the AIS event pipeline at scale, and its gap step against pandas and a bare scan.

    .venv/bin/python tests/benchmarks/bench_ais_events.py [--millions 10 50] [--work /tmp/tumen-bench]

For each size N (millions of positions, written by `tumen sample --scale N` as daily NOAA-column
Parquet files):

1. **Pipeline**: the same code a night runs, on a fresh data directory: land the files, parse
   them and load raw_ais.positions (landing.land, then source_assets.load_landed_snapshots),
   then `dbt run` of every AIS model: cleaning by day, transmitters and segments, port
   proximity, port visits, gaps (with distance from shore), encounters, loitering and the
   positions mart. Wall time and peak memory of the whole process tree (this process plus dbt),
   sampled every 50 ms. Targets: 10 M in at most 60 s and 4 GB; 50 M in at most 5.5 x the 10 M time.
2. **Gap step**: on the cleaned positions exported to Parquet, the time of (a) a bare DuckDB scan
   of that Parquet, (b) the gap step in DuckDB (the SQL of int_ais_gap_candidates: reports folded
   into 6-hour buckets per vessel, then the previous occupied bucket's last report, distance,
   silences of 6 h or more),
   (c) the same logic written the straightforward pandas way (sort, groupby-shift, numpy
   haversine, filter). Target: DuckDB at least 10 x faster than pandas; its time is also given
   as a ratio to the bare scan. Both run on the same 2 cores in the same process, one after the other.
3. **Next night**: the last day's file again, dated a day later, landed on top of that history and
   the same steps run again: what an ordinary night costs once history exists (cleaning and the
   positions mart are built by day; the event models still read the whole history).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

BIN = Path(sys.executable).parent
AIS_MODELS = (
    "stg_ais__positions stg_ais__snapshot_loads int_ais_positions_cleaned int_ais_positions_rejected int_ais_static_reports "
    "int_ais_shared_mmsi_days int_ais_transmitters int_ais_tracks int_port_cells int_ais_port_proximity "
    "fct_port_visits int_ais_gap_candidates int_ais_gap_shore fct_ais_gaps fct_encounters fct_loitering "
    "fct_ais_positions"
)
SEEDS = "ports mmsi_mid_flags transfer_areas"


class PeakMemory:
    """Peak resident memory of this process and all its children, sampled in a thread."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_kb(self) -> int:
        total, pending = 0, [os.getpid()]
        while pending:
            pid = pending.pop()
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                total += int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmRSS:")))
                for task in Path(f"/proc/{pid}/task").iterdir():
                    children = (task / "children").read_text().split()
                    pending.extend(int(c) for c in children)
            except (FileNotFoundError, StopIteration, ProcessLookupError):
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self._tree_kb())
            time.sleep(0.05)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def gib(self) -> float:
        return self.peak_kb / 1024 / 1024


def generate(millions: float, out: Path) -> Path:
    if not (out / "ais").is_dir() or not any((out / "ais").glob("AIS_*.parquet")):
        subprocess.run([str(BIN / "tumen"), "sample", "--out", str(out), "--seed", "7", "--scale", str(millions)],
                       check=True, stdout=subprocess.DEVNULL)
    inputs = out.parent / f"{out.name}-inputs" / "ais"
    if inputs.exists():
        shutil.rmtree(inputs.parent)
    inputs.mkdir(parents=True)
    for parquet in sorted((out / "ais").glob("AIS_*.parquet")):
        (inputs / parquet.name).symlink_to(parquet)
    return inputs


def run_pipeline(inputs: Path, data_dir: Path) -> dict:
    """A cold night on ``inputs`` into a fresh data directory."""
    import duckdb

    from orchestration.defs.sources.ais import parse
    from orchestration.lib import coast, raw_tables
    from orchestration.lib.paths import DataPaths

    paths = DataPaths(data_dir).ensure()
    schemas = {name: spec[0] for name, spec in parse.RAW_TABLES.items()}
    # seeds and the coastline cache are set-up, not the nightly AIS work: built before the clock starts
    with duckdb.connect(str(paths.build_db)) as con:
        raw_tables.ensure_tables(con, "ais", schemas)
    subprocess.run([*_dbt(), "seed", "--select", *SEEDS.split(), *_dbt_args(paths)], check=True, env=_env(paths))
    coast.build_coastline(paths.root / "cache" / "coast")

    timings = _night(inputs, paths)
    with duckdb.connect(str(paths.build_db), read_only=True) as con:
        timings["positions"] = con.execute("select count(*) from shipping.fct_ais_positions").fetchone()[0]
        timings["events"] = {
            t: con.execute(f"select count(*) from shipping.{t}").fetchone()[0]
            for t in ("fct_port_visits", "fct_ais_gaps", "fct_encounters", "fct_loitering")
        }
    return timings


def next_night(inputs: Path, data_dir: Path) -> dict:
    """The night after: one more day, as large as the last, on top of the history just built."""
    from orchestration.lib.paths import DataPaths

    return _night(_add_next_day(inputs), DataPaths(data_dir))


def _dbt() -> list[str]:
    return [str(BIN / "dbt"), "--quiet"]


def _dbt_args(paths) -> list[str]:
    from orchestration.lib.paths import DBT_PROJECT_DIR

    return ["--profiles-dir", str(DBT_PROJECT_DIR), "--project-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(paths.build / "dbt_target")]


def _env(paths) -> dict:
    return {**os.environ, "TUMEN_BUILD_DB": str(paths.build_db), "TUMEN_DATA_DIR": str(paths.root),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


def _night(inputs: Path, paths) -> dict:
    """What a night does for AIS, timed: land, parse and load what is new, then every AIS model."""
    import duckdb

    from orchestration.defs.sources.ais import parse
    from orchestration.lib import landing
    from orchestration.lib.source_assets import load_landed_snapshots

    schemas = {name: spec[0] for name, spec in parse.RAW_TABLES.items()}
    timings = {}
    with PeakMemory() as memory:
        started = time.perf_counter()
        # the nightly asset's own steps: land every file, then parse and load the days in order
        for pending in landing.discover("ais", inputs, parse.classify, parse.publisher_as_of):
            landing.land(pending, paths.raw, "own")
        with duckdb.connect(str(paths.build_db)) as con:
            load_landed_snapshots(con, parse, paths.raw, schemas, logging.getLogger("bench"))
        timings["land_parse_load_s"] = time.perf_counter() - started
        events_started = time.perf_counter()
        subprocess.run([*_dbt(), "run", "--select", *AIS_MODELS.split(), *_dbt_args(paths)], check=True, env=_env(paths))
        timings["dbt_events_s"] = time.perf_counter() - events_started
        timings["pipeline_s"] = time.perf_counter() - started
    timings["peak_gib"] = memory.gib
    results = json.loads((paths.build / "dbt_target" / "run_results.json").read_text())
    timings["models_s"] = {r["unique_id"].split(".")[-1]: round(r["execution_time"], 2) for r in results["results"]}
    return timings


def _add_next_day(inputs: Path) -> Path:
    """The last day's file again, a day after it: the next night's delivery (same volume)."""
    import duckdb

    last = sorted(inputs.glob("AIS_*.parquet"))[-1]
    day = date(*map(int, last.stem.split("_")[1:4]))
    target = inputs / f"AIS_{(day + timedelta(days=1)):%Y_%m_%d}.parquet"
    duckdb.sql(
        f"copy (select * replace (BaseDateTime + interval 1 day as BaseDateTime) from read_parquet('{last}')) "
        f"to '{target}' (format parquet)"
    )
    return inputs


# The pipeline's gap step (models/intermediate/shipping/int_ais_gap_candidates.sql) on a Parquet
# file: reports folded into 6-hour buckets per vessel by a hash aggregate, then only bucket rows ordered.
GAP_SQL = """
with buckets as (
    select
        mmsi,
        cast(epoch(position_at) as bigint) // (6 * 3600) as bucket,
        min(position_at) as first_at,
        max(position_at) as last_at,
        arg_min(struct_pack(latitude, longitude), position_at) as first_fix,
        arg_max(struct_pack(latitude, longitude), position_at) as last_fix
    from read_parquet('{parquet}')
    group by all
),
steps as (
    select mmsi, first_at, first_fix, lag(last_at) over w as previous_at, lag(last_fix) over w as previous_fix
    from buckets
    window w as (partition by mmsi order by bucket)
)
select count(*) from (
    select
        mmsi, previous_at, first_at,
        2 * 6371.0088 * asin(sqrt(pow(sin(radians(first_fix.latitude - previous_fix.latitude) / 2), 2)
            + cos(radians(previous_fix.latitude)) * cos(radians(first_fix.latitude))
            * pow(sin(radians(first_fix.longitude - previous_fix.longitude) / 2), 2))) as km
    from steps
    where epoch(first_at - previous_at) >= 6 * 3600
)
"""


def pandas_gaps(parquet: Path) -> int:
    import numpy as np
    import pandas as pd

    frame = pd.read_parquet(parquet, columns=["mmsi", "position_at", "latitude", "longitude"])
    frame = frame.sort_values(["mmsi", "position_at"])
    previous = frame.groupby("mmsi", sort=False)[["position_at", "latitude", "longitude"]].shift()
    hours = (frame["position_at"] - previous["position_at"]).dt.total_seconds() / 3600
    lat1, lon1 = np.radians(previous["latitude"].to_numpy()), np.radians(previous["longitude"].to_numpy())
    lat2, lon2 = np.radians(frame["latitude"].to_numpy()), np.radians(frame["longitude"].to_numpy())
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    km = 2 * 6371.0088 * np.arcsin(np.sqrt(a))
    gaps = frame.assign(hours=hours.to_numpy(), km=km)[hours.to_numpy() >= 6]
    return len(gaps)


def gap_step(data_dir: Path, work: Path) -> dict:
    import duckdb

    parquet = work / "cleaned_positions.parquet"
    with duckdb.connect(str(data_dir / "build" / "warehouse.duckdb"), read_only=True) as con:
        con.execute(
            "copy (select mmsi, position_at, latitude, longitude from intermediate.int_ais_positions_cleaned) "
            f"to '{parquet}' (format parquet)"
        )
    con = duckdb.connect()
    con.execute("set threads = 2")
    started = time.perf_counter()
    con.execute(f"select count(*), sum(latitude), sum(longitude), max(position_at) from read_parquet('{parquet}')").fetchall()
    scan_s = time.perf_counter() - started
    started = time.perf_counter()
    duck = con.execute(GAP_SQL.format(parquet=parquet)).fetchone()[0]
    duck_s = time.perf_counter() - started
    started = time.perf_counter()
    pandas_count = pandas_gaps(parquet)
    pandas_s = time.perf_counter() - started
    assert duck == pandas_count, (duck, pandas_count)
    return {
        "gaps": duck, "bare_scan_s": scan_s, "duckdb_gap_s": duck_s, "pandas_gap_s": pandas_s,
        "pandas_over_duckdb": pandas_s / duck_s, "duckdb_gap_over_scan": duck_s / scan_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--millions", type=float, nargs="+", default=[10, 50])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tumen-bench")
    parser.add_argument("--keep", action="store_true", help="keep the generated data for another run")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    report = {}
    for n in args.millions:
        label = f"{n:g}M"
        inputs = generate(n, args.work / f"gen-{label}")
        data_dir = args.work / f"data-{label}"
        if data_dir.exists():
            shutil.rmtree(data_dir)
        result = run_pipeline(inputs, data_dir)
        result["gap_step"] = gap_step(data_dir, args.work)
        result["next_day"] = next_night(inputs, data_dir)
        report[label] = result
        print(f"{label}: {result['positions']:,} positions; pipeline {result['pipeline_s']:.1f} s "
              f"(land+parse+load {result['land_parse_load_s']:.1f} s, dbt {result['dbt_events_s']:.1f} s), "
              f"peak {result['peak_gib']:.2f} GiB; events {result['events']}", flush=True)
        g = result["gap_step"]
        print(f"  gap step: DuckDB {g['duckdb_gap_s']:.2f} s, pandas {g['pandas_gap_s']:.2f} s "
              f"({g['pandas_over_duckdb']:.1f}x), bare scan {g['bare_scan_s']:.2f} s "
              f"(gap step = {g['duckdb_gap_over_scan']:.1f}x the scan); {g['gaps']:,} gaps", flush=True)
        nd = result["next_day"]
        print(f"  next night (one more day on top): {nd['pipeline_s']:.1f} s (load {nd['land_parse_load_s']:.1f} s, "
              f"dbt {nd['dbt_events_s']:.1f} s), peak {nd['peak_gib']:.2f} GiB", flush=True)
        slow = sorted(result["models_s"].items(), key=lambda kv: -kv[1])[:6]
        print("  slowest models: " + ", ".join(f"{k} {v:.1f} s" for k, v in slow), flush=True)
        if not args.keep:
            shutil.rmtree(data_dir)
    if "10M" in report and "50M" in report:
        ratio = report["50M"]["pipeline_s"] / report["10M"]["pipeline_s"]
        print(f"50M / 10M pipeline time: {ratio:.2f} (target <= 5.5)")
    out = args.work / "bench_ais_events.json"
    out.write_text(json.dumps(report, indent=2, default=str))
    print(f"results in {out}")


if __name__ == "__main__":
    main()
