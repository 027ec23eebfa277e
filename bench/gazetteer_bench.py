"""Gazetteer start-up and lookup speed: `load_gazetteer()` + first lookup, `known`, `starts_name`,
`candidates`, `resolve`.

Start-up is timed in fresh processes (the index already built; the median of --starts runs).
Lookups run over every capitalised word of the seed articles (and of the dev articles when
../shared/devdata is present; read, never copied), in text order, repeated --passes times: the
first pass fills the lookup caches, the later ones show what a long `kg ingest` sees.

    .venv/bin/python bench/gazetteer_bench.py
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.geo import GeoContext, load_gazetteer  # noqa: E402
from kg.extract.geo.kinds import place_key  # noqa: E402

_STARTUP = """
import time
t0 = time.perf_counter()
from kg.extract.geo import load_gazetteer
t1 = time.perf_counter()
gaz = load_gazetteer(); gaz.known("Tripoli"); gaz.resolve("Tripoli")
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def startup(runs: int) -> tuple[float, float]:
    """Median (import, load_gazetteer + first lookups) seconds over fresh processes."""
    load_gazetteer()  # make sure the index exists before timing
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _STARTUP], cwd=ROOT, capture_output=True, text=True, check=True)
        times.append(tuple(float(x) for x in out.stdout.split()))
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def words() -> list[str]:
    """Capitalised words and two-word runs of the seed (and dev) articles, in text order."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    dev = ROOT.parent / "shared" / "devdata" / "articles.jsonl"
    if dev.exists():
        texts += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [w for t in texts for w in re.findall(r"\b[A-Z][\w'-]+(?: [A-Z][\w'-]+)?", t)]


def per_call(fn, items, passes: int) -> list[float]:
    """Mean microseconds per call, per pass over `items`."""
    out = []
    for _ in range(passes):
        start = time.perf_counter()
        for item in items:
            fn(item)
        out.append((time.perf_counter() - start) / len(items) * 1e6)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    imp, start = startup(args.starts)
    gaz = load_gazetteer()
    tokens = words()
    names = list(dict.fromkeys(tokens))
    print(f"# {date.today()} {platform.node()} {platform.processor() or platform.machine()} "
          f"Python {platform.python_version()}; {len(tokens)} capitalised words, {len(names)} distinct")
    print(f"start-up: import kg.extract.geo {imp * 1000:.0f} ms; load_gazetteer() + first lookups "
          f"{start * 1000:.0f} ms (median of {args.starts} fresh processes)")
    for label, fn, items in (
            ("known()", gaz.known, tokens),
            ("starts_name()", gaz.starts_name, [t.split()[0] for t in tokens]),
            ("candidates()", gaz.candidates, tokens),
            ("resolve(, countries=LBY)", lambda n: gaz.resolve(n, GeoContext(countries=("LBY",))), tokens)):
        passes = ", ".join(f"{us:.2f}" for us in per_call(fn, items, args.passes))
        print(f"{label:26} mean µs per call, pass by pass: {passes}")
    keys = [place_key(n) for n in names]
    hits = [k for k in keys if gaz._rows(k)]
    for label, items in (("distinct words", keys), (f"the {len(hits)} that name places", hits)):
        gaz._rows.cache_clear()
        print(f"candidates() uncached, {label}: {per_call(gaz._rows, items, 1)[0]:.1f} µs per call")
    return 0


if __name__ == "__main__":
    sys.exit(main())
