"""The store interface: one named graph per article, SPARQL over the union of them."""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Mapping

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
}


def query_form(sparql: str) -> str:
    """'SELECT', 'ASK', 'CONSTRUCT' or 'DESCRIBE': the form of a query, read after its prologue."""
    import re

    # drop comments (a '#' outside an IRI or a string) and the prologue
    text = re.sub(r'(<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|#[^\n]*',
                  lambda m: m.group(1) or " ", sparql)
    text = re.sub(r"(?is)^\s*((BASE\s*<[^>]*>|PREFIX\s+[\w.-]*:\s*<[^>]*>)\s*)*", "", text)
    word = text.strip().split(None, 1)[0].upper() if text.strip() else ""
    return word if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else "SELECT"


def _term(value: str) -> str:
    """A value as a SPARQL term: `<iri>` stays an IRI (checked), anything else becomes a string literal."""
    import re

    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if not iri or re.search(r'[\x00-\x20<>"{}|^`\\]', iri):
            raise ValueError(f"not a valid IRI: {iri!r}")
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def with_values(sparql: str, bindings: Mapping[str, str] | None) -> str:
    """Bind variables by a trailing VALUES clause of serialised terms (never by splicing text).

    >>> with_values("SELECT ?o WHERE { ?s ?p ?o }", {"s": "<http://e.org/a>"}).splitlines()[-1]
    'VALUES (?s) { (<http://e.org/a>) }'
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise ValueError(f"not a variable name: {name!r}")
    row = " ".join(_term(bindings[n]) for n in names)
    return f"{sparql}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}"


# an IRI, a string or a comment (skipped), or the brace that opens the WHERE group
_TOKENS = re.compile(r'<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*|\{')


def inline_values(sparql: str, bindings: Mapping[str, str] | None) -> str:
    """Bind variables by a VALUES block at the start of the WHERE group (checked terms, no splicing).

    Unlike a trailing VALUES clause, which SPARQL joins *after* grouping (so that it does not
    restrict an aggregate query at all) and which Virtuoso rejects on a variable the query does
    not project, the block binds the variable for the whole pattern, on every backend.

    >>> inline_values("SELECT ?o WHERE { ?s ?p ?o }", {"s": "<http://e.org/a>"})
    'SELECT ?o WHERE { VALUES (?s) { (<http://e.org/a>) } ?s ?p ?o }'
    """
    if not bindings:
        return sparql
    block = with_values("", bindings).strip()
    for match in _TOKENS.finditer(sparql):
        if match.group() == "{":
            return f"{sparql[:match.end()]} {block}{sparql[match.end():]}"
    raise ValueError("the query has no WHERE clause to bind variables in")


@dataclass(frozen=True)
class PutResult:
    """What `put_article` did: 'added', 'replaced' or 'unchanged', and the triples now stored."""

    status: str
    triples: int


class Store(ABC):
    """A quad store holding one named graph per article (the article IRI names the graph).

    `generation` changes on every write made through this object, so caches built from
    the store (graph projections) know when to rebuild.
    """

    generation: int = 0

    def _changed(self) -> None:
        self.generation += 1

    @abstractmethod
    def put_article(self, graph_iri: str, ntriples: str, content_hash: str) -> PutResult:
        """Store an article's graph atomically, replacing an older version; skip an identical one."""

    @abstractmethod
    def delete_article(self, graph_iri: str) -> bool:
        """Remove an article's graph; True when there was one."""

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

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update atomically."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """The IRIs of all named graphs."""

    @abstractmethod
    def triple_count(self) -> int:
        """Number of quads in the store."""

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
