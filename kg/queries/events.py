"""Event listings: a page of the events `kg.filters.Filters` keep, one event, the map's places.

`events` pages through the events a filter keeps (ORDER BY ?date ?event), reading only what the
filters look at, and then reads the details of the page's events alone, by VALUES. The filter
patterns come first in the event's graph: they bind ?event selectively (an actor's events are
found from the actor, a place's from its places, not by scanning every event), and FILTERs hold
for the whole group wherever they stand. Names of places and codes of countries are resolved
first (`kg.queries.scope`), as the projections resolve them.
"""
from __future__ import annotations

from ..filters import Filters
from ..mapping.namespaces import PLOVER
from ..store import Store
from .scope import Scope, scope
from .select import LABEL, LAT, LONG, describe, iri, select, values

__all__ = ["events", "count_events", "event", "map_points", "lean_pattern"]

# One event's properties, each in its own one-pattern OPTIONAL: pyoxigraph evaluates an OPTIONAL
# of several patterns on its own (over every graph) before joining it, which on the
# 1,000,000-event store took an actor page from milliseconds to minutes. Labels and coordinates
# of the actors and places are read afterwards by `describe`.
_DETAILS = "".join(f"OPTIONAL {{ ?event ckg:{prop} ?{var} }}\n    " for prop, var in (
    ("reportedIn", "article"), ("confidence", "confidence"), ("evidence", "evidence"), ("charStart", "start"),
    ("charEnd", "end"), ("trigger", "trigger"), ("date", "date"), ("modality", "modality"), ("source", "source"),
    ("datePrecision", "datePrecision"), ("placePrecision", "placePrecision"), ("fatalities", "fatalities"),
    ("sourceEventId", "sourceEventId"), ("sourceUrl", "sourceUrl"), ("notes", "notes"), ("actor", "actor"),
    ("target", "target"), ("place", "place")))
_EITHER_ROLE = "{{ ?event ckg:actor ?{0} }} UNION {{ ?event ckg:target ?{0} }}"


def _conditions(filters: Filters, where: Scope) -> str:
    """The patterns, inside the event's graph, that keep the events `filters` keep."""
    out = []
    if filters.actor:
        out += [values("fActor", [iri(filters.actor)]), _EITHER_ROLE.format("fActor")]
    if filters.from_actor:
        out += [values("fFromActor", [iri(filters.from_actor)]), "?event ckg:actor ?fFromActor ."]
    if filters.to_actor:
        out += [values("fToActor", [iri(filters.to_actor)]), "?event ckg:target ?fToActor ."]
    if where.parties is not None:
        out += [values("fParty", map(iri, where.parties)), _EITHER_ROLE.format("fParty")]
    if where.places is not None:
        out += [values("place", map(iri, where.places)), "?event ckg:place ?place ."]
    if filters.types:
        out.append(values("action", [iri(PLOVER[t]) for t in filters.types]))
    if filters.articles:
        out += [values("fArticle", map(iri, filters.articles)), "?event ckg:reportedIn ?fArticle ."]
    if filters.date_from:
        out += [values("fFrom", [filters.date_from.isoformat()]), "FILTER(BOUND(?date) && ?date >= xsd:date(?fFrom))"]
    if filters.date_to:
        out += [values("fTo", [filters.date_to.isoformat()]), "FILTER(BOUND(?date) && ?date <= xsd:date(?fTo))"]
    if filters.min_confidence is not None:
        out += [values("fMinConf", [repr(filters.min_confidence)]),
                "FILTER(?confidence >= xsd:decimal(?fMinConf))"]
    if filters.facets is not None:
        out += filters.facets.conditions()  # checked values only, written in by kg.facets
    return "\n    ".join(out)


def _kept(filters: Filters, where: Scope) -> str:
    """The group pattern of the events `filters` keep, with ?event ?action ?date ?article ?confidence."""
    return f"""GRAPH ?g {{
    {_conditions(filters, where)}
    ?event a ckg:Event ; ckg:action ?action .
    OPTIONAL {{ ?event ckg:date ?date }}
    OPTIONAL {{ ?event ckg:reportedIn ?article }}
    OPTIONAL {{ ?event ckg:confidence ?confidence }}
  }}"""


def lean_pattern(filters: Filters, where: Scope, *, placed: bool = False) -> str:
    """The group pattern of the events `filters` keep with ?event, ?action and ?date (where known)
    bound, and ?place with `placed`, and nothing else: the confidence is read only when a filter
    needs it, and the type triple is left out (ckg:action's domain is ckg:Event), which makes a
    count over every event about twice as fast (`map_points`, `kg.timeline`)."""
    reads = ["?event ckg:action ?action .", "OPTIONAL { ?event ckg:date ?date }"]
    if placed and where.places is None:
        reads.append("?event ckg:place ?place .")
    if filters.min_confidence is not None:
        reads.append("OPTIONAL { ?event ckg:confidence ?confidence }")
    return "GRAPH ?g {\n    %s\n    %s\n  }" % (_conditions(filters, where), "\n    ".join(reads))


def _number(row: dict, key: str, kind=int):
    return kind(row[key]) if key in row else None


