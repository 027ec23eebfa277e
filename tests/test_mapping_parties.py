"""Events with several parties, actors of every script, and the extraction run, in RDF and JSON.

Issue 12: an event keeps all its parties (several ckg:actor / ckg:target values; the JSON gives
a joint label and each party), a non-Latin name keeps an IRI of its own, and each article graph
records which extractor (name, version) and language model produced its events (PROV).
"""
from __future__ import annotations

from datetime import date

from rdflib import RDF, Literal

from kg.mapping.iris import actor_iri
from kg.mapping.namespaces import CKG, PROV
from kg.mapping.to_rdf import frame_to_json, graph_from_frames
from kg.model import Actor, Article, EventFrame, Extraction, Place
from kg.pipeline import article_ntriples
from kg.store.validate import validate

TEXT = "Egyptian and Sudanese officials held talks with Chadian envoys in Cairo on Monday."
ARTICLE = Article(id="joint-talks", text=TEXT, published=date(2024, 3, 14))
EGYPT, SUDAN = Actor("Egyptian officials", "government", "EGY"), Actor("Sudanese officials", "government", "SDN")
CHAD, NIGER = Actor("Chadian envoys", "government", "TCD"), Actor("Nigerien envoys", "government", "NER")
RULES = Extraction("rules", "2.0.0", "en_core_web_sm 3.8.0")


def talks(**changes) -> EventFrame:
    fields = dict(article_id=ARTICLE.id, action="CONSULT", cameo="04", trigger="held talks", sentence=TEXT,
                  start=0, end=len(TEXT), trigger_start=31, actor=EGYPT, co_actors=(SUDAN,), target=CHAD,
                  co_targets=(NIGER,), place=Place("Cairo", 30.06, 31.25, 360630, "EGY", "city"),
                  date=date(2024, 3, 11), confidence=0.8)
    fields.update(changes)
    return EventFrame(**fields)


def test_mapping_parties_every_party_is_an_rdf_value():
    g = graph_from_frames([talks()], ARTICLE, extraction=RULES)
    event = next(g.subjects(RDF.type, CKG.Event))
    assert set(g.objects(event, CKG.actor)) == {actor_iri(EGYPT), actor_iri(SUDAN)}
    assert set(g.objects(event, CKG.target)) == {actor_iri(CHAD), actor_iri(NIGER)}
    for party in (EGYPT, SUDAN, CHAD, NIGER):
        assert g.value(actor_iri(party), CKG.country) == Literal(party.country)


def test_mapping_parties_json_has_a_joint_label_and_each_party():
    data = frame_to_json(talks())
    assert data["actor"]["label"] == "Egyptian officials and Sudanese officials"
    assert [p["label"] for p in data["actor"]["parties"]] == ["Egyptian officials", "Sudanese officials"]
    assert [p["iri"] for p in data["target"]["parties"]] == [str(actor_iri(CHAD)), str(actor_iri(NIGER))]
    single = frame_to_json(talks(co_actors=(), co_targets=()))
    assert single["actor"]["label"] == "Egyptian officials" and "parties" not in single["actor"]


def test_mapping_parties_graph_with_several_parties_passes_the_shapes():
    validate(graph_from_frames([talks()], ARTICLE, extraction=RULES))  # raises ValidationError if not


def test_mapping_parties_extraction_is_recorded_with_prov():
    text = article_ntriples(ARTICLE, [talks()], extraction=RULES)
    g = graph_from_frames([talks()], ARTICLE, extraction=RULES)
    run = next(g.subjects(RDF.type, CKG.Extraction))
    assert (next(g.subjects(RDF.type, CKG.Article)), PROV.wasGeneratedBy, run) in g
    assert (g.value(run, CKG.extractor), g.value(run, CKG.extractorVersion), g.value(run, CKG.languageModel)) == (
        Literal("rules"), Literal("2.0.0"), Literal("en_core_web_sm 3.8.0"))
    assert str(CKG.Extraction) in text
    other = graph_from_frames([talks()], ARTICLE, extraction=Extraction("rules", "2.1.0", "en_core_web_sm 3.8.0"))
    assert next(other.subjects(RDF.type, CKG.Extraction)) != run  # another version is another run


NON_LATIN = ["الجيش الوطني الليبي", "الجيش السوداني", "Збройні сили України", "Сухопутні війська", "中国人民解放军",
             "צבא ההגנה לישראל"]


def test_mapping_parties_non_latin_names_keep_their_own_iris():
    iris = [actor_iri(Actor(name, "state_force")) for name in NON_LATIN]
    assert len(set(iris)) == len(NON_LATIN)
    assert all(not str(iri).endswith("/actor/x") for iri in iris)
    assert str(actor_iri(Actor("Збройні сили України", "state_force"))).endswith("/actor/збройні-сили-україни")


def test_mapping_parties_non_latin_actor_round_trips_through_rdf():
    army = Actor("الجيش الوطني الليبي", "state_force", "LBY")
    g = graph_from_frames([talks(actor=army, co_actors=())], ARTICLE, extraction=RULES)
    event = next(g.subjects(RDF.type, CKG.Event))
    node = g.value(event, CKG.actor)
    assert node == actor_iri(army)
    assert str(g.value(node, next(p for p in g.predicates(node) if str(p).endswith("label")))) == army.label
