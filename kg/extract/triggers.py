"""Event triggers: the verbs and nouns of a sentence that say something happened.

A verb is typed by the lexicon from its lemma, particles, object and subject class; an event noun
is a trigger when a light verb governs it ("staged a protest"), when it is the subject of an
occurrence verb ("clashes erupted", "shells fell"), when it is what was reported or observed
("observed six explosions"), or anywhere else when it carries details of its own (a party, a
target, a date or a place: "an attack by X on Y", "under cover of Russian airstrikes").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .groups import ARMED_KINDS, noun_lemma
from .lexicon import OCCURRENCE_HEADS, Action, Lexicon
from .syntax import CLAUSE_DEPS, SPEECH_NOUNS, child, direct_object, is_passive, obj_class, pobj, shared_passive

__all__ = ["Trigger", "TriggerFinder", "CASUALTY_VERBS"]

CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "displace", "maim", "die", "hurt"})
PERCEPTION_VERBS = frozenset({"report", "observe", "hear", "witness", "record", "confirm", "document", "register",
                              "see", "monitor", "detect", "notice", "spot"})
QUANTITY_NOUNS = frozenset({"total", "number", "spate", "wave", "round", "barrage", "volley", "salvo", "hail",
                            "exchange", "flurry", "burst", "bout", "couple", "lot", "dozen", "state"})  # "a state of alert"
HYPOTHETICAL_HEADS = frozenset({"threat", "risk", "fear", "danger", "possibility", "prospect", "plan", "warning",
                                "bid", "attempt", "call", "demand", "need", "hope", "chance", "likelihood",
                                "aim", "goal", "preparation", "intention", "spectre", "specter", "rumour", "rumor"})
HYPOTHETICAL_VERBS = frozenset({"prevent", "avoid", "fear", "risk", "plan", "threaten", "warn", "avert", "deter",
                                "stop", "end", "halt", "seek", "prepare", "expect", "want", "propose", "discuss"})
WEAPON_NOUNS = frozenset({"drone", "missile", "rocket", "shell", "grenade", "mortar", "bomb", "ied", "mine",
                          "landmine", "artillery", "bullet", "projectile"})  # events only when they hit or are fired
EARLIER = frozenset({"previous", "past", "recent", "earlier", "prior", "former", "repeated", "frequent", "numerous",
                     "sporadic", "occasional", "regular", "continued", "ongoing"})
# verbs that carry out whatever event noun they govern ("mounted an ambush", "conducted a crackdown")
GENERIC_LIGHT = frozenset({"carry out", "conduct", "mount", "launch", "stage", "wage", "undertake", "execute",
                           "perform", "unleash", "initiate"})
DURATIONS = frozenset({"week", "month", "year", "day", "decade", "hour", "night", "season", "period", "series",
                       "string", "campaign", "history", "years"})
PARTICLES = frozenset({"down", "back", "out", "up", "off", "away", "over"})  # advmod particles: "stepped down"
PARTICIPATE = frozenset({"engage", "participate", "join", "involve", "take", "partake"})
REPEAT_PREPS = frozenset({"in", "by", "during", "after", "following", "amid", "since", "before", "under", "despite",
                          "with", "through", "from", "of"})


@dataclass
class Trigger:
    """One trigger: the word that names the event and the clause it sits in."""

    token: Token  # a verb, or an event noun
    action: Action
    anchor: Token  # the clause head whose subject, date and modality apply
    form: str = "verb"  # verb, light, occurrence, noun, casualty
    noun: Token | None = None  # the event noun of light/occurrence/noun forms
    support: Token | None = None  # the light or occurrence verb


class TriggerFinder:
    """Find the triggers of a sentence. `ctx` is the article context (parties, place test)."""

    def __init__(self, lexicon: Lexicon, ctx):
        self.lexicon, self.ctx = lexicon, ctx

    def find(self, sent: Span) -> list[Trigger]:
        out: list[Trigger] = []
        taken: set[int] = set()  # verbs a noun trigger has used as its light or occurrence verb
        for token in sent:
            if token.ent_type_ in ("DATE", "TIME"):
                continue  # 'March' in '7 March 2025' is a month
            if _nominal(token) and self.lexicon.is_event_noun(
                    noun_lemma(token), compound=compound_of(token)):
                trigger = self._noun(token)
                if trigger is not None and not (trigger.support is not None and trigger.support.i in taken):
                    out.append(trigger)  # "launched 47 drones and two missiles": one event per light verb
                    if trigger.support is not None:
                        taken.add(trigger.support.i)
        for token in sent:
            if token.pos_ == "VERB" and token.i not in taken and not _gerund(token):
                trigger = self._verb(token)
                if trigger is not None:
                    out.append(trigger)
        return out

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
        if actor is None:
            return None
        if actor.kind in ARMED_KINDS:
            return "armed"
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
            or (verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" and child(verb, "dobj") is not None))  # misparsed:
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
        preps = [c.lower_ for c in verb.children
                 if (c.dep_ in ("prt", "prep", "acomp", "oprd") or (c.dep_ == "advmod" and c.lower_ in PARTICLES))
                 and not (c.lower_ == "by" and passive)]  # "spoke by phone", not "captured by X"
        preps += [f"{c.lower_} {noun_lemma(pobj(c))}" for c in verb.children  # "take to the streets"
                  if c.dep_ == "prep" and pobj(c) is not None]
        klass = obj_class(obj, self.ctx.parties.place_like)
        if klass == "weapon" and (lemma in ("intercept", "down") or (lemma == "shoot" and "down" in preps)):
            return None  # air defence intercepting missiles is part of the attack, not an event
        action = self.lexicon.verb(lemma, preps=preps, obj_class=klass,
                                   obj_lemma=noun_lemma(obj) if obj is not None else None,
                                   subj_class=None if passive else self.subject_class(verb))
        if action is None and lemma == "order" and child(verb, "xcomp") is not None:
            action = self.lexicon.verb("order", obj_class="event-order")
        if action is None:
            return None
        if finite and verb.tag_ == "VBG" and action.plover not in ("ASSAULT", "COERCE", "MOBILIZE") \
                and noun_lemma(verb.head) not in SPEECH_NOUNS:
            return None  # "forces backing the GNA": a description of the forces, not an act
        if action.plover == "ASSAULT" and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp") \
                and verb.head.pos_ == "VERB" and self._assault(verb.head):
            return None  # "raided the village, looting shops and kidnapping two fishermen": one raid
        if reduced and verb.head.head != verb.head:
            return Trigger(verb, action, verb.head.head)  # "shells fired by X fell in Z on Monday"
        return Trigger(verb, action, verb)

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
                                    or noun_lemma(subject) in ("violence", "war", "conflict", "unrest")):
            return True
        if verb.dep_ in ("advcl", "xcomp", "conj", "acl") and verb.tag_ == "VBG":
            return True  # "overran a checkpoint, killing three soldiers": part of the attack
        if is_passive(verb) and child(verb, "agent") is None:
            perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
            placed = self.ctx.attach.has_place(verb) or self.ctx.when.has_date(verb)
            behind = any(c.dep_ == "prep" and c.lower_ in ("in", "during", "by") and pobj(c) is not None
                         and self.lexicon.is_event_noun(noun_lemma(pobj(c))) for c in verb.children)
            return perfect or not placed or behind
        return False

    # -- nouns -------------------------------------------------------------------------------
    def _noun(self, noun: Token) -> Trigger | None:
        lemma, compound = noun_lemma(noun), compound_of(noun)
        lexicon = _Nouns(self.lexicon, compound)
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children) or self._hypothetical(noun):
            return None
        if noun.dep_ in ("compound", "amod", "nmod") and self.lexicon.is_event_noun(noun_lemma(noun.head)):
            return None  # 'drone' in 'drone strikes': the head names the event
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun_lemma(noun.head.head) in DURATIONS:
            return None  # "after weeks of drone strikes": a campaign, not one event
        if noun.tag_ in ("NNS", "NNPS") and any(c.lower_ in EARLIER for c in noun.children):
            return None  # "previous attacks in the area", "recent clashes": other, earlier events
        if noun.is_upper and len(noun) > 3 and noun.i + 1 < len(noun.doc) and "\n" in noun.nbor(1).text_with_ws + noun.whitespace_:
            return None  # a heading in capitals ('FUNDING')
        position = self._position(noun)
        head = position.head
        if position.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
            verb = self.verb_lemma(head)
            particle = child(head, "prt")
            for key in ([f"{verb} {particle.lower_}"] if particle is not None else []) + [verb]:
                if lexicon.names_verb(lemma, key):  # light verb: "launched an attack", "held talks"
                    return Trigger(noun, lexicon.noun(lemma, key), head, "light", noun, head)
                if key in GENERIC_LIGHT and position.dep_ == "dobj" and lexicon.carried_out(lemma) is not None:
                    return Trigger(noun, lexicon.carried_out(lemma), head, "light", noun, head)  # "mounted an ambush"
            if verb in PERCEPTION_VERBS and position.dep_ == "dobj":  # "observed six explosions"
                action = lexicon.noun(lemma, None)
                return Trigger(noun, action, head, "occurrence", noun, None) if action else None
        if position.dep_ in ("nsubj", "nsubjpass", "csubj") and head.pos_ in ("VERB", "AUX"):
            verb = self.verb_lemma(head)
            occurs = verb in OCCURRENCE_HEADS or (is_passive(head) and verb in PERCEPTION_VERBS) \
                or verb in CASUALTY_VERBS or verb in ("break", "take", "go")
            action = lexicon.noun(lemma, verb if not occurs else None) or lexicon.noun(lemma, None)
            if action is not None and (occurs or self.has_details(noun)):
                return Trigger(noun, action, head, "occurrence", noun, head if occurs else None)
            return None
        action = lexicon.noun(lemma, None)
        governor = position.head.head if position.dep_ == "pobj" else None
        if governor is not None and governor.pos_ == "VERB" and (
                (position.head.lower_ == "in" and self.verb_lemma(governor) in PARTICIPATE)
                or lexicon.names_verb(lemma, self.verb_lemma(governor))):  # "engaged in a firefight", "went on strike"
            light = lexicon.noun(lemma, self.verb_lemma(governor)) or action
            return Trigger(noun, light, governor, "light", noun, governor) if light else None
        if action is None:
            return None
        if position.dep_ == "pobj" and position.head.lower_ in ("in", "by", "during") \
                and self.verb_lemma(position.head.head) in CASUALTY_VERBS:
            return Trigger(noun, action, position.head.head, "casualty", noun, None)  # killed in an attack
        if self.has_details(noun) and lemma not in WEAPON_NOUNS:  # 'Turkish drones were credited': not an event
            anchor = self._clause_head(position)
            return Trigger(noun, action, anchor, "noun", noun, None)
        return None

    def _position(self, noun: Token) -> Token:
        """The token whose dependency says where the noun stands: 'a total of 6 explosions' -> total;
        'airstrikes and shelling hit' -> airstrikes."""
        token = noun
        for _ in range(3):
            if token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):
                token = token.head
            elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN" \
                    and noun_lemma(token.head.head) in QUANTITY_NOUNS:
                token = token.head.head
            elif token.dep_ == "nmod" and any(c.dep_ == "cc" for c in token.children) and token.head.pos_ == "NOUN":
                token = token.head  # "fired [tear gas and pepper] balls": a coordination parsed as a modifier
            elif token.dep_ == "appos" and token.head.pos_ == "NOUN" and token.head.dep_ in ("nsubj", "dobj"):
                token = token.head  # "artillery shelling hit": one phrase parsed as two
            else:
                break
        return token

    def _clause_head(self, token: Token) -> Token:
        for _ in range(8):
            if token.pos_ in ("VERB", "AUX") or token.head == token:
                return token
            token = token.head
        return token

    def _hypothetical(self, noun: Token) -> bool:
        """'the threat of attacks', 'to prevent clashes', 'fears of an offensive': not events."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in ("of", "for", "against") and noun_lemma(head.head) in \
                HYPOTHETICAL_HEADS:
            return True
        return noun.dep_ == "dobj" and head.lemma_.lower() in HYPOTHETICAL_VERBS

    def has_details(self, noun: Token) -> bool:
        """The noun names a party, a target, a date or a place of its own."""
        from .arguments import OF_TARGET_NOUNS

        if noun_lemma(noun) in OF_TARGET_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return True  # "the abduction of 20 students"
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "on", "against", "between", "targeting",
                                                                     "upon", "at", "near", "in", "outside")):
                return True
            if c.dep_ in ("amod", "compound") and (c.ent_type_ in ("NORP", "ORG", "GPE", "PERSON", "DATE")
                                                   or c.lower_.endswith("-led")):
                return True
            if c.dep_ == "acl" and c.lemma_.lower() in ("target", "hit", "launch", "carry", "claim"):
                return True
        if noun.tag_ in ("NNS", "NNPS") and not any(c.dep_ == "det" for c in noun.children):
            return False  # 'despite attacks', 'amid clashes': generic
        return any(t.ent_type_ in ("DATE", "TIME") for t in noun.subtree if t != noun)


