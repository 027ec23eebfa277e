"""When an event happened: the temporal expression attached to its trigger or clause.

Resolution of an expression against the story's day is `dates.resolve_time`; this module finds
which expression belongs to a trigger: the event noun's own ("an airstrike on 26 August"), its
clause's, the subject's ("Militias on Friday attacked"), a governing clause's through reporting
verbs ("said on April 2 that forces had retaken..."), or an offset ("a day after X").
"""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Token

from .dates import NUMBERS, TimeExpr, resolve_time, shift
from .syntax import child, entity_span
from .trigger import Trigger
from .types import behaviour

__all__ = ["Dater", "REPORTING"]

LIVEBLOG_TIME = re.compile(r"\s*(?:[01]?\d|2[0-3])[:.][0-5]\d\s+[A-Z]")  # a liveblog entry's clock time
NOUN_TEMPORAL_DEPS = frozenset({"nummod", "compound"})  # an event noun's own date: "the 2011 uprising"
TEMPORAL_DEPS = frozenset({"npadvmod", "tmod", "prep", "advmod", "obl", "nmod", "pobj", "appos"}) | NOUN_TEMPORAL_DEPS
REPORTING = frozenset({"announce", "declare", "say", "vow", "state", "report", "tell", "add", "confirm", "claim",
                       "note", "explain", "insist", "warn", "allege", "tweet", "write", "post"})
NAMING = frozenset({"dub", "name", "call", "codename", "code-name", "label", "title"})  # "an offensive dubbed X"
TIME_WORDS = frozenset({"yesterday", "today", "tonight", "overnight"})
RELATIVE_DAY = re.compile(r"\b(?:the|that|a)\s+(following|next|previous|same)\s+(?:day|morning|evening|night|afternoon)\b"
                          r"|\ba\s+day\s+(later|earlier|after|before)\b|\bthe\s+day\s+(after|before)\b"
                          r"|\b(?:later\s+)?(that)\s+(?:day|evening|night|afternoon|morning)\b")


