"""When an event happened, and whether it happened at all: dates and modality."""
from __future__ import annotations

from spacy.tokens import Token

from .dates import TimeExpr, resolve_time, shift
from .lexicon import Action
from .parse import ALLEGE, ANNOUNCE, FUTURE_MODS, MODALS, TEMPORAL_DEPS, WH_WORDS, child as _child


class TimeMixin:
    """Date attachment and modality for one article (mixed into the article context)."""

    def _time(self, draft) -> TimeExpr | None:
        subject = _child(draft.anchor, "nsubj", "nsubjpass")
        if subject is not None and self._time_children(draft.anchor) is None:
            found = self._time_children(subject)  # "Militias on Friday attacked": parsed onto the subject
            if found is not None:
                return found
        token = draft.anchor
        for _ in range(8):
            found = self._time_children(token, skip=draft.trigger if token is not draft.anchor else None)
            if found is not None:
                return found
            if token.dep_ in ("ccomp",) and token.head.lemma_ not in ANNOUNCE | {"report", "tell", "add"}:
                break
            if token.head is token:
                break
            if token is draft.anchor and token.dep_ == "advcl" and _child(token, "mark") is not None \
                    and _child(token, "mark").lower_ == "since":
                return TimeExpr(None, "year")  # "since the offensive began": background
            if token.dep_ == "advcl" and _child(token, "mark") is not None and \
                    _child(token, "mark").lower_ in ("after", "before", "since", "until"):
                offset = self._offset(token)
                outer = self._time_children(token.head) or self._time_of(token.head)
                if offset is not None and outer is not None and outer.day:
                    return TimeExpr(shift(outer.day, offset), "day")
                return None
            token = token.head
        return None

    def _time_of(self, token: Token) -> TimeExpr | None:
        for _ in range(6):
            found = self._time_children(token)
            if found is not None or token.head is token:
                return found
            token = token.head
        return None

    def _offset(self, clause: Token) -> int | None:
        """'a day after X' on the outer verb: X happened that many days before."""
        for child in [*clause.children, *clause.head.children]:
            if child.dep_ == "npadvmod" and child.lemma_ == "day":
                det = _child(child, "det", "nummod")
                n = {"a": 1, "one": 1, "two": 2, "three": 3}.get(det.lower_ if det is not None else "a", 1)
                mark = _child(clause, "mark").lower_
                return -n if mark == "after" else n
        return None

    def _time_children(self, token: Token, skip: Token | None = None) -> TimeExpr | None:
        children = list(token.children)
        obj = _child(token, "dobj")
        if obj is not None:  # "condemned the decision on Thursday": the date parsed onto the object
            children += [c for c in obj.children if c.dep_ == "prep" and c.lower_ == "on"]
        for child in children:
            if child.dep_ not in TEMPORAL_DEPS or child is skip:
                continue
            words = [t for t in child.subtree if t.ent_type_ in ("DATE", "TIME") or
                     t.lower_ in ("yesterday", "today", "tonight", "overnight")]
            if not words:
                continue
            text = " ".join(t.text for t in child.subtree)
            expr = resolve_time(text, self.anchor)
            if expr is not None:
                return expr
        return None

    def _modality(self, verb: Token, action: Action) -> str:
        token = verb
        for hop in range(8):
            for child in token.children:
                if child.dep_ == "neg" and hop == 0:
                    return "negated"
                if child.dep_ == "aux" and child.lower_ in MODALS:
                    if action.plover == "MOBILIZE" and token.head.lemma_.lower() in ANNOUNCE | {"announce"}:
                        return "asserted"
                    return "future" if child.lower_ in ("will", "shall", "'ll") else "hypothetical"
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return "hypothetical"
                if child.dep_ == "advmod" and hop == 0 and token.dep_ != "ROOT" and any(
                        t.lower_ in WH_WORDS for t in child.subtree):
                    return "hypothetical"  # indirect question: "where exactly the fighters were advancing"
                if child.dep_ in ("amod", "acl") and child.lemma_.lower() in FUTURE_MODS:
                    return "future"
            if token.dep_ in ("xcomp", "advcl", "acl") and any(c.dep_ == "aux" and c.tag_ == "TO"
                                                                  for c in token.children):
                governor = token.head
                if action.plover == "MOBILIZE" and governor.lemma_.lower() in ANNOUNCE:
                    return "asserted"
                return "hypothetical"
            if token.dep_ in ("pcomp", "ccomp", "xcomp") and token.head.head.lemma_.lower() in ALLEGE | {"of"} \
                    and token.head.lower_ == "of" or token.dep_ in ("ccomp", "xcomp", "dobj", "pcomp") \
                    and token.head.lemma_.lower() in ALLEGE:
                return "hypothetical"  # "accuses Turkey of backing": the alleged act is not asserted
            if token.dep_ in ("ccomp", "ROOT") or token.head is token:
                return "asserted"
            token = token.head
        return "asserted"
