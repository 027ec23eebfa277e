"""GET /api/timeline and /api/dyads/{a}/{b} on the hand-written mini store (tests/data/api/mini.trig).

mini: a1 ASSAULT Army A → Militia B 2019-04-05 (a Friday), a2 ACCUSE Militia B → Army A
2019-04-06, a3 REQUEST Council C → Militia B undated, b1 COERCE Army A → Group D 2020-06-03.
"""
from __future__ import annotations

import csv
import io

import pytest

from tests.browser.fixtures import load_trig, make_app, mini_client, mini_store  # noqa: F401


def test_api_timeline_counts_by_week_and_type(mini_client):
    body = mini_client.get("/api/timeline?interval=week").get_json()
    assert body["ok"] is True and body["interval"] == "week"
    assert body["periods"][0] == "2019-04-01" and body["periods"][-1] == "2020-06-01"  # Mondays
    assert len(body["periods"]) == 62  # every week between, so the axis is time
    assert list(body["series"]) == ["ACCUSE", "COERCE", "ASSAULT"]  # PLOVER order
    assert body["series"]["ASSAULT"][0] == 1 and body["series"]["ACCUSE"][0] == 1 and sum(body["series"]["ASSAULT"]) == 1
    assert body["series"]["COERCE"][-1] == 1
    assert body["dated"] == 3 and body["undated"] == 1


def test_api_timeline_by_day_in_a_window(mini_client):
    body = mini_client.get("/api/timeline?interval=day&from=2019-04-05&to=2019-04-07").get_json()
    assert body["periods"] == ["2019-04-05", "2019-04-06", "2019-04-07"]
    assert body["series"] == {"ACCUSE": [0, 1, 0], "ASSAULT": [1, 0, 0]}
    assert body["undated"] == 0  # a date window leaves undated events out


def test_api_timeline_auto_interval_and_filters(mini_client):
    body = mini_client.get("/api/timeline?actor=militia-b").get_json()
    assert body["interval"] == "day" and body["periods"] == ["2019-04-05", "2019-04-06"]  # a span of two days
    assert body["undated"] == 1  # a3: Council C called on Militia B
    body = mini_client.get("/api/timeline?type=COERCE&interval=month").get_json()
    assert body["periods"] == ["2020-06-01"] and body["series"] == {"COERCE": [1]}
    assert mini_client.get("/api/timeline?country=TUN").get_json()["series"] == {}


def test_api_timeline_csv(mini_client):
    response = mini_client.get("/api/timeline?interval=day&from=2019-04-05&to=2019-04-06&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="timeline.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [["period", "ACCUSE", "ASSAULT"], ["2019-04-05", "0", "1"], ["2019-04-06", "1", "0"]]


def test_api_dyad_each_way(mini_client):
    body = mini_client.get("/api/dyads/army-a/militia-b?interval=month").get_json()
    assert body["a"]["label"] == "Army A" and body["b"]["id"] == "militia-b"
    assert body["periods"] == ["2019-04-01"]
    assert body["a_to_b"] == {"series": {"ASSAULT": [1]}, "dated": 1, "undated": 0}
    assert body["b_to_a"] == {"series": {"ACCUSE": [1]}, "dated": 1, "undated": 0}
    swapped = mini_client.get("/api/dyads/militia-b/army-a?interval=month").get_json()
    assert swapped["a_to_b"] == body["b_to_a"] and swapped["b_to_a"] == body["a_to_b"]
    assert mini_client.get("/api/dyads/council-c/militia-b").get_json()["a_to_b"]["undated"] == 1


def test_api_dyad_csv(mini_client):
    response = mini_client.get("/api/dyads/army-a/militia-b?interval=month&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [["period", "actor", "target", "ACCUSE", "ASSAULT"],
                    ["2019-04-01", "Army A", "Militia B", "0", "1"],
                    ["2019-04-01", "Militia B", "Army A", "1", "0"]]


HOSTILE = """
<https://w3id.org/conflict-kg/id/event/h1> a <https://w3id.org/conflict-kg/ontology#Event> ;
  <https://w3id.org/conflict-kg/ontology#action> <https://w3id.org/conflict-kg/plover/THREATEN> ;
  <https://w3id.org/conflict-kg/ontology#actor> <https://w3id.org/conflict-kg/id/actor/formula> ;
  <https://w3id.org/conflict-kg/ontology#target> <https://w3id.org/conflict-kg/id/actor/army-a> ;
  <https://w3id.org/conflict-kg/ontology#date> "2021-01-04"^^<http://www.w3.org/2001/XMLSchema#date> .
<https://w3id.org/conflict-kg/id/actor/formula> a <https://w3id.org/conflict-kg/ontology#Actor> ;
  <http://www.w3.org/2000/01/rdf-schema#label> "=HYPERLINK(\\"http://evil.example\\")" .
"""


def test_api_dyad_csv_neutralises_formulas(mini_store):
    mini_store.put_graph("https://w3id.org/conflict-kg/id/article/hostile", HOSTILE)
    client = make_app(mini_store).test_client()
    text = client.get("/api/dyads/formula/army-a?format=csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["2021-01-04", "'=HYPERLINK(\"http://evil.example\")", "Army A", "1"]
    assert rows[2][1:3] == ["Army A", "'=HYPERLINK(\"http://evil.example\")"]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("path, status, words", [
    ("/api/timeline?interval=hour", 400, "interval must be one of"),
    ("/api/timeline?format=xml", 400, "format must be one of"),
    ("/api/timeline?type=SHELL", 400, "unknown event type"),
    ("/api/timeline?from=2020-01-01&to=2019-01-01", 400, "is after"),
    ("/api/timeline?country=L1", 400, "bad country"),
    ("/api/timeline?interval=day&from=1900-01-01&to=2020-01-01", 400, "more than 5000"),
    ("/api/timeline?q=x", 400, "unknown parameter 'q'"),
    ("/api/dyads/army-a/nobody", 404, "no actor 'nobody' (b)"),
    ("/api/dyads/nobody/army-a", 404, "no actor 'nobody' (a)"),
    ("/api/dyads/army-a/army-a", 400, "two different actors"),
    ("/api/dyads/army-a/militia-b?actor=army-a", 400, "unknown parameter 'actor'"),
    ("/api/dyads/army-a/militia-b?interval=year", 400, "interval"),
], ids=["interval", "format", "type", "window", "country", "too-many-days", "unknown-param", "unknown-b",
        "unknown-a", "same-actor", "actor-param", "dyad-interval"])
def test_api_timeline_bad_input(mini_client, path, status, words):
    response = mini_client.get(path)
    body = response.get_json()
    assert response.status_code == status and body["ok"] is False and body["status"] == status, body
    assert words in body["detail"]


def test_api_timeline_and_map_follow_writes(mini_store):
    client = make_app(mini_store).test_client()
    assert client.get("/api/timeline?interval=month").get_json()["dated"] == 3
    assert len(client.get("/api/map").get_json()["places"]) == 2
    assert client.get("/api/map").get_json() == client.get("/api/map").get_json()  # kept, the same answer
    mini_store.put_graph("https://w3id.org/conflict-kg/id/article/hostile", HOSTILE.replace(
        "<https://w3id.org/conflict-kg/ontology#date>", "<https://w3id.org/conflict-kg/ontology#place> "
        "<https://w3id.org/conflict-kg/id/place/geonames-2216885> ; <https://w3id.org/conflict-kg/ontology#date>"))
    assert client.get("/api/timeline?interval=month").get_json()["dated"] == 4  # the write is seen at once
    assert [p["events"] for p in client.get("/api/map").get_json()["places"]] == [2, 1]
