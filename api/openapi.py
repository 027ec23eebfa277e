"""The OpenAPI 3.1 description of the service (served at /openapi.json, rendered at /docs).

`tests/test_api_docs.py` checks that every route of the app is described here. The event filters
are described from `kg.filters.PARAMETERS`, the one model of the filters and their meanings.
"""
from __future__ import annotations

from kg.articles import MAX_TEXT
from kg.filters import PARAMETERS
from kg.graph.centrality import METRICS
from kg.graph.communities import METHODS

__all__ = ["openapi_document"]


def _q(name: str, description: str, schema: dict | None = None, required: bool = False) -> dict:
    """A query parameter; an optional one may also be sent empty (`name=`, as HTML forms do): not given."""
    schema = schema or {"type": "string"}
    if not required and schema != {"type": "string"}:
        schema = {"anyOf": [schema, EMPTY]}
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def _path(name: str, description: str, pattern: str = r"^[^\x00-\x20<>\"{}|^`\\/]+$",
          example: str | None = None) -> dict:
    schema = {"type": "string", "pattern": pattern, **({"example": example} if example else {})}
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


EMPTY = {"type": "string", "maxLength": 0}
# An id (libyan-national-army) or a full IRI: no spaces, controls or <>"{}|^`\ (some other characters
# that IRIs forbid, such as C1 controls, are a 400 too).
IRI_OR_ID = r"^[^\x00-\x20<>\"{}|^`\\]+$"


def _int(lo: int, hi: int, default: int | None = None) -> dict:
    return {"type": "integer", "minimum": lo, "maximum": hi, **({"default": default} if default is not None else {})}


PAGE = [_q("limit", "Rows per page (1-500).", _int(1, 500, 50)),
        _q("offset", "Rows to skip (0-100000).", _int(0, 100000, 0))]


def _filters(*, listing: bool = False, source: str = "source") -> list[dict]:
    """The event filters, made from `kg.filters.PARAMETERS` (`listing`: with `actor`); `source` names
    the report-source filter (``sources`` on /api/paths, whose `source` is the start actor)."""
    out = []
    for p in PARAMETERS:
        if p.listing and not listing:
            continue
        if p.name == "source" and source != "source":
            out.append(_q(source, p.help + " (`source` is the start actor here.)", p.schema))
        else:
            out.append(_q(p.name, p.help, p.schema))
    return out


FILTERS, LISTING_FILTERS, PATH_FILTERS = _filters(), _filters(listing=True), _filters(source="sources")
ACTOR_NAME = {"type": "string", "pattern": r"\S", "example": "Khalifa Haftar"}
GRAPH = [_q("graph", "Which projection: actors linked by events, or the bipartite actor-event graph.",
            {"type": "string", "enum": ["actor", "directed", "actor-event", "bipartite"], "default": "actor"})]
NETWORK = [
    _q("directed", "true: one link per ordered pair (actor to target); false (the default): per pair.",
       {"type": "boolean", "default": False}),
    _q("min_weight", "Keep links of at least this many events (actors left without a link are left out, "
                     "but for the ego).", _int(1, 1_000_000, 1)),
    _q("top", "Keep the top N actors by `metric` (and the links among them); 0 or absent: all.",
       _int(0, 1_000_000, 0)),
    _q("metric", "Centrality of each node's `score`, and the order for `top` (computed after `ego` and "
                 "`min_weight`; betweenness is estimated from 500 sources above 5,000 actors).",
       {"type": "string", "enum": list(METRICS), "default": "degree"}),
    _q("ego", "Only the ego network of this actor (name, alias, id or IRI): the actors within `radius` links.",
       ACTOR_NAME),
    _q("radius", "Links from the ego (1-3).", _int(1, 3, 1)),
]
INTERVAL = _q("interval", "Period of the counts: day, week (from Monday), month, or auto (day up to 92 days, "
                          "week up to 3 years, month beyond); at most 5000 periods.",
              {"type": "string", "enum": ["auto", "day", "week", "month"], "default": "auto"})
