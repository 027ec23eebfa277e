"""Keep the shared descriptions in step with the user graphs written (`kg.store.descriptions`).

`description_changes(rows, removed, added)` reads what the store holds about the entities
concerned, with a few queries whatever their number (`rows` runs a SELECT and returns its rows
as pyoxigraph terms), and plans the changes; `as_update` writes them as one SPARQL update and
`as_nquads` as N-Quads for a store that loads them in one transaction (insertions only).
Every user's IRI and every entity's IRI is checked before it goes into query text.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

import pyoxigraph as ox

from ..mapping.iris import entity_of_description
from .batch import _iri
from .descriptions import PROV_DERIVED, Changes, Stored, canonical, plan

__all__ = ["description_changes", "as_update", "as_nquads", "data_blocks", "GEOMETRY"]

Rows = Callable[[str], list]
GEOMETRY = "/geometry"  # a place's geometry node, described with the place
CHUNK = 300


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{_iri(i)}>' for i in iris)} }}"


def _chunks(items: list, size: int = CHUNK) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _leaving(rows: Rows, removed: set[str]) -> dict[str, set[str]]:
    """Description graph -> the users among `removed` it is derived from."""
    found: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(sorted(removed)):
        for d, u in rows(f"SELECT ?d ?u WHERE {{ {_values('u', chunk)} GRAPH ?d {{ ?d <{PROV_DERIVED}> ?u }} }}"):
            if entity_of_description(d.value):
                found[d.value].add(u.value)
    return found


def _contents(rows: Rows, entities: set[str], graphs: set[str]) -> dict[str, dict[str, set[str]]]:
    """Entity -> description graph -> its triples, read by subject (a popular entity's graph holds
    thousands of ``prov:wasDerivedFrom`` triples, which are not read); `graphs` found otherwise
    and holding none of those subjects are read whole."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    quads = []
    subjects = sorted({n for e in entities for n in (e, e + GEOMETRY)})
    for chunk in _chunks(subjects):
        for d, s, p, o in rows(f"SELECT ?d ?s ?p ?o WHERE {{ {_values('s', chunk)} GRAPH ?d {{ ?s ?p ?o }} }}"):
            entity = entity_of_description(d.value)
            if entity is not None and s.value in (entity, entity + GEOMETRY):
                quads.append(ox.Quad(s, p, o, d))
    read = {q.graph_name.value for q in quads}
    for chunk in _chunks(sorted(g for g in graphs if g not in read)):
        quads += [ox.Quad(s, p, o, d) for d, s, p, o in rows(
            f"SELECT ?d ?s ?p ?o WHERE {{ {_values('d', chunk)} GRAPH ?d {{ ?s ?p ?o FILTER(?s != ?d) }} }}")]
        for graph in chunk:
            found[entity_of_description(graph)].setdefault(graph, set())
    for quad in canonical(quads):  # as `descriptions.split` writes what users say
        found[entity_of_description(quad.graph_name.value)][quad.graph_name.value].add(str(quad.triple))
    return found


def _others(rows: Rows, graphs: list[str], removed: set[str]) -> set[str]:
    """Those of `graphs` derived from some user not in `removed`."""
    if not graphs:
        return set()
    outside = ", ".join(f"<{_iri(u)}>" for u in sorted(removed))
    found = set()
    for chunk in _chunks(sorted(graphs)):
        found.update(d.value for (d,) in rows(
            f"SELECT ?d WHERE {{ {_values('d', chunk)} FILTER EXISTS {{ GRAPH ?d {{ ?d <{PROV_DERIVED}> ?u "
            f"FILTER(?u NOT IN ({outside})) }} }} }}"))
    return found


def _users(rows: Rows, graphs: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {g: set() for g in graphs}
    for chunk in _chunks(sorted(graphs)):
        for d, u in rows(f"SELECT ?d ?u WHERE {{ {_values('d', chunk)} GRAPH ?d {{ ?d <{PROV_DERIVED}> ?u }} }}"):
            found[d.value].add(u.value)
    return found


def description_changes(rows: Rows, removed: Iterable[str], added: dict[str, dict[str, frozenset[str]]]) -> Changes:
    """The changes to the shared descriptions when the user graphs `removed` leave (are deleted or
    replaced) and the users of `added` ({user: {entity: triples}}, from `descriptions.split`) state
    what they describe."""
    removed = {_iri(u) for u in removed}
    by_entity: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)
    for user, described in added.items():
        for entity, triples in described.items():
            by_entity[_iri(entity)][_iri(user)] = triples
    leaving = _leaving(rows, removed) if removed else {}
    entities = set(by_entity) | {entity_of_description(g) for g in leaving}
    contents = _contents(rows, entities, set(leaving))
    asked = sorted(g for g in leaving if leaving[g])
    others = _others(rows, asked, removed)
    stored = {e: [Stored(g, frozenset(t), frozenset(leaving.get(g, ())), (g in others) if g in leaving else None)
                  for g, t in sorted(contents.get(e, {}).items())] for e in entities}
    changes, pending = Changes(), []
    for entity in sorted(entities):
        step = plan(entity, stored[entity], removed, by_entity.get(entity, {}))
        if step is None:
            pending.append(entity)
        else:
            changes.extend(step)
    if pending:  # users describe these entities differently: every user of their graphs is needed
        users = _users(rows, [s.graph for e in pending for s in stored[e]])
        for entity in pending:
            full = [Stored(s.graph, s.triples, s.leaving, s.others, frozenset(users[s.graph])) for s in stored[entity]]
            changes.extend(plan(entity, full, removed, by_entity.get(entity, {})))
    return changes


def data_blocks(kind: str, pairs: list[tuple[str, str]], block: int = 1000) -> list[str]:
    """``INSERT DATA`` or ``DELETE DATA`` operations (`kind`) of (graph, triple) pairs, at most
    `block` triples each (Virtuoso's parser gives up on much bigger blocks)."""
    by_graph: dict[str, list[str]] = defaultdict(list)
    for graph, line in pairs:
        by_graph[graph].append(line + " .")
    ops, lines = [], [(g, line) for g in sorted(by_graph) for line in by_graph[g]]
    for i in range(0, len(lines), block):
        part: dict[str, list[str]] = defaultdict(list)
        for graph, line in lines[i:i + block]:
            part[graph].append(line)
        ops.append(f"{kind} DATA {{ " + " ".join(f"GRAPH <{g}> {{\n" + "\n".join(ls) + "\n}" for g, ls in part.items())
                   + " }")
    return ops


def as_update(changes: Changes) -> list[str]:
    """The changes as SPARQL update operations (join them with ' ;')."""
    return ([f"DROP SILENT GRAPH <{_iri(g)}>" for g in changes.drop] + data_blocks("DELETE", changes.delete)
            + data_blocks("INSERT", changes.insert))


def as_nquads(changes: Changes) -> str:
    """The insertions as N-Quads; only for changes that drop and delete nothing."""
    if changes.drop or changes.delete:
        raise ValueError("as_nquads writes insertions only")
    return "".join(f"{line} <{graph}> .\n" for graph, line in changes.insert)
