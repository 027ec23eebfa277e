"""Imported events as RDF: IRIs, the dataset node, and the SHACL shapes for imported reports."""
from __future__ import annotations

from datetime import date

import pyshacl
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV

from kg.importers.records import ImportedEvent, graph_from_records, imported_event_iri
from kg.mapping.namespaces import CKG
from kg.model import Actor, Place
from kg.store.validate import ontology_graph, shapes_graph

EVENT = URIRef(imported_event_iri("acled", "SDN1"))
RECORD = ImportedEvent(
    source="acled", source_id="SDN1", action="ASSAULT", date=date(2023, 4, 15), date_precision="day",
    actor=Actor("Rapid Support Forces", "armed_group", "SDN"),
    target=Actor("Sudanese Armed Forces", "state_force", "SDN"),
    place=Place("Khartoum", 15.55177, 32.53241, 379252, "SDN", "city"), place_precision="town", fatalities=25,
    notes="A test row.", source_type="https://w3id.org/conflict-kg/acled/ArmedClash")


def check(graph):
    conforms, results, report = pyshacl.validate(graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                                 inference="none", advanced=True)
    return conforms, report


@pytest.fixture
def graph():
    return graph_from_records([RECORD], source="acled", name="test.csv")


def test_import_records_graph_conforms(graph):
    conforms, report = check(graph)
    assert conforms, report
    assert graph.value(EVENT, CKG.source) == Literal("acled")
    assert graph.value(EVENT, CKG.fatalities) == Literal(25)
    assert graph.value(EVENT, CKG.placePrecision) == Literal("town")
    assert graph.value(EVENT, CKG.reportedIn) is None and graph.value(EVENT, CKG.trigger) is None


BROKEN = [
    ("no-dataset", lambda g: g.remove((EVENT, PROV.wasDerivedFrom, None)), "prov:wasDerivedFrom"),
    ("source-extracted", lambda g: g.set((EVENT, CKG.source, Literal("extracted"))), "'acled' or 'gdelt'"),
    ("week-ish-precision", lambda g: g.set((EVENT, CKG.datePrecision, Literal("fortnight"))), "datePrecision"),
    ("negative-fatalities", lambda g: g.set((EVENT, CKG.fatalities, Literal(-1))), "ckg:fatalities"),
    ("place-precision-street", lambda g: g.set((EVENT, CKG.placePrecision, Literal("street"))), "placePrecision"),
    ("half-text-provenance", lambda g: g.set((EVENT, CKG.trigger, Literal("attacked"))), "ckg:reportedIn"),
]


@pytest.mark.parametrize(("mutate", "message"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_import_records_shapes_reject(graph, mutate, message):
    mutate(graph)
    conforms, report = check(graph)
    assert not conforms and message in report


def test_import_records_event_iri_is_per_dataset_id():
    assert imported_event_iri("gdelt", "1100000001").endswith("/event/gdelt-1100000001")
    assert imported_event_iri("acled", "LBY 1") == imported_event_iri("acled", "lby-1")
