"""Hostile input to the JSON API: every query parameter, path key and export name, and POST /api/articles.

Each answer must be a 2xx or a 4xx in the one JSON error shape, never a 500, and no request may change
the store: user values are bound as SPARQL terms (VALUES), never spliced into query text.
"""
from __future__ import annotations

import json

import pytest

from kg.mapping.iris import entity_of_description
from kg.store.descriptions import PROV_DERIVED
from tests.browser.fixtures import TOKEN, make_app

pytestmark = pytest.mark.reliability("JSON API parameters, path keys and article bodies (issue 7)")

INJECTIONS = {
    "sparql-string-break": 'x" } ; DROP ALL ; #',
    "sparql-iri-break": "<http://evil>",
    "iri-then-update": "http://evil> } ; DROP ALL ; #",
    "iri-with-space": "https://w3id.org/conflict-kg/id/actor/a b",
    "single-quote": "x' } DROP ALL { '",
    "values-break": ') } } ; CLEAR ALL ; SELECT * { ("',
    "nul": "a\x00b",
    "control": "\x1c\x01",
    "c1-control": "a\x89b",
    "private-use": "\U00100000",
    "bidi": "\u202eevil",
    "variable": "?s",
    "long": "A" * 100_000,
    "huge-int": "9" * 40,
    "negative": "-1",
    "float": "1e3",
    "nan": "nan",
    "path-traversal": "../../../../etc/passwd",
    "encoded-traversal": "..%2F..%2Fetc%2Fpasswd",
}
# GET endpoints and their query parameters, as /openapi.json describes them (checked below).
ENDPOINTS = {
    "/api/actors": ["q", "limit", "offset"],
    "/api/actors/libyan-national-army": ["limit"],
    "/api/events": ["actor", "type", "place", "country", "from", "to", "article", "min_confidence", "limit", "offset",
                    "source", "date_precision", "place_precision", "min_fatalities", "corroborated_by", "min_sources"],
    "/api/articles": ["limit", "offset"],
    "/api/map": ["actor", "type", "place", "country", "from", "to", "article", "min_confidence", "limit", "source",
                 "min_fatalities"],
    "/api/network": ["type", "place", "country", "from", "to", "article", "min_confidence", "date_precision",
                     "corroborated_by", "directed", "min_weight", "top", "metric", "ego", "radius"],
    "/api/paths": ["source", "target", "k", "weighted", "place", "sources", "min_sources"],
    "/api/neighbours": ["actor", "hops", "country", "place_precision"],
    "/api/centrality": ["metric", "top", "k", "article", "source"],
    "/api/communities": ["from", "to", "type", "min_fatalities"],
    "/api/export/gexf": ["graph", "article", "place", "source", "min_sources"],
    "/api/export/nquads": ["article", "from", "date_precision"],
    "/api/export/turtle": ["article", "type"],
}
CASES = [(path, name) for path, names in ENDPOINTS.items() for name in names]


@pytest.fixture
def hostile_client(seeded_store):
    """A writable app (token set) over a copy of the seeded store, and the store."""
    return make_app(seeded_store, token=TOKEN, readonly=False).test_client(), seeded_store


def _fingerprint(store) -> tuple:
    return store.triple_count(), tuple(store.graphs())


def _assert_clean(response) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        body = response.get_json()
        assert body["ok"] is False and body["status"] == response.status_code and body["detail"]
        assert "Traceback" not in body["detail"]


@pytest.mark.parametrize("path, name", CASES, ids=[f"{p}?{n}" for p, n in CASES])
def test_hostile_api_parameter_values_are_bound_not_spliced(hostile_client, path, name):
    client, store = hostile_client
    before = _fingerprint(store)
    required = {"/api/paths": {"source": "Khalifa Haftar", "target": "Fayez al-Sarraj"},
                "/api/neighbours": {"actor": "Khalifa Haftar"}}.get(path, {})
    for label, payload in INJECTIONS.items():
        response = client.get(path, query_string={**required, name: payload})
        _assert_clean(response)
        if response.status_code == 200 and response.is_json:
            text = json.dumps(response.get_json())
            assert "DROP ALL" not in text or name == "q", f"{label}: the payload came back as data"
    assert _fingerprint(store) == before


def test_hostile_api_matrix_covers_the_documented_parameters(hostile_client):
    client, _ = hostile_client
    documented = client.get("/openapi.json").get_json()["paths"]
    for path, names in ENDPOINTS.items():
        template = next(p for p in documented if p == path or p.replace("{key}", "libyan-national-army") == path
                        or p.replace("{fmt}", path.rsplit("/", 1)[-1]) == path)
        known = {p["name"] for p in documented[template]["get"]["parameters"] if p["in"] == "query"}
        assert set(names) <= known, f"{path}: {set(names) - known} not documented"


KEYS = {label: payload for label, payload in INJECTIONS.items() if label not in ("long",)}


@pytest.mark.parametrize("route", ["/api/actors/", "/api/events/", "/api/articles/", "/actors/", "/events/",
                                   "/articles/", "/api/export/"])
def test_hostile_api_path_keys(hostile_client, route):
    client, store = hostile_client
    before = _fingerprint(store)
    for label, payload in KEYS.items():
        from urllib.parse import quote

        response = client.get(route + quote(payload, safe=""))
        assert response.status_code in (200, 400, 404), (label, response.status_code)
        _assert_clean(response)
    assert _fingerprint(store) == before


