"""Precision as data: vague counts, fatalities read from sentences, and their RDF on extracted events."""
from __future__ import annotations

from datetime import date

import pytest
import spacy
from rdflib import Literal
from spacy.tokens import Doc

from kg.extract.fatalities import fatalities_in
from kg.mapping.iris import event_iri
from kg.mapping.to_rdf import graph_from_frames
from kg.mapping.namespaces import CKG
from kg.model import Article, EventFrame, Place
from kg.precision import parse_count, place_precision


@pytest.mark.parametrize(("text", "count"), [
    ("eight", 8), ("12", 12), ("at least 25", 25), ("more than 100", 100), ("nearly a hundred", 100),
    ("1,200", 1200), ("twenty-one", 21), ("two dozen", 24), ("a dozen", 12), ("dozens", 12), ("scores", 20),
    ("hundreds", 100), ("thousands", 1000), ("tens", 10), ("several", 3), ("a few", 3), ("many", 3),
    ("a couple", 2), ("one hundred and five", 105), ("as many as 40", 40), ("soldiers", None), ("", None),
], ids=lambda v: str(v))
def test_precision_parse_count(text, count):
    assert parse_count(text) == count


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def doc(vocab, words, heads, deps, lemmas, tags=None):
    return Doc(vocab, words=words, heads=heads, deps=deps, lemmas=lemmas, tags=tags or ["NN"] * len(words))


HAND_BUILT = [
    # "killed eight soldiers and two civilians": objects add up
    ("object-with-conjunct", ["Gunmen", "killed", "eight", "soldiers", "and", "two", "civilians"],
     [1, 1, 3, 1, 3, 6, 3], ["nsubj", "ROOT", "nummod", "dobj", "cc", "nummod", "conj"],
     ["gunman", "kill", "eight", "soldier", "and", "two", "civilian"],
     ["NNS", "VBD", "CD", "NNS", "CC", "CD", "NNS"], 10),
    # "Dozens were killed": the passive subject is the vague count
    ("passive-vague", ["Dozens", "were", "killed"], [2, 2, 2], ["nsubjpass", "auxpass", "ROOT"],
     ["dozen", "be", "kill"], ["NNS", "VBD", "VBN"], 12),
    # "Five people died"
    ("intransitive-die", ["Five", "people", "died"], [1, 2, 2], ["nummod", "nsubj", "ROOT"], ["five", "people", "die"],
     ["CD", "NNS", "VBD"], 5),
    # "No one was killed": zero, not unknown
    ("no-one", ["No", "one", "was", "killed"], [1, 3, 3, 3], ["det", "nsubjpass", "auxpass", "ROOT"],
     ["no", "one", "be", "kill"], ["DT", "NN", "VBD", "VBN"], 0),
    # "Shells wounded 14 people": the wounded are not counted
    ("wounded-not-dead", ["Shells", "wounded", "14", "people"], [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "dobj"],
     ["shell", "wound", "14", "people"], ["NNS", "VBD", "CD", "NNS"], None),
    # "Civilians were killed": a plural without a number is not a count
    ("plural-without-number", ["Civilians", "were", "killed"], [2, 2, 2], ["nsubjpass", "auxpass", "ROOT"],
     ["civilian", "be", "kill"], ["NNS", "VBD", "VBN"], None),
]


@pytest.mark.parametrize(("words", "heads", "deps", "lemmas", "tags", "count"), [c[1:] for c in HAND_BUILT],
                         ids=[c[0] for c in HAND_BUILT])
def test_precision_fatalities_hand_built(vocab, words, heads, deps, lemmas, tags, count):
    assert fatalities_in(doc(vocab, words, heads, deps, lemmas, tags)[:]) == count


@pytest.mark.parametrize(("sentence", "count"), [
    ("The Rapid Support Forces attacked the army in Khartoum on Saturday, killing at least 25 people.", 25),
    ("Dozens of people were killed in the fighting, doctors said.", 12),
    ("The attack left 12 dead.", 12),
    ("The death toll rose to 30 on Monday.", 30),
    ("Gunmen shot dead a police officer in Kabul.", 1),
    ("A civilian was killed and 20 were wounded.", 1),
    ("Militias shelled the airport on Monday.", None),
], ids=["killing-at-least", "dozens-passive", "left-dead", "death-toll", "shot-dead", "wounded-ignored", "none"])
def test_precision_fatalities_real_text(nlp, sentence, count):
    assert fatalities_in(next(nlp(sentence).sents)) == count


def test_precision_on_extracted_events():
    text = "Militias shelled Mitiga airport on Monday, killing three people."
    place = Place("Mitiga International Airport", 32.894, 13.276, None, "LBY", "airport", feature_id=None)
    frame = EventFrame("t", "ASSAULT", "19", "shelled", text, 0, len(text), 9, place=place, date=date(2019, 4, 8),
                       fatalities=3)
    g = graph_from_frames([frame], Article("t", text, date(2019, 4, 9)))
    ev = event_iri(frame)
    assert (g.value(ev, CKG.source), g.value(ev, CKG.datePrecision), g.value(ev, CKG.placePrecision),
            g.value(ev, CKG.fatalities)) == (Literal("extracted"), Literal("day"), Literal("exact"), Literal(3))
    undated = EventFrame("t", "ASSAULT", "19", "shelled", text, 0, len(text), 9)
    g = graph_from_frames([undated], Article("t", text, date(2019, 4, 9)))
    assert g.value(event_iri(undated), CKG.datePrecision) is None
    assert g.value(event_iri(undated), CKG.fatalities) is None


@pytest.mark.parametrize(("feature", "precision"), [("district", "exact"), ("city", "town"), ("province", "region"),
                                                    ("country", "country"), (None, None)], ids=str)
def test_precision_of_gazetteer_features(feature, precision):
    assert place_precision(feature) == precision
