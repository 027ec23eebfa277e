"""Run every test of a class of hostile inputs and count, per class, the inputs tried and failed.

Tests declare their class with ``@pytest.mark.reliability("class")``; the counting is the
pytest plugin `tests/reliability.py` (Hypothesis examples are counted one by one). Prints the
Markdown rows of bench/README.md's Reliability table, and exits 1 when any input failed.

Usage::

    python bench/reliability.py [--out counts.jsonl] [pytest arguments, e.g. -k import]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="keep the per-test counts (JSON Lines) here")
    args, extra = parser.parse_known_args(argv)
    out = args.out or os.path.join(tempfile.mkdtemp(prefix="kg-reliability-"), "counts.jsonl")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.reliability",
                          "-m", "reliability", "tests", *extra], cwd=ROOT, env={**os.environ, "KG_RELIABILITY_OUT": out})
    seconds = time.monotonic() - started
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    with open(out, encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            total = totals[row["class"]]
            total[0] += 1
            total[1] += row["tried"]
            total[2] += row["failed"]
    print("\n| class | tests | inputs tried | failed |\n|---|---|---|---|")
    for name, (tests, tried, failed) in sorted(totals.items()):
        print(f"| {name} | {tests} | {tried:,} | {failed} |")
    tests, tried, failed = (sum(t[i] for t in totals.values()) for i in range(3))
    print(f"| **all** | {tests} | {tried:,} | {failed} |\n\n{seconds:.0f} s; pytest exit status {run.returncode}")
    return 1 if failed or run.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
