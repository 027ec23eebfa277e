"""Resolving the actor a person means: IRI, label, alias, near spelling; suggestions otherwise."""
from __future__ import annotations

import pytest

from kg.errors import UnknownNodeError
from kg.graph.lookup import normalise, resolve_actor

from .test_graph_fixtures import G, actor, graph_store  # noqa: F401


@pytest.mark.parametrize("name, slug", [
    ("https://w3id.org/conflict-kg/id/actor/libyan-national-army", "libyan-national-army"),
    ("Libyan National Army", "libyan-national-army"),
    ("libyan national army", "libyan-national-army"),
    ("LNA", "libyan-national-army"),
    ("Haftar’s forces", "libyan-national-army"),
    ("Haftar's forces", "libyan-national-army"),
    ("Haftar", "khalifa-haftar"),
    ("  fayez   AL-SARRAJ ", "fayez-al-sarraj"),
    ("Zawia militias", "zawiya-militias"),
    ("Khalifa Hafter", "khalifa-haftar"),
    ("Rapid Suport Forces", "rapid-support-forces"),
], ids=["iri", "label", "case", "alias", "curly-quote", "straight-quote", "person-alias", "spaces", "fuzzy",
        "fuzzy-person", "fuzzy-typo"])
def test_graph_lookup_resolves(G, name, slug):
    assert resolve_actor(G, name) == actor(slug)


def test_graph_lookup_ambiguous_alias_lists_both(G):
    with pytest.raises(UnknownNodeError, match="'Tripoli forces' is ambiguous") as info:
        resolve_actor(G, "Tripoli forces")
    assert info.value.suggestions == ["Government of National Accord", "Joint Tripoli Protection Force"]


def test_graph_lookup_near_names_of_two_actors_are_suggested(G):
    with pytest.raises(UnknownNodeError, match="unknown actor 'militias'; did you mean") as info:
        resolve_actor(G, "militias")
    assert set(info.value.suggestions[:2]) == {"Misrata militias", "Zawiya militias"}


def test_graph_lookup_unknown_has_at_most_five_suggestions(G):
    with pytest.raises(UnknownNodeError) as info:
        resolve_actor(G, "Sudanese Rapid Army Forces")
    assert 1 <= len(info.value.suggestions) <= 5
    assert "Sudanese Armed Forces" in info.value.suggestions


def test_graph_lookup_nothing_close(G):
    with pytest.raises(UnknownNodeError, match="^unknown actor 'Wagner Group'$") as info:
        resolve_actor(G, "Wagner Group")
    assert info.value.suggestions == []


def test_graph_lookup_event_nodes_are_not_actors():
    import networkx as nx

    B = nx.Graph()
    B.add_node("e1", bipartite=1, label="Zawiya militias")
    B.add_node("a1", bipartite=0, label="Zawiya militias", aliases=[])
    assert resolve_actor(B, "Zawiya militias") == "a1"
    with pytest.raises(UnknownNodeError):
        resolve_actor(B, "e1")


def test_graph_lookup_normalise():
    assert normalise("Qaşr  Bin Ghashīr") == normalise("qasr bin ghashir")
