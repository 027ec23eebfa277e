"""Place pages and /api/places, dyad pages, HTML error pages for browsers, alias search, linked evidence.

On the mini store (tests/data/api/mini.trig) with one more article: Libya (the country: its
GeoNames id is Libya's) and Mitiga airport, 8 km from Tripoli.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.fixtures import load_trig, make_app, mini_store  # noqa: F401

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
ID = "https://w3id.org/conflict-kg/id/"
MORE = f"""
<{ID}event/c1> a <https://w3id.org/conflict-kg/ontology#Event> ;
  <https://w3id.org/conflict-kg/ontology#action> <https://w3id.org/conflict-kg/plover/ASSAULT> ;
  <https://w3id.org/conflict-kg/ontology#actor> <{ID}actor/militia-b> ;
  <https://w3id.org/conflict-kg/ontology#place> <{ID}place/lby-mitiga-airport> ;
  <https://w3id.org/conflict-kg/ontology#date> "2019-04-20"^^<http://www.w3.org/2001/XMLSchema#date> .
<{ID}event/c2> a <https://w3id.org/conflict-kg/ontology#Event> ;
  <https://w3id.org/conflict-kg/ontology#action> <https://w3id.org/conflict-kg/plover/PROTEST> ;
  <https://w3id.org/conflict-kg/ontology#actor> <{ID}actor/group-d> ;
  <https://w3id.org/conflict-kg/ontology#place> <{ID}place/geonames-2215636> .
<{ID}place/lby-mitiga-airport> a <https://w3id.org/conflict-kg/ontology#Place> ;
  <http://www.w3.org/2000/01/rdf-schema#label> "Mitiga Airport" ; <https://w3id.org/conflict-kg/ontology#country> "LBY" ;
  <http://www.w3.org/2003/01/geo/wgs84_pos#lat> 32.894 ; <http://www.w3.org/2003/01/geo/wgs84_pos#long> 13.276 .
<{ID}place/geonames-2215636> a <https://w3id.org/conflict-kg/ontology#Place> ;
  <http://www.w3.org/2000/01/rdf-schema#label> "Libya" ; <https://w3id.org/conflict-kg/ontology#country> "LBY" ;
  <https://w3id.org/conflict-kg/ontology#geonamesId> 2215636 ;
  <http://www.w3.org/2003/01/geo/wgs84_pos#lat> 26.0 ; <http://www.w3.org/2003/01/geo/wgs84_pos#long> 17.0 .
