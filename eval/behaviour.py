"""Run the behavioural cases (tests/behaviour/cases.tsv) and print pass rates per capability.

    python eval/behaviour.py                  # rate per capability prefix and overall
    python eval/behaviour.py --failures       # each failing case with what was extracted
    python eval/behaviour.py --write-known    # rewrite tests/behaviour/known_failures.txt
    python eval/behaviour.py --json           # the same figures for machines
    python eval/behaviour.py --summary        # top-level capabilities and overall only (make eval)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.behaviour.run import (KNOWN_FAILURES, describe_case, describe_frame,  # noqa: E402
                                 load_cases, run_cases, verdicts)

HEADER = ("# Behavioural cases that fail today. Generated, do not edit by hand:\n"
          "#   .venv/bin/python eval/behaviour.py --write-known\n")


def pass_rates(cases, passed: dict[str, bool]) -> list[tuple[str, int, int]]:
    """(capability prefix, passed, total) for every prefix of every capability, sorted; 'overall' last."""
    counts: dict[str, list[int]] = {}
    for case in cases:
        parts = case.capability.split("/")
        for depth in range(1, len(parts) + 1):
            tally = counts.setdefault("/".join(parts[:depth]), [0, 0])
            tally[0] += passed[case.id]
            tally[1] += 1
    rows = [(name, ok, total) for name, (ok, total) in sorted(counts.items())]
    return rows + [("overall", sum(passed.values()), len(cases))]


def failure_report(case, frames) -> str:
    """A failing case: id, text, what was expected and what was extracted."""
    if isinstance(frames, Exception):
        got = [f"raised {frames!r}"]
    else:
        got = [describe_frame(frame) for frame in frames] or ["(no event)"]
    lines = [f"{case.id}  [{case.capability}]", f"  text: {case.text}  (published {case.published})",
             f"  want: {describe_case(case)}", *(f"  got:  {line}" for line in got)]
    return "\n".join(lines + ([f"  note: {case.note}"] if case.note else []))


def write_known(failing: list[str], path: Path = KNOWN_FAILURES) -> None:
    """Rewrite the known-failures list with the failing ids, sorted, under the generated header."""
    path.write_text(HEADER + "".join(f"{case_id}\n" for case_id in sorted(failing)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run every case once, print or write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print each failing case")
    parser.add_argument("--write-known", action="store_true", help="rewrite known_failures.txt")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--summary", action="store_true", help="top-level capabilities and overall only")
    args = parser.parse_args(argv)
    cases = load_cases()
    results = run_cases(cases)
    passed = verdicts(cases, results)
    failing = [case for case in cases if not passed[case.id]]
    rates = pass_rates(cases, passed)
    if args.json:
        print(json.dumps({"capabilities": [{"capability": name, "passed": ok, "total": total}
                                           for name, ok, total in rates],
                          "failing": [case.id for case in failing]}, indent=2))
    else:
        if args.summary:
            rates = [r for r in rates if "/" not in r[0]]
        width = max(len(name) for name, _, _ in rates)
        for name, ok, total in rates:
            print(f"{name:<{width}}  {ok:>4}/{total:<4}  {ok / total:.3f}")
        if args.failures:
            for case in failing:
                print("\n" + failure_report(case, results[(case.text, case.published)]))
    if args.write_known:
        write_known([case.id for case in failing])
        print(f"wrote {len(failing)} ids to {KNOWN_FAILURES.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
