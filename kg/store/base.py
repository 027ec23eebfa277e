"""The store interface: one named graph per article or dataset, the actors and places they use
described once in graphs of their own (`kg.store.descriptions`), SPARQL over the union of them."""
from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Mapping

from ..sparql_text import inline_values, query_form, term, with_values

__all__ = ["Store", "PutResult", "RESULT_FORMATS", "GRAPH_FORMATS", "query_form", "with_values", "inline_values"]

# SPARQL results formats for SELECT/ASK and RDF formats for CONSTRUCT/DESCRIBE, by short name.
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "trig": "application/trig",
    "n3": "text/n3",
}


@dataclass(frozen=True)
class PutResult:
    """What `put_article` did: 'added', 'replaced' or 'unchanged', and the triples now stored."""

    status: str
    triples: int


class Store(ABC):
    """A quad store holding one named graph per article (the article IRI names the graph) or
    imported dataset, and one description graph per actor and place they use.

    `generation` changes on every write made through this object, so caches built from
    the store (graph projections) know when to rebuild. Writes through `put_article`,
    `delete_article` and `add_graph` keep the descriptions in step (`kg.store.writes`), one
    at a time per store object.
    """

    generation: int = 0

    def _changed(self) -> None:
        self.generation += 1

    @contextmanager
    def writing(self):
        """Hold this store's write lock: a description is read, planned and written by one writer."""
        lock = self.__dict__.get("_write_lock") or self.__dict__.setdefault("_write_lock", threading.RLock())
        with lock:
            yield

    def put_article(self, graph_iri: str, ntriples: str, content_hash: str) -> PutResult:
        """Store an article's graph atomically, replacing an older version; skip an identical one.

        The triples about actors and places go to their description graphs; `triples` counts
        those left in the article's graph.
        """
        from .writes import write_article

        return write_article(self, graph_iri, ntriples, content_hash)

    def delete_article(self, graph_iri: str) -> bool:
        """Remove an article's (or a dataset's) graph, and its share of the descriptions; True when
        there was one."""
        from .writes import remove_graph

        return remove_graph(self, graph_iri)

    def add_graph(self, graph_iri: str, ntriples: str) -> None:
        """Add triples to an article's or dataset's graph atomically (a bulk import writes each part
        so), the triples about actors and places to their description graphs."""
        from .writes import add_to_graph

        add_to_graph(self, graph_iri, ntriples)

    def add_parts(self, graph_iri: str, own: str, changes) -> None:
        """Write a graph's own new triples (N-Triples) and description `changes` in one transaction."""
        from .writes import add_parts

        add_parts(self, graph_iri, own, changes)

    @abstractmethod
    def write_update(self, sparql: str, what: str) -> None:
        """Run an update the store itself made (`what` names it in errors: StoreError on failure)."""

    @abstractmethod
    def holds_graph(self, graph_iri: str) -> bool:
        """True when the named graph holds a triple."""

    def rows(self, sparql: str) -> list[tuple]:
        """The rows of a SELECT as tuples of pyoxigraph terms (None where unbound), in the order
        of its variables."""
        import pyoxigraph as ox

        return [tuple(row) for row in ox.parse_query_results(self.query(sparql, "json"),
                                                             format=ox.QueryResultsFormat.JSON)]

    @abstractmethod
    def article_hash(self, graph_iri: str) -> str | None:
        """The content hash stored with an article, or None when the article is not stored."""

    @abstractmethod
    def put_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace a non-article named graph (the ontology) atomically."""

    @abstractmethod
    def select(self, sparql: str, bindings: Mapping[str, str] | None = None) -> list[dict]:
        """Run a SELECT over the union graph; rows map variable names to plain values.

        IRIs come back as `str`, literals as their lexical form, unbound variables are missing.
        `bindings` pre-binds variables to IRIs (values of the form `<iri>`) or to plain strings.
        """

    @abstractmethod
    def query(self, sparql: str, fmt: str, *, default_graphs=None, named_graphs=None) -> bytes:
        """Run any query and serialise the result in `fmt` (a key of RESULT_FORMATS/GRAPH_FORMATS)."""

    def bounded_query(self, sparql: str, fmt: str, *, max_rows: int, deadline: float | None = None,
                      base_iri: str | None = None, default_graphs=None, named_graphs=None) -> tuple[bytes, bool]:
        """Run any query keeping its first `max_rows` rows (or triples): `(body in fmt, truncated)`.

        `base_iri` resolves relative IRIs; past `deadline` (a `time.monotonic()` value) a store
        that streams stops with QueryError. This default asks `query` and cuts its answer.
        """
        from ..sparql_text import read_query
        from .cap import cap_rows, graph_as

        if base_iri:
            sparql = f"BASE <{base_iri}>\n{sparql}"
        graph = read_query(sparql).form in ("CONSTRUCT", "DESCRIBE")
        body = self.query(sparql, "ntriples" if graph else fmt, default_graphs=default_graphs,
                          named_graphs=named_graphs)
        body, truncated = cap_rows(body, "ntriples" if graph else fmt, max_rows)
        return (graph_as(body, fmt) if graph else body), truncated

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update atomically."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """The IRIs of all named graphs."""

    @abstractmethod
    def triple_count(self) -> int:
        """Number of quads in the store."""

    def distinct_triple_count(self) -> int:
        """Number of distinct triples in the named graphs: a triple stated in several graphs counts
        once. Counted predicate by predicate (memory grows with the commonest predicate, not with
        the store), and remembered until this object writes again."""
        cached = self.__dict__.get("_distinct")
        if cached is not None and cached[0] == self.generation:
            return cached[1]
        total = 0
        for row in self.select("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }"):
            predicate = term("<" + row["p"] + ">")
            rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ "
                               f"GRAPH ?g {{ ?s {predicate} ?o }} }} }}")
            total += int(rows[0]["n"]) if rows else 0
        self.__dict__["_distinct"] = (self.generation, total)
        return total

    def flush(self) -> None:
        """Write what the store buffers to disk, freeing its write buffers (a bulk import calls it
        after each part, so that memory stays flat); nothing to do for most stores."""

    def dump(self, fmt: str, graph: str | None = None) -> Iterator[bytes]:
        """Every named graph (or one), as "nquads" or as "turtle" (without graph names), in pieces.

        This default reads one graph per query, so memory is bounded by the largest graph; the
        embedded store streams its quads. A triple stated in several graphs is written once per
        graph in Turtle (parsers merge them).
        """
        import pyoxigraph as ox

        for name in ([graph] if graph else self.graphs()):
            body = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {term(f'<{name}>')} {{ ?s ?p ?o }} }}",
                              "ntriples")  # (Virtuoso takes no VALUES clause after a CONSTRUCT)
            triples = (q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            if fmt == "nquads":
                node = ox.NamedNode(name)
                yield ox.serialize((ox.Quad(t.subject, t.predicate, t.object, node) for t in triples),
                                   format=ox.RdfFormat.N_QUADS)
            else:
                yield ox.serialize(triples, format=ox.RdfFormat.TURTLE)

    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""
        import json

        return bool(json.loads(self.query(sparql, "json"))["boolean"])

    def close(self) -> None:
        """Release the store."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
