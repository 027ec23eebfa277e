"""Which actors matter most: degree, weighted degree, betweenness, eigenvector, PageRank.

- ``degree``: normalised degree (distinct partners / (n - 1)), `nx.degree_centrality`.
- ``weighted-degree``: number of events and typed links (memberships, leadership, command) on the
  actor's links (sum of edge ``weight``).
- ``betweenness``: share of shortest paths (in hops) through the actor, normalised; exact up
  to 5,000 nodes, above that estimated from ``k = min(500, n)`` sources drawn with `seed`.
- ``eigenvector``: of the undirected, event-weighted graph; when the power iteration does
  not converge it is computed on the largest connected component (others get 0), and the
  result says so in ``note``.
- ``pagerank``: damping 0.85, event-weighted, computed by `pagerank` (numpy, sparse), which
  matches `networkx.pagerank` without needing scipy.

Ties are broken by label, then IRI, so every answer is deterministic.
"""
from __future__ import annotations

import networkx as nx
import numpy as np

from ..errors import KGError

__all__ = ["METRICS", "centrality", "scores", "pagerank"]

METRICS = ("degree", "weighted-degree", "betweenness", "eigenvector", "pagerank")
EXACT_LIMIT, SAMPLE_LIMIT = 5000, 500


def pagerank(G: nx.Graph, alpha: float = 0.85, weight: str = "weight", max_iter: int = 100,
             tol: float = 1.0e-6) -> dict:
    """PageRank of every node, as `networkx.pagerank` computes it, with numpy arrays only.

    Undirected edges count in both directions; dangling nodes spread their rank evenly.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        When `max_iter` iterations do not bring the change below ``n * tol``.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> {n: round(r, 4) for n, r in pagerank(G).items()}
    {'a': 0.2568, 'b': 0.4865, 'c': 0.2568}
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v], float(d.get(weight, 1))) for u, v, d in G.edges(data=True)]
    src = np.fromiter((e[0] for e in edges), dtype=np.int64, count=len(edges))
    dst = np.fromiter((e[1] for e in edges), dtype=np.int64, count=len(edges))
    w = np.fromiter((e[2] for e in edges), dtype=np.float64, count=len(edges))
    if not G.is_directed():
        src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([w, w])
    strength = np.bincount(src, weights=w, minlength=n)
    dangling = strength == 0
    share = np.divide(w, strength[src], out=np.zeros_like(w), where=strength[src] != 0)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * np.bincount(dst, weights=last[src] * share, minlength=n)
        x += alpha * last[dangling].sum() / n + (1.0 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            return dict(zip(nodes, x.tolist()))
    raise nx.PowerIterationFailedConvergence(max_iter)


def _eigenvector(G: nx.Graph, max_iter: int) -> tuple[dict, str | None]:
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    if U.number_of_edges() == 0:
        return {n: 0.0 for n in G}, "the graph has no edges: every score is 0"
    try:
        return nx.eigenvector_centrality(U, max_iter=max_iter, weight="weight"), None
    except nx.PowerIterationFailedConvergence:
        largest = max(nx.connected_components(U), key=lambda c: (len(c), min(map(str, c))))
        result = {n: 0.0 for n in G}
        try:
            result.update(nx.eigenvector_centrality(U.subgraph(largest), max_iter=10 * max_iter, weight="weight"))
        except nx.PowerIterationFailedConvergence:
            raise KGError("eigenvector centrality did not converge, even on the largest component; "
                          "use pagerank instead") from None
        return result, (f"did not converge on the whole graph: computed on its largest connected "
                        f"component ({len(largest)} of {len(G)} actors), the others score 0")


def scores(G: nx.Graph, metric: str, *, k: int | None = None, seed: int = 42,
           max_iter: int = 1000) -> tuple[dict, dict]:
    """All scores of `metric` and what was done: ``{"exact": bool, "k": int | None, "note": str | None}``.

    `max_iter` bounds the power iteration of eigenvector centrality (ten times that on the
    largest component when the whole graph does not converge).
    """
    info = {"exact": True, "k": None, "note": None}
    if metric == "degree":
        return nx.degree_centrality(G), info
    if metric == "weighted-degree":
        return {n: float(d) for n, d in G.degree(weight="weight")}, info
    if metric == "betweenness":
        n = G.number_of_nodes()
        if k is None and n > EXACT_LIMIT:
            k = min(SAMPLE_LIMIT, n)
        if k is not None and k < n:
            info.update(exact=False, k=k)
            return nx.betweenness_centrality(G, k=k, seed=seed), info
        return nx.betweenness_centrality(G), info
    if metric == "eigenvector":
        result, info["note"] = _eigenvector(G, max_iter)
        return result, info
    if metric == "pagerank":
        return pagerank(G), info
    raise ValueError(f"unknown centrality metric {metric!r}; use one of {', '.join(METRICS)}")


def centrality(G: nx.Graph, metric: str = "degree", top: int | None = 10, k: int | None = None,
               seed: int = 42, max_iter: int = 1000) -> dict:
    """The `top` actors by `metric`, best first.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        An actor projection.
    metric : str
        One of `METRICS`.
    top : int or None
        How many to return; None for all.
    k : int or None
        Betweenness only: sources to sample (default: exact up to 5,000 nodes, else 500).
    seed : int
        Seed of the betweenness sample.
    max_iter : int
        Eigenvector only: iterations before falling back to the largest component.

    Returns
    -------
    dict
        ``metric, nodes`` (graph size), ``exact``, ``k`` (sources sampled, or None),
        ``note`` (or None) and ``top``: a list of ``{"node", "label", "kind", "score"}``.

    Raises
    ------
    ValueError
        For an unknown metric.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> result = centrality(actor_graph(sample_store()), "weighted-degree", top=2)
    >>> [(r["label"], r["score"]) for r in result["top"]]  # events and typed links
    [('Libyan National Army', 4.0), ('Khalifa Haftar', 2.0)]
    """
    values, info = scores(G, metric, k=k, seed=seed, max_iter=max_iter)
    rows = [{"node": n, "label": G.nodes[n].get("label") or str(n), "kind": G.nodes[n].get("kind"),
             "score": float(s)} for n, s in values.items()]
    rows.sort(key=lambda r: (-r["score"], r["label"], str(r["node"])))
    return {"metric": metric, "nodes": G.number_of_nodes(), **info,
            "top": rows if top is None else rows[:top]}
