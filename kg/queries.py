"""The SPARQL behind the web service's listings: actors, events, articles, map points.

Every value that comes from a user is bound through an inline VALUES block made by
`kg.sparql_text.with_values` (checked terms, never pasted text); limits and offsets are ints.
An event's own triples are matched inside `GRAPH ?g { ... }` (its article's or dataset's
graph, which keeps the queries fast); the actors and places it involves are described once, in
graphs of their own (`kg.store.descriptions`), and are matched over the union of all graphs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Mapping

from .facets import AGREEMENT_QUERY
from rdflib.namespace import RDF, RDFS, SKOS

from .mapping.namespaces import CKG, KIND_IRIS, WGS84
from .store import Store
from .sparql_text import term as _term, with_values

if TYPE_CHECKING:
    from .facets import Facets

__all__ = ["EventQuery", "PREFIXES", "EXAMPLE_QUERIES", "ID", "events", "count_events", "event",
           "search_actors", "actor", "actor_links", "articles", "article", "select", "dump_nquads",
           "dump_turtle", "map_points", "lean_pattern"]

ID = "https://w3id.org/conflict-kg/id/"
PREFIXES = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
KINDS = {str(iri): name for name, iri in KIND_IRIS.items()}
_TYPE, _LABEL, _ALT = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
_KIND, _COUNTRY, _MEMBER = str(CKG.kind), str(CKG.country), str(CKG.memberOf)
_LEADS, _COMMANDS = str(CKG.leads), str(CKG.commands)
_LAT, _LONG = str(WGS84.lat), str(WGS84.long)


def select(store: Store, template: str, bindings: Mapping[str, str] | None = None) -> list[dict]:
    """Run `template` with `#VALUES` replaced by an inline VALUES block binding `bindings`.

    Inline (not trailing) VALUES let FILTERs in the same group see the bound values.
    """
    values = with_values("", {k: v for k, v in (bindings or {}).items() if v is not None}).strip()
    return store.select(PREFIXES + template.replace("#VALUES", values))


@dataclass(frozen=True)
class EventQuery:
    """Which events to list. Empty fields do not filter; IRIs are full IRIs.

    `actor` keeps the events it is actor or target of; `from_actor` and `to_actor` the ones it
    is the actor (ckg:actor), or the target (ckg:target) of: what one did to the other in a dyad.
    `types` is a tuple of PLOVER names; `place` an IRI or a label (case-insensitive, aliases
    too); `country` an ISO alpha-3 code of the event's place; dates are ISO strings.
    """

    actor: str | None = None
    from_actor: str | None = None
    to_actor: str | None = None
    types: tuple[str, ...] = ()
    place: str | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    article: str | None = None
    min_confidence: float | None = None
    facets: Facets | None = None  # source, precision and fatalities filters (kg.facets)

    def parts(self) -> tuple[str, dict]:
        """The SPARQL pattern fragments for the set fields and their bindings."""
        text, b = [], {}
        if self.actor:
            text.append("{ ?event ckg:actor ?fActor } UNION { ?event ckg:target ?fActor }")
            b["fActor"] = f"<{self.actor}>"
        if self.from_actor:
            text.append("?event ckg:actor ?fFromActor .")
            b["fFromActor"] = f"<{self.from_actor}>"
        if self.to_actor:
            text.append("?event ckg:target ?fToActor .")
            b["fToActor"] = f"<{self.to_actor}>"
        if self.types:
            text.append('FILTER(CONTAINS(?fTypes, CONCAT(",", STRAFTER(STR(?action), "/plover/"), ",")))')
            b["fTypes"] = "," + ",".join(self.types) + ","
        if self.place and self.place.startswith(("http://", "https://")):
            text.append("?event ckg:place ?fPlace .")
            b["fPlace"] = f"<{self.place}>"
        elif self.place:
            text.append("?event ckg:place ?fp .")
            b["fPlaceName"] = self.place
        if self.country:
            text.append("?event ckg:place ?fcp .")
            b["fCountry"] = self.country
        if self.date_from:
            text.append("FILTER(BOUND(?date) && ?date >= xsd:date(?fFrom))")
            b["fFrom"] = self.date_from
        if self.date_to:
            text.append("FILTER(BOUND(?date) && ?date <= xsd:date(?fTo))")
            b["fTo"] = self.date_to
        if self.article:
            text.append("FILTER(?article = ?fArticle)")
            b["fArticle"] = f"<{self.article}>"
        if self.min_confidence is not None:
            text.append("FILTER(?confidence >= xsd:decimal(?fMinConf))")
            b["fMinConf"] = repr(float(self.min_confidence))
        if self.facets is not None:
            text.append(self.facets.parts())  # checked values only, written in by kg.facets
        return "\n    ".join(text), b

    def described(self) -> str:
        """The patterns on the event's place's description (matched outside the event's graph:
        places are described in graphs of their own); their values are bound by `parts`."""
        text = []
        if self.place and not self.place.startswith(("http://", "https://")):
            text.append("?fp rdfs:label|skos:altLabel ?fpl FILTER(LCASE(STR(?fpl)) = LCASE(?fPlaceName))")
        if self.country:
            text.append("?fcp ckg:country ?fCountry .")
        return "\n  ".join(text)


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
        out[role + "s"] = [{"iri": iri, "label": label} for iri, label in row.get(role + "s", ())]
    if out["place"] and "lat" in row:
        out["place"].update(lat=float(row["lat"]), long=float(row["long"]))
    return out


# The events a listing keeps, with only what its filters look at: `events` pages through these
# (ORDER BY ?date ?event) and then reads the details of the page's events alone, by VALUES. The
# filter fragment (first %s) comes first: its patterns bind ?event selectively (an actor's events
# are found from the actor, not by scanning every event), and its FILTERs hold for the whole group
# wherever they stand; the patterns on places' descriptions (second %s) follow the event's graph.
_PAGE_PATTERN = """GRAPH ?g {
    #VALUES
    %s
    ?event a ckg:Event ; ckg:action ?action .
    OPTIONAL { ?event ckg:date ?date }
    OPTIONAL { ?event ckg:reportedIn ?article }
    OPTIONAL { ?event ckg:confidence ?confidence }
  }
  %s"""


# One event's properties, each in its own one-pattern OPTIONAL: pyoxigraph evaluates an OPTIONAL
# of several patterns on its own (over every graph) before joining it, which on the
# 1,000,000-event store took an actor page from milliseconds to minutes. Labels and coordinates
# of the actors and places are read afterwards by `describe`.
_DETAIL_PATTERN = """GRAPH ?g {
    VALUES_EVENTS
    ?event a ckg:Event ; ckg:action ?action .
""" + "".join(f"    OPTIONAL {{ ?event ckg:{prop} ?{var} }}\n" for prop, var in (
    ("reportedIn", "article"), ("confidence", "confidence"), ("evidence", "evidence"), ("charStart", "start"),
    ("charEnd", "end"), ("trigger", "trigger"), ("date", "date"), ("modality", "modality"), ("source", "source"),
    ("datePrecision", "datePrecision"), ("placePrecision", "placePrecision"), ("fatalities", "fatalities"),
    ("sourceEventId", "sourceEventId"), ("sourceUrl", "sourceUrl"), ("notes", "notes"), ("actor", "actor"),
    ("target", "target"),
    ("place", "place"))) + "  }"


def _property_union(props) -> str:
    """``{ GRAPH ?g { ?s <p> ?o } BIND(<p> AS ?p) } UNION …``: a constant predicate per branch lets
    pyoxigraph look up each bound subject (``?s ?p ?o`` with ``VALUES ?p`` scans every quad)."""
    return " UNION ".join(f"{{ GRAPH ?g {{ ?s {_term(f'<{prop}>')} ?o }} BIND({_term(f'<{prop}>')} AS ?p) }}"
                          for prop in props)


def describe(store: Store, iris, props, *, graphs: dict[str, str] | None = None) -> dict[str, dict[str, list[str]]]:
    """IRI -> property IRI -> its distinct values, over every graph or, with `graphs`, as the
    graph given for each IRI describes it.

    >>> from kg.store import open_store
    >>> store = open_store(None)
    >>> _ = store.put_graph("urn:g", '<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .')
    >>> describe(store, ["urn:a", "urn:b"], [_LABEL])
    {'urn:a': {'http://www.w3.org/2000/01/rdf-schema#label': ['A']}}
    >>> describe(store, ["urn:a"], [_LABEL], graphs={"urn:a": "urn:other"})
    {}
    """
    iris, found = sorted(set(iris)), {}
    if not iris or not props:
        return found
    if graphs is None:
        block = "VALUES ?s { " + " ".join(_term(f"<{iri}>") for iri in iris) + " }"
    else:
        block = "VALUES (?g ?s) { " + " ".join(f"({_term(f'<{graphs[iri]}>')} {_term(f'<{iri}>')})"
                                                for iri in iris) + " }"
    rows = store.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {block} {_property_union(props)} }} ORDER BY ?s ?p ?o")
    for row in rows:
        found.setdefault(row["s"], {}).setdefault(row["p"], []).append(row["o"])
    return found


def _details(store: Store, iris: list[str]) -> dict[str, dict]:
    """The events with these IRIs as JSON, by IRI (the first row of each, with every party of a joint act)."""
    found: dict[str, dict] = {}
    if not iris:
        return found
    block = "VALUES ?event { " + " ".join(_term(f"<{iri}>") for iri in iris) + " }"  # checked IRIs
    parties: dict[str, dict[str, set]] = {}
    for row in store.select(PREFIXES + f"SELECT * WHERE {{ {_DETAIL_PATTERN.replace('VALUES_EVENTS', block)} }}"):
        found.setdefault(row["event"], row)
        mine = parties.setdefault(row["event"], {"actor": set(), "target": set()})
        for role in ("actor", "target"):
            if role in row:
                mine[role].add(row[role])
    roles = ("actor", "target", "place")
    nodes = describe(store, {row["place"] for row in found.values() if "place" in row}
                     | {party for mine in parties.values() for every in mine.values() for party in every},
                     [_LABEL, _LAT, _LONG])

    def first(node: str, prop: str) -> str | None:
        return (nodes.get(node, {}).get(prop) or [None])[0]

    for iri, row in found.items():
        for role, every in parties[iri].items():  # in IRI order, as the graph projection has them
            row[role + "s"] = [(party, first(party, _LABEL)) for party in sorted(every)]
            if every:
                row[role] = min(every)
        for role in roles:
            if role in row and first(row[role], _LABEL) is not None:
                row[role + "Label"] = first(row[role], _LABEL)
        if "place" in row and first(row["place"], _LAT) is not None and first(row["place"], _LONG) is not None:
            row["lat"], row["long"] = first(row["place"], _LAT), first(row["place"], _LONG)
    return {iri: _event_row(row) for iri, row in found.items()}


def events(store: Store, query: EventQuery, *, limit: int = 50, offset: int = 0) -> list[dict]:
    """Events matching `query`, by date then IRI, as plain dicts."""
    fragment, bindings = query.parts()
    page = select(store, f"SELECT DISTINCT ?event ?date WHERE {{ {_PAGE_PATTERN % (fragment, query.described())} }} "
                         f"ORDER BY ?date ?event LIMIT {int(limit)} OFFSET {int(offset)}", bindings)
    iris = [row["event"] for row in page]
    details = _details(store, iris)
    return [details[iri] for iri in iris if iri in details]


def count_events(store: Store, query: EventQuery) -> int:
    """How many events match `query`."""
    fragment, bindings = query.parts()
    rows = select(store, f"SELECT (COUNT(DISTINCT ?event) AS ?n) WHERE {{ {_PAGE_PATTERN % (fragment, query.described())} }}",
                  bindings)
    return int(rows[0]["n"]) if rows else 0


def event(store: Store, iri: str) -> dict | None:
    """One event, or None."""
    return _details(store, [iri]).get(iri)


def _actor_row(row: dict) -> dict:
    return {"iri": row["actor"], "id": row["actor"].rsplit("/", 1)[-1], "label": row.get("label"),
            "kind": KINDS.get(row.get("kind", ""), "other"), "country": row.get("country"),
            "events": int(row.get("events", 0))}


def search_actors(store: Store, q: str = "", *, limit: int = 50, offset: int = 0) -> list[dict]:
    """Actors whose label or an alias contains `q` (case-insensitive), most events first."""
    rows = select(store, f"""
SELECT ?actor (SAMPLE(?l) AS ?label) (SAMPLE(?k) AS ?kind) (SAMPLE(?c) AS ?country)
       (COALESCE(SAMPLE(?n), 0) AS ?events)
WHERE {{
  {{ SELECT DISTINCT ?actor ?l ?k ?c WHERE {{
    #VALUES
    ?actor a ckg:Actor ; rdfs:label ?l .
    OPTIONAL {{ ?actor ckg:kind ?k }} OPTIONAL {{ ?actor ckg:country ?c }}
    FILTER(?q = "" || CONTAINS(LCASE(?l), LCASE(?q))
           || EXISTS {{ ?actor skos:altLabel ?alt FILTER(CONTAINS(LCASE(?alt), LCASE(?q))) }})
  }} }}
  OPTIONAL {{ SELECT ?actor (COUNT(DISTINCT ?event) AS ?n) WHERE {{
    GRAPH ?h {{ {{ ?event ckg:actor ?actor }} UNION {{ ?event ckg:target ?actor }} }}
  }} GROUP BY ?actor }}
}} GROUP BY ?actor ORDER BY DESC(?events) ?label LIMIT {int(limit)} OFFSET {int(offset)}""",
                  {"q": (q or "").strip()})
    return [_actor_row(r) for r in rows]


def actor(store: Store, iri: str) -> dict | None:
    """An actor's label, kind, country, aliases and the actors it is a member of, leads and commands
    (`member_of`, `leads`, `commands`); None if unknown."""
    props = describe(store, [iri], [_TYPE, _LABEL, _KIND, _COUNTRY, _ALT, _MEMBER, _LEADS, _COMMANDS]).get(iri, {})
    if not props.get(_LABEL) or str(CKG.Actor) not in props.get(_TYPE, []):
        return None
    out = _actor_row({"actor": iri, "label": props[_LABEL][0], "kind": (props.get(_KIND) or [""])[0],
                      "country": (props.get(_COUNTRY) or [None])[0]})
    del out["events"]
    out["aliases"] = sorted(set(props.get(_ALT, [])))
    linked = {key: sorted(set(props.get(prop, []))) for key, prop in
              (("member_of", _MEMBER), ("leads", _LEADS), ("commands", _COMMANDS))}
    labels = describe(store, {m for found in linked.values() for m in found}, [_LABEL])
    for key, found in linked.items():
        out[key] = [{"iri": m, "label": (labels.get(m, {}).get(_LABEL) or [None])[0]} for m in found]
    return out


def actor_links(store: Store, iri: str, *, limit: int = 50) -> list[dict]:
    """Actors that share events with an actor (as its actor or target), most shared events first."""
    rows = select(store, f"""
SELECT ?other (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?event) AS ?events) WHERE {{
  #VALUES
  GRAPH ?g {{
    {{ ?event ckg:actor ?actor ; ckg:target ?other }} UNION {{ ?event ckg:target ?actor ; ckg:actor ?other }}
  }}
  OPTIONAL {{ ?other rdfs:label ?l }}
  FILTER(?other != ?actor)
}} GROUP BY ?other ORDER BY DESC(?events) ?label LIMIT {int(limit)}""", {"actor": f"<{iri}>"})
    return [{"iri": r["other"], "id": r["other"].rsplit("/", 1)[-1], "label": r.get("label"),
             "events": int(r["events"])} for r in rows]


_ARTICLE = """
  ?article a ckg:Article ; ckg:sourceId ?sourceId ; ckg:published ?published .
  OPTIONAL { ?article ckg:title ?title } OPTIONAL { ?article ckg:outlet ?outlet }
  OPTIONAL { ?article ckg:dateline ?dateline } OPTIONAL { ?article ckg:url ?url }"""


def _article_row(row: dict) -> dict:
    out = {"iri": row["article"], "id": row["article"].rsplit("/", 1)[-1], "source_id": row["sourceId"],
           "published": row["published"]}
    for key in ("title", "outlet", "dateline", "url"):
        out[key] = row.get(key)
    if "events" in row:
        out["events"] = int(row["events"])
    return out


def articles(store: Store, *, limit: int = 50, offset: int = 0) -> list[dict]:
    """Articles, newest first, with how many events each reports."""
    rows = select(store, f"""