def _nominal(token: Token) -> bool:
    """A noun, a gerund used as one, or an adjective the tagger gave a noun's place ('launched a
    counteroffensive', where 'counteroffensive' came out ADJ)."""
    if token.pos_ in ("NOUN", "PROPN") or _gerund(token):
        return True
    return token.pos_ == "ADJ" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and any(
        c.dep_ == "det" for c in token.children)


def _gerund(token: Token) -> bool:
    """'Fighting between X and Y raged', 'Shelling hit the town': a gerund the model tagged VERB, used as a noun."""
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "csubj", "dobj", "pobj") and not any(
        c.dep_ in ("dobj", "nsubj", "aux") for c in token.children)


def compound_of(noun: Token) -> str | None:
    """The lemma of the modifier just before a noun ('artillery' in 'artillery fire', 'sit' in
    'sit-in'), for two-word nouns."""
    i = noun.i - 1
    if i >= 0 and noun.doc[i].text in ("-", "–"):
        i -= 1
    if i < 0:
        return None
    before = noun.doc[i]
    return before.lemma_.lower() if before.head == noun and before.dep_ in ("compound", "amod", "nmod") else None


class _Nouns:
    """The lexicon's noun lookups with one noun's compound modifier bound."""

    def __init__(self, lexicon: Lexicon, compound: str | None):
        self.lexicon, self.compound = lexicon, compound

    def noun(self, lemma: str, verb: str | None = None) -> Action | None:
        return self.lexicon.noun(lemma, verb, compound=self.compound)

    def names_verb(self, lemma: str, verb: str) -> bool:
        return self.lexicon.names_verb(lemma, verb, compound=self.compound)

    def carried_out(self, lemma: str) -> Action | None:
        return self.lexicon.carried_out(lemma, compound=self.compound)
