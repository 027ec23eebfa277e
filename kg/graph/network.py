"""The network view as plain data: one link per pair of actors (per ordered pair in a directed
projection), its weight (events) and its sign mix, narrowed for reading.

Narrowing, in this order: the ego network of an actor (`kg.graph.ego`), links of at least
`min_weight` events (actors left without a link go, but for the ego's centre), then the `top`
actors by a centrality (`kg.graph.centrality`, computed on what is left). Every node carries
the dates of its events and how many are undated, every link its events as ``[date, type]``
pairs, so that a page can narrow to a time window without asking again.
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from .centrality import METRICS, scores
from .ego import ego as ego_graph
from .signs import SIGNS

__all__ = ["network_view", "link_record"]


def link_record(u, v, data: dict) -> dict:
    """One link: its ends, ``weight`` (events and typed links), ``cooperation``, ``conflict`` and
    ``unsigned`` counts (`kg.graph.signs`; a membership, leadership or command is one cooperation),
    ``types`` (events per PLOVER type, most first), ``events`` (``[date, type]`` by date, undated
    last: date None), ``undated`` and ``links`` (the kinds of the typed links, `kg.graph.links`).

    >>> link_record("a", "b", {"weight": 3, "events": [{"action": "ASSAULT", "date": "2020-01-02"},
    ...     {"action": "AGREE", "date": None}, {"action": "ASSAULT", "date": "2020-01-01"}]})["types"]
    {'ASSAULT': 2, 'AGREE': 1}
    """
    events = data.get("events", ())
    signs = Counter(SIGNS.get(e["action"], 0) for e in events)
    types = Counter(e["action"] for e in events)
    pairs = sorted(([e.get("date"), e["action"]] for e in events), key=lambda p: (p[0] is None, p[0] or "", p[1]))
    links = sorted(link["kind"] for link in data.get("links", ()))
    return {"source": u, "target": v, "weight": data.get("weight", len(events) + len(links)),
            "cooperation": signs[1] + len(links), "conflict": signs[-1], "unsigned": signs[0],
            "types": dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
            "events": pairs, "undated": sum(1 for p in pairs if p[0] is None), "links": links}


def _min_weight(H: nx.Graph, min_weight: int, keep) -> nx.Graph:
    """The links of at least `min_weight` events and the actors they join (and `keep`)."""
    if min_weight <= 1:
        return H
    heavy = [(u, v) for u, v, w in H.edges(data="weight", default=1) if w >= min_weight]
    nodes = {n for edge in heavy for n in edge} | ({keep} if keep is not None else set())
    return nx.subgraph_view(H, filter_node=nodes.__contains__,
                            filter_edge=lambda u, v: H[u][v].get("weight", 1) >= min_weight)


def network_view(G: nx.Graph, *, min_weight: int = 1, top: int | None = None, metric: str = "degree",
                 ego: str | None = None, radius: int = 1, k: int | None = None) -> dict:
    """What the network page draws of the actor projection `G`.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        An actor projection (`kg.graph.project.actor_graph`, or `actor_digraph` for ordered pairs).
    min_weight : int
        Keep links of at least this many events.
    top : int or None
        Keep the `top` actors by `metric` (and the links among them); None keeps all.
    metric : str
        One of `kg.graph.centrality.METRICS`: each node's ``score``, and the order for `top`.
    ego, radius : str or None, int
        Keep only the actors within `radius` links of `ego` (name, alias, IRI or near spelling).
    k : int or None
        Betweenness only: the sources sampled (see `kg.graph.centrality.scores`).

    Returns
    -------
    dict
        ``directed``, ``metric``, ``exact``, ``center`` (the ego's IRI or None), ``counts``
        (``actors`` and ``links`` of `G`, ``nodes`` and ``edges`` kept), ``nodes`` (``node, label,
        kind, country, events, undated, dates, score``, best first) and ``edges`` (`link_record`).

    Raises
    ------
    UnknownNodeError
        When `ego` names no actor.
    ValueError
        For an unknown metric, a `min_weight` or `top` below 1, or a negative radius.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> view = network_view(actor_graph(sample_store()), top=3)
    >>> [n["label"] for n in view["nodes"]], view["counts"]
    (['Libyan National Army', 'Khalifa Haftar', 'Antonio Guterres'], {'actors': 6, 'links': 5, 'nodes': 3, 'edges': 2})
    >>> edge = view["edges"][0]
    >>> edge["weight"], edge["cooperation"], edge["events"], edge["links"]
    (1, 1, [['2019-04-05', 'CONSULT']], [])
    >>> [n["label"] for n in network_view(actor_graph(sample_store()), ego="Haftar")["nodes"]]
    ['Khalifa Haftar', 'Antonio Guterres', 'Libyan National Army']
    """
    if metric not in METRICS:
        raise ValueError(f"unknown centrality metric {metric!r}; use one of {', '.join(METRICS)}")
    if min_weight < 1 or (top is not None and top < 1):
        raise ValueError(f"min_weight and top must be at least 1, got {min_weight} and {top}")
    H, center = G, None
    if ego is not None:
        H = ego_graph(G, ego, radius)
        center = H.graph["center"]
    H = _min_weight(H, min_weight, center)
    values, info = scores(H, metric, k=k)

    def label(n) -> str:
        return H.nodes[n].get("label") or str(n)

    ranked = sorted(H, key=lambda n: (-values.get(n, 0.0), label(n), str(n)))
    if top is not None and len(ranked) > top:
        ranked = ranked[:top] + ([center] if center is not None and center not in ranked[:top] else [])
        H = H.subgraph(ranked)
    nodes = [{"node": n, "label": label(n), "kind": H.nodes[n].get("kind"), "country": H.nodes[n].get("country"),
              "events": H.nodes[n].get("event_count", 0), "undated": H.nodes[n].get("undated", 0),
              "dates": list(H.nodes[n].get("dates", ())), "score": float(values.get(n, 0.0))} for n in ranked]
    edges = [link_record(u, v, d) for u, v, d in H.edges(data=True)]
    return {"directed": G.is_directed(), "metric": metric, "exact": info["exact"], "center": center,
            "counts": {"actors": G.number_of_nodes(), "links": G.number_of_edges(), "nodes": len(nodes),
                       "edges": len(edges)}, "nodes": nodes, "edges": edges}
