"""Whether an event happened at all: negation, future, hypothesis and allegation (pure functions)."""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Action
from .syntax import MODALS
from .types import behaviour

__all__ = ["modality", "ANNOUNCE", "ALLEGE"]

ANNOUNCE = frozenset({"announce", "declare", "say", "vow", "state"})
ALLEGE = frozenset({"accuse", "allege", "deny", "blame", "suspect", "charge"})
FUTURE_MODS = frozenset({"upcoming", "scheduled", "planned", "proposed", "expected", "future", "next", "possible",
                         "potential", "would-be", "imminent", "looming"})
ASKED_FOR = frozenset({"urge", "demand", "seek", "request", "plan", "plot", "prepare", "oppose", "propose",
                       "want", "advocate", "recommend", "contemplate", "consider", "threaten"})
PLANNING = frozenset({"planning", "plotting", "preparing"})  # tagged as nouns in "men planning attacks"
CALLS_FOR = frozenset({"call", "appeal", "press", "push", "ask", "plead", "lobby", "campaign", "pray"})
WH_WORDS = frozenset({"where", "how", "why", "whether", "when"})
HEARSAY = frozenset({"report", "say", "claim", "allege", "believe", "think", "understand", "know", "suspect",
                     "rumour", "rumor", "appear", "seem"})
INTENT = frozenset({"plan", "intend", "threaten", "want", "hope", "seek", "aim", "prepare", "try", "attempt",
                    "expect", "propose", "vow", "promise", "pledge", "fail", "refuse", "decide", "agree"})


def modality(verb: Token, action: Action, noun: Token | None = None) -> str:
    """'asserted', 'negated', 'hypothetical' or 'future' for the clause headed by `verb`."""
    if noun is not None:
        for c in noun.children:
            if c.dep_ in ("amod", "acl") and c.lemma_.lower() in FUTURE_MODS:
                return "future"
            if c.dep_ == "det" and c.lower_ == "no":
                return "negated"
            if c.dep_ in ("compound", "amod") and c.lower_.endswith("ing") and c.i < noun.i \
                    and (c.lemma_.lower() in ASKED_FOR or c.lower_ in PLANNING) \
                    and action.plover not in ("REQUEST", "THREATEN"):
                return "hypothetical"  # "four men planning attacks", parsed as one noun phrase
            if c.dep_ == "det" and c.lower_ == "any":
                return "hypothetical"  # "opposed any deployment", "warned against any attack"
        if noun.dep_ == "pobj" and noun.head.lower_ == "without":
            return "negated"
        if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
            return "hypothetical"  # "condemned the suspension as an attack on press freedom": a name for it
        asking = action.plover in ("REQUEST", "THREATEN")  # "demanded the release": the demand itself
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ASKED_FOR and not asking:
            return "hypothetical"  # "urged the release of detainees", "planning attacks": asked for or planned
        if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in CALLS_FOR \
                and not asking:
            return "hypothetical"  # "called for the release of", "appealed for a ceasefire"
    token = verb
    for hop in range(8):
        for c in token.children:
            if c.dep_ == "neg" and hop == 0:
                return "negated"
            if hop == 0 and c.dep_ in ("nsubj", "nsubjpass") and _nobody(c):
                return "negated"  # "No one has claimed responsibility", "no group has claimed"
            if c.dep_ == "aux" and c.tag_ == "TO" and hop == 0 and token.dep_ == "conj":
                return "hypothetical"  # "agreed to a ceasefire and to place the port under ...": the deal's terms
            if c.dep_ == "aux" and c.lower_ in MODALS:
                if action.plover == "MOBILIZE" and token.head.lemma_.lower() in ANNOUNCE:
                    return "asserted"
                return "future" if c.lower_ in ("will", "shall", "'ll") else "hypothetical"
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return "hypothetical"
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and hop == 0 and c.lower_ in ("who", "what", "whom") \
                    and token.dep_ in ("ccomp", "pcomp", "csubj"):
                return "hypothetical"  # "it was unclear who was firing the gunshots": an open question
            if c.dep_ == "advmod" and hop == 0 and token.dep_ in ("ccomp", "xcomp", "pcomp", "csubj") and any(
                    t.lower_ in WH_WORDS for t in c.subtree):
                return "hypothetical"  # indirect question: "where exactly the fighters were advancing"
            if c.dep_ in ("amod", "acl") and c.lemma_.lower() in FUTURE_MODS:
                return "future"
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in HEARSAY and any(
                c.dep_ == "aux" and c.lemma_ == "have" for c in token.children):
            return "asserted"  # "were reported to have beaten", "claimed to have attacked": coded as reported
        if token.dep_ in ("xcomp", "advcl", "acl", "relcl") and any(c.dep_ == "aux" and c.tag_ == "TO"
                                                              for c in token.children):
            governor = token.head
            if action.plover == "MOBILIZE" and governor.lemma_.lower() in ANNOUNCE:
                return "asserted"
            if token.dep_ == "xcomp" and governor.lemma_.lower() in ("begin", "start", "continue", "resume", "manage",
                                                                      "move", "rush", "go"):
                token = governor  # "began to shell": the shelling happened
                continue
            return "hypothetical"
        if (token.dep_ in ("pcomp", "ccomp", "xcomp") and token.head.head.lemma_.lower() in ALLEGE | {"of"}
                and token.head.lower_ == "of") or (token.dep_ in ("ccomp", "xcomp", "dobj", "pcomp")
                                                  and token.head.lemma_.lower() in ALLEGE
                                                  and not _denied_after(token, action)):
            return "hypothetical"  # "accuses Turkey of backing": the alleged act is not asserted
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in INTENT and token.tag_ == "VBG":
            return "hypothetical"  # "denied attacking"
        if token.dep_ in ("ccomp", "ROOT") or token.head == token:
            return "asserted"
        if hop == 0 and token.dep_ == "conj" and token.tag_ == "VBD" and any(
                c.dep_ == "aux" and c.lower_ in MODALS for c in token.head.children):
            return "asserted"  # "would soon enter the city and warned residents": the past tense is its own clause
        token = token.head
    return "asserted"


def _denied_after(token: Token, action: Action) -> bool:
    """"X accused Y of Z, a charge Caracas denied", parsed with the accusation under 'denied': what
    the denial answers is the charge, not the act of making it (a statement stays asserted)."""
    head = token.head
    return behaviour(action.plover).statement and head.i > token.i and token.dep_ == "ccomp" and any(
        c.dep_ == "punct" and token.i < c.i < head.i for c in head.children)


def _nobody(subject: Token) -> bool:
    """'no one', 'nobody', 'none', 'no group' (not 'no fewer than 12 soldiers')."""
    if subject.lower_ in ("nobody", "none", "noone", "no-one"):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children) and not any(
        c.dep_ in ("nummod", "amod", "advmod") and (c.like_num or c.lower_ in ("fewer", "less", "more"))
        for c in subject.children)
