"""Graph analysis in the JSON API: the network, paths, neighbours, centrality, communities.

Each view projects the filtered events to a networkx graph (`graphs.projection`, cached until
the store changes) and calls `kg.graph`; nothing here walks the graph itself. Actors are
named by IRI, id, label, alias or a near spelling (`kg.graph.lookup.resolve_actor`); an
unknown one is a 404 with `suggestions`.
"""
from __future__ import annotations

from flask import request

from kg.graph.centrality import METRICS, centrality as graph_centrality
from kg.graph.communities import METHODS, partition
from kg.graph.paths import k_shortest_paths, neighbours as graph_neighbours
from kg.graph.records import with_records
from kg.graph.signs import sign_name
from kg.queries import ID

from . import params
from .db import expensive, get_store
from .errors import ApiError
from .graphs import projection
from .api_bp import bp


def _short(iri) -> str:
    return str(iri).rsplit("/", 1)[-1]


def _actor_name(param: str) -> str:
    """An actor as given: an id (`libyan-national-army`) becomes its IRI, names pass through."""
    value = (request.args.get(param) or "").strip()
    if not value:
        raise ApiError.bad_request(f"give {param}: an actor name, alias, id or IRI")
    if "/" not in value and " " not in value and value == value.lower() and "-" in value:
        return f"{ID}actor/{value}"
    return value


@bp.get("/network")
@expensive
def network():
    """Actors (kind, degree centrality), one edge per event (each party of a joint act its own) and
    one per membership, leadership or command, for the network view. Each edge's `kind` is `event`
    or the link's (`membership`, `leadership`, `command`: `kg.graph.links`, from member or leader
    to body), and its `sign` cooperation, conflict or unsigned (`kg.graph.signs`; a link is
    cooperation)."""
    graph = projection(params.graph_filters(request))
    scores = {row["node"]: row["score"] for row in graph_centrality(graph, "degree", top=None)["top"]}
    nodes = [{"id": _short(n), "iri": n, "label": d.get("label"), "kind": d.get("kind"),
              "country": d.get("country"), "events": d.get("event_count", 0), "score": scores.get(n, 0.0)}
             for n, d in graph.nodes(data=True)]
    edges = []
    for _u, _v, d in graph.edges(data=True):
        edges.extend({"source": _short(e["actor"]), "target": _short(e["target"]), "kind": "event",
                      "type": e["action"], "sign": sign_name(e["action"]), "date": e.get("date"),
                      "event": _short(e["event"])} for e in d.get("events", ()))
        edges.extend({"source": _short(link["source"]), "target": _short(link["target"]), "kind": link["kind"],
                      "type": None, "sign": "cooperation", "date": None, "event": None} for link in d.get("links", ()))
    return {"ok": True, "nodes": nodes, "edges": edges}


@bp.get("/paths")
@expensive
def paths():
    """Up to `k` shortest paths between two actors (`source`, `target`), with the events on each hop.

    `source` is the start actor here: the report sources to keep are `sources`. Imported events
    carry their `notes` (ACLED) or `source_url` (GDELT).
    """
    k = params.integer(request, "k", 3, 1, 20)
    graph = projection(params.graph_filters(request, source_key="sources"))
    found = k_shortest_paths(graph, _actor_name("source"), _actor_name("target"), k,
                             weighted=request.args.get("weighted") in ("1", "true", "yes"))
    with_records(get_store(), found)
    for path in found:
        path["iris"], path["nodes"] = path["nodes"], [_short(n) for n in path["nodes"]]
    return {"ok": True, "paths": found}


@bp.get("/neighbours")
@expensive
def neighbours():
    """The actors within `hops` links of `actor`, nearest first."""
    hops = params.integer(request, "hops", 1, 1, 5)
    graph = projection(params.graph_filters(request))
    rows = graph_neighbours(graph, _actor_name("actor"), hops=hops)
    return {"ok": True, "neighbours": [{**r, "id": _short(r["node"])} for r in rows]}


@bp.get("/centrality")
@expensive
def centrality():
    """The `top` actors by a centrality `metric` (`k` sampled sources for betweenness)."""
    metric = request.args.get("metric") or "degree"
    if metric not in METRICS:
        raise ApiError.bad_request(f"metric must be one of {', '.join(METRICS)}, got {metric!r}")
    top = params.integer(request, "top", 20, 1, params.MAX_LIMIT)
    k = params.integer(request, "k", 0, 0, 100_000) or None
    result = graph_centrality(projection(params.graph_filters(request)), metric, top=top, k=k)
    result["top"] = [{**row, "id": _short(row["node"])} for row in result["top"]]
    return {"ok": True, **result}


@bp.get("/communities")
@expensive
def communities():
    """Camps of the actor graph, largest first, with their frustration: `method` signed (the default:
    sides of the signed graph) or louvain (communities of the unsigned graph, with the modularity)."""
    method = request.args.get("method") or "signed"
    if method not in METHODS:
        raise ApiError.bad_request(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    return {"ok": True, **partition(projection(params.graph_filters(request)), method)}
