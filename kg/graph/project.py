"""Project the store onto networkx graphs: actors linked by the events between them, and by their
memberships, leadership and command (`kg.graph.links`).

The events come from `kg.graph.fetch` (SPARQL over the store, never extraction-time memory).
Each party of a joint act is a node of its own: "Zawiya and Misrata militias attacked the LNA"
links each militia to the LNA. Nodes and edges are added in sorted order, so the same store
always gives the same graph (and the same answers from the algorithms that walk it).
"""
from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from ..filters import FilterError, Filters
from .fetch import fetch, gc_paused
from .links import add_links, fetch_links

__all__ = ["Filters", "FilterError", "fetch", "actor_graph", "actor_digraph",
           "actor_event_graph", "graph_from_events", "bipartite_from_events", "event_pairs"]


def event_pairs(event: dict) -> list[tuple[str, str, dict]]:
    """(actor, target, event) for each actor and target of `event` that are not the same party.

    A joint act gives one pair per actor and target, each with a copy of the event naming that
    pair as its ``actor`` and ``target`` (``actors`` and ``targets`` still list every party).

    >>> e = {"actor": "z", "target": "l", "actors": ("m", "z"), "targets": ("l",)}
    >>> [(a, t, x["actor"]) for a, t, x in event_pairs(e)]
    [('m', 'l', 'm'), ('z', 'l', 'z')]
    """
    actors, targets = event.get("actors", (event["actor"],)), event.get("targets", (event["target"],))
    if len(actors) <= 1 and len(targets) <= 1:
        a, t = event["actor"], event["target"]
        return [] if a is None or t is None or a == t else [(a, t, event)]
    return [(a, t, {**event, "actor": a, "target": t}) for a in actors for t in targets if a != t]


def _parties(event: dict) -> set:
    """Every party of `event`, actors and targets."""
    found = {*event.get("actors", (event["actor"],)), *event.get("targets", (event["target"],))}
    found.discard(None)
    return found


def _add_actors(G: nx.Graph, events: list[dict], nodes: dict[str, dict], **extra) -> None:
    counts: Counter = Counter()
    dates: defaultdict[str, list] = defaultdict(list)
    undated: Counter = Counter()
    for event in events:
        parties = _parties(event)
        counts.update(parties)
        day = event["date"]
        if day:
            for party in parties:
                dates[party].append(day)
        else:
            undated.update(parties)
    G.add_nodes_from((iri, {**nodes[iri], **extra, "event_count": counts[iri],
                            "dates": sorted(set(dates.get(iri, ()))), "undated": undated[iri]})
                     for iri in sorted(counts))


def _event_order(event: dict) -> tuple:
    return (event["date"] is None, event["date"] or "")


def _attributes(found: list) -> dict:
    if len(found) == 1:
        return {"events": found, "weight": 1, "types": [found[0]["action"]]}
    found.sort(key=_event_order)  # stable: IRI order within a day
    return {"events": found, "weight": len(found), "types": sorted({e["action"] for e in found})}


def graph_from_events(events: list[dict], nodes: dict[str, dict], links: list | None = None, *,
                      directed: bool = False) -> nx.Graph:
    """Actors linked by their events and by `links` (`kg.graph.links.fetch_links`): see `actor_graph`.
    Pure: no store involved.

    `events` must be sorted by event IRI (as `fetch` returns them).
    """
    G = nx.DiGraph() if directed else nx.Graph()
    with gc_paused():
        _add_actors(G, events, nodes)
        pairs: dict[str, dict[str, list]] = {}  # source → target → events, for undirected u < v
        for event in events:
            for a, t, seen in event_pairs(event):
                u, v = (a, t) if directed or a < t else (t, a)
                found = pairs.get(u)
                if found is None:
                    pairs[u] = {v: [seen]}
                elif v in found:
                    found[v].append(seen)
                else:
                    found[v] = [seen]
        G.add_edges_from((u, v, _attributes(found[v])) for u, found in sorted(pairs.items()) for v in sorted(found))
        add_links(G, links or [])
    return G


_ROLES = {"actor": {"role": "actor"}, "target": {"role": "target"}, "both": {"role": "both"}}


