"""The queries behind the map and the timelines on a synthetic store (bench/synth_store.py).

Times, interleaved and the median of `--repeat` runs each:

- ``map``: `kg.queries.map_points` (events counted per place in a subquery that reads only the
  triples the filters need, then joined to coordinates) against the anchor, the query it replaced
  (one group over the events joined to their places' coordinates and labels);
- ``timeline``: `kg.timeline.series` (per day and type, put into periods in Python);
- each unfiltered and with a type and a one-year window.

Usage::

    python bench/synth_store.py --events 100000 --actors 10000 --out /tmp/synth100k
    python bench/views_bench.py --store /tmp/synth100k [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg import queries, timeline  # noqa: E402
from kg.filters import Filters  # noqa: E402
from kg.queries import scope, select  # noqa: E402
from kg.queries.events import _kept  # noqa: E402
from kg.store import open_store  # noqa: E402


def anchor_map_points(store, filters: Filters, limit: int = 10000) -> list[dict]:
    """The map query before issue 17: one group over every event joined to its place's coordinates."""
    where = scope(store, filters)
    placed = "" if where.places is not None else "GRAPH ?g { ?event ckg:place ?place }"
    return select(store, f"""
SELECT ?place (SAMPLE(?placeLabel) AS ?label) (SAMPLE(?lat) AS ?la) (SAMPLE(?long) AS ?lo)
       (COUNT(DISTINCT ?event) AS ?events)
       (GROUP_CONCAT(DISTINCT STRAFTER(STR(?action), "/plover/"); separator=",") AS ?types)
       (MIN(?date) AS ?first) (MAX(?date) AS ?last)
WHERE {{ {_kept(filters, where)} {placed}
  ?place wgs84:lat ?lat ; wgs84:long ?long .
  OPTIONAL {{ ?place rdfs:label ?placeLabel }}
}} GROUP BY ?place ORDER BY DESC(?events) ?place LIMIT {int(limit)}""")


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="a store directory (bench/synth_store.py)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query (default 3; the median counts)")
    args = parser.parse_args(argv)
    if not Path(args.store).is_dir():
        parser.error(f"--store {args.store} is not a directory; build one with bench/synth_store.py")
    store = open_store(args.store, read_only=True)
    cases = {"all events": Filters(),
             "ASSAULT in 2020": Filters(types=("ASSAULT",), date_from="2020-01-01", date_to="2020-12-31")}
    print("| query | events kept | anchor (s) | now (s) | anchor / now |")
    print("|---|---|---|---|---|")
    for name, query in cases.items():
        points = queries.map_points(store, query, limit=10000)
        assert sorted((p["iri"], p["events"]) for p in points) == \
            sorted((r["place"], int(r["events"])) for r in anchor_map_points(store, query))
        anchor, now = [], []
        for _ in range(args.repeat):
            anchor.append(timed(lambda: anchor_map_points(store, query)))
            now.append(timed(lambda: queries.map_points(store, query, limit=10000)))
        a, n = statistics.median(anchor), statistics.median(now)
        print(f"| map, {name} ({len(points)} places) | {sum(p['events'] for p in points):,} geocoded | "
              f"{a:.2f} | {n:.2f} | {a / n:.2f} |")
        for interval in ("auto", "day"):
            found = timeline.series(store, query, interval)
            runs = [timed(lambda: timeline.series(store, query, interval)) for _ in range(args.repeat)]
            print(f"| timeline by {found['interval']}, {name} ({len(found['periods'])} periods) | "
                  f"{found['dated'] + found['undated']:,} | | {statistics.median(runs):.2f} | |")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
