"""The W3C SPARQL 1.1 query evaluation tests (183), on pyoxigraph directly and through /sparql over HTTP.

tests/data/w3c-sparql11-query-tests holds the manifests (see its README). Each approved
mf:QueryEvaluationTest or mf:CSVResultFormatTest is run twice: by pyoxigraph on a store that
holds its qt:data in the default graph and its qt:graphData as named graphs, and by a real
server on loopback over a store that holds the same data, with the dataset named by the
protocol (`default-graph-uri` for qt:data, `named-graph-uri` for each qt:graphData), so that
the service's union default graph plays no part. The service must pass every test pyoxigraph
passes; the 6 tests pyoxigraph 0.5.13 fails by itself are pinned in ENGINE_FAILS (177 of 183 pass).
"""
from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.config import Settings
from kg.store import open_store
from tests.browser.live import live_server

SUITE = Path(__file__).parent / "data" / "w3c-sparql11-query-tests"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
DEFAULT = "urn:x-kg-test:default"  # the named graph that holds qt:data in the service's store
NO_GRAPHS = "urn:x-kg-test:none"  # named-graph-uri of a test without named graphs: GRAPH ?g finds nothing
FORMATS = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON, ".tsv": ox.QueryResultsFormat.TSV}
# What pyoxigraph 0.5.13 answers otherwise on its own, in this harness (the direct run fails exactly these):
# STRDT/STRLANG of a typed or tagged literal, an aggregate over no rows with GROUP BY, CONSTRUCT FROM a
# document (not loaded as a named graph here), and number spellings (1.0E6, a negativeInteger) in CSV/TSV.
ENGINE_FAILS = {"functions/manifest#strdt03", "functions/manifest#strlang03", "aggregates/manifest#agg-empty-group",
                "construct/manifest#constructwhere04", "csv-tsv-res/manifest#csv03", "csv-tsv-res/manifest#tsv03"}


def _tests():
    cases = []
    for manifest in sorted(SUITE.glob("*/manifest.ttl")):
        graph = Graph().parse(manifest, publicID=manifest.as_uri())
        root = next(graph.subjects(RDF.type, MF.Manifest))
        for test in Collection(graph, graph.value(root, MF.entries)):
            kind = graph.value(test, RDF.type)
            if kind not in (MF.QueryEvaluationTest, MF.CSVResultFormatTest):
                continue
            if (test, DAWGT.approval, DAWGT.Approved) not in graph:
                continue
            action = graph.value(test, MF.action)
            name = f"{manifest.parent.name}/manifest#{str(test).rsplit('#', 1)[-1]}"
            cases.append(pytest.param({
                "name": name, "query": _path(graph.value(action, QT.query)),
                "data": [_path(d) for d in graph.objects(action, QT.data)],
                "graphs": sorted(_path(g) for g in graph.objects(action, QT.graphData)),
                "result": _path(graph.value(test, MF.result))}, id=name))
    return cases


def _path(iri) -> Path:
    return Path(str(iri).removeprefix("file://"))


TESTS = _tests()


def _parse(path: Path):
    fmt = ox.RdfFormat.from_extension(path.suffix[1:]) or ox.RdfFormat.TURTLE
    return ox.parse(path=str(path), format=fmt, base_iri=path.as_uri())


def _query_text(case) -> str:
    return f"BASE <{case['query'].as_uri()}>\n" + case["query"].read_text(encoding="utf-8")


def _term(term) -> str:
    """A term as compared: blank nodes as one placeholder, numbers by value (`3.21E4` is `32100`)."""
    if isinstance(term, ox.BlankNode):
        return "_:b"
    if isinstance(term, ox.Literal) and term.datatype.value.rsplit("#", 1)[-1] in NUMERIC:
        try:
            return f"{float(term.value)!r}^^{term.datatype.value.rsplit('#', 1)[-1]}"
        except ValueError:
            pass
    return str(term)


NUMERIC = {"double", "float", "decimal", "integer"}


