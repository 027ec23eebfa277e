"""Project the store onto networkx graphs: actors linked by the events between them.

The events come from `kg.graph.fetch` (SPARQL over the store, never extraction-time memory).
Nodes and edges are added in sorted order, so the same store always gives the same graph
(and the same answers from the algorithms that walk it).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from operator import itemgetter

import networkx as nx

from .fetch import fetch, gc_paused, place_iris
from .filters import Filters, FilterError

__all__ = ["Filters", "FilterError", "fetch", "place_iris", "actor_graph", "actor_digraph",
           "actor_event_graph", "graph_from_events", "bipartite_from_events"]


def _parties(events: list[dict]) -> tuple[list, list]:
    """The actor and the target of each event; None for the target of an event on itself."""
    actors = list(map(itemgetter("actor"), events))
    targets = [t if t != a else None for a, t in zip(actors, map(itemgetter("target"), events))]
    return actors, targets


def _add_actors(G: nx.Graph, events: list[dict], nodes: dict[str, dict], parties: tuple[list, list],
                **extra) -> None:
    actors, targets = parties
    counts = Counter(actors)
    counts.update(targets)
    counts.pop(None, None)
    dates: defaultdict[str, list] = defaultdict(list)
    for a, t, day in zip(actors, targets, map(itemgetter("date"), events)):
        if day:
            if a is not None:
                dates[a].append(day)
            if t is not None:
                dates[t].append(day)
    G.add_nodes_from((iri, {**nodes[iri], **extra, "event_count": counts[iri],
                            "dates": sorted(set(dates.get(iri, ())))}) for iri in sorted(counts))


def _event_order(event: dict) -> tuple:
    return (event["date"] is None, event["date"] or "")


def _attributes(found: list) -> dict:
    if len(found) == 1:
        return {"events": found, "weight": 1, "types": [found[0]["action"]]}
    found.sort(key=_event_order)  # stable: IRI order within a day
    return {"events": found, "weight": len(found), "types": sorted({e["action"] for e in found})}


def graph_from_events(events: list[dict], nodes: dict[str, dict], *, directed: bool = False) -> nx.Graph:
    """Actors linked by their events: see `actor_graph`. Pure: no store involved.

    `events` must be sorted by event IRI (as `fetch` returns them).
    """
    G = nx.DiGraph() if directed else nx.Graph()
    with gc_paused():
        parties = _parties(events)
        _add_actors(G, events, nodes, parties)
        links: dict[str, dict[str, list]] = {}  # source → target → events, for undirected u < v
        for event, a, t in zip(events, *parties):
            if a is None or t is None:
                continue
            u, v = (a, t) if directed or a < t else (t, a)
            found = links.get(u)
            if found is None:
                links[u] = {v: [event]}
            elif v in found:
                found[v].append(event)
            else:
                found[v] = [event]
        G.add_edges_from((u, v, _attributes(found[v])) for u, found in sorted(links.items()) for v in sorted(found))
    return G


_ROLES = {"actor": {"role": "actor"}, "target": {"role": "target"}, "both": {"role": "both"}}


def bipartite_from_events(events: list[dict], nodes: dict[str, dict]) -> nx.Graph:
    """Actors (``bipartite=0``) joined to the events (``bipartite=1``) they take part in."""
    G = nx.Graph()
    with gc_paused():
        _add_actors(G, events, nodes, _parties(events), bipartite=0)
        G.add_nodes_from((e["event"], {"bipartite": 1, "label": f"{e['action']} {e['date'] or 'undated'}",
                                       "action": e["action"], "date": e["date"], "place": e["place"],
                                       "place_label": e["place_label"], "article": e["article"],
                                       "sentence": e["sentence"], "source": e.get("source", "extracted"),
                                       "fatalities": e.get("fatalities")}) for e in events)

        def links():
            for e in events:
                a, t = e["actor"], e["target"]
                if a is not None:
                    yield a, e["event"], _ROLES["both" if a == t else "actor"]
                if t is not None and t != a:
                    yield t, e["event"], _ROLES["target"]

        G.add_edges_from(links())
    return G


def actor_graph(store, filters: Filters | None = None) -> nx.Graph:
    """Actors linked by the events between them, one undirected edge per pair.

    Parameters
    ----------
    store : kg.store.Store
    filters : Filters, optional
        Which events to take (all ``ckg:Event``s by default).

    Returns
    -------
    networkx.Graph
        Nodes are actor IRIs with ``label, kind, country, aliases, event_count, dates``
        (sorted ISO dates of their events). The edge between actor and target carries
        ``events`` (dicts of ``event, action, date, place, place_label, article, sentence,
        actor, target, source, fatalities``, by date then IRI, undated last), ``weight`` (the number of events)
        and ``types`` (sorted PLOVER names). Events with only an actor or only a target
        still make that actor a node; an actor acting on itself adds no edge.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> G = actor_graph(sample_store())
    >>> G.nodes["https://w3id.org/conflict-kg/id/actor/zawiya-militias"]["label"]
    'Zawiya militias'
    >>> edge = G.edges["https://w3id.org/conflict-kg/id/actor/zawiya-militias",
    ...                "https://w3id.org/conflict-kg/id/actor/libyan-national-army"]
    >>> edge["weight"], edge["types"], edge["events"][0]["date"]
    (1, ['COERCE'], '2019-04-05')
    """
    with gc_paused():  # one pause for both steps: no collection walks the fetched events in between
        return graph_from_events(*fetch(store, filters))


def actor_digraph(store, filters: Filters | None = None) -> nx.DiGraph:
    """As `actor_graph`, with edges directed from actor to target (who did what to whom).

    >>> from kg.graph.sample import sample_store
    >>> G = actor_digraph(sample_store())
    >>> G.has_edge("https://w3id.org/conflict-kg/id/actor/zawiya-militias",
    ...            "https://w3id.org/conflict-kg/id/actor/libyan-national-army")
    True
    """
    with gc_paused():
        return graph_from_events(*fetch(store, filters), directed=True)


def actor_event_graph(store, filters: Filters | None = None) -> nx.Graph:
    """The bipartite graph of actors (``bipartite=0``) and events (``bipartite=1``).

    Actor nodes carry ``label, kind, country, aliases, event_count, dates``; event nodes
    carry ``label`` ("ACTION date"), ``action, date, place, place_label, article,
    sentence, source, fatalities``; each edge has a ``role``: ``actor``, ``target`` or ``both``.

    >>> from kg.graph.sample import sample_store
    >>> B = actor_event_graph(sample_store())
    >>> sorted({d["bipartite"] for _n, d in B.nodes(data=True)})
    [0, 1]
    """
    with gc_paused():
        return bipartite_from_events(*fetch(store, filters))
