"""SPARQL over HTTP: `kg serve` against the Oxigraph server on the same store, as ratios.

Both servers run at once on 127.0.0.1 (free ports), each over its own copy of the same store
(the anchor's is a fresh copy in a temporary directory, deleted at the end): `kg serve` as a
user runs it, and `oxigraph serve-read-only --union-default-graph` from the `oxigraph` PyPI
package (a dev dependency). wrk is pointed at one server at a time, in short bursts of
`--seconds` that alternate between them (kg, oxigraph, then oxigraph, kg, ...) for `--rounds`
rounds per query, so that both see the same machine load, which on a shared machine changes
from second to second. Three queries: a simple SELECT, the events of one actor sorted by date,
and event counts by type over the whole store. Loopback only; both servers are stopped by
their pid at the end.

Usage::

    python bench/synth_store.py --events 100000 --actors 5000 --places 2000 --out /tmp/synth100k
    python bench/http_bench.py --store /tmp/synth100k [--rounds 6] [--seconds 5] [--connections 8]
        [--kg-server granian|waitress|gunicorn] [--kg-threads 4] [--kg-workers N] [--kg-readers N]
    python bench/http_bench.py --store /tmp/synth100k --in-process 3000 --only simple   # no HTTP: µs per request

Prints one line per burst and a Markdown table (figure, value, command, machine, date) with the
ratio kg/oxigraph per query (all its requests over the anchor's; lowest and highest round) and
the non-2xx/socket errors.
Needs wrk (Debian: apt-get install -y wrk).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ID = "https://w3id.org/conflict-kg/id/"
CKG = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
QUERIES = {
    "simple": "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
    "actor": CKG + "SELECT ?e ?type ?date WHERE { ?e ckg:actor <" + ID + "actor/synthetic-actor-500> ; "
                   "ckg:action ?type . OPTIONAL { ?e ckg:date ?date } } ORDER BY ?date LIMIT 100",
    "aggregation": CKG + "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e ckg:action ?type } GROUP BY ?type ORDER BY ?type",
}
TITLES = {"simple": "`SELECT * WHERE { ?s ?p ?o } LIMIT 10`", "actor": "events of one actor, ORDER BY date LIMIT 100",
          "aggregation": "event counts by type (whole store)"}
LUA = ("done = function(summary, latency, requests)\n"
       "  io.write(string.format('KG %d %d %d %d\\n', summary.requests, summary.errors.status, "
       "summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))\nend\n")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _command(kind: str, store: str, port: int, args) -> list[str]:
    if kind == "oxigraph":
        return [str(BIN / "oxigraph"), "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}",
                "--union-default-graph"]
    if args.kg_server == "waitress":
        code = ("import sys; from waitress import serve; from api import create_app; from kg.config import Settings; "
                f"serve(create_app(Settings(store={store!r})), host='127.0.0.1', port={port}, threads={args.kg_threads})")
        return [sys.executable, "-c", code]
    if args.kg_server == "gunicorn":
        return [str(BIN / "gunicorn"), "--workers", "1", "--threads", str(args.kg_threads), "--bind",
                f"127.0.0.1:{port}", "--env", f"KG_STORE={store}", "api.wsgi:build()"]
    return [str(BIN / "kg"), "serve", "--store", store, "--port", str(port), "--threads", str(args.kg_threads)] + \
        (["--workers", str(args.kg_workers)] if args.kg_workers else []) + \
        (["--readers", str(args.kg_readers)] if args.kg_readers else [])


def _start(kind: str, store: str, args):
    port = _free_port()
    path = "/query" if kind == "oxigraph" else "/sparql"
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(_command(kind, store, port, args), stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}{path}"
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{url}?query={quote('ASK {}')}", timeout=5).read()
            return process, url, log
        except OSError:
            if process.poll() is not None:
                log.seek(0)
                raise SystemExit(f"{kind} did not start: {log.read().decode(errors='replace')[-2000:]}")
            time.sleep(0.1)
    raise SystemExit(f"{kind} did not answer within 60 s")


def _stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wrk(url: str, args, script: Path) -> dict:
    cmd = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "30s",
           "-H", "Accept: application/sparql-results+json", "-s", str(script), url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.seconds + 120, check=True).stdout
    count, status, socket_errors, timeouts = map(int, re.search(r"KG (\d+) (\d+) (\d+) (\d+)", out).groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"rps": rps, "requests": count, "errors": status + socket_errors + timeouts}


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "")
    return f"{os.cpu_count()} cores, {cpu}"


def in_process(store: str, names: list[str], count: int) -> None:
    """Microseconds per request with no HTTP: the app's WSGI callable in a loop (best of 3), and the store alone."""
    import io

    sys.path.insert(0, str(ROOT))
    from api import create_app
    from kg.config import Settings

    app = create_app(Settings(store=store))
    kg_store = app.extensions["kg_store"]
    for name in names:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/sparql", "QUERY_STRING": "query=" + quote(QUERIES[name]),
                   "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "5000", "HTTP_HOST": "127.0.0.1:5000",
                   "wsgi.url_scheme": "http", "HTTP_ACCEPT": "application/sparql-results+json", "SCRIPT_NAME": ""}

        def request():
            b"".join(app({**environ, "wsgi.input": io.BytesIO(b"")}, lambda status, headers: None))

        def engine():
            kg_store.bounded_query(QUERIES[name], "json", max_rows=10_000, deadline=time.monotonic() + 10,
                                   base_iri="http://127.0.0.1:5000/sparql")

        for label, call in (("app", request), ("store.bounded_query", engine)):
            for _ in range(count // 10):
                call()
            best = min(_timed(call, count) for _ in range(3))
            print(f"{name:11s} {label:20s} {best * 1e6:8.0f} µs per request (best of 3 x {count})")


def _timed(call, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        call()
    return (time.perf_counter() - start) / count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True, help="a store directory (bench/synth_store.py)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--kg-server", choices=["granian", "waitress", "gunicorn"], default="granian",
                        help="granian: `kg serve`; waitress (the old server) or gunicorn with threads: the same app")
    parser.add_argument("--kg-threads", type=int, default=4)
    parser.add_argument("--kg-workers", type=int, default=None, help="kg serve --workers (default: one per core)")
    parser.add_argument("--kg-readers", type=int, default=None, help="kg serve --readers (default: its own)")
    parser.add_argument("--only", default=",".join(QUERIES), help="comma-separated queries: " + ", ".join(QUERIES))
    parser.add_argument("--in-process", type=int, default=0, metavar="N",
                        help="no HTTP: time N calls of the app and of the store per query, and stop")
    args = parser.parse_args(argv)
    if args.in_process:
        in_process(args.store, [n for n in args.only.split(",") if n], args.in_process)
        return 0
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install -y wrk)", file=sys.stderr)
        return 1
    names = [n for n in args.only.split(",") if n]
    script = Path(tempfile.gettempdir()) / "kg_http_bench.lua"
    script.write_text(LUA)
    results: dict = {(kind, name): [] for kind in ("kg", "oxigraph") for name in names}
    loads = [_load()]
    copy = Path(tempfile.mkdtemp(prefix="kg-http-bench-")) / "store"
    shutil.copytree(args.store, copy)
    servers = {}
    try:
        servers["kg"] = _start("kg", args.store, args)
        servers["oxigraph"] = _start("oxigraph", str(copy), args)
        for name in names:
            targets = {kind: f"{url}?query={quote(QUERIES[name])}" for kind, (_p, url, _l) in servers.items()}
            for target in targets.values():
                urllib.request.urlopen(urllib.request.Request(target), timeout=600).read()  # warm-up
            for round_ in range(args.rounds):
                for kind in (("kg", "oxigraph") if round_ % 2 == 0 else ("oxigraph", "kg")):
                    r = _wrk(targets[kind], args, script)
                    results[(kind, name)].append(r)
                    print(f"round {round_ + 1} {kind:8s} {name:11s} {r['rps']:9.1f} req/s  {r['requests']} requests, "
                          f"{r['errors']} errors  (load {_load()})", flush=True)
            loads.append(_load())
    finally:
        for process, _url, _log in servers.values():
            _stop(process)
        shutil.rmtree(copy.parent, ignore_errors=True)
    today, machine = dt.date.today().isoformat(), _machine()
    command = (f"`python bench/http_bench.py --store {args.store} --rounds {args.rounds} --seconds {args.seconds} "
               f"--connections {args.connections}" + (f" --kg-server {args.kg_server}" if args.kg_server != "granian" else "")
               + (f" --kg-threads {args.kg_threads}" if args.kg_threads != 4 else "")
               + (f" --kg-workers {args.kg_workers}" if args.kg_workers else "")
               + (f" --kg-readers {args.kg_readers}" if args.kg_readers else "") + "`")
    print(f"\nload average (1, 5, 15 min) at the start and after each query: {' → '.join(loads)}\n")
    print("| query | kg serve | Oxigraph server | ratio (per round) | errors (kg / oxigraph) | command | machine | date |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names:
        kg, ox = results[("kg", name)], results[("oxigraph", name)]
        ratios = [a["rps"] / b["rps"] for a, b in zip(kg, ox)]
        whole = sum(r["requests"] for r in kg) / sum(r["requests"] for r in ox)
        span = lambda rs: f"{min(r['rps'] for r in rs):,.0f}–{max(r['rps'] for r in rs):,.0f} req/s"  # noqa: E731
        print(f"| {TITLES[name]} | {span(kg)} | {span(ox)} | **{whole:.2f}** ({min(ratios):.2f}–{max(ratios):.2f}) | "
              f"{sum(r['errors'] for r in kg)} / {sum(r['errors'] for r in ox)} | {command} | {machine} | {today} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
