"""Issue 13, item 3: every party of a joint act is an actor of its own, in the store, the projections,
the exports, the JSON API, `kg events`, `kg path` and the ACLED importer's associated actors; a
name that is part of several labels gives candidates, not a bare "unknown actor".

The article is the team's own text, read by the real pipeline (spaCy, the rules, the store).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.config import Settings
from kg.errors import UnknownNodeError
from kg.graph.export import to_csv, to_json
from kg.graph.fetch import fetch
from kg.graph.lookup import containing, resolve_actor
from kg.graph.paths import shortest_path
from kg.graph.project import actor_event_graph, actor_graph
from kg.importers.load import import_file
from kg.mapping.namespaces import CKG, ID
from kg.pipeline import ingest_paths
from kg.resolve.reports import reports_in_graphs
from kg.store import open_store
from tests.browser.fixtures import make_app

DATA = Path(__file__).parent / "data" / "import"
STORY = ("TRIPOLI, Libya (Team Wire) — Zawiya and Misrata militias attacked Libyan National Army positions south "
         "of Tripoli on Monday. Egypt and Saudi Arabia urged the Government of National Accord to accept a truce "
         "on Tuesday. Recep Tayyip Erdogan and Vladimir Putin called on Khalifa Haftar to halt the offensive on "
         "Wednesday.\n")


def actor(slug: str) -> str:
    return f"{ID}actor/{slug}"


ZAWIYA, MISRATA, LNA = actor("zawiya-militias"), actor("misrata-militias"), actor("libyan-national-army")
EGYPT, SAUDI, GNA = actor("egypt"), actor("saudi-arabia"), actor("government-of-national-accord")
ERDOGAN, PUTIN, HAFTAR = actor("recep-tayyip-erdogan"), actor("vladimir-putin"), actor("khalifa-haftar")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """A store of the joint-acts story and the ACLED file with associated actors."""
    root = tmp_path_factory.mktemp("parties")
    (root / "joint.txt").write_text("date 2019-04-10 Team Wire, TRIPOLI, Libya\n" + STORY, encoding="utf-8")
    path = root / "store"
    store = open_store(str(path))
    settings = Settings(store=str(path))
    assert ingest_paths([str(root / "joint.txt")], store, settings=settings).failed == 0
    assert import_file(store, "acled", DATA / "acled-assoc.csv", settings=settings).imported == 3
    store.close()
    return path


@pytest.fixture
def store(store_dir):
    kg_store = open_store(str(store_dir), read_only=True)
    yield kg_store
    kg_store.close()


def run(store_dir, *args):
    return CliRunner().invoke(cli, [*args, "--store", str(store_dir)], catch_exceptions=False)


def joint(events: list[dict], action: str, first: str) -> dict:
    return next(e for e in events if e["action"] == action and first in e["actors"] and e["source"] == "extracted")


def test_graph_parties_the_store_has_one_actor_per_party(store):
    rows = store.select(f"SELECT ?label WHERE {{ ?a a <{CKG.Actor}> ; <http://www.w3.org/2000/01/rdf-schema#label> "
                        "?label }")
    labels = {r["label"] for r in rows}
    assert {"Zawiya militias", "Misrata militias", "Egypt", "Saudi Arabia", "Recep Tayyip Erdogan",
            "Vladimir Putin"} <= labels
    assert not [label for label in labels if " and " in label]  # no "Zawiya and Misrata militias" node


def test_graph_parties_fetch_gives_every_party(store):
    events, nodes = fetch(store)
    attack = joint(events, "ASSAULT", ZAWIYA)
    assert attack["actors"] == (MISRATA, ZAWIYA) and attack["targets"] == (LNA,)
    assert attack["actor"] == MISRATA and attack["target"] == LNA  # the first of each, in IRI order
    call = joint(events, "REQUEST", ERDOGAN)
    assert call["actors"] == (ERDOGAN, PUTIN) and call["targets"] == (HAFTAR,)
    assert {ZAWIYA, MISRATA, EGYPT, SAUDI, ERDOGAN, PUTIN} <= set(nodes)
    single = next(e for e in events if len(e["actors"]) == 1 and e["actor"] is not None)
    assert single["actors"] == (single["actor"],)


def test_graph_parties_each_party_is_linked_to_the_target(store):
    G = actor_graph(store)
    for party in (ZAWIYA, MISRATA):
        edge = G.edges[party, LNA]
        assert edge["types"] == ["ASSAULT"] and edge["weight"] == 1
        (event,) = edge["events"]
        assert (event["actor"], event["target"]) == (party, LNA)  # the pair this edge joins
        assert event["actors"] == (MISRATA, ZAWIYA)
        assert G.nodes[party]["event_count"] == 1
    assert G.has_edge(EGYPT, GNA) and G.has_edge(SAUDI, GNA)
    assert G.has_edge(ERDOGAN, HAFTAR) and G.has_edge(PUTIN, HAFTAR)
    assert not G.has_edge(ZAWIYA, MISRATA)  # acting together is no event between the two
    path = shortest_path(G, "Zawiya militias", "Misrata militias")
    assert path["labels"] == ["Zawiya militias", "Libyan National Army", "Misrata militias"]


def test_graph_parties_bipartite_joins_each_party_to_its_event(store):
    B = actor_event_graph(store)
    attack = joint(fetch(store)[0], "ASSAULT", ZAWIYA)["event"]
    assert {n: B.edges[n, attack]["role"] for n in B[attack]} == {ZAWIYA: "actor", MISRATA: "actor", LNA: "target"}
    assert nx.is_bipartite(B)


def test_graph_parties_exports_carry_each_party(store):
    G = actor_graph(store)
    rows = list(csv.DictReader(io.StringIO(to_csv(G)["edges.csv"])))
    pairs = {(r["Source"], r["Target"]) for r in rows if "ASSAULT" in r["types"]}
    assert {tuple(sorted((ZAWIYA, LNA))), tuple(sorted((MISRATA, LNA)))} <= pairs
    data = to_json(G)
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {ZAWIYA, LNA})
    assert edge["events"][0]["actors"] == [MISRATA, ZAWIYA]


def test_graph_parties_network_api_has_an_edge_per_party(store):
    client = make_app(store).test_client()
    edges = {frozenset((e["source"], e["target"])): e for e in client.get("/api/network").get_json()["edges"]}
    for militia in ("misrata-militias", "zawiya-militias"):  # the joint attack links each militia to the LNA
        assert "ASSAULT" in edges[frozenset((militia, "libyan-national-army"))]["types"]
    assert frozenset(("zawiya-militias", "misrata-militias")) not in edges  # joint actors are not each other's


def test_graph_parties_events_api_lists_every_party(store):
    client = make_app(store).test_client()
    attack = joint(fetch(store)[0], "ASSAULT", ZAWIYA)["event"].rsplit("/", 1)[-1]
    event = client.get(f"/api/events/{attack}").get_json()["event"]
    assert [a["label"] for a in event["actors"]] == ["Misrata militias", "Zawiya militias"]
    assert event["actor"] == event["actors"][0] and [t["label"] for t in event["targets"]] == ["Libyan National Army"]
    listed = client.get("/api/events", query_string={"actor": "zawiya-militias"}).get_json()["events"]
    assert [e["id"] for e in listed] == [attack]
    page = client.get(f"/events/{attack}").get_data(as_text=True)
    assert "Misrata militias</a>, <a" in page and "Zawiya militias</a>" in page


def test_graph_parties_kg_events_lists_every_party(store_dir):
    result = run(store_dir, "events", "--types", "ASSAULT", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert "Misrata militias; Zawiya militias" in [r["actor"] for r in rows]


def test_graph_parties_a_part_of_a_name_gives_candidates(store, store_dir):
    G = actor_graph(store)
    with pytest.raises(UnknownNodeError, match=r"unknown actor 'Zawiya'; did you mean Zawiya militias") as info:
        resolve_actor(G, "Zawiya")
    assert info.value.suggestions[0] == "Zawiya militias"
    assert containing(G, "militi") == []  # a word must be whole
    assert containing(G, "Militias")[:2] == [ZAWIYA, MISRATA]  # shortest names first
    result = run(store_dir, "path", "Zawiya", "Haftar")
    assert result.exit_code == 1
    assert "Error: unknown actor 'Zawiya'; did you mean Zawiya militias" in result.output
    assert "Traceback" not in result.output
    client = make_app(store).test_client()
    response = client.get("/api/paths", query_string={"source": "Zawiya", "target": "Haftar"})
    assert response.status_code == 404 and response.get_json()["suggestions"][0] == "Zawiya militias"


def test_graph_parties_acled_associated_actors_are_parties(store):
    G = actor_graph(store)
    clash = f"{ID}event/acled-lby90201"
    events = {e["event"]: e for e in fetch(store)[0]}
    assert events[clash]["actors"] == (LNA, actor("wagner-group"))
    assert set(events[clash]["targets"]) == {GNA, actor("misrata-communal-militia-lby"),
                                            actor("zawiya-communal-militia-lby")}
    assert G.has_edge(actor("wagner-group"), actor("zawiya-communal-militia-lby"))
    protest = events[f"{ID}event/acled-lby90202"]
    assert set(protest["actors"]) == {actor("protesters-lby"), actor("women-lby"), actor("students-lby")}
    assert protest["targets"] == ()  # a protest's actor2 and its associates are not what was protested against
    attack = events[f"{ID}event/acled-lby90203"]
    assert set(attack["targets"]) == {actor("civilians-lby"), actor("health-workers-lby")}  # named once
    assert G.nodes[actor("women-lby")]["kind"] == "civilians"


def test_graph_parties_resolution_reads_every_party(store):
    graph = next(g for g in store.graphs() if "/dataset/acled-" in g)
    reports = reports_in_graphs(store, [graph])
    clash = reports[f"{ID}event/acled-lby90201"]
    assert clash.actors == {LNA, actor("wagner-group")} and len(clash.targets) == 3


def test_graph_parties_acled_faction_names_its_leader(store):
    rows = store.select(f"SELECT ?p WHERE {{ <{HAFTAR}> ?p <{LNA}> }}")
    assert {r["p"] for r in rows} == {str(CKG.memberOf), str(CKG.commands)}  # "Haftar Faction", as the dictionary says


def test_graph_parties_paths_json_lists_parties(store_dir):
    result = run(store_dir, "path", "Zawiya militias", "Misrata militias", "--json")
    assert result.exit_code == 0, result.output
    (path,) = json.loads(result.output)
    hop = path["hops"][0]
    assert hop["kind"] == "event" and any(e["actors"] == [MISRATA, ZAWIYA] for e in hop["events"])
