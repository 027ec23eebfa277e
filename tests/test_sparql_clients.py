"""Real SPARQL clients, unmodified, against /sparql over HTTP on loopback.

SPARQLWrapper (every return format, GET and both POSTs: 52 cases), rdflib's SPARQLStore and
SPARQLUpdateStore (every return format and method, updates with the bearer header: 47 cases),
and `requests` with the Accept headers Jena, Comunica and YASGUI send. Warnings are errors
(pyproject), so a client that warns about an unexpected content type fails its test.
"""
from __future__ import annotations

import csv
import io
import json
import warnings

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, URLENCODED, XML, \
    SPARQLWrapper

from kg.store import open_store
from tests.browser.fixtures import TOKEN, load_trig, make_app
from tests.browser.live import live_server

CKG = "https://w3id.org/conflict-kg/ontology#"
SELECT = f"SELECT ?e WHERE {{ ?e a <{CKG}Event> }} ORDER BY ?e"
ASK = f"ASK {{ ?e a <{CKG}Event> }}"
CONSTRUCT = f"CONSTRUCT {{ ?e a <{CKG}Event> }} WHERE {{ ?e a <{CKG}Event> }}"
DESCRIBE = "DESCRIBE <https://w3id.org/conflict-kg/id/event/a1>"
METHODS = {"get": (GET, None), "post-form": (POST, URLENCODED), "post-direct": (POST, POSTDIRECTLY)}
EVENTS = 4  # in tests/data/api/mini.trig


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server with the token over a store holding tests/data/api/mini.trig (updates only add a test graph)."""
    store = open_store(str(tmp_path_factory.mktemp("clients") / "store"))
    load_trig(store)
    with live_server(make_app(store, token=TOKEN, readonly=False)) as live:
        yield live
    store.close()


def _wrapper(server, query: str, fmt, method: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(query)
    if fmt is not None:
        client.setReturnFormat(fmt)
    verb, encoding = METHODS[method]
    client.setMethod(verb)
    if encoding:
        client.setRequestMethod(encoding)
    return client


def _check_table(result, fmt, form: str) -> None:
    if fmt == JSON:
        assert result["boolean"] is True if form == "ask" else len(result["results"]["bindings"]) == EVENTS
    elif fmt in (XML, None):
        if form == "ask":
            assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
        else:
            assert len(result.getElementsByTagName("result")) == EVENTS
    else:
        rows = list(csv.reader(io.StringIO(result.decode("utf-8")), delimiter="," if fmt == CSV else "\t"))
        assert len(rows) == EVENTS + 1


def _check_graph(result, fmt, size: int) -> None:
    if isinstance(result, Graph):
        graph = result
    else:
        parsed = json.dumps(result) if isinstance(result, (dict, list)) else result
        graph = Graph().parse(data=parsed, format={TURTLE: "turtle", N3: "n3", JSONLD: "json-ld",
                                                    JSON: "json-ld"}.get(fmt, "xml"))
    assert len(graph) >= size


TABLE_CASES = [(form, fmt, method) for form, formats in (("select", (JSON, XML, CSV, TSV)), ("ask", (JSON, XML)))
               for fmt in formats for method in METHODS]
GRAPH_CASES = [(form, fmt, method) for form, formats in (("construct", (XML, RDFXML, TURTLE, N3, JSONLD, JSON)),
                                                         ("describe", (XML, TURTLE, N3, JSONLD)))
               for fmt in formats for method in METHODS]


@pytest.mark.parametrize("form, fmt, method", TABLE_CASES, ids=[f"{f}-{t}-{m}" for f, t, m in TABLE_CASES])
def test_sparql_clients_sparqlwrapper_results(server, form, fmt, method):
    client = _wrapper(server, SELECT if form == "select" else ASK, fmt, method)
    _check_table(client.queryAndConvert(), fmt, form)


@pytest.mark.parametrize("form, fmt, method", GRAPH_CASES, ids=[f"{f}-{t}-{m}" for f, t, m in GRAPH_CASES])
def test_sparql_clients_sparqlwrapper_graphs(server, form, fmt, method):
    client = _wrapper(server, CONSTRUCT if form == "construct" else DESCRIBE, fmt, method)
    if fmt == JSON:  # SPARQLWrapper itself warns that JSON is no graph format, then sends Accept: */* and format=json
        with pytest.warns(RuntimeWarning, match="unexpected returned format"):
            result = client.queryAndConvert()
    else:
        result = client.queryAndConvert()
    _check_graph(result, fmt, EVENTS if form == "construct" else 2)


@pytest.mark.parametrize("query, size", [(SELECT, EVENTS), (CONSTRUCT, EVENTS)], ids=["select", "construct"])
def test_sparql_clients_sparqlwrapper_default_format(server, query, size):
    """A bare queryAndConvert(): SPARQLWrapper asks for XML (RDF/XML for a graph) with format=xml."""
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(query)
    result = client.queryAndConvert()
    if query == SELECT:
        assert len(result.getElementsByTagName("result")) == size
    else:
        assert isinstance(result, Graph) and len(result) == size


@pytest.mark.parametrize("method", ["post-form", "post-direct"])
def test_sparql_clients_sparqlwrapper_update_with_token(server, method):
    graph = f"urn:x-test:sparqlwrapper-{method}"
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.setMethod(POST)
    client.setRequestMethod(URLENCODED if method == "post-form" else POSTDIRECTLY)
    client.setQuery(f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:x-test:s> <urn:x-test:p> "{method}" }} }}')
    assert client.query().response.status == 204
    check = SPARQLWrapper(f"{server.url}/sparql")
    check.setQuery(f"ASK {{ GRAPH <{graph}> {{ ?s ?p \"{method}\" }} }}")
    check.setReturnFormat(JSON)
    assert check.queryAndConvert()["boolean"] is True


RDFLIB_METHODS = ["GET", "POST", "POST_FORM"]
RDFLIB_CASES = [(form, fmt, method) for form, formats in (("select", ("xml", "json", "csv", "tsv")), ("ask", ("xml", "json")),
                                                          ("construct", ("xml", "json", "csv", "tsv")),
                                                          ("describe", ("xml", "json", "csv", "tsv")))
                for fmt in formats for method in RDFLIB_METHODS]
QUERIES = {"select": SELECT, "ask": ASK, "construct": CONSTRUCT, "describe": DESCRIBE}


@pytest.mark.parametrize("form, fmt, method", RDFLIB_CASES, ids=[f"{f}-{t}-{m}" for f, t, m in RDFLIB_CASES])
def test_sparql_clients_rdflib_sparqlstore(server, form, fmt, method):
    """rdflib sends only the types of its returnFormat (a SELECT type for a CONSTRUCT too) and parses what comes."""
    store = SPARQLStore(f"{server.url}/sparql", returnFormat=fmt, method=method)
    result = Graph(store).query(QUERIES[form])
    if form == "ask":
        assert result.askAnswer is True
    elif form == "select":
        assert [str(row[0]) for row in result] == sorted(str(row[0]) for row in result) and len(result) == EVENTS
    else:
        assert len(result.graph) >= (EVENTS if form == "construct" else 2)


def _update_store(server) -> SPARQLUpdateStore:
    return SPARQLUpdateStore(f"{server.url}/sparql", f"{server.url}/update", returnFormat="json",
                             headers={"Authorization": f"Bearer {TOKEN}"}, autocommit=True)


def test_sparql_clients_rdflib_update_store_adds_and_removes(server):
    store = _update_store(server)
    graph = Graph(store, identifier=URIRef("urn:x-test:rdflib"))
    triple = (URIRef("urn:x-test:s"), URIRef("urn:x-test:p"), Literal("rdflib"))
    graph.add(triple)
    assert triple in graph and len(graph) == 1
    graph.remove(triple)
    assert triple not in graph and len(graph) == 0


def test_sparql_clients_rdflib_update_store_update_text(server):
    store = _update_store(server)
    store.update('INSERT DATA { GRAPH <urn:x-test:rdflib-text> { <urn:x-test:s> <urn:x-test:p> "text" } }')
    assert bool(Graph(store).query('ASK { GRAPH <urn:x-test:rdflib-text> { ?s ?p "text" } }').askAnswer)


def test_sparql_clients_rdflib_update_store_refused_without_token(server):
    store = SPARQLUpdateStore(f"{server.url}/sparql", f"{server.url}/update", autocommit=True)
    with pytest.raises(Exception, match="401"):
        store.update('INSERT DATA { <urn:x-test:s> <urn:x-test:p> "no token" }')


def test_sparql_clients_rdflib_store_triples_and_contexts(server):
    store = SPARQLStore(f"{server.url}/sparql", returnFormat="json")
    events = list(store.triples((None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(CKG + "Event"))))
    assert len(events) == EVENTS
    assert URIRef("https://w3id.org/conflict-kg/id/article/alpha") in {getattr(c, "identifier", c) for c in store.contexts()}


def test_sparql_clients_rdflib_store_len(server):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # rdflib warns that len() counts the whole default graph
        assert len(SPARQLStore(f"{server.url}/sparql", returnFormat="json")) > EVENTS


ACCEPTS = {  # the Accept headers as these clients send them
    "jena-select": (SELECT, "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
                            "text/tab-separated-values;q=0.7, text/csv;q=0.5, application/json;q=0.2, "
                            "application/xml;q=0.2, */*;q=0.1", "application/sparql-results+json"),
    "jena-ask": (ASK, "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/plain;q=0.2, "
                      "*/*;q=0.1", "application/sparql-results+json"),
    "jena-construct": (CONSTRUCT, "text/turtle, application/n-triples;q=0.9, application/ld+json;q=0.8, "
                                  "application/rdf+xml;q=0.7, */*;q=0.5", "text/turtle"),
    "comunica-select": (SELECT, "application/sparql-results+json", "application/sparql-results+json"),
    "comunica-construct": (CONSTRUCT, "application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,"
                                      "application/n-triples;q=0.8,text/turtle;q=0.6,application/rdf+xml;q=0.5,"
                                      "text/n3;q=0.35,application/xml;q=0.3,text/xml;q=0.3,text/html;q=0.2,"
                                      "application/json;q=0.135", "application/n-quads"),
    "yasgui-select": (SELECT, "application/sparql-results+json,*/*;q=0.9", "application/sparql-results+json"),
    "yasgui-construct": (CONSTRUCT, "text/turtle,*/*;q=0.9", "text/turtle"),
    "charset-json": (SELECT, "application/sparql-results+json; charset=utf-8", "application/sparql-results+json"),
    "charset-turtle": (CONSTRUCT, "text/turtle;charset=utf-8", "text/turtle"),
    "trig-only": (CONSTRUCT, "application/trig", "application/trig"),
    "n3-only": (DESCRIBE, "text/n3", "text/n3"),
    "results-type-on-graph": (CONSTRUCT, "application/sparql-results+json, */*;q=0.1", "text/turtle"),
    "q-zero": (SELECT, "application/sparql-results+xml;q=0, text/csv", "text/csv"),
}
PARSERS = {"text/turtle": "turtle", "application/n-quads": "nquads", "application/trig": "trig", "text/n3": "n3"}


@pytest.mark.parametrize("query, accept, ctype", ACCEPTS.values(), ids=ACCEPTS.keys())
def test_sparql_clients_accept_headers(server, query, accept, ctype):
    response = requests.get(f"{server.url}/sparql", params={"query": query}, headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == f"{ctype}; charset=utf-8"
    if ctype in PARSERS:
        assert len(Graph().parse(data=response.content, format=PARSERS[ctype])) >= 2
    elif "json" in ctype:
        body = response.json()
        assert body.get("boolean") is True or len(body["results"]["bindings"]) == EVENTS
    else:
        assert len(response.text.strip().splitlines()) == EVENTS + 1


@pytest.mark.parametrize("name, value, ctype", [
    ("format", "xml", "application/sparql-results+xml"), ("output", "json", "application/sparql-results+json"),
    ("results", "csv", "text/csv"), ("format", "text/tab-separated-values", "text/tab-separated-values"),
    ("format", "no-such-format", "text/csv"),  # unknown: the Accept header decides
], ids=["format-xml", "output-json", "results-csv", "media-type", "unknown-falls-back"])
def test_sparql_clients_format_parameters(server, name, value, ctype):
    response = requests.get(f"{server.url}/sparql", params={"query": SELECT, name: value},
                            headers={"Accept": "text/csv"}, timeout=30)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(ctype)
