"""The OpenAPI 3.1 description of the service (served at /openapi.json, rendered at /docs).

`tests/test_api_docs.py` checks that every route of the app is described here.
"""
from __future__ import annotations

from kg.mapping.namespaces import PLOVER_TYPES

__all__ = ["openapi_document"]


def _q(name: str, description: str, schema: dict | None = None, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or {"type": "string"}}


def _path(name: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": {"type": "string"}}


PAGE = [_q("limit", "Rows per page (1-500).", {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}),
        _q("offset", "Rows to skip (0-100000).", {"type": "integer", "minimum": 0, "maximum": 100000, "default": 0})]
FILTERS = [
    _q("type", "PLOVER event type; repeat or comma-separate for several.",
       {"type": "string", "enum": list(PLOVER_TYPES)}),
    _q("place", "Place IRI, id (geonames-2210247) or name (case-insensitive, aliases too)."),
    _q("country", "ISO 3166-1 alpha-3 code of the event's place (LBY).", {"type": "string", "pattern": "^[A-Za-z]{3}$"}),
    _q("from", "Events on or after this day (YYYY-MM-DD); undated events are left out.", {"type": "string", "format": "date"}),
    _q("to", "Events on or before this day (YYYY-MM-DD).", {"type": "string", "format": "date"}),
    _q("article", "Article id or IRI."),
    _q("min_confidence", "Lowest extraction confidence, 0-1.", {"type": "number", "minimum": 0, "maximum": 1}),
]
ACTOR = [_q("actor", "Actor id (libyan-national-army) or IRI: events where it is actor or target.")]
GRAPH = [_q("graph", "Which projection: actors linked by events, or the bipartite actor-event graph.",
            {"type": "string", "enum": ["actor", "actor-event"], "default": "actor"})]
ERROR = {"description": "The one error shape", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _get(summary: str, parameters: list, *, tag: str, content: str = "application/json", extra=None) -> dict:
    responses = {"200": {"description": "OK", "content": {content: {}}}, "400": ERROR, "404": ERROR}
    return {"get": {"summary": summary, "tags": [tag], "parameters": parameters, "responses": responses, **(extra or {})}}


def _sparql() -> dict:
    results = {m: {} for m in ("application/sparql-results+json", "application/sparql-results+xml",
                               "text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples",
                               "application/ld+json", "application/rdf+xml")}
    ok = {"200": {"description": "Results (SELECT/ASK) or RDF (CONSTRUCT/DESCRIBE) by content negotiation; "
                                 "X-KG-Truncated: true when KG_MAX_ROWS cut it", "content": results},
          "400": ERROR, "406": ERROR, "415": ERROR, "503": ERROR}
    q = [_q("query", "SPARQL 1.1 query (without it: the service description, or the query page for browsers)."),
         _q("default-graph-uri", "Default graph IRI (repeatable)."), _q("named-graph-uri", "Named graph IRI (repeatable)."),
         _q("format", "Override content negotiation: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml.")]
    body = {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
        "query": {"type": "string"}, "update": {"type": "string"}}}},
        "application/sparql-query": {"schema": {"type": "string"}},
        "application/sparql-update": {"schema": {"type": "string"}}}}
    post = {"summary": "Query by POST (form or direct); Update with Authorization: Bearer <token>", "tags": ["SPARQL"],
            "requestBody": body, "responses": {**ok, "204": {"description": "Update done"}, "401": ERROR, "403": ERROR}}
    update = {"summary": "SPARQL 1.1 Update (token needed)", "tags": ["SPARQL"], "requestBody": body,
              "responses": {"204": {"description": "Update done"}, "400": ERROR, "401": ERROR, "403": ERROR}}
    return {"/sparql": {"get": {"summary": "SPARQL 1.1 query by GET", "tags": ["SPARQL"], "parameters": q,
                                "responses": ok}, "post": post},
            "/update": {"post": update}}


