"""Whether extracted frames satisfy a behavioural case row.

A row expects one event: an extracted frame of `action` whose checked slots match. In a slot
`*` is not checked, `-` must be empty and `a|b` lists alternatives; a place may carry a country
(`Kidal@MLI`, or `@NGA` alone). `NONE` expects no event at all, and `!ACTION` expects no event of
that action with the checked slots (directional tests: "did not attack", "threatened to attack").
"""
from __future__ import annotations

import re
import unicodedata

STOPWORDS = frozenset(("the a an of s forces force troops fighters militia militias army soldiers group "
                       "members officials government").split())


def normalise(name: str) -> str:
    """A name folded for comparison.

    >>> normalise("The Kagara Defence Front’s")
    'kagara defence front'
    >>> normalise("Al-Shabaab"), normalise("Bi’r al ‘Abd")
    ('al shabaab', 'bir al abd')
    """
    text = re.sub(r"'s\b", "", re.sub("[’‘`´]", "'", name))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9\s]", " ", text.replace("'", "")).split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def names_match(expected: str, got: str) -> bool:
    """Equal, one contains the other from a word start (≥4 chars), or content tokens nest.

    >>> names_match("Zawiya militias", "Zawiya and Misrata militias")
    True
    >>> names_match("police", "Kenyan police"), names_match("Russia", "Russian forces")
    (True, True)
    >>> names_match("Mali", "Somalia")
    False
    >>> names_match("soldiers", "Malian army")
    False
    """
    e, g = normalise(expected), normalise(got)
    if not e or not g:
        return False
    short, longer = sorted((e, g), key=len)
    if e == g or (len(short) >= 4 and re.search(rf"(?<![a-z0-9]){re.escape(short)}", longer)):
        return True
    e_tokens, g_tokens = set(e.split()) - STOPWORDS, set(g.split()) - STOPWORDS
    return bool(e_tokens and g_tokens) and (e_tokens <= g_tokens or g_tokens <= e_tokens)


def party_matches(expected: str, party, others=()) -> bool:
    """An actor/target slot: the joint label or any further party matches one alternative."""
    if expected == "*":
        return True
    if party is None:
        return expected == "-"
    labels = [party.label, *(other.label for other in others)]
    return expected != "-" and any(names_match(alt, label) for alt in expected.split("|") for label in labels)


def place_matches(expected: str, place) -> bool:
    """A place slot: label or any alias matches an alternative, and its country if one is given."""
    if expected == "*":
        return True
    if place is None:
        return expected == "-"
    for alternative in expected.split("|"):
        name, _, country = alternative.partition("@")
        if country and place.country != country:
            continue
        if not name or any(names_match(name, label) for label in (place.label, *place.aliases)):
            return True
    return False


def frame_matches(case, frame) -> bool:
    """The frame has the row's action (without `!`) and every checked slot matches."""
    return (frame.action == case.action.lstrip("!")
            and party_matches(case.actor, frame.actor, getattr(frame, "co_actors", ()))
            and party_matches(case.target, frame.target, getattr(frame, "co_targets", ()))
            and place_matches(case.place, frame.place)
            and (case.date == "*" or (frame.date.isoformat() if frame.date else "-") == case.date))


def case_passes(case, frames: list) -> bool:
    """Whether the frames extracted from the case's text satisfy the row."""
    if case.action == "NONE":
        return not frames
    hits = any(frame_matches(case, frame) for frame in frames)
    return not hits if case.action.startswith("!") else hits