def _rows(solutions) -> Counter:
    """Solutions as a multiset of rows (sorted (variable, term) pairs)."""
    names = [v.value for v in solutions.variables]
    return Counter(tuple(sorted((n, _term(t)) for n, t in zip(names, row) if t is not None)) for row in solutions)


def _csv_rows(body: bytes) -> Counter:
    """CSV results as a multiset of rows, by column name; blank node labels as one placeholder."""
    import csv

    reader = csv.DictReader(io.StringIO(body.decode("utf-8"), newline=""))
    return Counter(tuple(sorted((k, "_:b" if v.startswith("_:") else v) for k, v in row.items())) for row in reader)


def _expected(case):
    path = case["result"]
    if path.suffix == ".csv":
        return _csv_rows(path.read_bytes())
    if path.suffix in FORMATS:
        parsed = ox.parse_query_results(path=str(path), format=FORMATS[path.suffix])
        return bool(parsed) if isinstance(parsed, ox.QueryBoolean) else _rows(parsed)
    return Graph().parse(path, publicID=path.as_uri())


def _graph(body: bytes) -> Graph:
    return Graph().parse(data=body, format="nt")


def _same(case, got) -> bool:
    want = _expected(case)
    if isinstance(want, Graph):
        return isomorphic(want, got)
    return want == got


def _direct(case):
    """The answer of pyoxigraph itself, in the shape `_expected` gives."""
    store = ox.Store()
    for data in case["data"]:
        store.extend(_parse(data))
    for name in case["graphs"]:
        store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name.as_uri())) for q in _parse(name))
    result = store.query(_query_text(case))
    if case["result"].suffix == ".csv":
        return _csv_rows(result.serialize(format=ox.QueryResultsFormat.CSV))
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return _graph(result.serialize(format=ox.RdfFormat.N_TRIPLES))
    return _rows(result)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """A read-only server over a store the tests fill one at a time: (server, store)."""
    from api import create_app

    path = tmp_path_factory.mktemp("w3c-query") / "store"
    store = open_store(str(path))
    with live_server(create_app(Settings(store=str(path)), store=store)) as server:
        yield server, store
    store.close()


def _through_service(case, server, store):
    store.update("DROP SILENT ALL")
    for data in case["data"]:
        store.put_graph(DEFAULT, "\n".join(f"{q.triple} ." for q in _parse(data)))
    for name in case["graphs"]:
        store.put_graph(name.as_uri(), "\n".join(f"{q.triple} ." for q in _parse(name)))
    csv = case["result"].suffix == ".csv"
    params = [("query", _query_text(case)), ("default-graph-uri", DEFAULT)]
    params += [("named-graph-uri", g.as_uri()) for g in case["graphs"]] or [("named-graph-uri", NO_GRAPHS)]
    accept = "text/csv" if csv else "application/sparql-results+json, application/n-triples;q=0.9"
    response = requests.post(f"{server.url}/sparql", data=params, headers={"Accept": accept}, timeout=60)
    assert response.status_code == 200, response.text[:500]
    if csv:
        return _csv_rows(response.content)
    if response.headers["Content-Type"].startswith("application/n-triples"):
        return _graph(response.content)
    parsed = ox.parse_query_results(io.BytesIO(response.content), format=ox.QueryResultsFormat.JSON)
    return bool(parsed) if isinstance(parsed, ox.QueryBoolean) else _rows(parsed)


def test_sparql_w3c_query_suite_has_183_tests():
    assert len(TESTS) == 183


@pytest.mark.parametrize("case", TESTS)
def test_sparql_w3c_query_pyoxigraph_directly(case):
    """Pins what the engine itself passes, so the service's run below compares with a known base."""
    assert _same(case, _direct(case)) is (case["name"] not in ENGINE_FAILS)


@pytest.mark.parametrize("case", [c for c in TESTS if c.values[0]["name"] not in ENGINE_FAILS])
def test_sparql_w3c_query_through_the_service(service, case):
    server, store = service
    assert _same(case, _through_service(case, server, store))
