"""A small in-memory store for examples and doctests: two articles about Libya, April 2019.

Article ``ap-libya-2019-04-07`` holds the ontology README's example (Zawiya militias
capture soldiers of the Libyan National Army) and two more events; article
``ckg-libya-2019-04-08`` links Khalifa Haftar, Antonio Guterres and the GNA.

>>> store = sample_store()
>>> len([g for g in store.graphs() if "/article/" in g])  # and a description graph per actor and place
2
"""
from __future__ import annotations

from rdflib import Dataset

from ..store import open_store

__all__ = ["SAMPLE_TRIG", "sample_store"]

SAMPLE_TRIG = """
@base <https://w3id.org/conflict-kg/id/> .
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix plover: <https://w3id.org/conflict-kg/plover/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<article/ap-libya-2019-04-07> {
  <article/ap-libya-2019-04-07> a ckg:Article ; ckg:published "2019-04-07"^^xsd:date .
  <event/e1> a ckg:Event ; ckg:action plover:COERCE ; ckg:reportedIn <article/ap-libya-2019-04-07> ;
      ckg:actor <actor/zawiya-militias> ; ckg:target <actor/libyan-national-army> ;
      ckg:place <place/geonames-2216885> ; ckg:date "2019-04-05"^^xsd:date ; ckg:confidence 0.85 ;
      ckg:evidence "More than 100 of Haftar’s soldiers were captured by Zawiya militias." .
  <event/e2> a ckg:Event ; ckg:action plover:ASSAULT ; ckg:reportedIn <article/ap-libya-2019-04-07> ;
      ckg:actor <actor/misrata-militias> ; ckg:target <actor/libyan-national-army> ;
      ckg:date "2019-04-05"^^xsd:date ; ckg:confidence 0.7 ;
      ckg:evidence "Misrata militias launched an airstrike targeting Haftar’s position." .
  <event/e3> a ckg:Event ; ckg:action plover:MOBILIZE ; ckg:reportedIn <article/ap-libya-2019-04-07> ;
      ckg:actor <actor/khalifa-haftar> ; ckg:place <place/geonames-2210247> ;
      ckg:date "2019-04-04"^^xsd:date ; ckg:confidence 0.8 ;
      ckg:evidence "Haftar ordered his forces to march on the capital." .
  <actor/zawiya-militias> a ckg:Actor ; rdfs:label "Zawiya militias" ; ckg:kind ckg:ArmedGroup ; ckg:country "LBY" .
  <actor/misrata-militias> a ckg:Actor ; rdfs:label "Misrata militias" ; ckg:kind ckg:ArmedGroup ; ckg:country "LBY" .
  <actor/libyan-national-army> a ckg:Actor ; rdfs:label "Libyan National Army" ;
      skos:altLabel "LNA", "Haftar’s forces" ; ckg:kind ckg:StateForce ; ckg:country "LBY" .
  <actor/khalifa-haftar> a ckg:Actor ; rdfs:label "Khalifa Haftar" ; skos:altLabel "Haftar" ;
      ckg:kind ckg:Person ; ckg:country "LBY" ; ckg:memberOf <actor/libyan-national-army> .
  <place/geonames-2216885> a ckg:Place ; rdfs:label "Zawiya" ; skos:altLabel "Az Zawiyah" ; ckg:country "LBY" .
  <place/geonames-2210247> a ckg:Place ; rdfs:label "Tripoli" ; ckg:country "LBY" .
}

<article/ckg-libya-2019-04-08> {
  <article/ckg-libya-2019-04-08> a ckg:Article ; ckg:published "2019-04-08"^^xsd:date .
  <event/e4> a ckg:Event ; ckg:action plover:CONSULT ; ckg:reportedIn <article/ckg-libya-2019-04-08> ;
      ckg:actor <actor/antonio-guterres> ; ckg:target <actor/khalifa-haftar> ;
      ckg:date "2019-04-05"^^xsd:date ; ckg:confidence 0.9 ;
      ckg:evidence "Guterres had met with Haftar in Benghazi on Friday." .
  <event/e5> a ckg:Event ; ckg:action plover:MOBILIZE ; ckg:reportedIn <article/ckg-libya-2019-04-08> ;
      ckg:actor <actor/government-of-national-accord> ; ckg:target <actor/libyan-national-army> ;
      ckg:place <place/geonames-2210247> ; ckg:date "2019-04-07"^^xsd:date ; ckg:confidence 0.75 ;
      ckg:evidence "The GNA announced a counter-offensive named Volcano of Rage." .
  <actor/antonio-guterres> a ckg:Actor ; rdfs:label "Antonio Guterres" ; skos:altLabel "Guterres" ;
      ckg:kind ckg:Person .
  <actor/khalifa-haftar> a ckg:Actor ; rdfs:label "Khalifa Haftar" ; skos:altLabel "Haftar" ;
      ckg:kind ckg:Person ; ckg:country "LBY" .
  <actor/government-of-national-accord> a ckg:Actor ; rdfs:label "Government of National Accord" ;
      skos:altLabel "GNA" ; ckg:kind ckg:Government ; ckg:country "LBY" .
  <actor/libyan-national-army> a ckg:Actor ; rdfs:label "Libyan National Army" ; skos:altLabel "LNA" ;
      ckg:kind ckg:StateForce ; ckg:country "LBY" .
  <place/geonames-2210247> a ckg:Place ; rdfs:label "Tripoli" ; ckg:country "LBY" .
}
"""


def sample_store():
    """An in-memory store holding `SAMPLE_TRIG`, one named graph per article."""
    dataset = Dataset()
    dataset.parse(data=SAMPLE_TRIG, format="trig")
    store = open_store(":memory:")
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph) and str(graph.identifier).startswith("https://"):
            store.put_article(str(graph.identifier), graph.serialize(format="nt"), "0" * 64)
    return store
