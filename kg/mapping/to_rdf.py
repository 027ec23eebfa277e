"""Map an article and its event frames to an RDF graph in the conflict-kg ontology."""
from __future__ import annotations

from typing import Callable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS, XSD

from ..model import Actor, Article, EventFrame, Extraction, Place
from ..precision import place_precision
from .affiliations import affiliations
from .iris import actor_iri, actor_label, article_iri, event_iri, extraction_iri, place_iri
from .namespaces import CAMEO, CKG, KIND_IRIS, PLOVER, bind_prefixes
from .origin import add_bands, add_retrieval
from .places import add_place, decimal_literal

__all__ = ["graph_from_frames", "frame_to_json", "joint_label"]

ActorLookup = Callable[[str], "Actor | None"]


def _add_actor(g: Graph, actor: Actor, lookup: ActorLookup | None, described: set[URIRef]) -> URIRef:
    """Describe the actor once per graph: the first mention's kind and country stand (SHACL allows one).

    Its memberships, leadership and command (`kg.mapping.affiliations`) come with it, with the
    description of each actor they link it to.
    """
    node = actor_iri(actor)
    if node in described:
        return node
    described.add(node)
    g.add((node, RDF.type, CKG.Actor))
    g.add((node, RDFS.label, Literal(actor_label(actor))))  # 'Civilians (Mexico)': a generic group's country
    g.add((node, CKG.kind, KIND_IRIS.get(actor.kind, CKG.OtherActor)))
    if actor.country:
        g.add((node, CKG.country, Literal(actor.country)))
    for alias in actor.aliases:
        if alias != actor.label:
            g.add((node, SKOS.altLabel, Literal(alias)))
    for subject, prop, other in affiliations(actor, lookup):
        g.add((node if subject is actor else _add_actor(g, subject, lookup, described), prop,
               node if other is actor else _add_actor(g, other, lookup, described)))
    return node


def _add_precision(g: Graph, ev: URIRef, frame: EventFrame) -> None:
    """The source of an extracted event, how precise its date and place are, its fatalities."""
    g.add((ev, CKG.source, Literal("extracted")))
    dated = frame.date_precision or ("day" if frame.date else None)
    placed = frame.place_precision or (place_precision(frame.place.feature) if frame.place else None)
    if dated:
        g.add((ev, CKG.datePrecision, Literal(dated)))
    if placed:
        g.add((ev, CKG.placePrecision, Literal(placed)))
    if frame.fatalities is not None:
        g.add((ev, CKG.fatalities, Literal(int(frame.fatalities))))


def _add_article(g: Graph, article: Article) -> URIRef:
    node = article_iri(article.id)
    g.add((node, RDF.type, CKG.Article))
    g.add((node, CKG.sourceId, Literal(article.id)))
    g.add((node, CKG.text, Literal(article.text)))
    g.add((node, CKG.published, Literal(article.published, datatype=XSD.date)))
    for prop, value in ((CKG.title, article.title), (CKG.outlet, article.outlet), (CKG.dateline, article.dateline)):
        if value:
            g.add((node, prop, Literal(value)))
    if article.url:
        g.add((node, CKG.url, Literal(article.url, datatype=XSD.anyURI)))
    return node


def _add_extraction(g: Graph, art: URIRef, article: Article, extraction: Extraction) -> None:
    """The extraction run that produced the article's events, as a prov:Activity."""
    node = extraction_iri(article.id, extraction)
    g.add((node, RDF.type, CKG.Extraction))
    g.add((node, RDFS.label, Literal(f"{extraction.extractor} {extraction.version}")))
    g.add((node, CKG.extractor, Literal(extraction.extractor)))
    g.add((node, CKG.extractorVersion, Literal(extraction.version)))
    if extraction.model:
        g.add((node, CKG.languageModel, Literal(extraction.model)))
    g.add((art, PROV.wasGeneratedBy, node))


