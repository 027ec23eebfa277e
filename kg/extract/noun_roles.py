"""Who did what to whom, when the event is a noun: 'by X', "X's", 'Russian airstrikes', 'X-led',
'between X and Y', 'on/against Y', 'the abduction of Y', and the light or occurrence verb's own
subject and object.
"""
from __future__ import annotations

from spacy.tokens import Token

from .groups import group_of, noun_lemma
from .guidelines import SYMMETRIC
from .roles import (ACTOR_DEMONYM_NOUNS, AIMING, CASUALTY, GIVING, OF_AGENT_NOUNS, OF_TARGET_NOUNS, TARGET_PREPS,
                    Roles)
from .syntax import child, is_passive, obj_class, owned, pobj
from .trigger import Trigger

__all__ = ["NounRoles"]

RESPONSES = frozenset({"REJECT", "ACCUSE", "SUPPORT"})  # acts about another's act: rejecting an offer
REPELLING = frozenset({"repel", "repulse", "thwart", "foil", "fend", "beat", "resist", "counter"})  # the defender


OF_ARMED_NOUNS = frozenset({"offensive", "counteroffensive", "advance", "assault", "attack", "incursion", "raid"})


class NounRoles:
    """The event-noun half of `arguments.Arguments` (it needs `ctx`, `subject` and `casualties`)."""

    def _armed(self, token) -> bool:
        """A party that wages war ('the forces of the GNA', 'the rebels', 'Haftar'), not a place,
        civilians or a thing ('the attack of the convoy')."""
        party = self.ctx.parties.resolve(token) if token is not None else None
        return party is not None and party.kind in ("state_force", "armed_group", "government", "person")

    def _noun(self, trigger: Trigger) -> Roles:
        noun, support = trigger.noun, trigger.support
        roles = Roles(cues=["event noun"])
        lemma = noun_lemma(noun)
        for c in noun.children:
            word = c.lower_
            if c.dep_ == "prep" and word == "by" and roles.actor is None:
                roles.actor = pobj(c)
            elif c.dep_ == "prep" and word == "on" and noun.dep_ == "dobj" and noun.head.lemma_.lower() == "blame" \
                    and roles.actor is None:
                roles.actor = pobj(c)  # "blamed the attack on Al-Shabaab": who did it
            elif c.dep_ == "agent" and roles.actor is None:
                roles.actor = pobj(c)
            elif c.dep_ == "prep" and word == "between":
                first = pobj(c)
                if first is not None:  # the sides are split from the phrase's coordination (rules)
                    roles.actor = first
                    roles.cues.append("between")
            elif c.dep_ == "prep" and word in TARGET_PREPS | {"at", "targeting"} and roles.target is None:
                obj = pobj(c)
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME") and (
                        obj_class(obj, self.ctx.parties.place_like) != "place" or owned(obj)):
                    roles.target = obj
                    roles.target_is_owner = owned(obj)
            elif c.dep_ == "prep" and word == "with" and roles.target is None:
                roles.target = pobj(c)
            elif c.dep_ == "prep" and word == "of" and lemma in OF_AGENT_NOUNS and roles.actor is None:
                roles.actor = pobj(c)  # "at the request of Egypt and Saudi Arabia"
            elif c.dep_ == "prep" and word == "of" and lemma in OF_ARMED_NOUNS and roles.actor is None \
                    and self._armed(pobj(c)):
                roles.actor = pobj(c)  # "repelled the offensive of the forces of the GNA": whose offensive
            elif c.dep_ == "prep" and word == "of" and lemma in OF_TARGET_NOUNS and roles.target is None:
                obj = pobj(c)
                if obj is not None and obj_class(obj, self.ctx.parties.place_like) != "place":
                    roles.target = obj
                    by = next((g for g in obj.children if g.dep_ == "prep" and g.lower_ == "by"), None)
                    if by is not None and roles.actor is None:  # "the abduction of 20 students by gunmen"
                        roles.actor = pobj(by)
            elif c.dep_ == "acl" and c.lemma_.lower() in ("target", "hit", "strike", "against", "aim"):
                obj = child(c, "dobj")
                if obj is not None and roles.target is None and (obj_class(obj) != "place" or owned(obj)):
                    roles.target = obj
            elif c.dep_ == "acl" and c.tag_ == "VBN" and child(c, "agent") is not None and roles.actor is None:
                roles.actor = pobj(child(c, "agent"))  # 'an attack carried out by X'
        if roles.actor is None and lemma in SYMMETRIC:
            roles.actor = self._stray_between(noun, support)
            if roles.actor is not None:
                roles.cues.append("between")
        if roles.actor is None:
            roles.actor = child(noun, "poss") or self._modifier_party(noun, lemma)
        if support is not None and trigger.form == "light":
            if is_passive(support):
                roles.actor = roles.actor or pobj(child(support, "agent"))
            elif trigger.action.plover in RESPONSES and self.subject(support) is not None:
                # "the rebels rejected the government's offer": the offer's owner is the target
                roles.actor, roles.target = self.subject(support), roles.target or roles.actor
            elif self.ctx.triggers.verb_lemma(support) in REPELLING:
                if roles.target is None or self.ctx.parties.resolve(roles.target) is None:
                    roles.target = self.subject(support)  # "the army repelled an attack (by militants)":
                # the defender is the target; the attacker is the 'by' party, or unnamed
            else:
                roles.actor = roles.actor or self.subject(support)
            aiming = self.ctx.triggers.verb_lemma(support) in AIMING
            giving = self.ctx.triggers.verb_lemma(support) in GIVING
            for prep in support.children:  # "held talks with X", "launched strikes on Y", "fired rockets at Z"
                if prep.dep_ == "prep" and prep.i > noun.i and roles.target is None and (
                        prep.lower_ in TARGET_PREPS or prep.lower_ == "with" or (prep.lower_ == "at" and aiming)
                        or (prep.lower_ == "to" and giving)  # "delivered food aid to displaced families"
                        or (prep.lower_ == "into" and aiming and self.ctx.is_country(pobj(prep) or prep))):
                    # "launched 100 rockets into southern Israel": the country fired into
                    obj = pobj(prep)
                    if obj is not None and obj.ent_type_ not in ("DATE", "TIME") and (
                            obj_class(obj, self.ctx.parties.place_like) != "place" or owned(obj)
                            or (prep.lower_ == "into" and self.ctx.is_country(obj))):
                        roles.target = obj
            dative = pobj(child(support, "dative"))
            if roles.target is None and dative is not None and obj_class(dative, self.ctx.parties.place_like) != "place":
                roles.target = dative  # "issued a warning to residents"
            if roles.target is None:
                roles.target = self._purpose_object(support)  # "fired tear gas to disperse protesters"
            if roles.target is None:  # "carried out airstrikes on villages, killing 11 civilians"
                roles.target = self.casualties(support)
        elif support is not None and trigger.form == "occurrence" and "between" not in roles.cues:
            obj = child(support, "dobj")  # "an airstrike killed eight civilians"
            if obj is not None and roles.target is None and obj_class(obj, self.ctx.parties.place_like) not in (
                    "place", "weapon", "aid", None) or (obj is not None and owned(obj) and roles.target is None):
                roles.target = obj
            roles.target = roles.target or self.casualties(support)  # "an airstrike hit a school, killing 8"
        elif trigger.form == "casualty":
            victims = child(trigger.anchor, "nsubjpass")
            roles.target = roles.target or victims
        if roles.target is None:  # "planted an IED that killed two soldiers"
            roles.target = next((child(c, "dobj") for c in noun.children if c.dep_ == "relcl"
                                 and c.lemma_.lower() in CASUALTY and child(c, "dobj") is not None), None)
        if roles.target is None:  # "an anti-Maoist operation": whom it is against
            words = opposed_words(noun)
            party = words[-1] if words else None
            if party is not None and party.text != "-" and party.pos_ in ("PROPN", "ADJ", "NOUN") and party.lower_ not in ANTI \
                    and self.ctx.parties.resolve(party, pronouns=False) is not None:
                roles.target = party
        if noun.dep_ == "pobj" and noun.head.lower_ in ("at", "upon", "on") and child(noun, "poss") is not None \
                and roles.target is None and noun.head.head.pos_ in ("VERB", "NOUN"):
            governor = noun.head.head  # "met at Britain's request": Britain asked the meeting's holder
            roles.target = self.subject(governor) if governor.pos_ == "VERB" else None
        return roles

    def _purpose_object(self, verb: Token) -> Token | None:
        """The people a purpose clause acts on: 'fired tear gas to disperse protesters'."""
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children):
                obj = child(c, "dobj")
                if obj is not None and obj_class(obj, self.ctx.parties.place_like) == "person":
                    return obj
        return None

    def _stray_between(self, noun: Token, support: Token | None) -> Token | None:
        """'Clashes broke out in Goma on 12 March between X and Y', 'reported clashes inside the
        town between X and Y': the sides' phrase parsed onto a date, a place or the verb."""
        clause = support if support is not None else noun.head
        for prep in clause.subtree:
            if prep.dep_ != "prep" or prep.lower_ != "between" or prep.head == noun:
                continue
            head = prep.head
            if head == clause or head.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") or obj_class(
                    head, self.ctx.parties.place_like) == "place":
                first = pobj(prep)
                if first is not None and first.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                    return first
        return None

    def _modifier_party(self, noun: Token, lemma: str) -> Token | None:
        """'Russian airstrikes', 'RSF strike', 'Saudi-led coalition airstrike', 'Taliban attack'."""
        against = {t.i for t in opposed_words(noun)}
        for c in sorted(noun.children, key=lambda t: t.i):
            if c.dep_ not in ("amod", "compound", "nmod") or c.i > noun.i or c.i in against:
                continue
            if c.lower_.endswith("-led") or (c.dep_ == "amod" and c.lemma_.lower() == "lead"):
                leader = next((g for g in c.children if g.dep_ in ("npadvmod", "compound", "amod")), None)
                return leader or c
            if (c.ent_type_ in ("ORG", "PERSON") and (c.pos_ == "PROPN" or c.text.isupper() and len(c.text) > 1)) or (
                    c.ent_type_ == "NORP" and (
                    lemma in ACTOR_DEMONYM_NOUNS or self.ctx.parties.dictionary.demonym(c.text) is None)):
                return c
            if c.ent_type_ == "GPE" and lemma in ACTOR_DEMONYM_NOUNS and self.ctx.is_country(c):
                return c
            group = group_of(c) if c.dep_ == "compound" and lemma in ACTOR_DEMONYM_NOUNS else None
            if group is not None and group.armed and noun_lemma(c) not in ("drone", "warplane", "artillery"):
                return c  # "a bandit attack", "a rebel offensive", "militant strikes"
        return None


ANTI = frozenset({"anti", "counter"})


def opposed_words(noun: Token) -> list[Token]:
    """The words of a modifier that says whom an act is against ('an anti-Maoist operation',
    'a counter-insurgency offensive'), however the tokenizer split it ('anti', '-', 'Maoist'):
    they name its target, never its doer. [] when there is none."""
    doc = noun.doc
    for c in sorted(noun.children, key=lambda t: t.i):
        if c.i > noun.i or c.dep_ not in ("amod", "compound", "nmod"):
            continue
        if c.lower_.startswith(("anti-", "counter-")):
            return [c]
        if c.lower_ in ANTI:
            end = c.i + 1
            while end < noun.i and (doc[end].text == "-" or doc[end].head == noun or doc[end].head.i < noun.i) \
                    and doc[end].dep_ in ("amod", "compound", "nmod", "punct"):
                end += 1
            return list(doc[c.i: end])
    return []
