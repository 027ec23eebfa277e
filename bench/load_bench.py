"""Load benchmark of the web service on loopback with wrk: requests/s, p50 and p99 latency.

Starts `kg serve`'s app under waitress on 127.0.0.1 (a free port) over a store, then runs wrk
for a fixed time per scenario: a simple SPARQL SELECT, an actor API call, a filtered event listing
(`/api/events`, `--events-filter`) and a GEXF export.
Bounded: `--seconds` per scenario (default 10), loopback only; the server stops by itself.

Usage::

    python bench/load_bench.py --store data/store [--seconds 10] [--connections 8] [--threads 4]

Prints a Markdown table (figure, value, command, machine, date) to paste into bench/README.md.
Needs wrk (Debian: apt-get install -y wrk).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SELECT = ("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
          "SELECT ?e ?type WHERE { ?e a ckg:Event ; ckg:action ?type } LIMIT 10")
LUA = "done = function(summary, latency, requests)\n" \
      "  io.write(string.format('KG %d %d %d %.3f\\n', latency:percentile(50), latency:percentile(99), " \
      "summary.requests, summary.errors.status + summary.errors.connect + summary.errors.timeout))\nend\n"


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def _wrk(url: str, seconds: int, connections: int, threads: int, script: Path) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    p50, p99, count, errors = re.search(r"KG (\d+) (\d+) (\d+) ([\d.]+)", out).groups()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"rps": rps, "p50_ms": int(p50) / 1000, "p99_ms": int(p99) / 1000, "requests": int(count),
            "errors": float(errors), "command": " ".join(cmd[:-3] + [url.split("?")[0].replace(url.split('/')[2], 'HOST')])}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", default="data/store")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--server-threads", type=int, default=4, help="waitress threads")
    parser.add_argument("--actor", default="libyan-national-army")
    parser.add_argument("--events-filter", default="country=LBY",
                        help="query string of the filtered event listing (/api/events), e.g. 'place=Tripoli'")
    parser.add_argument("--export-filter", default="",
                        help="query string for the GEXF export, e.g. 'from=2021-01-01&to=2021-01-07' on a big store "
                             "(the whole 1,000,000-event graph takes minutes to project)")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install -y wrk)", file=sys.stderr)
        return 1
    from waitress.server import create_server

    from api import create_app
    from kg.config import Settings
    from kg.store import open_store

    store = open_store(args.store)
    app = create_app(Settings(store=args.store), store=store)
    server = create_server(app, host="127.0.0.1", port=0, threads=args.server_threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.effective_port}"
    script = Path(os.environ.get("TMPDIR", "/tmp")) / "kg_load_bench.lua"
    script.write_text(LUA)
    scenarios = [("SPARQL SELECT (LIMIT 10)", f"{base}/sparql?query={quote(SELECT)}"),
                 (f"GET /api/actors/{args.actor}", f"{base}/api/actors/{args.actor}"),
                 (f"GET /api/events?{args.events_filter}", f"{base}/api/events?{args.events_filter}"),
                 ("GET /api/export/gexf" + (f"?{args.export_filter}" if args.export_filter else ""),
                  f"{base}/api/export/gexf" + (f"?{args.export_filter}" if args.export_filter else ""))]
    today, machine = dt.date.today().isoformat(), _machine()
    extra = (f" --actor {args.actor}" if args.actor != "libyan-national-army" else "") + \
        (f" --events-filter '{args.events_filter}'" if args.events_filter != "country=LBY" else "") + \
        (f" --export-filter '{args.export_filter}'" if args.export_filter else "")
    print(f"store: {args.store} ({store.triple_count()} quads)\n")
    print("| figure | value | command | machine | date |\n|---|---|---|---|---|")
    try:
        for name, url in scenarios:
            # one request first: it fills the caches (a projection is built once per store state and filter)
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=3600) as answer:
                answer.read()
            print(f"<!-- warm-up {name}: {time.perf_counter() - started:.2f} s -->", flush=True)
            r = _wrk(url, args.seconds, args.connections, args.threads, script)
            value = (f"{r['rps']:.0f} req/s, p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms "
                     f"({r['requests']} requests, {r['errors']:.0f} errors)")
            print(f"| {name} | {value} | `python bench/load_bench.py --store {args.store} --seconds {args.seconds} "
                  f"--connections {args.connections}{extra}` ({r['command']}) | {machine} | {today} |", flush=True)
    finally:
        server.task_dispatcher.shutdown(timeout=5)
        server.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
