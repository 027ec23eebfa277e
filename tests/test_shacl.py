"""The compiled SHACL checker (kg/store/shacl.py) against pyshacl, on ontology/shapes.ttl.

Every constraint of every shape in shapes.ttl is broken in turn, from a graph that uses every
property the shapes name; the checker must report what pyshacl reports (focus node, path and
sh:message) and validate() must raise. The cases are read from shapes.ttl, so a new shape
is covered as soon as it is written (and one the checker cannot compile fails here).
"""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pyshacl
import pytest
from rdflib import RDF, SH, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.errors import ValidationError
from kg.mapping.namespaces import CKG
from kg.store import validate as validate_module
from kg.store.shacl import UnsupportedShapeError, compile_shapes
from kg.store.validate import compiled_shapes, shapes_graph, validate

# Every property the shapes name, on one node of each kind (`https://e.org/` nodes are fresh).
FULL_TURTLE = """
@base <https://w3id.org/conflict-kg/id/> .
@prefix ckg:    <https://w3id.org/conflict-kg/ontology#> .
@prefix cameo:  <https://w3id.org/conflict-kg/cameo/> .
@prefix geo:    <http://www.opengis.net/ont/geosparql#> .
@prefix plover: <https://w3id.org/conflict-kg/plover/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix wgs84:  <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .

<article/a> a ckg:Article ; ckg:sourceId "a" ; ckg:text "Rebels shelled an army post in Sirte." ;
    ckg:contentHash "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    ckg:published "2020-01-08"^^xsd:date ; ckg:title "Shelling" ; ckg:url "https://e.org/a"^^xsd:anyURI ;
    ckg:outlet "AP" ; ckg:dateline "SIRTE" ; prov:wasGeneratedBy <extraction/x> ;
    ckg:retrievedBy <article/a/retrieval> ; ckg:minhashBand "m1-0-0123456789abcdef" ;
    ckg:sameStoryAs <article/b> .

<article/a/retrieval> a ckg:Retrieval ; ckg:inputFormat "feed" ; ckg:sourceFile "pages/a.html" ;
    ckg:pageUrl "https://e.org/a"^^xsd:anyURI ; ckg:feed "https://e.org/rss" ;
    prov:endedAtTime "2020-01-08T09:30:00Z"^^xsd:dateTime .

<extraction/x> a ckg:Extraction ; ckg:extractor "rules" ; ckg:extractorVersion "2.0.0" ;
    ckg:languageModel "en_core_web_sm 3.8.0" .

<event/e> a ckg:Event ; ckg:action plover:ASSAULT ; ckg:cameo cameo:19 ; ckg:actor <actor/rebels> ;
    ckg:target <actor/army> ; ckg:place <place/sirte> ; ckg:date "2020-01-06"^^xsd:date ;
    ckg:evidence "Rebels shelled an army post in Sirte." ; ckg:charStart 0 ; ckg:charEnd 37 ;
    ckg:trigger "shelled" ; ckg:confidence 0.9 ; ckg:modality "asserted" ; ckg:reportedIn <article/a> ;
    ckg:source "extracted" ; ckg:datePrecision "day" ; ckg:placePrecision "town" ; ckg:fatalities 2 ;
    ckg:notes "A note." ; ckg:sourceUrl "https://e.org/a"^^xsd:anyURI ; ckg:sourceCode "X1" ;
    ckg:sourceType <https://e.org/ArmedClash> ; ckg:mentionCount 1 ; ckg:sourceCount 1 ;
    ckg:reportOf <happening/h> .

<event/i> a ckg:Event ; ckg:action plover:PROTEST ; ckg:sourceEventId "SDN1" ; ckg:source "acled" ;
    prov:wasDerivedFrom <dataset/acled/test.csv> .
<dataset/acled/test.csv> a ckg:Dataset ; rdfs:label "test.csv" ; ckg:source "acled" .

<happening/h> a ckg:Happening ; ckg:mentionCount 2 ; ckg:sourceCount 1 ; ckg:source "extracted" ;
    prov:wasDerivedFrom <article/a> ; ckg:fatalities 2 .

<actor/rebels> a ckg:Actor ; rdfs:label "Rebels" ; ckg:kind ckg:ArmedGroup ; ckg:country "LBY" ;
    ckg:memberOf <actor/army> ; ckg:leads <actor/army> ; ckg:commands <actor/army> .
<actor/army> a ckg:Actor ; rdfs:label "Army" ; ckg:kind ckg:StateForce .

<place/sirte> a ckg:Place ; rdfs:label "Sirte" ; ckg:geonamesId 2210554 ; ckg:country "LBY" ;
    wgs84:lat 31.20892 ; wgs84:long 16.58866 ; ckg:featureId "PPLA" ; geo:hasGeometry <place/sirte/geometry> ;
    geo:sfWithin <place/geonames-2215636> .
<place/geonames-2215636> a ckg:Place ; rdfs:label "Libya" ; ckg:country "LBY" .
<place/sirte/geometry> a geo:Geometry ; geo:asWKT "POINT(16.58866 31.20892)"^^geo:wktLiteral .
"""
FRESH = URIRef("https://e.org/fresh")


