"""The store interface on every backend: the embedded pyoxigraph store in a temp dir, and the
Oxigraph and Virtuoso servers started on loopback (tests/stores.py)."""
from __future__ import annotations

import json

import pytest

from kg.errors import QueryError, StoreError
from kg.store import open_store, query_form
from tests.stores import oxigraph_server, store, virtuoso_server  # noqa: F401  (fixtures)

G1 = "https://w3id.org/conflict-kg/id/article/a1"
G2 = "https://w3id.org/conflict-kg/id/article/a2"
NT = '<https://e.org/s> <https://e.org/p> "{value}" .\n'
HASH1, HASH2 = "1" * 64, "2" * 64


def _values(store):
    rows = store.select("SELECT DISTINCT ?o WHERE { <https://e.org/s> <https://e.org/p> ?o } ORDER BY ?o")
    return [r["o"] for r in rows]


def test_store_put_is_idempotent(store):
    assert store.put_article(G1, NT.format(value="x"), HASH1).status == "added"
    before = store.triple_count()
    assert store.put_article(G1, NT.format(value="x"), HASH1).status == "unchanged"
    assert store.triple_count() == before
    assert store.article_hash(G1) == HASH1


def test_store_changed_article_replaces_its_graph(store):
    store.put_article(G1, NT.format(value="old"), HASH1)
    result = store.put_article(G1, NT.format(value="new"), HASH2)
    assert result.status == "replaced"
    assert _values(store) == ["new"]


def test_store_union_of_article_graphs(store):
    store.put_article(G1, NT.format(value="a"), HASH1)
    store.put_article(G2, NT.format(value="b"), HASH2)
    assert _values(store) == ["a", "b"]
    assert G1 in store.graphs() and G2 in store.graphs()


def test_store_delete_article(store):
    store.put_article(G1, NT.format(value="a"), HASH1)
    assert store.delete_article(G1) is True
    assert store.delete_article(G1) is False
    assert store.article_hash(G1) is None and store.triple_count() == 0


def test_store_bad_graph_changes_nothing(store):
    store.put_article(G1, NT.format(value="keep"), HASH1)
    with pytest.raises(StoreError):
        store.put_article(G1, "<not a triple", HASH2)
    assert _values(store) == ["keep"] and store.article_hash(G1) == HASH1


def test_store_select_bindings_are_values_not_text(store):
    store.put_article(G1, NT.format(value="a"), HASH1)
    rows = store.select("SELECT ?o WHERE { ?s <https://e.org/p> ?o }", {"s": "<https://e.org/s>"})
    assert rows == [{"o": "a"}]
    rows = store.select("SELECT ?s WHERE { ?s <https://e.org/p> ?o }", {"o": '" } ; DROP ALL ; #'})
    assert rows == []


@pytest.mark.parametrize("fmt,check", [
    ("json", lambda b: json.loads(b)["results"]["bindings"][0]["o"]["value"] == "a"),
    ("xml", lambda b: b.startswith(b"<?xml")),
    ("csv", lambda b: b.splitlines()[0] == b"o"),
    ("tsv", lambda b: b.splitlines()[0] == b"?o"),
], ids=["json", "xml", "csv", "tsv"])
def test_store_query_result_formats(store, fmt, check):
    store.put_article(G1, NT.format(value="a"), HASH1)
    assert check(store.query("SELECT ?o WHERE { ?s <https://e.org/p> ?o }", fmt))


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "rdfxml", "jsonld"])
def test_store_construct_formats(store, fmt):
    store.put_article(G1, NT.format(value="a"), HASH1)
    body = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", fmt)
    assert b"https://e.org/s" in body


def test_store_wrong_format_for_form(store):
    with pytest.raises(QueryError, match="cannot be written"):
        store.query("SELECT * WHERE { ?s ?p ?o }", "turtle")
    with pytest.raises(QueryError, match="cannot be written"):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }", "csv")


def test_store_malformed_query_message(store):
    with pytest.raises(QueryError, match="malformed SPARQL"):
        store.select("SELEC ?x WHERE { }")


def test_store_persists_across_reopen(tmp_path):
    path = str(tmp_path / "s")
    first = open_store(path)
    first.put_article(G1, NT.format(value="a"), HASH1)
    first.close()
    del first
    again = open_store(path)
    assert _values(again) == ["a"]


def test_store_location_is_a_file(tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(str(path))


def test_store_locked_by_another_open(tmp_path):
    path = str(tmp_path / "s")
    first = open_store(path)
    with pytest.raises(StoreError, match="in use by another process"):
        open_store(path)
    first.close()


@pytest.mark.parametrize("text,form", [
    ("SELECT * WHERE {}", "SELECT"),
    ("PREFIX a: <http://a/>\n# c\nconstruct { ?s ?p ?o } WHERE {}", "CONSTRUCT"),
    ("BASE <http://x/> ASK {}", "ASK"),
    ("describe <http://x>", "DESCRIBE"),
])
def test_store_query_form(text, form):
    assert query_form(text) == form
