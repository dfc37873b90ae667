"""Benchmark: precision / recall / F1 of score_pair on the labelled pairs (overall and per category).

    .venv/bin/python tests/benchmarks/bench_matching_accuracy.py [--threshold 0.85] [--errors]

The set is tests/fixtures/matching/labelled_pairs.csv: pairs typed from the public record (UN,
OFAC, EU and UK spellings of DPRK individuals and entities, Chinese and Russian front companies,
original scripts), labelled with what the record says, never with what the matcher says.

Honesty note: DEFAULT_THRESHOLD and the scoring weights were tuned while looking only at the
"tune" half (odd ids); the "held-out" half (even ids) is reported separately so the README can
quote a figure the tuning never saw. Each pair is scored as two listings of different
authorities (name_a with birth_year_a / country_a vs name_b with ...), as resolve() would.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from orchestration.lib.matcher import DEFAULT_THRESHOLD, Listing, score_pair  # noqa: E402

LABELLED = ROOT / "tests" / "fixtures" / "matching" / "labelled_pairs.csv"


def load(path: Path = LABELLED) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _years(text: str) -> frozenset[int]:
    return frozenset(int(y) for y in text.split("|") if y.strip())


def listings_of(row: dict) -> tuple[Listing, Listing]:
    a = Listing("A-" + row["id"], "A", row["kind_a"], (row["name_a"],), {}, _years(row["birth_year_a"]),
                frozenset({row["country_a"]}) if row["country_a"] else frozenset())  # fmt: skip
    b = Listing("B-" + row["id"], "B", row["kind_b"], (row["name_b"],), {}, _years(row["birth_year_b"]),
                frozenset({row["country_b"]}) if row["country_b"] else frozenset())  # fmt: skip
    return a, b


def score_all(rows: list[dict]) -> list[tuple[dict, float, str]]:
    out = []
    for row in rows:
        a, b = listings_of(row)
        score, reason = score_pair(a, b)
        out.append((row, score, reason))
    return out


def confusion(scored, threshold: float) -> dict:
    tp = fp = fn = tn = 0
    for row, score, _ in scored:
        predicted, actual = score >= threshold, row["label"] == "match"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        tn += not actual and not predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(scored), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall,
            "f1": f1}  # fmt: skip


def is_tune(row: dict) -> bool:
    return int(row["id"].lstrip("P")) % 2 == 1


def line(name: str, c: dict) -> str:
    return (f"{name:<28} n={c['n']:>4}  precision {c['precision']:.3f}  recall {c['recall']:.3f}  "
            f"F1 {c['f1']:.3f}  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']}, tn {c['tn']})")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    args = parser.parse_args()

    rows = load()
    scored = score_all(rows)
    labels = defaultdict(int)
    for row in rows:
        labels[row["label"]] += 1
    print(f"labelled pairs: {len(rows)} ({labels['match']} match, {labels['no_match']} no_match); "
          f"threshold {args.threshold}")  # fmt: skip
    print(line("overall", confusion(scored, args.threshold)))
    print(line("tune half (odd ids)", confusion([s for s in scored if is_tune(s[0])], args.threshold)))
    print(line("held-out half (even ids)", confusion([s for s in scored if not is_tune(s[0])], args.threshold)))
    print("per category (no_match categories have no positives: read their false positives):")
    by_category = defaultdict(list)
    for item in scored:
        by_category[item[0]["category"]].append(item)
    for category in sorted(by_category):
        print("  " + line(category, confusion(by_category[category], args.threshold)))
    print("precision / recall by threshold (overall):")
    for t in (0.75, 0.80, 0.85, 0.90, 0.95):
        c = confusion(scored, t)
        print(f"  {t:.2f}: precision {c['precision']:.3f}  recall {c['recall']:.3f}  F1 {c['f1']:.3f}")
    if args.errors:
        print("errors:")
        for row, score, reason in scored:
            predicted = score >= args.threshold
            if predicted != (row["label"] == "match"):
                kind = "FP" if predicted else "FN"
                print(f"  {kind} {row['id']} {score:.2f} [{row['category']}] {row['name_a']} ~ {row['name_b']}: {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
