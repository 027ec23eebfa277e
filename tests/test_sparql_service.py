"""The service's edges: the row cap (KG_MAX_ROWS) flags every cut result in every format, also rows whose
variables are all unbound; HEAD, OPTIONS and 405 answers."""
from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Dataset, Graph

from tests.browser.fixtures import make_app, mini_store  # noqa: F401

CAP = 3
UNBOUND = "SELECT ?x WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x-test:none> ?x } }"  # ~100 rows, ?x never bound
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
GRAPH_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/n-quads": "nquads",
                 "application/trig": "trig", "text/n3": "n3", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}


@pytest.fixture
def client(mini_store):
    return make_app(mini_store, max_rows=CAP).test_client()


def _rows(mime: str, body: bytes) -> int:
    if mime == "application/sparql-results+json":
        return len(json.loads(body)["results"]["bindings"])
    if mime == "application/sparql-results+xml":
        return body.count(b"<result>") + body.count(b"<result/>")
    if mime == "text/csv":
        return len(list(csv.reader(io.StringIO(body.decode(), newline="")))) - 1
    return body.decode().count("\n") - 1  # TSV: a header line, then one line per row (empty when all unbound)


@pytest.mark.parametrize("mime", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                                  "text/tab-separated-values"])
def test_sparql_row_cap_unbound_rows_are_counted_and_flagged(client, mime):
    response = client.get("/sparql", query_string={"query": UNBOUND}, headers={"Accept": mime})
    assert response.status_code == 200
    assert response.headers["X-KG-Truncated"] == "true" and response.headers["X-KG-Max-Rows"] == str(CAP)
    assert _rows(mime, response.data) == CAP
    if mime.endswith("json"):
        assert json.loads(response.data)["truncated"] is True


@pytest.mark.parametrize("mime", GRAPH_FORMATS)
def test_sparql_row_cap_graphs_in_every_format(client, mime):
    response = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": mime})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(mime)
    assert response.headers["X-KG-Truncated"] == "true"
    fmt = GRAPH_FORMATS[mime]
    graph = Dataset() if fmt in ("nquads", "trig") else Graph()
    graph.parse(data=response.data, format=fmt)
    assert len(graph) == CAP


def test_sparql_row_cap_not_flagged_within_it(client):
    response = client.get("/sparql", query_string={"query": UNBOUND + " LIMIT 2"},
                          headers={"Accept": "text/tab-separated-values"})
    assert "X-KG-Truncated" not in response.headers and response.data == b"?x\n\n\n"


def test_sparql_head_and_options(client):
    """HEAD answers as GET without the body; OPTIONS names the methods (CORS pre-flight)."""
    head = client.head("/sparql", query_string={"query": "ASK {}"})
    assert head.status_code == 200 and head.data == b"" and int(head.headers["Content-Length"]) > 0
    options = client.options("/sparql")
    assert options.status_code == 204 and "POST" in options.headers["Allow"]
    assert options.headers["Access-Control-Allow-Origin"] == "*"
    put = client.put("/update", data=b"CLEAR ALL")
    assert put.status_code == 405 and put.headers["Allow"] == "POST, OPTIONS" and put.get_json()["status"] == 405
