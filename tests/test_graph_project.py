"""Projections of the fixture store: actor graph, directed and bipartite variants, filters, cache."""
from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from kg.errors import UnknownNodeError
from kg.graph.cache import ProjectionCache, cache_for
from kg.graph.project import Filters, FilterError, actor_digraph, actor_event_graph, actor_graph, fetch
from kg.store import open_store

from .test_graph_fixtures import FILES, G, ID, actor, graph_store, load_articles  # noqa: F401

LNA, GNA, JTPF = actor("libyan-national-army"), actor("government-of-national-accord"), actor("joint-tripoli-protection-force")
ZAWIYA, HAFTAR = actor("zawiya-militias"), actor("khalifa-haftar")
SAF, RSF = actor("sudanese-armed-forces"), actor("rapid-support-forces")


def labels(G: nx.Graph) -> list[str]:
    return sorted(G.nodes[n]["label"] for n in G)


def test_graph_project_actor_graph_nodes_and_edges(G):
    assert G.number_of_nodes() == 13 and G.number_of_edges() == 15  # 14 event links and Haftar's membership of the LNA
    assert G.nodes[LNA] == {
        "label": "Libyan National Army", "kind": "state_force", "country": "LBY",
        "aliases": ["Haftar’s forces", "Haftar’s troops", "LNA"], "event_count": 8,
        "dates": ["2019-04-05", "2019-04-07", "2019-04-08", "2020-01-19"], "undated": 3}
    assert G.nodes[actor("antonio-guterres")]["country"] is None


def test_graph_project_edge_carries_its_events(G):
    edge = G.edges[GNA, LNA]
    assert edge["weight"] == 2 and edge["types"] == ["ASSAULT", "MOBILIZE"]
    assert [e["event"].rsplit("/", 1)[1] for e in edge["events"]] == ["e7", "e10"]  # dated first, undated last
    first = edge["events"][0]
    assert first == {
        "event": f"{ID}event/e7", "action": "MOBILIZE", "date": "2019-04-07",
        "place": f"{ID}place/geonames-2210247", "place_label": "Tripoli",
        "article": f"{ID}article/lby-2019-04-08",
        "sentence": "The Government of National Accord announced a counter-offensive, named Volcano of Rage.",
        "actor": GNA, "target": LNA, "actors": (GNA,), "targets": (LNA,), "source": "extracted",
        "fatalities": None}
    assert edge["events"][1]["date"] is None


def test_graph_project_actor_without_target_is_a_node(G):
    assert G.nodes[HAFTAR]["event_count"] == 3  # e3 has no target
    assert "2019-04-04" in G.nodes[HAFTAR]["dates"]


def test_graph_project_takes_only_ckg_events(G, graph_store):
    events, _nodes = fetch(graph_store)
    names = {e["event"].rsplit("/", 1)[1] for e in events}
    assert "not-an-event" not in names and "e20" not in names  # stray resource; event with no parties
    assert len(events) == 22
    assert not G.has_edge(ZAWIYA, actor("antony-blinken"))


def test_graph_project_directed_keeps_both_directions(graph_store):
    D = actor_digraph(graph_store)
    assert D.is_directed() and D.number_of_edges() == 17  # and Haftar -> LNA, his membership
    assert D.edges[HAFTAR, LNA]["links"] == [{"kind": "membership", "source": HAFTAR, "target": LNA}]
    assert D.edges[SAF, RSF]["weight"] == 2 and D.edges[RSF, SAF]["weight"] == 1
    assert D.has_edge(ZAWIYA, LNA) and not D.has_edge(LNA, ZAWIYA)


def test_graph_project_bipartite(graph_store):
    B = actor_event_graph(graph_store)
    actors = {n for n, d in B.nodes(data=True) if d["bipartite"] == 0}
    events = {n for n, d in B.nodes(data=True) if d["bipartite"] == 1}
    assert len(actors) == 13 and len(events) == 22
    e1 = f"{ID}event/e1"
    assert B.nodes[e1]["action"] == "COERCE" and B.nodes[e1]["place_label"] == "Zawiya"
    assert B.edges[ZAWIYA, e1]["role"] == "actor" and B.edges[LNA, e1]["role"] == "target"
    assert nx.is_bipartite(B)


@pytest.mark.parametrize("filters, expected, edges", [
    (Filters(date_from=date(2019, 4, 5), date_to=date(2019, 4, 5)),
     ["Antonio Guterres", "Khalifa Haftar", "Libyan National Army", "Misrata militias", "Zawiya militias"], 4),
    (Filters(types=("COERCE",)), ["Libyan National Army", "Zawiya militias"], 1),
    (Filters(party_country="DEU"), ["Angela Merkel", "Fayez al-Sarraj", "Khalifa Haftar"], 2),
    (Filters(country="DEU"), ["Angela Merkel", "Fayez al-Sarraj", "Khalifa Haftar"], 2),  # the talks in Berlin
    (Filters(country="SDN"), ["Rapid Support Forces", "Sudanese Armed Forces"], 1),  # not Blinken's call: no place
    (Filters(party_country="SDN"), ["Antony Blinken", "Rapid Support Forces", "Sudanese Armed Forces"], 2),
    (Filters(articles=(f"{ID}article/lby-2020-01-19",)),
     ["Angela Merkel", "Antonio Guterres", "Fayez al-Sarraj", "Government of National Accord", "Khalifa Haftar",
      "Libyan National Army"], 5),
    (Filters(place="Tripoli"),
     ["Antonio Guterres", "Fayez al-Sarraj", "Government of National Accord", "Joint Tripoli Protection Force",
      "Khalifa Haftar", "Libyan National Army"], 4),
    (Filters(place="tarabulus"),
     ["Antonio Guterres", "Fayez al-Sarraj", "Government of National Accord", "Joint Tripoli Protection Force",
      "Khalifa Haftar", "Libyan National Army"], 4),
    (Filters(place=f"{ID}place/geonames-379252"), ["Rapid Support Forces", "Sudanese Armed Forces"], 1),
    (Filters(min_confidence=0.85),
     ["Angela Merkel", "Antonio Guterres", "Fayez al-Sarraj", "Khalifa Haftar", "Libyan National Army",
      "Zawiya militias"], 6),
    (Filters(types="assault", country="SDN", date_from="2023-04-16"), ["Rapid Support Forces", "Sudanese Armed Forces"], 1),
    (Filters(date_from="2030-01-01"), [], 0),
], ids=["date-window", "types", "party-country", "country-of-place", "country-sdn", "party-country-sdn", "article", "place-label", "place-alias",
        "place-iri", "min-confidence", "combined", "nothing"])