def full_graph() -> Graph:
    return Graph().parse(data=FULL_TURTLE, format="turtle")


def pyshacl_results(graph: Graph) -> set:
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=True,
                                            allow_warnings=True)
    found = {(results.value(r, SH.focusNode), results.value(r, SH.resultPath), str(results.value(r, SH.resultMessage)))
             for r in results.objects(None, SH.result)}
    assert conforms == (not found)
    return found


def our_results(graph: Graph) -> set:
    return {(v.focus, v.path, v.message) for v in compiled_shapes().check(graph)}


def _other(value):
    """A second value of the same kind (it may break other constraints too: both checkers must say so)."""
    if isinstance(value, URIRef):
        return URIRef(f"{value}-2")
    if isinstance(value.value, (int, Decimal)) and not isinstance(value.value, bool):
        return Literal(value.value + 1, datatype=value.datatype)
    if value.datatype == URIRef("http://www.w3.org/2001/XMLSchema#date"):
        return Literal(value.value + timedelta(days=1), datatype=value.datatype)
    return Literal(f"{value}2", datatype=value.datatype, lang=value.language)


def _breaking(kind, param, value, graph, focus):
    """A value (or None: no value) that breaks one constraint, given a value that meets it."""
    shapes = shapes_graph()
    if kind == SH.minCount:
        return []
    if kind == SH.maxCount:
        return [value, _other(value)]
    if kind in (SH["class"], SH["in"]):
        return [FRESH]
    if kind == SH.datatype:
        return [Literal(str(value), lang="en")]
    if kind == SH.nodeKind:
        return [Literal("x")] if param == SH.IRI else [FRESH]
    if kind in (SH.minLength, SH.pattern):
        return [URIRef("https://e.org/!")] if isinstance(value, URIRef) else [Literal("", datatype=value.datatype)]
    if kind in (SH.minInclusive, SH.maxInclusive):
        step = -1 if kind == SH.minInclusive else 1
        return [Literal(type(value.value)(param.value) + step, datatype=value.datatype)]
    if kind == SH.lessThan:
        return [graph.value(focus, param)]
    if kind == SH.node:
        return [FRESH]
    raise AssertionError(f"no case for {kind.n3(shapes.namespace_manager)}")


def cases():
    """(id, shape, constraint, parameter, property shape) for every constraint in shapes.ttl."""
    shapes, out = shapes_graph(), []
    for prop in sorted(set(shapes.objects(None, SH.property))):
        shape = next(shapes.subjects(SH.property, prop))
        for kind, param in sorted(shapes.predicate_objects(prop)):
            if kind in (SH.path, SH.message):
                continue
            path = shapes.value(prop, SH.path)
            name = f"{shape.n3(shapes.namespace_manager)}-{path.n3(shapes.namespace_manager)}-{kind.fragment}"
            out.append(pytest.param(shape, kind, param, prop, id=name))
    return out


def _focus(graph: Graph, shape) -> URIRef:
    """A node of FULL_TURTLE the shape applies to (the geometry for the sh:node-only shape)."""
    shapes = shapes_graph()
    for cls in shapes.objects(shape, SH.targetClass):
        return next(graph.subjects(RDF.type, cls))
    for path in shapes.objects(shape, SH.targetSubjectsOf):
        return next(graph.subjects(path, None))
    return next(graph.subjects(RDF.type, URIRef("http://www.opengis.net/ont/geosparql#Geometry")))


def test_shacl_shapes_ttl_compiles_completely():
    shapes, compiled = shapes_graph(), compiled_shapes()
    assert compiled is not None, "shapes.ttl uses SHACL kg/store/shacl.py does not implement"
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert {s.iri for s in compiled.shapes} == node_shapes | set(shapes.objects(None, SH.property))


def test_shacl_full_graph_conforms_and_names_every_path():
    graph, shapes = full_graph(), shapes_graph()
    assert pyshacl_results(graph) == set() and our_results(graph) == set()
    validate(graph)
    for prop in set(shapes.objects(None, SH.property)):
        shape = next(shapes.subjects(SH.property, prop))
        assert graph.value(_focus(graph, shape), shapes.value(prop, SH.path)) is not None, prop


@pytest.mark.parametrize(("shape", "kind", "param", "prop"), cases())
def test_shacl_every_constraint_is_caught_as_pyshacl_does(shape, kind, param, prop):
    graph, shapes = full_graph(), shapes_graph()
    focus, path = _focus(graph, shape), shapes.value(prop, SH.path)
    if kind == SH["in"]:
        param = list(Collection(shapes, param))
    values = _breaking(kind, param, graph.value(focus, path), graph, focus)
    graph.remove((focus, path, None))
    for value in values:
        graph.add((focus, path, value))
    expected = pyshacl_results(graph)
    targets = list(shapes.objects(shape, SH.targetSubjectsOf))
    if targets and not any(graph.value(focus, p) is not None for p in targets):  # no longer a focus node
        assert expected == our_results(graph) == set()
        return
    message = str(shapes.value(prop, SH.message))
    if shape == URIRef("https://w3id.org/conflict-kg/shapes#GeometryShape"):  # reported by the place's sh:node
        place = next(graph.subjects(URIRef("http://www.opengis.net/ont/geosparql#hasGeometry"), focus))
        message = str(shapes.value(next(shapes.subjects(SH.node, shape)), SH.message))
        focus, path = place, URIRef("http://www.opengis.net/ont/geosparql#hasGeometry")
    assert (focus, path, message) in expected
    assert our_results(graph) == expected
    with pytest.raises(ValidationError) as caught:
        validate(graph)
    assert "graph does not conform to the SHACL shapes" in str(caught.value) and message in caught.value.report


