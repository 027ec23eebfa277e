"""How the listings write SPARQL: one style, and the reads every listing shares.

Every query is an f-string of constant text. A value from outside the code (a user's, or an IRI
read back from the store) enters only through `values`: a VALUES block of checked terms
(`kg.sparql_text.term`), written where the query needs it (inside a group, so that the FILTERs
of that group see it); limits and offsets are ints. `select` adds the prefixes and runs it.
An event's own triples are matched inside ``GRAPH ?g { ... }`` (its article's or dataset's graph,
which keeps the queries fast); the actors and places are described once, in graphs of their own
(`kg.store.descriptions`), and are matched over the union of all graphs.
"""
from __future__ import annotations

from typing import Iterable

from rdflib.namespace import RDF, RDFS, SKOS

from ..mapping.namespaces import CKG, WGS84
from ..sparql_text import term
from ..store import Store

__all__ = ["ID", "PREFIXES", "values", "iri", "select", "describe", "TYPE", "LABEL", "ALT", "KIND", "COUNTRY",
           "MEMBER", "LEADS", "COMMANDS", "LAT", "LONG"]

ID = "https://w3id.org/conflict-kg/id/"
PREFIXES = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
TYPE, LABEL, ALT = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
KIND, COUNTRY, MEMBER = str(CKG.kind), str(CKG.country), str(CKG.memberOf)
LEADS, COMMANDS = str(CKG.leads), str(CKG.commands)
LAT, LONG = str(WGS84.lat), str(WGS84.long)


def iri(value: str) -> str:
    """An IRI as `values` takes it: ``<value>`` (checked there)."""
    return f"<{value}>"


def values(name: str, terms: Iterable[str]) -> str:
    """A VALUES block binding ``?name`` to each of `terms`: ``<iri>`` for an IRI (see `iri`), any other
    text as a string literal. No terms: the block matches no solution.

    >>> values("s", [iri("urn:a"), 'say "hi"'])
    'VALUES ?s { <urn:a> "say \\\\"hi\\\\"" }'
    >>> values("s", ["<x> } DROP ALL { <y>"])
    Traceback (most recent call last):
    ...
    ValueError: not a valid IRI: 'x> } DROP ALL { <y'
    """
    if not name.isidentifier():
        raise ValueError(f"not a variable name: {name!r}")
    return f"VALUES ?{name} {{ {' '.join(term(t) for t in terms)} }}"


def select(store: Store, text: str) -> list[dict]:
    """The rows of a SELECT written in the style above (the prefixes are added here)."""
    return store.select(PREFIXES + text)


def _property_union(props) -> str:
    """``{ GRAPH ?g { ?s <p> ?o } BIND(<p> AS ?p) } UNION …``: a constant predicate per branch lets
    pyoxigraph look up each bound subject (``?s ?p ?o`` with ``VALUES ?p`` scans every quad)."""
    return " UNION ".join(f"{{ GRAPH ?g {{ ?s {term(iri(p))} ?o }} BIND({term(iri(p))} AS ?p) }}" for p in props)


def describe(store: Store, iris, props) -> dict[str, dict[str, list[str]]]:
    """IRI -> property IRI -> its distinct values, over every graph.

    >>> from kg.store import open_store
    >>> store = open_store(None)
    >>> _ = store.put_graph("urn:g", '<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .')
    >>> describe(store, ["urn:a", "urn:b"], [LABEL])
    {'urn:a': {'http://www.w3.org/2000/01/rdf-schema#label': ['A']}}
    """
    iris, found = sorted(set(iris)), {}
    if not iris or not props:
        return found
    rows = store.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {values('s', map(iri, iris))} {_property_union(props)} }} "
                        f"ORDER BY ?s ?p ?o")
    for row in rows:
        found.setdefault(row["s"], {}).setdefault(row["p"], []).append(row["o"])
    return found