FORMAT = _q("format", "json, or csv: one row per period (and direction, for a dyad), one column per type.",
            {"type": "string", "enum": ["json", "csv"], "default": "json"})
ERROR = {"description": "The one error shape", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


BUSY = {"description": "Too many graph-analysis or export requests at once (KG_MAX_EXPENSIVE); "
                       "retry after Retry-After seconds",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


TOO_LARGE = {"description": "The body is larger than KG_MAX_BODY", "content": ERROR["content"]}


def _get(summary: str, parameters: list, *, tag: str, content="application/json", busy: bool = False) -> dict:
    types = content if isinstance(content, tuple) else (content,)
    responses = {"200": {"description": "OK", "content": {t: {} for t in types}}, "400": ERROR, "404": ERROR}
    if busy:
        responses["503"] = BUSY
    return {"get": {"summary": summary, "tags": [tag], "parameters": parameters, "responses": responses}}


def _sparql() -> dict:
    results = {m: {} for m in ("application/sparql-results+json", "application/sparql-results+xml",
                               "text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples",
                               "application/n-quads", "application/trig", "text/n3", "application/ld+json",
                               "application/rdf+xml")}
    ok = {"200": {"description": "Results (SELECT/ASK) or RDF (CONSTRUCT/DESCRIBE) by content negotiation "
                                 "(Accept with q and media-type parameters, RFC 9110; an Accept of only SELECT "
                                 "types on a CONSTRUCT gets Turtle); X-KG-Truncated: true when KG_MAX_ROWS cut it",
                  "content": results},
          "400": ERROR, "406": ERROR, "415": ERROR, "503": ERROR}
    iri = {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*$"}
    q = [_q("query", "SPARQL 1.1 query (without it: the service description, or the query page for browsers)."),
         _q("default-graph-uri", "Default graph IRI (repeatable). With it or named-graph-uri the dataset is exactly "
                                 "the graphs given, whatever the query's FROM / FROM NAMED say; with neither, the "
                                 "query's clauses, else the union of all graphs as the default graph.", iri),
         _q("named-graph-uri", "Named graph IRI (repeatable): the only graphs GRAPH can match when either "
                               "protocol parameter is given.", iri),
         *[_q(name, "A result format name that overrides the Accept header: json, xml, csv, tsv (SELECT/ASK); "
                    "turtle, n3, nt, nquads, trig, rdf+xml, xml, json-ld, json (CONSTRUCT/DESCRIBE); or a media "
                    "type. A name this result has no format for is ignored (the Accept header decides).")
           for name in ("format", "output", "results")]]
    text = {"type": "string", "pattern": r"\S"}
    form = {"type": "object", "properties": {"query": text, "update": text},
            "oneOf": [{"required": ["query"]}, {"required": ["update"]}]}
    body = {"required": True, "description": "The SPARQL text (its grammar is SPARQL 1.1, not JSON Schema)", "content": {
        "application/x-www-form-urlencoded": {"schema": form},
        "application/sparql-query": {"schema": text}, "application/sparql-update": {"schema": text}}}
    update_body = {**body, "content": {**body["content"], "application/x-www-form-urlencoded": {"schema": {
        "type": "object", "properties": {"update": text}, "required": ["update"]}}}}
    del update_body["content"]["application/sparql-query"]
    post = {"summary": "Query by POST (form or direct); Update with Authorization: Bearer <token>", "tags": ["SPARQL"],
            "requestBody": body, "responses": {**ok, "204": {"description": "Update done"}, "401": ERROR, "403": ERROR,
                                               "413": TOO_LARGE}}
    update = {"summary": "SPARQL 1.1 Update (token needed)", "tags": ["SPARQL"], "requestBody": update_body,
              "responses": {"204": {"description": "Update done"}, "400": ERROR, "401": ERROR, "403": ERROR,
                            "413": TOO_LARGE, "415": ERROR}}
    return {"/sparql": {"get": {"summary": "SPARQL 1.1 query by GET", "tags": ["SPARQL"], "parameters": q,
                                "responses": ok}, "post": post},
            "/update": {"post": update}}


EXPORT_TYPES = ("application/gexf+xml", "application/graphml+xml", "application/zip", "application/json",
                "text/turtle", "application/n-quads")


def openapi_document() -> dict:
    """The OpenAPI document as a dict."""
    paths = {
        "/api/stats": _get("Counts of articles, events, actors, places, triples; events per type", [], tag="Stats"),
        "/api/actors": _get("Search actors by name or alias", [_q("q", "Part of a name or alias.")] + PAGE, tag="Actors"),
        "/api/search": _get("Actors, places (by name or alias) and articles, best matches first; events too", [
            _q("q", "Part of a name, alias or article title (case-insensitive).", {"type": "string", "pattern": r"\S"},
               required=True), _q("limit", "Matches of each kind (1-500).", _int(1, 500, 20)),
            _q("events", "true: also `events`, those of the three best matching actors and those whose evidence "
                         "sentence or notes hold q, newest first.", {"type": "boolean", "default": False})],
            tag="Search"),
        "/api/actors/{key}": _get("An actor with its events and linked actors", [
            _path("key", "Actor id or IRI", IRI_OR_ID, "libyan-national-army"),
            _q("limit", "Most events to include (1-500).", _int(1, 500, 100))], tag="Actors"),
        "/api/events": _get("Events, filtered, with total; each lists its `actors` and `targets` (every party of a "
                            "joint act; `actor` and `target` are the first)", LISTING_FILTERS + PAGE, tag="Events"),
        "/api/events/{key}": _get("One event with its evidence, or an imported event with its notes (ACLED) or "
                                  "source URL (GDELT)", [_path(
            "key", "Event id: 16 hex digits for an extracted event; acled-{event_id_cnty} or gdelt-{GlobalEventID} "
                   "for an imported one (case-insensitive: acled-LBY1234 is acled-lby1234)")], tag="Events"),
        "/api/articles": {**_get("Articles, newest first", PAGE, tag="Articles"), "post": {
            "summary": "Ingest an article (Authorization: Bearer <token>)", "tags": ["Articles"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewArticle"}}}},
            "responses": {"201": {"description": "Added"}, "200": {"description": "Replaced or unchanged"},
                          "400": ERROR, "401": ERROR, "403": ERROR, "413": TOO_LARGE, "422": ERROR}}},
        "/api/articles/{key}": _get("An article, its text, events and evidence offsets", [_path("key", "Article id")], tag="Articles"),
        "/api/map": _get("Geocoded places of the filtered events", LISTING_FILTERS + [
            _q("limit", "Most places (1-10000).", _int(1, 10000, 2000))], tag="Events"),
        "/api/timeline": _get("Events per day, week or month and PLOVER type, of the filtered events (JSON or CSV)",
            [INTERVAL, FORMAT] + LISTING_FILTERS, tag="Timelines", content=("application/json", "text/csv")),
        "/api/dyads/{a}/{b}": _get("What actor a did to b and b to a, per period and PLOVER type (JSON or CSV)", [
            _path("a", "Actor id", example="libyan-national-army"),
            _path("b", "Actor id", example="government-of-national-accord"), INTERVAL, FORMAT] + FILTERS,
            tag="Timelines", content=("application/json", "text/csv")),
        "/api/places/{key}": _get("A place: names, country, coordinates, events, and the places inside it (a "
                                  "country's places, or those that lie in it) and within 25 km", [
            _path("key", "Place id (geonames-2210247) or IRI", IRI_OR_ID, "geonames-2210247")], tag="Events"),
        "/api/network": _get("The network view: actors, and one link per pair of actors (per ordered pair with "
                             "`directed`) weighted by its events and typed links, with its sign mix, its events' "
                             "dates and types and its links (membership, leadership, command: each one cooperation)",
                             NETWORK + FILTERS, tag="Graph", busy=True),
        "/api/paths": _get("Shortest paths between two actors; each hop has a `kind` (event, or the membership, leadership or command it follows), its `links` and its events", [
            _q("source", "Actor name, alias, id or IRI", ACTOR_NAME, required=True),
            _q("target", "Actor name, alias, id or IRI", ACTOR_NAME, required=True),
            _q("k", "How many paths (1-20).", _int(1, 20, 3)),
            _q("weighted", "1, true or yes: weigh links by their events.")] + PATH_FILTERS, tag="Graph", busy=True),
        "/api/neighbours": _get("Actors linked to an actor by events or typed links; `links` says how a direct neighbour is tied", [
            _q("actor", "Actor name, alias, id or IRI", ACTOR_NAME, required=True),
            _q("hops", "How many links away (1-5).", _int(1, 5, 1))] + FILTERS, tag="Graph", busy=True),
        "/api/centrality": _get("Most central actors", [_q("metric", "Centrality measure", {"type": "string", "enum": list(METRICS), "default": "degree"}),
            _q("top", "How many actors (1-500).", _int(1, 500, 20)),
            _q("k", "Sample size for approximate betweenness (0: exact).", _int(0, 100000))] + FILTERS, tag="Graph", busy=True),
        "/api/communities": _get("Camps of actors and how often each fights itself (frustration)", [
            _q("method", "signed: sides of the signed graph (cooperation joins, conflict parts); louvain: Louvain "
                         "communities of the unsigned graph, with their modularity.",
               {"type": "string", "enum": list(METHODS), "default": "signed"})] + FILTERS,
            tag="Graph", busy=True),
        "/api/export/{fmt}": _get("Download the filtered network, or the RDF (all of it, or one `article`)", [
            {**_path("fmt", "gexf, graphml, csv (zip), json (node-link), turtle or nquads"),
             "schema": {"type": "string", "enum": ["gexf", "graphml", "csv", "json", "turtle", "nquads"]}},
            _q("dynamic", "GEXF only: a dynamic graph with spells from the event dates, for Gephi's timeline "
                          "(as `kg export --dynamic`).", {"type": "boolean", "default": False})] + GRAPH + FILTERS,
            tag="Exports", content=EXPORT_TYPES, busy=True),  # RDF dumps check the filters, use `article` only
        **_sparql(),
    }
    schemas = {
        "Error": {"type": "object", "required": ["ok", "status", "error", "detail"], "properties": {
            "ok": {"const": False}, "status": {"type": "integer"}, "error": {"type": "string"},
            "detail": {"type": "string"}, "suggestions": {"type": "array", "items": {"type": "string"}}}},
        "NewArticle": {"type": "object", "required": ["id", "text", "date"], "properties": {
            "id": {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "integer"}]},
            "text": {"type": "string", "pattern": r"\S", "maxLength": MAX_TEXT,
                     "description": f"At most {MAX_TEXT:,} characters, without NUL characters"},
            "date": {"type": "string", "pattern": r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}",
                     "description": "Publication day, YYYY-MM-DD (a date-time's day is taken); "
                                    "`pub_date` or `published` may stand for it"},
            **{k: {"type": ["string", "number", "null"]} for k in ("title", "url", "outlet", "dateline")},
            "origin": {"type": ["object", "null"], "additionalProperties": False, "required": ["format"],
                       "description": "Where the article was read from (kept as its ckg:Retrieval); `kg watch` "
                                      "sends it. Without it, the article's origin is this request.",
                       "properties": {
                           "format": {"enum": ["txt", "jsonl", "html", "warc", "feed", "api"]},
                           "file": {"type": ["string", "null"]}, "page": {"type": ["string", "null"]},
                           "feed": {"type": ["string", "null"]},
                           "retrieved": {"type": ["string", "null"], "format": "date-time"}}}}},
    }
    return {"openapi": "3.1.0",
            "info": {"title": "conflict-kg", "version": "0.1.0",
                     "description": "Conflict events (actor, PLOVER action, target, place, date) from news articles, "
                                    "as a JSON API and a SPARQL 1.1 endpoint. Every answer has `ok`; errors share one shape."},
            "servers": [{"url": "/"}], "paths": paths, "components": {"schemas": schemas}}
