"""Shared descriptions: each actor and place described once, in named graphs of its own.

An article's or dataset's graph (a *user*) holds its events; what it says about the actors and
places they involve (labels, kinds, countries, memberships, names, coordinates: every triple
whose subject is an actor or place, or a place's geometry) is taken out of it by `split` and kept
in the entity's description graph (`kg.mapping.iris.description_graph`), which says which users it
is `prov:wasDerivedFrom`. An entity is described while one of its users is stored.

Users nearly always describe an entity alike; when they do not, each triple must still be stored
once and leave with its last user, so the description is split by *support*: the triples stated
by the same set of users form one graph, named after the entity and a digest of its triples, and
the union of those graphs is what the users said. The result depends only on the users stored,
never on the order they came in (`plan`).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..mapping.iris import described_entity, description_graph

__all__ = ["PROV_DERIVED", "Stored", "Changes", "split", "canonical", "plan", "derived_line"]

PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


@dataclass(frozen=True)
class Stored:
    """One stored description graph of an entity: its triples (N-Triples, without the final
    ' .'); which of the users that leave (are deleted or replaced) it is derived from; whether it
    is derived from any other user (asked only when some user leaves it: None when not asked); and
    all its users, when they were read."""

    graph: str
    triples: frozenset[str]
    leaving: frozenset[str] = frozenset()
    others: bool | None = None
    users: frozenset[str] | None = None

    def complete(self) -> frozenset[str] | None:
        """Every user of the graph, when known."""
        if self.users is not None:
            return self.users
        return self.leaving if self.leaving and self.others is False else None


@dataclass
class Changes:
    """What to write: graphs to drop, then triples to delete and insert, as (graph, triple)."""

    drop: list[str] = field(default_factory=list)
    delete: list[tuple[str, str]] = field(default_factory=list)
    insert: list[tuple[str, str]] = field(default_factory=list)

    def extend(self, other: "Changes") -> None:
        """Add the changes of another entity."""
        self.drop += other.drop
        self.delete += other.delete
        self.insert += other.insert

    def __bool__(self) -> bool:
        return bool(self.drop or self.delete or self.insert)


def derived_line(graph: str, user: str) -> str:
    """The triple saying that a description graph comes from a user (without the final ' .')."""
    return f"<{graph}> <{PROV_DERIVED}> <{user}>"


def split(ntriples: str) -> tuple[str, dict[str, frozenset[str]]]:
    """A user graph's N-Triples as (its own lines, {entity: the triples describing it}).

    The description triples are written as pyoxigraph writes N-Triples, in `canonical` form, so
    that they compare equal to the same triples read back from a store.

    >>> own, described = split('<https://w3id.org/conflict-kg/id/actor/a> '
    ...     '<http://www.w3.org/2000/01/rdf-schema#label> "A" .\\n<urn:e> <urn:p> <urn:o> .')
    >>> own, sorted(described)
    ('<urn:e> <urn:p> <urn:o> .', ['https://w3id.org/conflict-kg/id/actor/a'])
    """
    own, shared = [], []
    for line in ntriples.split("\n"):  # N-Triples ends lines with LF (or CR LF) only
        text = line.strip()
        if not text:
            continue
        end = text.find(">") if text.startswith("<") else -1
        (shared if end > 0 and described_entity(text[1:end]) else own).append(text)
    described: dict[str, set[str]] = defaultdict(set)
    if shared:
        parsed = ox.parse("\n".join(shared), format=ox.RdfFormat.N_TRIPLES)
        for quad in canonical(ox.Quad(t.subject, t.predicate, t.object) for t in parsed):
            described[described_entity(quad.subject.value)].add(str(quad.triple))
    return "\n".join(own), {entity: frozenset(lines) for entity, lines in described.items()}


def canonical(quads) -> list:
    """Quads with their literals in the form a store keeps them: pyoxigraph writes numbers, dates
    and booleans canonically ('-70.0'^^xsd:decimal is read back as '-70'), so what a user states
    and what was read back from a store compare equal as text.

    >>> [str(q.object) for q in canonical([ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"),
    ...     ox.Literal("-70.0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))])]
    ['"-70"^^<http://www.w3.org/2001/XMLSchema#decimal>']
    """
    store = ox.Store()
    store.extend(quads)
    return list(store)


def plan(entity: str, stored: list[Stored], removed: set[str], added: dict[str, frozenset[str]]) -> Changes | None:
    """The changes to an entity's description when the users `removed` leave (deleted, or replaced)
    and the users `added` state their triples; None when all the users of `stored` must be read
    first (`Stored.users`): only when users describe the entity differently.

    Each triple is supported by the users that state it; triples of the same support make one
    graph, named `description_graph(entity)` when there is one such graph, else after the entity
    and a digest of its triples.

    >>> e = "https://w3id.org/conflict-kg/id/actor/a"
    >>> c = plan(e, [], set(), {"urn:art1": frozenset({'<x> <y> "1"'})})
    >>> sorted(line for _, line in c.insert)[0].endswith('<urn:art1>')
    True
    >>> plan(e, [Stored(description_graph(e), frozenset({'<x> <y> "1"'}), frozenset({"urn:art1"}), False)],
    ...      {"urn:art1"}, {}).drop == [description_graph(e)]
    True
    """
    if len(stored) == 1 and stored[0].complete() is None and all(t == stored[0].triples for t in added.values()):
        old = stored[0]  # users stay that are not asked about, and every new user says the same
        if old.leaving and old.others is None:
            raise ValueError(f"{old.graph}: whether users other than those leaving remain was not asked")
        if old.leaving and not old.others and not added:
            return Changes(drop=[old.graph])
        changes = Changes()
        changes.delete = [(old.graph, derived_line(old.graph, u)) for u in sorted(old.leaving - set(added))]
        changes.insert = [(old.graph, derived_line(old.graph, u)) for u in sorted(set(added) - old.leaving)]
        return changes
    complete = {s.graph: s.complete() for s in stored}
    if any(users is None for users in complete.values()):
        return None
    support: dict[str, set[str]] = defaultdict(set)
    for s in stored:
        for triple in s.triples:
            support[triple] |= complete[s.graph] - removed
    for user, triples in added.items():
        for triple in triples:
            support[triple].add(user)
    groups: dict[frozenset[str], set[str]] = defaultdict(set)
    for triple, users in support.items():
        if users:
            groups[frozenset(users)].add(triple)
    new = {}
    for users, triples in groups.items():
        part = None if len(groups) == 1 else hashlib.sha256("\n".join(sorted(triples)).encode()).hexdigest()[:12]
        new[description_graph(entity, part)] = (frozenset(triples), users)
    return _diff({s.graph: (s.triples, complete[s.graph]) for s in stored}, new)


def _diff(old: dict, new: dict) -> Changes:
    """The changes that turn the `old` graphs into the `new` ones: {graph: (triples, users)}.

    A graph that keeps its name keeps the triples that stay (a user's ``prov:wasDerivedFrom``
    among them): only what changes is written.
    """
    changes = Changes()
    for graph in sorted(old):
        if graph not in new:
            changes.drop.append(graph)
    for graph in sorted(new):
        triples, users = new[graph]
        before, before_users = old.get(graph, (frozenset(), frozenset()))
        lines_now = triples | {derived_line(graph, u) for u in users}
        lines_then = before | {derived_line(graph, u) for u in before_users}
        changes.delete += [(graph, line) for line in sorted(lines_then - lines_now)]
        changes.insert += [(graph, line) for line in sorted(lines_now - lines_then)]
    return changes
