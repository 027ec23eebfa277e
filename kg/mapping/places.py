"""A place as RDF: its description, and the places it lies in.

Every place is described with its names, country, GeoNames id and point geometry, and states
``geo:sfWithin`` each place that contains it, smallest first: its second- and first-level
divisions and its country, as the gazetteer's hierarchy has them (`Gazetteer.hierarchy`, from each
place's admin1 and admin2 divisions and country, whatever kind of place it is: a town, a site, a
place read from an ACLED row, one the text puts inside another). Each container is described
the same way, so its own containers come along. A division also carries its other names
(``skos:altLabel "Tripoli"`` for Ţarābulus), so that a place filter by name finds it.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from ..model import Place
from .iris import place_iri
from .namespaces import CKG, GEO, WGS84

__all__ = ["add_place", "decimal_literal"]


def decimal_literal(value: float, places: int) -> Literal:
    """An ``xsd:decimal`` of `value` rounded to `places` decimals (a float would be an ``xsd:double``)."""
    return Literal(Decimal(str(round(value, places))), datatype=XSD.decimal)


def _coordinate(value: float) -> str:
    """A WKT coordinate with at most 5 decimals and never an exponent (repr(0.00005) is '5e-05')."""
    return format(Decimal(str(round(value, 5))), "f")


def _hierarchy(place: Place) -> tuple[tuple[str, ...], tuple[Place, ...]]:
    from ..extract.geo import load_gazetteer  # opened once per process, read-only

    return load_gazetteer().hierarchy(place)


def add_place(g: Graph, place: Place, described: set[URIRef]) -> URIRef:
    """Describe `place` in `g` once (`described` holds the nodes already described), with the places
    it lies in; returns its node.

    >>> from rdflib import Graph
    >>> g = Graph()
    >>> node = add_place(g, Place("Mitiga International Airport", 32.894, 13.276, None, "LBY", "airport",
    ...                            admin1="Ţarābulus"), set())
    >>> sorted(str(g.value(outer, RDFS.label)) for outer in g.objects(node, GEO.sfWithin))
    ['Libya', 'Ţarābulus']
    """
    node = place_iri(place)
    if node in described:
        return node
    described.add(node)
    other_names, containers = _hierarchy(place)
    g.add((node, RDF.type, CKG.Place))
    g.add((node, RDFS.label, Literal(place.label)))
    for alias in dict.fromkeys((*place.aliases, *other_names)):
        if alias != place.label:
            g.add((node, SKOS.altLabel, Literal(alias)))
    if place.country:
        g.add((node, CKG.country, Literal(place.country)))
    if place.geonames:
        g.add((node, CKG.geonamesId, Literal(int(place.geonames))))
    if place.feature_id:
        g.add((node, CKG.featureId, Literal(place.feature_id)))
    if place.lat is not None and place.lon is not None:
        g.add((node, WGS84.lat, decimal_literal(place.lat, 5)))
        g.add((node, WGS84.long, decimal_literal(place.lon, 5)))
        geometry = URIRef(f"{node}/geometry")
        g.add((node, GEO.hasGeometry, geometry))
        g.add((geometry, RDF.type, GEO.Geometry))
        g.add((geometry, GEO.asWKT, Literal(f"POINT({_coordinate(place.lon)} {_coordinate(place.lat)})",
                                            datatype=GEO.wktLiteral)))
    for outer in containers:
        outer_node = add_place(g, outer, described)
        if outer_node != node:
            g.add((node, GEO.sfWithin, outer_node))
    return node
