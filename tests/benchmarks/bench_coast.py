"""Benchmark: distance from shore (orchestration.lib.coast): cache build, queries, accuracy.

    .venv/bin/python tests/benchmarks/bench_coast.py [--queries 1000000] [--seed 7] [--cache-dir DIR] [--no-accuracy]

Each phase runs in a fresh interpreter so its peak resident memory is its own:

build     ``build_coastline`` into an empty cache (a temporary folder unless ``--cache-dir``):
          wall time and peak RSS; then a second call, which must reuse the cache.
query     ``load``: time and RSS; then ``--queries`` random sea points (uniform on the sphere,
          land rejected) and as many near-shore sea points (within ~1 deg of a coastline cell,
          where AIS traffic is): ``distance_km`` time with both cores and with one, and the
          peak RSS above the loaded state; ``is_land`` throughput.
accuracy  (skip with ``--no-accuracy``; ~1.2 GB for ~15 s) the full-resolution GLOBE
          coastline (30 arc-seconds, ~2 million cells) is derived the same way and its
          distances taken as the reference for 200,000 near-shore points that are water in
          the full mask: error percentiles by distance band, and how many of them the coarse
          grid calls land (distance 0).

Peak memory is the kernel's VmHWM, reset before each measured step (``/proc/self/clear_refs``);
where that is not possible it is the process-lifetime ``ru_maxrss``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402


# ----------------------------------------------------------------------------------------------
# Memory
# ----------------------------------------------------------------------------------------------


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def rss_mb() -> float:
    return _status_mb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_mb() -> float:
    return _status_mb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ----------------------------------------------------------------------------------------------
# Phases (each in its own interpreter)
# ----------------------------------------------------------------------------------------------


def phase_build(cache_dir: Path) -> dict:
    from orchestration.lib import coast

    before = rss_mb()
    reset_peak()
    started = time.perf_counter()
    path = coast.build_coastline(cache_dir)
    seconds = time.perf_counter() - started
    peak = peak_mb()
    started = time.perf_counter()
    again = coast.build_coastline(cache_dir)
    reuse = time.perf_counter() - started
    meta = json.loads(next(cache_dir.glob("coast_*.json")).read_text())
    sizes = {p.name: p.stat().st_size for p in cache_dir.iterdir() if not p.name.startswith(".")}
    return {
        "seconds": seconds, "rss_before_mb": before, "peak_mb": peak, "reuse_seconds": reuse,
        "same_path": again == path, "coastline_cells": meta["coastline_cells"], "files": sizes,
        "package_imported": "global_land_mask" in sys.modules,
    }


def sea_points(coast, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    lats, lons, have = [], [], 0
    while have < n:
        lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
        lon = rng.uniform(-180, 180, n)
        keep = ~coast.is_land(lat, lon)
        lats.append(lat[keep])
        lons.append(lon[keep])
        have += int(keep.sum())
    return np.concatenate(lats)[:n], np.concatenate(lons)[:n]


def near_shore_points(coast, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    lats, lons, have = [], [], 0
    while have < n:
        j = rng.integers(0, len(coast.points), n)
        lat = np.clip(coast.points[j, 0] + rng.uniform(-1, 1, n), -89.9, 89.9)
        lon = coast.points[j, 1] + rng.uniform(-1, 1, n) / np.clip(np.cos(np.radians(lat)), 0.2, 1)
        lon = (lon + 180) % 360 - 180
        keep = ~coast.is_land(lat, lon)
        lats.append(lat[keep])
        lons.append(lon[keep])
        have += int(keep.sum())
    return np.concatenate(lats)[:n], np.concatenate(lons)[:n]


def timed_query(coast, lat, lon, workers: int) -> dict:
    coast.workers = workers
    base = rss_mb()
    reset_peak()
    started = time.perf_counter()
    d = coast.distance_km(lat, lon)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_above_mb": peak_mb() - base, "median_km": float(np.median(d)),
            "max_km": float(d.max())}


def phase_query(cache_dir: Path, n: int, seed: int) -> dict:
    import scipy.spatial  # noqa: F401  (imported up front so load time is the Coast's own)

    from orchestration.lib import coast as coast_mod

    coast_mod.build_coastline(cache_dir)
    before = rss_mb()
    reset_peak()
    started = time.perf_counter()
    coast = coast_mod.load(cache_dir)
    load_seconds = time.perf_counter() - started
    loaded = rss_mb()
    load_peak = peak_mb()
    rng = np.random.default_rng(seed)
    sea_lat, sea_lon = sea_points(coast, n, rng)
    near_lat, near_lon = near_shore_points(coast, n, rng)
    out = {
        "rss_before_load_mb": before, "load_seconds": load_seconds, "rss_loaded_mb": loaded,
        "load_peak_mb": load_peak, "queries": n,
        "sea_all_cores": timed_query(coast, sea_lat, sea_lon, -1),
        "sea_one_core": timed_query(coast, sea_lat, sea_lon, 1),
        "near_all_cores": timed_query(coast, near_lat, near_lon, -1),
        "near_one_core": timed_query(coast, near_lat, near_lon, 1),
    }
    started = time.perf_counter()
    coast.is_land(sea_lat, sea_lon)
    out["is_land_seconds"] = time.perf_counter() - started
    out["process_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def phase_accuracy(cache_dir: Path, seed: int, n: int = 200_000) -> dict:
    from scipy.spatial import cKDTree

    from orchestration.lib import coast as coast_mod

    coast = coast_mod.load(cache_dir)
    started = time.perf_counter()
    mask_file, _ = coast_mod.mask_source()
    fine_land = coast_mod._coarse_land(mask_file, 1)  # factor 1: the GLOBE mask itself
    rows, cols = coast_mod._coastline_cells(fine_land)
    step = 1 / coast_mod.FINE_PER_DEG
    tree = cKDTree(coast_mod._unit_vectors(90 - (rows + 0.5) * step, -180 + (cols + 0.5) * step))
    reference_seconds = time.perf_counter() - started

    rng = np.random.default_rng(seed)
    lat, lon = near_shore_points(coast, 2 * n, rng)  # water in the coarse grid ...
    j = rng.integers(0, len(coast.points), n)  # ... plus points that may fall in coarse land
    lat2 = np.clip(coast.points[j, 0] + rng.uniform(-0.05, 0.05, n), -89.9, 89.9)
    lon2 = (coast.points[j, 1] + rng.uniform(-0.05, 0.05, n) + 180) % 360 - 180
    lat, lon = np.concatenate([lat, lat2]), np.concatenate([lon, lon2])
    row = np.clip(np.floor((90 - lat) * coast_mod.FINE_PER_DEG), 0, fine_land.shape[0] - 1).astype(int)
    col = np.floor((lon + 180) * coast_mod.FINE_PER_DEG).astype(int) % fine_land.shape[1]
    water = ~fine_land[row, col]  # water in the full-resolution mask: the points that matter
    lat, lon = lat[water], lon[water]
    chord, _ = tree.query(coast_mod._unit_vectors(lat, lon), workers=-1)
    reference = 2 * np.arcsin(chord / 2) * coast_mod.EARTH_RADIUS_KM
    ours = coast.distance_km(lat, lon)
    error = ours - reference
    bands = {}
    for low, high in ((0, 2), (2, 5), (5, 20), (20, 100), (100, np.inf)):
        m = (reference >= low) & (reference < high)
        if m.any():
            bands[f"{low}-{high} km"] = {
                "points": int(m.sum()),
                "error_km_p0.1_p1_p50_p99_p99.9": np.percentile(error[m], [0.1, 1, 50, 99, 99.9]).round(2).tolist(),
                "max_abs_error_km": round(float(np.abs(error[m]).max()), 2),
                "read_as_land": round(float(np.mean(ours[m] == 0)), 4),
            }
    return {"fine_coast_cells": int(rows.size), "reference_seconds": reference_seconds,
            "process_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "bands": bands}


# ----------------------------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------------------------


def child(phase: str, cache_dir: Path, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, "--phase", phase, "--cache-dir", str(cache_dir),
           "--queries", str(args.queries), "--seed", str(args.seed)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"phase {phase} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--no-accuracy", action="store_true")
    parser.add_argument("--phase", choices=("build", "query", "accuracy"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        run = {"build": lambda: phase_build(args.cache_dir),
               "query": lambda: phase_query(args.cache_dir, args.queries, args.seed),
               "accuracy": lambda: phase_accuracy(args.cache_dir, args.seed)}[args.phase]
        print(json.dumps(run()))
        return

    with tempfile.TemporaryDirectory(prefix="tumen_coast_") as tmp:
        cache_dir = (args.cache_dir or Path(tmp) / "coast").resolve()
        fresh = not any(cache_dir.glob("coast_*.json"))
        build = child("build", cache_dir, args)
        print(f"build ({'empty cache' if fresh else 'cache already there: reused'}): "
              f"{build['seconds']:.2f} s, peak RSS {build['peak_mb']:.0f} MB "
              f"(interpreter before: {build['rss_before_mb']:.0f} MB), "
              f"{build['coastline_cells']:,} coastline cells, package imported: {build['package_imported']}")
        print("  files: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sorted(build["files"].items())))
        print(f"  second build_coastline call: {build['reuse_seconds'] * 1000:.1f} ms (reused: {build['same_path']})")

        query = child("query", cache_dir, args)
        print(f"load: {query['load_seconds']:.2f} s, RSS {query['rss_before_load_mb']:.0f} -> "
              f"{query['rss_loaded_mb']:.0f} MB (peak while loading {query['load_peak_mb']:.0f} MB)")
        n = query["queries"]
        for key, label in (("sea_all_cores", "random sea, all cores"), ("sea_one_core", "random sea, one core"),
                           ("near_all_cores", "near shore, all cores"), ("near_one_core", "near shore, one core")):
            q = query[key]
            print(f"  {n:,} queries {label:22s}: {q['seconds']:.2f} s = {n / q['seconds']:,.0f}/s, "
                  f"peak +{q['peak_above_mb']:.0f} MB, median {q['median_km']:.0f} km, max {q['max_km']:.0f} km")
        print(f"  {n:,} is_land: {query['is_land_seconds']:.2f} s; query process peak RSS "
              f"{query['process_peak_mb']:.0f} MB (incl. generating the points)")

        if not args.no_accuracy:
            acc = child("accuracy", cache_dir, args)
            print(f"accuracy vs full-resolution GLOBE ({acc['fine_coast_cells']:,} coast cells, "
                  f"reference built in {acc['reference_seconds']:.1f} s, process peak {acc['process_peak_mb']:.0f} MB):")
            for band, b in acc["bands"].items():
                print(f"  {band:>12s}: {b['points']:7,} pts, error (ours - reference) km "
                      f"p0.1/p1/p50/p99/p99.9 = {b['error_km_p0.1_p1_p50_p99_p99.9']}, "
                      f"max |error| {b['max_abs_error_km']} km, read as land {b['read_as_land']:.1%}")


if __name__ == "__main__":
    main()
