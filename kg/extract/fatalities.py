"""How many people a sentence says were killed: a pure function over a parsed sentence.

Read from the dependency parse: the subject of a passive "were killed", the object of
"killed", the subject of "died", the number before "dead" ("left 12 dead") and the number a
"death toll" reaches. Counts are read with `kg.precision.parse_count` (conservative for vague
words: "dozens" is 12); conjoined groups add up ("eight soldiers and two civilians" is 10);
separate statements in one sentence do not (the largest is kept, as they may count the same
dead). "No one was killed" is 0. Wounded and injured people are never counted.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..precision import VAGUE_COUNTS, parse_count

__all__ = ["DEATH_VERBS", "fatalities_in"]

DEATH_VERBS = frozenset({"kill", "die", "slay", "massacre", "execute", "murder", "perish", "behead"})
_INTRANSITIVE = frozenset({"die", "perish"})


def _phrase(token: Token) -> str:
    """The words of a number and its hedges: 'at least 25', 'dozens', 'two dozen'."""
    left = [t for t in token.subtree if t.i <= token.i]
    return " ".join(t.text for t in left)


def _count(token: Token) -> int | None:
    """The number of people `token` (a subject or object) stands for, with its conjuncts."""
    own = None
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "neg")}
    if "no" in dets:
        own = 0
    elif token.like_num or token.lower_ in VAGUE_COUNTS or token.lemma_.lower() in ("dozen", "score", "hundred",
                                                                                    "thousand"):
        own = parse_count(_phrase(token))
    else:
        numbers = [c for c in token.children if c.dep_ in ("nummod", "quantmod")]
        if numbers:
            own = parse_count(_phrase(numbers[0]))
        elif token.tag_ in ("NN", "NNP") or token.ent_type_ == "PERSON":
            own = 1  # one person: "a civilian", "the commander", a name
    conjuncts = [_count(c) for c in token.children if c.dep_ == "conj"]
    counts = [c for c in (own, *conjuncts) if c is not None]
    return sum(counts) if counts else None


def _victims(verb: Token) -> Token | None:
    """Who a death verb is about: the passive subject, the object, or the subject of 'died'."""
    deps = ("nsubj",) if verb.lemma_ in _INTRANSITIVE else ("nsubjpass", "dobj")
    return next((c for c in verb.children if c.dep_ in deps), None)


def _toll(token: Token) -> int | None:
    """The number a 'death toll' reaches: 'rose to 30', 'stands at 30', 'of 30'."""
    scope = token.head if token.dep_ in ("nsubj", "nsubjpass") else token
    for t in scope.subtree:
        if t.i > token.i and t.like_num:
            return parse_count(_phrase(t))
    return None


def fatalities_in(sentence: Span | Doc) -> int | None:
    """The number of people `sentence` says were killed, or None when it says nothing about it.

    `sentence` is a parsed sentence (a `Span` of a `Doc` with lemmas and dependencies).

    >>> import spacy
    >>> words = ["Gunmen", "killed", "eight", "soldiers", "and", "two", "civilians"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 3, 1, 3, 6, 3],
    ...           deps=["nsubj", "ROOT", "nummod", "dobj", "cc", "nummod", "conj"],
    ...           lemmas=["gunman", "kill", "eight", "soldier", "and", "two", "civilian"])
    >>> fatalities_in(doc[:])
    10
    """
    found: list[int] = []
    for token in sentence:
        count = None
        shot_dead = token.lemma_.lower() == "shoot" and any(c.lower_ == "dead" for c in token.children)
        if (token.lemma_.lower() in DEATH_VERBS or shot_dead) and token.tag_ not in ("NN", "NNS", "NNP"):
            victims = _victims(token)
            if victims is None and token.dep_ in ("acl", "relcl", "amod"):
                victims = token.head  # "the 12 people killed in the attack"
            count = _count(victims) if victims is not None else None
        elif token.lower_ == "dead" and any(c.dep_ == "nummod" for c in token.children):
            count = _count(token)  # "left 12 dead"
        elif token.lemma_.lower() == "toll" and any(c.lemma_.lower() == "death" for c in token.children):
            count = _toll(token)
        if count is not None:
            found.append(count)
    return max(found) if found else None
