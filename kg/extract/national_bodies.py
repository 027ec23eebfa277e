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


# Bodies that act only in their own country: named by their noun alone ("police in North
# Mitrovica", "local authorities in Sarmada"), they belong to the country where they act, not to
# the story's. Armies, envoys and diplomats act abroad, so they keep the story's country.
DOMESTIC = frozenset({"police", "policeman", "policewoman", "gendarme", "gendarmerie", "official",
                      "authority", "government", "administration", "ministry", "minister", "governor",
                      "mayor", "lawmaker", "legislator", "parliament", "court", "judiciary", "council"})


def local_body(r, token: Token | None, place) -> Actor | None:
    """The actor a domestic body named by its noun alone is where the event happened, when that is
    another country than the story's: 'police in Kampala' in a Kenyan story are Uganda's police.
    None when the phrase names the same actor whatever the story's country ('Kenyan police')."""
    if token is None or place is None or not place.country or place.country == r.home:
        return None
    group = load_groups().get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
    if group is None or group.lemma not in DOMESTIC or token.ent_iob_ != "O":
        return None
    home, r.home = r.home, place.country
    try:
        here = r.resolve(token, pronouns=False)
    finally:
        r.home = home
    return here if here is not None and here.country == place.country else None
