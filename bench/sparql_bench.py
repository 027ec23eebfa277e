"""SPARQL latency of five standard queries on synthetic stores (bench/synth_store.py).

Three comparisons, each its own sub-command, each printing one JSON object:

* ``layer``: on a pyoxigraph store directory (the 1,000,000-event store), `kg.store`'s
  `select()` against raw pyoxigraph (`Store.query` of the same text, rows read as values);
* ``rdflib``: on an N-event subset (the first N events of the same generator), `kg.store`
  against rdflib's in-memory `Dataset(default_union=True)`;
* ``virtuoso``: bulk-load N events into a Virtuoso started on loopback (tests/stores.py), with
  load time, size on disk and the server's peak memory, then the five queries through
  `kg.store.sparql`.

    python bench/synth_store.py --events 1000000 --actors 50000 --places 10000 --out /tmp/synth
    python bench/sparql_bench.py layer --store /tmp/synth
    python bench/sparql_bench.py rdflib --events 100000
    python bench/sparql_bench.py virtuoso --events 1000000

Each latency is the median of `--repeat` warm runs (after one untimed run).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth_store  # noqa: E402

ID = "https://w3id.org/conflict-kg/id/"
PREFIXES = ("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
            "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n")
ACTOR, PLACE = f"{ID}actor/synthetic-actor-40", f"{ID}place/geonames-9000100"
# name -> (query, bindings); ?actor / ?place are bound, never pasted.
QUERIES = {
    "events_of_actor": ("""SELECT DISTINCT ?e ?type ?date WHERE {
  ?e ckg:actor ?actor ; ckg:action ?type . OPTIONAL { ?e ckg:date ?date } } ORDER BY ?date ?e""", {"actor": ACTOR}),
    "linked_actors": ("""SELECT ?other (COUNT(DISTINCT ?e) AS ?n) WHERE {
  { ?e ckg:actor ?actor ; ckg:target ?other } UNION { ?e ckg:target ?actor ; ckg:actor ?other }
} GROUP BY ?other ORDER BY DESC(?n) ?other""", {"actor": ACTOR}),
    "counts_by_type_month": ("""SELECT ?month ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e ckg:action ?type ; ckg:date ?d . BIND(SUBSTR(STR(?d), 1, 7) AS ?month)
} GROUP BY ?month ?type ORDER BY ?month ?type""", {}),
    "two_hop_paths": ("""SELECT ?mid ?far (COUNT(*) AS ?paths) WHERE {
  ?e1 ckg:actor ?actor ; ckg:target ?mid . ?e2 ckg:actor ?mid ; ckg:target ?far . FILTER(?far != ?actor)
} GROUP BY ?mid ?far ORDER BY DESC(?paths) ?mid ?far LIMIT 100""", {"actor": f"{ID}actor/synthetic-actor-3000"}),
    "date_range_at_place": ("""SELECT DISTINCT ?e ?date ?type WHERE {
  ?e ckg:place ?place ; ckg:date ?date ; ckg:action ?type .
  FILTER(?date >= "2020-01-01"^^xsd:date && ?date < "2021-01-01"^^xsd:date) } ORDER BY ?date ?e""", {"place": PLACE}),
}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine())
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def latency(run, repeat: int) -> tuple[float, int]:
    """Median seconds of `repeat` runs after a warm-up, and the row count."""
    rows = run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(rows)


def ours(store):
    return {name: (lambda q=q, b=b: store.select(PREFIXES + q, {k: f"<{v}>" for k, v in b.items()}))
            for name, (q, b) in QUERIES.items()}


def compare(left: dict, right: dict, repeat: int, names=("ours", "other")) -> dict:
    out = {}
    for name in QUERIES:
        before = load()
        a, rows_a = latency(left[name], repeat)
        b, rows_b = latency(right[name], repeat)
        out[name] = {f"{names[0]}_ms": round(1000 * a, 1), f"{names[1]}_ms": round(1000 * b, 1),
                     "ratio": round(a / b, 3), "rows": [rows_a, rows_b], "load": f"{before} -> {load()}"}
        print(f"  {name}: {out[name]}", file=sys.stderr)
    return out


def cmd_layer(args) -> dict:
    import pyoxigraph as ox

    from kg.store import open_store
    from kg.store.base import inline_values

    store = open_store(args.store, read_only=True)
    raw = ox.Store.read_only(args.store)

    def raw_run(q, b):  # the same text (bound by VALUES: pyoxigraph's substitutions need projected variables)
        text = inline_values(PREFIXES + q, {k: f"<{v}>" for k, v in b.items()})
        return [tuple(t.value if t is not None else None for t in row)
                for row in raw.query(text, use_default_graph_as_union=True)]

    other = {name: (lambda q=q, b=b: raw_run(q, b)) for name, (q, b) in QUERIES.items()}
    return {"store": args.store, "quads": len(raw), "queries": compare(ours(store), other, args.repeat,
                                                                      ("kg_store", "raw_pyoxigraph"))}


def cmd_rdflib(args) -> dict:
    import pyoxigraph as ox
    import rdflib

    from kg.store import open_store

    kwargs = dict(events=args.events, actors=50_000, places=10_000, seed=1)
    work = Path(tempfile.mkdtemp(prefix="kg-sparql-bench-"))
    started = time.perf_counter()
    synth_store.build_store(str(work / "ox"), **kwargs)
    ox_load = time.perf_counter() - started
    store = open_store(str(work / "ox"), read_only=True)
    data = "".join(synth_store.generate(**kwargs))
    started = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    rdflib_load = time.perf_counter() - started
    del data
    ns = {"ckg": rdflib.Namespace("https://w3id.org/conflict-kg/ontology#"), "xsd": rdflib.XSD}

    def rdflib_run(q, b):
        bindings = {k: rdflib.URIRef(v) for k, v in b.items()}
        return list(dataset.query(q, initNs=ns, initBindings=bindings))

    other = {name: (lambda q=q, b=b: rdflib_run(q, b)) for name, (q, b) in QUERIES.items()}
    result = {"events": args.events, "quads": len(ox.Store.read_only(str(work / "ox"))),
              "load_s": {"kg_store_bulk_load": round(ox_load, 1), "rdflib_parse": round(rdflib_load, 1)},
              "queries": compare(ours(store), other, args.repeat, ("kg_store", "rdflib"))}
    for entry in result["queries"].values():
        entry["speedup"] = round(1 / entry.pop("ratio"), 1)
    return result


def peak_memory_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))


def cmd_virtuoso(args) -> dict:
    from kg.store import open_store
    from tests.stores import isql, run_virtuoso

    work = Path(tempfile.mkdtemp(prefix="kg-virtuoso-bench-", dir=args.workdir))
    data = work / "data"
    data.mkdir()
    started = time.perf_counter()
    with (data / "synth.nq").open("w", encoding="utf-8") as handle:
        for chunk in synth_store.generate(events=args.events, actors=50_000, places=10_000, seed=1):
            handle.write(chunk)
    generate_s = time.perf_counter() - started
    with run_virtuoso(work, buffers=args.buffers, dirs=str(data)) as server:
        before = load()
        started = time.perf_counter()
        isql(server, f"ld_dir('{data}', '*.nq', 'urn:kg:default');\nrdf_loader_run();\ncheckpoint;\n", timeout=3600)
        load_s = time.perf_counter() - started
        store = open_store(server.location)
        quads = store.triple_count()
        queries = {}
        for name, run in ours(store).items():
            seconds, rows = latency(run, args.repeat)
            queries[name] = {"virtuoso_ms": round(1000 * seconds, 1), "rows": rows, "load": load()}
            print(f"  {name}: {queries[name]}", file=sys.stderr)
        size = sum(p.stat().st_size for p in work.glob("virtuoso*.db"))
        peak = peak_memory_kb(server.process.pid)
    subprocess.run(["rm", "-rf", str(work)], check=False)
    return {"events": args.events, "quads": quads, "generate_nquads_s": round(generate_s, 1),
            "bulk_load_s": round(load_s, 1), "load_during_bulk_load": f"{before} -> {load()}",
            "db_size_gb": round(size / 1e9, 2), "server_peak_rss_gb": round(peak / 1e6, 2),
            "buffers": args.buffers, "queries": queries}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    layer = sub.add_parser("layer", help="kg.store vs raw pyoxigraph on a store directory")
    layer.add_argument("--store", required=True)
    rdf = sub.add_parser("rdflib", help="kg.store vs rdflib on an N-event subset")
    rdf.add_argument("--events", type=int, default=100_000)
    virt = sub.add_parser("virtuoso", help="bulk load and query N events in Virtuoso")
    virt.add_argument("--events", type=int, default=1_000_000)
    virt.add_argument("--buffers", type=int, default=300_000, help="NumberOfBuffers (8 KB each)")
    virt.add_argument("--workdir", default=None, help="where the database and N-Quads go (a temp dir)")
    for p in (layer, rdf, virt):
        p.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    started = load()
    result = {"layer": cmd_layer, "rdflib": cmd_rdflib, "virtuoso": cmd_virtuoso}[args.command](args)
    print(json.dumps({"command": " ".join(sys.argv), "date": date.today().isoformat(), "machine": machine(),
                      "load_at_start": started, "load_at_end": load(), **result}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
