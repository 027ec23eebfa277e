"""Paths between actors (through which events), neighbours and ego networks on the fixture graph."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.errors import UnknownNodeError
from kg.graph.ego import describe_ego, ego
from kg.graph.paths import k_shortest_paths, neighbours, shortest_path
from kg.graph.project import actor_digraph

from .test_graph_fixtures import G, actor, graph_store  # noqa: F401


def labels(H: nx.Graph) -> list[str]:
    return sorted(H.nodes[n]["label"] for n in H)


def test_graph_paths_shortest_passes_through_the_capture_and_the_membership(G):
    path = shortest_path(G, "Zawiya militias", "Khalifa Haftar")
    assert path["labels"] == ["Zawiya militias", "Libyan National Army", "Khalifa Haftar"]  # not via Guterres
    assert path["length"] == 2 and path["cost"] == 2
    capture = path["hops"][0]["events"]
    assert path["hops"][0]["kind"] == "event" and path["hops"][0]["links"] == []
    assert [(e["action"], e["date"], e["place_label"]) for e in capture] == [("COERCE", "2019-04-05", "Zawiya")]
    assert capture[0]["sentence"].startswith("More than 100 of Haftar’s soldiers were captured by Zawiya militias")
    assert capture[0]["actor"] == actor("zawiya-militias") and capture[0]["target"] == actor("libyan-national-army")
    member = path["hops"][1]
    assert member["kind"] == "membership" and member["events"] == [] and member["types"] == []
    assert [(x["kind"], x["source"], x["target"], x["text"]) for x in member["links"]] == [
        ("membership", actor("khalifa-haftar"), actor("libyan-national-army"),
         "Khalifa Haftar is a member of Libyan National Army")]


def test_graph_paths_k_shortest_in_order(G):
    paths = k_shortest_paths(G, "Zawiya militias", "Sarraj", k=3)
    assert paths[0]["labels"] == ["Zawiya militias", "Libyan National Army", "Antonio Guterres", "Fayez al-Sarraj"]
    assert sorted(p["labels"] for p in paths[1:]) == [
        ["Zawiya militias", "Libyan National Army", "Government of National Accord", "Antonio Guterres",
         "Fayez al-Sarraj"],
        ["Zawiya militias", "Libyan National Army", "Khalifa Haftar", "Angela Merkel", "Fayez al-Sarraj"]]
    assert [p["length"] for p in paths] == [3, 4, 4]
    via_gna = next(p for p in paths if "Government of National Accord" in p["labels"])
    assert [e["event"].rsplit("/", 1)[1] for e in via_gna["hops"][1]["events"]] == ["e7", "e10"]


def test_graph_paths_weighted_prefers_links_with_many_events(G):
    by_hops = shortest_path(G, "Joint Tripoli Protection Force", "LNA")
    by_events = shortest_path(G, "Joint Tripoli Protection Force", "LNA", weighted=True)
    assert by_hops["labels"] == ["Joint Tripoli Protection Force", "Libyan National Army"]
    assert by_events["labels"] == ["Joint Tripoli Protection Force", "Government of National Accord",
                                   "Libyan National Army"]
    assert by_events["cost"] == pytest.approx(1 / 3 + 1 / 2)


def test_graph_paths_no_path_between_conflicts(G):
    assert k_shortest_paths(G, "Zawiya militias", "RSF", k=3) == []
    with pytest.raises(nx.NetworkXNoPath, match="no path between Zawiya militias and Rapid Support Forces"):
        shortest_path(G, "Zawiya militias", "RSF")


def test_graph_paths_directed_follows_actor_to_target(graph_store):
    D = actor_digraph(graph_store)
    assert shortest_path(D, "Zawiya militias", "LNA")["length"] == 1
    with pytest.raises(nx.NetworkXNoPath):
        shortest_path(D, "LNA", "Zawiya militias")


def test_graph_paths_same_actor_and_bad_k(G):
    assert shortest_path(G, "LNA", "Libyan National Army")["length"] == 0
    with pytest.raises(ValueError, match="k must be at least 1, got 0"):
        k_shortest_paths(G, "LNA", "GNA", k=0)


def test_graph_paths_unknown_actor(G):
    with pytest.raises(UnknownNodeError, match="unknown actor 'Zawiya brigades'"):
        shortest_path(G, "Zawiya brigades", "LNA")


def test_graph_paths_neighbours(G):
    assert [(n["label"], n["distance"]) for n in neighbours(G, "Guterres")] == [
        ("Fayez al-Sarraj", 1), ("Government of National Accord", 1), ("Khalifa Haftar", 1),
        ("Libyan National Army", 1)]
    two = neighbours(G, "Blinken", hops=2)
    assert [(n["label"], n["distance"], n["country"]) for n in two] == [
        ("Rapid Support Forces", 1, "SDN"), ("Sudanese Armed Forces", 2, "SDN")]
    with pytest.raises(ValueError, match="hops must be at least 1"):
        neighbours(G, "Blinken", hops=0)


def test_graph_paths_ego(G):
    H = ego(G, "Khalifa Haftar", radius=1)
    assert sorted(H.nodes[n]["label"] for n in H) == ["Angela Merkel", "Antonio Guterres", "Khalifa Haftar",
                                                      "Libyan National Army"]
    assert H.graph == {"center": actor("khalifa-haftar"), "radius": 1}
    data = describe_ego(H)
    assert [(n["label"], n["distance"]) for n in data["nodes"]] == [
        ("Khalifa Haftar", 0), ("Angela Merkel", 1), ("Antonio Guterres", 1), ("Libyan National Army", 1)]
    assert [(e["source_label"], e["target_label"], e["types"], e["kinds"]) for e in data["edges"]] == [
        ("Angela Merkel", "Khalifa Haftar", ["CONSULT"], ["event"]),
        ("Antonio Guterres", "Khalifa Haftar", ["CONSULT"], ["event"]),
        ("Antonio Guterres", "Libyan National Army", ["REQUEST"], ["event"]),
        ("Khalifa Haftar", "Libyan National Army", [], ["membership"])]
    H.add_node("scratch")  # a copy: the projection is untouched
    assert "scratch" not in G


def test_graph_paths_ego_radius_two_and_directed(graph_store, G):
    assert labels(ego(G, "Haftar", radius=2)) == [  # + Sarraj, GNA, and the LNA's foes
        "Angela Merkel", "Antonio Guterres", "Fayez al-Sarraj", "Government of National Accord",
        "Joint Tripoli Protection Force", "Khalifa Haftar", "Libyan National Army", "Misrata militias",
        "UN Security Council", "Zawiya militias"]
    D = actor_digraph(graph_store)
    assert sorted(ego(D, "Haftar", radius=1).nodes) == sorted(ego(G, "Haftar", radius=1).nodes)
