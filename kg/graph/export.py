"""Exports of an actor graph: GEXF (Gephi), GraphML, node-link JSON, and CSV tables for Gephi.

Every format carries where the events come from: links have ``sources`` (``extracted``,
``acled``, ``gdelt``) and ``fatalities`` (`kg.graph.gexf.event_fatalities`), nodes ``sources``.

The bipartite actor–event graph keeps what its event nodes carry (``action``, ``date``,
``place``, ``article``, ``sentence``…) and each edge its ``role``, in every format.

All exporters are deterministic: the same graph gives the same bytes (GEXF apart from
its pinned-able ``lastmodifieddate``, see `kg.graph.gexf`). Lists of names become
``"; "``-joined strings where a format needs scalars.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx

from ..text import csv_cell, xml_safe
from .centrality import pagerank
from .gexf import edge_events, event_fatalities, event_sources, has_event_nodes, link_kinds, node_sources, to_gexf

__all__ = ["FORMATS", "to_gexf", "to_graphml", "to_json", "to_csv", "to_csv_zip"]

FORMATS = ("gexf", "graphml", "json", "csv")
NODE_COLUMNS = ("Id", "Label", "kind", "country", "aliases", "event_count", "centrality", "first_date", "last_date",
                "sources", "fatalities")
EDGE_COLUMNS = ("Source", "Target", "Type", "Weight", "types", "events", "first_date", "last_date", "sources",
                "fatalities", "links")
# Added in a bipartite graph, filled from the node's or the edge's own attribute of that name.
EVENT_NODE_COLUMNS = ("bipartite", "action", "date", "place", "place_label", "article", "sentence")
EVENT_EDGE_COLUMNS = ("role",)


def _scalar(value):
    """A GraphML-ready value: str/int/float/bool kept, lists joined, dicts as JSON, None dropped;
    text made safe for XML (`kg.text.xml_safe`)."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return xml_safe("; ".join(value))
    return xml_safe(json.dumps(value, ensure_ascii=False, sort_keys=True))


def to_graphml(G: nx.Graph) -> bytes:
    """GraphML (networkx's writer) with every attribute projected to str, int or float.

    ``aliases``, ``types`` and ``dates`` become ``"; "``-joined strings and ``events`` a JSON
    array, so the file reads back with `networkx.read_graphml`. Nodes and edges get ``sources``
    and edges ``fatalities`` (when some event states a number).

    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> H = nx.read_graphml(io.BytesIO(to_graphml(actor_graph(sample_store()))))
    >>> H.nodes["https://w3id.org/conflict-kg/id/actor/libyan-national-army"]["aliases"]
    'Haftar’s forces; LNA'
    """
    H = G.__class__()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items() if v is not None})
    sources = node_sources(G)
    H.add_nodes_from((_scalar(n), {k: _scalar(v) for k, v in {**d, "sources": sources[n] or None}.items()
                                   if v is not None}) for n, d in G.nodes(data=True))
    H.add_edges_from((_scalar(u), _scalar(v), {k: _scalar(x) for k, x in {**d, **_provenance(d)}.items()
                                               if x is not None}) for u, v, d in G.edges(data=True))
    buffer = io.BytesIO()
    nx.write_graphml(H, buffer, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return buffer.getvalue()


def _provenance(edge: dict) -> dict:
    """``sources`` and ``fatalities`` of an edge's events (empty for an edge without events)."""
    events = edge.get("events")
    return {"sources": event_sources(events), "fatalities": event_fatalities(events)} if events else {}


def to_json(G: nx.Graph) -> dict:
    """Node-link JSON (`networkx.node_link_data` with ``edges="edges"``) of plain values.

    Each event on a link has its ``source`` and ``fatalities``; links add ``sources`` and
    ``fatalities``, nodes ``sources``.

    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> data = to_json(actor_graph(sample_store()))
    >>> sorted(data), len(data["nodes"]), data["edges"][0]["types"]
    (['directed', 'edges', 'graph', 'multigraph', 'nodes'], 6, ['CONSULT'])
    """
    data = json.loads(json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False))
    sources = node_sources(G)
    for node in data["nodes"]:
        node["sources"] = sources[node["id"]]
    for edge in data["edges"]:
        edge.update(_provenance(edge))
    return data


