"""GEXF 1.3 for Gephi, written with lxml and valid against the official RELAX NG schema.

Nodes are actors: attributes ``kind``, ``country``, ``aliases``, ``event_count``,
``centrality`` (PageRank of the exported graph) and ``sources`` (of the events on its links),
coloured by kind with `PALETTE` (ColorBrewer Set1) and sized by centrality: ``viz:size`` runs
from 10 (lowest PageRank) to 50 (highest). Edges carry ``weight`` (events and typed links), ``types``,
``events`` (count), ``first_date``, ``last_date``, ``sources`` (``extracted``, ``acled``,
``gdelt``), ``fatalities`` (see `event_fatalities`) and ``links``: the kinds of the typed links
between the two actors (``command``, ``leadership``, ``membership``; `kg.graph.links`), most
specific first, ``"; "``-joined.

In the bipartite actor–event graph (`kg.graph.project.actor_event_graph`) every node also
has ``bipartite`` (0 for actors, 1 for events), the event nodes ``action`` (PLOVER),
``date``, ``place``, ``place_label``, ``article``, ``sentence``, ``source`` and
``fatalities``, and every edge its ``role`` (``actor``, ``target`` or ``both``); an
actor–event edge stands for that one event (`edge_events`), so its ``events`` is 1 and its
types, dates, sources and fatalities are the event's.

With ``dynamic=True`` the graph is ``mode="dynamic" timeformat="date"`` and every node
and edge gets one ``<spell>`` per distinct date of its events (``start = end = date``),
so Gephi's timeline plays the conflict day by day; elements with no dated event have no
spell and are always shown.

Every string is passed through `kg.text.xml_safe`, so the file is well-formed XML whatever
the store holds. The output depends only on the graph, apart from ``<meta lastmodifieddate>``, which is
`today` (pin it to get the same bytes from the same store).
"""
from __future__ import annotations

from datetime import date

import networkx as nx
from lxml import etree

from ..text import xml_safe
from .centrality import pagerank
from .links import edge_kinds

