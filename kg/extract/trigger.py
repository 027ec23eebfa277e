"""One trigger: the word of a sentence that names an event, and the clause it sits in.

The finder is `triggers.TriggerFinder` (verbs) with `nouns.NounTriggers` (event nouns); the word
classes both use are here.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import Action

__all__ = ["Trigger", "CASUALTY_VERBS", "PERCEPTION_VERBS"]

CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "displace", "maim", "die", "hurt"})
PERCEPTION_VERBS = frozenset({"report", "observe", "hear", "witness", "record", "confirm", "document", "register",
                              "see", "monitor", "detect", "notice", "spot"})


@dataclass
class Trigger:
    """One trigger: the word that names the event and the clause it sits in."""

    token: Token  # a verb, or an event noun
    action: Action
    anchor: Token  # the clause head whose subject, date and modality apply
    form: str = "verb"  # verb, light, occurrence, noun, casualty
    noun: Token | None = None  # the event noun of light/occurrence/noun forms
    support: Token | None = None  # the light or occurrence verb
