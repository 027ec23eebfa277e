"""Tests of ontology/: the Turtle files, the closed namespaces, the SHACL shapes and the README."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD, Graph, Literal, URIRef

from kg.mapping.namespaces import (CAMEO, CKG, ID, KIND_IRIS, PLOVER, PLOVER_TYPES, PREFIXES, WGS84,
                                   bind_prefixes)
from kg.model import ACTOR_KINDS

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_IRI = URIRef("https://w3id.org/conflict-kg/ontology")
PLOVER_SCHEME = URIRef("https://w3id.org/conflict-kg/plover")
CAMEO_SCHEME = URIRef("https://w3id.org/conflict-kg/cameo")
TURTLE_FILES = ("ckg.ttl", "event-types.ttl", "shapes.ttl")

QUAD_GROUPS = {
    CKG.VerbalCooperation: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    CKG.MaterialCooperation: {"COOPERATE", "AID", "RETREAT"},
    CKG.VerbalConflict: {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
    CKG.MaterialConflict: {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
}

# One article with one event whose actor, target and place are all described:
# the smallest graph that exercises every shape.
VALID_TURTLE = """
@base <https://w3id.org/conflict-kg/id/> .
@prefix ckg:    <https://w3id.org/conflict-kg/ontology#> .
@prefix cameo:  <https://w3id.org/conflict-kg/cameo/> .
@prefix geo:    <http://www.opengis.net/ont/geosparql#> .
@prefix plover: <https://w3id.org/conflict-kg/plover/> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix wgs84:  <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .

<article/test-shelling> a ckg:Article ;
    ckg:sourceId "test-shelling" ;
    ckg:text "Rebels shelled an army post in Sirte on Monday." ;
    ckg:contentHash "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    ckg:published "2020-01-08"^^xsd:date ;
    ckg:outlet "AP" .

<event/00112233aabbccdd> a ckg:Event ;
    ckg:action plover:ASSAULT ;
    ckg:cameo cameo:19 ;
    ckg:actor <actor/rebels> ;
    ckg:target <actor/army> ;
    ckg:place <place/geonames-2210554> ;
    ckg:date "2020-01-06"^^xsd:date ;
    ckg:evidence "Rebels shelled an army post in Sirte on Monday." ;
    ckg:charStart 0 ;
    ckg:charEnd 47 ;
    ckg:trigger "shelled" ;
    ckg:confidence 0.9 ;
    ckg:modality "asserted" ;
    ckg:reportedIn <article/test-shelling> .

<actor/rebels> a ckg:Actor ; rdfs:label "Rebels" ; ckg:kind ckg:ArmedGroup .
<actor/army> a ckg:Actor ; rdfs:label "Army" ; ckg:kind ckg:StateForce ; ckg:country "LBY" .

<place/geonames-2210554> a ckg:Place ;
    rdfs:label "Sirte" ;
    ckg:geonamesId 2210554 ;
    ckg:country "LBY" ;
    wgs84:lat 31.20892 ;
    wgs84:long 16.58866 ;
    geo:hasGeometry <place/geonames-2210554/geometry> .
<place/geonames-2210554/geometry> a geo:Geometry ;
    geo:asWKT "POINT(16.58866 31.20892)"^^geo:wktLiteral .
