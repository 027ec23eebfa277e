"""Exports: GEXF 1.3 valid against the official schema (every file written here), determinism,
GraphML round trip, node-link JSON, Gephi CSV tables."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from kg.graph.ego import ego
from kg.graph.export import to_csv, to_csv_zip, to_gexf, to_graphml, to_json
from kg.graph.gexf import GEXF_NS, PALETTE, VIZ_NS
from kg.graph.project import Filters, actor_digraph, actor_graph
from kg.store import open_store

from .test_graph_fixtures import FILES, G, actor, graph_store, load_articles  # noqa: F401

SCHEMA = Path(__file__).parent / "schema" / "gexf-1.3" / "gexf.rng"
NS = {"g": GEXF_NS, "viz": VIZ_NS}
PINNED = date(2024, 1, 1)


def valid_gexf(data: bytes) -> etree._Element:
    """Parse GEXF bytes and assert they conform to the GEXF 1.3 RELAX NG schema."""
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    doc = etree.fromstring(data)
    assert schema.validate(doc), schema.error_log
    return doc


def node(doc, iri: str):
    return doc.find(f".//g:node[@id='{iri}']", NS)


def attvalue(element, doc, cls: str, title: str):
    ids = {a.get("title"): a.get("id") for a in doc.findall(f".//g:attributes[@class='{cls}']/g:attribute", NS)}
    found = element.find(f"g:attvalues/g:attvalue[@for='{ids[title]}']", NS)
    return None if found is None else found.get("value")


def test_graph_export_gexf_static_is_valid_and_complete(G):
    doc = valid_gexf(to_gexf(G, today=PINNED))
    assert doc.get("version") == "1.3" and doc.find("g:meta", NS).get("lastmodifieddate") == "2024-01-01"
    graph = doc.find("g:graph", NS)
    assert graph.get("defaultedgetype") == "undirected" and graph.get("mode") is None
    assert graph.find("g:nodes", NS).get("count") == "13" and graph.find("g:edges", NS).get("count") == "15"
    lna = node(doc, actor("libyan-national-army"))
    assert lna.get("label") == "Libyan National Army"
    assert attvalue(lna, doc, "node", "kind") == "state_force" and attvalue(lna, doc, "node", "event_count") == "8"
    color = lna.find("viz:color", NS)
    assert (int(color.get("r")), int(color.get("g")), int(color.get("b"))) == PALETTE["state_force"]
    assert float(lna.find("viz:size", NS).get("value")) == 50.0  # the highest PageRank
    edge = doc.find(f".//g:edge[@source='{actor('government-of-national-accord')}']"
                    f"[@target='{actor('libyan-national-army')}']", NS)
    assert edge.get("weight") == "2" and attvalue(edge, doc, "edge", "types") == "ASSAULT; MOBILIZE"
    assert attvalue(edge, doc, "edge", "first_date") == "2019-04-07" and attvalue(edge, doc, "edge", "links") is None
    member = doc.find(f".//g:edge[@source='{actor('khalifa-haftar')}'][@target='{actor('libyan-national-army')}']", NS)
    assert member.get("weight") == "1" and attvalue(member, doc, "edge", "links") == "membership"
    assert (attvalue(member, doc, "edge", "events"), attvalue(member, doc, "edge", "types")) == ("0", None)


def test_graph_export_gexf_dynamic_has_spells(G):
    doc = valid_gexf(to_gexf(G, dynamic=True, today=PINNED))
    graph = doc.find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    haftar = node(doc, actor("khalifa-haftar"))
    assert [(s.get("start"), s.get("end")) for s in haftar.findall("g:spells/g:spell", NS)] == [
        ("2019-04-04", "2019-04-04"), ("2019-04-05", "2019-04-05"), ("2020-01-19", "2020-01-19")]
    edge = doc.find(f".//g:edge[@source='{actor('rapid-support-forces')}']", NS)
    assert [s.get("start") for s in edge.findall("g:spells/g:spell", NS)] == ["2023-04-15", "2023-04-16"]
    unsc = doc.find(f".//g:edge[@source='{actor('libyan-national-army')}'][@target='{actor('un-security-council')}']", NS)
    assert unsc.find("g:spells", NS) is None  # its only event is undated: always shown


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_graph_export_gexf_directed_ego_and_empty_are_valid(graph_store, G, dynamic):
    D = actor_digraph(graph_store)
    doc = valid_gexf(to_gexf(D, dynamic=dynamic, today=PINNED))
    assert doc.find("g:graph", NS).get("defaultedgetype") == "directed"
    valid_gexf(to_gexf(ego(G, "Haftar", radius=1), dynamic=dynamic, today=PINNED))
    valid_gexf(to_gexf(actor_graph(graph_store, Filters(date_from="2030-01-01")), dynamic=dynamic, today=PINNED))


def test_graph_export_gexf_escapes_markup_in_names(graph_store):
    H = nx.Graph()
    H.add_node("https://example.org/a?x=1&y=<2>", label='The "A" & <B> group', kind="armed_group",
               aliases=["a;b"], event_count=1, dates=["2020-01-01"])
    H.add_node("https://example.org/b", label="B", kind=None, aliases=[], event_count=1, dates=[])
    H.add_edge("https://example.org/a?x=1&y=<2>", "https://example.org/b", weight=1, types=["AID"],
               events=[{"event": "e", "date": "2020-01-01"}])
    doc = valid_gexf(to_gexf(H, dynamic=True, today=PINNED))
    assert doc.find("g:graph/g:nodes/g:node", NS).get("label") == 'The "A" & <B> group'


def test_graph_export_gexf_same_store_same_bytes(graph_store, G, tmp_path):
    other = open_store(str(tmp_path / "reversed"))
    load_articles(other, list(reversed(FILES)))
    for dynamic in (False, True):
        first = to_gexf(G, dynamic=dynamic, today=PINNED)
        again = to_gexf(actor_graph(graph_store), dynamic=dynamic, today=PINNED)
        reversed_order = to_gexf(actor_graph(other), dynamic=dynamic, today=PINNED)
        valid_gexf(first)
        assert first == again == reversed_order
    other.close()
    assert f'lastmodifieddate="{date.today().isoformat()}"'.encode() in valid_gexf_bytes(to_gexf(G))


def valid_gexf_bytes(data: bytes) -> bytes:
    valid_gexf(data)
    return data


def test_graph_export_graphml_round_trip(G):
    data = to_graphml(G)
    assert to_graphml(G) == data
    H = nx.read_graphml(io.BytesIO(data))
    assert sorted(H.nodes) == sorted(G.nodes) and H.number_of_edges() == G.number_of_edges()
    lna = H.nodes[actor("libyan-national-army")]
    assert lna["label"] == "Libyan National Army" and lna["event_count"] == 8
    assert lna["aliases"] == "Haftar’s forces; Haftar’s troops; LNA" and "country" not in H.nodes[actor("antonio-guterres")]
    edge = H.edges[actor("government-of-national-accord"), actor("libyan-national-army")]
    original = G.edges[actor("government-of-national-accord"), actor("libyan-national-army")]
    assert edge["weight"] == 2 and edge["types"] == "ASSAULT; MOBILIZE"
    assert json.loads(edge["events"]) == json.loads(json.dumps(original["events"]))


def test_graph_export_graphml_directed_and_ego(graph_store, G):
    D = nx.read_graphml(io.BytesIO(to_graphml(actor_digraph(graph_store))))
    assert D.is_directed() and D.number_of_edges() == 17
    E = nx.read_graphml(io.BytesIO(to_graphml(ego(G, "Haftar"))))
    assert (E.graph["center"], E.graph["radius"]) == (actor("khalifa-haftar"), 1)


def test_graph_export_json_node_link(G):
    data = to_json(G)
    assert json.loads(json.dumps(data)) == data
    assert len(data["nodes"]) == 13 and len(data["edges"]) == 15 and data["directed"] is False
    member = next(e for e in data["edges"] if e.get("links"))
    assert member["links"] == [{"kind": "membership", "source": actor("khalifa-haftar"),
                                "target": actor("libyan-national-army")}] and member["events"] == []
    lna = next(n for n in data["nodes"] if n["id"] == actor("libyan-national-army"))
    assert lna["aliases"] == ["Haftar’s forces", "Haftar’s troops", "LNA"]
    assert nx.node_link_graph(data, edges="edges").edges[
        actor("zawiya-militias"), actor("libyan-national-army")]["types"] == ["COERCE"]


def test_graph_export_csv_tables_for_gephi(G):
    tables = to_csv(G)
    nodes = list(csv.reader(io.StringIO(tables["nodes.csv"])))
    edges = list(csv.reader(io.StringIO(tables["edges.csv"])))
    assert nodes[0] == ["Id", "Label", "kind", "country", "aliases", "event_count", "centrality", "first_date",
                        "last_date", "sources", "fatalities"]
    assert edges[0] == ["Source", "Target", "Type", "Weight", "types", "events", "first_date", "last_date", "sources",
                        "fatalities", "links"]
    assert len(nodes) == 14 and len(edges) == 16 and {row[2] for row in edges[1:]} == {"Undirected"}
    gna_lna = next(r for r in edges if r[:2] == [actor("government-of-national-accord"), actor("libyan-national-army")])
    assert gna_lna[3:] == ["2", "ASSAULT; MOBILIZE", "https://w3id.org/conflict-kg/id/event/e7; "
                           "https://w3id.org/conflict-kg/id/event/e10", "2019-04-07", "2019-04-07", "extracted", "", ""]
    member = next(r for r in edges if r[:2] == [actor("khalifa-haftar"), actor("libyan-national-army")])
    assert member[3:] == ["1", "", "", "", "", "", "", "membership"]


def test_graph_export_csv_zip_is_deterministic(graph_store, G):
    data = to_csv_zip(G)
    assert to_csv_zip(actor_graph(graph_store)) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["nodes.csv", "edges.csv"]
        assert archive.read("edges.csv").decode() == to_csv(G)["edges.csv"]
    directed = to_csv(actor_digraph(graph_store))["edges.csv"]
    assert ",Directed," in directed and ",Undirected," not in directed
