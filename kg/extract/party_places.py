"""Names the model took for people that are places of the story's country."""
from __future__ import annotations

from spacy.tokens import Span

from .party_words import SPEAKING

__all__ = ["lone_town"]


def lone_town(r, ent: Span) -> bool:
    """'the attack on Cabaret': a one-word 'person' that is a town of the story's country and
    no surname of anyone the article names in full (who would then be speaking or acting)."""
    if len(ent) != 1 or ent.label_ != "PERSON" or r.home is None:
        return False
    place = r.place_of(ent)
    if place is None or place.country != r.home or place.feature not in ("city", "town", "village", "locality"):
        return False
    word = ent.text.lower()
    if any(e.label_ == "PERSON" and len(e) > 1 and word in e.text.lower().split() for e in r.ents.values()):
        return False
    root = ent.root
    return not (root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEAKING)
