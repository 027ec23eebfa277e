"""The W3C SPARQL 1.1 Protocol tests (shared/w3c-sparql11-protocol-tests/manifest.ttl), over HTTP.

Each mf:ProtocolTest's requests are sent with http.client (urllib would add a form content
type and hide the bad_*_missing_*_type cases) to a real waitress server on loopback: query
tests to a read-only server, update tests (and bad_update_*) to one with a token, whose
store is reloaded before each test. The store holds data1..3.nt in the named graphs
http://kasei.us/2009/09/sparql/data/dataN.rdf, as the manifest's ut:graphData asks.
"""
from __future__ import annotations

import http.client
import json
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from kg.config import Settings
from kg.store import open_store
from tests.browser.live import live_server

ROOT = Path(__file__).resolve().parents[1]
SUITE = next((p for p in (Path(__file__).parent / "data" / "w3c-sparql11-protocol-tests",
                          ROOT.parent / "shared" / "w3c-sparql11-protocol-tests",
                          Path("/work/shared/w3c-sparql11-protocol-tests")) if p.exists()), None)
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
TOKEN = "w3c-test-token"
TABULAR = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld"}

pytestmark = pytest.mark.skipif(SUITE is None, reason="shared/w3c-sparql11-protocol-tests is not beside the repo")


def _manifest():
    graph = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID="http://w3c.test/manifest.ttl")
    entries = graph.value(URIRef("http://w3c.test/manifest.ttl"), MF.entries)
    tests = []
    for test in Collection(graph, entries):
        requests = []
        for req in Collection(graph, graph.value(graph.value(test, MF.action), HT.requests)):
            headers = {}
            header_list = graph.value(req, HT.headers)
            for h in (Collection(graph, header_list) if header_list else []):
                headers[str(graph.value(h, HT.fieldName))] = str(graph.value(h, HT.fieldValue))
            body = graph.value(req, HT.body)
            resp = graph.value(req, HT.resp)
            requests.append({
                "method": str(graph.value(req, HT.methodName)),
                "path": str(graph.value(req, HT.absolutePath)),
                "headers": headers,
                "body": str(graph.value(body, CNT.chars)) if body is not None else None,
                "status": sorted(str(s).rsplit("StatusCode", 1)[-1] for s in graph.objects(resp, MF.expectedStatus)),
                "format": str(graph.value(resp, MF.expectedFormat) or "") or None,
                "boolean": graph.value(resp, MF.expectedBoolean),
            })
        data = [(str(graph.value(d, RDFS.label)), Path(str(graph.value(d, UT.graph))).name)
                for d in graph.objects(test, UT.graphData)]
        name = str(test).rsplit("#", 1)[-1]
        tests.append(pytest.param(name, requests, data, id=name))
    return tests


TESTS = _manifest() if SUITE else []


def _load(store, data=None):
    store.update("DROP SILENT ALL")
    for graph_iri, filename in data or [(f"http://kasei.us/2009/09/sparql/data/data{i}.rdf", f"data{i}.nt")
                                        for i in (1, 2, 3)]:
        store.put_graph(graph_iri, (SUITE / filename).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """A read-only server and a token-enabled one, each over its own store."""
    from api import create_app

    made = {}
    for kind in ("query", "update"):
        path = tmp_path_factory.mktemp(f"w3c-{kind}") / "store"
        store = open_store(str(path))
        _load(store)
        settings = Settings(store=str(path), token=TOKEN if kind == "update" else "",
                            readonly=kind != "update")
        made[kind] = (store, live_server(create_app(settings, store=store)))
    running = {kind: (store, cm.__enter__()) for kind, (store, cm) in made.items()}
    yield running
    for kind, (store, cm) in made.items():
        cm.__exit__(None, None, None)
        store.close()


def _send(server, req, token):
    path = req["path"].replace("/sparql/", "/sparql", 1)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    headers = dict(req["headers"])
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = req["body"].encode("utf-8") if req["body"] is not None else None
    if body is not None and "charset=UTF-16" in headers.get("content-type", ""):
        body = req["body"].encode("utf-16")
    conn.request(req["method"], path, body=body, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    conn.close()
    return response.status, response.getheader("Content-Type", ""), payload


def _boolean(ctype: str, payload: bytes) -> bool:
    if "json" in ctype:
        return json.loads(payload)["boolean"]
    assert "xml" in ctype, ctype
    return b"<boolean>true</boolean>" in payload


def _check(req, status, ctype, payload):
    assert f"{str(status)[0]}xx" in req["status"], (status, req["status"], payload[:300])
    mime = ctype.split(";")[0].strip()
    if req["format"] in ("boolean", "tabular"):
        assert mime in TABULAR, mime
    if req["format"] == "RDF":
        assert mime in RDF_TYPES, mime
        Graph().parse(data=payload, format=RDF_TYPES[mime])
    if req["boolean"] is not None:
        assert _boolean(mime, payload) is req["boolean"].toPython()


@pytest.mark.parametrize("name, requests, data", TESTS)
def test_sparql_w3c_protocol(servers, name, requests, data):
    kind = "update" if "update" in name else "query"
    store, server = servers[kind]
    if kind == "update":
        _load(store)
    for req in requests:
        _check(req, *_send(server, req, TOKEN if kind == "update" else None))


def test_sparql_w3c_manifest_has_34_tests():
    assert len(TESTS) == 34
