"""Writes that keep the shared descriptions in step: an article stored, replaced or deleted, a
dataset's part added. Each is one update (one transaction), planned while holding the store's
write lock (`Store.writing`).

The user graph keeps its own triples (the article, its events, their links, its provenance);
what it says about actors and places goes to their description graphs (`kg.store.descriptions`).
"""
from __future__ import annotations

from ..errors import StoreError
from ..mapping.namespaces import CKG
from .base import PutResult, Store
from .batch import _iri, insert_update, replace_update
from .descriptions import split
from .sharing import as_update, description_changes

__all__ = ["write_article", "remove_graph", "add_to_graph", "article_update", "hash_line"]

_HASH = str(CKG.contentHash)


def hash_line(graph_iri: str, content_hash: str) -> str:
    """The triple that stores an article's content hash in its graph."""
    return f'<{_iri(graph_iri)}> <{_HASH}> "{content_hash}" .'


def _count(lines: str) -> int:
    return len({line for line in lines.split("\n") if line.strip()})


def _split(graph_iri: str, ntriples: str):
    """`descriptions.split`, a StoreError naming the graph when its N-Triples do not parse."""
    try:
        return split(ntriples)
    except SyntaxError as exc:
        raise StoreError(f"graph {graph_iri} could not be written: {exc}") from None


def article_update(store: Store, items: list[tuple[str, str, str]], replaced: set[str]) -> tuple[str, list[int]]:
    """One update that stores articles (graph IRI, N-Triples, content hash), replacing the
    graphs of those in `replaced`; and the triples each article's graph then holds."""
    ops, added, counts = [], {}, []
    for graph_iri, ntriples, content_hash in items:
        own, described = _split(graph_iri, ntriples)
        own = f"{own}\n{hash_line(graph_iri, content_hash)}"
        ops.append(replace_update(graph_iri, own))
        added[graph_iri] = described
        counts.append(_count(own))
    changes = description_changes(store.rows, replaced, added)
    return " ;\n".join(ops + as_update(changes)), counts


def write_article(store: Store, graph_iri: str, ntriples: str, content_hash: str) -> PutResult:
    """`Store.put_article`: an article's graph stored, replaced or left as it is."""
    with store.writing():
        old = store.article_hash(graph_iri)
        if old == content_hash:
            return PutResult("unchanged", store._graph_size(graph_iri))
        if old is None and not store.holds_graph(graph_iri):  # a new graph: only insertions
            own, described = _split(graph_iri, ntriples)
            own = f"{own}\n{hash_line(graph_iri, content_hash)}"
            store.add_parts(graph_iri, own, description_changes(store.rows, set(), {graph_iri: described}))
            return PutResult("added", _count(own))
        update, (count,) = article_update(store, [(graph_iri, ntriples, content_hash)],
                                          {graph_iri} if old is not None else set())
        store.write_update(update, f"graph {graph_iri}")
        return PutResult("added" if old is None else "replaced", count)


def remove_graph(store: Store, graph_iri: str) -> bool:
    """`Store.delete_article`: the graph dropped, with its share of every description."""
    with store.writing():
        if not store.holds_graph(graph_iri):
            return False
        changes = description_changes(store.rows, {graph_iri}, {})
        store.write_update(" ;\n".join([f"DROP SILENT GRAPH <{_iri(graph_iri)}>"] + as_update(changes)),
                           f"graph {graph_iri}")
        return True


def add_to_graph(store: Store, graph_iri: str, ntriples: str) -> None:
    """`Store.add_graph`: triples added to a graph, those about actors and places shared."""
    with store.writing():
        own, described = _split(graph_iri, ntriples)
        changes = description_changes(store.rows, set(), {graph_iri: described})
        store.add_parts(graph_iri, own, changes)


def add_parts(store: Store, graph_iri: str, own: str, changes) -> None:
    """Write a graph's own triples and the description changes in one update (the default of
    `Store.add_parts`)."""
    ops = [insert_update(graph_iri, own)] if own.strip() else []
    update = " ;\n".join(ops + as_update(changes))
    if update:
        store.write_update(update, f"graph {graph_iri}")