SELECT ?article ?sourceId ?published ?title ?outlet ?dateline ?url (COUNT(DISTINCT ?event) AS ?events)
WHERE {{ GRAPH ?article {{ {_ARTICLE}
  OPTIONAL {{ ?event ckg:reportedIn ?article }} }} }}
GROUP BY ?article ?sourceId ?published ?title ?outlet ?dateline ?url
ORDER BY DESC(?published) ?article LIMIT {int(limit)} OFFSET {int(offset)}""")
    return [_article_row(r) for r in rows]


def article(store: Store, iri: str) -> dict | None:
    """An article with its text, or None."""
    rows = select(store, f"SELECT * WHERE {{ #VALUES GRAPH ?article {{ {_ARTICLE} ?article ckg:text ?text }} }}",
                  {"article": f"<{iri}>"})
    if not rows:
        return None
    out = _article_row(rows[0])
    out["text"] = rows[0]["text"]
    return out


def dump_nquads(store: Store, graph: str | None = None) -> Iterator[bytes]:
    """Every quad of the named graphs (or of one) as N-Quads, in pieces (`Store.dump`)."""
    return store.dump("nquads", graph)


def dump_turtle(store: Store, graph: str | None = None) -> Iterator[bytes]:
    """The union of all named graphs (or one graph) as Turtle, without graph names, in pieces."""
    return store.dump("turtle", graph)


_GEOCODED = """
    ?event ckg:place ?place ."""
_GEOCODES = """
  ?place wgs84:lat ?lat ; wgs84:long ?long .
  OPTIONAL { ?place rdfs:label ?placeLabel }"""


def map_points(store: Store, query: EventQuery, *, limit: int = 2000) -> list[dict]:
    """Geocoded places of the events `query` keeps, with how many events of which types, most first.

    The events are counted per place first (in a subquery that reads only the event graphs'
    triples the filters need) and only the places found are then joined to their coordinates:
    on 100,000 events 2.8 times faster than one group over the joined rows (bench/README.md, "Views").
    """
    fragment, bindings = query.parts()
    rows = select(store, f"""
