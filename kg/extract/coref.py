"""Who a pronoun or a definite description refers to: the article's earlier party mentions."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Actor
from .groups import noun_lemma

__all__ = ["Mentions", "PERSON_PRONOUNS", "GROUP_PRONOUNS", "REPORTING_VERBS"]

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
REPORTING_VERBS = frozenset({"say", "announce", "claim", "state", "declare", "tell", "report", "confirm", "add",
                             "insist", "allege", "warn", "acknowledge", "admit", "note", "explain", "write",
                             "tweet", "post"})
# 'the insurgents', 'the militia', 'the army': an earlier party of that kind
DEFINITE = {"insurgent": ("armed_group",), "militant": ("armed_group",), "rebel": ("armed_group",),
            "militia": ("armed_group",), "jihadist": ("armed_group",), "group": ("armed_group",),
            "extremist": ("armed_group",), "fighter": ("armed_group",), "movement": ("armed_group",),
            "army": ("state_force",), "military": ("state_force",), "government": ("government",),
            "regime": ("government",), "organisation": ("international_organisation", "other"),
            "organization": ("international_organisation", "other"), "mission": ("international_organisation",),
            "agency": ("international_organisation", "other")}
WINDOW = 150  # tokens back a definite description or pronoun may reach


class Mentions:
    """Party mentions in document order, and the rules that pick an antecedent among them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.found: list[tuple[int, Actor]] = []

    def add(self, index: int, actor: Actor) -> None:
        self.found.append((index, actor))

    def pronoun(self, token: Token, speaker: Actor | None) -> Actor | None:
        """he/she/it/they: the speaker of a reporting verb first, else an earlier mention."""
        person = token.lower_ in PERSON_PRONOUNS
        if speaker is not None and (speaker.kind == "person") == person:
            return speaker
        sent = token.sent
        if token.dep_ in ("nsubj", "nsubjpass") and sent.start > 0:  # the previous sentence's subject first
            previous = self.doc[sent.start - 1].sent
            for index, actor in self.found:
                tok = self.doc[index]
                if previous.start <= index < previous.end and tok.dep_ in ("nsubj", "nsubjpass") \
                        and tok.head.dep_ == "ROOT" and person == (actor.kind == "person"):
                    return actor
        for index, actor in reversed(self.found):
            if index < token.i and token.i - index <= WINDOW and person == (actor.kind == "person"):
                if not person and actor.generic and actor.kind == "civilians":
                    continue  # 'it'/'they' rarely stands for victims named before
                return actor
        return None

    def named_by(self, token: Token) -> Actor | None:
        """'coalition warplanes' after 'the Saudi-led coalition': the nearest earlier named party whose
        name ends in the same noun."""
        lemma = noun_lemma(token)
        for index, actor in reversed(self.found):
            words = actor.label.split(" of ")[0].split()  # the name's head: 'Alliance of Patriots for ...'
            if index < token.i and token.i - index <= 3 * WINDOW and not actor.generic and len(actor.label.split()) > 1 \
                    and words[-1].lower().rstrip("s") == lemma.rstrip("s"):
                return actor
        return None

    def sides(self, before: int) -> list[Actor]:
        """'the warring parties', 'both sides': the story's two most-mentioned armed or governing
        parties before `before`, a government and its own forces counting as one side."""
        counts: dict[str, int] = {}
        best: dict[str, dict[Actor, int]] = {}
        for index, actor in self.found:
            if index >= before or actor.generic or actor.kind not in ("state_force", "armed_group", "government"):
                continue
            side = f"state:{actor.country}" if actor.kind in ("state_force", "government") and actor.country \
                else actor.label
            counts[side] = counts.get(side, 0) + 1
            best.setdefault(side, {})[actor] = best.get(side, {}).get(actor, 0) + 1
        top = sorted(counts, key=lambda side: -counts[side])[:2]
        if len(top) < 2:
            return self.sides(len(self.doc)) if before < len(self.doc) else []  # a lead names them later
        return [max(best[side], key=lambda a: best[side][a]) for side in top]

    def definite(self, token: Token) -> Actor | None:
        """'the insurgents', 'the army': the nearest earlier party of that kind."""
        kinds = DEFINITE.get(noun_lemma(token))
        det = next((c for c in token.children if c.dep_ == "det"), None)
        if kinds is None or det is None or det.lower_ not in ("the", "these", "those", "this", "that"):
            return None
        if any(c.dep_ in ("compound", "amod", "poss", "prep", "nmod") for c in token.children):
            return None
        for index, actor in reversed(self.found):
            if index < token.i and token.i - index < WINDOW and actor.kind in kinds and not actor.generic:
                return actor
        return None


def speaker_token(token: Token) -> Token | None:
    """For a pronoun in reported speech ('X said it ...'), the reporting verb's subject."""
    head = token.head
    if token.dep_ == "poss" and token.lower_ in ("his", "her") and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        head = head.head  # "said his forces had taken": the verb of the noun the pronoun owns ('its' and
        # 'their' are the clause's own subject's: "X pulled its fighters back, residents said")
    while head.dep_ in ("conj", "xcomp", "aux") and head.head != head:
        head = head.head
    if head.dep_ != "ccomp" or head.head.lemma_.lower() not in REPORTING_VERBS:
        return None
    verb = head.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for _ in range(3):  # "the rebels hailed the deal and said they had ...": the subject of the first verb
        if subject is not None or verb.dep_ != "conj":
            break
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return None
    return subject
