"""Who did it and to whom: the actor and target phrases of a trigger, from the dependency parse.

Verbs: the subject (inherited through coordination, control and relative clauses) or the passive
agent; the object, the passive subject or a target preposition. Event nouns: 'by X', "X's",
'Russian airstrikes', 'X-led', 'between X and Y', 'on/against Y', 'the abduction of Y', and the
light or occurrence verb's own subject and object.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .groups import noun_lemma
from .syntax import SPEECH_NOUNS, child, direct_object, is_passive, obj_class, owned, owner_of, pobj, shared_passive
from .guidelines import SYMMETRIC
from .triggers import Trigger

__all__ = ["Arguments", "Roles"]

HEARSAY_HEADS = frozenset({"report", "say", "believe", "think", "understand", "know", "suspect", "allege",
                           "claim", "rumour", "rumor", "see", "expect"})
TARGET_PREPS = frozenset({"on", "against", "upon"})
CASUALTY = frozenset({"kill", "wound", "injure", "maim", "abduct", "kidnap", "target", "hit", "strike"})
FROM_VERBS = frozenset({"capture", "seize", "take", "retake", "recapture", "wrest", "liberate", "free", "regain",
                        "snatch", "grab"})
FALL_TO = frozenset({"fall", "surrender", "go"})  # "fell to X", "surrendered to X": X is the taker
WITH_VERBS = frozenset({"clash", "fight", "battle", "skirmish", "exchange", "engage", "meet", "talk", "negotiate",
                        "speak", "agree", "cooperate", "consult", "confer", "side", "stand", "work", "ally",
                        "sign", "discuss", "hold"})
GIVING = frozenset({"send", "deliver", "give", "provide", "supply", "ship", "donate", "hand", "transfer", "offer",
                    "grant", "pledge", "extend", "airlift", "dispatch"})  # "delivered air defence to Ukraine"
AIMING = frozenset({"fire", "shoot", "aim", "lob", "strike", "hurl", "throw", "pelt", "launch", "direct", "open",
                    "swing", "charge"})
OF_TARGET_NOUNS = frozenset({"abduction", "kidnapping", "arrest", "detention", "killing", "murder", "assassination",
                             "execution", "release", "capture", "bombing", "shelling", "siege", "blockade",
                             "occupation", "invasion", "torture", "rape", "beheading", "lynching", "massacre",
                             "expulsion", "deportation", "disappearance", "seizure", "looting", "burning",
                             "destruction", "evacuation", "withdrawal", "deployment", "dispersal", "rescue",
                             "recapture", "takeover", "storming"})
OF_AGENT_NOUNS = frozenset({"request", "call", "appeal", "demand", "invitation", "initiative", "order", "proposal",
                            "offer", "decision", "warning", "threat", "ultimatum", "condemnation", "protest"})
ACTOR_DEMONYM_NOUNS = frozenset({"airstrike", "strike", "raid", "offensive", "counteroffensive", "attack",
                                 "bombardment", "shelling", "bombing", "assault", "incursion", "invasion",
                                 "operation", "drone", "missile", "rocket", "shell", "artillery", "troop", "force",
                                 "advance", "withdrawal", "deployment", "counterattack", "sanction", "embargo",
                                 "aid", "crackdown", "blockade", "siege", "ambush", "fire"})


@dataclass
class Roles:
    """The phrases a trigger's parties are read from (heads; coordination is split later)."""

    actor: Token | None = None
    target: Token | None = None
    cues: list[str] = field(default_factory=list)
    target_is_owner: bool = False  # the target phrase is the owner of a site or of an event


