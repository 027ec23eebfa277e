"""Project the store onto networkx graphs: actors linked by the events between them.

Everything is read from the store with SPARQL (`kg.graph.queries`), one narrow SELECT per
property run two at a time, and joined on the event IRI in one pass. Only ``ckg:Event``s
are taken; events with neither an actor nor a target link nobody and are left out.
Nodes and edges are added in sorted order, so the same store always gives the same graph
(and the same answers from the algorithms that walk it).
"""
from __future__ import annotations

import csv
import gc
import io
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import networkx as nx

from ..errors import UnknownNodeError
from ..mapping.namespaces import KIND_IRIS, PLOVER
from .filters import Filters, FilterError
from .lookup import normalise, suggest
from .queries import event_queries, node_queries, place_names_query, required_columns

__all__ = ["Filters", "FilterError", "fetch", "place_iris", "actor_graph", "actor_digraph",
           "actor_event_graph", "graph_from_events", "bipartite_from_events"]

_KINDS = {str(iri): name for name, iri in KIND_IRIS.items()}
_PLOVER = str(PLOVER._NS)
_intern = sys.intern


def _table(store, sparql: str, as_dict: bool = False, shared: bool = False):
    """The rows of a SELECT as plain strings (SPARQL CSV results: unbound is '').

    One column comes back as a list of values, two as a list of pairs, or as a dict of
    the first column to the second with `as_dict`. When no field is quoted (no value holds
    a comma, quote or line break) the text is split directly, several times faster than
    `csv` on a million rows. Keys are interned (every column of the event table repeats
    the event IRIs), and so are values when `shared` (actors, places, dates recur).
    """
    data = store.query(sparql, "csv").decode("utf-8")
    header, _, body = data.partition("\r\n")
    width = header.count(",") + 1
    if '"' not in body:
        cells = body.replace("\r\n", ",").split(",")[:-1] if body else []
        if width == 1:
            return cells
        if as_dict and width == 2:
            it = iter(cells)
            return dict(zip(map(_intern, it), map(_intern, it) if shared else it))
        rows = zip(*[iter(cells)] * width)
    else:
        rows = csv.reader(io.StringIO(body, newline=""))
        if width == 1:
            return [row[0] for row in rows]
        if as_dict and width == 2:
            return {_intern(k): _intern(v) if shared else v for k, v in rows}
    return dict(rows) if as_dict else list(rows)


def _tables(store, queries: dict[str, str], dicts=()) -> dict[str, list]:
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-projection") as pool:
        futures = {name: pool.submit(_table, store, sparql, name in dicts, name != "sentence")
                   for name, sparql in queries.items()}
        return {name: future.result() for name, future in futures.items()}


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while millions of containers are made (none are cyclic)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def place_iris(store, place: str) -> tuple[str, ...]:
    """The place IRIs `place` names: the IRI itself, or every place with that label or alias.

    Raises `UnknownNodeError` (with up to five place names as suggestions) when none match.
    """
    rows = _table(store, place_names_query())
    if any(p == place for p, _name in rows):
        return (place,)
    key = normalise(place)
    found = sorted({p for p, name in rows if normalise(name) == key})
    if found:
        return tuple(found)
    names: dict[str, list] = {}
    for _p, name in rows:
        names.setdefault(normalise(name), []).append(name)
    close = [sorted(names[n])[0] for _r, n in suggest(place, {n: [n] for n in names})]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownNodeError(f"unknown place {place!r}{hint}", close)


def _nodes(tables: dict, used: set) -> dict[str, dict]:
    info = {iri: {"label": None, "kind": None, "country": None, "aliases": set()} for iri in used}
    for column in ("label", "kind", "country"):
        for iri, value in tables[column]:
            entry = info.get(iri)
            if entry is not None and (entry[column] is None or value < entry[column]):
                entry[column] = value
    for iri, value in tables["alias"]:
        if iri in info:
            info[iri]["aliases"].add(value)
    for iri, entry in info.items():
        entry["label"] = entry["label"] or iri.rsplit("/", 1)[-1]
        entry["kind"] = _KINDS.get(entry["kind"], "other") if entry["kind"] else None
        entry["aliases"] = sorted(entry["aliases"] - {entry["label"]})
    return info


def fetch(store, filters: Filters | None = None) -> tuple[list[dict], dict[str, dict]]:
    """The events that pass `filters`, sorted by IRI, and the actors and places they use.

    Each event is a dict with ``event, action, date, place, place_label, article, sentence,
    actor, target`` (plain strings; ``None`` when absent). Nodes map an IRI to ``label,
    kind, country, aliases``.
    """
    filters = filters or Filters()
    places = place_iris(store, filters.place) if filters.place else ()
    queries = event_queries(filters, places)
    columns = [name for name in queries if name not in ("event", "country", "confidence")]
    # Longest scans first, so that the two workers finish together.
    order = ("sentence", "article", "actor", "target", "place", "action", "date", "event", "label", "country", "kind")
    queries = {**queries, **node_queries()}
    queries = {name: queries[name] for name in sorted(queries, key=lambda n: order.index(n) if n in order else 99)}
    with _gc_paused():
        tables = _tables(store, queries, dicts=columns)
        events, used = _join(tables, required_columns(filters))
        nodes = _nodes(tables, used)
    for event in events:
        if event["place"]:
            event["place_label"] = _intern(nodes[event["place"]]["label"])
    return events, nodes


