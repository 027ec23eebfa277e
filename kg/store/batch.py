"""Batched writes through any Store: many article graphs in one SPARQL update, each all-or-nothing.

Used by the ingest pipeline. One update request per batch saves a round trip (and a
transaction) per article on a remote store; if the batch is refused, its articles are written
one by one, so that one bad graph fails alone and the others are still stored.
"""
from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from ..errors import KGError, StoreError
from ..mapping.namespaces import CKG
from .base import PutResult, Store

__all__ = ["ArticleGraph", "stored_hashes", "put_articles", "replace_update", "insert_update"]

_HASH = str(CKG.contentHash)
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class ArticleGraph(NamedTuple):
    """One article's graph to store: its IRI, N-Triples and content hash."""

    iri: str
    ntriples: str
    content_hash: str


def _iri(value: str) -> str:
    if not value or _BAD_IRI.search(value):
        raise StoreError(f"not a valid graph IRI: {value!r}")
    return value


def replace_update(graph_iri: str, ntriples: str, *, block: int = 1000) -> str:
    """One update that replaces a graph: `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> {…} }`.

    Large graphs are inserted as several INSERT DATA blocks of at most `block` triples, all in
    the same request (Virtuoso's parser gives up on one block of about 5,000). Blank nodes are not
    allowed in INSERT DATA by every server (Virtuoso refuses them), so a graph holding some is
    written whole with `INSERT { … } WHERE {}`, which means the same.

    >>> print(replace_update("http://e.org/g", "<http://e.org/s> <http://e.org/p> 1 ."))
    DROP SILENT GRAPH <http://e.org/g> ;
    INSERT DATA { GRAPH <http://e.org/g> {
    <http://e.org/s> <http://e.org/p> 1 .
    } }
    """
    return f"DROP SILENT GRAPH <{_iri(graph_iri)}> ;\n" + insert_update(graph_iri, ntriples, block=block)


def insert_update(graph_iri: str, ntriples: str, *, block: int = 1000) -> str:
    """One update that adds triples to a graph (as `replace_update`, without dropping it first).

    >>> print(insert_update("http://e.org/g", "<http://e.org/s> <http://e.org/p> 1 ."))
    INSERT DATA { GRAPH <http://e.org/g> {
    <http://e.org/s> <http://e.org/p> 1 .
    } }
    """
    _iri(graph_iri)
    if "_:" in ntriples:
        return f"INSERT {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }} WHERE {{}}"
    lines = [line for line in ntriples.split("\n") if line.strip()]
    blocks = ["\n".join(lines[i:i + block]) for i in range(0, len(lines), block)] or [""]
    return " ;\n".join(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{b}\n}} }}" for b in blocks)


def stored_hashes(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """The content hash stored for each of `iris` that is stored, in one query."""
    iris = list(dict.fromkeys(iris))
    if not iris:
        return {}
    values = " ".join(f"<{_iri(i)}>" for i in iris)
    rows = store.select(f"SELECT ?g ?h WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?g <{_HASH}> ?h }} }}")
    return {r["g"]: r["h"] for r in rows}


def put_articles(store: Store, items: list[ArticleGraph]) -> list[PutResult | KGError]:
    """Store article graphs in one update; per item, its PutResult or the error that kept it out.

    Statuses are those of `Store.put_article`: 'added', 'replaced' or 'unchanged' (same hash);
    `triples` counts the distinct statements left in the article's graph, with the hash (what it
    says about actors and places goes to their description graphs, `kg.store.writes`). A store
    whose `batch_writes` is false (the embedded one, where one big update measured slower than
    many small ones: bench/README.md) gets one `put_article` per item instead.
    """
    if not getattr(store, "batch_writes", False):
        return _one_by_one(store, items)
    from .descriptions import split
    from .writes import article_update

    with store.writing():
        known = stored_hashes(store, (i.iri for i in items))
        results: list[PutResult | KGError | None] = []
        writes, replaced, statuses = [], set(), []
        for item in items:
            old = known.get(item.iri)
            if old == item.content_hash:
                own = {line for line in split(item.ntriples)[0].split("\n") if line.strip()}
                results.append(PutResult("unchanged", len(own) + 1))
                continue
            if old is not None:
                replaced.add(item.iri)
            writes.append((item.iri, item.ntriples, item.content_hash))
            statuses.append("added" if old is None else "replaced")
            results.append(None)
            known[item.iri] = item.content_hash
        if not writes:
            return results
        try:
            update, counts = article_update(store, writes, replaced)
            store.update(update)
        except KGError:
            return _one_by_one(store, items)  # isolate the bad graph: write each article on its own
        made = iter(PutResult(status, count) for status, count in zip(statuses, counts))
        return [r if r is not None else next(made) for r in results]


def _one_by_one(store: Store, items: list[ArticleGraph]) -> list[PutResult | KGError]:
    out: list[PutResult | KGError] = []
    for item in items:
        try:
            out.append(store.put_article(item.iri, item.ntriples, item.content_hash))
        except KGError as exc:
            out.append(exc)
    return out
