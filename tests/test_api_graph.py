"""Graph endpoints and exports over HTTP, against the mini store (exact answers)."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest
import requests
from rdflib import Dataset, Graph

from tests.browser.fixtures import mini_server  # noqa: F401


def get(server, path, **params):
    return requests.get(server.url + path, params=params, timeout=30)


def test_api_network_one_link_per_pair_with_its_sign_mix(mini_server):
    data = get(mini_server, "/api/network").json()
    assert {n["id"]: n["kind"] for n in data["nodes"]} == {
        "army-a": "state_force", "militia-b": "armed_group", "council-c": "international_organisation",
        "group-d": "civilians"}
    links = {tuple(sorted((e["source"], e["target"]))): e for e in data["edges"]}
    assert sorted(links) == [("army-a", "group-d"), ("army-a", "militia-b"), ("council-c", "militia-b")]
    pair = links[("army-a", "militia-b")]  # A shelled B, B accused A: one link of two conflict events
    assert (pair["weight"], pair["conflict"], pair["cooperation"], pair["unsigned"]) == (2, 2, 0, 0)
    assert pair["types"] == {"ACCUSE": 1, "ASSAULT": 1}
    assert pair["events"] == [["2019-04-05", "ASSAULT"], ["2019-04-06", "ACCUSE"]] and pair["undated"] == 0
    request = links[("council-c", "militia-b")]
    assert request["events"] == [[None, "REQUEST"]] and request["undated"] == 1 and request["unsigned"] == 1
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["militia-b"]["undated"] == 1 and nodes["militia-b"]["dates"] == ["2019-04-05", "2019-04-06"]
    assert nodes["militia-b"]["score"] > nodes["group-d"]["score"]
    assert [n["id"] for n in data["nodes"]][:2] == ["army-a", "militia-b"]  # best first; a tie goes by label
    assert data["counts"] == {"actors": 4, "links": 3, "nodes": 4, "edges": 3} and data["directed"] is False


def test_api_network_is_gzipped_when_asked(mini_server):
    plain = requests.get(mini_server.url + "/api/network", headers={"Accept-Encoding": "identity"}, timeout=30)
    packed = requests.get(mini_server.url + "/api/network", headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert "Content-Encoding" not in plain.headers and packed.headers["Content-Encoding"] == "gzip"
    assert packed.json() == plain.json() and "Accept-Encoding" in packed.headers["Vary"]


def test_api_network_directed_keeps_ordered_pairs(mini_server):
    data = get(mini_server, "/api/network", directed="true").json()
    assert sorted((e["source"], e["target"], e["weight"]) for e in data["edges"]) == [
        ("army-a", "group-d", 1), ("army-a", "militia-b", 1), ("council-c", "militia-b", 1), ("militia-b", "army-a", 1)]
    assert data["directed"] is True


def test_api_network_filtered(mini_server):
    data = get(mini_server, "/api/network", type="COERCE").json()
    assert sorted(n["id"] for n in data["nodes"]) == ["army-a", "group-d"]


@pytest.mark.parametrize("query, nodes", [
    ({"min_weight": 2}, ["army-a", "militia-b"]),
    ({"top": 2}, ["army-a", "militia-b"]),
    ({"top": 1, "metric": "weighted-degree", "type": "ASSAULT,ACCUSE,REQUEST"}, ["militia-b"]),
    ({"ego": "Council C"}, ["council-c", "militia-b"]),
    ({"ego": "council-c", "radius": 2}, ["army-a", "council-c", "militia-b"]),
    ({"ego": "Group D", "min_weight": 2}, ["group-d"]),
], ids=["min-weight", "top", "top-weighted", "ego", "ego-radius", "ego-kept-alone"])
def test_api_network_narrowed(mini_server, query, nodes):
    data = get(mini_server, "/api/network", **query).json()
    assert sorted(n["id"] for n in data["nodes"]) == nodes
    kept = set(nodes)
    assert all(e["source"] in kept and e["target"] in kept for e in data["edges"])
    assert data["counts"]["nodes"] == len(nodes) <= data["counts"]["actors"]


@pytest.mark.parametrize("query, word", [
    ({"min_weight": "0"}, "min_weight"), ({"top": "many"}, "top"), ({"metric": "fame"}, "metric"),
    ({"directed": "maybe"}, "directed"), ({"radius": "9"}, "radius"), ({"colour": "red"}, "colour"),
    ({"from": "2020-02-30"}, "2020-02-30"), ({"type": "SHELL"}, "SHELL"),
], ids=["min-weight", "top", "metric", "directed", "radius", "unknown", "date", "type"])
def test_api_network_bad_parameters_are_400(mini_server, query, word):
    response = get(mini_server, "/api/network", **query)
    body = response.json()
    assert response.status_code == 400 and body["ok"] is False and body["status"] == 400
    assert word in body["detail"]


def test_api_network_unknown_ego_is_404_with_suggestions(mini_server):
    response = get(mini_server, "/api/network", ego="Army Z")
    body = response.json()
    assert response.status_code == 404 and "Army Z" in body["detail"] and "Army A" in body["suggestions"]


@pytest.mark.parametrize("source, target", [("Council C", "Group D"), ("council-c", "group-d"),
                                            ("https://w3id.org/conflict-kg/id/actor/council-c", "Group D")],
                         ids=["labels", "ids", "iri"])
def test_api_paths(mini_server, source, target):
    data = get(mini_server, "/api/paths", source=source, target=target, k=2).json()
    assert data["ok"] is True
    assert data["paths"][0]["nodes"] == ["council-c", "militia-b", "army-a", "group-d"]
    assert data["paths"][0]["length"] == 3
    assert [e["action"] for e in data["paths"][0]["hops"][0]["events"]] == ["REQUEST"]


def test_api_paths_unknown_actor_suggests(mini_server):
    response = get(mini_server, "/api/paths", source="Zebra Brigade", target="Group D")
    body = response.json()
    assert response.status_code == 404 and body["ok"] is False
    assert "Zebra Brigade" in body["detail"] and isinstance(body["suggestions"], list)


def test_api_paths_needs_both_ends(mini_server):
    response = get(mini_server, "/api/paths", source="Army A")
    assert response.status_code == 400 and "target" in response.json()["detail"]


def test_api_neighbours(mini_server):
    data = get(mini_server, "/api/neighbours", actor="Army A").json()
    assert [(n["id"], n["distance"]) for n in data["neighbours"]] == [("group-d", 1), ("militia-b", 1)]
    two = get(mini_server, "/api/neighbours", actor="Army A", hops=2).json()
    assert [n["id"] for n in two["neighbours"]][-1] == "council-c"


@pytest.mark.parametrize("metric", ["degree", "weighted-degree", "betweenness", "eigenvector", "pagerank"])
def test_api_centrality(mini_server, metric):
    data = get(mini_server, "/api/centrality", metric=metric, top=2).json()
    assert data["ok"] is True and data["metric"] == metric and len(data["top"]) == 2
    assert {row["id"] for row in data["top"]} <= {"army-a", "militia-b"}


def test_api_centrality_bad_metric(mini_server):
    assert get(mini_server, "/api/centrality", metric="fame").status_code == 400


def test_api_communities(mini_server):
    data = get(mini_server, "/api/communities").json()
    members = sorted(m["label"] for c in data["communities"] for m in c["members"])
    assert data["ok"] is True and members == ["Army A", "Council C", "Group D", "Militia B"]


def test_api_export_gexf_and_graphml_read_back(mini_server):
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        response = get(mini_server, f"/api/export/{fmt}")
        assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
        graph = reader(io.BytesIO(response.content))
        assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 3


def test_api_export_json_and_csv(mini_server):
    data = get(mini_server, "/api/export/json", type="ASSAULT").json()
    assert len(data["nodes"]) == 2 and len(data["edges"]) == 1
    archive = zipfile.ZipFile(io.BytesIO(get(mini_server, "/api/export/csv").content))
    names = archive.namelist()
    assert any(n.startswith("nodes") for n in names) and any(n.startswith("edges") for n in names)
    nodes = list(csv.DictReader(io.StringIO(archive.read(next(n for n in names if n.startswith("nodes"))).decode())))
    assert len(nodes) == 4


def test_api_export_bipartite(mini_server):
    data = get(mini_server, "/api/export/json", graph="actor-event").json()
    assert len(data["nodes"]) == 8


def test_api_export_rdf_dumps(mini_server):
    nquads = get(mini_server, "/api/export/nquads")
    dataset = Dataset()
    dataset.parse(data=nquads.content, format="nquads")
    # the 83 distinct triples of mini.trig (88 with the actors and places both articles describe),
    # a content hash per article and a prov:wasDerivedFrom per description an article uses (7)
    assert len(list(dataset.quads((None, None, None, None)))) == 83 + 2 + 7
    turtle = get(mini_server, "/api/export/turtle", article="beta")
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    beta = Graph().parse(data=turtle.content, format="turtle")
    assert len(beta) == 17  # the beta graph (its article and event, content hash included): 30 + 1 less its
    # actors' and places' descriptions, which are in graphs of their own


def test_api_export_unknown_format(mini_server):
    response = get(mini_server, "/api/export/pdf")
    assert response.status_code == 404 and "gexf" in response.json()["detail"]
