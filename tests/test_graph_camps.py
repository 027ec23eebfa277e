"""Camps of the signed actor graph (issue 13, item 6): the signs, the partition, its frustration,
against Louvain on the unsigned graph; on the fixture store, the seeds, the CLI and the API."""
from __future__ import annotations

import json

import networkx as nx
import pytest
import requests

from kg.extract.types import load_types
from kg.graph.camps import camps, summary
from kg.graph.communities import communities, partition
from kg.graph.project import actor_graph
from kg.graph.signs import COOPERATION, CONFLICT, SIGNS, sign, signed_weights
from kg.mapping.namespaces import PLOVER_TYPES
from tests.browser.fixtures import mini_server  # noqa: F401

from .test_graph_cli import run  # noqa: F401
from .test_graph_fixtures import G, actor, graph_store, store_dir  # noqa: F401


def labels(result) -> list[list[str]]:
    return [[m["label"] for m in c["members"]] for c in result["communities"]]


def camp_of(result) -> dict[str, int]:
    return {m["node"]: c["id"] for c in result["communities"] for m in c["members"]}


def graph(*edges, kinds=None) -> nx.Graph:
    """An actor graph from (a, b, [actions]) triples."""
    H = nx.Graph()
    for a, b, actions in edges:
        H.add_edge(a, b, events=[{"action": t} for t in actions], weight=len(actions))
    for node in H:
        H.nodes[node].update(label=node, kind=(kinds or {}).get(node, "armed_group"))
    return H


def test_graph_camps_every_plover_type_has_one_sign():
    assert set(SIGNS) == set(PLOVER_TYPES) == set(load_types())
    assert COOPERATION == {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE"}
    assert CONFLICT == {"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION", "REJECT", "PROTEST"}
    assert {t for t in PLOVER_TYPES if sign(t) == 0} == {"REQUEST", "MOBILIZE", "RETREAT"}


def test_graph_camps_fixture_sides(G):
    """The GNA and the militias against the LNA, not one community with it (as Louvain has them); Haftar's
    membership of the LNA puts him in its camp."""
    result = camps(G)
    assert labels(result)[:2] == [["Angela Merkel", "Antonio Guterres", "Fayez al-Sarraj", "Khalifa Haftar",
                                   "Libyan National Army"],
                                  ["Government of National Accord", "Joint Tripoli Protection Force",
                                   "Misrata militias", "Zawiya militias"]]
    assert result["communities"][0]["cooperation"] == 5  # four CONSULT events and the membership
    where = camp_of(result)
    lna = where[actor("libyan-national-army")]
    assert all(where[actor(a)] != lna for a in ("misrata-militias", "zawiya-militias", "government-of-national-accord"))
    assert where[actor("rapid-support-forces")] != where[actor("sudanese-armed-forces")]
    assert (result["method"], result["frustration"], result["cooperation_across"]) == ("signed", 0.0, 0.0)
    louvain = communities(G)
    assert louvain["method"] == "louvain" and louvain["frustration"] == 1.0  # every conflict event inside a community
    assert camp_of(louvain)[actor("misrata-militias")] == camp_of(louvain)[actor("libyan-national-army")]


def test_graph_camps_cooperation_outweighing_a_clash_keeps_allies_together():
    H = graph(("a", "b", ["COOPERATE", "COOPERATE", "AID", "ASSAULT"]), ("b", "c", ["ASSAULT"]))
    result = camps(H)
    assert labels(result) == [["a", "b"], ["c"]]
    assert (result["communities"][0]["cooperation"], result["communities"][0]["conflict"]) == (3, 1)
    assert result["communities"][0]["frustration"] == 0.25 and result["frustration"] == 0.5


def test_graph_camps_a_ceasefire_does_not_join_enemies():
    """As often fighting as agreeing (a ceasefire between two sides) draws them neither way."""
    H = graph(("army", "rebels", ["ASSAULT", "AGREE"]), ("army", "police", ["COOPERATE"]))
    assert labels(camps(H)) == [["army", "police"], ["rebels"]]


def test_graph_camps_the_enemy_of_an_enemy_but_not_of_a_victim():
    """Two militias fighting one army are one side; two forces that both attack civilians are not."""
    H = graph(("army", "m1", ["ASSAULT"]), ("army", "m2", ["ASSAULT"]), ("m1", "c", ["ASSAULT"]),
              ("x", "c", ["ASSAULT"]), kinds={"c": "civilians"})
    where = {m["label"]: c["id"] for c in camps(H)["communities"] for m in c["members"]}
    assert where["m1"] == where["m2"] != where["army"]
    assert where["x"] != where["m1"] and where["c"] not in (where["m1"], where["x"])


def test_graph_camps_deterministic_and_directed_graphs_alike(G, graph_store):
    from kg.graph.project import actor_digraph

    assert camps(G) == camps(G)
    assert labels(camps(actor_digraph(graph_store))) == labels(camps(G))


def test_graph_camps_summary_of_any_partition():
    H = graph(("a", "b", ["ASSAULT", "ASSAULT", "CONSULT"]), ("b", "c", ["AID"]))
    result = summary(H, {"a": 0, "b": 0, "c": 1})
    assert (result["frustration"], result["cooperation_across"]) == (1.0, 0.5)
    assert result["communities"][0]["frustration"] == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="unknown communities method 'spectral'"):
        partition(H, "spectral")


