"""The annotation guidelines' rules about what to code once, or not at all (pure functions).

A property destroyed in an attack is part of the attack; a tally, a habit or undated background
is not an event; a generic fight summarised by its participles is coded on the participles; a
definite re-mention ('the attack') names an event told before. See ../shared/devdata/GUIDELINES.md
for the conventions these implement.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..model import EventFrame
from .groups import noun_lemma
from .syntax import obj_class
from .trigger import Trigger

__all__ = ["within_sentence", "drop_summaries", "ongoing_description", "each_other", "reciprocal",
           "moves_own_forces", "definite", "running_total",
           "habitual", "in_relative_clause", "background", "newsroom", "in_the_fighting",
           "quoted", "standing", "another"]

GENERIC_FIGHT = frozenset({"fight", "battle", "clash", "engage"})


PROPERTY_ACTS = frozenset({"set", "burn", "torch", "destroy", "loot", "raze", "ransack", "damage", "seize", "steal",
                           "plunder", "vandalize", "vandalise"})


def within_sentence(frames: list[EventFrame]) -> list[EventFrame]:
    """What one sentence says once: property destroyed or seized in an attack is part of the
    attack ("stormed the village, setting homes on fire"), and one party's coercive acts against
    the same people on the same day are one event ("used tear gas ... and detained 11")."""
    assault = any(f.action == "ASSAULT" for f in frames)
    named = [f for f in frames if f.action == "ASSAULT" and (f.actors or f.targets)]
    out: list[EventFrame] = []
    for f in frames:
        nominal = any(c in f.evidence for c in ("noun trigger", "occurrence trigger", "casualty trigger"))
        if f.action == "ASSAULT" and nominal and not f.actors and not f.targets and any(
                n.date in (None, f.date) and (n.place is None or f.place is None or n.place == f.place)
                for n in named):
            continue  # "attacked a base, sparking a gun battle": the battle is the attack
        word = f.trigger.split()[0].lower()
        if f.action == "ASSAULT" and not f.actors and word.startswith(("kill", "wound", "injur", "hurt", "maim")) \
                and any(n is not f and n.actors and n.date in (None, f.date)
                        and (n.place is None or f.place is None or n.place == f.place) for n in named):
            continue  # "a policeman was killed when gunmen shot him": the dead are the attack's
        lemma = next((w for w in PROPERTY_ACTS if word.startswith(w[:4])), None)
        if f.action == "COERCE" and assault and lemma is not None:
            continue
        twin = next((i for i, o in enumerate(out) if o.action == f.action == "COERCE" and o.actors == f.actors
                     and f.actors and o.date == f.date and o.trigger_start != f.trigger_start
                     and (o.place is None or f.place is None or o.place == f.place)), None)
        if twin is not None:
            o = out[twin]
            out[twin] = replace(o, target=o.target or f.target, co_targets=o.co_targets or f.co_targets,
                                place=o.place or f.place)
            continue
        out.append(f)
    return out


def drop_summaries(triggers: list[Trigger]) -> list[Trigger]:
    """A generic fight verb elaborated by specific participles is coded on the participles."""
    keep = []
    for t in triggers:
        if t.form == "verb" and t.token.lemma_.lower() in GENERIC_FIGHT and any(
                o is not t and o.action.plover == "ASSAULT" and o.anchor.head == t.anchor
                and o.anchor.dep_ in ("advcl", "conj", "xcomp") and o.anchor.tag_ == "VBG" for o in triggers):
            continue
        keep.append(t)
    return keep


SYMMETRIC = frozenset({"clash", "fight", "battle", "skirmish", "exchange", "engage", "trade", "firefight",
                       "gunfight", "fighting", "shootout", "confrontation", "duel", "gunbattle"})


def reciprocal(trigger: Trigger) -> bool:
    """'the army and the RSF clashed', '... battled each other': each side is the other's target."""
    word = (trigger.noun or trigger.token).lemma_.lower()
    each = any(t.lower_ in ("other", "another") for c in trigger.anchor.children if c.dep_ in ("dobj", "prep")
               for t in c.subtree)
    return word in SYMMETRIC or each or trigger.token.lemma_.lower() in SYMMETRIC


def each_other(subject: Token | None, obj: Token | None) -> bool:
    """'each side accused the other', 'each camp blamed the other': the two sides, both ways."""
    return subject is not None and obj is not None and subject.lemma_.lower() in ("side", "party", "camp") \
        and any(c.lower_ == "each" for c in subject.children) and obj.lower_ == "other"


