"""JSON API listings in process (the real app, Flask's test client, no HTTP): median time per URL.

Each URL is asked once (its answer's `total`, or how many places or nodes, is printed), then
`--repeat` more times; the median and the fastest time count. The app reads the store as `kg serve`
does, so a listing's cost is its SPARQL plus the JSON; cached projections (/api/network...) cost
only their first request.

Usage::

    python bench/listing_bench.py --store /tmp/synth100k --repeat 3 \\
        '/api/events?country=LBY&type=ASSAULT' '/api/events?place=Synthetic%20Place%2017'

Prints one line per URL: status, result size, median and fastest time.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("urls", nargs="+")
    args = parser.parse_args(argv)
    from api import create_app
    from kg.config import Settings
    from kg.store import open_store

    store = open_store(args.store)
    client = create_app(Settings(store=args.store), store=store).test_client()
    try:
        for url in args.urls:
            first = client.get(url)
            body = first.get_json() or {}
            size = body.get("total", len(body.get("places", body.get("nodes", []))))
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - started)
            print(f"{url}\tstatus {first.status_code}\tresult {size}\tmedian {statistics.median(times) * 1000:.1f} ms"
                  f"\tfastest {min(times) * 1000:.1f} ms", flush=True)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
