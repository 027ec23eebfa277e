"""A country's official body named as one: "Iraq's Foreign Ministry", "Mozambique's Defence
Ministry" -> 'Iraqi Foreign Ministry', 'Mozambican Defence Ministry', that country's actor (the
dictionary's entry when it has one)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Actor
from .groups import load_groups

__all__ = ["owned_body", "national_body"]


def owned_body(r, owner: Token, name: str) -> Actor | None:
    """"Iraq's Foreign Ministry": an official body's name owned by a country is that country's."""
    body = load_groups().get(name.split()[-1].lower())
    owner_ent = r.entity(owner)
    place = r.place_of(owner_ent) if owner_ent is not None else None
    return _body_of(r, place, name, body)


def national_body(r, ent: Span, owner: Token | None, token: Token) -> Actor | None:
    """"Mozambique's Defence Ministry" tagged as one name: that country's body ('Mozambican
    Defence Ministry'), when a country owns a name ending in an official body's noun."""
    if owner is None or token.i != ent.end - 1 or owner.i + 2 >= ent.end:
        return None
    body = load_groups().get(token.lemma_.lower())
    place = r.place_of(r.doc[ent.start: owner.i + 1])
    return _body_of(r, place, r.doc[owner.i + 2: ent.end].text, body)


def _body_of(r, place, name: str, body) -> Actor | None:
    """The body `name` of the country `place` is, when `body` (its noun's group) is official."""
    if body is None or body.kind not in ("government", "state_force") or place is None or place.feature != "country":
        return None
    demonym = r.dictionary.demonym_of(place.country) or place.label
    return r.dictionary.lookup(f"{demonym} {name}") or Actor(f"{demonym} {name}", body.kind, place.country)