"""


@pytest.fixture
def client(mini_store):
    mini_store.put_graph(f"{ID}article/more", MORE)
    return make_app(mini_store).test_client()


def html(client, path, status=200):
    response = client.get(path, headers=BROWSER)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_api_place_near_and_inside(client):
    tripoli = client.get("/api/places/geonames-2210247").get_json()["place"]
    assert tripoli["label"] == "Tripoli" and tripoli["country"] == "LBY" and tripoli["is_country"] is False
    assert tripoli["events"] == 1 and tripoli["inside"] == []
    assert [(p["id"], p["km"], p["events"]) for p in tripoli["near"]] == [("lby-mitiga-airport", 8.3, 1)]  # not Zawiya, 45 km
    libya = client.get(f"/api/places/{ID}place/geonames-2215636").get_json()["place"]
    assert libya["is_country"] is True and libya["events"] == 1 and libya["near"] == []
    assert [(p["label"], p["events"]) for p in libya["inside"]] == [("Mitiga Airport", 1), ("Tripoli", 1), ("Zawiya", 1)]
    zawiya = client.get("/api/places/geonames-2216885").get_json()["place"]
    assert zawiya["aliases"] == ["Az Zawiyah"] and zawiya["near"] == []


def test_pages_place(client):
    page = html(client, "/places/geonames-2210247")
    assert "<h1>Tripoli" in page and "Events (1)" in page and "/events/a1" in page
    assert re.search(r'class="links places-near">\s*<li><a href="/places/lby-mitiga-airport">Mitiga Airport</a> · 8.3 km', page)
    assert 'data-series-url="/api/timeline?place=https' in page and "format=csv" in page
    country = html(client, "/places/geonames-2215636")
    assert "Places in Libya (3)" in country and 'href="/places/geonames-2216885">Zawiya' in country


def test_pages_event_and_lists_link_to_places(client):
    assert 'href="/places/geonames-2210247">Tripoli</a>' in html(client, "/events/a1")
    assert 'href="/places/geonames-2216885">Zawiya</a>' in html(client, "/actors/army-a")


def test_pages_dyad(client):
    page = html(client, "/dyads/army-a/militia-b")
    assert "Army A → Militia B (1)" in page and "Militia B → Army A (1)" in page
    assert page.index("/events/a1") < page.index("/events/a2")  # each way its own table
    assert 'data-kind="dyad"' in page and "/api/dyads/army-a/militia-b?format=csv" in page
    assert 'href="/dyads/army-a/militia-b"' in html(client, "/actors/army-a")  # linked actors link their dyads
    assert 'href="/dyads/army-a/militia-b"' in html(client, "/events/a1")


@pytest.mark.parametrize("path, status, words", [
    ("/actors/nobody", 404, "no actor &#39;nobody&#39;"),
    ("/places/nowhere", 404, "no place &#39;nowhere&#39;"),
    ("/events/0000000000000000", 404, "no event"),
    ("/articles/none", 404, "no article"),
    ("/dyads/army-a/nobody", 404, "no actor &#39;nobody&#39; (b)"),
    ("/dyads/army-a/army-a", 400, "two different actors"),
    ("/no/such/page", 404, "not found on the server"),
    ("/search?q=a&limit=0", 400, "limit must be between"),
], ids=["actor", "place", "event", "article", "dyad", "same-dyad", "route", "bad-param"])
def test_pages_errors_are_html_for_browsers(client, path, status, words):
    page = html(client, path, status)
    assert f"<h1>{status} · " in page and words in page
    assert '<a href="/search' in page  # somewhere to go on


@pytest.mark.parametrize("path", ["/actors/nobody", "/places/nowhere", "/no/such/page"])
@pytest.mark.parametrize("accept", ["application/json", "*/*", None], ids=["json", "any", "none"])
def test_pages_errors_stay_json_for_clients(client, path, accept):
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.get_json()["ok"] is False


@pytest.mark.parametrize("path", ["/api/actors/nobody", "/api/places/nowhere", "/api/nothing", "/static/none.js"])
def test_pages_api_errors_stay_json_in_browsers(client, path):
    response = client.get(path, headers=BROWSER)
    assert response.status_code == 404 and response.mimetype == "application/json"


def test_pages_unknown_actor_page_suggests_close_names(client):
    page = html(client, "/actors/army", 404)
    assert 'href="/actors/army-a">army-a</a>' in page


def test_pages_search_finds_aliases_places_and_events(client):
    page = html(client, "/search?q=AA")
    assert re.search(r'href="/actors/army-a">Army A</a> <span class="alias">also “AA”</span>', page)
    assert all(f"/events/{e}" in page for e in ("a1", "a2", "b1"))  # Army A's events, found by its alias
    page = html(client, "/search?q=az%20zawiyah")
    assert re.search(r'href="/places/geonames-2216885">Zawiya</a> <span class="alias">also “Az Zawiyah”</span>', page)
    page = html(client, "/search?q=war%20crimes")
    assert "/events/a2" in page and "/events/a1" not in page  # by its evidence sentence
    assert "No actor matches." in page


def test_api_search_events_by_alias_and_evidence(client):
    body = client.get("/api/search?q=AA&events=true").get_json()
    assert body["actors"][0]["alias"] == "AA"
    assert [e["id"] for e in body["events"]] == ["b1", "a2", "a1"]  # newest first
    assert "events" not in client.get("/api/search?q=AA").get_json()
    assert client.get("/api/search?q=AA&events=maybe").status_code == 400
    places = client.get("/api/search?q=zawiyah").get_json()["places"]
    assert [(p["label"], p["alias"]) for p in places] == [("Zawiya", "Az Zawiyah")]


def test_pages_article_evidence_links_to_its_events(client):
    page = html(client, "/articles/alpha")
    links = re.findall(r'<mark class="evidence" data-events="(\w+)"[^>]*><a href="/events/(\w+)">', page)
    assert links == [("a1", "a1"), ("a2", "a2"), ("a3", "a3")]


def test_pages_event_marks_itself_and_links_the_others(client):
    page = html(client, "/events/a2")
    assert re.search(r'<mark class="evidence current" id="evidence"[^>]*>Militia B accused Army A of war crimes.</mark>', page)
    assert '<a href="/events/a1">Army A shelled' in page and '<a href="/events/a3">Council C' in page
