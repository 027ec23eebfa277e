"""The ACLED importer: the type scheme, column layouts, dates, actors, places, precision, the store."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from kg.errors import InputError
from kg.extract.dictionary import load_dictionary
from kg.importers.acled import ACLED_TYPES_FILE, acled_types, parse_acled_date, read_acled
from kg.importers.actors import acled_actor
from kg.importers.load import ACLED_TYPES_GRAPH, import_file
from kg.importers.records import dataset_iri
from kg.mapping.namespaces import PLOVER, PLOVER_TYPES

DATA = Path(__file__).parent / "data" / "import"
SCHEME = URIRef("https://w3id.org/conflict-kg/acled")
EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"}


@pytest.fixture(scope="module")
def scheme():
    return Graph().parse(ACLED_TYPES_FILE, format="turtle")


def read(name: str) -> tuple[dict, dict]:
    events, errors = {}, {}
    for _file, line, item in read_acled(DATA / name):
        (errors if isinstance(item, Exception) else events)[line] = item
    return events, errors


def test_import_acled_scheme_has_6_types_and_25_subtypes(scheme):
    tops = set(scheme.objects(SCHEME, SKOS.hasTopConcept))
    assert {str(scheme.value(t, SKOS.notation)) for t in tops} == EVENT_TYPES
    subs = {c for c in scheme.subjects(SKOS.inScheme, SCHEME)} - tops
    assert len(subs) == 25
    for concept in subs | tops:
        assert (concept, RDF.type, SKOS.Concept) in scheme
        assert scheme.value(concept, SKOS.prefLabel).language == "en"
        assert len(str(scheme.value(concept, SKOS.definition))) > 20
    for concept in subs:
        assert scheme.value(concept, SKOS.broader) in tops


def test_import_acled_scheme_maps_to_plover(scheme):
    plover = {PLOVER[t] for t in PLOVER_TYPES}
    unmapped = set()
    for concept in scheme.subjects(SKOS.inScheme, SCHEME):
        targets = [o for p in (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch) for o in scheme.objects(concept, p)]
        assert len(targets) <= 1 and set(targets) <= plover, concept
        if not targets:
            unmapped.add(str(scheme.value(concept, SKOS.notation)))
    assert unmapped == {"Strategic developments", "Other"}
    assert acled_types()["excessive force against protestors"] == acled_types()["excessive force against protesters"]


@pytest.mark.parametrize("text", ["2020-05-09", "9-May-20", "09 May 2020", "9 May 2020", "09-May-2020", "09-05-2020"])
def test_import_acled_date_formats(text):
    assert parse_acled_date(text) == date(2020, 5, 9)


@pytest.mark.parametrize(("name", "label"), [
    ("Military Forces of Libya (2014-) Haftar Faction", "Libyan National Army"),
    ("Military Forces of Libya (2016-) Government of National Accord", "Government of National Accord"),
    ("Military Forces of Sudan (2019-)", "Sudanese Armed Forces"),
    ("Police Forces of Afghanistan (2014-)", "Afghan National Police"),
    ("Taliban", "Taliban"),
    ("QSD: Syrian Democratic Forces", "Syrian Democratic Forces"),
], ids=["faction-of-a-leader", "parenthesised-tail", "military-forces-of", "police-forces-of", "plain-name",
        "acronym-colon-name"])
def test_import_acled_actor_links_to_dictionary(name, label):
    actor = acled_actor(name, None, None, load_dictionary())
    assert actor.label == label and load_dictionary().get(label) == actor


def test_import_acled_unknown_actor_keeps_its_name_kind_and_country():
    actor = acled_actor("Asayish (Syria)", "8", "SYR", load_dictionary())
    assert (actor.label, actor.kind, actor.country, actor.generic) == ("Asayish (Syria)", "other", "SYR", False)
    group = acled_actor("Unidentified Armed Group (Libya)", "3", "LBY", load_dictionary())  # generic: one per country
    assert (group.label, group.kind, group.country, group.generic) == ("Unidentified Armed Group", "armed_group",
                                                                       "LBY", True)


def test_import_acled_current_layout():
    events, errors = read("acled-current.csv")
    assert len(events) == 4 and len(errors) == 2
    assert isinstance(errors[6], LookupError) and "Other" in str(errors[6])  # skipped: no PLOVER type
    assert isinstance(errors[7], ValueError) and "event_date" in str(errors[7])  # failed
    khartoum = events[2]
    assert (khartoum.action, khartoum.date, khartoum.fatalities) == ("ASSAULT", date(2023, 4, 15), 25)
    assert (khartoum.actor.label, khartoum.target.label) == ("Rapid Support Forces", "Sudanese Armed Forces")
    assert khartoum.place.geonames == 379252 and khartoum.place_precision == "town"
    assert khartoum.source_type == "https://w3id.org/conflict-kg/acled/ArmedClash"
    dispersed = events[4]
    assert (dispersed.action, dispersed.target, dispersed.date_precision) == ("PROTEST", None, "week")
    assert events[5].place_precision == "region" and events[5].place.geonames is None


def test_import_acled_old_layout_and_date_format():
    events, errors = read("acled-old.csv")
    assert not errors
    tarhuna, strike = events[2], events[3]
    assert (tarhuna.source_id, tarhuna.date, tarhuna.place.label) == ("LBY90101", date(2020, 6, 5), "Tarhuna")
    assert strike.date_precision == "month" and strike.fatalities is None and strike.target is None


def test_import_acled_missing_columns_is_an_input_error(tmp_path):
    path = tmp_path / "not-acled.csv"
    path.write_text("id,date,what\n1,2020-01-01,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        list(read_acled(path))


def test_import_acled_into_store_is_idempotent(store):
    first = import_file(store, "acled", DATA / "acled-current.csv")
    assert (first.rows, first.imported, sum(first.skipped.values()), len(first.failed)) == (6, 4, 1, 1)
    graph = dataset_iri("acled", "acled-current.csv")
    assert graph in store.graphs() and ACLED_TYPES_GRAPH in store.graphs()
    before = store.triple_count()
    again = import_file(store, "acled", DATA / "acled-current.csv")
    assert again.imported == 4 and store.triple_count() == before


def test_import_acled_same_event_in_two_files_is_stored_once(store, tmp_path):
    import_file(store, "acled", DATA / "acled-current.csv")
    copy = tmp_path / "copy.csv"
    with open(DATA / "acled-current.csv", newline="", encoding="utf-8") as src:
        rows = list(csv.DictReader(src))
    with open(copy, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:2])
    summary = import_file(store, "acled", copy)
    assert (summary.imported, summary.duplicates) == (0, 2)
    assert dataset_iri("acled", "copy.csv") not in store.graphs()
