"""Benchmark the graph layer on a large store: projections, centrality and cached path queries.

Each measurement runs in a fresh subprocess, so that its peak memory
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`, which counts pyoxigraph's Rust and RocksDB
memory too) is its own. Targets (issue 4, on a 2-core machine): a projection in at most
60 s, a path query once the projection is cached in at most 100 ms (median of 50), peak
memory at most 4 GB.

Usage::

    python bench/synth_store.py --events 1000000 --actors 50000 --places 10000 --out /tmp/synth1m
    python bench/graph_bench.py --store /tmp/synth1m [--only actor,path] [--json bench/graph_results.json]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

MEASUREMENTS = ("actor", "directed", "bipartite", "betweenness", "pagerank", "path")
TARGETS = {"projection_s": 60.0, "path_median_ms": 100.0, "peak_gb": 4.0}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux reports KiB


def _cpu() -> float:
    """CPU seconds of this process (all threads, user + system): less sensitive than wall time
    to other work on the machine, and above wall time when the two query threads overlap."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, store_dir: str, paths: int, seed: int) -> dict:
    """Run one measurement in this process and return its figures."""
    from kg.graph.cache import ProjectionCache
    from kg.graph.centrality import centrality
    from kg.graph.paths import shortest_path
    from kg.graph.project import actor_digraph, actor_event_graph, actor_graph
    from kg.store import open_store

    store = open_store(store_dir)
    result: dict = {"measurement": name}
    if name in ("actor", "directed", "bipartite"):
        build = {"actor": actor_graph, "directed": actor_digraph, "bipartite": actor_event_graph}[name]
        started, cpu = time.perf_counter(), _cpu()
        G = build(store)
        result["seconds"], result["cpu_seconds"] = time.perf_counter() - started, _cpu() - cpu
    elif name in ("betweenness", "pagerank"):
        G = actor_graph(store)
        started, cpu = time.perf_counter(), _cpu()
        found = centrality(G, name, top=10)
        result["seconds"], result["cpu_seconds"] = time.perf_counter() - started, _cpu() - cpu
        result.update(exact=found["exact"], k=found["k"], top=found["top"][0]["label"])
    else:
        cache = ProjectionCache(store)
        started, cpu = time.perf_counter(), _cpu()
        G = cache.get()
        result["projection_seconds"], result["projection_cpu_seconds"] = time.perf_counter() - started, _cpu() - cpu
        rng = random.Random(seed)
        import networkx as nx

        largest = sorted(max(nx.connected_components(G), key=len))
        pairs = [(G.nodes[a]["label"], G.nodes[b]["label"]) for a, b in
                 ((rng.choice(largest), rng.choice(largest)) for _ in range(paths + 1))]
        timings, lengths = [], []
        for i, (a, b) in enumerate(pairs):
            started = time.perf_counter()
            path = shortest_path(cache.get(), a, b)
            elapsed = time.perf_counter() - started
            if i == 0:
                result["first_query_ms"] = elapsed * 1000  # builds the name index
                continue
            timings.append(elapsed * 1000)
            lengths.append(path["length"])
        result.update(queries=len(timings), median_ms=statistics.median(timings),
                      p95_ms=sorted(timings)[int(0.95 * (len(timings) - 1))], max_ms=max(timings),
                      mean_hops=statistics.mean(lengths), cache_builds=cache.builds)
    result.update(nodes=G.number_of_nodes(), edges=G.number_of_edges(), peak_mb=_peak_mb())
    return result


def wait_for_quiet(limit: float, patience: float = 600.0) -> None:
    """Wait until the 1-minute load average drops below `limit` (other work shares the machine)."""
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] >= limit and time.monotonic() < deadline:
        time.sleep(5)


def machine() -> dict:
    """What the figures were measured on."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout.split("\n")[1].split()[1]
    return {"nproc": os.cpu_count(), "memory_gb": int(memory), "cpu": model, "python": platform.python_version(),
            "date": date.today().isoformat()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="store directory (see bench/synth_store.py)")
    parser.add_argument("--only", default=",".join(MEASUREMENTS), help=f"comma-separated subset of {MEASUREMENTS}")
    parser.add_argument("--paths", type=int, default=50, help="path queries to time (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the path pairs (default 1)")
    parser.add_argument("--json", dest="json_out", help="also write the results to this JSON file")
    parser.add_argument("--max-load", type=float, default=None,
                        help="before each measurement, wait (up to 10 min) until the 1-minute load average is below this")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: run one measurement, print JSON
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.store, args.paths, args.seed)))
        return 0
    if not Path(args.store).is_dir():
        parser.error(f"--store {args.store} is not a directory; build one with bench/synth_store.py")
    results = {"machine": machine(), "store": args.store, "targets": TARGETS, "runs": []}
    for name in [n.strip() for n in args.only.split(",") if n.strip()]:
        if name not in MEASUREMENTS:
            parser.error(f"unknown measurement {name!r}; use {', '.join(MEASUREMENTS)}")
        if args.max_load is not None:
            wait_for_quiet(args.max_load)
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        child = subprocess.run([sys.executable, __file__, "--store", args.store, "--measure", name,
                                "--paths", str(args.paths), "--seed", str(args.seed)],
                               capture_output=True, text=True)
        if child.returncode:
            print(child.stderr, file=sys.stderr)
            return child.returncode
        run = json.loads(child.stdout.strip().splitlines()[-1])
        run["wall_seconds"] = time.perf_counter() - started
        run["load_before"], run["load_after"] = round(load_before, 2), round(os.getloadavg()[0], 2)
        results["runs"].append(run)
        print(json.dumps(run), flush=True)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