def test_graph_project_filters(graph_store, filters, expected, edges):  # Haftar–LNA (membership) where both are kept
    H = actor_graph(graph_store, filters)
    assert labels(H) == expected and H.number_of_edges() == edges


def test_graph_project_filters_keep_only_matching_events(graph_store):
    H = actor_graph(graph_store, Filters(types=("ASSAULT",)))
    assert H.edges[GNA, LNA]["weight"] == 1 and H.edges[GNA, LNA]["types"] == ["ASSAULT"]
    assert H.edges[RSF, SAF]["weight"] == 3


@pytest.mark.parametrize("kwargs, message", [
    ({"types": "ASSAULT,SHELL"}, "unknown event type 'SHELL'"),
    ({"date_from": "5 April 2019"}, "bad date '5 April 2019' for date_from"),
    ({"date_from": "2020-01-02", "date_to": "2020-01-01"}, "date_from 2020-01-02 is after date_to 2020-01-01"),
    ({"country": "Libya"}, "bad country 'Libya'"),
    ({"party_country": "Libya"}, "bad party_country 'Libya'"),
    ({"articles": ("not an iri> } DROP ALL {",)}, "not a valid article IRI"),
    ({"min_confidence": 2}, "bad min_confidence 2"),
], ids=["type", "date", "window", "country", "party-country", "article", "confidence"])
def test_graph_project_filters_reject_bad_values(kwargs, message):
    with pytest.raises(FilterError, match=message):
        Filters(**kwargs)


def test_graph_project_filters_normalise_for_cache_keys():
    assert Filters(types="coerce,ASSAULT", country="lby") == Filters(types=("ASSAULT", "COERCE"), country="LBY")
    assert hash(Filters(date_from="2019-04-05")) == hash(Filters(date_from=date(2019, 4, 5)))


def test_graph_project_unknown_place_suggests(graph_store):
    with pytest.raises(UnknownNodeError, match="unknown place 'Tripolis'") as info:
        actor_graph(graph_store, Filters(place="Tripolis"))
    assert info.value.suggestions[0] == "Tripoli"


def test_graph_project_same_store_content_same_graph(graph_store, tmp_path):
    other = open_store(str(tmp_path / "reversed"))
    load_articles(other, list(reversed(FILES)))
    A, B = actor_graph(graph_store), actor_graph(other)
    assert list(A.nodes(data=True)) == list(B.nodes(data=True))
    assert list(A.edges(data=True)) == list(B.edges(data=True))
    other.close()


def test_graph_project_cache_reuses_until_a_write(graph_store):
    cache = ProjectionCache(graph_store)
    first = cache.get()
    assert cache.get(Filters()) is first and (cache.builds, cache.hits) == (1, 1)
    assert cache.get(Filters(country="SDN")) is not first and cache.builds == 2
    graph_store.put_article(f"{ID}article/extra", (  # N-Triples, as put_article takes them
        f"<{ID}event/x1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/conflict-kg/ontology#Event> .\n"
        f"<{ID}event/x1> <https://w3id.org/conflict-kg/ontology#action> <https://w3id.org/conflict-kg/plover/AID> .\n"
        f"<{ID}event/x1> <https://w3id.org/conflict-kg/ontology#actor> <{actor('red-cross')}> .\n"
        f"<{ID}event/x1> <https://w3id.org/conflict-kg/ontology#target> <{RSF}> .\n"
        f"<{actor('red-cross')}> <http://www.w3.org/2000/01/rdf-schema#label> \"Red Cross\" .\n"), "f" * 64)
    rebuilt = cache.get()
    assert rebuilt is not first and cache.builds == 3
    assert rebuilt.has_edge(actor("red-cross"), RSF) and not first.has_node(actor("red-cross"))
    assert rebuilt.edges[actor("red-cross"), RSF]["events"][0]["article"] is None  # no ckg:reportedIn
    assert cache.get() is rebuilt


def test_graph_project_cache_for_is_per_store(graph_store, tmp_path):
    other = open_store(str(tmp_path / "other"))
    assert cache_for(graph_store) is cache_for(graph_store)
    assert cache_for(other) is not cache_for(graph_store)
    assert cache_for(other).get().number_of_nodes() == 0
    other.close()


def test_graph_project_cache_rejects_unknown_kind(graph_store):
    with pytest.raises(ValueError, match="unknown projection kind 'tree'"):
        ProjectionCache(graph_store).get(kind="tree")
