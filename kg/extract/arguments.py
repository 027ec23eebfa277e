"""Who did it and to whom: the actor and target phrases of a trigger, from the dependency parse.

Verbs: the subject (inherited through coordination, control and relative clauses) or the passive
agent; the object, the passive subject or a target preposition. Event nouns are `noun_roles`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .coref import REPORTING_VERBS
from .groups import noun_lemma
from .noun_roles import NounRoles
from .party_words import PARTY_OBJECT_VERBS
from .roles import (AIMING, CASUALTY, FALL_TO, FROM_VERBS, GIVING, HEARSAY_HEADS, TARGET_PREPS, TOPIC_VERBS, WITH_VERBS,
                    Roles)
from .syntax import (SPEECH_NOUNS, child, direct_object, is_passive, misread_clause, obj_class, owned, owner_of,
                     pobj, shared_passive)
from .trigger import Trigger

__all__ = ["Arguments", "Roles"]


class Arguments(NounRoles):
    """Argument rules for one article (`ctx` gives parties and the place test)."""

    def __init__(self, ctx):
        self.ctx = ctx

    def subject(self, verb: Token) -> Token | None:
        """The subject, inherited through coordination, participles and control verbs."""
        climbed = False
        for _ in range(6):
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.ent_type_ not in ("DATE", "TIME")),
                        None) or child(verb, "nsubj", "csubj")  # "hours after his forces took": not 'hours'
            if subj is not None:
                if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    return verb.head
                return _people_in_apposition(subj) or subj
            if is_passive(verb) and verb.dep_ not in ("conj",):
                return child(verb, "nsubjpass") if climbed else None  # "was outraged ... and called for": who was
            if verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and verb.head.pos_ == "NOUN":
                return _misread_subject(verb.head)  # "The sniper shot and wounded": 'shot' read as a noun
            climbed = verb.dep_ == "conj" or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in HEARSAY_HEADS)
            # "Gunmen were reported to have attacked": the reported subject did it
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
                verb = verb.head
                continue
            if verb.dep_ == "acl" and noun_lemma(verb.head) in SPEECH_NOUNS and verb.head.head != verb.head:
                verb = verb.head.head  # "issued a statement blaming X": the issuer
                continue
            if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
                head = verb.head
                while misread_clause(verb) and head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
                    head = head.head  # "The United States and its allies called": the whole subject
                return head if not self.ctx.lexicon.is_event_noun(noun_lemma(head)) else None
            return None
        return None

    def roles(self, trigger: Trigger) -> Roles:
        roles = self._verb(trigger.token) if trigger.form == "verb" else self._noun(trigger)
        owner = owner_of(roles.target)
        if owner is not None:  # "stormed positions of the Sudanese army": the army is the target
            roles.target, roles.target_is_owner = owner, True
        return roles

    # -- verbs -------------------------------------------------------------------------------
    def _verb(self, verb: Token) -> Roles:
        roles = Roles()
        reduced = verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN" and child(verb, "dobj") is None \
            and not misread_clause(verb)  # 'shells fired by X', not 'traders protested in X'
        shared = shared_passive(verb)  # "was detained ... then released"
        if is_passive(verb) or reduced or shared is not None:
            agent = child(verb, "agent") or (child(verb.head, "agent") if shared is not None else None)
            roles.actor = pobj(agent)
            roles.target = verb.head if reduced else shared if shared is not None else child(verb, "nsubjpass")
            if roles.target is not None and roles.target.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                roles.target = verb.head  # "Tsvangirai, who was arrested at his home"
            roles.cues.append("passive voice")
            _found_dead(roles, self.ctx.triggers.verb_lemma(verb), roles.target)
            if roles.target is not None and obj_class(roles.target, self.ctx.parties.place_like) in (
                    "place", "weapon", "aid"):
                roles.target = None
            source = pobj(next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None))
            if source is not None and self.ctx.triggers.verb_lemma(verb) in FROM_VERBS and (
                    roles.target is None or self.ctx.parties.resolve(roles.target) is None):
                roles.target = owner_of(source) or (source if obj_class(source) == "person" else None)
                # "fuel was seized from a WFP warehouse": the owner lost it
            return roles
        lemma = self.ctx.triggers.verb_lemma(verb)
        to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if lemma in FALL_TO and to is not None:  # "the town fell to the rebels": the rebels took it
            subject = self.subject(verb)
            if lemma == "surrender" and subject is not None and obj_class(
                    subject, self.ctx.parties.place_like) != "place":
                roles.actor, roles.target = subject, pobj(to)  # "NPA fighters surrendered to the army"
                return roles
            roles.actor = pobj(to)
            return roles
        roles.actor = self.subject(verb)
        dobj = direct_object(verb)  # "attacked and injured two members": shared
        if dobj is not None and (obj_class(dobj, self.ctx.parties.place_like) not in ("place", "weapon", "aid",
                                                                                      "sanction")
                                 or owned(dobj) or self.ctx.is_country(dobj)):
            roles.target = dobj
            roles.target_is_owner = owned(dobj) and obj_class(dobj) == "place"
        weak = dobj is not None and roles.target is dobj and obj_class(dobj, self.ctx.parties.place_like) is None \
            and self.ctx.parties.resolve(dobj) is None  # "opened fire on protesters": the fire is not the target
        recipient = pobj(next((c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None))
        if lemma in GIVING and recipient is not None and (self.ctx.is_country(recipient) or obj_class(
                recipient, self.ctx.parties.place_like) in ("person", "troops")):
            roles.target = recipient  # "supplied fighter jets to Mali": the recipient, not what is given
            weak = False
        if roles.target is None or weak:
            for prep in verb.children:
                if prep.dep_ not in ("prep", "prt") or prep.i < verb.i:
                    continue
                word = prep.lower_
                if word in ("on", "upon") and lemma in TOPIC_VERBS:
                    continue  # "met on Libya", "agreed on a truce": the topic, not a party
                if word in TARGET_PREPS or (word == "at" and lemma in AIMING) or (word == "with" and lemma in
                                                                                  WITH_VERBS) \
                        or (word == "into" and lemma in AIMING and self.ctx.is_country(pobj(prep) or prep)) \
                        or (word == "to" and lemma in GIVING) \
                        or (word == "from" and lemma in FROM_VERBS) \
                        or (word == "from" and lemma in ("recall", "expel") and self.ctx.is_country(pobj(prep) or prep)):
                    # "seized the base from the LNA", "recalled its ambassador from Bangkok"
                    obj = pobj(prep)
                    if obj is None or obj.ent_type_ in ("DATE", "TIME"):
                        continue  # "on Saturday" is a date, not a target
                    if obj_class(obj, self.ctx.parties.place_like) != "place" or owned(obj) or \
                            self.ctx.is_country(obj):
                        roles.target = obj
                        break
        if roles.target in (None, dobj) and dobj is not None and self.ctx.parties.resolve(dobj) is None:
            aimed = next((pobj(c) for c in dobj.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS | {"at"}), None)
            if aimed is not None and obj_class(aimed, self.ctx.parties.place_like) not in ("place", None) \
                    or (aimed is not None and owned(aimed)):
                roles.target = aimed  # "opened fire on protesters"
        if roles.target is None:
            roles.target = self.casualties(verb)
        if roles.target is None and child(verb, "xcomp") is not None:
            inner = child(verb, "xcomp")  # "mobilized to confront Haftar": the purpose names the adversary
            inner_obj = child(inner, "dobj")
            if inner_obj is not None and obj_class(inner_obj) != "place":
                roles.target = inner_obj
        self._owner_of_event(roles)
        return _found_dead(roles, lemma, dobj)

    def _named_modifier(self, noun: Token) -> Token | None:
        """A name or a nationality qualifying an event noun: 'Israeli' in 'the Israeli proposal'."""
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and (
                    c.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") or self.ctx.parties.dictionary.demonym(c.text)):
                if self.ctx.parties.resolve(c) is not None:
                    return c
        return None

    def casualties(self, verb: Token | None) -> Token | None:
        """'shelled the village, killing five civilians': the people killed are the act's target."""
        if verb is None:
            return None
        participles = [c for c in verb.children if c.dep_ in ("advcl", "conj", "xcomp") and c.tag_ == "VBG"]
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:  # "struck the airport, residents
            participles += [c for c in verb.head.children if c.dep_ == "advcl" and c.tag_ == "VBG"  # said, killing
                            and c.i > verb.i]  # four civilians": the parser hangs the participle on 'said'
        participles += [g for c in participles for g in c.conjuncts if g.tag_ == "VBG" and g not in participles]
        for c in participles:  # "looting shops and kidnapping two fishermen"
            lemma = c.lemma_.lower()
            if lemma in CASUALTY or lemma == "target":
                obj = child(c, "dobj")
                kind = obj_class(obj, self.ctx.parties.place_like) if obj is not None else None
                if obj is not None and kind not in ("place", "weapon"):
                    return obj
                if obj is not None and lemma == "target" and kind == "place" and owner_of(obj) is not None:
                    return owner_of(obj)  # "stormed Djibo, targeting an army base": the army
        return None

    def _owner_of_event(self, roles: Roles) -> None:
        """'to repel Haftar's offensive', 'condemned the parliament's decision': the owner is the target."""
        target = roles.target
        if target is not None and target.dep_ == "dobj" and target.head.lemma_.lower() in PARTY_OBJECT_VERBS and any(
                c.dep_ == "prep" and c.lower_ in ("of", "for") for c in target.children):
            return  # "accused the opposition of attempting a revolution": a party, though 'opposition' is an act too
        if target is not None and owner_of(target) is None and (self.ctx.lexicon.is_event_noun(noun_lemma(target))
                                                                 or self.ctx.parties.resolve(target) is None):
            owner = child(target, "poss")
            by = pobj(next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "by"), None))
            if owner is None and by is None and self.ctx.lexicon.is_event_noun(noun_lemma(target)):
                owner = self._named_modifier(target)  # "rejected the Israeli proposal", "declined ECOWAS mediation"
            if owner is not None or by is not None:
                roles.target = owner if owner is not None else by
                roles.target_is_owner = True
            elif self.ctx.lexicon.is_event_noun(noun_lemma(target)):  # "condemned the attack": whose, the story says
                about = self.ctx.lexicon.noun(noun_lemma(target), None)
                if about is not None:
                    roles.cues.append(f"about {about.plover}")
                roles.target = None


