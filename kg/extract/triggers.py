"""Event triggers: the verbs and nouns of a sentence that say something happened.

A verb is typed by the lexicon from its lemma, particles, object and subject class; an event noun
is a trigger when a light verb governs it ("staged a protest"), when it is the subject of an
occurrence verb ("clashes erupted", "shells fell"), when it is what was reported or observed
("observed six explosions"), or anywhere else when it carries details of its own (a party, a
target, a date or a place: "an attack by X on Y", "under cover of Russian airstrikes").
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .groups import ARMED_KINDS, group_of, noun_lemma
from .lexicon import Lexicon
from .nouns import NounTriggers, compound_of, gerund, nominal
from .syntax import (CLAUSE_DEPS, SPEECH_NOUNS, child, direct_object, is_passive, misread_clause, obj_class, pobj,
                     shared_passive)
from .trigger import CASUALTY_VERBS, Trigger

SUSPECTS = frozenset({"suspect", "fighter", "militant", "insurgent", "jihadist", "rebel", "smuggler",
                      "trafficker", "criminal", "fugitive", "member"})  # people handed over to be tried
CROWDS = frozenset({"dozens", "hundreds", "thousands", "scores", "crowds", "tens"})  # counted people

__all__ = ["Trigger", "TriggerFinder", "CASUALTY_VERBS", "compound_of"]

NATURAL_CAUSES = frozenset({"disease", "cholera", "malnutrition", "hunger", "famine", "starvation", "flood",
                            "earthquake", "drought", "heat", "cold", "storm", "cyclone", "epidemic", "outbreak",
                            "malaria", "measles", "virus", "illness", "rain", "quake", "hurricane", "typhoon",
                            "tornado", "landslide", "mudslide", "tsunami", "heatwave", "lightning", "wildfire",
                            "blizzard", "snowstorm", "avalanche", "flooding", "downpour", "wind"})
GAME_OBJECTS = frozenset({"goal", "ball", "medal", "trophy", "championship", "wicket", "penalty", "podium"})
PARTICLES = frozenset({"down", "back", "out", "up", "off", "away", "over"})  # advmod particles: "stepped down"
REPEAT_PREPS = frozenset({"in", "by", "during", "after", "following", "amid", "since", "before", "under", "despite",
                          "with", "through", "from", "of"})


class TriggerFinder(NounTriggers):
    """Find the triggers of a sentence. `ctx` is the article context (parties, place test)."""

    def __init__(self, lexicon: Lexicon, ctx):
        self.lexicon, self.ctx = lexicon, ctx

    def find(self, sent: Span) -> list[Trigger]:
        out: list[Trigger] = []
        taken: set[int] = set()  # verbs a noun trigger has used as its light or occurrence verb
        for token in sent:
            if token.ent_type_ in ("DATE", "TIME"):
                continue  # 'March' in '7 March 2025' is a month
            if nominal(token) and self.lexicon.is_event_noun(
                    noun_lemma(token), compound=compound_of(token, self.lexicon)):
                trigger = self._noun(token)
                if trigger is not None and not (trigger.support is not None and trigger.support.i in taken):
                    out.append(trigger)  # "launched 47 drones and two missiles": one event per light verb
                    if trigger.support is not None:
                        taken.add(trigger.support.i)
        for token in sent:
            if token.pos_ == "VERB" and token.i not in taken and not gerund(token):
                trigger = self._verb(token)
                if trigger is not None:
                    out.append(trigger)
        verbs = {(t.token.i, t.action.plover) for t in out if t.form == "verb"}
        return [t for t in out if not _instrument(t, verbs) and not _approach(t, verbs)]

    # -- verbs -------------------------------------------------------------------------------
    def verb_lemma(self, verb: Token) -> str:
        """The verb's lemma, mending lemmatizer slips ('waging' -> 'wag') with the lexicon's help."""
        known = self.lexicon.verbs_known
        lemma = verb.lemma_.lower()
        if lemma in known:
            return lemma
        low = verb.lower_
        for stem in (low[:-3] + "e", low[:-3], low[:-2] + "e", low[:-2], low[:-1]):
            if len(stem) > 2 and stem in known and low[:2] == stem[:2]:
                return stem
        return lemma

    def subject_class(self, verb: Token) -> str | None:
        """'armed' or 'civil' for the subject's kind of party, None when unknown."""
        subject = self.ctx.arguments.subject(verb)
        actor = self.ctx.parties.resolve(subject) if subject is not None else None
        if actor is not None and actor.kind in ARMED_KINDS:
            return "armed"
        if subject is not None and subject.lower_ in CROWDS:
            return "civil"  # "dozens of members of Polo Obrero marched": a crowd, whoever leads it
        if actor is None:
            people = self.ctx.parties.counted(subject)  # "hundreds of lime growers"
            return "civil" if self.ctx.people_noun(people) else None  # "musicians", "dockers": people
        return "civil" if actor.kind in ("civilians", "media", "other") else None

    def _verb(self, verb: Token) -> Trigger | None:
        if verb.dep_ not in CLAUSE_DEPS and not (verb.dep_ == "amod" and verb.tag_ == "VBN"
                                                 and child(verb, "agent") is not None):
            return None
        finite = verb.dep_ in ("acl", "appos") and child(verb, "agent") is None and (verb.tag_ == "VBD" or (  # misparsed or participle clause:
            verb.tag_ == "VBG" and child(verb, "dobj") is not None and verb.head.dep_ in ("ROOT", "nsubj", "nsubjpass")
            and not self.lexicon.is_event_noun(noun_lemma(verb.head))
            and self.ctx.parties.resolve(verb.head, pronouns=False) is not None)
            or (verb.tag_ == "VBG" and noun_lemma(verb.head) in SPEECH_NOUNS)  # "a statement blaming X": the issuer's act
            or (verb.tag_ == "VBG" and self._protesting(verb))  # "protesters demonstrating outside X"
            or (verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" and child(verb, "dobj") is not None)  # misparsed:
            or misread_clause(verb))
        # "drivers protested", "militias capturing X", "A warplane bombed the airport" (a noun as the root)
        if verb.dep_ in ("acl", "amod") and not finite and not self._reduced_passive(verb):
            return None
        lemma = self.verb_lemma(verb)
        reduced = verb.dep_ in ("acl", "amod") and not finite
        passive = is_passive(verb) or reduced
        shared = shared_passive(verb)
        passive = passive or shared is not None
        obj = child(verb, "nsubjpass") if is_passive(verb) else verb.head if reduced else shared or direct_object(verb)
        if obj is not None and obj.lower_ in ("that", "which", "who", "whom") and verb.dep_ == "relcl":
            obj = verb.head  # "agreements that X signed", "Sirte, which had been held by": the head noun
        if lemma in CASUALTY_VERBS and self._tally(verb, lemma):
            return None
        subject = child(verb, "nsubj")
        if subject is not None and noun_lemma(subject) in NATURAL_CAUSES:
            return None  # "heavy rains battered Maiduguri", "an earthquake struck Herat": no party acts
        if obj is not None and noun_lemma(obj) in GAME_OBJECTS:
            return None  # "attacked the goal", "captured the gold medal": a game
        preps = [c.lower_ for c in verb.children
                 if (c.dep_ in ("prt", "prep", "acomp", "oprd") or (c.dep_ == "advmod" and c.lower_ in PARTICLES))
                 and not (c.lower_ == "by" and passive)]  # "spoke by phone", not "captured by X"
        preps += [f"{c.lower_} {noun_lemma(pobj(c))}" for c in verb.children  # "take to the streets"
                  if c.dep_ == "prep" and pobj(c) is not None]
        if verb.i + 1 < len(verb.doc) and verb.nbor(1).lower_ == "over" and verb.nbor(1).dep_ == "quantmod" \
                and lemma in ("hand", "turn"):
            preps.append("over")  # "handed over 20 hostages", read as "more than 20"
        klass = obj_class(obj, self.ctx.parties.place_like)
        if klass == "weapon" and (lemma in ("intercept", "down") or (lemma == "shoot" and "down" in preps)):
            return None  # air defence intercepting missiles is part of the attack, not an event
        action = self.lexicon.verb(lemma, preps=preps, obj_class=klass,
                                   obj_lemma=noun_lemma(obj) if obj is not None else None,
                                   subj_class=None if passive else self.subject_class(verb))
        if action is None and lemma == "order" and child(verb, "xcomp") is not None:
            action = self.lexicon.verb("order", obj_class="event-order")
        if action is not None and action.plover == "CONCEDE" and lemma == "hand" and self._handed_suspects(verb, obj):
            action = self.lexicon.verb("extradite")  # "handed 11 IS fighters over to the federal government"
        if action is None:
            return None
        if finite and verb.tag_ == "VBG" and action.plover not in ("ASSAULT", "COERCE", "MOBILIZE", "PROTEST") \
                and noun_lemma(verb.head) not in SPEECH_NOUNS:
            return None  # "forces backing the GNA": a description of the forces, not an act
        if action.plover == "ASSAULT" and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp") \
                and verb.head.pos_ == "VERB" and self._assault(verb.head):
            return None  # "raided the village, looting shops and kidnapping two fishermen": one raid
        if reduced and verb.head.head != verb.head:
            return Trigger(verb, action, verb.head.head)  # "shells fired by X fell in Z on Monday"
        return Trigger(verb, action, verb)

    def _handed_suspects(self, verb: Token, obj: Token | None) -> bool:
        """Suspects or fighters handed over to a government or its forces: cooperation against
        them, not a release (a detainee handed back to his own side's police is one)."""
        to = pobj(next((c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None))
        recipient = self.ctx.parties.resolve(to) if to is not None else None
        if obj is None or recipient is None or recipient.kind not in ("government", "state_force"):
            return False
        group = group_of(self.ctx.parties.counted(obj) or obj)
        held = self.ctx.parties.resolve(obj)
        return noun_lemma(obj) in SUSPECTS or (group is not None and group.armed) or (
            held is not None and held.kind == "armed_group")

    def _protesting(self, verb: Token) -> bool:
        """'thousands of protesters demonstrating outside the headquarters': civilians doing a protest."""
        action = self.lexicon.verb(self.verb_lemma(verb), subj_class="civil")
        head = self.ctx.parties.resolve(verb.head, pronouns=False)
        return action is not None and action.plover == "PROTEST" and head is not None and head.kind == "civilians"

    def _assault(self, verb: Token) -> bool:
        """Whether `verb` is itself an armed act (the head a participle clause elaborates)."""
        for _ in range(4):  # "raided X, looting shops and kidnapping two": back to what they elaborate
            if verb.tag_ == "VBG" and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ == "VERB":
                verb = verb.head
            else:
                break
        if verb.tag_ == "VBG":
            return False
        trigger = self._verb(verb)
        return trigger is not None and trigger.action.plover == "ASSAULT"

    def _reduced_passive(self, verb: Token) -> bool:
        """'shells fired by presumed LNA forces', '3 civilians kidnapped by gunmen': an event;
        'an airstrike targeting X', 'the LNA, supported by Egypt', 'guards funded by the EU': descriptions."""
        if verb.tag_ != "VBN" or child(verb, "agent") is None or self.lexicon.is_event_noun(noun_lemma(verb.head)):
            return False
        action = self.lexicon.verb(self.verb_lemma(verb), obj_class=obj_class(verb.head))
        if action is None or action.plover not in ("ASSAULT", "COERCE"):
            return False  # a material act only: support, funding, backing are standing relations
        head = self.ctx.parties.resolve(verb.head, pronouns=False)
        return head is None or head.generic

    def _tally(self, verb: Token, lemma: str) -> bool:
        """'510 have been killed', 'the fighting has killed 270 people': a count, not an act.

        A passive killing with no agent is an act when its clause dates or places it and it is
        not a running total ('a man was killed in Culiacan on Monday')."""
        if lemma in ("die", "displace", "hurt", "wound", "injure"):
            return True
        subject = child(verb, "nsubj")
        if subject is not None and (self.lexicon.is_event_noun(noun_lemma(subject))
                                    or noun_lemma(subject) in NATURAL_CAUSES | {"violence", "war", "conflict", "unrest"}):
            return True  # "the fighting has killed 270", "cholera and other diseases have killed thousands"
        if verb.dep_ in ("advcl", "xcomp", "conj", "acl") and verb.tag_ == "VBG":
            return True  # "overran a checkpoint, killing three soldiers": part of the attack
        if is_passive(verb) and child(verb, "agent") is None:
            perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
            placed = self.ctx.attach.has_place(verb) or self.ctx.when.has_date(verb)
            behind = any(c.dep_ == "prep" and c.lower_ in ("in", "during", "by") and pobj(c) is not None
                         and self.lexicon.is_event_noun(noun_lemma(pobj(c))) for c in verb.children)
            return perfect or not placed or behind
        return False


def _instrument(trigger: Trigger, verbs: set) -> bool:
    """'A Turkish drone attacked a post': a craft that is also an event noun, as the subject of a
    verb of its own type, is the attacker's instrument; the verb tells the one event."""
    token = trigger.token
    return trigger.form != "verb" and token.dep_ == "nsubj" and group_of(token) is not None \
        and (token.head.i, trigger.action.plover) in verbs


def _approach(trigger: Trigger, verbs: set) -> bool:
    """'Arriving in 10 trucks, militants stormed the village': the approach told as a participle
    of the attack it leads to is that attack, not a deployment of its own."""
    token = trigger.token
    return trigger.form == "verb" and trigger.action.plover == "MOBILIZE" and token.dep_ == "advcl" \
        and token.tag_ == "VBG" and (token.head.i, "ASSAULT") in verbs
