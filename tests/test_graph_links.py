"""Issue 13, item 4: memberships, leadership and command as typed links: in the actor dictionary, in
RDF (checked by the shapes, kept with the actors' descriptions), and in every graph question:
paths (each hop says its kind), neighbours, ego networks, camps, the network API and the filters.
"""
from __future__ import annotations

import json
from datetime import date

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import cli
from kg.errors import ValidationError
from kg.extract.dictionary import ActorDictionary, load_dictionary
from kg.graph.camps import camps
from kg.graph.ego import describe_ego, ego
from kg.graph.links import fetch_links
from kg.graph.paths import neighbours, shortest_path
from kg.graph.project import Filters, actor_digraph, actor_graph
from kg.mapping.affiliations import affiliations, forces_owner
from kg.mapping.iris import actor_iri
from kg.mapping.namespaces import CKG, ID
from kg.mapping.to_rdf import graph_from_frames
from kg.model import Actor, Article, EventFrame
from kg.store.validate import validate
from tests.browser.fixtures import make_app


def actor(slug: str) -> str:
    return f"{ID}actor/{slug}"


HAFTAR, LNA, FORCES = actor("khalifa-haftar"), actor("libyan-national-army"), actor("khalifa-haftar-s-forces")
SARRAJ, GNA, MISRATA = actor("fayez-al-sarraj"), actor("government-of-national-accord"), actor("misrata-militias")
TEXT = "Khalifa Haftar's forces shelled Misrata militias near Sirte on Monday, a spokesman for Haftar said."
ARTICLE = Article(id="links-shelling", text=TEXT, published=date(2020, 1, 8))


def frame(**changes) -> EventFrame:
    fields = dict(article_id=ARTICLE.id, action="ASSAULT", cameo="19", trigger="shelled", sentence=TEXT, start=0,
                  end=len(TEXT), trigger_start=24, actor=Actor("Khalifa Haftar's forces", "armed_group"),
                  target=Actor("Misrata militias", "armed_group", "LBY"), date=date(2020, 1, 6), confidence=0.8)
    fields.update(changes)
    return EventFrame(**fields)


def run(store_dir, *args):
    return CliRunner().invoke(cli, [*args, "--store", str(store_dir)], catch_exceptions=False)


def test_graph_links_dictionary_roles():
    d = load_dictionary()
    assert (d.get("Khalifa Haftar").role, d.get("Fayez al-Sarraj").role, d.get("Antony Blinken").role) == (
        "commander", "leader", None)
    assert all(a.affiliation for a in d.actors.values() if a.role)
    with pytest.raises(ValueError, match=r"actors.tsv: X: role 'boss' needs an affiliation and is one of leader"):
        ActorDictionary([{"label": "X", "kind": "person", "affiliation": "Y", "role": "boss"}], [])
    with pytest.raises(ValueError, match=r"actors.tsv: X: role 'leader' needs an affiliation"):
        ActorDictionary([{"label": "X", "kind": "person", "role": "leader"}], [])


def test_graph_links_mapping_writes_command_and_membership():
    d = load_dictionary()
    links = [(s.label, str(p).rsplit("#")[-1], o.label) for s, p, o in affiliations(d.get("Fayez al-Sarraj"), d.get)]
    assert links == [("Fayez al-Sarraj", "memberOf", "Government of National Accord"),
                     ("Fayez al-Sarraj", "leads", "Government of National Accord")]
    assert affiliations(d.get("Antony Blinken"), d.get)[0][1] == CKG.memberOf and \
        len(affiliations(d.get("Antony Blinken"), d.get)) == 1
    assert affiliations(d.get("Khalifa Haftar"), None) == []  # no dictionary, no links
    assert forces_owner(Actor("Haftar’s forces", "armed_group"), d.get) is None  # not a canonical label: no guess
    g = graph_from_frames([frame()], ARTICLE, actors=d.get)
    haftar, forces, lna = URIRef(HAFTAR), URIRef(FORCES), URIRef(LNA)
    assert actor_iri(Actor("Khalifa Haftar's forces", "armed_group")) == forces
    assert set(g.predicate_objects(haftar)) >= {(CKG.commands, forces), (CKG.commands, lna), (CKG.memberOf, lna)}
    assert (lna, CKG.kind, None) in g  # every linked actor is described in the same graph
    validate(g)


