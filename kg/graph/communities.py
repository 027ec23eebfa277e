"""Which actors form camps: Louvain communities of the event-weighted actor graph."""
from __future__ import annotations

import networkx as nx

__all__ = ["communities"]


def communities(G: nx.Graph, seed: int = 42, resolution: float = 1.0) -> dict:
    """Louvain communities (`networkx.community.louvain_communities`) and their modularity.

    Nodes are relabelled to integers in graph order before the run, so that the result does
    not depend on string hashing; with the same graph and `seed` it is always the same.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        An actor projection; edge ``weight`` (events) weighs the links.
    seed : int
        Seed of Louvain's node order.
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.

    Returns
    -------
    dict
        ``modularity`` (None when the graph has no edges), ``count`` and ``communities``:
        largest first (ties by first label), each ``{"id", "size", "members"}`` with members
        ``{"node", "label", "kind"}`` sorted by label.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> result = communities(actor_graph(sample_store()))
    >>> [[m["label"] for m in c["members"]] for c in result["communities"]]
    [['Government of National Accord', 'Libyan National Army', 'Misrata militias', 'Zawiya militias'], ['Antonio Guterres', 'Khalifa Haftar']]
    >>> round(result["modularity"], 3)
    0.375
    """
    nodes = list(G)
    H = nx.relabel_nodes(G, {n: i for i, n in enumerate(nodes)}, copy=True)
    if H.number_of_edges() == 0:
        parts, modularity = [{i} for i in H], None
    else:
        parts = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
        modularity = nx.community.modularity(H, parts, weight="weight", resolution=resolution)

    def member(i: int) -> dict:
        node = nodes[i]
        return {"node": node, "label": G.nodes[node].get("label") or str(node), "kind": G.nodes[node].get("kind")}

    groups = [sorted((member(i) for i in part), key=lambda m: (m["label"], str(m["node"]))) for part in parts]
    groups.sort(key=lambda g: (-len(g), g[0]["label"], str(g[0]["node"])))
    return {"modularity": modularity, "count": len(groups),
            "communities": [{"id": i, "size": len(g), "members": g} for i, g in enumerate(groups)]}
