"""The SPARQL store (kg.store.sparql) against real Oxigraph and Virtuoso servers on loopback.

tests/test_store.py runs the whole store interface on both servers; these tests cover what
only a remote store has: endpoint URLs, credentials, network failures, batched writes, large
graphs and results, blank nodes, and the Graph Store Protocol.
"""
from __future__ import annotations

import socket

import pytest

from kg.errors import QueryError, StoreError
from kg.pipeline import ensure_ontology
from kg.store import open_store
from kg.store.batch import ArticleGraph, put_articles, stored_hashes
from kg.store.sparql import SparqlStore, endpoints_from_url
from kg.store.validate import ontology_graph
from tests.stores import (VIRTUOSO_PASSWORD, VIRTUOSO_USER, oxigraph_server, remote_store,  # noqa: F401
                          store, virtuoso_server, wipe)

ARTICLE = "https://w3id.org/conflict-kg/id/article/"
NT = '<https://e.org/s> <https://e.org/p> "{value}" .\n'


@pytest.mark.parametrize("url,query,update,gsp", [
    ("sparql+http://h:7878/query", "http://h:7878/query", "http://h:7878/update", None),
    ("sparql+http://h:3030/kg/query", "http://h:3030/kg/query", "http://h:3030/kg/update", None),
    ("sparql+https://h/repositories/kg", "https://h/repositories/kg", "https://h/repositories/kg/statements", None),
    ("sparql+http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql", None),
    ("sparql+http://h:8890/sparql?update=/sparql-auth&gsp=/sparql-graph-crud", "http://h:8890/sparql",
     "http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud"),
], ids=["oxigraph", "fuseki", "graphdb", "virtuoso", "explicit"])
def test_store_remote_endpoints_from_url(url, query, update, gsp):
    assert endpoints_from_url(url, {}) == (query, update, gsp)


def test_store_remote_endpoints_from_environment():
    env = {"KG_STORE_UPDATE_URL": "http://other:1/update", "KG_STORE_GSP_URL": "/store"}
    assert endpoints_from_url("sparql+http://h:1/query", env) == (
        "http://h:1/query", "http://other:1/update", "http://h:1/store")


@pytest.mark.parametrize("location", ["sparql+ftp://h/x", "sparql+http:///nohost"], ids=["scheme", "host"])
def test_store_remote_bad_location(location):
    with pytest.raises(StoreError):
        open_store(location)


def test_store_remote_unreachable_server():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = open_store(f"sparql+http://127.0.0.1:{port}/query")
    assert isinstance(store, SparqlStore)
    with pytest.raises(StoreError, match="cannot reach SPARQL endpoint .* is the server running"):
        store.triple_count()


def test_store_remote_timeout_is_a_store_error():
    with socket.socket() as sock:  # listens, never answers
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        store = SparqlStore.from_url(f"sparql+http://127.0.0.1:{port}/query", environ={"KG_STORE_TIMEOUT": "0.5"})
        with pytest.raises(StoreError, match="did not answer within 0.5 s"):
            store.graphs()


def test_store_remote_read_only_refuses_writes(oxigraph_server):
    store = open_store(oxigraph_server.location, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.put_article(ARTICLE + "ro", NT.format(value="x"), "1" * 64)


def test_store_remote_batch_isolates_a_bad_graph(store):
    """On every backend (the embedded one writes one by one; servers get one request)."""
    items = [ArticleGraph(ARTICLE + "b1", NT.format(value="one"), "1" * 64),
             ArticleGraph(ARTICLE + "b2", "<broken", "2" * 64),
             ArticleGraph(ARTICLE + "b3", NT.format(value="three"), "3" * 64)]
    results = put_articles(store, items)
    assert [getattr(r, "status", "error") for r in results] == ["added", "error", "added"]
    assert isinstance(results[1], StoreError)
    assert stored_hashes(store, [i.iri for i in items]) == {ARTICLE + "b1": "1" * 64, ARTICLE + "b3": "3" * 64}
    again = put_articles(store, [items[0], items[2]._replace(ntriples=NT.format(value="3b"), content_hash="4" * 64)])
    assert [r.status for r in again] == ["unchanged", "replaced"]


def test_store_remote_large_graph_and_results(remote_store):
    """A graph of 12,000 triples goes in one request and comes back whole (no row cap)."""
    text = "".join(f'<https://e.org/s{i}> <https://e.org/p> "{i}" .\n' for i in range(12000))
    result = remote_store.put_article(ARTICLE + "big", text, "5" * 64)
    assert result.triples == 12001
    rows = remote_store.select("SELECT ?s WHERE { ?s <https://e.org/p> ?o }")
    assert len(rows) == 12000


def test_store_remote_ontology_with_blank_nodes(remote_store):
    ensure_ontology(remote_store)
    ensure_ontology(remote_store)  # replaces, does not add
    assert remote_store.triple_count() == len(ontology_graph())


def test_store_remote_graph_store_protocol(oxigraph_server):
    store = open_store(oxigraph_server.location + "?gsp=/store")
    wipe(store)
    assert store.gsp_url.endswith("/store")
    ensure_ontology(store)
    assert store.triple_count() == len(ontology_graph())


def test_store_remote_malformed_update(remote_store):
    with pytest.raises(QueryError, match="malformed SPARQL update"):
        remote_store.update("INSERT NOTHING")


def test_store_remote_virtuoso_credentials(virtuoso_server, monkeypatch):
    """Writes through the authenticated endpoint (HTTP Digest) with KG_STORE_USER/PASSWORD."""
    url = virtuoso_server.location.replace("/sparql", "/sparql-auth")
    monkeypatch.setenv("KG_STORE_USER", VIRTUOSO_USER)
    monkeypatch.setenv("KG_STORE_PASSWORD", VIRTUOSO_PASSWORD)
    store = open_store(url)
    wipe(store)
    assert store.put_article(ARTICLE + "auth", NT.format(value="x"), "6" * 64).status == "added"
    assert store.graphs() == [ARTICLE + "auth"]
    monkeypatch.setenv("KG_STORE_PASSWORD", "wrong")
    with pytest.raises(StoreError, match="refused access"):
        open_store(url).triple_count()
    wipe(store)
