"""The SPARQL 1.1 Service Description of /sparql, as RDF in any of the graph formats."""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

__all__ = ["service_description"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld"}


def service_description(endpoint: str, fmt: str = "turtle", *, update: bool = False) -> bytes:
    """Describe the endpoint: languages, result formats, features and its default dataset.

    >>> b"sd:endpoint <http://127.0.0.1/sparql>" in service_description("http://127.0.0.1/sparql")
    True
    """
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if update:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    dataset, default = BNode(), BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
           Literal("conflict-kg: conflict events from news articles, one named graph per article and one "
                   "per actor and place; the default graph is the union of all named graphs, unless FROM / "
                   "FROM NAMED or default-graph-uri / named-graph-uri name the dataset. SERVICE is not supported.")))
    return g.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8")