def test_graph_camps_seeds_keep_the_lna_apart_from_its_attackers(seeded_store):
    """On the seeds the LNA never shares a camp with a party that fights it more than it cooperates."""
    G = actor_graph(seeded_store)
    result = camps(G)
    where = camp_of(result)
    lna = actor("libyan-national-army")
    weights = {v: signed_weights(G.edges[lna, v]["events"]) for v in G[lna]}
    enemies = [v for v, (cooperation, conflict) in weights.items() if conflict > cooperation]
    assert actor("misrata-militias") in enemies and actor("zawiya-militias") in enemies
    assert all(where[e] != where[lna] for e in enemies)
    assert result["frustration"] == 0.0
    assert communities(G)["frustration"] > 0.5  # Louvain puts enemies together


def test_graph_camps_cli(run):  # noqa: F811
    result = run("communities")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "6 camps, frustration 0.0000"
    assert lines[2] == ("  2  (4) Government of National Accord, Joint Tripoli Protection Force, Misrata militias, "
                        "Zawiya militias [3 cooperation, 0 conflict]")
    louvain = run("communities", "--method", "louvain")
    assert louvain.output.splitlines()[0].startswith("3 communities, frustration 1.0000, modularity 0.45")
    data = json.loads(run("communities", "--json").output)
    assert data["method"] == "signed" and data["count"] == 6
    assert run("communities", "--method", "spectral").exit_code == 2


def test_graph_camps_api(mini_server):  # noqa: F811
    def get(**params):
        return requests.get(f"{mini_server.url}/api/communities", params=params, timeout=30)

    signed, louvain = get().json(), get(method="louvain").json()
    assert signed["ok"] and signed["method"] == "signed" and "frustration" in signed
    assert louvain["method"] == "louvain" and "modularity" in louvain
    members = sorted(m["label"] for c in signed["communities"] for m in c["members"])
    assert members == ["Army A", "Council C", "Group D", "Militia B"]
    bad = get(method="spectral")
    assert bad.status_code == 400 and "method must be one of signed, louvain" in bad.json()["detail"]
    edges = requests.get(f"{mini_server.url}/api/network", timeout=30).json()["edges"]
    for e in edges:  # each link's sign mix is its types' signs (kg.graph.signs)
        assert e["cooperation"] == sum(n for t, n in e["types"].items() if t in COOPERATION)
        assert e["conflict"] == sum(n for t, n in e["types"].items() if t in CONFLICT)
        assert e["cooperation"] + e["conflict"] + e["unsigned"] == e["weight"]
    assert sum(e["conflict"] for e in edges) == 3 and sum(e["unsigned"] for e in edges) == 1
