"""POST /api/articles with an `origin` (what `kg watch` sends beside a server): kept as the article's
ckg:Retrieval; a bad origin is a 400 naming the field; without one, the request is the origin."""
from __future__ import annotations

import pytest
import requests

from kg.sources.origin import origin_from_json
from kg.errors import InputError
from tests.browser.fixtures import TOKEN, make_app, mini_store  # noqa: F401
from tests.browser.live import live_server

TEXT = ("Forces loyal to Khalifa Haftar shelled the Mitiga airport in Tripoli on Sunday, officials said. "
        "The airport was closed for the rest of the day.")
QUERY = ("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
         "SELECT ?id ?format ?file ?when WHERE { GRAPH ?a { ?a ckg:sourceId ?id ; ckg:retrievedBy ?r . "
         "?r ckg:inputFormat ?format ; prov:endedAtTime ?when . OPTIONAL { ?r ckg:sourceFile ?file } } } ORDER BY ?id")


@pytest.fixture
def writable(mini_store):
    with live_server(make_app(mini_store, token=TOKEN, readonly=False)) as server:
        yield server


def post(server, body):
    return requests.post(f"{server.url}/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"},
                         timeout=120)


def test_sources_origin_is_kept_and_defaults_to_the_request(writable):
    given = post(writable, {"id": "o-1", "date": "2019-04-08", "text": TEXT,
                            "origin": {"format": "html", "file": "inbox/o-1.html", "retrieved": "2019-04-08T10:00:00Z"}})
    assert given.status_code == 201, given.text
    plain = post(writable, {"id": "o-2", "date": "2019-04-08", "text": TEXT.replace("Sunday", "Monday")})
    assert plain.status_code == 201, plain.text
    rows = requests.get(f"{writable.url}/sparql", params={"query": QUERY},
                        headers={"Accept": "application/sparql-results+json"}, timeout=30).json()["results"]["bindings"]
    got = {r["id"]["value"]: (r["format"]["value"], r.get("file", {}).get("value"), r["when"]["value"]) for r in rows}
    assert got["o-1"] == ("html", "inbox/o-1.html", "2019-04-08T10:00:00Z")  # the store writes UTC as Z
    assert got["o-2"][0] == "api" and got["o-2"][1] is None


@pytest.mark.parametrize("origin, words", [
    ("inbox/a.html", "must be an object"),
    ({"format": "pdf"}, "origin.format"),
    ({"format": "txt", "host": "x"}, "unknown 'origin' field 'host'"),
    ({"format": "txt", "file": 12}, "'origin.file' must be a string"),
    ({"format": "txt", "retrieved": "yesterday"}, "not an ISO date-time"),
], ids=["not-object", "format", "unknown-field", "file-type", "time"])
def test_sources_origin_bad_values_are_a_400_naming_the_field(writable, origin, words):
    response = post(writable, {"id": "bad", "date": "2019-04-08", "text": TEXT, "origin": origin})
    assert response.status_code == 400 and words in response.json()["detail"], response.text


def test_sources_origin_naive_times_are_utc():
    origin = origin_from_json({"format": "txt", "retrieved": "2019-04-08T10:00:00"}, where="x")
    assert origin.retrieved.isoformat() == "2019-04-08T10:00:00+00:00"
    with pytest.raises(InputError, match="x: 'origin.format'"):
        origin_from_json({}, where="x")
