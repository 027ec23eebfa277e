"""The default store: pyoxigraph (RocksDB) on disk, or in memory when no path is given."""
from __future__ import annotations

from typing import Mapping

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..mapping.namespaces import CKG
from .base import GRAPH_FORMATS, RESULT_FORMATS, PutResult, Store, with_values

__all__ = ["OxigraphStore"]

_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_GRAPHS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
           "nquads": ox.RdfFormat.N_QUADS, "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}
_HASH = ox.NamedNode(str(CKG.contentHash))


def _value(term) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


class OxigraphStore(Store):
    """An embedded pyoxigraph store; `path=None` keeps everything in memory.

    >>> store = OxigraphStore(None)
    >>> store.put_article("https://w3id.org/conflict-kg/id/article/a", "", "0" * 64).status
    'added'
    """

    def __init__(self, path: str | None, *, read_only: bool = False):
        self.path, self.read_only = path, read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                self._store = ox.Store(str(path))
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreError(f"store {path} is in use by another process "
                                 f"(stop `kg serve` or the other ingest first): {message}") from None
            raise StoreError(f"cannot open store {path}: {message}") from None

    def put_article(self, graph_iri: str, ntriples: str, content_hash: str) -> PutResult:
        old = self.article_hash(graph_iri)
        if old == content_hash:
            return PutResult("unchanged", self._graph_size(graph_iri))
        self._replace(graph_iri, ntriples + f'\n<{graph_iri}> <{_HASH.value}> "{content_hash}" .\n')
        return PutResult("added" if old is None else "replaced", self._graph_size(graph_iri))

    def put_graph(self, graph_iri: str, ntriples: str) -> None:
        self._replace(graph_iri, ntriples)

    def _replace(self, graph_iri: str, ntriples: str) -> None:
        update = f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }}"
        try:
            self._store.update(update)
            self._changed()
        except SyntaxError as exc:
            raise StoreError(f"graph {graph_iri} could not be written: {exc}") from None
        except OSError as exc:
            raise StoreError(f"writing graph {graph_iri} failed, nothing was changed: {exc}") from None

    def delete_article(self, graph_iri: str) -> bool:
        node = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.update(f"DROP SILENT GRAPH <{graph_iri}>")
        self._changed()
        return True

    def article_hash(self, graph_iri: str) -> str | None:
        node = ox.NamedNode(graph_iri)
        for quad in self._store.quads_for_pattern(node, _HASH, None, node):
            return quad.object.value
        return None

    def _graph_size(self, graph_iri: str) -> int:
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))

    def _run(self, sparql: str, **kwargs):
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def select(self, sparql: str, bindings: Mapping[str, str] | None = None) -> list[dict]:
        result = self._run(with_values(sparql, bindings), use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: _value(row[n]) for n in names if row[n] is not None} for row in result]

    def query(self, sparql: str, fmt: str, *, default_graphs=None, named_graphs=None) -> bytes:
        kwargs = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        result = self._run(sparql, **kwargs)
        if isinstance(result, ox.QueryTriples):
            if fmt not in _GRAPHS:
                raise QueryError(f"a CONSTRUCT or DESCRIBE result cannot be written as {fmt!r}; "
                                 f"use one of {', '.join(GRAPH_FORMATS)}")
            return result.serialize(format=_GRAPHS[fmt])
        if fmt not in _RESULTS:
            raise QueryError(f"a SELECT or ASK result cannot be written as {fmt!r}; "
                             f"use one of {', '.join(RESULT_FORMATS)}")
        return result.serialize(format=_RESULTS[fmt])

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
            self._changed()
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from None
        except OSError as exc:
            raise StoreError(f"update failed, nothing was changed: {exc}") from None

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def triple_count(self) -> int:
        return len(self._store)

    def close(self) -> None:
        self._store = None  # pyoxigraph releases the database (and its lock) when dropped