__all__ = ["PALETTE", "GEXF_NS", "VIZ_NS", "to_gexf", "event_sources", "event_fatalities", "node_sources",
           "edge_events", "has_event_nodes", "link_kinds"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
PALETTE = {  # actor kind → (r, g, b)
    "armed_group": (228, 26, 28),
    "state_force": (55, 126, 184),
    "government": (77, 175, 74),
    "person": (152, 78, 163),
    "international_organisation": (255, 127, 0),
    "civilians": (247, 129, 191),
    "media": (166, 86, 40),
    "other": (153, 153, 153),
}
NODE_ATTRS = (("kind", "string"), ("country", "string"), ("aliases", "string"),
              ("event_count", "integer"), ("centrality", "double"), ("sources", "string"),
              ("source", "string"), ("fatalities", "integer"))
EDGE_ATTRS = (("types", "string"), ("events", "integer"), ("first_date", "string"), ("last_date", "string"),
              ("sources", "string"), ("fatalities", "integer"), ("links", "string"))
# Added in a bipartite graph: what its nodes and edges carry besides the actor graph's.
EVENT_NODE_ATTRS = (("bipartite", "integer"), ("action", "string"), ("date", "string"), ("place", "string"),
                    ("place_label", "string"), ("article", "string"), ("sentence", "string"))
EVENT_EDGE_ATTRS = (("role", "string"),)
_EVENT_KEYS = ("action", "date", "place", "place_label", "article", "sentence", "source", "fatalities")


def has_event_nodes(G: nx.Graph) -> bool:
    """Whether `G` is a bipartite actor–event graph (some node has ``bipartite=1``)."""
    return any(data.get("bipartite") == 1 for _n, data in G.nodes(data=True))


def edge_events(G: nx.Graph, u, v, data: dict) -> list[dict]:
    """The events the edge u–v stands for: its ``events`` in an actor graph; in the bipartite
    graph, the event node it joins (as an event dict, ``event`` its IRI).

    >>> B = nx.Graph([("a", "e1", {"role": "actor"})])
    >>> B.nodes["e1"].update(bipartite=1, action="ASSAULT", date="2023-04-15", source="acled")
    >>> [(e["event"], e["action"], e["date"]) for e in edge_events(B, "a", "e1", B.edges["a", "e1"])]
    [('e1', 'ASSAULT', '2023-04-15')]
    """
    if "events" in data:
        return data["events"] or []
    for n in (v, u):
        node = G.nodes[n]
        if node.get("bipartite") == 1:
            return [{"event": n, **{k: node.get(k) for k in _EVENT_KEYS}}]
    return []


def link_kinds(data: dict) -> str | None:
    """The kinds of an edge's typed links, most specific first, ``"; "``-joined; None without any.

    >>> link_kinds({"links": [{"kind": "membership"}, {"kind": "command"}]}), link_kinds({"events": []})
    ('command; membership', None)
    """
    kinds = [k for k in edge_kinds(data) if k != "event"]
    return "; ".join(kinds) or None


def event_sources(events) -> list[str]:
    """The sorted sources of `events` (an event without one is ``extracted``).

    >>> event_sources([{"source": "gdelt"}, {}, {"source": "acled"}])
    ['acled', 'extracted', 'gdelt']
    """
    return sorted({e.get("source") or "extracted" for e in events or ()})


def event_fatalities(events) -> int | None:
    """The sum of the fatalities `events` state; None when none states a number.

    Reports of one happening from several sources may repeat a count: filter by source
    (`kg.facets.Facets`) for a count from one source.

    >>> event_fatalities([{"fatalities": 25}, {"fatalities": None}, {"fatalities": 2}]), event_fatalities([{}])
    (27, None)
    """
    counts = [e["fatalities"] for e in events or () if e.get("fatalities") is not None]
    return sum(counts) if counts else None


def node_sources(G: nx.Graph) -> dict:
    """Node -> sorted sources of the events on its links (an event node: its own source)."""
    found: dict = {n: set() for n in G}
    for u, v, data in G.edges(data=True):
        for event in edge_events(G, u, v, data):
            found[u].add(event.get("source") or "extracted")
            found[v].add(event.get("source") or "extracted")
    for n, data in G.nodes(data=True):
        if data.get("source"):
            found[n].add(data["source"])
    return {n: sorted(s) for n, s in found.items()}


def _g(tag: str) -> str:
    return f"{{{GEXF_NS}}}{tag}"


def _number(value: float) -> str:
    return format(float(value), ".8g")


def _attributes(graph_el, cls: str, attrs) -> None:
    el = etree.SubElement(graph_el, _g("attributes"), {"class": cls})
    for i, (title, kind) in enumerate(attrs):
        etree.SubElement(el, _g("attribute"), id=str(i), title=title, type=kind)


def _attvalues(parent, attrs, values: dict) -> None:
    el = None
    for i, (title, _kind) in enumerate(attrs):
        value = values.get(title)
        if value is None or value == "":
            continue
        el = el if el is not None else etree.SubElement(parent, _g("attvalues"))
        etree.SubElement(el, _g("attvalue"), {"for": str(i), "value": xml_safe(str(value))})


def _spells(parent, dates) -> None:
    dates = sorted(set(d for d in dates if d))
    if dates:
        el = etree.SubElement(parent, _g("spells"))
        for day in dates:
            etree.SubElement(el, _g("spell"), start=xml_safe(day), end=xml_safe(day))


def to_gexf(G: nx.Graph, dynamic: bool = False, today: date | None = None) -> bytes:
    """The actor graph `G` as GEXF 1.3 (UTF-8 bytes).

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        An actor projection (`kg.graph.project.actor_graph`), or an ego graph of one.
    dynamic : bool
        Add spells from the event dates (see the module docstring).
    today : date, optional
        The ``lastmodifieddate`` to write; defaults to today's date.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> data = to_gexf(actor_graph(sample_store()), dynamic=True, today=date(2024, 1, 1))
    >>> data.splitlines()[1].decode()
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">'
    >>> b'<spell start="2019-04-05" end="2019-04-05"/>' in data
    True
    """
    ranks = pagerank(G) if G.number_of_nodes() else {}
    low, high = (min(ranks.values()), max(ranks.values())) if ranks else (0.0, 0.0)
    root = etree.Element(_g("gexf"), nsmap={None: GEXF_NS, "viz": VIZ_NS}, version="1.3")
    meta = etree.SubElement(root, _g("meta"), lastmodifieddate=(today or date.today()).isoformat())
    etree.SubElement(meta, _g("creator")).text = "conflict-kg"
    etree.SubElement(meta, _g("description")).text = "Actors linked by the conflict events between them (PLOVER)"
    graph_attrs = {"defaultedgetype": "directed" if G.is_directed() else "undirected"}
    if dynamic:
        graph_attrs.update(mode="dynamic", timeformat="date")
    graph_el = etree.SubElement(root, _g("graph"), graph_attrs)
    bipartite = has_event_nodes(G)
    node_attrs = NODE_ATTRS + EVENT_NODE_ATTRS if bipartite else NODE_ATTRS
    edge_attrs = EDGE_ATTRS + EVENT_EDGE_ATTRS if bipartite else EDGE_ATTRS
    _attributes(graph_el, "node", node_attrs)
    _attributes(graph_el, "edge", edge_attrs)
    nodes_el = etree.SubElement(graph_el, _g("nodes"), count=str(G.number_of_nodes()))
    sources = node_sources(G)
    for node, data in G.nodes(data=True):
        el = etree.SubElement(nodes_el, _g("node"), id=xml_safe(str(node)),
                              label=xml_safe(str(data.get("label") or node)))
        values = {**data, "aliases": "; ".join(data.get("aliases") or ()), "centrality": _number(ranks[node]),
                  "sources": "; ".join(sources[node])}
        _attvalues(el, node_attrs, values)
        if dynamic:
            _spells(el, data.get("dates") or [data.get("date")])
        r, g, b = PALETTE.get(data.get("kind"), PALETTE["other"])
        etree.SubElement(el, f"{{{VIZ_NS}}}color", r=str(r), g=str(g), b=str(b))
        size = 10 + 40 * (ranks[node] - low) / (high - low) if high > low else 20
        etree.SubElement(el, f"{{{VIZ_NS}}}size", value=_number(round(size, 4)))
    edges_el = etree.SubElement(graph_el, _g("edges"), count=str(G.number_of_edges()))
    for i, (u, v, data) in enumerate(G.edges(data=True)):
        events = edge_events(G, u, v, data)
        dates = sorted(e["date"] for e in events if e.get("date"))
        types = data.get("types") or sorted({e["action"] for e in events if e.get("action")})
        el = etree.SubElement(edges_el, _g("edge"), id=str(i), source=xml_safe(str(u)), target=xml_safe(str(v)),
                              weight=_number(data.get("weight", 1)))
        _attvalues(el, edge_attrs, {"types": "; ".join(types), "events": len(events),
                                    "first_date": dates[0] if dates else None,
                                    "last_date": dates[-1] if dates else None,
                                    "sources": "; ".join(event_sources(events)) if events else None,
                                    "fatalities": event_fatalities(events), "role": data.get("role"),
                                    "links": link_kinds(data)})
        if dynamic:
            _spells(el, dates)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
