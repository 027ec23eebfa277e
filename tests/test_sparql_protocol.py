"""The SPARQL 1.1 Protocol at /sparql over HTTP on loopback: media types, errors, limits, CORS."""
from __future__ import annotations

import csv
import io
import json
import threading
import time

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import Namespace

from kg.store import open_store
from tests.browser.fixtures import TOKEN, load_trig, make_app, mini_server  # noqa: F401
from tests.browser.live import live_server

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
PREFIX = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
EVENTS = PREFIX + "SELECT ?e WHERE { ?e a ckg:Event } ORDER BY ?e"
CONSTRUCT = PREFIX + "CONSTRUCT { ?e a ckg:Event } WHERE { ?e a ckg:Event }"
# A connected pattern that still multiplies (a six-way star: ~12 million rows on the mini store, ~6 s);
# a cartesian product of unrelated patterns would be refused before it ran (api/guard.py).
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?a ?e ?f . ?a ?h ?i . ?a ?j ?k . ?a ?l ?m . ?a ?n2 ?o }"


def _get(server, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    return requests.get(f"{server.url}/sparql", params={"query": query, **params}, headers=headers, timeout=30)


@pytest.mark.parametrize("accept, ctype", [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.9, text/csv", "text/csv"),
], ids=["default", "json", "plain-json", "xml", "csv", "tsv", "q-values"])
def test_sparql_protocol_select_media_types(mini_server, accept, ctype):
    response = _get(mini_server, EVENTS, accept)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == ctype
    body = response.text
    if "json" in ctype:
        assert len(json.loads(body)["results"]["bindings"]) == 4
    elif "xml" in ctype:
        assert body.count("<result>") == 4
    elif ctype == "text/csv":
        assert len(list(csv.reader(io.StringIO(body)))) == 5
    else:
        assert len(body.strip().splitlines()) == 5


@pytest.mark.parametrize("accept, fmt", [
    (None, "turtle"), ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
], ids=["default", "turtle", "ntriples", "jsonld", "rdfxml"])
def test_sparql_protocol_construct_media_types(mini_server, accept, fmt):
    response = _get(mini_server, CONSTRUCT, accept)
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=fmt)
    assert len(graph) == 4


