"""Soak test: concurrent SPARQL queries, JSON API calls and ingests against a server on 127.0.0.1.

    python bench/soak.py --seconds 180              # a store built from seeds/ in a temp dir
    python bench/soak.py --store data/store --json  # a copy of an existing store; JSON summary

The server (the real app under waitress, 4 threads, a write token) runs in this process on a
free loopback port; nothing else is contacted. Reader threads send SPARQL queries and JSON API
calls, writer threads POST new articles with the token, all for `--seconds`. Then the store is
closed, opened again and checked: every article whose POST was acknowledged must be there with
exactly the triples the acknowledgement reported, and the article count must have grown by
exactly the number of articles added. Exit status 0 when nothing was lost and no request
failed; 503 answers of the expensive-request gate (load shedding with Retry-After) are counted
apart from errors.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.config import Settings  # noqa: E402
from kg.queries import EXAMPLE_QUERIES  # noqa: E402
from kg.store import open_store  # noqa: E402

TOKEN = "soak-token"
# The README's example queries (all of them: they read each article graph with GRAPH ?g, so they
# stay fast as the store grows), and a few more.
SPARQL = [q for _, q in EXAMPLE_QUERIES] + [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> SELECT ?e ?t WHERE { ?e a ckg:Event ; ckg:trigger ?t } LIMIT 50",
]
API = ["/api/stats", "/api/events?limit=20", "/api/actors?q=a", "/api/articles?limit=10", "/api/map",
       "/api/network", "/api/centrality?metric=pagerank", "/api/communities", "/api/export/gexf", "/api/export/nquads"]
WHO = ["Rebels", "Government forces", "Police", "Protesters", "The army", "Militants", "Forces loyal to Khalifa Haftar"]
DID = ["attacked", "shelled", "arrested", "met", "condemned", "accused", "surrounded"]
WHOM = ["a checkpoint", "the police station", "civilians", "the airport", "a convoy", "the army base"]
WHERE = ["Tripoli", "Benghazi", "Kabul", "Kunduz", "Khartoum", "Misrata", "Sirte"]


def article(n: int) -> dict:
    """A new small article, different for each n."""
    r = random.Random(n)
    text = " ".join(f"{r.choice(WHO)} {r.choice(DID)} {r.choice(WHOM)} in {r.choice(WHERE)} on Friday, officials said."
                    for _ in range(r.randint(1, 3)))
    return {"id": f"soak-{n}", "date": f"2022-{1 + n % 12:02d}-{1 + n % 28:02d}", "text": f"{text} Report {n}."}


class Server:
    """The app under waitress on a free loopback port, in a background thread."""

    def __init__(self, app, threads: int = 4):
        from waitress.server import create_server

        self.app = app
        self._server = create_server(app, host="127.0.0.1", port=0, threads=threads, ident="conflict-kg-soak")
        self.url = f"http://127.0.0.1:{self._server.effective_port}"
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving; close every connection."""
        server = self._server
        server.task_dispatcher.shutdown(timeout=5)
        server.trigger.pull_trigger(lambda: [channel.close() for channel in list(server._map.values())])
        self._thread.join(timeout=5)


def graph_sizes(store) -> dict[str, int]:
    rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in rows if "/article/" in r["g"]}