class Arguments:
    """Argument rules for one article (`ctx` gives parties and the place test)."""

    def __init__(self, ctx):
        self.ctx = ctx

    def subject(self, verb: Token) -> Token | None:
        """The subject, inherited through coordination, participles and control verbs."""
        climbed = False
        for _ in range(6):
            subj = child(verb, "nsubj", "csubj")
            if subj is not None:
                if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    return verb.head
                return subj
            if is_passive(verb) and verb.dep_ not in ("conj",):
                return child(verb, "nsubjpass") if climbed else None  # "was outraged ... and called for": who was
            climbed = verb.dep_ == "conj" or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in HEARSAY_HEADS)
            # "Gunmen were reported to have attacked": the reported subject did it
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
                verb = verb.head
                continue
            if verb.dep_ == "acl" and noun_lemma(verb.head) in SPEECH_NOUNS and verb.head.head != verb.head:
                verb = verb.head.head  # "issued a statement blaming X": the issuer
                continue
            if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return verb.head if not self.ctx.lexicon.is_event_noun(noun_lemma(verb.head)) else None
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
        reduced = verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN" and child(verb, "dobj") is None  # 'shells fired by X'
        shared = shared_passive(verb)  # "was detained ... then released"
        if is_passive(verb) or reduced or shared is not None:
            agent = child(verb, "agent") or (child(verb.head, "agent") if shared is not None else None)
            roles.actor = pobj(agent)
            roles.target = verb.head if reduced else shared if shared is not None else child(verb, "nsubjpass")
            if roles.target is not None and roles.target.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                roles.target = verb.head  # "Tsvangirai, who was arrested at his home"
            roles.cues.append("passive voice")
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
        if roles.target is None or weak:
            for prep in verb.children:
                if prep.dep_ not in ("prep", "prt") or prep.i < verb.i:
                    continue
                word = prep.lower_
                if word in TARGET_PREPS or (word == "at" and lemma in AIMING) or (word == "with" and lemma in
                                                                                  WITH_VERBS) \
                        or (word == "to" and lemma in GIVING) \
                        or (word == "from" and lemma in FROM_VERBS):  # "seized the base from the LNA"
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
        return roles

    def casualties(self, verb: Token | None) -> Token | None:
        """'shelled the village, killing five civilians': the people killed are the act's target."""
        if verb is None:
            return None
        participles = [c for c in verb.children if c.dep_ in ("advcl", "conj", "xcomp") and c.tag_ == "VBG"]
        participles += [g for c in participles for g in c.conjuncts if g.tag_ == "VBG" and g not in participles]
        for c in participles:  # "looting shops and kidnapping two fishermen"
            if c.lemma_.lower() in CASUALTY:
                obj = child(c, "dobj")
                if obj is not None and obj_class(obj, self.ctx.parties.place_like) not in ("place", "weapon"):
                    return obj
        return None

    def _owner_of_event(self, roles: Roles) -> None:
        """'to repel Haftar's offensive', 'condemned the parliament's decision': the owner is the target."""
        target = roles.target
        if target is not None and owner_of(target) is None and (self.ctx.lexicon.is_event_noun(noun_lemma(target))
                                                                 or self.ctx.parties.resolve(target) is None):
            owner = child(target, "poss")
            by = pobj(next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "by"), None))
            if owner is not None or by is not None:
                roles.target = owner if owner is not None else by
                roles.target_is_owner = True
            elif self.ctx.lexicon.is_event_noun(noun_lemma(target)):  # "condemned the attack": whose, the story says
                about = self.ctx.lexicon.noun(noun_lemma(target), None)
                if about is not None:
                    roles.cues.append(f"about {about.plover}")
                roles.target = None

    # -- event nouns -------------------------------------------------------------------------
    def _noun(self, trigger: Trigger) -> Roles:
        noun, support = trigger.noun, trigger.support
        roles = Roles(cues=["event noun"])
        lemma = noun_lemma(noun)
        for c in noun.children:
            word = c.lower_
            if c.dep_ == "prep" and word == "by" and roles.actor is None:
                roles.actor = pobj(c)
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
            else:
                roles.actor = roles.actor or self.subject(support)
            aiming = self.ctx.triggers.verb_lemma(support) in AIMING
            giving = self.ctx.triggers.verb_lemma(support) in GIVING
            for prep in support.children:  # "held talks with X", "launched strikes on Y", "fired rockets at Z"
                if prep.dep_ == "prep" and prep.i > noun.i and roles.target is None and (
                        prep.lower_ in TARGET_PREPS or prep.lower_ == "with" or (prep.lower_ == "at" and aiming)
                        or (prep.lower_ == "to" and giving)):  # "delivered food aid to displaced families"
                    obj = pobj(prep)
                    if obj is not None and obj.ent_type_ not in ("DATE", "TIME") and (
                            obj_class(obj, self.ctx.parties.place_like) != "place" or owned(obj)):
                        roles.target = obj
            dative = pobj(child(support, "dative"))
            if roles.target is None and dative is not None and obj_class(dative, self.ctx.parties.place_like) != "place":
                roles.target = dative  # "issued a warning to residents"
            if roles.target is None:
                roles.target = self._purpose_object(support)  # "fired tear gas to disperse protesters"
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
        for c in sorted(noun.children, key=lambda t: t.i):
            if c.dep_ not in ("amod", "compound", "nmod") or c.i > noun.i:
                continue
            if c.lower_.endswith("-led") or (c.dep_ == "amod" and c.lemma_.lower() == "lead"):
                leader = next((g for g in c.children if g.dep_ in ("npadvmod", "compound", "amod")), None)
                return leader or c
            if (c.ent_type_ in ("ORG", "PERSON") and c.pos_ == "PROPN") or (c.ent_type_ == "NORP" and (
                    lemma in ACTOR_DEMONYM_NOUNS or self.ctx.parties.dictionary.demonym(c.text) is None)):
                return c
            if c.ent_type_ == "GPE" and lemma in ACTOR_DEMONYM_NOUNS and self.ctx.is_country(c):
                return c
        return None
