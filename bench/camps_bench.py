"""Benchmark the signed camps (`kg.graph.camps.camps`) against Louvain (`kg.graph.communities`) on
one in-memory actor graph.

The graph has the shape of `bench/synth_store.py`'s: N events between A actors drawn with
Zipf-like weights 1/(rank + 10), PLOVER types uniform, all from `random.Random(seed)`; it is
built directly in networkx (edges with ``events`` and ``weight``, as `kg.graph.project` makes
them), so that the figure is the algorithms' alone, not the projection's. Louvain, run on the
same graph in the same process, is the anchor.

Usage::

    python bench/camps_bench.py --events 1000000 --actors 50000
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx  # noqa: E402

from kg.graph.camps import camps  # noqa: E402
from kg.graph.communities import communities  # noqa: E402
from kg.mapping.namespaces import PLOVER_TYPES  # noqa: E402


def synthetic_graph(events: int, actors: int, seed: int = 1) -> nx.Graph:
    """Actors linked by `events` random events (heavy-tailed popularity, uniform types)."""
    rng = random.Random(seed)
    weights = list(accumulate(1.0 / (rank + 10) for rank in range(actors)))
    parties = rng.choices(range(actors), cum_weights=weights, k=2 * events)
    G = nx.Graph()
    for k in range(events):
        a, b = parties[2 * k], parties[2 * k + 1]
        if a == b:
            continue
        event = {"action": PLOVER_TYPES[rng.randrange(len(PLOVER_TYPES))]}
        if G.has_edge(a, b):
            G.edges[a, b]["events"].append(event)
        else:
            G.add_edge(a, b, events=[event])
    for _u, _v, data in G.edges(data=True):
        data["weight"] = len(data["events"])
    for node in G:
        G.nodes[node].update(label=str(node), kind="armed_group")
    return G


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    G = synthetic_graph(args.events, args.actors, args.seed)
    print(f"{G.number_of_nodes()} actors, {G.number_of_edges()} links; load {os.getloadavg()[0]:.2f}")
    started = time.perf_counter()
    signed = camps(G)
    signed_s = time.perf_counter() - started
    started = time.perf_counter()
    louvain = communities(G)
    louvain_s = time.perf_counter() - started
    print(f"signed camps: {signed_s:.1f} s, {signed['count']} camps, frustration {signed['frustration']:.4f}")
    print(f"louvain:      {louvain_s:.1f} s, {louvain['count']} communities, frustration {louvain['frustration']:.4f}")
    print(f"ratio signed / louvain: {signed_s / louvain_s:.2f}; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