class Dater:
    """Date attachment for one article; `anchor` is the story's day (publication or dateline)."""

    def __init__(self, anchor: date):
        self.anchor = anchor
        self.story_day: date | None = None  # the day of the last dated event told (the extractor sets it)

    def _resolve(self, text: str) -> TimeExpr | None:
        """`resolve_time`, and days told relative to the story's last dated event ('the following
        day', 'the same evening', 'a day earlier'): unknown (None) before any event is dated."""
        m = RELATIVE_DAY.search(text.lower())
        if m:
            if self.story_day is None:
                return None
            word = next(g for g in m.groups() if g)
            offset = 1 if word in ("following", "next", "later", "after") else -1 if word in (
                "previous", "earlier", "before") else 0
            return TimeExpr(shift(self.story_day, offset), "day")
        return resolve_time(text, self.anchor)

    def has_date(self, verb: Token) -> bool:
        return self._children(verb) is not None

    def time_of(self, trigger: Trigger) -> TimeExpr | None:
        if trigger.noun is not None and trigger.form in ("noun", "occurrence", "casualty"):
            own = self._children(trigger.noun)
            if own is not None:
                return own
            age = self._age(trigger.noun)
            if age is not None:  # "a four-day-old offensive", said on Sunday: it began on Thursday
                outer = self._up(trigger.noun.head)
                day = outer.day if outer is not None and outer.day else self.anchor
                return TimeExpr(shift(day, -(age - 1)), "day")
        anchor = trigger.anchor
        if trigger.form == "verb" and behaviour(trigger.action.plover).statement and anchor.tag_ in ("VBZ", "VBP") \
                and anchor.dep_ in ("ROOT", "conj"):
            return None  # "UNMISS condemns the attack on its convoy on Sunday": said now; Sunday is the attack's
        subject = child(anchor, "nsubj", "nsubjpass")
        if subject is not None and self._children(anchor) is None:
            found = self._children(subject) or self._subject_edge(subject, anchor)  # "Militias on Friday attacked"
            if found is not None:
                return found
        if self._children(anchor) is None:
            for clause in self._complements(trigger):
                found = self._children(clause)
                if found is not None and not found.future:
                    return found
        token = anchor
        for _ in range(8):
            found = self._children(token, skip=trigger.token if token != anchor else None)
            if found is None and token != anchor and child(token, "nsubj", "nsubjpass") is not None:
                found = self._children(child(token, "nsubj", "nsubjpass"))  # the governing clause's subject
            if found is not None:
                return found
            if token.dep_ == "ccomp" and token.head.lemma_.lower() not in REPORTING:
                break
            if token.head == token:
                break
            mark = child(token, "mark")
            if token == anchor and token.dep_ == "advcl" and mark is not None and mark.lower_ == "since":
                return TimeExpr(None, "year")  # "since the offensive began": background
            if token.dep_ == "advcl" and mark is not None and mark.lower_ in ("after", "before", "since", "until"):
                offset = self._offset(token)
                outer = self._children(token.head) or self._up(token.head)
                if offset is not None and outer is not None and outer.day:
                    return TimeExpr(shift(outer.day, offset), "day")
                return None
            if token.dep_ == "relcl" and token.head.ent_type_ in ("DATE", "TIME"):
                ent = entity_span(token.head)
                expr = self._resolve(ent.text) if ent is not None else None
                if expr is not None:
                    return expr  # "on Monday, when it captured Sirte"
            if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
                break  # a relative clause's date is not the head noun's clause's
            token = token.head
        return self.sentence_time(anchor)

    def sentence_time(self, token: Token) -> TimeExpr | None:
        """A date fronted before the first comma ('On 9 May 2020, ...', 'Reported on 28 April, ...',
        'Around 7 May 2020 (as reported), ...') dates every clause of its sentence."""
        sent = token.sent
        opening = self._opening(sent)
        if opening is not None:
            return opening
        text = sent.doc.text
        line = text.rfind("\n", 0, sent.start_char) + 1  # the clock time may be parsed as a sentence of its own
        if sent.start_char - line <= 6 and LIVEBLOG_TIME.match(text, line):
            return TimeExpr(self.anchor, "day")  # "13:45 The State Department said ...": a liveblog entry of the day
        words = []
        for t in sent:
            if t.text in (",", ";", ":") or t.i - sent.start > 12:
                break
            words.append(t)
        if not words or not (any(t.ent_type_ == "DATE" for t in words)
                             or RELATIVE_DAY.search(" ".join(t.lower_ for t in words))):
            return None  # "The same evening, the governor banned ..."
        if any(t.pos_ == "VERB" and t.dep_ in ("ROOT",) for t in words):
            return None  # the fronted part is a clause of its own
        expr = self._resolve(" ".join(t.text for t in words))
        return expr if expr is not None and expr.day is not None else None

    def _opening(self, sent) -> TimeExpr | None:
        """'On Thursday army troops launched ...': a sentence opening on a date, however parsed."""
        i = sent.start + (1 if sent[0].lower_ in ("late", "early") else 0)
        doc = sent.doc
        if i + 1 >= sent.end or doc[i].lower_ != "on" or doc[i + 1].ent_type_ != "DATE":
            return None
        ent = entity_span(doc[i + 1])
        if ent is None or ent.start != i + 1:
            return None
        expr = self._resolve(doc[sent.start:ent.end].text)
        return expr if expr is not None and expr.day is not None else None

    def _subject_edge(self, subject: Token, verb: Token) -> TimeExpr | None:
        """'Forces backing the GNA on Sunday announced ...': a date phrase ending the subject right
        before its verb, whatever the parser hung it on."""
        end = subject.right_edge
        if end.i + 1 != verb.i and not (end.i + 2 == verb.i and verb.doc[end.i + 1].dep_ in ("aux", "advmod")):
            return None
        prep = next((t for t in subject.subtree if t.dep_ == "prep" and t.lower_ in ("on", "late", "early")
                     and t.right_edge == end and any(x.ent_type_ == "DATE" for x in t.subtree)), None)
        if prep is None:
            return None
        expr = self._resolve(" ".join(t.text for t in prep.subtree))
        return expr if expr is not None and expr.day is not None else None

    @staticmethod
    def _complements(trigger: Trigger) -> list[Token]:
        """Clauses whose date the parser may have taken from the trigger: 'continued to echo ...
        on Friday', 'launched an offensive to retake the capital on April 4'."""
        anchor = trigger.anchor
        out = [c for c in anchor.children if c.dep_ == "xcomp" and c.lemma_.lower() not in ("plan", "want", "hope")]
        out += [c for c in anchor.children if c.dep_ == "advcl" and any(  # "marched ... on Monday to reject the
            a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)]  # curfew": the date went to the purpose
        out += [c for c in anchor.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > anchor.i
                and c.tag_ == anchor.tag_ and child(c, "nsubj", "nsubjpass") is None
                and not any(a.dep_ == "aux" for a in c.children)]  # "shot dead a protester and wounded three others on
        # Tuesday": verbs sharing one subject share the date written after the last
        noun = trigger.noun
        if noun is not None:
            out += [c for c in noun.children if c.dep_ in ("acl", "relcl", "amod") and (any(
                a.dep_ == "aux" and a.tag_ == "TO" for a in c.children) or c.lemma_.lower() in NAMING)]
        return out

    @staticmethod
    def _age(noun: Token) -> int | None:
        """N in 'an N-day-old offensive' (the Nth day of it is the story's day)."""
        words = " ".join(t.lower_ for t in noun.doc[noun.left_edge.i:noun.i])
        m = re.search(r"\b(\w+)\s*-\s*day\s*-\s*old\b", words)
        if not m:
            return None
        n = NUMBERS.get(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
        return n if n and 1 < n < 60 else None

    def _up(self, token: Token) -> TimeExpr | None:
        for _ in range(6):
            found = self._children(token)
            if found is not None or token.head == token:
                return found
            token = token.head
        return None

    def _offset(self, clause: Token) -> int | None:
        """'a day after X' on the outer verb: X happened that many days before."""
        for c in [*clause.children, *clause.head.children]:
            if c.dep_ == "npadvmod" and c.lemma_ == "day":
                det = child(c, "det", "nummod")
                n = {"a": 1, "one": 1, "two": 2, "three": 3}.get(det.lower_ if det is not None else "a", 1)
                mark = child(clause, "mark").lower_
                return -n if mark == "after" else n
        return None

    def _children(self, token: Token, skip: Token | None = None) -> TimeExpr | None:
        kids = list(token.children)
        objects = [c for c in token.children if c.dep_ == "dobj"]
        objects += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for obj in objects:  # "condemned the decision on Thursday", "met with X on Monday": parsed onto the object;
            kids += [c for c in obj.subtree if c.dep_ == "prep" and c.lower_ == "on" and _untensed_path(c, obj)]
            # "detained a journalist working for a broadcaster in Bahir Dar on Friday": deeper, through no clause
        for c in kids:
            if c.dep_ not in TEMPORAL_DEPS or c == skip or (c.dep_ in NOUN_TEMPORAL_DEPS and token.pos_ != "NOUN"):
                continue
            words = [t for t in c.subtree if t.ent_type_ in ("DATE", "TIME") or t.lower_ in TIME_WORDS]
            if not words and not RELATIVE_DAY.search(" ".join(t.lower_ for t in c.subtree)):
                continue  # 'the following day', which the model may leave untagged
            if c.dep_ in ("prep", "pobj") and c.lower_ not in ("on", "in", "at", "since", "during", "by", "from",
                                                               "between", "late", "early", "overnight", "of",
                                                               "around", "until", "through"):
                continue
            expr = self._resolve(" ".join(t.text for t in c.subtree))
            if expr is not None and c.lower_ == "since":  # "ongoing since May 10, 2024": dated from its start;
                return expr if expr.precision == "day" and not _weekday(c) else TimeExpr(None, "year")  # "since April"
            if expr is not None:
                return expr
        return None


def _untensed_path(token: Token, top: Token) -> bool:
    """No clause of its own between `token` and `top` (a relative clause or a tensed verb would
    date its own act)."""
    step = token.head
    for _ in range(8):
        if step == top:
            return True
        if step.dep_ in ("relcl", "ccomp", "advcl") or step.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return False
        step = step.head
    return False


def _weekday(phrase: Token) -> bool:
    """'since Wednesday' counts days of a running story, not the start of an event."""
    return any(t.lower_ in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
               for t in phrase.subtree)
