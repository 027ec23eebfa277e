"""Unknown query parameters of the JSON API and exports: a 400 that names them and the accepted ones."""
from __future__ import annotations

import pytest

from tests.browser.fixtures import mini_client, mini_store  # noqa: F401


@pytest.mark.parametrize("path, unknown, accepted", [
    ("/api/events?types=ASSAULT", "'types'", "type"),  # the CLI's spelling: once silently ignored (all events came back)
    ("/api/actors?query=army", "'query'", "q"),
    ("/api/actors/army-a?limt=5", "'limt'", "limit"),
    ("/api/stats?verbose=1", "'verbose'", "none"),
    ("/api/export/gexf?dynamc=true&grpah=actor", "'dynamc', 'grpah'", "graph"),
], ids=["events", "actors", "actor", "stats", "export-two"])
def test_api_params_unknown_are_refused(mini_client, path, unknown, accepted):
    response = mini_client.get(path)
    body = response.get_json()
    assert response.status_code == 400 and body == {**body, "ok": False, "status": 400, "error": "Bad Request"}
    assert "unknown parameter" in body["detail"] and unknown in body["detail"]
    assert accepted in body["detail"].split("it takes: ", 1)[1]


def test_api_params_documented_ones_still_work(mini_client):
    assert mini_client.get("/api/events?type=ASSAULT&limit=5").get_json()["total"] == 1


def test_api_params_dynamic_gexf(mini_client):
    """`/api/export/gexf?dynamic=true` as `kg export --format gexf --dynamic`: a timeline with spells."""
    from lxml import etree

    static = mini_client.get("/api/export/gexf")
    dynamic = mini_client.get("/api/export/gexf?dynamic=true")
    assert static.status_code == dynamic.status_code == 200
    graph = etree.fromstring(dynamic.data).find("{*}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    assert b"spell" in dynamic.data and b"spell" not in static.data
    for bad, words in (("dynamic=maybe", "true or false"), ("dynamic=true&x=1", "unknown parameter")):
        refused = mini_client.get(f"/api/export/gexf?{bad}")
        assert refused.status_code == 400 and words in refused.get_json()["detail"]
    assert "gexf only" in mini_client.get("/api/export/graphml?dynamic=true").get_json()["detail"]