def _blank(value) -> str | int:
    return "" if value is None else value


def _dates(events) -> list[str]:
    return sorted(e["date"] for e in events or () if e.get("date"))


def to_csv(G: nx.Graph) -> dict[str, str]:
    """Gephi's spreadsheet import: ``nodes.csv`` and ``edges.csv`` (header row first).

    ``nodes.csv``: Id, Label, kind, country, aliases, event_count, centrality (PageRank),
    first_date, last_date, sources, fatalities (an event node's own). ``edges.csv``: Source,
    Target, Type (Undirected or Directed), Weight (events and typed links), types, events (event
    IRIs), first_date, last_date, sources, fatalities, links (the kinds of the typed links:
    command, leadership, membership). Lists are ``"; "``-joined. Text cells that a
    spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or CR) get a
    leading ``'`` (`kg.text.csv_cell`, OWASP's rule); numbers stay numbers.

    A bipartite actor–event graph adds `EVENT_NODE_COLUMNS` to ``nodes.csv`` (an event's
    first and last date are its date) and ``role`` to ``edges.csv``, whose rows then show
    their one event (see `kg.graph.gexf.edge_events`).

    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> tables = to_csv(actor_graph(sample_store()))
    >>> tables["edges.csv"].splitlines()[0]
    'Source,Target,Type,Weight,types,events,first_date,last_date,sources,fatalities,links'
    """
    ranks, sources = pagerank(G), node_sources(G)
    extra_nodes, extra_edges = (EVENT_NODE_COLUMNS, EVENT_EDGE_COLUMNS) if has_event_nodes(G) else ((), ())
    nodes, edges = io.StringIO(), io.StringIO()
    writer = csv.writer(nodes, lineterminator="\r\n")  # RFC 4180: a CR or LF in a cell is then quoted
    writer.writerow(NODE_COLUMNS + extra_nodes)
    for n, d in G.nodes(data=True):
        dates = d.get("dates") or ([d["date"]] if d.get("date") else [])
        writer.writerow(map(csv_cell, [
            n, d.get("label") or n, d.get("kind") or "", d.get("country") or "",
            "; ".join(d.get("aliases") or ()), d.get("event_count", ""), format(ranks[n], ".8g"),
            dates[0] if dates else "", dates[-1] if dates else "", "; ".join(sources[n]), _blank(d.get("fatalities")),
            *(_blank(d.get(c)) for c in extra_nodes)]))
    writer = csv.writer(edges, lineterminator="\r\n")
    writer.writerow(EDGE_COLUMNS + extra_edges)
    kind = "Directed" if G.is_directed() else "Undirected"
    for u, v, d in G.edges(data=True):
        events = edge_events(G, u, v, d)
        dates = _dates(events)
        types = d.get("types") or sorted({e["action"] for e in events if e.get("action")})
        writer.writerow(map(csv_cell, [
            u, v, kind, d.get("weight", 1), "; ".join(types), "; ".join(e["event"] for e in events),
            dates[0] if dates else "", dates[-1] if dates else "", "; ".join(event_sources(events)) if events else "",
            _blank(event_fatalities(events)), _blank(link_kinds(d)), *(_blank(d.get(c)) for c in extra_edges)]))
    return {"nodes.csv": nodes.getvalue(), "edges.csv": edges.getvalue()}


def to_csv_zip(G: nx.Graph) -> bytes:
    """`to_csv` as a zip archive with fixed timestamps (the same graph gives the same bytes).

    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> data = to_csv_zip(actor_graph(sample_store()))
    >>> zipfile.ZipFile(io.BytesIO(data)).namelist()
    ['nodes.csv', 'edges.csv']
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in to_csv(G).items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