def bipartite_from_events(events: list[dict], nodes: dict[str, dict]) -> nx.Graph:
    """Actors (``bipartite=0``) joined to the events (``bipartite=1``) they take part in, each party
    of a joint act to its event."""
    G = nx.Graph()
    with gc_paused():
        _add_actors(G, events, nodes, bipartite=0)
        G.add_nodes_from((e["event"], {"bipartite": 1, "label": f"{e['action']} {e['date'] or 'undated'}",
                                       "action": e["action"], "date": e["date"], "place": e["place"],
                                       "place_label": e["place_label"], "article": e["article"],
                                       "sentence": e["sentence"], "source": e.get("source", "extracted"),
                                       "fatalities": e.get("fatalities")}) for e in events)

        def edges():
            for e in events:
                actors, targets = e.get("actors", (e["actor"],)), e.get("targets", (e["target"],))
                for a in actors:
                    if a is not None:
                        yield a, e["event"], _ROLES["both" if a in targets else "actor"]
                for t in targets:
                    if t is not None and t not in actors:
                        yield t, e["event"], _ROLES["target"]

        G.add_edges_from(edges())
    return G


def _projected(store, filters: Filters | None, directed: bool) -> nx.Graph:
    events, nodes = fetch(store, filters)
    actors = {party for event in events for party in _parties(event)}
    return graph_from_events(events, nodes, fetch_links(store, actors), directed=directed)


def actor_graph(store, filters: Filters | None = None) -> nx.Graph:
    """Actors linked by the events between them and by their memberships, leadership and command,
    one undirected edge per pair.

    Parameters
    ----------
    store : kg.store.Store
    filters : Filters, optional
        Which events to take (all ``ckg:Event``s by default).

    Returns
    -------
    networkx.Graph
        Nodes are actor IRIs with ``label, kind, country, aliases, event_count, dates``
        (sorted ISO dates of their events) and ``undated`` (how many of their events have no
        date). The edge between actor and target carries
        ``events`` (dicts of ``event, action, date, place, place_label, article, sentence,
        actor, target, actors, targets, source, fatalities``, by date then IRI, undated last;
        each joint act once per pair of its parties, ``actor`` and ``target`` naming the pair),
        ``types`` (sorted PLOVER names), ``links`` when the two are members, leaders or
        commanders of one another (`kg.graph.links`: ``kind``, ``source``, ``target``; an edge
        may have links and no events) and ``weight`` (events and links). Events with only an
        actor or only a target still make that actor a node; an actor acting on itself adds no
        edge; links join only actors that have events.

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
    >>> G.edges["https://w3id.org/conflict-kg/id/actor/khalifa-haftar",
    ...         "https://w3id.org/conflict-kg/id/actor/libyan-national-army"]["links"][0]["kind"]
    'membership'
    """
    with gc_paused():  # one pause for both steps: no collection walks the fetched events in between
        return _projected(store, filters, False)


def actor_digraph(store, filters: Filters | None = None) -> nx.DiGraph:
    """As `actor_graph`, with edges directed from actor to target (who did what to whom).

    >>> from kg.graph.sample import sample_store
    >>> G = actor_digraph(sample_store())
    >>> G.has_edge("https://w3id.org/conflict-kg/id/actor/zawiya-militias",
    ...            "https://w3id.org/conflict-kg/id/actor/libyan-national-army")
    True
    """
    with gc_paused():
        return _projected(store, filters, True)


def actor_event_graph(store, filters: Filters | None = None) -> nx.Graph:
    """The bipartite graph of actors (``bipartite=0``) and events (``bipartite=1``); it has no typed links
    (they join actors, not events).

    Actor nodes carry ``label, kind, country, aliases, event_count, dates, undated``; event nodes
    carry ``label`` ("ACTION date"), ``action, date, place, place_label, article,
    sentence, source, fatalities``; each edge has a ``role``: ``actor``, ``target`` or ``both``.

    >>> from kg.graph.sample import sample_store
    >>> B = actor_event_graph(sample_store())
    >>> sorted({d["bipartite"] for _n, d in B.nodes(data=True)})
    [0, 1]
    """
    with gc_paused():
        return bipartite_from_events(*fetch(store, filters))