def graph_from_frames(frames: list[EventFrame], article: Article, *, actors: ActorLookup | None = None,
                      content_hash: bool = True, extraction: Extraction | None = None) -> Graph:
    """The article's named-graph content: the article, its events, their actors and places.

    `actors` looks up a canonical label (used to describe the body a person belongs to);
    `extraction` names the extractor and model that produced the frames (recorded with PROV).
    """
    g = bind_prefixes(Graph())
    art = _add_article(g, article)
    if content_hash:
        g.add((art, CKG.contentHash, Literal(article.content_hash)))
    if extraction is not None:
        _add_extraction(g, art, article, extraction)
    add_retrieval(g, art, article)  # where it was read from, and when
    add_bands(g, art, article)  # to find syndicated copies (kg.syndication)
    described: set[URIRef] = set()
    for frame in frames:
        ev = event_iri(frame)
        g.add((ev, RDF.type, CKG.Event))
        g.add((ev, CKG.action, PLOVER[frame.action]))
        g.add((ev, CKG.cameo, CAMEO[frame.cameo[:2]]))
        g.add((ev, CKG.reportedIn, art))
        g.add((ev, CKG.trigger, Literal(frame.trigger)))
        g.add((ev, CKG.evidence, Literal(frame.sentence)))
        g.add((ev, CKG.charStart, Literal(frame.start)))
        g.add((ev, CKG.charEnd, Literal(frame.end)))
        g.add((ev, CKG.confidence, decimal_literal(frame.confidence, 2)))
        g.add((ev, CKG.modality, Literal(frame.modality)))
        _add_precision(g, ev, frame)
        if frame.date:
            g.add((ev, CKG.date, Literal(frame.date, datatype=XSD.date)))
        for prop, parties in ((CKG.actor, frame.actors), (CKG.target, frame.targets)):
            for actor in parties:  # a joint act has several actors, each its own node
                node = _add_actor(g, actor, actors, described)
                g.add((ev, prop, node))
                g.add((art, CKG.mentions, node))
        if frame.place is not None:
            node = add_place(g, frame.place, described)
            g.add((ev, CKG.place, node))
            g.add((art, CKG.mentions, node))
    return g


def _place_json(place: Place | None) -> dict | None:
    """The place as named in the article ('label'), with the gazetteer's name ('name')."""
    if place is None:
        return None
    data = place.to_json(str(place_iri(place)))
    data["name"] = place.label
    if place.aliases:
        data["label"] = place.aliases[0]
    return data


def joint_label(actors: tuple[Actor, ...]) -> str:
    """One label for several parties: 'Egypt and Saudi Arabia', 'A, B and C'.

    >>> joint_label((Actor("Egypt"), Actor("Saudi Arabia"), Actor("Jordan")))
    'Egypt, Saudi Arabia and Jordan'
    """
    labels = [a.label for a in actors]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _parties_json(actors: tuple[Actor, ...]) -> dict | None:
    """One party as its object; several as a joint object listing each in 'parties'."""
    if not actors:
        return None
    if len(actors) == 1:
        return actors[0].to_json(str(actor_iri(actors[0])))
    kinds = {a.kind for a in actors}
    countries = {a.country for a in actors}
    return {"label": joint_label(actors), "iri": None, "kind": kinds.pop() if len(kinds) == 1 else "other",
            "country": countries.pop() if len(countries) == 1 else None,
            "parties": [a.to_json(str(actor_iri(a))) for a in actors]}


def frame_to_json(frame: EventFrame) -> dict:
    """The `kg extract` JSON object of one event (read by the scorer).

    `actor` and `target` are single objects; a joint act's object has a joint label and lists
    each party under `parties`.
    """
    return {
        "article": frame.article_id,
        "event": str(event_iri(frame)),
        "action": frame.action,
        "cameo": frame.cameo,
        "trigger": frame.trigger,
        "actor": _parties_json(frame.actors),
        "target": _parties_json(frame.targets),
        "place": _place_json(frame.place),
        "date": frame.date.isoformat() if frame.date else None,
        "sentence": frame.sentence,
        "start": frame.start,
        "end": frame.end,
        "confidence": frame.confidence,
        "modality": frame.modality,
        "evidence": list(frame.evidence),
    }