def moves_own_forces(token: Token) -> bool:
    """'ordered loyalist forces to prepare', 'deployed troops': the forces a mobilisation moves are its own."""
    return obj_class(token) == "troops"


def definite(noun: Token | None) -> bool:
    return noun is not None and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                                    for c in noun.children)


ORDINALS = frozenset({"second", "third", "fourth", "fifth"})
ANOTHER_WORDS = frozenset({"another", "new", "fresh", "separate", "similar", "further", "renewed"})


def another(noun: Token | None) -> bool:
    """'a second RSF strike', 'a similar attack the previous night', 'another raid': the text
    says this is not the happening told before."""
    if noun is None or noun.dep_ == "attr":  # "it was the third raid in a month": the one just told
        return False
    words = {c.lower_ for c in noun.children if c.dep_ in ("amod", "det", "advmod", "nummod")}
    return bool(words & ORDINALS) or (bool(words & ANOTHER_WORDS) and not definite(noun))  # not "the new offensive"


def _perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


WAR_NOUNS = frozenset({"fighting", "violence", "war", "conflict", "clash", "hostility", "unrest", "offensive",
                       "bombardment", "shelling", "campaign", "insurgency", "crisis", "attack"})


def running_total(trigger: Trigger) -> bool:
    """'The fighting has killed 270 people', '... have been killed so far': a count of a war's dead."""
    verb = trigger.support or trigger.anchor
    if verb is None or verb.lemma_.lower() not in ("kill", "wound", "injure", "displace", "claim", "leave"):
        return False
    if any(t.lower_ in ("far", "since", "total", "toll", "overall") for t in verb.subtree):
        return True
    noun = trigger.noun
    return (trigger.form == "occurrence" and _perfect(verb) and noun is not None
            and noun_lemma(noun) in WAR_NOUNS | {"fight"}
            and not any(c.dep_ == "prep" and c.lower_ in ("by", "on", "between") for c in noun.children))


DURATIONS = frozenset({"year", "month", "decade"})
MANY = frozenset({"several", "many", "numerous", "repeated", "frequent", "multiple", "countless"})
FREQUENCY = frozenset({"frequently", "often", "regularly", "routinely", "repeatedly", "usually", "typically",
                       "sometimes", "occasionally", "increasingly", "constantly", "habitually"})


INTENSIFY = frozenset({"step", "intensify", "escalate", "ramp", "increase", "continue", "redouble", "expand"})


DURATIVE = frozenset({"fight", "battle", "struggle", "resist", "wrestle"})  # acts that last, when told in the perfect


def habitual(trigger: Trigger) -> bool:
    """'frequently carry out attacks', 'has struck several checkpoints', 'has stepped up attacks':
    a repeated pattern or a campaign, not one event (the caller checks that no date is attached)."""
    verb = trigger.support or trigger.token
    if any(c.dep_ == "advmod" and c.lower_ in FREQUENCY for c in verb.children):
        return True
    if trigger.form == "light" and trigger.noun is not None and trigger.noun.tag_ in ("NNS", "NNPS") \
            and verb.lemma_.lower() in INTENSIFY:
        return True
    clause = trigger.anchor
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(t.lemma_.lower() in DURATIONS and t.tag_ == "NNS"
                                                          for t in c.subtree) for c in clause.children):
        return True  # "have been besieging Djibo for two years": a state that lasts
    if clause.dep_ == "xcomp" and clause.head.lemma_.lower() in ("continue", "keep"):
        return True  # "have continued to battle each other", "continues to carry out attacks": ongoing
    noun = trigger.noun
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and any(
            c.lower_ in MANY for c in noun.head.head.children):
        return True  # "has held several rounds of talks"
    if verb.pos_ != "VERB" or not (_perfect(verb) or any(c.dep_ == "aux" and c.lemma_ == "be" and verb.tag_ == "VBG"
                                                         for c in verb.children)):
        return False
    if verb.lemma_.lower() in DURATIVE and _perfect(verb) and not any(c.dep_ == "dobj" for c in verb.children):
        return True  # "Syrian forces have fought to open the highway": a struggle that lasts, not an event
    obj = trigger.noun if trigger.form == "light" else next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    return any(c.lower_ in MANY for c in obj.children)