XSD_NS = "http://www.w3.org/2001/XMLSchema#"


def odd_values() -> list:
    """Values no shape wants (made on demand: rdflib logs each ill-typed literal it makes)."""
    return [Literal(""), Literal("x", lang="en"), Literal(-1), Literal(Decimal("1.5")), Literal(0.5),
            Literal("abc", datatype=URIRef(XSD_NS + "integer")),
            Literal("2020-13-45", datatype=URIRef(XSD_NS + "date")),
            Literal("POINT(1 2)"), Literal("acled"), Literal("gdelt"), Literal("LBY"), Literal(7), FRESH,
            URIRef("https://w3id.org/conflict-kg/cameo/21"), CKG.Actor, CKG.Place, CKG.Happening, CKG.Dataset,
            CKG.Article, CKG.Event, URIRef("https://e.org/SubActor")]


def _pools():
    graph, shapes = full_graph(), shapes_graph()
    subjects = sorted(set(graph.subjects())) + [FRESH]
    paths = sorted(set(shapes.objects(None, SH.path)) | set(shapes.objects(None, SH.targetSubjectsOf))
                   | {RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")})
    return subjects, paths, sorted(set(graph.objects()), key=str) + odd_values()


def test_shacl_random_edits_agree_with_pyshacl():
    """Any few edits of the full graph: the checker reports exactly what pyshacl reports."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    subjects, paths, values = _pools()
    edit = st.tuples(st.booleans(), st.sampled_from(subjects), st.sampled_from(paths), st.sampled_from(values))

    @settings(deadline=None, max_examples=150, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(edits=st.lists(edit, min_size=1, max_size=4))
    def check(edits):
        graph = full_graph()
        graph.add((URIRef("https://e.org/SubActor"), URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
                   CKG.Actor))
        for add, s, p, o in edits:
            graph.add((s, p, o)) if add else graph.remove((s, p, None))
        assert our_results(graph) == pyshacl_results(graph)

    check()


UNSUPPORTED = {
    "sh:or": "sh:property [ sh:path ex:p ; sh:or ( [ sh:datatype xsd:string ] [ sh:datatype xsd:integer ] ) ]",
    "path-expression": "sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ]",
    "inverse-path": "sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ]",
    "severity": "sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Warning ]",
    "sparql": 'sh:sparql [ sh:select "SELECT $this WHERE { }" ]',
    "closed": "sh:closed true",
    "targetNode": "sh:targetNode ex:x",
    "unknown-nodeKind": "sh:property [ sh:path ex:p ; sh:nodeKind ex:Odd ]",
    "no-path": "sh:property [ sh:minCount 1 ]",
}


@pytest.mark.parametrize("body", list(UNSUPPORTED.values()), ids=list(UNSUPPORTED))
def test_shacl_unsupported_shapes_are_refused(body):
    shapes = Graph().parse(format="turtle", data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://e.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; {body} .""")
    with pytest.raises(UnsupportedShapeError):
        compile_shapes(shapes)


def test_shacl_validate_error_names_the_violation_where_and_how_many():
    graph = full_graph()
    event = URIRef("https://w3id.org/conflict-kg/id/event/e")
    graph.set((event, CKG.confidence, Literal(Decimal("1.5"))))
    graph.remove((URIRef("https://w3id.org/conflict-kg/id/place/sirte/geometry"), None, None))
    with pytest.raises(ValidationError) as caught:
        validate(graph)
    message = str(caught.value)
    assert message.startswith("graph does not conform to the SHACL shapes: The ckg:confidence of an event must be")
    assert f"focus node <{event}>, path ckg:confidence, value " in message and "1.5" in message
    assert message.endswith("; and 1 more violation")
    report = caught.value.report
    assert "Results (2):" in report and "Message: The geo:hasGeometry of a place must be" in report
    assert "\tDetails:" in report and "A geometry needs exactly one geo:asWKT" in report


def test_shacl_validate_falls_back_to_pyshacl(monkeypatch):
    monkeypatch.setattr(validate_module, "compiled_shapes", lambda: None)
    graph = full_graph()
    validate(graph)
    graph.remove((URIRef("https://w3id.org/conflict-kg/id/event/e"), CKG.action, None))
    with pytest.raises(ValidationError, match="An event needs exactly one ckg:action"):
        validate(graph)
