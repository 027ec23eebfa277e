"""The default store: pyoxigraph (RocksDB) on disk, or in memory when no path is given."""
from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..mapping.namespaces import CKG
from ..sparql_text import read_query
from ..text import safe_output
from .base import GRAPH_FORMATS, RESULT_FORMATS, Store, inline_values
from .dataset import merged_store
from .serving import held

__all__ = ["OxigraphStore"]

_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
               "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG,
               "n3": ox.RdfFormat.N3}
_GRAPHS = RDF_FORMATS
_HASH = ox.NamedNode(str(CKG.contentHash))

# Oxigraph's SPARQL parser recurses once per nesting level and overflows an 8 MB thread stack
# (SIGSEGV: the whole process dies) a few thousand levels down; refuse deep nesting first.
MAX_DEPTH = 200


def _check_depth(sparql: str) -> None:
    depth = read_query(sparql).depth
    if depth > MAX_DEPTH:
        raise QueryError(f"the SPARQL text nests {depth} levels of brackets; at most {MAX_DEPTH} are accepted")


class _Enough(Exception):
    """Raised inside serialisation to stop it: enough lines were written."""


class _CappedOutput:
    """A write-only sink for pyoxigraph's serialisers that keeps the first `lines` lines.

    Past `deadline` (a `time.monotonic()` value) it stops the query with QueryError.
    """

    def __init__(self, lines: int, deadline: float | None):
        self.buffer, self.lines, self.deadline, self.seen = io.BytesIO(), lines, deadline, 0

    def write(self, data: bytes) -> int:
        self.buffer.write(data)
        self.seen += data.count(b"\n")
        if self.seen >= self.lines:
            raise _Enough()
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise QueryError("the query was stopped: it ran past its time limit")
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: everything is kept in memory."""

    def value(self) -> list[bytes]:
        """The complete lines written (without their newline), at most `lines` of them."""
        return self.buffer.getvalue().split(b"\n")[:-1][: self.lines]


def _format_message(path: str | None, message: str) -> str:
    """What to do about a store that pyoxigraph refuses to open as it is."""
    version = getattr(ox, "__version__", "?")
    if "upgrade" in message and "newer" in message:
        return (f"store {path} is in the storage format of an older pyoxigraph; pyoxigraph {version} can only "
                "open it after converting it, for good (the older version cannot read it afterwards). "
                f"Back it up, then run `kg upgrade --store {path}`")
    if "too recent" in message:
        return (f"store {path} was written by a newer pyoxigraph than {version}: upgrade conflict-kg's "
                "pyoxigraph to open it (nothing was changed)")
    return f"cannot open store {path}: {message}"


class OxigraphStore(Store):
    """An embedded pyoxigraph store; `path=None` keeps everything in memory.

    >>> store = OxigraphStore(None)
    >>> store.put_article("https://w3id.org/conflict-kg/id/article/a", "", "0" * 64).status
    'added'
    """

    def __init__(self, path: str | None, *, read_only: bool = False, upgrade: bool = False):
        self.path, self.read_only = path, read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                if held(str(path)):  # a read-only `kg serve` reads it: no writer meanwhile (kg.store.serving)
                    raise StoreError(f"store {path} is in use by another process (a read-only `kg serve` "
                                     "reads it; stop it first)")
                if not upgrade and (Path(path) / "CURRENT").is_file():
                    ox.Store.read_only(str(path))  # a store of another format says so here, unchanged
                self._store = ox.Store(str(path))
        except RuntimeError as exc:
            raise StoreError(_format_message(path, str(exc))) from None
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreError(f"store {path} is in use by another process "
                                 f"(stop `kg serve` or the other ingest first): {message}") from None
            raise StoreError(f"cannot open store {path}: {message}") from None

    def put_graph(self, graph_iri: str, ntriples: str) -> None:
        self.write_update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }}",
                          f"graph {graph_iri}")

    def write_update(self, sparql: str, what: str) -> None:
        try:
            self._store.update(sparql)
            self._changed()
        except SyntaxError as exc:
            raise StoreError(f"{what} could not be written: {exc}") from None
        except OSError as exc:
            raise StoreError(f"writing {what} failed, nothing was changed: {exc}") from None

    def holds_graph(self, graph_iri: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph_iri))

    def rows(self, sparql: str) -> list[tuple]:
        try:  # the store's own queries: flat, so the depth check is not needed
            return [tuple(row) for row in self._store.query(sparql)]
        except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def article_hash(self, graph_iri: str) -> str | None:
        node = ox.NamedNode(graph_iri)
        for quad in self._store.quads_for_pattern(node, _HASH, None, node):
            return quad.object.value
        return None

    def _graph_size(self, graph_iri: str) -> int:
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))

    def _run(self, sparql: str, **kwargs):
        _check_depth(sparql)
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def select(self, sparql: str, bindings: Mapping[str, str] | None = None) -> list[dict]:
        result = self._run(inline_values(sparql, bindings), use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        blank = ox.BlankNode  # iterating a row is much faster than looking each variable up
        return [{n: t.value if t.__class__ is not blank else f"_:{t.value}" for n, t in zip(names, row)
                 if t is not None} for row in result]

    def _evaluate(self, sparql: str, base_iri=None, default_graphs=None, named_graphs=None):
        """Run a query on the dataset SPARQL gives it (`kg.store.dataset`)."""
        _check_depth(sparql)
        store, dataset = merged_store(self._store, sparql, base_iri, default_graphs, named_graphs)
        try:
            return store.query(sparql, base_iri=base_iri, **dataset)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def query(self, sparql: str, fmt: str, *, default_graphs=None, named_graphs=None) -> bytes:
        return self._format(self._evaluate(sparql, None, default_graphs, named_graphs), fmt)

    def bounded_query(self, sparql: str, fmt: str, *, max_rows: int, deadline: float | None = None,
                      base_iri: str | None = None, default_graphs=None, named_graphs=None) -> tuple[bytes, bool]:
        """Like `query`, but keep only the first `max_rows` rows (or triples), streaming.

        A SELECT whose outer LIMIT is within `max_rows` is written by pyoxigraph's serialiser
        as it stands. Any other result is written as it is computed (TSV or N-Triples, then
        converted) and the query stops once `max_rows` + 1 rows are out, or with QueryError once
        `deadline` (a `time.monotonic()` value) has passed, so a query that matches billions of
        rows costs neither memory nor a thread for long. (A query that sorts or groups them
        still computes them all before the first row.)
        """
        result = self._evaluate(sparql, base_iri, default_graphs, named_graphs)
        if isinstance(result, ox.QueryBoolean):
            return self._format(result, fmt), False
        triples = isinstance(result, ox.QueryTriples)
        if triples and fmt not in _GRAPHS or not triples and fmt not in _RESULTS:
            return self._format(result, fmt), False  # raises the QueryError that names the formats
        limit = None if triples else read_query(sparql).limit
        try:
            if limit is not None and limit <= max_rows:
                return safe_output(result.serialize(format=_RESULTS[fmt]), fmt), False
            header = 0 if triples else 1
            sink = _CappedOutput(max_rows + 1 + header, deadline)
            try:
                result.serialize(sink, format=ox.RdfFormat.N_TRIPLES if triples else ox.QueryResultsFormat.TSV)
            except _Enough:
                pass
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None
        lines = sink.value()
        truncated = len(lines) - header > max_rows
        body = b"".join(line + b"\n" for line in lines[: header + max_rows])
        if triples:
            return (body if fmt == "ntriples" else safe_output(ox.serialize(
                (q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)), format=_GRAPHS[fmt]), fmt)), truncated
        if fmt == "tsv":
            return body, truncated
        solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
        return safe_output(solutions.serialize(format=_RESULTS[fmt]), fmt), truncated

    @staticmethod
    def _format(result, fmt: str) -> bytes:
        if isinstance(result, ox.QueryTriples):
            if fmt not in _GRAPHS:
                raise QueryError(f"a CONSTRUCT or DESCRIBE result cannot be written as {fmt!r}; "
                                 f"use one of {', '.join(GRAPH_FORMATS)}")
            return safe_output(result.serialize(format=_GRAPHS[fmt]), fmt)
        if fmt not in _RESULTS:
            raise QueryError(f"a SELECT or ASK result cannot be written as {fmt!r}; "
                             f"use one of {', '.join(RESULT_FORMATS)}")
        return safe_output(result.serialize(format=_RESULTS[fmt]), fmt)

    def update(self, sparql: str) -> None:
        _check_depth(sparql)
        try:
            self._store.update(sparql)
            self._changed()
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from None
        except (RuntimeError, ValueError) as exc:  # e.g. CLEAR GRAPH of a graph that does not exist
            raise QueryError(f"update failed, nothing was changed: {exc}") from None
        except OSError as exc:
            raise StoreError(f"update failed, nothing was changed: {exc}") from None

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def add_parts(self, graph_iri: str, own: str, changes) -> None:
        """A graph's own triples and the descriptions it adds in one transaction, parsed directly as
        N-Quads (no SPARQL text) when the descriptions lose nothing (as nearly always)."""
        from .sharing import as_nquads
        from .writes import add_parts

        if changes.drop or changes.delete:
            return add_parts(self, graph_iri, own, changes)
        node = f" <{graph_iri}> .\n"
        quads = "".join(line.rstrip()[:-1].rstrip() + node for line in own.split("\n") if line.strip())
        try:
            self._store.load((quads + as_nquads(changes)).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            self._changed()
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"graph {graph_iri} could not be written: {exc}") from None
        except OSError as exc:
            raise StoreError(f"writing graph {graph_iri} failed, nothing was changed: {exc}") from None

    def flush(self) -> None:
        """Write RocksDB's buffers to disk: without it they grow with every write of a bulk import."""
        if self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError as exc:
                raise StoreError(f"writing store {self.path} to disk failed: {exc}") from None

    def dump(self, fmt: str, graph: str | None = None, *, chunk: int = 20_000):
        """The quads of every named graph (or one) in pieces of `chunk`, read from one snapshot:
        memory stays constant whatever the store's size, and writes may go on meanwhile."""
        node = ox.NamedNode(graph) if graph else None
        quads = self._store.quads_for_pattern(None, None, None, node)
        target = ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TURTLE
        while True:
            batch = []
            for quad in quads:
                if not isinstance(quad.graph_name, ox.DefaultGraph):
                    batch.append(quad if fmt == "nquads" else quad.triple)
                    if len(batch) >= chunk:
                        break
            if not batch:
                return
            yield ox.serialize(batch, format=target)

    def triple_count(self) -> int:
        return len(self._store)

    def close(self) -> None:
        self._store = None  # pyoxigraph releases the database (and its lock) when dropped
