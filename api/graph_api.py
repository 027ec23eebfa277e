"""Graph analysis in the JSON API: the network, paths, neighbours, centrality, communities.

Each view projects the filtered events to a networkx graph (`graphs.projection`, cached per
store generation) and calls `kg.graph`; nothing here walks the graph itself.
"""
from __future__ import annotations

from flask import request

from . import params
from .errors import ApiError
from .graphs import projection
from .json_api import bp

METRICS = ("degree", "betweenness", "pagerank", "eigenvector", "closeness")


def _short(iri) -> str:
    return str(iri).rsplit("/", 1)[-1]


def _node(graph, node) -> dict:
    data = graph.nodes[node]
    return {"id": _short(node), "iri": str(node), "label": data.get("label"), "kind": data.get("kind")}


def _resolve(graph, name: str | None, param: str):
    from kg.graph import lookup

    if not name:
        raise ApiError.bad_request(f"give {param}: an actor name, alias, id or IRI")
    if not name.startswith(("http://", "https://")) and "/" not in name and " " not in name:
        iri = params.node_iri("actor", name)
        if iri in graph:
            return iri
    return lookup.resolve(graph, name)


@bp.get("/network")
def network():
    """Nodes (actors, with kind and degree centrality) and edges (events) for the network view."""
    from kg.graph.centrality import centrality

    graph = projection(params.graph_filters(request))
    scores = dict(centrality(graph, "degree", top=None))
    nodes = [{**_node(graph, n), "score": scores.get(n, 0.0)} for n in graph.nodes]
    edges = [{"source": _short(u), "target": _short(v), "type": d.get("action") or d.get("type"),
              "date": d.get("date") or None, "event": _short(d.get("event", ""))}
             for u, v, d in graph.edges(data=True)]
    return {"ok": True, "nodes": nodes, "edges": edges}


@bp.get("/paths")
def paths():
    """Up to `k` shortest paths between two actors (`source`, `target`: name, alias, id or IRI)."""
    from kg.graph.paths import k_shortest_paths

    graph = projection(params.graph_filters(request))
    a = _resolve(graph, request.args.get("source"), "source")
    b = _resolve(graph, request.args.get("target"), "target")
    k = params.integer(request, "k", 3, 1, 20)
    found = []
    for path in k_shortest_paths(graph, a, b, k):
        nodes = list(path)
        found.append({"nodes": [_short(n) for n in nodes], "iris": [str(n) for n in nodes],
                      "labels": [graph.nodes[n].get("label") for n in nodes], "length": len(nodes) - 1})
    return {"ok": True, "source": _node(graph, a), "target": _node(graph, b), "paths": found}


@bp.get("/neighbours")
def neighbours():
    """The actors linked to `actor` by events, with the events on each link."""
    from kg.graph.paths import neighbours as graph_neighbours

    graph = projection(params.graph_filters(request))
    node = _resolve(graph, request.args.get("actor"), "actor")
    return {"ok": True, "actor": _node(graph, node), "neighbours": graph_neighbours(graph, node)}


@bp.get("/centrality")
def centrality():
    """The `top` actors by a centrality `metric` (k samples for approximate betweenness)."""
    from kg.graph.centrality import centrality as graph_centrality

    metric = request.args.get("metric", "degree")
    if metric not in METRICS:
        raise ApiError.bad_request(f"metric must be one of {', '.join(METRICS)}, got {metric!r}")
    top = params.integer(request, "top", 20, 1, params.MAX_LIMIT)
    k = params.integer(request, "k", 0, 0, 100_000) or None
    graph = projection(params.graph_filters(request))
    ranked = graph_centrality(graph, metric, top=top, k=k)
    return {"ok": True, "metric": metric,
            "actors": [{**_node(graph, n), "score": s} for n, s in ranked]}


@bp.get("/communities")
def communities():
    """Communities of actors (sets of actors more linked to each other than to the rest)."""
    from kg.graph.communities import communities as graph_communities

    graph = projection(params.graph_filters(request))
    found = [sorted((_node(graph, n) for n in group), key=lambda n: n["label"] or "")
             for group in graph_communities(graph)]
    return {"ok": True, "communities": [{"size": len(c), "actors": c} for c in found]}
