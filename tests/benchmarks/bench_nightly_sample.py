"""Benchmark: wall time and peak memory of `tumen run` on the bundled sample (target: < 2 min).

    .venv/bin/python tests/benchmarks/bench_nightly_sample.py [--runs 3]

Each run uses a fresh temporary data directory (a cold night: everything landed, parsed, built,
checked and published). Peak memory is sampled every 50 ms over the whole process tree (tumen
plus the dbt subprocess), so it is the most the run held at once.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TUMEN = str(Path(sys.executable).with_name("tumen"))


def tree_rss_kb(pid: int) -> int:
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            pending.extend(int(c) for c in children)
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
    return total


def one_run() -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as data_dir:
        started = time.monotonic()
        process = subprocess.Popen([TUMEN, "run", "--data-dir", data_dir], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0

        def sample() -> None:
            nonlocal peak
            while process.poll() is None:
                peak = max(peak, tree_rss_kb(process.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        process.wait()
        sampler.join()
        elapsed = time.monotonic() - started
        if process.returncode != 0:
            raise SystemExit(f"tumen run failed: {process.stderr.read().decode()[-2000:]}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = [one_run() for _ in range(args.runs)]
    for i, (wall, peak) in enumerate(results, 1):
        print(f"run {i}: wall {wall:.1f} s, peak RSS {peak / 1024:.0f} MiB")
    walls = [w for w, _ in results]
    print(f"median wall {statistics.median(walls):.1f} s (target < 120 s); max peak RSS {max(p for _, p in results) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
