"""``python -m orchestration.sample --out data/sample --seed 7 [--scale 10 [--csv]]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from orchestration.sample.generator import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="tumen sample", description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("data/sample"), help="output folder")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--scale", type=float, default=0.0,
                    help="also write about SCALE million AIS rows as Parquet (benchmarks)")
    ap.add_argument("--csv", action="store_true", help="with --scale: also write the rows as CSV")
    args = ap.parse_args(argv)
    result = generate(args.out, seed=args.seed, scale=args.scale, scale_csv=args.csv)
    print(f"done in {result['seconds']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