def test_graph_links_shapes_want_linked_actors_described():
    g = graph_from_frames([frame()], ARTICLE, actors=load_dictionary().get)
    g.add((URIRef(actor("misrata-militias")), CKG.commands, URIRef(actor("nobody"))))
    with pytest.raises(ValidationError, match="The ckg:commands of an actor must be a ckg:Actor"):
        validate(g)
    g = graph_from_frames([frame()], ARTICLE, actors=load_dictionary().get)
    g.add((URIRef(actor("misrata-militias")), CKG.leads, URIRef(actor("nobody"))))
    with pytest.raises(ValidationError, match="The ckg:leads of an actor must be a ckg:Actor"):
        validate(g)


def test_graph_links_seeds_path_goes_through_the_command(seeded_store_dir):
    """The issue's example: Misrata militias to Khalifa Haftar through the LNA he commands, not through
    the UN Secretary-General."""
    result = run(seeded_store_dir, "path", "Misrata militias", "Khalifa Haftar")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Path 1: Misrata militias → Libyan National Army → Khalifa Haftar (2 hops)"
    assert lines[-1] == ("  Libyan National Army — Khalifa Haftar: Khalifa Haftar commands Libyan National Army "
                         "(command)")
    assert "Guterres" not in result.output
    (path,) = json.loads(run(seeded_store_dir, "path", "Khalifa Haftar", "Misrata militias", "--json").output)
    assert [(hop["target_label"], hop["kind"]) for hop in path["hops"]] == [
        ("Libyan National Army", "command"), ("Misrata militias", "event")]
    assert "ASSAULT" in path["hops"][1]["types"] and path["hops"][0]["events"] == []


def test_graph_links_seeds_neighbours_ego_and_camps(seeded_store):
    G = actor_graph(seeded_store)
    rows = {r["node"]: r["links"] for r in neighbours(G, "Khalifa Haftar")}
    assert rows[LNA] == ["command"] and rows[FORCES] == ["command"]
    assert all(kinds == ["event"] for node, kinds in rows.items() if node not in (LNA, FORCES))
    edges = {(e["source"], e["target"]): e["kinds"] for e in describe_ego(ego(G, "Haftar"))["edges"]}
    assert edges[(HAFTAR, LNA)] == ["command"]
    assert neighbours(G, "Fayez al-Sarraj")[0]["node"] is not None
    assert {r["node"]: r["links"] for r in neighbours(G, "Sarraj")}[GNA][0] == "leadership"
    result = camps(G)
    where = {m["node"]: c["id"] for c in result["communities"] for m in c["members"]}
    assert where[HAFTAR] == where[LNA] != where[MISRATA]  # a commander and his army are one side
    assert result["frustration"] == 0.0


def test_graph_links_network_api_styles_links_apart(seeded_store):
    client = make_app(seeded_store).test_client()
    edges = client.get("/api/network").get_json()["edges"]
    links = {frozenset((e["source"], e["target"])): e for e in edges if e["links"]}
    assert links[frozenset(("khalifa-haftar", "libyan-national-army"))]["links"] == ["command"]
    assert "leadership" in links[frozenset(("fayez-al-sarraj", "government-of-national-accord"))]["links"]
    for e in edges:  # a typed link is one cooperation, and counts in the weight
        assert e["cooperation"] >= len(e["links"]) and e["weight"] == len(e["events"]) + len(e["links"])
    paths = client.get("/api/paths", query_string={"source": "Misrata militias", "target": "Khalifa Haftar",
                                                   "k": 1}).get_json()["paths"]
    assert [hop["kind"] for hop in paths[0]["hops"]] == ["event", "command"]


