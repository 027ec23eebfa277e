"""Which place an event took place at, from the trigger's own phrases outward.

The trigger's clause first (the actor's and target's own names skipped), then the clause it is
coordinated with, then the subject's own place ('a guard in Onitsha shot') and the sentence's
locative phrases; a statement never takes a place from what it says ('condemned the attacks in
Timbuktu'). `PlaceAttacher` (`attach.py`) ranks the candidates; this module says which to collect.
"""
from __future__ import annotations

from .attach import LOCATIVE
from .containers import FEATURE_WORDS
from .party_places import site_name
from .groups import noun_lemma
from .syntax import PLACE_NOUNS, child
from .trigger import Trigger
from .types import behaviour

__all__ = ["EventPlaces"]

ABOUT = frozenset({"of", "over", "for", "about"})  # "accused X of", "condemned X over", "blamed X for"
OWN_WORDS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})  # a noun phrase's own


class EventPlaces:
    """Place collection for one article (`ctx`: its `ArticleContext`)."""

    def __init__(self, ctx):
        self.ctx = ctx

    def of(self, trigger: Trigger, roles) -> list:
        roots = [trigger.token]
        for extra in (trigger.anchor, trigger.support):
            if extra is not None and extra not in roots:
                roots.append(extra)
        if trigger.token.dep_ in ("acl", "amod") and trigger.token.head.head != trigger.token.head:
            roots.append(trigger.token.head.head)  # "shells fired by X fell in Z": the main clause places it
        skip = {t.i for t in roles.actor.subtree} if roles.actor is not None else set()
        if trigger.anchor.i in skip:  # "Russia, which invaded Ukraine": the clause is under its subject
            skip -= {t.i for t in trigger.anchor.subtree}
            if roles.actor.dep_ == "ROOT":  # "in Guatire, a group of drivers protested" read with the group
                skip = {roles.actor.i} | {t.i for c in roles.actor.children  # as the root: only its own words
                                          if c.dep_ in OWN_WORDS or c.dep_ == "prep" for t in c.subtree}
        if roles.actor is not None and roles.actor.dep_ == "pobj" and roles.actor.head.dep_ == "agent":
            skip = {t.i for c in roles.actor.children if c.dep_ != "prep" for t in c.subtree} | {roles.actor.i}
            roots += [c for c in roles.actor.children if c.dep_ == "prep" and c.lower_ in LOCATIVE]
            # "shot by gunmen in Herat", "shells fired by X on Mitiga airport": a passive's trailing place is the act's
        military = behaviour(trigger.action.plover).military
        target_ent = self.ctx.parties.entity(roles.target) if roles.target is not None else None
        if roles.target is not None and not (military and self.ctx.is_country(roles.target)) \
                and not (target_ent is not None and site_name(target_ent)) \
                and roles.target.lower_ not in FEATURE_WORDS and noun_lemma(roles.target) not in FEATURE_WORDS \
                and not self.ctx.parties.place_like(roles.target):  # "invaded Ukraine", "the Mariri camp", "a curfew
            # on Nzérékoré and Macenta prefectures": a place that is the target names it
            skip |= {t.i for c in roles.target.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                     for t in c.subtree} | {roles.target.i}  # "abducted a priest in Kaduna": its places stay
        if roles.target is not None:  # "handed over fighters captured in the Cal Miskaad mountains": an
            skip |= {t.i for c in roles.target.children if c.dep_ == "acl" and c.tag_ == "VBN"  # earlier act's place
                     for t in c.subtree}
        obj = child(trigger.token, "dobj")
        told: set[int] = set()
        if behaviour(trigger.action.plover).statement:  # "condemns the attacks in Timbuktu", "asked X to open a
            told = {t.i for c in trigger.token.children if c == obj or c.dep_ in ("xcomp", "ccomp")  # corridor in
                    or (c.dep_ == "prep" and c.lower_ in ABOUT) for t in c.subtree}  # Tibú", "accused X of
            # crossing near Arauquita": what is said or asked has its own places, not the statement's
        skip |= told
        spans = self.ctx.attach.candidates(roots, self.ctx.parties.entity, skip)
        if spans and roles.actor is not None and all(self._country_span(s) for s in spans):
            own = self._own_places(roles.actor)  # "In neighbouring Kosovo, police in North Mitrovica arrested":
            if own:  # the subject's own town says more than the clause's country
                spans = spans + self.ctx.attach.locative(
                    trigger.token.sent, self.ctx.parties.entity, set(range(len(self.ctx.doc))) - own)
        if not spans and trigger.anchor.dep_ == "conj" and trigger.anchor.head.pos_ == "VERB":
            spans = self.ctx.attach.candidates([trigger.anchor.head], self.ctx.parties.entity, skip)  # "arrived in X and met"
        if not spans:  # a subject's own places name it ("militias in western Libya"); an agent's may place the act
            before = {i for i in skip if i < trigger.token.i} | told
            if roles.actor is not None:  # "Protesters in Surat clashed", "a guard in Onitsha stabbed": where they are
                own = self._own_places(roles.actor)
                subject = self.ctx.parties.resolve(roles.actor)
                if subject is None or subject.kind != "civilians":  # "militias in western Libya": where they
                    own = {i for i in own if not self._names_country(i)}  # are based, a country says little
                before -= own
            if behaviour(trigger.action.plover).statement:  # "condemned the attack and asked the army to return
                before |= set(range(trigger.token.i, trigger.token.sent.end))  # to Roraima": a place said after it
            spans = self.ctx.attach.locative(trigger.token.sent, self.ctx.parties.entity, before)  # is what it is about
        return self.ctx.attach.pick(spans)

    @staticmethod
    def _own_places(actor) -> set[int]:
        """The words of a subject's own locative phrases ('protesters in Surat', 'a number of
        residents in X'), not those of what it is part of ('the parties in the conflict in Tigray')."""
        nouns = [actor] + [g for c in actor.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"]
        return {t.i for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
                for o in c.children if o.dep_ == "pobj" and (o.ent_type_ in ("GPE", "LOC", "FAC")
                                                             or noun_lemma(o) in PLACE_NOUNS)
                for t in c.subtree}

    def _country_span(self, span) -> bool:
        if not hasattr(span, "root"):
            return False  # "the capital"
        place = self.ctx.where.place_of(span)
        return place is not None and place.feature == "country"

    def _names_country(self, i: int) -> bool:
        ent = self.ctx.parties.entity(self.ctx.doc[i])
        place = self.ctx.where.place_of(ent) if ent is not None else None
        return place is not None and place.feature == "country"
