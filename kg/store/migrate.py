"""Bring a store written before descriptions were shared to the layout of `kg.store.descriptions`.

Such a store holds each actor's and place's description in every article and dataset graph that
uses it. `share_descriptions` takes them out of those graphs, `graphs` at a time, and keeps them
once in their description graphs, as if each article had been written anew: the result is the
store a fresh ingest of the same articles gives. Run by `kg upgrade`; running it again changes
nothing.
"""
from __future__ import annotations

from ..mapping.iris import described_entity, entity_of_description
from ..mapping.namespaces import CKG
from .base import Store
from .batch import _iri
from .descriptions import split
from .sharing import as_update, data_blocks, description_changes

__all__ = ["share_descriptions"]


def _users_with_copies(store: Store) -> list[str]:
    rows = store.select(f"SELECT DISTINCT ?g WHERE {{ VALUES ?t {{ <{CKG.Actor}> <{CKG.Place}> }} "
                        "GRAPH ?g { ?s a ?t } }")
    return sorted(r["g"] for r in rows if entity_of_description(r["g"]) is None)


def _described_lines(store: Store, graph: str) -> str:
    body = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{_iri(graph)}> {{ ?s ?p ?o }} }}", "ntriples")
    return "\n".join(line for line in body.decode("utf-8").split("\n")
                     if line.startswith("<") and described_entity(line[1:line.find(">")]))


def share_descriptions(store: Store, *, graphs: int = 50) -> int:
    """Move the descriptions out of every article and dataset graph that holds copies of them;
    the number of graphs changed."""
    users = _users_with_copies(store)
    for start in range(0, len(users), graphs):
        part = users[start:start + graphs]
        with store.writing():
            added, removals = {}, []
            for graph in part:
                _, described = split(_described_lines(store, graph))
                added[graph] = described
                removals += [(graph, line) for triples in described.values() for line in triples]
            changes = description_changes(store.rows, set(part), added)
            store.write_update(" ;\n".join(data_blocks("DELETE", removals) + as_update(changes)),
                               f"{len(part)} graphs' descriptions")
    return len(users)
