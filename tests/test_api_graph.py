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


def test_api_network_nodes_and_event_edges(mini_server):
    data = get(mini_server, "/api/network").json()
    assert {n["id"]: n["kind"] for n in data["nodes"]} == {
        "army-a": "state_force", "militia-b": "armed_group", "council-c": "international_organisation",
        "group-d": "civilians"}
    assert sorted((e["source"], e["target"], e["type"]) for e in data["edges"]) == [
        ("army-a", "group-d", "COERCE"), ("army-a", "militia-b", "ASSAULT"),
        ("council-c", "militia-b", "REQUEST"), ("militia-b", "army-a", "ACCUSE")]
    scores = {n["id"]: n["score"] for n in data["nodes"]}
    assert scores["militia-b"] == scores["army-a"] > scores["group-d"]


def test_api_network_filtered(mini_server):
    data = get(mini_server, "/api/network", type="COERCE").json()
    assert sorted(n["id"] for n in data["nodes"]) == ["army-a", "group-d"]


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