def test_graph_links_join_only_the_actors_a_projection_keeps(seeded_store):
    assert not actor_graph(seeded_store, Filters(types=("ASSAULT",))).has_node(HAFTAR)  # he attacked no one
    G = actor_graph(seeded_store, Filters(types=("ASSAULT", "CONSULT")))
    assert G.edges[HAFTAR, LNA]["links"] == [{"kind": "command", "source": HAFTAR, "target": LNA}]
    assert fetch_links(seeded_store, {HAFTAR}) == []  # one end alone: no link
    D = actor_digraph(seeded_store)
    assert D.edges[HAFTAR, LNA]["links"][0]["kind"] == "command" and not D.has_edge(LNA, HAFTAR)
    assert shortest_path(D, "Misrata militias", "LNA")["length"] == 1
    with pytest.raises(nx.NetworkXNoPath):  # directed: actor to target, leader to led; no way back to Haftar
        shortest_path(D, "Misrata militias", "Khalifa Haftar")


def test_graph_links_leave_with_the_last_article_saying_them(seeded_store):
    """A link is part of an actor's description: it stays while an article says it and goes with the last."""
    def says(subject, prop, obj) -> bool:
        return bool(seeded_store.select(f"SELECT * WHERE {{ <{subject}> <{prop}> <{obj}> }}"))

    assert says(HAFTAR, CKG.commands, FORCES) and says(HAFTAR, CKG.commands, LNA)
    uses = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?e <{CKG.actor}>|<{CKG.target}> <{FORCES}> }} }}"
    holder = [r["g"] for r in seeded_store.select(uses)]
    assert len(holder) == 1
    assert seeded_store.delete_article(holder[0])
    assert not says(HAFTAR, CKG.commands, FORCES)  # only that article named Haftar's forces
    assert says(HAFTAR, CKG.commands, LNA)  # other articles still name Haftar


def test_graph_links_acled_faction_is_led_by_its_namesake(tmp_path):
    """ACLED's "… (2014-) X Faction" is the force X heads: X leads it, or commands it when the dictionary says so."""
    from kg.importers.acled import read_acled
    from kg.importers.records import graph_from_records

    path = tmp_path / "factions.csv"
    path.write_text("event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,country\n"
                    "LBY1,2020-05-01,Battles,Armed clash,Military Forces of Libya (2014-) Khaled Haftar Faction,1,"
                    "Military Forces of Libya (2016-) Government of National Accord,1,Libya\n"
                    "LBY2,2020-05-02,Battles,Armed clash,Military Forces of Libya (2014-) Haftar Faction,1,,,Libya\n",
                    encoding="utf-8")
    records = [record for _file, _line, record in read_acled(path)]
    assert [(leader.label, party.label) for r in records for leader, party in r.leaders] == [
        ("Khaled Haftar", "Libyan National Army"), ("Khalifa Haftar", "Libyan National Army")]
    g = graph_from_records(records, source="acled", name="factions.csv", actors=load_dictionary().get)
    validate(g)
    khaled = URIRef(actor("khaled-haftar"))
    assert set(g.predicate_objects(khaled)) >= {(CKG.leads, URIRef(LNA)), (CKG.memberOf, URIRef(LNA))}
    assert (URIRef(HAFTAR), CKG.commands, URIRef(LNA)) in g and (URIRef(HAFTAR), CKG.leads, URIRef(LNA)) not in g


def test_graph_links_actor_page_says_whom_he_commands(seeded_store):
    client = make_app(seeded_store).test_client()
    found = client.get("/api/actors/khalifa-haftar").get_json()["actor"]
    assert [m["label"] for m in found["commands"]] == ["Khalifa Haftar's forces", "Libyan National Army"]
    assert [m["label"] for m in found["member_of"]] == ["Libyan National Army"] and found["leads"] == []
    page = client.get("/actors/khalifa-haftar").get_data(as_text=True)
    assert "<dt>commands</dt>" in page and "<dt>member of</dt>" in page
    sarraj = client.get("/api/actors/fayez-al-sarraj").get_json()["actor"]
    assert [m["label"] for m in sarraj["leads"]] == ["Government of National Accord"]