def run(store_dir: Path, seconds: float, readers: int, api: int, writers: int) -> dict:
    """Soak the server over `store_dir` for `seconds`; return the summary."""
    from api import create_app

    import logging

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" is expected here
    store = open_store(str(store_dir))
    before = graph_sizes(store)
    server = Server(create_app(Settings(store=str(store_dir), token=TOKEN, query_timeout=10), store=store))
    stop_at = time.monotonic() + seconds
    statuses: Counter = Counter()
    kinds: Counter = Counter()
    latencies: list[float] = []
    acknowledged: dict[str, int] = {}
    failures: list[str] = []
    lock = threading.Lock()
    counter = iter(range(10**9))

    def record(kind: str, started: float, status: int | str, detail: str = "") -> None:
        with lock:
            kinds[kind] += 1
            statuses[status] += 1
            latencies.append(time.perf_counter() - started)
            if status == "connection" or (isinstance(status, int) and status >= 500 and status != 503) \
                    or (status == 503 and "KG_MAX_EXPENSIVE" not in detail):
                failures.append(f"{kind} {status} {detail[:200]}")

    def loop(kind: str, call) -> None:
        session = requests.Session()
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                response = call(session)
            except requests.RequestException as exc:
                record(kind, started, "connection", str(exc))
                continue
            record(kind, started, response.status_code, response.text if response.status_code >= 400 else "")
            if kind == "ingest" and response.status_code in (200, 201):
                body = response.json()
                with lock:
                    acknowledged[body["article"]["iri"]] = body["triples"]

    def query(session):
        return session.get(f"{server.url}/sparql", params={"query": random.choice(SPARQL)}, timeout=60)

    def call_api(session):
        return session.get(server.url + random.choice(API), timeout=60)

    def ingest(session):
        return session.post(f"{server.url}/api/articles", json=article(next(counter)), timeout=120,
                            headers={"Authorization": f"Bearer {TOKEN}"})

    threads = ([threading.Thread(target=loop, args=("sparql", query)) for _ in range(readers)]
               + [threading.Thread(target=loop, args=("api", call_api)) for _ in range(api)]
               + [threading.Thread(target=loop, args=("ingest", ingest)) for _ in range(writers)])
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    server.stop()
    runner = server.app.extensions["kg_runner"]
    drain = time.monotonic() + 120  # a query still running holds the store open
    while runner._free._value < runner.slots and time.monotonic() < drain:
        time.sleep(0.2)
    store.close()
    with open_store(str(store_dir)) as reopened:  # what a restart finds
        after = graph_sizes(reopened)
    lost = sorted(iri for iri, triples in acknowledged.items() if after.get(iri) != triples)
    changed = sorted(iri for iri, size in before.items() if after.get(iri) != size)
    latencies.sort()
    total = sum(kinds.values())
    return {
        "seconds": round(elapsed, 1), "requests": total, "by_kind": dict(kinds),
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
        "errors": len(failures), "error_rate": round(len(failures) / total, 6) if total else 0.0,
        "shed_503": statuses[503] - sum(f.split()[1] == "503" for f in failures),
        "requests_per_second": round(total / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
        "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 1) if latencies else None,
        "articles_before": len(before), "articles_added": len(acknowledged), "articles_after": len(after),
        "lost": len(lost) + len(changed) + abs(len(after) - len(before) - len(acknowledged)),
        "lost_articles": lost[:20], "changed_articles": changed[:20], "failures": failures[:20],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180, help="how long to run (default 180)")
    parser.add_argument("--store", help="a store to copy (default: build one from seeds/)")
    parser.add_argument("--readers", type=int, default=3, help="SPARQL query threads (default 3)")
    parser.add_argument("--api", type=int, default=3, help="JSON API threads (default 3)")
    parser.add_argument("--writers", type=int, default=1, help="ingest threads (default 1)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-soak-") as tmp:
        store_dir = Path(tmp) / "store"
        if args.store:
            shutil.copytree(args.store, store_dir)
        else:
            from kg.pipeline import ingest_paths

            with open_store(str(store_dir)) as store:
                ingest_paths([str(ROOT / "seeds")], store, settings=Settings(store=str(store_dir)))
        summary = run(store_dir, args.seconds, args.readers, args.api, args.writers)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{summary['requests']} requests in {summary['seconds']} s ({summary['requests_per_second']}/s, "
              f"p50 {summary['p50_ms']} ms, p99 {summary['p99_ms']} ms): {summary['by_kind']}; statuses "
              f"{summary['statuses']}; errors {summary['errors']} (rate {summary['error_rate']}); "
              f"{summary['articles_added']} articles added ({summary['articles_before']} -> "
              f"{summary['articles_after']}); lost {summary['lost']}")
    return 0 if summary["lost"] == 0 and summary["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