def _event_row(row: dict) -> dict:
    """An event as JSON. Imported (ACLED, GDELT) events have no article, evidence or confidence:
    those are None; `source_event_id`, `source_url` (GDELT) and `notes` (ACLED) say where the event
    comes from and what its record says. A report without ``ckg:source`` is extracted, and a dated
    one without ``ckg:datePrecision`` day-precise (as `kg.facets` filters them). `actors` and
    `targets` list every party (several for a joint act), `actor` and `target` are the first."""
    date = row.get("date")
    out = {"iri": row["event"], "id": row["event"].rsplit("/", 1)[-1],
           "type": row["action"].rsplit("/", 1)[-1], "article": row.get("article"),
           "date": date, "confidence": _number(row, "confidence", float),
           "evidence": row.get("evidence"), "trigger": row.get("trigger"),
           "start": _number(row, "start"), "end": _number(row, "end"), "modality": row.get("modality"),
           "source": row.get("source") or "extracted",
           "date_precision": row.get("datePrecision") or ("day" if date else None),
           "place_precision": row.get("placePrecision"), "fatalities": _number(row, "fatalities"),
           "source_event_id": row.get("sourceEventId"), "source_url": row.get("sourceUrl"),
           "notes": row.get("notes")}
    for role in ("actor", "target", "place"):
        out[role] = {"iri": row[role], "label": row.get(role + "Label")} if role in row else None
    for role in ("actor", "target"):  # every party of a joint act; `actor` and `target` are the first
        out[role + "s"] = [{"iri": iri_, "label": label} for iri_, label in row.get(role + "s", ())]
    if out["place"] and "lat" in row:
        out["place"].update(lat=float(row["lat"]), long=float(row["long"]))
    return out


def _details(store: Store, iris: list[str]) -> dict[str, dict]:
    """The events with these IRIs as JSON, by IRI (the first row of each, with every party of a joint act)."""
    found: dict[str, dict] = {}
    if not iris:
        return found
    rows = select(store, f"""SELECT * WHERE {{ GRAPH ?g {{
    {values("event", map(iri, iris))}
    ?event a ckg:Event ; ckg:action ?action .
    {_DETAILS}}} }}""")
    parties: dict[str, dict[str, set]] = {}
    for row in rows:
        found.setdefault(row["event"], row)
        mine = parties.setdefault(row["event"], {"actor": set(), "target": set()})
        for role in ("actor", "target"):
            if role in row:
                mine[role].add(row[role])
    roles = ("actor", "target", "place")
    nodes = describe(store, {row["place"] for row in found.values() if "place" in row}
                     | {party for mine in parties.values() for every in mine.values() for party in every},
                     [LABEL, LAT, LONG])

    def first(node: str, prop: str) -> str | None:
        return (nodes.get(node, {}).get(prop) or [None])[0]

    for iri_, row in found.items():
        for role, every in parties[iri_].items():  # in IRI order, as the graph projection has them
            row[role + "s"] = [(party, first(party, LABEL)) for party in sorted(every)]
            if every:
                row[role] = min(every)
        for role in roles:
            if role in row and first(row[role], LABEL) is not None:
                row[role + "Label"] = first(row[role], LABEL)
        if "place" in row and first(row["place"], LAT) is not None and first(row["place"], LONG) is not None:
            row["lat"], row["long"] = first(row["place"], LAT), first(row["place"], LONG)
    return {iri_: _event_row(row) for iri_, row in found.items()}


def events(store: Store, filters: Filters = Filters(), *, limit: int = 50, offset: int = 0) -> list[dict]:
    """Events that `filters` keep, by date (undated first) then IRI, as plain dicts.

    >>> from kg.graph.sample import sample_store
    >>> [e["id"] for e in events(sample_store(), Filters(place="Tripoli"))]
    ['e3', 'e5']
    """
    where = scope(store, filters)
    if where.empty:
        return []
    page = select(store, f"SELECT DISTINCT ?event ?date WHERE {{ {_kept(filters, where)} }} "
                         f"ORDER BY ?date ?event LIMIT {int(limit)} OFFSET {int(offset)}")
    iris = [row["event"] for row in page]
    details = _details(store, iris)
    return [details[i] for i in iris if i in details]


def count_events(store: Store, filters: Filters = Filters()) -> int:
    """How many events `filters` keep."""
    where = scope(store, filters)
    if where.empty:
        return 0
    rows = select(store, f"SELECT (COUNT(DISTINCT ?event) AS ?n) WHERE {{ {_kept(filters, where)} }}")
    return int(rows[0]["n"]) if rows else 0


def event(store: Store, iri_: str) -> dict | None:
    """One event, or None."""
    return _details(store, [iri_]).get(iri_)


def map_points(store: Store, filters: Filters = Filters(), *, limit: int = 2000) -> list[dict]:
    """Geocoded places of the events `filters` keep, with how many events of which types, most first.

    The events are counted per place first (in a subquery that reads only the event graphs'
    triples the filters need, `lean_pattern`) and only the places found are then joined to their
    coordinates: on 100,000 events 2.8 times faster than one group over the joined rows
    (bench/README.md, "Views").
    """
    where = scope(store, filters)
    if where.empty:
        return []
    rows = select(store, f"""
SELECT ?place ?events ?types ?first ?last (SAMPLE(?placeLabel) AS ?label) (SAMPLE(?lat) AS ?la)
       (SAMPLE(?long) AS ?lo) WHERE {{
  {{ SELECT ?place (COUNT(DISTINCT ?event) AS ?events)
       (GROUP_CONCAT(DISTINCT STRAFTER(STR(?action), "/plover/"); separator=",") AS ?types)
       (MIN(?date) AS ?first) (MAX(?date) AS ?last)
     WHERE {{ {lean_pattern(filters, where, placed=True)} }} GROUP BY ?place }}
  ?place wgs84:lat ?lat ; wgs84:long ?long .
  OPTIONAL {{ ?place rdfs:label ?placeLabel }}
}} GROUP BY ?place ?events ?types ?first ?last ORDER BY DESC(?events) ?place LIMIT {int(limit)}""")
    return [{"iri": r["place"], "label": r.get("label"), "lat": float(r["la"]), "long": float(r["lo"]),
             "events": int(r["events"]), "types": sorted(r["types"].split(",")) if r.get("types") else [],
             "first": r.get("first"), "last": r.get("last")} for r in rows]
