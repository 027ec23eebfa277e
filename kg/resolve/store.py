"""`ResolvingStore`: a Store that keeps the resolved graph in step after every article write."""
from __future__ import annotations

from typing import Mapping

from ..store.base import PutResult, Store
from .update import resolve_after_change

__all__ = ["ResolvingStore"]


class ResolvingStore(Store):
    """Wrap a store so that `put_article` and `delete_article` also update the story links
    (`kg.syndication`) and the happenings.

    Everything else is passed through. Bulk loaders should rather call
    `resolve_after_change` once for all the graphs they changed.

    >>> from kg.store import open_store
    >>> store = ResolvingStore(open_store(":memory:"))
    >>> store.delete_article("https://w3id.org/conflict-kg/id/article/none")
    False
    """

    def __init__(self, inner: Store):
        self.inner = inner

    @property
    def generation(self) -> int:  # type: ignore[override]
        return self.inner.generation

    def put_article(self, graph_iri: str, ntriples: str, content_hash: str) -> PutResult:
        result = self.inner.put_article(graph_iri, ntriples, content_hash)
        if result.status != "unchanged":
            from ..syndication.link import link_copies  # (kg.syndication reads reports through kg.resolve)

            link_copies(self.inner, [graph_iri])
            resolve_after_change(self.inner, [graph_iri])
        return result

    def delete_article(self, graph_iri: str) -> bool:
        deleted = self.inner.delete_article(graph_iri)
        if deleted:
            from ..syndication.link import link_copies

            link_copies(self.inner, [graph_iri])  # its copies lose their links to it
            resolve_after_change(self.inner, [graph_iri])
        return deleted

    def article_hash(self, graph_iri: str) -> str | None:
        return self.inner.article_hash(graph_iri)

    def put_graph(self, graph_iri: str, ntriples: str) -> None:
        self.inner.put_graph(graph_iri, ntriples)

    def add_graph(self, graph_iri: str, ntriples: str) -> None:
        self.inner.add_graph(graph_iri, ntriples)

    def write_update(self, sparql: str, what: str) -> None:
        self.inner.write_update(sparql, what)

    def holds_graph(self, graph_iri: str) -> bool:
        return self.inner.holds_graph(graph_iri)

    def rows(self, sparql: str) -> list[tuple]:
        return self.inner.rows(sparql)

    def flush(self) -> None:
        self.inner.flush()

    def select(self, sparql: str, bindings: Mapping[str, str] | None = None) -> list[dict]:
        return self.inner.select(sparql, bindings)

    def query(self, sparql: str, fmt: str, *, default_graphs=None, named_graphs=None) -> bytes:
        return self.inner.query(sparql, fmt, default_graphs=default_graphs, named_graphs=named_graphs)

    def update(self, sparql: str) -> None:
        self.inner.update(sparql)

    def graphs(self) -> list[str]:
        return self.inner.graphs()

    def triple_count(self) -> int:
        return self.inner.triple_count()

    def distinct_triple_count(self) -> int:
        return self.inner.distinct_triple_count()

    def close(self) -> None:
        self.inner.close()