"""
ARTICLE = ID["article/test-shelling"]
EVENT = ID["event/00112233aabbccdd"]
ACTOR = ID["actor/rebels"]
PLACE = ID["place/geonames-2210554"]


@pytest.fixture(scope="module")
def ckg_graph():
    return Graph().parse(ONTOLOGY / "ckg.ttl")


@pytest.fixture(scope="module")
def types_graph():
    return Graph().parse(ONTOLOGY / "event-types.ttl")


@pytest.fixture(scope="module")
def shapes_graph():
    return Graph().parse(ONTOLOGY / "shapes.ttl")


@pytest.fixture(scope="module")
def ont_graph(ckg_graph, types_graph):
    return ckg_graph + types_graph


@pytest.fixture
def valid_graph():
    return Graph().parse(data=VALID_TURTLE, format="turtle")


@pytest.fixture(scope="module")
def readme():
    return (ONTOLOGY / "README.md").read_text(encoding="utf-8")


def validate(data, shapes_graph, ont_graph):
    """Run pyshacl as the store does; return (conforms, {(result path, message), ...})."""
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph, ont_graph=ont_graph,
                                            inference="none", advanced=True)
    found = {(results.value(r, SH.resultPath), str(results.value(r, SH.resultMessage)))
             for r in results.subjects(RDF.type, SH.ValidationResult)}
    return conforms, found


def code_blocks(markdown, language):
    """The bodies of the fenced code blocks of one language in a Markdown text."""
    return re.findall(rf"^```{language}\n(.*?)^```", markdown, flags=re.S | re.M)


def ckg_terms(graph):
    """Local names of the ckg: IRIs that are subjects in `graph`."""
    prefix = str(CKG._NS)
    return {str(s)[len(prefix):] for s in graph.subjects() if str(s).startswith(prefix)}


@pytest.mark.parametrize("name", TURTLE_FILES, ids=TURTLE_FILES)
def test_ontology_files_parse_in_rdflib_and_oxigraph(name):
    path = ONTOLOGY / name
    triples = Graph().parse(path, format="turtle")
    quads = list(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) > 0
    assert len(quads) == len(triples)


def test_ontology_header_states_version_title_and_licence(ckg_graph):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ckg_graph
    assert ckg_graph.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ckg_graph.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert ckg_graph.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")


def test_ontology_terms_have_english_label_comment_and_definer(ckg_graph):
    for name in sorted(ckg_terms(ckg_graph)):
        term = URIRef(str(CKG._NS) + name)
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ckg_graph.objects(term, prop) if isinstance(o, Literal)}
            assert "en" in langs, f"ckg:{name} has no English {ckg_graph.qname(prop)}"
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ckg_graph, f"ckg:{name} lacks a definer"


def test_ontology_terms_equal_ckg_namespace(ckg_graph):
    in_turtle = ckg_terms(ckg_graph)
    in_python = {str(term)[len(str(CKG._NS)):] for term in dir(CKG)}
    assert in_turtle - in_python == set(), "terms of ckg.ttl missing from CKG"
    assert in_python - in_turtle == set(), "terms of CKG missing from ckg.ttl"


def test_ontology_namespaces_are_closed():
    with pytest.raises(AttributeError):
        CKG.reportdIn
    with pytest.raises(AttributeError):
        PLOVER.ATTACK


def test_ontology_actor_kinds_match_notations_and_model(ckg_graph):
    notations = {str(ckg_graph.value(kind, SKOS.notation)): kind
                 for kind in ckg_graph.subjects(RDF.type, CKG.ActorKind)}
    assert notations == KIND_IRIS
    assert set(KIND_IRIS) == set(ACTOR_KINDS)
    for kind in KIND_IRIS.values():
        assert (kind, SKOS.inScheme, CKG.ActorKinds) in ckg_graph


def test_ontology_plover_concepts_are_complete(types_graph):
    concepts = set(types_graph.subjects(SKOS.inScheme, PLOVER_SCHEME))
    assert concepts == {PLOVER[name] for name in PLOVER_TYPES} == set(dir(PLOVER))
    assert len(PLOVER_TYPES) == 16
    mappings = (SKOS.closeMatch, SKOS.narrowMatch, SKOS.broadMatch)
    for name in PLOVER_TYPES:
        concept = PLOVER[name]
        assert {CKG.EventType, SKOS.Concept} <= set(types_graph.objects(concept, RDF.type))
        assert (concept, SKOS.topConceptOf, PLOVER_SCHEME) in types_graph
        assert types_graph.value(concept, SKOS.notation) == Literal(name)
        assert types_graph.value(concept, SKOS.prefLabel).language == "en"
        assert len(str(types_graph.value(concept, SKOS.definition))) > 20
        assert types_graph.value(concept, CKG.quadClass) in QUAD_GROUPS
        roots = {str(root) for root in types_graph.objects(concept, CKG.cameoRoot)}
        assert roots and all(re.fullmatch(r"\d\d", root) for root in roots), name
        linked = {o for p in mappings for o in types_graph.objects(concept, p)}
        assert linked == {CAMEO[root] for root in roots}, name


@pytest.mark.parametrize("quad", list(QUAD_GROUPS), ids=[q.fragment for q in QUAD_GROUPS])
def test_ontology_quad_groups_are_plovers(types_graph, quad):
    members = {str(types_graph.value(c, SKOS.notation))
               for c in types_graph.subjects(CKG.quadClass, quad)}
    assert members == QUAD_GROUPS[quad]


def test_ontology_cameo_roots_are_complete(types_graph):
    codes = {f"{n:02d}" for n in range(1, 21)}
    assert set(types_graph.subjects(SKOS.inScheme, CAMEO_SCHEME)) == {CAMEO[c] for c in codes}
    for code in codes:
        assert (CAMEO[code], RDF.type, CKG.CameoCode) in types_graph
        assert types_graph.value(CAMEO[code], SKOS.notation) == Literal(code)
    assert types_graph.value(CAMEO["18"], SKOS.prefLabel) == Literal("Assault", lang="en")
    assert types_graph.value(CAMEO["20"], SKOS.prefLabel) == Literal(
        "Use unconventional mass violence", lang="en")


def test_ontology_bind_prefixes_binds_every_prefix():
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    assert {p: str(ns) for p, ns in PREFIXES.items()}.items() <= bound.items()
    assert bound["wgs84"] == str(WGS84) == "http://www.w3.org/2003/01/geo/wgs84_pos#"


def test_ontology_shapes_accept_valid_graph(valid_graph, shapes_graph, ont_graph):
    conforms, found = validate(valid_graph, shapes_graph, ont_graph)
    assert conforms, found


def _drop(subject, predicate):
    return lambda g: g.remove((subject, predicate, None))


def _set(subject, predicate, value):
    return lambda g: g.set((subject, predicate, value))


BROKEN = [
    ("event-without-reportedIn", _drop(EVENT, CKG.reportedIn), CKG.reportedIn,
     "exactly one ckg:reportedIn"),
    ("event-without-action", _drop(EVENT, CKG.action), CKG.action, "exactly one ckg:action"),
    ("action-not-plover", _set(EVENT, CKG.action, CAMEO["18"]), CKG.action, "16 PLOVER"),
    ("actor-without-kind", _drop(ACTOR, CKG.kind), CKG.kind, "exactly one ckg:kind"),
    ("confidence-1.5", _set(EVENT, CKG.confidence, Literal(Decimal("1.5"))), CKG.confidence,
     "from 0 to 1"),
    ("confidence-as-double", _set(EVENT, CKG.confidence, Literal(0.9)), CKG.confidence,
     "xsd:decimal"),
    ("article-without-contentHash", _drop(ARTICLE, CKG.contentHash), CKG.contentHash,
     "exactly one ckg:contentHash"),
    ("contentHash-not-hex", _set(ARTICLE, CKG.contentHash, Literal("abc")), CKG.contentHash,
     "64 lower-case hex"),
    ("place-lat-200", _set(PLACE, WGS84.lat, Literal(Decimal("200"))), WGS84.lat, "-90 to 90"),
    ("modality-unknown", _set(EVENT, CKG.modality, Literal("probable")), CKG.modality,
     "'asserted'"),
    ("charStart-after-charEnd", _set(EVENT, CKG.charStart, Literal(50)), CKG.charStart,
     "less than its ckg:charEnd"),
    ("country-not-alpha3", _set(ACTOR, CKG.country, Literal("Libya")), CKG.country,
     "alpha-3"),
]


@pytest.mark.parametrize(("mutate", "path", "message"), [case[1:] for case in BROKEN],
                         ids=[case[0] for case in BROKEN])
def test_ontology_shapes_reject_broken_graph(valid_graph, shapes_graph, ont_graph, mutate, path,
                                             message):
    mutate(valid_graph)
    conforms, found = validate(valid_graph, shapes_graph, ont_graph)
    assert not conforms
    assert {result_path for result_path, _ in found} == {path}, found
    assert any(message in text for _, text in found), found


def test_ontology_readme_example_conforms(readme, shapes_graph, ont_graph):
    (example,) = code_blocks(readme, "turtle")
    data = Graph().parse(data=example, format="turtle")
    conforms, found = validate(data, shapes_graph, ont_graph)
    assert conforms, found
    event = data.value(predicate=RDF.type, object=CKG.Event)
    assert data.value(event, CKG.date) == Literal("2019-04-05", datatype=XSD.date)


def test_ontology_readme_example_offsets_point_at_evidence(readme):
    data = Graph().parse(data=code_blocks(readme, "turtle")[0], format="turtle")
    for event in data.subjects(RDF.type, CKG.Event):
        text = str(data.value(data.value(event, CKG.reportedIn), CKG.text))
        start = data.value(event, CKG.charStart).toPython()
        end = data.value(event, CKG.charEnd).toPython()
        assert text[start:end] == str(data.value(event, CKG.evidence))
        assert str(data.value(event, CKG.trigger)) in text[start:end]


def test_ontology_readme_queries_run(readme, ont_graph):
    data = Graph().parse(data=code_blocks(readme, "turtle")[0], format="turtle")
    by_actor, per_type = code_blocks(readme, "sparql")[-2:]  # the "Example queries" (all run in test_docs_examples)
    rows = list(data.query(by_actor, initBindings={"actor": ID["actor/zawiya-militias"]}))
    assert [(str(r.role), str(r.other), r.action) for r in rows] == [
        ("actor", "Libyan National Army", PLOVER.COERCE)]
    rows = list(data.query(by_actor, initBindings={"actor": ID["actor/libyan-national-army"]}))
    assert [(str(r.role), str(r.other)) for r in rows] == [("target", "Zawiya militias")]
    rows = list((data + ont_graph).query(per_type))
    assert [(str(r.quad), str(r.type), int(r.events)) for r in rows] == [
        ("Material conflict", "COERCE", 1)]


def test_ontology_readme_lists_every_term(readme):
    missing = [f"ckg:{t}" for t in sorted(str(x)[len(str(CKG._NS)):] for x in dir(CKG))
               if f"`ckg:{t}`" not in readme]
    missing += [f"plover:{t}" for t in PLOVER_TYPES if f"`plover:{t}`" not in readme]
    assert missing == []
