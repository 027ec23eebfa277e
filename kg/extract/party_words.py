"""Words and patterns that say what kind of party a phrase names: organisation kinds by name,
titles before a person's name, 'both sides', calendar words, verbs whose object is a place."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..model import Actor
from .groups import group_of, noun_lemma
from .syntax import obj_class

__all__ = ["ORG_KINDS", "TITLES", "CALENDAR", "SIDE_WORDS", "PLACE_VERBS", "strip_det", "kind_of_name", "both_sides",
           "partisans_of", "SPEAKING",
           "PARTY_OBJECT_VERBS", "common_party", "party_object", "people_noun"]

ORG_KINDS = (
    (re.compile(r"\b(army|forces?|military|navy|air force|police|guard|gendarmerie|ministry of defen[cs]e)\b", re.I),
     "state_force"),
    (re.compile(r"\b(militias?|brigades?|battalions?|front|movement|group|rebels|insurgents|liberation|jihad|"
                r"islamic state|mujahideen|cartel|gang)\b", re.I), "armed_group"),
    (re.compile(r"\b(government|ministry|council of ministers|parliament|presidency|cabinet|house of "
                r"representatives|administration|senate|assembly|municipality|governorate)\b", re.I), "government"),
    (re.compile(r"\b(united nations|un|security council|union|league|organi[sz]ation|agency|commission|"
                r"committee|court|nato|bank|fund|red cross|red crescent|programme|program)\b", re.I),
     "international_organisation"),
    (re.compile(r"\b(news|tv|television|radio|times|post|press|reuters|channel|newspaper)\b", re.I), "media"),
)
TITLES = re.compile(r"^(?:(?:president|prime minister|minister|general|gen\.|lt\.|commander|spokesman|"
                    r"spokeswoman|envoy|secretary-general|leader|chief|colonel|col\.|field marshal|marshal|"
                    r"mr\.?|mrs\.?|ms\.?|dr\.?|sheikh|king|prince|emir|sultan|governor|gov\.|senator|sen\.|"
                    r"rep\.|mayor|judge|bishop|imam|pastor|father|brigadier|major|captain|capt\.|sgt\.)\s+)+", re.I)


def strip_det(text: str) -> str:
    """'the Taliban' -> 'Taliban'; quotes dropped."""
    text = re.sub(r"^(the|a|an|all|some|both)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"[“”\"]", "", text).strip()


def kind_of_name(text: str, default: str = "other") -> str:
    """The kind an organisation's name suggests ('... Liberation Front' is an armed group)."""
    return next((kind for pattern, kind in ORG_KINDS if pattern.search(text)), default)


CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                      "february", "march", "april", "may", "june", "july", "august", "september", "october",
                      "november", "december"})
SIDE_WORDS = frozenset({"warring", "two", "both", "rival", "opposing", "belligerent", "conflicting", "fighting"})


def both_sides(token: Token) -> bool:
    """'the warring parties', 'both sides', 'the two sides': the story's two sides, unnamed."""
    return noun_lemma(token) in ("party", "side") and token.tag_ == "NNS" and any(
        c.lower_ in SIDE_WORDS for c in token.children if c.dep_ in ("amod", "nummod", "det", "compound"))


PLACE_VERBS = frozenset({"capture", "seize", "take", "retake", "recapture", "enter", "overrun", "storm", "shell",
                         "bomb", "bombard", "besiege", "encircle", "liberate", "occupy", "control", "attack",
                         "raid", "hit", "strike", "reach", "surround", "abandon", "evacuate", "visit", "leave"})


# verbs of speaking: a one-word town is never their subject
SPEAKING = frozenset({"say", "tell", "add", "state", "announce", "claim", "deny", "urge", "call", "write", "warn"})


def partisans_of(dictionary, text: str):
    """'pro-Houthi forces', 'Pro-GNA fighters': the named armed body they fight for, from the
    `dictionary` (not 'pro-Russian separatists' or 'pro-government militias', groups of their own)."""
    m = re.match(r"(?i)pro\s*-\s*(\S.*)", text)
    if m is None or not m.group(1)[:1].isupper() or dictionary.demonym(m.group(1)) is not None:
        return None
    actor = dictionary.lookup(m.group(1))
    return actor if actor is not None and actor.kind in ("armed_group", "state_force") else None


# verbs whose object is always a party, whatever noun names it ("accused local ranchers of", "arrested
# three suspected logistics suppliers", "thanked the Baltic states"); recipients of giving verbs too
PARTY_OBJECT_VERBS = frozenset({"accuse", "blame", "thank", "arrest", "detain", "abduct", "kidnap", "urge", "warn",
                                "release", "free", "deport", "expel", "summon", "sanction", "congratulate"})
_LEADING = frozenset({"the", "a", "an", "some", "several", "many", "dozens", "hundreds", "thousands", "all", "other",
                      "its", "their", "his", "her", "our", "these", "those", "at", "least", "about", "around"})


def party_object(token: Token | None, lemma: str, lexicon) -> bool:
    """Whether `token`, the object of the verb `lemma`, is a party by the verb alone: a common
    noun (no event noun, place, weapon or aid) after a verb of `PARTY_OBJECT_VERBS`."""
    if token is None or lemma not in PARTY_OBJECT_VERBS or token.pos_ != "NOUN" or token.dep_ not in ("dobj", "pobj"):
        return False
    after = token.doc[token.right_edge.i + 1: token.right_edge.i + 3]
    if lemma in ("urge", "warn") and not any(t.lower_ == "to" for t in after) and not any(
            c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("against", "of", "over"))
            for c in token.head.children):
        return False  # "urged restraint", "urged calm": what is urged, not whom ("urged X to ...")
    return not lexicon.is_event_noun(noun_lemma(token)) and obj_class(token) in (None, "person") \
        and token.lower_ not in _LEADING


def common_party(token: Token, country: str | None = None) -> Actor:
    """An open-world party named by a common noun phrase: 'three suspected logistics suppliers'
    -> 'Suspected logistics suppliers', 'local ranchers' -> 'Local ranchers' (generic: one per
    country, like the groups of groups.tsv)."""
    words = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i < token.i
             and not c.like_num and c.lower_ not in _LEADING and c.pos_ in ("ADJ", "NOUN", "VERB", "PROPN")]
    start = min([w.i for w in words] + [token.i])
    phrase = [t for t in token.doc[start: token.i + 1] if not t.like_num and t.lower_ not in _LEADING
              and t.dep_ not in ("det", "poss", "case", "punct", "nummod")]
    label = " ".join(t.text for t in phrase)
    label = label[:1].upper() + label[1:]
    return Actor(label or "Civilians", kind_of_name(label) if label else "civilians", country, generic=True)


def people_noun(token: Token | None, lexicon, parties) -> bool:
    """A plural common noun that can only be people as the subject of a protest ('musicians',
    'dockers', 'lime growers'): no event noun, name, listed group, vehicle, place, weapon or aid."""
    from .parties import VEHICLES  # parties imports this module

    return token is not None and token.pos_ == "NOUN" and token.tag_ == "NNS" and token.dep_ in ("nsubj", "conj", "pobj", "appos") \
        and not lexicon.is_event_noun(noun_lemma(token)) and parties.entity(token) is None \
        and group_of(token) is None and noun_lemma(token) not in VEHICLES \
        and obj_class(token, parties.place_like) not in ("place", "weapon", "aid", "sanction")
