"""The JSON API over HTTP on loopback, against the hand-written mini store (exact answers)."""
from __future__ import annotations

import pytest
import requests

from tests.browser.fixtures import mini_server  # noqa: F401

ID = "https://w3id.org/conflict-kg/id/"


def get(server, path, **params):
    response = requests.get(server.url + path, params=params, timeout=30)
    return response.status_code, response.json()


def test_api_stats_counts(mini_server):
    status, data = get(mini_server, "/api/stats")
    assert status == 200 and data["ok"] is True
    assert (data["articles"], data["events"], data["actors"], data["places"]) == (2, 4, 4, 2)
    assert data["events_by_type"] == {"ACCUSE": 1, "ASSAULT": 1, "COERCE": 1, "REQUEST": 1}


@pytest.mark.parametrize("q, expected", [
    ("", ["army-a", "militia-b", "council-c", "group-d"]),
    ("militia", ["militia-b"]),
    ("AA", ["army-a"]),
    ("nobody", []),
], ids=["all", "label", "alias", "none"])
def test_api_actors_search(mini_server, q, expected):
    status, data = get(mini_server, "/api/actors", q=q)
    assert status == 200
    assert [a["id"] for a in data["actors"]] == expected


def test_api_actors_search_pages(mini_server):
    _, first = get(mini_server, "/api/actors", limit=2)
    assert [a["id"] for a in first["actors"]] == ["army-a", "militia-b"]
    assert "offset=2" in first["next"]
    _, second = get(mini_server, "/api/actors", limit=2, offset=2)
    assert [a["id"] for a in second["actors"]] == ["council-c", "group-d"]


def test_api_actor_detail_has_events_and_neighbours(mini_server):
    status, data = get(mini_server, "/api/actors/army-a")
    actor = data["actor"]
    assert status == 200 and actor["label"] == "Army A" and actor["kind"] == "state_force"
    assert actor["aliases"] == ["AA"] and actor["country"] == "LBY"
    assert [e["id"] for e in actor["events"]] == ["a1", "a2", "b1"]
    assert {n["id"]: n["events"] for n in actor["neighbours"]} == {"militia-b": 2, "group-d": 1}


def test_api_actor_detail_by_iri(mini_server):
    status, data = get(mini_server, f"/api/actors/{ID}actor/militia-b")
    assert status == 200 and data["actor"]["id"] == "militia-b"


@pytest.mark.parametrize("params, expected", [
    ({}, ["a3", "a1", "a2", "b1"]),
    ({"actor": "militia-b"}, ["a3", "a1", "a2"]),
    ({"type": "ASSAULT"}, ["a1"]),
    ({"type": "ASSAULT,COERCE"}, ["a1", "b1"]),
    ({"place": "Tripoli"}, ["a1"]),
    ({"place": "az zawiyah"}, ["b1"]),
    ({"place": "geonames-2216885"}, ["b1"]),
    ({"country": "LBY"}, ["a1", "b1"]),
    ({"from": "2019-04-06"}, ["a2", "b1"]),
    ({"to": "2019-04-05"}, ["a1"]),
    ({"article": "beta"}, ["b1"]),
    ({"min_confidence": "0.7"}, ["a1", "a2"]),
    ({"actor": "army-a", "type": "COERCE", "from": "2020-01-01"}, ["b1"]),
], ids=["all", "actor", "type", "types", "place-name", "place-alias", "place-id", "country", "from", "to",
        "article", "confidence", "combined"])
def test_api_events_filters(mini_server, params, expected):
    status, data = get(mini_server, "/api/events", **params)
    assert status == 200
    assert sorted(e["id"] for e in data["events"]) == sorted(expected)
    assert data["total"] == len(expected)


def test_api_events_are_ordered_and_paged(mini_server):
    _, data = get(mini_server, "/api/events", limit=2, offset=1)
    assert [e["id"] for e in data["events"]] == ["a1", "a2"]  # undated events sort first
    assert data["total"] == 4 and data["limit"] == 2 and data["offset"] == 1


def test_api_event_detail(mini_server):
    status, data = get(mini_server, "/api/events/a1")
    event = data["event"]
    assert status == 200 and event["type"] == "ASSAULT" and event["date"] == "2019-04-05"
    assert event["actor"]["label"] == "Army A" and event["target"]["label"] == "Militia B"
    assert event["place"] == {"iri": f"{ID}place/geonames-2210247", "label": "Tripoli", "lat": 32.88743,
                              "long": 13.18733}
    assert (event["start"], event["end"], event["trigger"]) == (0, 46, "shelled")


def test_api_articles_list_and_detail(mini_server):
    _, listing = get(mini_server, "/api/articles")
    assert [(a["id"], a["events"]) for a in listing["articles"]] == [("beta", 1), ("alpha", 3)]
    status, data = get(mini_server, "/api/articles/alpha")
    article = data["article"]
    assert status == 200 and article["title"] == "Alpha report" and article["outlet"] == "AP"
    spans = [(h["start"], h["end"], h["event"]) for h in article["highlights"]]
    assert spans == [(0, 46, "a1"), (47, 86, "a2"), (87, 125, "a3")]
    assert article["text"][47:86] == "Militia B accused Army A of war crimes."


def test_api_map_points(mini_server):
    _, data = get(mini_server, "/api/map")
    assert {(p["label"], p["events"]) for p in data["places"]} == {("Tripoli", 1), ("Zawiya", 1)}
    _, only = get(mini_server, "/api/map", type="COERCE")
    assert [p["label"] for p in only["places"]] == ["Zawiya"]


@pytest.mark.parametrize("path, params, status, words", [
    ("/api/actors/nobody", {}, 404, "no actor"),
    ("/api/events/ffff", {}, 404, "no event"),
    ("/api/articles/nope", {}, 404, "no article"),
    ("/api/events", {"type": "SHELL"}, 400, "unknown event type"),
    ("/api/events", {"from": "yesterday"}, 400, "YYYY-MM-DD"),
    ("/api/events", {"from": "2020-01-01", "to": "2019-01-01"}, 400, "after"),
    ("/api/events", {"country": "Libya"}, 400, "alpha-3"),
    ("/api/events", {"min_confidence": "2"}, 400, "0 to 1"),
    ("/api/events", {"limit": "0"}, 400, "between 1 and 500"),
    ("/api/events", {"limit": "many"}, 400, "integer"),
    ("/api/events", {"offset": "-1"}, 400, "between 0"),
    ("/api/events", {"actor": "x> } DROP ALL {"}, 400, "not a valid"),
    ("/api/nothing-here", {}, 404, ""),
], ids=["actor", "event", "article", "type", "date", "date-order", "country", "confidence", "limit-low",
        "limit-text", "offset", "injection", "route"])
def test_api_errors_have_one_shape(mini_server, path, params, status, words):
    code, data = get(mini_server, path, **params)
    assert code == status
    assert data["ok"] is False and data["status"] == status and isinstance(data["error"], str)
    assert words in data["detail"]


def test_api_filter_values_are_bound_not_spliced(mini_server):
    """A quote in a name is data: it matches nothing and breaks nothing."""
    status, data = get(mini_server, "/api/events", place='Tripoli" } UNION { ?event ?p ?o')
    assert status == 200 and data["events"] == []
    status, data = get(mini_server, "/api/actors", q='") } #')
    assert status == 200 and data["actors"] == []
