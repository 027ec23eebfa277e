"""Parties named by common nouns: 'gunmen', 'Nigerian troops', 'Taliban fighters', 'Misrata militias'.

The nouns and their kinds are data (`data/groups.tsv`). A group noun's modifiers decide who it is:
a named body ("Taliban fighters" are the Taliban), a nationality ("Kenyan police"), a place
("Misrata militias"), a stance ("pro-government militias"); with none, the group is generic and
its identity is scoped by the story's country ("Gunmen" in Nigeria).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import ACTOR_KINDS

if TYPE_CHECKING:  # annotations only: the importers read the table without loading spaCy
    from spacy.tokens import Token

__all__ = ["Group", "load_groups", "group_of", "noun_lemma", "ARMED_KINDS", "QUALIFIERS", "DROPPED_MODIFIERS"]

DATA = Path(__file__).parent / "data" / "groups.tsv"
ARMED_KINDS = frozenset({"state_force", "armed_group"})
# modifiers that become part of a generic group's label ("riot police", "pro-government militias")
QUALIFIERS = frozenset({"government", "opposition", "security", "riot", "border", "state", "federal",
                        "rebel", "militia", "armed", "special", "regular", "local", "tribal", "ethnic",
                        "religious", "communal", "islamist", "jihadist", "separatist", "coalition",
                        "allied", "foreign", "police", "army", "military", "national", "republican",
                        "presidential", "coast", "naval", "air", "ground", "elite", "auxiliary"})
# modifiers that say nothing about who the group is
DROPPED_MODIFIERS = frozenset({"unidentified", "unknown", "suspected", "presumed", "alleged", "masked", "armed",
                               "heavily", "several", "many", "some", "other", "more", "few", "numerous",
                               "hundred", "thousand", "dozen", "least", "angry", "irate", "unarmed",
                               "young", "old", "local", "innocent", "fellow", "about", "around", "over"})


@dataclass(frozen=True)
class Group:
    """A group noun: its lemma, the kind of party it names and its generic label."""

    lemma: str
    kind: str
    label: str

    @property
    def armed(self) -> bool:
        return self.kind in ARMED_KINDS


@lru_cache(maxsize=1)
def load_groups(path: Path = DATA) -> dict[str, Group]:
    """lemma -> Group, from groups.tsv; a bad row raises ValueError naming its line.

    >>> load_groups()["gunman"].label, load_groups()["villager"].kind
    ('Gunmen', 'civilians')
    """
    table: dict[str, Group] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        numbered = [(n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#")]
    rows = csv.DictReader((line for _, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), row in zip(numbered[1:], rows):
        lemma, kind, label = row["lemma"].strip(), row["kind"].strip(), row["label"].strip()
        if not lemma or not label or kind not in ACTOR_KINDS or lemma in table:
            raise ValueError(f"{path.name}:{number}: bad or repeated row {lemma!r} {kind!r} {label!r}")
        table[lemma] = Group(lemma, kind, label)
    return table


def noun_lemma(token: Token) -> str:
    """The lowercase singular of a noun, mending the lemmatizer's misses on capitalised plurals."""
    lemma = token.lemma_.lower()
    if token.tag_ == "VBG" and token.pos_ == "VERB":  # a gerund used as a noun: 'fighting', 'shelling'
        return token.lower_
    if "/" in lemma and not lemma.startswith("/"):  # "explosions/bursts": the first of the alternatives
        lemma = lemma.split("/")[0]
        return lemma[:-1] if lemma.endswith("s") and not lemma.endswith("ss") and len(lemma) > 3 else lemma
    if lemma == token.lower_ and len(lemma) > 4 and token.tag_ in ("NNS", "NNPS", "NNP"):
        if lemma.endswith("ies"):
            return lemma[:-3] + "y"
        if lemma.endswith("men"):
            return lemma[:-3] + "man"
        if lemma.endswith(("ches", "shes", "xes", "sses")):  # 'Clashes' after a heading, 'Marches'
            return lemma[:-2]
        if lemma.endswith("s") and not lemma.endswith("ss"):
            return lemma[:-1]
    return lemma


def group_of(token: Token) -> Group | None:
    """The group a noun names, two-word nouns first ('health workers', 'suicide bombers')."""
    if token.pos_ not in ("NOUN", "PROPN") and token.lower_ != "police":
        return None
    groups = load_groups()
    lemma = noun_lemma(token)
    compound = next((c for c in token.lefts if c.dep_ == "compound" and c.i == token.i - 1), None)
    if compound is not None and f"{compound.lower_} {lemma}" in groups:
        return groups[f"{compound.lower_} {lemma}"]
    if token.text[:1].isupper() and token.i > token.sent.start and token.nbor(-1).pos_ == "PROPN":
        return None  # inside a name: 'Popular Mobilization Forces', 'Rapid Support Forces'
    group = groups.get(lemma)
    if group is not None and not group.armed and any(c.dep_ == "amod" and c.lower_ in ("armed", "masked")
                                                     for c in token.children):
        return Group(group.lemma, "armed_group", f"Armed {group.label.lower()}")  # "armed groups", "armed men"
    return group
