"""Actors and places: dictionary, aliases, acronyms, transliteration, same IRI across articles."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dictionary import load_dictionary
from kg.extract.frames import Extractor
from kg.extract.gazetteer import load_gazetteer
from kg.extract.names import name_key
from kg.mapping.iris import actor_iri, place_iri
from kg.model import Article


@pytest.mark.parametrize("a,b", [("Misrata", "Misratah"), ("Qasr Bani Ghashir", "Qasr Bin Ghashir"),
                                 ("al-Zawiya", "Zawiya"), ("Tarhouna", "Tarhuna")])
def test_extract_entities_transliteration_keys(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("name,country", [("Misrata", "LBY"), ("Zawiya", "LBY"), ("Qasr Bani Ghashir", "LBY"),
                                          ("Nafusa mountains", "LBY"), ("Kunduz", "AFG")])
def test_extract_entities_gazetteer_geocodes(name, country):
    place = load_gazetteer().resolve(name, ("LBY",))
    assert place is not None and place.country == country and place.lat is not None


def test_extract_entities_acronym_and_alias():
    d = load_dictionary()
    assert d.lookup("LNA").label == d.lookup("Libyan National Army").label
    assert d.lookup("lna") is None  # acronyms only in capitals
    assert d.lookup("Hifter").label == "Khalifa Haftar"
    assert d.demonym("Libyan") == ("LBY", "Libya")


@pytest.fixture(scope="module")
def extract(nlp):
    extractor = Extractor()

    def run(text, article_id="e"):
        return extractor.frames(nlp(text), Article(id=article_id, text=text, published=date(2020, 1, 8)))

    return run


def test_extract_entities_same_actor_same_iri_across_articles(extract):
    one = extract("The LNA shelled Tripoli on Monday.", "one")
    two = extract("The Libyan National Army attacked Misrata on Tuesday.", "two")
    assert one and two and actor_iri(one[0].actor) == actor_iri(two[0].actor)


def test_extract_entities_group_form_of_place(extract):
    frame = extract("Militias from Misrata attacked an LNA convoy near Sirte on Monday.")[0]
    assert frame.actor.label == "Misrata militias" and frame.actor.country == "LBY"


def test_extract_entities_definite_description(extract):
    frames = extract("The Taliban attacked a checkpoint in Kunduz on Monday. "
                     "The insurgents captured six soldiers on Tuesday.")
    assert [f.actor.label for f in frames] == ["Taliban", "Taliban"]


def test_extract_entities_place_iri_by_geonames(extract):
    frame = extract("Russian jets bombed Misrata on Monday.")[0]
    assert frame.place.geonames and str(place_iri(frame.place)).endswith(f"geonames-{frame.place.geonames}")


def test_extract_entities_coordinated_targets(extract):
    frames = extract("Merkel held talks with Sarraj and Haftar on Sunday.")
    assert sorted(f.target.label for f in frames) == ["Fayez al-Sarraj", "Khalifa Haftar"]


def test_extract_entities_joint_actor(extract):
    """A joint act keeps each party (one ckg:actor each) and a joint label in `kg extract` JSON."""
    from kg.mapping.to_rdf import frame_to_json

    frame = extract("Turkey and Russia called on the Libyan parties to halt fighting on Wednesday.")[0]
    assert [a.label for a in frame.actors] == ["Turkey", "Russia"]
    data = frame_to_json(frame)["actor"]
    assert data["label"] == "Turkey and Russia" and [p["label"] for p in data["parties"]] == ["Turkey", "Russia"]


@pytest.mark.parametrize("text,label", [
    ("Pro-government militias attacked the village of Kolo on Monday.", "Pro-government militias"),
    ("Anti-government protesters marched in Lome on Monday.", "Anti-government protesters"),
    ("An unidentified armed group attacked a checkpoint near Djibo on Monday.", "Unidentified armed group"),
    ("An armed group attacked a checkpoint near Djibo on Monday.", "Armed group"),
])
def test_extract_entities_stance_and_vague_armed_labels(extract, text, label):
    """'pro - government' is tokenised apart: the label keeps the stance (not 'Government militias',
    which says the opposite); an armed group no name qualifies is ACLED's 'Unidentified armed group'."""
    actors = [f.actor.label for f in extract(text) if f.actor is not None]
    assert actors == [label]


def test_extract_entities_surname_mis_tagged_as_place(extract):
    text = ("Police spokesman Rahim Shah Noori said the attack killed five. No one has claimed "
            "responsibility, though Noori blamed the Taliban.")
    accuse = [f for f in extract(text) if f.action == "ACCUSE"]
    assert [f.actor.label for f in accuse] == ["Rahim Shah Noori"]


def test_section_headers_are_no_part_of_a_sentence(nlp):
    """A briefs column's headers in capitals ('GEDO', 'LOWER SHABELLE') are masked like a
    dateline: no header becomes an actor or joins the first sentence of its section."""
    from kg.extract.dateline import mask_dateline

    text = ("KISMAYO\nAl-Shabaab fighters fired mortar shells at an army base on Tuesday, officials said.\n\n"
            "LOWER JUBA\nSoldiers arrested five suspects in Afmadow on Monday.\n")
    masked = mask_dateline(text)
    assert len(masked) == len(text) and "KISMAYO" not in masked and "LOWER JUBA" not in masked
    frames = Extractor().frames(nlp(masked), Article(id="h", text=text, published=date(2024, 3, 14)))
    assert frames and all(f.actor is None or f.actor.label.upper() not in ("KISMAYO", "LOWER JUBA") for f in frames)
    assert all(not f.sentence.startswith(("KISMAYO", "LOWER JUBA")) for f in frames), [f.sentence for f in frames]


def test_paragraph_labels_are_no_actors(nlp):
    """A briefs item's country label ('Burundi: On 1 March, ...') is a sentence of its own: the
    country is not the actor of the item's first act."""
    from kg.extract.dateline import mask_dateline

    text = ("Weekly brief.\n\nMalawi: On 4 March, unidentified men beat two traders in Mzuzu.\n\n"
            "Zambia: On 5 March, police arrested three opposition activists in Kasama.\n")
    masked = mask_dateline(text)
    assert len(masked) == len(text) and "Malawi." in masked and "Zambia." in masked
    frames = Extractor().frames(nlp(masked), Article(id="l", text=text, published=date(2024, 3, 14)))
    assert {f.action for f in frames} >= {"ASSAULT", "COERCE"}
    assert all(f.actor is None or f.actor.label not in ("Malawi", "Zambia") for f in frames), \
        [(f.action, f.actor) for f in frames]