def test_sparql_protocol_ask_and_post_forms(mini_server):
    ask = PREFIX + "ASK { ?e ckg:trigger \"shelled\" }"
    form = requests.post(f"{mini_server.url}/sparql", data={"query": ask}, timeout=30)
    direct = requests.post(f"{mini_server.url}/sparql", data=ask.encode(),
                           headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert form.json()["boolean"] is True and direct.json()["boolean"] is True


def test_sparql_protocol_dataset_parameters(mini_server):
    query = PREFIX + "SELECT ?e WHERE { ?e a ckg:Event }"
    alpha = _get(mini_server, query, **{"default-graph-uri": "https://w3id.org/conflict-kg/id/article/alpha"})
    assert len(alpha.json()["results"]["bindings"]) == 3


@pytest.mark.parametrize("method, kwargs, status, words", [
    ("get", {"params": {"query": "SELECT * WHERE { ?s ?p "}}, 400, "1:"),
    ("get", {"params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"}}, 400, "SERVICE"),
    ("get", {"params": {"query": "SELECT * WHERE { SERVICE SILENT ?x { ?s ?p ?o } }"}}, 400, "SERVICE"),
    ("get", {"params": {"query": EVENTS}, "headers": {"Accept": "image/png"}}, 406, "served as"),
    ("get", {"params": {"query": CONSTRUCT}, "headers": {"Accept": "image/png, text/html"}}, 406, "served as"),
    ("get", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "exactly one"),
    ("get", {"params": {"update": "CLEAR ALL"}}, 400, "POST"),
    ("get", {"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400, "absolute IRI"),
    ("post", {"data": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415, "application/sparql-query"),
    ("post", {"data": "ASK {}".encode("utf-16"),
              "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"}}, 415, "UTF-8"),
    ("post", {"data": {"update": "CLEAR ALL"}}, 403, "read-only"),
    ("put", {"data": b"ASK {}"}, 405, ""),
], ids=["syntax", "service", "service-silent", "not-acceptable", "graph-not-acceptable", "two-queries", "update-by-get",
        "bad-graph-iri", "wrong-media-type", "utf16", "update-read-only", "put"])
def test_sparql_protocol_errors(mini_server, method, kwargs, status, words):
    response = getattr(requests, method)(f"{mini_server.url}/sparql", timeout=30, **kwargs)
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False and body["status"] == status and words in body["detail"]


def test_sparql_protocol_syntax_error_positions_are_the_clients(mini_server):
    detail = _get(mini_server, "SELECT ?x WHERE { ?x ?y }").json()["detail"]
    assert "1:" in detail and "BASE" not in detail
    column = int(detail.split("1:", 1)[1].split(":")[0].split()[0].rstrip(","))
    assert column <= len("SELECT ?x WHERE { ?x ?y }") + 1


def test_sparql_protocol_service_word_in_strings_is_fine(mini_server):
    response = _get(mini_server, 'SELECT * WHERE { ?s ?p "SERVICE <http://e.org/>" } # SERVICE')
    assert response.status_code == 200


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/rdf+xml", "xml"), ("application/n-triples", "nt")])
def test_sparql_protocol_service_description(mini_server, accept, fmt):
    response = requests.get(f"{mini_server.url}/sparql", headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=fmt)
    endpoint = URIRef(f"{mini_server.url}/sparql")
    assert (endpoint, SD.endpoint, endpoint) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Update) not in graph


def test_sparql_protocol_cors_preflight_and_simple(mini_server):
    pre = requests.options(f"{mini_server.url}/sparql", timeout=30, headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code in (200, 204)
    assert pre.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "content-type" in pre.headers["Access-Control-Allow-Headers"].lower()
    simple = _get(mini_server, "ASK {}")
    assert simple.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-KG-Truncated" in simple.headers["Access-Control-Expose-Headers"]


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory):
    """A server that keeps 2 rows per result and stops waiting for a query after 0.5 s."""
    store = open_store(str(tmp_path_factory.mktemp("limited") / "store"))
    load_trig(store)
    with live_server(make_app(store, max_rows=2, query_timeout=0.5)) as server:
        yield server
    store.close()


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values", "application/n-triples"])
def test_sparql_protocol_truncates_at_max_rows(limited_server, accept):
    query = CONSTRUCT if "n-triples" in accept else EVENTS
    response = _get(limited_server, query, accept)
    assert response.status_code == 200
    assert response.headers["X-KG-Truncated"] == "true" and response.headers["X-KG-Max-Rows"] == "2"
    if "json" in accept:
        data = response.json()
        assert len(data["results"]["bindings"]) == 2 and data["truncated"] is True and "LIMIT" in data["note"]
    elif "xml" in accept:
        assert response.text.count("<result>") == 2
        assert response.text.rstrip().endswith("</sparql>")
    else:
        header = 0 if "n-triples" in accept else 1
        assert len(response.text.strip().splitlines()) == 2 + header


def test_sparql_protocol_small_results_are_not_truncated(limited_server):
    response = _get(limited_server, EVENTS + " LIMIT 2")
    assert "X-KG-Truncated" not in response.headers and "truncated" not in response.json()


def test_sparql_protocol_time_limit_does_not_block_others(limited_server):
    answers = {}

    def slow():
        started = time.perf_counter()
        answers["slow"] = _get(limited_server, SLOW)
        answers["slow_seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.1)
    started = time.perf_counter()
    fast = requests.get(f"{limited_server.url}/api/stats", timeout=30)
    fast_seconds = time.perf_counter() - started
    thread.join(timeout=30)
    assert fast.status_code == 200 and fast_seconds < 0.5
    assert answers["slow"].status_code == 503 and answers["slow_seconds"] < 2.0
    assert "KG_QUERY_TIMEOUT" in answers["slow"].json()["detail"]
    assert answers["slow"].headers["Retry-After"]


def test_sparql_protocol_sparqlwrapper_client(mini_server):
    from SPARQLWrapper import JSON, SPARQLWrapper, TURTLE

    client = SPARQLWrapper(f"{mini_server.url}/sparql")
    client.setQuery(EVENTS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["e"]["value"].rsplit("/", 1)[-1] for r in rows] == ["a1", "a2", "a3", "b1"]
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 4


def test_sparql_protocol_rdflib_sparqlstore_client(mini_server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(f"{mini_server.url}/sparql"))
    rows = list(graph.query(PREFIX + 'SELECT ?label WHERE { ?a a ckg:Actor ; <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label'))
    assert sorted({str(r[0]) for r in rows}) == ["Army A", "Council C", "Group D", "Militia B"]
    assert graph.query(PREFIX + "ASK { ?e ckg:trigger \"detained\" }").askAnswer is True
