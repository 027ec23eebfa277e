"""How two actors are linked: shortest paths through the events and the typed links between them
(membership, leadership, command: `kg.graph.links`), and neighbours.

Path length is counted in hops (one hop = one pair of actors linked by at least one event or
typed link) unless ``weighted=True``, when each hop costs ``1 / weight`` so that links backed
by many events are preferred. Each hop says what it is: its ``kind`` is the most specific
typed link it has (``command``, ``leadership``, ``membership``), else ``event``. Paths in a
directed projection follow actor → target, and member → body, leader → led.
"""
from __future__ import annotations

from itertools import islice

import networkx as nx

from .links import describe_links, edge_kinds
from .lookup import resolve_actor

__all__ = ["shortest_path", "k_shortest_paths", "neighbours"]

EVENT_KEYS = ("event", "action", "date", "place", "place_label", "sentence", "article", "actor", "target",
              "actors", "targets")


def _cost(_u, _v, data: dict) -> float:
    return 1.0 / max(data.get("weight", 1), 1)


def _label(G: nx.Graph, node) -> str:
    return G.nodes[node].get("label") or str(node)


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _describe(G: nx.Graph, nodes: list, weighted: bool) -> dict:
    hops = []
    for u, v in zip(nodes, nodes[1:]):
        data = G.edges[u, v]
        hops.append({"source": u, "source_label": _label(G, u), "target": v, "target_label": _label(G, v),
                     "kind": edge_kinds(data)[0], "weight": data.get("weight", 1), "types": list(data.get("types", ())),
                     "links": describe_links(G, data),
                     "events": [{k: _plain(e.get(k)) for k in EVENT_KEYS} for e in data.get("events", ())]})
    cost = sum(1.0 / max(h["weight"], 1) for h in hops) if weighted else len(hops)
    return {"nodes": list(nodes), "labels": [_label(G, n) for n in nodes], "length": len(hops),
            "cost": cost, "hops": hops}


def k_shortest_paths(G: nx.Graph, source, target, k: int = 3, *, weighted: bool = False) -> list[dict]:
    """Up to `k` simple paths from `source` to `target`, shortest first.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        An actor projection (`kg.graph.project.actor_graph`).
    source, target : str
        Actors, as IRI, label, alias or near spelling (`kg.graph.lookup.resolve_actor`).
    k : int
        How many paths, at least 1.
    weighted : bool
        False: fewest hops. True: least total ``1 / weight``.

    Returns
    -------
    list of dict
        Each path: ``nodes``, ``labels``, ``length`` (hops), ``cost`` and ``hops``; each hop
        has ``source, source_label, target, target_label, kind`` (``command``, ``leadership``,
        ``membership`` or ``event``), ``weight, types``, its ``links`` (``kind, source, target,
        source_label, target_label, text``) and its ``events`` (``event, action, date, place,
        place_label, sentence, article, actor, target, actors, targets``).
        Empty when the actors are not connected.

    Raises
    ------
    UnknownNodeError
        When an actor cannot be resolved.
    ValueError
        When `k` is less than 1.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> G = actor_graph(sample_store())
    >>> path = k_shortest_paths(G, "Zawiya militias", "Misrata militias", k=2)[0]
    >>> path["labels"]
    ['Zawiya militias', 'Libyan National Army', 'Misrata militias']
    >>> [(e["action"], e["date"], e["place_label"]) for e in path["hops"][0]["events"]]
    [('COERCE', '2019-04-05', 'Zawiya')]
    >>> path = k_shortest_paths(G, "Zawiya militias", "Khalifa Haftar")[0]
    >>> [(hop["target_label"], hop["kind"]) for hop in path["hops"]]
    [('Libyan National Army', 'event'), ('Khalifa Haftar', 'membership')]
    >>> path["hops"][1]["links"][0]["text"]
    'Khalifa Haftar is a member of Libyan National Army'
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    a, b = resolve_actor(G, source), resolve_actor(G, target)
    if a == b:
        return [_describe(G, [a], weighted)]
    try:
        found = list(islice(nx.shortest_simple_paths(G, a, b, weight=_cost if weighted else None), k))
    except nx.NetworkXNoPath:
        return []
    return [_describe(G, nodes, weighted) for nodes in found]


def shortest_path(G: nx.Graph, source, target, *, weighted: bool = False) -> dict:
    """The shortest path from `source` to `target` (see `k_shortest_paths` for its shape).

    Raises
    ------
    networkx.NetworkXNoPath
        When the two actors are not connected; the message names both.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> G = actor_graph(sample_store())
    >>> shortest_path(G, "GNA", "Zawiya militias")["length"]
    2
    >>> G.add_node("urn:x", label="Someone else")
    >>> shortest_path(G, "Guterres", "Someone else")
    Traceback (most recent call last):
    ...
    networkx.exception.NetworkXNoPath: no path between Antonio Guterres and Someone else
    """
    paths = k_shortest_paths(G, source, target, 1, weighted=weighted)
    if not paths:
        a, b = resolve_actor(G, source), resolve_actor(G, target)
        raise nx.NetworkXNoPath(f"no path between {_label(G, a)} and {_label(G, b)}")
    return paths[0]


def neighbours(G: nx.Graph, actor, hops: int = 1) -> list[dict]:
    """The actors within `hops` links of `actor` (either direction), nearest first, then by label.

    Each is ``{"node", "label", "kind", "country", "distance", "links"}``; ``links`` says how a
    neighbour at distance 1 is tied to `actor` (`kg.graph.links.edge_kinds`: ``command``,
    ``leadership``, ``membership``, ``event``), and is empty further out.

    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> G = actor_graph(sample_store())
    >>> [(n["label"], n["distance"], n["links"]) for n in neighbours(G, "Zawiya militias", hops=2)]
    [('Libyan National Army', 1, ['event']), ('Government of National Accord', 2, []), ('Khalifa Haftar', 2, []), ('Misrata militias', 2, [])]
    >>> [(n["label"], n["links"]) for n in neighbours(G, "Haftar")]
    [('Antonio Guterres', ['event']), ('Libyan National Army', ['membership'])]
    """
    if hops < 1:
        raise ValueError(f"hops must be at least 1, got {hops}")
    centre = resolve_actor(G, actor)
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    found = nx.single_source_shortest_path_length(U, centre, cutoff=hops)
    def ties(n, d: int) -> list[str]:
        if d != 1:
            return []
        data = [G.edges[e] for e in ((centre, n), (n, centre)) if G.has_edge(*e)]
        return edge_kinds({"events": any(x.get("events") for x in data),
                           "links": [link for x in data for link in x.get("links", ())]})

    rows = [{"node": n, "label": _label(G, n), "kind": G.nodes[n].get("kind"), "country": G.nodes[n].get("country"),
             "distance": d, "links": ties(n, d)} for n, d in found.items() if n != centre]
    return sorted(rows, key=lambda r: (r["distance"], r["label"], str(r["node"])))
