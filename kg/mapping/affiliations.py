"""How actors stand to each other: membership, leadership and command, as RDF links between actors.

Three properties of the ontology say it (`ontology/README.md`, "Memberships, leadership and command"):

- ``ckg:memberOf``: the actor belongs to another (the dictionary's affiliation: an official's
  government, a commander's army);
- ``ckg:leads``: it heads it (the dictionary's role ``leader``: a president's state, a
  secretary-general's organisation);
- ``ckg:commands`` (a ``ckg:leads``): it commands that armed force (role ``commander``: a general's
  army), and a person commands the forces named after them ("Khalifa Haftar's forces").

A leader or commander is a member too: both links are written, so that a query for members finds them.
"""
from __future__ import annotations

import re
from typing import Callable

from rdflib import URIRef

from ..model import Actor
from .namespaces import CKG

__all__ = ["ROLE_PROPERTIES", "forces_owner", "affiliations"]

ActorLookup = Callable[[str], "Actor | None"]

ROLE_PROPERTIES: dict[str, URIRef] = {"leader": CKG.leads, "commander": CKG.commands}
_FORCES = re.compile(r"^(?P<owner>.+?)['’]s? (?:forces|troops|fighters|soldiers|militias?|men|army|loyalists|units)$",
                     re.IGNORECASE)


def forces_owner(actor: Actor, lookup: ActorLookup | None) -> Actor | None:
    """The person whose forces `actor` is named as ("Khalifa Haftar's forces"), when `lookup` knows them.

    >>> from kg.extract.dictionary import load_dictionary
    >>> forces_owner(Actor("Khalifa Haftar's forces", "armed_group"), load_dictionary().get).label
    'Khalifa Haftar'
    >>> forces_owner(Actor("Zawiya militias", "armed_group"), load_dictionary().get) is None
    True
    """
    found = _FORCES.match(actor.label) if lookup is not None and actor.kind != "person" else None
    owner = lookup(found.group("owner").strip()) if found else None
    return owner if owner is not None and owner.kind == "person" and owner.label != actor.label else None


def affiliations(actor: Actor, lookup: ActorLookup | None) -> list[tuple[Actor, URIRef, Actor]]:
    """The links that describe `actor`'s place among others: (subject, property, object) triples of
    actors, each to be described in the same graph.

    `lookup` finds an actor by canonical label (the dictionary's ``get``); without it there are none.
    The role is the actor's own, else the dictionary's entry for it (when both name the same affiliation).

    >>> from kg.extract.dictionary import load_dictionary
    >>> d = load_dictionary()
    >>> [(s.label, str(p).rsplit("#")[-1], o.label) for s, p, o in affiliations(d.get("Khalifa Haftar"), d.get)]
    [('Khalifa Haftar', 'memberOf', 'Libyan National Army'), ('Khalifa Haftar', 'commands', 'Libyan National Army')]
    >>> [(s.label, str(p).rsplit("#")[-1], o.label) for s, p, o in affiliations(Actor("Khalifa Haftar's forces"), d.get)]
    [('Khalifa Haftar', 'commands', "Khalifa Haftar's forces")]
    """
    if lookup is None:
        return []
    links = []
    parent = lookup(actor.affiliation) if actor.affiliation else None
    if parent is not None and parent.label != actor.label:
        links.append((actor, CKG.memberOf, parent))
        entry = lookup(actor.label)
        role = actor.role or (entry.role if entry is not None and entry.affiliation == actor.affiliation else None)
        if role in ROLE_PROPERTIES:
            links.append((actor, ROLE_PROPERTIES[role], parent))
    owner = forces_owner(actor, lookup)
    if owner is not None:
        links.append((owner, CKG.commands, actor))
    return links
