"""Network exports of every projection: GraphML key ids unique, actor–event GEXF and CSV keep the
event attributes and the edge roles, GEXF `events` counts as in the projection, and the API and
`kg export` give the same bytes as the exporters."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter

import networkx as nx
import pytest
from lxml import etree

from kg.graph.export import to_csv, to_csv_zip, to_gexf, to_graphml
from kg.graph.gexf import node_sources
from kg.graph.project import actor_digraph, actor_event_graph, actor_graph
from tests.browser.fixtures import make_app

from .test_graph_cli import graph_cli
from .test_graph_export import NS, PINNED, attvalue, valid_gexf
from .test_graph_fixtures import graph_store, store_dir  # noqa: F401

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
PROJECTIONS = {"actor": actor_graph, "directed": actor_digraph, "bipartite": actor_event_graph}
EVENT_ATTRS = ("action", "date", "place", "place_label", "article", "sentence", "source", "fatalities")


def event_nodes(B: nx.Graph) -> list:
    return [n for n, d in B.nodes(data=True) if d.get("bipartite") == 1]


def expected_events(data: dict) -> int:
    """How many distinct events the projection puts on an edge (one for an actor–event edge)."""
    if "role" in data:
        return 1
    return len({e["event"] for e in data["events"]})


@pytest.fixture
def hand_built() -> nx.Graph:
    """A bipartite graph by hand: one event with a stated death toll, an actor in both roles."""
    B = nx.Graph()
    B.add_node("a", bipartite=0, label="A", kind="armed_group", country="SDN", aliases=[], event_count=2,
               dates=["2023-04-15"])
    B.add_node("b", bipartite=0, label="B", kind="state_force", country="SDN", aliases=["Bee"], event_count=1,
               dates=["2023-04-15"])
    B.add_node("e1", bipartite=1, label="ASSAULT 2023-04-15", action="ASSAULT", date="2023-04-15", place="p",
               place_label="Khartoum", article="art", sentence="A attacked B.", source="acled", fatalities=7)
    B.add_node("e2", bipartite=1, label="MOBILIZE undated", action="MOBILIZE", date=None, place=None,
               place_label=None, article="art", sentence="A mobilised.", source="extracted", fatalities=None)
    B.add_edges_from([("a", "e1", {"role": "actor"}), ("b", "e1", {"role": "target"}), ("a", "e2", {"role": "both"})])
    return B


@pytest.mark.parametrize("kind", list(PROJECTIONS))
def test_export_graphml_key_ids_are_unique_and_read_back(graph_store, kind):
    G = PROJECTIONS[kind](graph_store)
    data = to_graphml(G)
    root = etree.fromstring(data)
    keys = root.findall(f"{GRAPHML}key")
    ids = Counter(k.get("id") for k in keys)
    assert [i for i, n in ids.items() if n > 1] == []
    scope = {k.get("id"): k.get("for") for k in keys}
    for element in root.iter(f"{GRAPHML}data"):
        assert scope[element.get("key")] == etree.QName(element.getparent()).localname  # each value names its key
    H = nx.read_graphml(io.BytesIO(data))
    sources = node_sources(G)
    assert {n: H.nodes[n].get("sources") for n in H} == {n: "; ".join(s) or None for n, s in sources.items()}
    for u, v, d in G.edges(data=True):
        if d.get("events"):
            assert H.edges[u, v]["sources"] == "; ".join(sorted({e["source"] for e in d["events"]}))
        elif "events" in d:  # a membership, leadership or command only
            assert "sources" not in H.edges[u, v] and d["links"]
        else:
            assert H.edges[u, v]["role"] == d["role"]
        if d.get("links"):
            assert json.loads(H.edges[u, v]["links"]) == d["links"]
    for n in event_nodes(G):
        assert {a: H.nodes[n].get(a) for a in EVENT_ATTRS} == {a: G.nodes[n][a] for a in EVENT_ATTRS}


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_export_gexf_bipartite_keeps_event_attributes_and_roles(graph_store, dynamic):
    B = actor_event_graph(graph_store)
    doc = valid_gexf(to_gexf(B, dynamic=dynamic, today=PINNED))
    events = event_nodes(B)
    assert len(events) == 22
    for n in events:
        element = doc.find(f".//g:node[@id='{n}']", NS)
        data = B.nodes[n]
        assert element.get("label") == data["label"]
        got = {a: attvalue(element, doc, "node", a) for a in (*EVENT_ATTRS, "bipartite")}
        assert got == {a: None if data[a] is None else str(data[a]) for a in (*EVENT_ATTRS, "bipartite")}
        spells = [s.get("start") for s in element.findall("g:spells/g:spell", NS)]
        assert spells == ([data["date"]] if dynamic and data["date"] else [])
    for element in doc.findall(".//g:edge", NS):
        u, v = element.get("source"), element.get("target")
        event = u if B.nodes[u]["bipartite"] == 1 else v
        assert attvalue(element, doc, "edge", "role") == B.edges[u, v]["role"]
        assert attvalue(element, doc, "edge", "types") == B.nodes[event]["action"]
        assert attvalue(element, doc, "edge", "first_date") == B.nodes[event]["date"]
    actor = doc.find(".//g:node[@id='https://w3id.org/conflict-kg/id/actor/libyan-national-army']", NS)
    assert attvalue(actor, doc, "node", "bipartite") == "0" and attvalue(actor, doc, "node", "sources") == "extracted"


def test_export_gexf_bipartite_hand_built_graph(hand_built):
    doc = valid_gexf(to_gexf(hand_built, dynamic=True, today=PINNED))
    e1 = doc.find(".//g:node[@id='e1']", NS)
    assert (attvalue(e1, doc, "node", "fatalities"), attvalue(e1, doc, "node", "source")) == ("7", "acled")
    assert attvalue(doc.find(".//g:node[@id='e2']", NS), doc, "node", "date") is None
    roles = {(e.get("source"), e.get("target")): attvalue(e, doc, "edge", "role") for e in doc.findall(".//g:edge", NS)}
    assert roles == {("a", "e1"): "actor", ("a", "e2"): "both", ("b", "e1"): "target"}
    a_e1 = doc.find(".//g:edge[@source='a'][@target='e1']", NS)
    assert (attvalue(a_e1, doc, "edge", "events"), attvalue(a_e1, doc, "edge", "fatalities")) == ("1", "7")
    assert attvalue(doc.find(".//g:node[@id='a']", NS), doc, "node", "sources") == "acled; extracted"


@pytest.mark.parametrize("kind", list(PROJECTIONS))
def test_export_gexf_events_count_matches_projection(graph_store, kind):
    G = PROJECTIONS[kind](graph_store)
    doc = valid_gexf(to_gexf(G, today=PINNED))
    edges = doc.findall(".//g:edge", NS)
    assert len(edges) == G.number_of_edges()
    for element in edges:
        u, v = element.get("source"), element.get("target")
        data = G.edges[u, v]
        count = int(attvalue(element, doc, "edge", "events") or 0)
        links = [link["kind"] for link in data.get("links", ())]
        assert count == expected_events(data) and count + len(links) == int(float(element.get("weight")))
        assert attvalue(element, doc, "edge", "links") == ("; ".join(links) or None)
    assert kind == "bipartite" or any(attvalue(e, doc, "edge", "links") == "membership" for e in edges)  # Haftar, LNA


def test_export_csv_bipartite_keeps_event_attributes_and_roles(graph_store):
    B = actor_event_graph(graph_store)
    tables = to_csv(B)
    nodes = {row["Id"]: row for row in csv.DictReader(io.StringIO(tables["nodes.csv"]))}
    assert set(nodes) == set(B)
    for n in event_nodes(B):
        data = B.nodes[n]
        assert {a: nodes[n][a] for a in EVENT_ATTRS if a != "source"} == {
            a: "" if data[a] is None else str(data[a]) for a in EVENT_ATTRS if a != "source"}
        assert (nodes[n]["sources"], nodes[n]["bipartite"], nodes[n]["first_date"]) == (
            data["source"], "1", data["date"] or "")
    edges = list(csv.DictReader(io.StringIO(tables["edges.csv"])))
    assert len(edges) == B.number_of_edges() == 41
    for row in edges:
        u, v = row["Source"], row["Target"]
        event = u if B.nodes[u]["bipartite"] == 1 else v
        assert row["role"] == B.edges[u, v]["role"]
        assert (row["events"], row["types"], row["Weight"]) == (event, B.nodes[event]["action"], "1")
    assert Counter(row["role"] for row in edges) == {"actor": 22, "target": 19}


def test_export_csv_bipartite_hand_built_graph(hand_built):
    rows = csv.DictReader(io.StringIO(to_csv(hand_built)["edges.csv"]))
    edges = {(r["Source"], r["Target"]): r for r in rows}
    assert {k: r["role"] for k, r in edges.items()} == {("a", "e1"): "actor", ("b", "e1"): "target",
                                                         ("a", "e2"): "both"}
    assert (edges["a", "e1"]["fatalities"], edges["a", "e1"]["sources"], edges["a", "e2"]["first_date"]) == (
        "7", "acled", "")


def without_date(data: bytes) -> bytes:
    """GEXF bytes with ``lastmodifieddate`` (today) blanked."""
    return re.sub(rb'lastmodifieddate="[0-9-]+"', b'lastmodifieddate=""', data)


def test_export_api_and_cli_give_the_exporters_bytes(graph_store, store_dir, monkeypatch):
    client = make_app(graph_store).test_client()
    run = graph_cli(store_dir, monkeypatch)
    writers = {"gexf": lambda G: to_gexf(G), "graphml": to_graphml, "csv": to_csv_zip}
    for kind in ("actor", "actor-event"):
        G = actor_graph(graph_store) if kind == "actor" else actor_event_graph(graph_store)
        for fmt, write in writers.items():
            response = client.get(f"/api/export/{fmt}", query_string={"graph": kind})
            assert response.status_code == 200, response.get_data(as_text=True)
            assert without_date(response.data) == without_date(write(G)), (kind, fmt)
            if kind == "actor":
                result = run("export", "--format", fmt)
                assert result.exit_code == 0, result.output
                assert without_date(result.stdout_bytes) == without_date(response.data), fmt
        gexf = valid_gexf(client.get("/api/export/gexf", query_string={"graph": kind}).data)
        titles = {a.get("title") for a in gexf.findall(".//g:attributes[@class='edge']/g:attribute", NS)}
        assert ("role" in titles) == (kind == "actor-event")
        with zipfile.ZipFile(io.BytesIO(client.get("/api/export/csv", query_string={"graph": kind}).data)) as archive:
            header = archive.read("edges.csv").decode().splitlines()[0].split(",")
            assert ("role" in header) == (kind == "actor-event")