@pytest.mark.parametrize("url", [
    "/static/../../kg/config.py", "/static/%2e%2e/%2e%2e/kg/config.py", "/static/..%2f..%2fkg%2fconfig.py",
    "/api/export/..%2F..%2Fetc%2Fpasswd", "/api/export/../../etc/passwd", "/api/export/gexf/../../../etc/passwd",
], ids=["dotdot", "encoded-dots", "encoded-slashes", "export-encoded", "export-dotdot", "export-suffix"])
def test_hostile_api_path_traversal_finds_nothing(hostile_client, url):
    client, _ = hostile_client
    response = client.get(url)
    assert response.status_code == 404 and b"Settings" not in response.get_data() and b"root:" not in response.get_data()


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv", "json", "turtle", "nquads"])
def test_hostile_api_export_file_names_never_carry_input(hostile_client, fmt):
    import re

    client, _ = hostile_client
    response = client.get(f"/api/export/{fmt}", query_string={"graph": "actor", "article": ""})
    assert response.status_code == 200
    name = re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"]).group(1)
    assert re.fullmatch(r"conflict-kg[\w.-]*", name) and "/" not in name
    bad = client.get(f"/api/export/{fmt}", query_string={"graph": "../../etc/passwd"})
    assert bad.status_code in (200, 400) and "passwd" not in bad.headers.get("Content-Disposition", "")


GOOD = {"id": "hostile-ok", "date": "2020-01-01", "text": "Rebels attacked the town of Sirte on Friday."}
BODIES = [
    ("empty", b"", "application/json", 400),
    ("not-json", b"id=1&text=x", "application/json", 400),
    ("binary", bytes(range(256)) * 4, "application/json", 400),
    ("latin-1", '{"id": "l", "date": "2020-01-01", "text": "Caf\xe9 bombed."}'.encode("latin-1"), "application/json", 400),
    ("json-array", b"[1, 2, 3]", "application/json", 400),
    ("json-string", b'"text"', "application/json", 400),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000, "application/json", 400),
    ("deep-object", b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "application/json", 400),
    ("wrong-type", json.dumps(GOOD).encode(), "text/plain", 400),
    ("lone-surrogate", b'{"id": "s", "date": "2020-01-01", "text": "Rebels \\ud800 attacked."}', "application/json", 400),
    ("nul-in-text", json.dumps({**GOOD, "text": "Rebels\x00 attacked."}).encode(), "application/json", 400),
    ("id-object", json.dumps({**GOOD, "id": {"a": 1}}).encode(), "application/json", 400),
    ("id-bool", json.dumps({**GOOD, "id": True}).encode(), "application/json", 400),
    ("title-list", json.dumps({**GOOD, "title": [1, 2]}).encode(), "application/json", 400),
    ("text-number", json.dumps({**GOOD, "text": 5}).encode(), "application/json", 400),
    ("text-blank", json.dumps({**GOOD, "text": " \n\t "}).encode(), "application/json", 400),
    ("date-number", json.dumps({**GOOD, "date": 20200101}).encode(), "application/json", 400),
    ("date-year-99999", json.dumps({**GOOD, "date": "99999-01-01"}).encode(), "application/json", 400),
    ("date-injection", json.dumps({**GOOD, "date": '2020-01-01" } ; DROP ALL ; #'}).encode(), "application/json", 400),
    ("text-250k-chars", json.dumps({**GOOD, "text": "Rebels attacked. " * 15_000}).encode(), "application/json", 400),
    ("body-10mb", json.dumps({**GOOD, "text": "x" * 10_000_000}).encode(), "application/json", 413),
]


@pytest.mark.parametrize("body, ctype, status", [b[1:] for b in BODIES], ids=[b[0] for b in BODIES])
def test_hostile_api_ingest_bodies_are_refused(hostile_client, body, ctype, status):
    client, store = hostile_client
    before = _fingerprint(store)
    response = client.post("/api/articles", data=body, headers={"Authorization": f"Bearer {TOKEN}",
                                                                "Content-Type": ctype})
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    _assert_clean(response)
    assert _fingerprint(store) == before


@pytest.mark.parametrize("article_id", ["../../etc/passwd", "a\nb> <x", 'x" } ; DROP ALL ; #', "<http://evil>"],
                         ids=["traversal", "newline-iri", "sparql-break", "iri"])
def test_hostile_api_ingest_ids_become_safe_iris(hostile_client, article_id):
    client, store = hostile_client
    graphs = set(store.graphs())
    response = client.post("/api/articles", json={**GOOD, "id": article_id},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.get_data(as_text=True)
    iri = response.get_json()["article"]["iri"]
    import re

    assert re.fullmatch(r"https://w3id.org/conflict-kg/id/article/[a-z0-9-]+", iri)
    new = set(store.graphs()) - graphs
    assert iri in new  # one new article graph, and the descriptions of its actors and places
    assert all(entity_of_description(g) for g in new - {iri}), new
    users = store.select(f"SELECT ?d ?u WHERE {{ GRAPH ?d {{ ?d <{PROV_DERIVED}> ?u }} }}")
    assert {r["d"] for r in users if r["u"] == iri} >= new - {iri}