SELECT ?place ?events ?types ?first ?last (SAMPLE(?placeLabel) AS ?label) (SAMPLE(?lat) AS ?la)
       (SAMPLE(?long) AS ?lo) WHERE {{
  {{ SELECT ?place (COUNT(DISTINCT ?event) AS ?events)
       (GROUP_CONCAT(DISTINCT STRAFTER(STR(?action), "/plover/"); separator=",") AS ?types)
       (MIN(?date) AS ?first) (MAX(?date) AS ?last)
     WHERE {{ {lean_pattern(query, fragment + _GEOCODED)} }} GROUP BY ?place }}
  {_GEOCODES}
}} GROUP BY ?place ?events ?types ?first ?last ORDER BY DESC(?events) ?place LIMIT {int(limit)}""", bindings)
    return [{"iri": r["place"], "label": r.get("label"), "lat": float(r["la"]), "long": float(r["lo"]),
             "events": int(r["events"]), "types": sorted(r["types"].split(",")) if r.get("types") else [],
             "first": r.get("first"), "last": r.get("last")} for r in rows]


def lean_pattern(query: EventQuery, fragment: str, *, dated: bool = False) -> str:
    """The events `query` keeps with ?event, ?action and ?date bound (?date only if `dated`,
    else where known) and nothing else: the article and confidence are read only when a filter
    needs them, and the type triple is left out (ckg:action's domain is ckg:Event), which makes a
    count over every event about twice as fast (`map_points`)."""
    reads = ["?event ckg:action ?action ."]
    reads.append("?event ckg:date ?date ." if dated else "OPTIONAL { ?event ckg:date ?date }")
    if query.article:
        reads.append("OPTIONAL { ?event ckg:reportedIn ?article }")
    if query.min_confidence is not None:
        reads.append("OPTIONAL { ?event ckg:confidence ?confidence }")
    return "GRAPH ?g {\n    #VALUES\n    %s\n    %s\n  }\n  %s" % (fragment, "\n    ".join(reads), query.described())


_EXAMPLE_PREFIXES = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX plover: <https://w3id.org/conflict-kg/plover/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
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
