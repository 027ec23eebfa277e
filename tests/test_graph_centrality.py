"""Centrality and communities on the fixture graph: known leaders, ties, sampling, fallbacks."""
from __future__ import annotations

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from kg.graph.centrality import METRICS, centrality, pagerank
from kg.graph.communities import communities

from .test_graph_fixtures import G, graph_store  # noqa: F401


def top(result: dict) -> list[tuple[str, float]]:
    return [(r["label"], round(r["score"], 4)) for r in result["top"]]


def test_graph_centrality_degree(G):
    result = centrality(G, "degree", top=3)
    assert top(result) == [("Libyan National Army", 0.5833), ("Antonio Guterres", 0.3333),  # LNA: 6 foes + Haftar
                           ("Government of National Accord", 0.25)]
    assert result["exact"] is True and result["k"] is None and result["nodes"] == 13


def test_graph_centrality_weighted_degree_ties_sorted_by_label(G):
    assert top(centrality(G, "weighted-degree", top=5)) == [
        ("Libyan National Army", 8.0), ("Government of National Accord", 6.0), ("Antonio Guterres", 4.0),
        ("Joint Tripoli Protection Force", 4.0), ("Rapid Support Forces", 4.0)]


def test_graph_centrality_betweenness_exact(G):
    # Haftar reaches the LNA by his membership, no longer only through Guterres
    assert top(centrality(G, "betweenness", top=2)) == [("Libyan National Army", 0.3763), ("Antonio Guterres", 0.1162)]


def test_graph_centrality_betweenness_sampled_reports_k(G):
    first = centrality(G, "betweenness", top=None, k=5, seed=7)
    assert first["exact"] is False and first["k"] == 5
    assert first == centrality(G, "betweenness", top=None, k=5, seed=7)


def test_graph_centrality_betweenness_samples_above_5000_nodes():
    big = nx.empty_graph(5001)  # no edges, so that the 500 sampled searches are quick
    big.add_edge(0, 1)
    result = centrality(big, "betweenness", top=1)
    assert result["exact"] is False and result["k"] == 500


def test_graph_centrality_pagerank_matches_networkx(G):
    ours, theirs = pagerank(G), _pagerank_python(G, weight="weight")
    assert ours == pytest.approx(theirs, abs=1e-9)
    D = nx.gn_graph(200, seed=3)  # directed, with dangling nodes
    assert pagerank(D) == pytest.approx(_pagerank_python(D), abs=1e-9)
    assert top(centrality(G, "pagerank", top=1)) == [("Libyan National Army", 0.1857)]


def test_graph_centrality_eigenvector_on_disconnected_graph(G):
    result = centrality(G, "eigenvector", top=3)
    assert [r["label"] for r in result["top"]] == [
        "Government of National Accord", "Libyan National Army", "Joint Tripoli Protection Force"]
    assert result["note"] is None


def test_graph_centrality_eigenvector_falls_back_to_largest_component():
    H = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    result = centrality(H, "eigenvector", top=None, max_iter=5)
    assert "largest connected component (3 of 5 actors)" in result["note"]
    assert {r["node"]: round(r["score"], 3) for r in result["top"]} == {
        "a": 0.577, "b": 0.577, "c": 0.577, "x": 0.0, "y": 0.0}


def test_graph_centrality_graph_without_edges():
    H = nx.Graph()
    H.add_nodes_from(["a", "b"])
    assert centrality(H, "eigenvector")["note"] == "the graph has no edges: every score is 0"
    assert [r["score"] for r in centrality(H, "pagerank")["top"]] == [0.5, 0.5]
    assert communities(H)["modularity"] is None


@pytest.mark.parametrize("metric", METRICS)
def test_graph_centrality_every_metric_is_deterministic(G, metric):
    assert centrality(G, metric, top=None) == centrality(G, metric, top=None)


def test_graph_centrality_unknown_metric(G):
    with pytest.raises(ValueError, match="unknown centrality metric 'closeness'"):
        centrality(G, "closeness")


def test_graph_communities_camps(G):
    result = communities(G)
    groups = [[m["label"] for m in c["members"]] for c in result["communities"]]
    assert groups == [
        ["Government of National Accord", "Joint Tripoli Protection Force", "Libyan National Army",
         "Misrata militias", "UN Security Council", "Zawiya militias"],
        ["Angela Merkel", "Antonio Guterres", "Fayez al-Sarraj", "Khalifa Haftar"],
        ["Antony Blinken", "Rapid Support Forces", "Sudanese Armed Forces"]]
    assert result["count"] == 3 and [c["size"] for c in result["communities"]] == [6, 4, 3]
    assert result["modularity"] == pytest.approx(0.4587, abs=1e-4)  # Haftar–LNA (membership) runs across


def test_graph_communities_deterministic_for_a_seed(G):
    assert communities(G, seed=1) == communities(G, seed=1)