def _misread_subject(noun: Token) -> Token | None:
    """The subject of a verb the parser read as a noun at the root, heading the words before it
    ('The sniper shot and wounded', 'a Taliban sniper shot and killed'): a name among them, else
    the last noun."""
    words = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
    named = [w for w in words if w.ent_type_ in ("ORG", "NORP", "PERSON")]
    return (named or words or [None])[-1]


def _people_in_apposition(subj: Token) -> Token | None:
    """'On 2 March, in Antsirabe, Vakinankaratra, about 200 drivers demonstrated', read with the
    town as the subject ('in' left without an object): the people in apposition are the subject."""
    before = subj.doc[subj.left_edge.i - 1] if subj.left_edge.i > 0 else None
    if subj.ent_type_ not in ("GPE", "LOC") or before is None or before.lower_ not in ("in", "at", "near") \
            or any(c.dep_ == "pobj" for c in before.children):
        return None
    return next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.tag_ == "NNS"), None)


CORPSES = frozenset({"body", "corpse", "remains", "head"})


def _found_dead(roles: Roles, lemma: str, obj: Token | None) -> Roles:
    """'Police found the bodies of two women': whoever finds the dead did not kill them; the dead
    ('of two women') are the target."""
    if lemma in ("find", "discover", "recover") and obj is not None and noun_lemma(obj) in CORPSES:
        if "passive voice" not in roles.cues:
            roles.actor = None
        roles.target = pobj(next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None))
    return roles
