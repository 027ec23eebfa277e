"""The RDF dataset of a query as SPARQL 1.1 says: FROM / FROM NAMED, default-graph-uri /
named-graph-uri, else the union of all graphs (kg/store/dataset.py).

The 15 W3C SPARQL 1.0 dataset tests (tests/data/w3c-dataset, see its README) run through /sparql
over HTTP and through `kg query`; the rest checks the same rules on the seed store.
"""
from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner
from rdflib import BNode, Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF

from kg.cli import cli
from kg.config import Settings
from kg.store import open_store
from tests.browser.live import live_server

SUITE = Path(__file__).parent / "data" / "w3c-dataset"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
ID = "https://w3id.org/conflict-kg/id/"


def _tests() -> list:
    manifest = SUITE / "manifest.ttl"
    graph = Graph().parse(manifest, publicID=manifest.as_uri())
    root = next(graph.subjects(RDF.type, MF.Manifest))
    cases = []
    for test in Collection(graph, graph.value(root, MF.entries)):
        query = Path(str(graph.value(graph.value(test, MF.action), QT.query)).removeprefix("file://"))
        result = Path(str(graph.value(test, MF.result)).removeprefix("file://"))
        cases.append(pytest.param((query, result), id=str(graph.value(test, MF.name))))
    return cases


TESTS = _tests()


def _term(term) -> str:
    """A result term as compared: blank nodes as one placeholder, the rest in N-Triples."""
    return "_:b" if isinstance(term, ox.BlankNode) else str(term)


def _expected(path: Path) -> Counter:
    """A DAWG result set (rs: vocabulary, Turtle) as a multiset of rows."""
    graph = Graph().parse(path, publicID=path.as_uri())
    rows = Counter()
    for solution in graph.objects(next(graph.subjects(RDF.type, RS.ResultSet)), RS.solution):
        row = []
        for binding in graph.objects(solution, RS.binding):
            value = graph.value(binding, RS.value)
            row.append((str(graph.value(binding, RS.variable)), "_:b" if isinstance(value, BNode) else value.n3()))
        rows[tuple(sorted(row))] += 1
    return rows


def _rows(body: bytes) -> Counter:
    solutions = ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.JSON)
    names = [v.value for v in solutions.variables]
    return Counter(tuple(sorted((n, _term(t)) for n, t in zip(names, row) if t is not None)) for row in solutions)


def _query_text(path: Path) -> str:
    return f"BASE <{path.as_uri()}>\n" + path.read_text(encoding="utf-8")


def _fill(store) -> None:
    """Each data file in the named graph its IRI names, as the tests' FROM clauses refer to it."""
    for data in sorted(SUITE.glob("data-*.ttl")):
        triples = ox.parse(path=str(data), format=ox.RdfFormat.TURTLE, base_iri=data.as_uri())
        store.put_graph(data.as_uri(), "\n".join(f"{t} ." for t in triples))


@pytest.fixture(scope="module")
def suite_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("w3c-dataset") / "store"
    store = open_store(str(path))
    _fill(store)
    store.close()
    return path


@pytest.fixture(scope="module")
def service(suite_store):
    from api import create_app

    store = open_store(str(suite_store), read_only=True)
    with live_server(create_app(Settings(store=str(suite_store)), store=store)) as server:
        yield server
    store.close()


def test_sparql_dataset_suite_has_15_tests():
    assert len(TESTS) == 15


@pytest.mark.parametrize("case", TESTS)
def test_sparql_dataset_w3c_through_the_service(service, case):
    query, result = case
    response = requests.post(f"{service.url}/sparql", data={"query": _query_text(query)},
                             headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert response.status_code == 200, response.text[:300]
    assert _rows(response.content) == _expected(result)


@pytest.mark.parametrize("case", TESTS)
def test_sparql_dataset_w3c_through_kg_query(suite_store, case, tmp_path):
    query, result = case
    text = tmp_path / "query.rq"
    text.write_text(_query_text(query), encoding="utf-8")
    out = CliRunner().invoke(cli, ["query", f"@{text}", "--store", str(suite_store), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert _rows(out.output.encode()) == _expected(result)


# The same rules on the seed store, where every graph also holds data the rules must keep out.

@pytest.fixture(scope="module")
def seeds(seeded_store_dir):
    store = open_store(str(seeded_store_dir), read_only=True)
    article = next(g for g in store.graphs() if "/article/" in g)
    size = int(store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}")[0]["n"])
    total = store.triple_count()
    store.close()
    return seeded_store_dir, article, size, total


@pytest.fixture(scope="module")
def seed_service(seeds):
    from api import create_app

    path = seeds[0]
    store = open_store(str(path), read_only=True)
    with live_server(create_app(Settings(store=str(path)), store=store)) as server:
        yield server
    store.close()


def _count(server, query: str, **params) -> int:
    fields = [("query", query)] + [(k.replace("_", "-"), v) for k, vs in params.items() for v in vs]
    response = requests.post(f"{server.url}/sparql", data=fields, headers={"Accept": "application/sparql-results+json"},
                             timeout=60)
    assert response.status_code == 200, response.text[:300]
    return int(json.loads(response.content)["results"]["bindings"][0]["n"]["value"])


COUNT = "SELECT (COUNT(*) AS ?n) {where} WHERE {{ ?s ?p ?o }}"
NAMED = "SELECT (COUNT(*) AS ?n) {where} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"


def test_sparql_dataset_from_narrows_the_default_graph(seeds, seed_service):
    _, article, size, total = seeds
    assert _count(seed_service, COUNT.format(where="")) == total  # no clause: the union of every graph
    assert _count(seed_service, COUNT.format(where=f"FROM <{article}>")) == size < total
    assert _count(seed_service, NAMED.format(where=f"FROM <{article}>")) == 0  # FROM alone: no named graphs
    assert _count(seed_service, COUNT.format(where=f"FROM NAMED <{article}>")) == 0  # empty default graph
    assert _count(seed_service, NAMED.format(where=f"FROM NAMED <{article}>")) == size


def test_sparql_dataset_protocol_graphs_override_the_query(seeds, seed_service):
    _, article, size, total = seeds
    ontology = f"{ID}graph/ontology"
    assert _count(seed_service, COUNT.format(where=""), default_graph_uri=[article]) == size
    assert _count(seed_service, NAMED.format(where=""), default_graph_uri=[article]) == 0
    assert _count(seed_service, COUNT.format(where=""), named_graph_uri=[article]) == 0
    assert _count(seed_service, NAMED.format(where=""), named_graph_uri=[article]) == size
    ontology_size = _count(seed_service, COUNT.format(where=f"FROM <{ontology}>"))
    assert _count(seed_service, COUNT.format(where=f"FROM <{ontology}>"), default_graph_uri=[article]) == size
    assert _count(seed_service, NAMED.format(where=f"FROM NAMED <{ontology}>"),
                  named_graph_uri=[article]) == size != ontology_size


def test_sparql_dataset_kg_query_from_and_graph_options(seeds):
    path, article, size, total = seeds
    runner = CliRunner()

    def count(query: str, *options: str) -> int:
        out = runner.invoke(cli, ["query", query, "--store", str(path), "--format", "json", *options])
        assert out.exit_code == 0, out.output
        return int(json.loads(out.output)["results"]["bindings"][0]["n"]["value"])

    assert count(COUNT.format(where="")) == total
    assert count(COUNT.format(where=f"FROM <{article}>")) == size
    assert count(COUNT.format(where=""), "--default-graph", article) == size
    assert count(NAMED.format(where=""), "--default-graph", article) == 0
    assert count(NAMED.format(where=""), "--named-graph", article) == size
