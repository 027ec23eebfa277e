"""GET /api/search on the hand-written mini store (tests/data/api/mini.trig): exact, ranked answers."""
from __future__ import annotations

import pytest

from tests.browser.fixtures import mini_client, mini_store  # noqa: F401


def test_api_search_finds_actors_places_and_articles(mini_client):
    body = mini_client.get("/api/search?q=a").get_json()
    assert body["ok"] is True and body["q"] == "a"
    assert body["actors"][0]["label"] == "Army A"  # the name starts with the text, and has the most events
    assert {p["label"] for p in body["places"]} >= {"Zawiya"}
    assert {a["title"] for a in body["articles"]} >= {"Alpha report"}


def test_api_search_ranks_whole_names_first(mini_client):
    body = mini_client.get("/api/search?q=tripoli").get_json()
    assert [p["label"] for p in body["places"]] == ["Tripoli"] and body["places"][0]["events"] == 1
    assert body["actors"] == [] and body["articles"] == []


def test_api_search_matches_aliases_and_limits(mini_client):
    body = mini_client.get("/api/search?q=AA&limit=1").get_json()
    assert [a["id"] for a in body["actors"]] == ["army-a"]


@pytest.mark.parametrize("query, words", [("", "give q"), ("q=%20", "give q"), ("q=a&limit=0", "limit"),
                                          ("q=a&types=ASSAULT", "unknown parameter 'types'")],
                         ids=["missing", "blank", "bad-limit", "unknown-parameter"])
def test_api_search_bad_input(mini_client, query, words):
    response = mini_client.get(f"/api/search?{query}")
    body = response.get_json()
    assert response.status_code == 400 and body["ok"] is False and body["status"] == 400
    assert words in body["detail"]