def in_relative_clause(token: Token) -> bool:
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    temporal = any(c.dep_ == "advmod" and c.lower_ in ("when", "as") for c in token.children)
    return token.dep_ == "relcl" and not temporal  # "on Monday, when it captured Sirte" is dated


def ongoing_description(token: Token) -> bool:
    """'the region, where it is mounting an offensive', 'forces that are besieging the city': a
    relative clause in the present progressive describes a state of its head, not an event."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token.dep_ == "relcl" and token.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'re", "'s") for c in token.children)


def background(trigger: Trigger) -> bool:
    """Undated background by its form (the caller checks that no date is attached): 'Having seized
    the east, ...' (a perfect participle), 'killed since the start of the offensive' (the event
    is the reference point of 'since'), 'despite officials holding talks' (a concession)."""
    if any(c.dep_ == "aux" and c.lower_ == "having" for c in trigger.anchor.children):
        return True
    anchor = trigger.anchor
    if anchor.dep_ == "pcomp" and anchor.head.lower_ in ("despite", "amid") or (
            anchor.dep_ == "acl" and anchor.head.dep_ == "pobj" and anchor.head.head.lower_ in ("despite", "amid")):
        return True  # "despite (the group's officials) holding talks"
    token = trigger.noun
    for _ in range(4):
        if token is None or token.dep_ != "pobj":
            return False
        prep = token.head
        if prep.lower_ == "since":
            return True
        if prep.lower_ != "of" or prep.head.pos_ != "NOUN":
            return False
        token = prep.head  # "since the start of X's offensive"
    return False


NEWSROOM_OBJECTS = frozenset({"anonymity", "comment", "confidentiality"})
NEWSROOM_VERBS = frozenset({"comment", "elaborate", "speak", "talk", "discuss", "respond", "confirm"})


def newsroom(trigger: Trigger) -> bool:
    """'requested anonymity', 'declined to comment', 'refused to elaborate': how a source dealt
    with the reporter, not an act in the story."""
    verb = trigger.token
    if trigger.form != "verb":
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.lemma_.lower() in NEWSROOM_OBJECTS:
        return True
    clause = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    return clause is not None and clause.lemma_.lower() in NEWSROOM_VERBS and not any(
        c.dep_ in ("dobj", "prep") for c in clause.children)


def in_the_fighting(trigger: Trigger) -> bool:
    """'Hospitals were attacked and damaged in the fighting': a passive act with no agent, told as
    part of fighting reported elsewhere, is that fighting, not an event of its own."""
    verb = trigger.token
    if trigger.form != "verb" or not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) \
            or any(c.dep_ == "agent" for c in verb.children):
        return False
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "amid")]
    preps += [c for g in verb.conjuncts for c in g.children if c.dep_ == "prep" and c.lower_ in ("in", "during")]
    return any(t.dep_ == "pobj" and noun_lemma(t) in WAR_NOUNS | {"fight"} and any(
        d.dep_ == "det" and d.lower_ == "the" for d in t.children) for p in preps for t in p.children)


def quoted(text: str, token: Token) -> bool:
    """Inside a quotation: an odd number of quote marks stands before it in its sentence."""
    before = text[token.sent.start_char:token.idx]
    opening = sum(before.count(q) for q in "“«")
    closing = sum(before.count(q) for q in "”»")
    return opening > closing or before.count('"') % 2 == 1


RELATIONS = frozenset({"support", "back", "ally", "oppose", "side", "fund", "finance", "arm", "sponsor", "control",
                       "hold", "dominate", "govern", "run", "protect", "align", "favour", "favor", "recognise",
                       "recognize", "occupy"})


def standing(verb: Token) -> bool:
    """A relation stated in the present ('X backs Y', 'backing the opposition', 'is allied with'),
    which the guidelines do not code as an event."""
    if verb.lemma_.lower() not in RELATIONS:
        return False
    present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and not any(
        c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children))
    stative = verb.tag_ == "VBN" and (verb.dep_ in ("acl", "amod") or any(  # "forces allied to the Tripoli government"
        c.dep_ in ("auxpass", "aux") and c.lower_ in ("is", "are") for c in verb.children) or (
        verb.dep_ == "advcl" and not any(c.dep_ in ("auxpass", "aux") for c in verb.children)))
    # "Backed by Russian jets, the army retook the town", "police and soldiers backed by the MSS launched"
    dated = any(t.ent_type_ in ("DATE", "TIME") for c in verb.children for t in c.subtree)
    return (present or stative) and not dated
