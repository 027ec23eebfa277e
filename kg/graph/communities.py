"""Which actors form camps: signed camps (`kg.graph.camps`, the default) or Louvain communities
of the unsigned, event-weighted graph (`communities`, method ``louvain``).

Louvain weighs a battle and an agreement the same, so its communities may hold enemies (the
LNA with the militias attacking it); its result is measured with the same frustration as the
camps, so the two can be compared.
"""
from __future__ import annotations

import networkx as nx

from .camps import camps, summary

__all__ = ["METHODS", "communities", "partition"]


def communities(G: nx.Graph, seed: int = 42, resolution: float = 1.0) -> dict:
    """Louvain communities (`networkx.community.louvain_communities`) and their modularity.

    Nodes are relabelled to integers in graph order before the run, so that the result does
    not depend on string hashing; with the same graph and `seed` it is always the same.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        An actor projection; edge ``weight`` (events and typed links) weighs the links.
    seed : int
        Seed of Louvain's node order.
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.

    Returns
    -------
    dict
        ``method`` ("louvain"), ``modularity`` (None when the graph has no edges), ``count``,
        ``frustration``, ``cooperation_across`` and ``communities``: largest first (ties by
        first label), each ``{"id", "size", "members", "cooperation", "conflict",
        "frustration"}`` with members ``{"node", "label", "kind"}`` sorted by label (as
        `kg.graph.camps.summary` measures them).

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> result = communities(actor_graph(sample_store()))
    >>> for community in result["communities"]:
    ...     print([m["label"] for m in community["members"]])
    ['Government of National Accord', 'Libyan National Army', 'Misrata militias', 'Zawiya militias']
    ['Antonio Guterres', 'Khalifa Haftar']
    >>> round(result["modularity"], 3), result["frustration"]
    (0.22, 1.0)
    """
    nodes = list(G)
    H = nx.relabel_nodes(G, {n: i for i, n in enumerate(nodes)}, copy=True)
    if H.number_of_edges() == 0:
        parts, modularity = [{i} for i in H], None
    else:
        parts = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
        modularity = nx.community.modularity(H, parts, weight="weight", resolution=resolution)
    camp = {nodes[i]: number for number, part in enumerate(parts) for i in part}
    return {"method": "louvain", "modularity": modularity, **summary(G, camp)}


METHODS = {"signed": camps, "louvain": communities}


def partition(G: nx.Graph, method: str = "signed", seed: int = 42) -> dict:
    """The camps of `G` by `method`: ``signed`` (`kg.graph.camps.camps`) or ``louvain`` (`communities`).

    Raises
    ------
    ValueError
        When `method` is neither.
    """
    if method not in METHODS:
        raise ValueError(f"unknown communities method {method!r}; use one of {', '.join(METHODS)}")
    return METHODS[method](G, seed=seed)
