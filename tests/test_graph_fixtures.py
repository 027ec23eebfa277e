"""The graph fixtures (tests/data/graph/*.ttl) and the stores built from them.

Other `test_graph_*` modules import the fixtures from here (tests/conftest.py belongs to
the whole suite). Each Turtle file is one article; `load_articles` puts each into its own
named graph with `store.put_article`, as ingest does.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg.graph.cache import ProjectionCache
from kg.graph.project import actor_graph
from kg.mapping.iris import ONTOLOGY_GRAPH
from kg.mapping.namespaces import CKG
from kg.store import open_store
from kg.store.validate import ontology_graph, validate

DATA = Path(__file__).parent / "data" / "graph"
FILES = sorted(DATA.glob("*.ttl"))
ID = "https://w3id.org/conflict-kg/id/"


def actor(slug: str) -> str:
    """The IRI of a fixture actor."""
    return f"{ID}actor/{slug}"


def article_graph(path: Path) -> tuple[str, Graph, str]:
    """(article IRI, graph, content hash) of one fixture file."""
    graph = Graph().parse(path, format="turtle")
    article = graph.value(predicate=RDF.type, object=CKG.Article, any=False)
    return str(article), graph, str(graph.value(article, CKG.contentHash))


def load_articles(store, paths=FILES) -> None:
    """Put each fixture article into its own named graph of `store`."""
    for path in paths:
        iri, graph, digest = article_graph(path)
        store.put_article(iri, graph.serialize(format="nt"), digest)


def add_ontology_and_stray(store) -> None:
    """The ontology graph, and a resource that looks like an event but is not a ckg:Event."""
    store.put_graph(str(ONTOLOGY_GRAPH), ontology_graph().serialize(format="nt"))
    stray = (f"<{ID}event/not-an-event> <{CKG.action}> <https://w3id.org/conflict-kg/plover/ASSAULT> .\n"
             f"<{ID}event/not-an-event> <{CKG.actor}> <{actor('zawiya-militias')}> .\n"
             f"<{ID}event/not-an-event> <{CKG.target}> <{actor('antony-blinken')}> .\n")
    store.put_graph(f"{ID}graph/stray", stray)


@pytest.fixture
def graph_store(tmp_path):
    """A real on-disk store holding the four fixture articles, the ontology and a stray resource."""
    store = open_store(str(tmp_path / "graph-store"))
    load_articles(store)
    add_ontology_and_stray(store)
    yield store
    store.close()


@pytest.fixture
def G(graph_store):
    """The actor graph of the fixture store."""
    return actor_graph(graph_store)


@pytest.fixture
def store_dir(tmp_path):
    """A closed on-disk fixture store, for the command line to open."""
    path = tmp_path / "cli-store"
    store = open_store(str(path))
    load_articles(store)
    add_ontology_and_stray(store)
    store.close()
    return path


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_graph_fixtures_conform_to_the_shapes(path):
    _iri, graph, _digest = article_graph(path)
    validate(graph)


def test_graph_fixtures_one_named_graph_per_article(graph_store):
    articles = [g for g in graph_store.graphs() if "/article/" in g]
    assert articles == sorted(article_graph(p)[0] for p in FILES)
    cache = ProjectionCache(graph_store)
    assert cache.get().number_of_nodes() == 13