def _join(tables: dict, required: tuple[str, ...]) -> tuple[list[dict], set]:
    keep = set(tables["event"])
    for name in required[1:]:
        keep &= set(tables[name]) if isinstance(tables[name], list) else tables[name].keys()
    actor, target, date, place, sentence, action, article = (
        tables[n] for n in ("actor", "target", "date", "place", "sentence", "action", "article"))
    names = {v: _intern(v[len(_PLOVER):] if v.startswith(_PLOVER) else v) for v in set(action.values())}
    events = []
    for iri in sorted(keep):
        a, t = actor.get(iri) or None, target.get(iri) or None
        if a is None and t is None:
            continue
        events.append({"event": iri, "action": names[action[iri]], "date": date.get(iri) or None,
                       "place": place.get(iri) or None, "place_label": None, "article": article[iri],
                       "sentence": sentence.get(iri), "actor": a, "target": t})
    used = {e[k] for e in events for k in ("actor", "target", "place")} - {None}
    return events, used


def _add_actors(G: nx.Graph, events: list[dict], nodes: dict[str, dict], **extra) -> None:
    counts: dict[str, int] = {}
    dates: dict[str, set] = {}
    for event in events:
        a, t, day = event["actor"], event["target"], event["date"]
        for party in (a, t) if a != t else (a,):
            if party is not None:
                counts[party] = counts.get(party, 0) + 1
                if day:
                    dates.setdefault(party, set()).add(day)
    G.add_nodes_from((iri, {**nodes[iri], **extra, "event_count": counts[iri],
                            "dates": sorted(dates.get(iri, ()))}) for iri in sorted(counts))


def _event_order(event: dict) -> tuple:
    return (event["date"] is None, event["date"] or "")


def graph_from_events(events: list[dict], nodes: dict[str, dict], *, directed: bool = False) -> nx.Graph:
    """Actors linked by their events: see `actor_graph`. Pure: no store involved.

    `events` must be sorted by event IRI (as `fetch` returns them).
    """
    G = nx.DiGraph() if directed else nx.Graph()
    with _gc_paused():
        _add_actors(G, events, nodes)
        edges: dict[tuple, list] = {}
        for event in events:
            a, t = event["actor"], event["target"]
            if a is None or t is None or a == t:
                continue
            key = (a, t) if directed or a < t else (t, a)
            found = edges.get(key)
            if found is None:
                edges[key] = [event]
            else:
                found.append(event)

        def attributes(found: list) -> dict:
            if len(found) == 1:
                return {"events": found, "weight": 1, "types": [found[0]["action"]]}
            found.sort(key=_event_order)  # stable: IRI order within a day
            return {"events": found, "weight": len(found), "types": sorted({e["action"] for e in found})}

        G.add_edges_from((u, v, attributes(edges[u, v])) for u, v in sorted(edges))
    return G


_ROLES = {"actor": {"role": "actor"}, "target": {"role": "target"}, "both": {"role": "both"}}


def bipartite_from_events(events: list[dict], nodes: dict[str, dict]) -> nx.Graph:
    """Actors (``bipartite=0``) joined to the events (``bipartite=1``) they take part in."""
    G = nx.Graph()
    with _gc_paused():
        _add_actors(G, events, nodes, bipartite=0)
        G.add_nodes_from((e["event"], {"bipartite": 1, "label": f"{e['action']} {e['date'] or 'undated'}",
                                       "action": e["action"], "date": e["date"], "place": e["place"],
                                       "place_label": e["place_label"], "article": e["article"],
                                       "sentence": e["sentence"]}) for e in events)

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
        actor, target``, by date then IRI, undated last), ``weight`` (the number of events)
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
    return graph_from_events(*fetch(store, filters))


def actor_digraph(store, filters: Filters | None = None) -> nx.DiGraph:
    """As `actor_graph`, with edges directed from actor to target (who did what to whom).

    >>> from kg.graph.sample import sample_store
    >>> G = actor_digraph(sample_store())
    >>> G.has_edge("https://w3id.org/conflict-kg/id/actor/zawiya-militias",
    ...            "https://w3id.org/conflict-kg/id/actor/libyan-national-army")
    True
    """
    return graph_from_events(*fetch(store, filters), directed=True)


def actor_event_graph(store, filters: Filters | None = None) -> nx.Graph:
    """The bipartite graph of actors (``bipartite=0``) and events (``bipartite=1``).

    Actor nodes carry ``label, kind, country, aliases, event_count, dates``; event nodes
    carry ``label`` ("ACTION date"), ``action, date, place, place_label, article,
    sentence``; each edge has a ``role``: ``actor``, ``target`` or ``both``.

    >>> from kg.graph.sample import sample_store
    >>> B = actor_event_graph(sample_store())
    >>> sorted({d["bipartite"] for _n, d in B.nodes(data=True)})
    [0, 1]
    """
    return bipartite_from_events(*fetch(store, filters))