def openapi_document() -> dict:
    """The OpenAPI document as a dict."""
    paths = {
        "/api/stats": _get("Counts of articles, events, actors, places, triples; events per type", [], tag="Stats"),
        "/api/actors": _get("Search actors by name or alias", [_q("q", "Part of a name or alias.")] + PAGE, tag="Actors"),
        "/api/actors/{key}": _get("An actor with its events and linked actors", [_path("key", "Actor id or IRI"),
                                  _q("limit", "Most events to include (1-500).", {"type": "integer"})], tag="Actors"),
        "/api/events": _get("Events, filtered, with total", ACTOR + FILTERS + PAGE, tag="Events"),
        "/api/events/{key}": _get("One event with its evidence", [_path("key", "Event id (16 hex digits) or IRI")], tag="Events"),
        "/api/articles": {**_get("Articles, newest first", PAGE, tag="Articles"), "post": {
            "summary": "Ingest an article (Authorization: Bearer <token>)", "tags": ["Articles"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewArticle"}}}},
            "responses": {"201": {"description": "Added"}, "200": {"description": "Replaced or unchanged"},
                          "400": ERROR, "401": ERROR, "403": ERROR, "422": ERROR}}},
        "/api/articles/{key}": _get("An article, its text, events and evidence offsets", [_path("key", "Article id or IRI")], tag="Articles"),
        "/api/map": _get("Geocoded places of the filtered events", ACTOR + FILTERS, tag="Events"),
        "/api/network": _get("Actors and events as nodes and edges (network view)", FILTERS, tag="Graph"),
        "/api/paths": _get("Shortest paths between two actors", [_q("source", "Actor name, alias, id or IRI", required=True),
                           _q("target", "Actor name, alias, id or IRI", required=True),
                           _q("k", "How many paths (1-20).", {"type": "integer", "default": 3})] + FILTERS, tag="Graph"),
        "/api/neighbours": _get("Actors linked to an actor", [_q("actor", "Actor name, alias, id or IRI", required=True)] + FILTERS, tag="Graph"),
        "/api/centrality": _get("Most central actors", [_q("metric", "Centrality measure", {"type": "string", "enum": [
            "degree", "betweenness", "pagerank", "eigenvector", "closeness"], "default": "degree"}),
            _q("top", "How many actors (1-500).", {"type": "integer", "default": 20}),
            _q("k", "Sample size for approximate betweenness.", {"type": "integer"})] + FILTERS, tag="Graph"),
        "/api/communities": _get("Communities of actors", FILTERS, tag="Graph"),
        "/api/export/{fmt}": _get("Download the network or the RDF", [
            {**_path("fmt", "gexf, graphml, csv (zip), json (node-link), turtle or nquads"),
             "schema": {"type": "string", "enum": ["gexf", "graphml", "csv", "json", "turtle", "nquads"]}}] + GRAPH + FILTERS,
            tag="Exports", content="application/octet-stream"),
        **_sparql(),
    }
    schemas = {
        "Error": {"type": "object", "required": ["ok", "status", "error", "detail"], "properties": {
            "ok": {"const": False}, "status": {"type": "integer"}, "error": {"type": "string"},
            "detail": {"type": "string"}, "suggestions": {"type": "array", "items": {"type": "string"}}}},
        "NewArticle": {"type": "object", "required": ["id", "text", "date"], "properties": {
            k: {"type": "string"} for k in ("id", "text", "date", "title", "url", "outlet", "dateline")}},
    }
    return {"openapi": "3.1.0",
            "info": {"title": "conflict-kg", "version": "0.1.0",
                     "description": "Conflict events (actor, PLOVER action, target, place, date) from news articles, "
                                    "as a JSON API and a SPARQL 1.1 endpoint. Every answer has `ok`; errors share one shape."},
            "servers": [{"url": "/"}], "paths": paths, "components": {"schemas": schemas}}
