"""Graph analysis in the JSON API: the network, paths, neighbours, centrality, communities.

Each view projects the filtered events to a networkx graph (`graphs.projection`, cached until
the store changes) and calls `kg.graph`; nothing here walks the graph itself. Actors are
named by IRI, id, label, alias or a near spelling (`kg.graph.lookup.resolve_actor`); an
unknown one is a 404 with `suggestions`.
"""
from __future__ import annotations

import gzip
import json
import threading
import weakref
from collections import OrderedDict
from concurrent.futures import Future

from flask import Response, request

from kg.graph.centrality import METRICS, centrality as graph_centrality
from kg.graph.communities import METHODS, partition
from kg.graph.network import network_view
from kg.graph.paths import k_shortest_paths, neighbours as graph_neighbours
from kg.graph.records import with_records
from kg.queries import ID

from . import params
from .db import expensive, get_store
from .errors import ApiError
from .graphs import projection
from .api_bp import bp

# Rendered network views, kept with the cached projection they were made from (and dropped with it);
# a Future while one is being made.
_VIEWS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_VIEW_LOCK = threading.Lock()


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
    """One link per pair of actors (per ordered pair with `directed`), weighted by its events, with
    its sign mix and its events' dates and types; narrowed by `ego`, `min_weight` and `top`
    (`kg.graph.network`). Answers are kept with the cached projection until the store changes."""
    bodies = network_bodies()
    if "gzip" in (request.headers.get("Accept-Encoding") or ""):
        response = Response(bodies[1], mimetype="application/json", headers={"Content-Encoding": "gzip"})
    else:
        response = Response(bodies[0], mimetype="application/json")
    response.vary.add("Accept-Encoding")
    return response


def network_bodies() -> tuple[bytes, bytes]:
    """The answer of /api/network to this request, as JSON and gzipped JSON, from the cached
    projection and kept with it (what `api.warm` computes before the first visit)."""
    metric = request.args.get("metric") or "degree"
    if metric not in METRICS:
        raise ApiError.bad_request(f"metric must be one of {', '.join(METRICS)}, got {metric!r}")
    directed = params.boolean(request, "directed")
    view = {"min_weight": params.integer(request, "min_weight", 1, 1, 1_000_000),
            "top": params.integer(request, "top", 0, 0, 1_000_000) or None, "metric": metric,
            "ego": _actor_name("ego") if (request.args.get("ego") or "").strip() else None,
            "radius": params.integer(request, "radius", 1, 1, 3)}
    return _rendered(projection(params.filters(request), "directed" if directed else "actor"), view)


def _rendered(graph, view: dict) -> tuple[bytes, bytes]:
    """`view` of `graph` as JSON and gzipped JSON: kept with the graph; made once when several
    requests ask for it at the same time (the others wait for it)."""
    key = tuple(sorted(view.items()))
    with _VIEW_LOCK:
        kept = _VIEWS.setdefault(graph, OrderedDict())
        bodies = kept.get(key)
        if bodies is None:
            bodies = kept[key] = Future()
            owner = True
        else:
            owner = False
    if not owner:
        return bodies.result() if isinstance(bodies, Future) else bodies
    try:
        body = json.dumps(_network_body(network_view(graph, **view)), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        made = (body, gzip.compress(body, compresslevel=5, mtime=0))  # a view of every actor is megabytes
    except BaseException as exc:  # not kept: an unknown ego is asked again, and answered again
        with _VIEW_LOCK:
            if kept.get(key) is bodies:
                del kept[key]
        bodies.set_exception(exc)
        raise
    with _VIEW_LOCK:
        kept[key] = made
        while len(kept) > 8:
            kept.popitem(last=False)
    bodies.set_result(made)
    return made


def _network_body(view: dict) -> dict:
    """The view with short ids beside the IRIs (`id`, and `source`/`target` of each edge)."""
    nodes = [{"id": _short(n["node"]), "iri": n["node"], **{k: v for k, v in n.items() if k != "node"}}
             for n in view["nodes"]]
    edges = [{**e, "source": _short(e["source"]), "target": _short(e["target"])} for e in view["edges"]]
    return {"ok": True, **{k: view[k] for k in ("directed", "metric", "exact", "counts")},
            "center": _short(view["center"]) if view["center"] else None, "nodes": nodes, "edges": edges}


@bp.get("/paths")
@expensive
def paths():
    """Up to `k` shortest paths between two actors (`source`, `target`), with the events on each hop.

    `source` is the start actor here: the report sources to keep are `sources`. Imported events
    carry their `notes` (ACLED) or `source_url` (GDELT).
    """
    k = params.integer(request, "k", 3, 1, 20)
    graph = projection(params.filters(request, source_key="sources"))
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
    graph = projection(params.filters(request))
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
    result = graph_centrality(projection(params.filters(request)), metric, top=top, k=k)
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
    return {"ok": True, **partition(projection(params.filters(request)), method)}
