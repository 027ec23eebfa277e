"""The example queries of the /sparql query page (each runs on a store of the seeds: `tests/test_docs_examples.py`)."""
from __future__ import annotations

from ..facets import AGREEMENT_QUERY

__all__ = ["EXAMPLE_QUERIES"]

_EXAMPLE_PREFIXES = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX plover: <https://w3id.org/conflict-kg/plover/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""

EXAMPLE_QUERIES: list[tuple[str, str]] = [(title, _EXAMPLE_PREFIXES + text) for title, text in [
    ("Events of an actor", """
SELECT DISTINCT ?date ?type ?targetName ?placeName ?sentence WHERE {
  ?actor rdfs:label "Libyan National Army" .
  ?e ckg:actor ?actor ; ckg:action ?type ; ckg:evidence ?sentence .
  OPTIONAL { ?e ckg:date ?date }
  OPTIONAL { ?e ckg:target ?target . ?target rdfs:label ?targetName }
  OPTIONAL { ?e ckg:place ?place . ?place rdfs:label ?placeName }
} ORDER BY ?date
"""),
    ("Actors linked through events", """
SELECT ?otherName (COUNT(DISTINCT ?e) AS ?events) WHERE {
  ?a rdfs:label "Khalifa Haftar" .
  { ?e ckg:actor ?a ; ckg:target ?other } UNION { ?e ckg:target ?a ; ckg:actor ?other }
  ?other rdfs:label ?otherName .
} GROUP BY ?otherName ORDER BY DESC(?events)
"""),
    ("Events by type per month", """
SELECT ?month ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e ckg:action ?type ; ckg:date ?d .
  BIND(SUBSTR(STR(?d), 1, 7) AS ?month)
} GROUP BY ?month ?type ORDER BY ?month ?type
"""),
    ("Events near a place (lat/long box around Tripoli)", """
SELECT DISTINCT ?placeName ?date ?type ?sentence WHERE {
  ?p wgs84:lat ?lat ; wgs84:long ?lon .
  FILTER(?lat > 32.4 && ?lat < 33.4 && ?lon > 12.7 && ?lon < 13.7)
  ?p rdfs:label ?placeName .
  ?e ckg:place ?p ; ckg:action ?type ; ckg:evidence ?sentence .
  OPTIONAL { ?e ckg:date ?date }
} ORDER BY ?date
"""),
    ("Events in a region and every place inside it (the place hierarchy)", """
SELECT DISTINCT ?regionName ?placeName ?date ?type WHERE {
  ?region skos:altLabel "Tripoli" ; rdfs:label ?regionName .
  ?e ckg:place ?place ; ckg:action ?type .
  ?place geo:sfWithin? ?region ; rdfs:label ?placeName .
  OPTIONAL { ?e ckg:date ?date }
} ORDER BY ?date ?placeName
"""),
    ("The evidence for an event", """
SELECT DISTINCT ?e ?sentence ?start ?end ?article ?confidence WHERE {
  ?e a ckg:Event ; ckg:evidence ?sentence ; ckg:charStart ?start ; ckg:charEnd ?end ;
     ckg:reportedIn ?article ; ckg:confidence ?confidence .
} LIMIT 5
"""),
    ("Event reports by source and date precision", """
SELECT ?source ?datePrecision (COUNT(DISTINCT ?e) AS ?n) WHERE {
  GRAPH ?g { ?e a ckg:Event . OPTIONAL { ?e ckg:source ?s } OPTIONAL { ?e ckg:datePrecision ?dp } }
  BIND(COALESCE(?s, "extracted") AS ?source) BIND(COALESCE(?dp, "unknown") AS ?datePrecision)
} GROUP BY ?source ?datePrecision ORDER BY ?source ?datePrecision
"""),
    ("Where extracted events agree with ACLED or GDELT", "\n" + AGREEMENT_QUERY.split("\n\n", 1)[1] + "\n"),
]]
