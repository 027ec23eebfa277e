"""Event nouns as triggers: under a light verb ("staged a protest", "conducted a raid"), as the
subject of an occurrence verb ("clashes erupted", "shells fell"), as what was reported or
observed ("observed six explosions"), or anywhere with details of their own ("an attack by X on
Y", "under cover of Russian airstrikes").
"""
from __future__ import annotations

from spacy.tokens import Token

from .groups import noun_lemma
from .lexicon import OCCURRENCE_HEADS, Action, Lexicon
from .syntax import child, is_passive
from .roles import OF_TARGET_NOUNS
from .trigger import CASUALTY_VERBS, PERCEPTION_VERBS, Trigger

__all__ = ["NounTriggers", "nominal", "gerund", "compound_of"]

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
                           "perform", "unleash", "initiate", "intensify", "escalate", "step up", "resume"})
DURATIONS = frozenset({"week", "month", "year", "day", "decade", "hour", "night", "season", "period", "series",
                       "string", "campaign", "history", "years"})
PARTICIPATE = frozenset({"engage", "participate", "join", "involve", "take", "partake"})


class NounTriggers:
    """The noun half of `triggers.TriggerFinder` (it needs `lexicon`, `ctx` and `verb_lemma`)."""

    def _noun(self, noun: Token) -> Trigger | None:
        lemma, compound = noun_lemma(noun), compound_of(noun, self.lexicon)
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
            if action is None and occurs and (self.has_details(noun) or is_passive(head)):
                action = lexicon.carried_out(lemma)  # "the detention of five journalists by the junta was reported"
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
            elif token.dep_ == "nmod" and token.i + 1 < len(token.doc) and token.nbor(1).text == "/" \
                    and token.head.pos_ == "NOUN":
                token = token.head  # "16 explosions/bursts of fire": alternatives stand where the last one does
            elif token.dep_ == "amod" and token.pos_ == "ADJ" and token.head.pos_ == "PROPN":
                token = token.head  # "a counteroffensive dubbed 'Volcano of Anger'": the named operation
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


def nominal(token: Token) -> bool:
    """A noun, a gerund used as one, or an adjective the tagger gave a noun's place ('launched a
    counteroffensive', where 'counteroffensive' came out ADJ)."""
    if token.pos_ in ("NOUN", "PROPN") or gerund(token):
        return True
    if token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.pos_ == "PROPN" and token.i > 0 \
            and token.doc[token.i - 1].dep_ == "det":
        return True  # "announced a counteroffensive dubbed 'Volcano of Anger'": the operation's name is the head
    return token.pos_ == "ADJ" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and any(
        c.dep_ == "det" for c in token.children)


def gerund(token: Token) -> bool:
    """'Fighting between X and Y raged', 'Shelling hit the town': a gerund the model tagged VERB, used as a noun."""
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "csubj", "dobj", "pobj") and not any(
        c.dep_ in ("dobj", "nsubj", "aux") for c in token.children)


def compound_of(noun: Token, lexicon: Lexicon | None = None) -> str | None:
    """The lemma of the modifier just before a noun ('artillery' in 'artillery fire', 'sit' in
    'sit-in'), for two-word nouns; with `lexicon`, an earlier modifier that forms a two-word
    noun it knows wins ('joint' in 'joint military exercises')."""
    i = noun.i - 1
    if i >= 0 and noun.doc[i].text in ("-", "–"):
        i -= 1
    if i < 0:
        return None
    before = noun.doc[i]
    nearest = before.lemma_.lower() if before.head == noun and before.dep_ in ("compound", "amod", "nmod") else None
    if lexicon is not None and not (nearest and lexicon.has_compound(noun_lemma(noun), nearest)):
        known = next((c.lemma_.lower() for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")
                      and lexicon.has_compound(noun_lemma(noun), c.lemma_.lower())), None)
        return known or nearest
    return nearest


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
