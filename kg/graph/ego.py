"""An actor's neighbourhood: the ego network within a radius, as a graph and as plain data."""
from __future__ import annotations

import networkx as nx

from .links import edge_kinds
from .lookup import resolve_actor

__all__ = ["ego", "describe_ego"]


def ego(G: nx.Graph, actor, radius: int = 1) -> nx.Graph:
    """The subgraph of the actors within `radius` links of `actor` (either direction), with their data.

    The result is a new graph (safe to change) of the same type as `G`; its ``graph``
    attributes name the ``center`` and the ``radius``.

    Raises
    ------
    UnknownNodeError
        When `actor` cannot be resolved.
    ValueError
        When `radius` is negative.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> H = ego(actor_graph(sample_store()), "LNA")
    >>> sorted(H.nodes[n]["label"] for n in H)
    ['Government of National Accord', 'Khalifa Haftar', 'Libyan National Army', 'Misrata militias', 'Zawiya militias']
    """
    if radius < 0:
        raise ValueError(f"radius must be 0 or more, got {radius}")
    center = resolve_actor(G, actor)
    # as nx.ego_graph(G, center, radius, undirected=True), without its deep copy of G (every
    # event of every link) to get the undirected distances: a view gives them
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    H = G.subgraph(nx.single_source_shortest_path_length(U, center, cutoff=radius)).copy()
    H.graph.update(center=center, radius=radius)
    return H


def describe_ego(H: nx.Graph) -> dict:
    """An ego graph as plain data: ``center, radius``, ``nodes`` (with ``distance``) and ``edges``
    (with ``kinds``: the typed links' kinds, most specific first, then ``event`` if the two share
    events; see `kg.graph.links.edge_kinds`).

    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> data = describe_ego(ego(actor_graph(sample_store()), "Haftar"))
    >>> [(n["label"], n["distance"]) for n in data["nodes"]]
    [('Khalifa Haftar', 0), ('Antonio Guterres', 1), ('Libyan National Army', 1)]
    >>> [(e["source_label"], e["target_label"], e["types"], e["kinds"]) for e in data["edges"]]
    [('Antonio Guterres', 'Khalifa Haftar', ['CONSULT'], ['event']), ('Khalifa Haftar', 'Libyan National Army', [], ['membership'])]
    """
    center = H.graph["center"]
    U = H.to_undirected(as_view=True) if H.is_directed() else H
    distance = nx.single_source_shortest_path_length(U, center)

    def label(n) -> str:
        return H.nodes[n].get("label") or str(n)

    nodes = [{"node": n, "label": label(n), "kind": H.nodes[n].get("kind"), "country": H.nodes[n].get("country"),
              "distance": distance[n]} for n in H]
    nodes.sort(key=lambda r: (r["distance"], r["label"], str(r["node"])))
    edges = []
    for u, v, d in H.edges(data=True):
        if not H.is_directed() and (label(v), str(v)) < (label(u), str(u)):
            u, v = v, u  # undirected links are listed with their endpoints in label order
        edges.append({"source": u, "target": v, "source_label": label(u), "target_label": label(v),
                      "weight": d.get("weight", 1), "types": list(d.get("types", ())), "kinds": edge_kinds(d)})
    edges.sort(key=lambda e: (e["source_label"], e["target_label"]))
    return {"center": center, "radius": H.graph.get("radius"), "nodes": nodes, "edges": edges}
