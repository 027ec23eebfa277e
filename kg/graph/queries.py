"""The SPARQL a projection runs: one narrow SELECT per event property, filters included.

Why not one wide SELECT of flat rows? In pyoxigraph every join is an index seek per
event, and a ten-column SELECT over 1,000,000 events took about five times longer than
scanning each property on its own (bench/README.md). Single-predicate scans stream one
index in order, the engine releases the GIL while it serialises them, so they run two
at a time, and `kg.graph.project` joins the columns on the event IRI in one pass.

A filter restricts the scan of the property it is about (``VALUES ?value`` for types,
articles and places, ``FILTER`` for dates and confidence) or lists the events that pass it
(the actor, the parties' country, the facets); an event is kept when it is in every
restricted scan, which is the conjunction of the filters. Names of places and country codes
are resolved first, as the listings resolve them (`kg.queries.scope`). Only checked values
are written into query text (`kg.filters`), in VALUES blocks (`kg.queries.select.values`).
"""
from __future__ import annotations

from ..filters import Filters
from ..mapping.namespaces import CKG, PLOVER
from ..queries.scope import Scope
from ..queries.select import iri, values

__all__ = ["event_queries", "required_columns", "node_queries"]

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Columns every kept event must have (the rest are optional: events imported from datasets
# may have no ckg:reportedIn article).
REQUIRED = ("event", "action")


def _column(predicate: str, *lines: str) -> str:
    body = "\n  ".join(lines)
    return f"SELECT ?event ?value WHERE {{\n  {body}\n  ?event <{predicate}> ?value .\n}}"


def _involving(parties, roles=(CKG.actor, CKG.target)) -> str:
    """The events in which one of `parties` is in one of `roles` (an actor or a target)."""
    either = " UNION ".join(f"{{ ?event <{role}> ?party }}" for role in roles)
    return f"SELECT DISTINCT ?event WHERE {{\n  {values('party', map(iri, parties))}\n  {either}\n}}"


def event_queries(filters: Filters, where: Scope = Scope()) -> dict[str, str]:
    """Name → SELECT for each column of the event table, and the names an event must appear in.

    Returns a dict of queries; ``"event"`` lists the ``ckg:Event``s, the others select
    ``?event ?value``, except ``"involves"`` (the actor), ``"from_actor"``, ``"to_actor"``, ``"parties"`` (the parties of
    `where`), ``"confidence"`` and the ``"facet_*"`` queries of
    `kg.facets.Facets.column_queries` (only with those filters), which list the events that pass.
    ``"source"`` lists only imported events (an event without one is extracted). `where` holds
    the places and parties `filters` keep (`kg.queries.scope.scope`).

    >>> qs = event_queries(Filters(types=("ASSAULT",), date_from="2019-04-01"))
    >>> sorted(qs)
    ['action', 'actor', 'article', 'date', 'event', 'fatalities', 'place', 'sentence', 'source', 'target']
    >>> print(qs["action"])
    SELECT ?event ?value WHERE {
      VALUES ?value { <https://w3id.org/conflict-kg/plover/ASSAULT> }
      ?event <https://w3id.org/conflict-kg/ontology#action> ?value .
    }
    >>> print(qs["date"].splitlines()[1])
      FILTER(?value >= "2019-04-01"^^<http://www.w3.org/2001/XMLSchema#date>)
    """
    types = [values("value", [iri(PLOVER[t]) for t in filters.types])] if filters.types else []
    articles = [values("value", map(iri, filters.articles))] if filters.articles else []
    dates = []
    if filters.date_from:
        dates.append(f'FILTER(?value >= "{filters.date_from.isoformat()}"^^<{XSD_DATE}>)')
    if filters.date_to:
        dates.append(f'FILTER(?value <= "{filters.date_to.isoformat()}"^^<{XSD_DATE}>)')
    places = [values("value", map(iri, where.places))] if where.places is not None else []
    queries = {
        "event": f"SELECT ?event WHERE {{ ?event <{RDF_TYPE}> <{CKG.Event}> }}",
        "action": _column(CKG.action, *types),
        "article": _column(CKG.reportedIn, *articles),
        "actor": _column(CKG.actor),
        "target": _column(CKG.target),
        "date": _column(CKG.date, *dates),
        "place": _column(CKG.place, *places),
        "sentence": _column(CKG.evidence),
        "source": _column(CKG.source, 'VALUES ?value { "acled" "gdelt" }'),  # seeks, no scan of extracted events
        "fatalities": _column(CKG.fatalities),
    }
    if filters.actor:
        queries["involves"] = _involving([filters.actor])
    if filters.from_actor:
        queries["from_actor"] = _involving([filters.from_actor], (CKG.actor,))
    if filters.to_actor:
        queries["to_actor"] = _involving([filters.to_actor], (CKG.target,))
    if where.parties is not None:
        queries["parties"] = _involving(where.parties)
    if filters.min_confidence is not None:
        queries["confidence"] = (f"SELECT ?event WHERE {{\n  ?event <{CKG.confidence}> ?value .\n"
                                 f"  FILTER(?value >= {filters.min_confidence!r})\n}}")
    if filters.facets:
        queries.update(filters.facets.column_queries())
    return queries


def required_columns(filters: Filters, where: Scope = Scope()) -> tuple[str, ...]:
    """The columns an event must appear in to pass `filters` (with the places and parties of `where`).

    >>> required_columns(Filters(date_to="2020-01-01", party_country="LBY"), Scope(parties=()))
    ('event', 'action', 'date', 'parties')
    """
    names = list(REQUIRED)
    if filters.articles:
        names.append("article")
    if filters.date_from or filters.date_to:
        names.append("date")
    if where.places is not None:
        names.append("place")
    if filters.actor:
        names.append("involves")
    names += [name for name in ("from_actor", "to_actor") if getattr(filters, name)]
    if where.parties is not None:
        names.append("parties")
    if filters.min_confidence is not None:
        names.append("confidence")
    if filters.facets:
        names.extend(filters.facets.column_queries())
    return tuple(names)


def node_queries() -> dict[str, str]:
    """Name → SELECT DISTINCT ``?node ?value`` for the labels, kinds, countries and aliases of nodes.

    They run over every subject (actors, places and the ontology's terms alike); the
    projection keeps the values of the nodes it uses. DISTINCT collapses the copies of a
    description that every article mentioning the node holds.

    >>> sorted(node_queries())
    ['node_alias', 'node_country', 'node_kind', 'node_label']
    """
    def distinct(predicate: str) -> str:
        return f"SELECT DISTINCT ?node ?value WHERE {{ ?node <{predicate}> ?value }}"

    return {"node_label": distinct(RDFS_LABEL), "node_kind": distinct(CKG.kind),
            "node_country": distinct(CKG.country), "node_alias": distinct(SKOS_ALT)}
