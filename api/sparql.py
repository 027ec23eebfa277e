"""SPARQL 1.1 Protocol at /sparql: query by GET or POST, content negotiation, service description."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from werkzeug.datastructures import MIMEAccept

from kg.errors import QueryError, StoreError
from kg.store import GRAPH_FORMATS, RESULT_FORMATS, query_form

from .errors import ApiError

bp = Blueprint("sparql", __name__)

RESULT_TYPES = {mime: fmt for fmt, mime in RESULT_FORMATS.items()}
RESULT_TYPES.update({"application/json": "json", "application/xml": "xml", "text/xml": "xml"})
GRAPH_TYPES = {mime: fmt for fmt, mime in GRAPH_FORMATS.items()}
GRAPH_TYPES.update({"text/plain": "ntriples", "application/x-turtle": "turtle", "application/xml": "rdfxml"})
SD_TURTLE = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,
        formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:JSON-LD, formats:RDF_XML ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""


def _negotiate(accept: MIMEAccept, table: dict[str, str], default: str) -> tuple[str, str]:
    if not accept or accept.best in (None, "*/*") and len(accept) <= 1:
        fmt = default
        return fmt, next(m for m, f in table.items() if f == fmt)
    best = accept.best_match(list(table) + ["*/*"])
    if best is None:
        raise ApiError(406, "Not Acceptable",
                       f"this result can be served as: {', '.join(sorted(set(table)))}")
    if best == "*/*":
        return default, next(m for m, f in table.items() if f == default)
    return table[best], best


def _params() -> tuple[str | None, list[str], list[str]]:
    if request.method == "GET":
        args = request.args
        return args.get("query"), args.getlist("default-graph-uri"), args.getlist("named-graph-uri")
    ctype = (request.mimetype or "").lower()
    if ctype == "application/x-www-form-urlencoded":
        form = request.form
        if "update" in form:
            raise ApiError(403, "Forbidden", "this endpoint is read-only: SPARQL Update is not allowed")
        return form.get("query"), form.getlist("default-graph-uri"), form.getlist("named-graph-uri")
    if ctype == "application/sparql-query":
        args = request.args
        return (request.get_data(as_text=True), args.getlist("default-graph-uri"),
                args.getlist("named-graph-uri"))
    if ctype == "application/sparql-update":
        raise ApiError(403, "Forbidden", "this endpoint is read-only: SPARQL Update is not allowed")
    raise ApiError(415, "Unsupported Media Type",
                   "POST a query as application/x-www-form-urlencoded or application/sparql-query")


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    """Answer a SPARQL query (protocol), or describe the service when no query is given."""
    if request.method == "OPTIONS":
        return Response(status=204)
    if request.method == "GET" and len(request.args.getlist("query")) > 1:
        raise ApiError(400, "Bad Request", "give exactly one 'query' parameter")
    if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded" \
            and len(request.form.getlist("query")) > 1:
        raise ApiError(400, "Bad Request", "give exactly one 'query' parameter")
    sparql, default_graphs, named_graphs = _params()
    if sparql is None:
        if request.method == "GET" and not request.args:
            return Response(SD_TURTLE.format(endpoint=request.base_url), mimetype="text/turtle")
        raise ApiError(400, "Bad Request", "missing 'query' parameter")
    form = query_form(sparql)
    table, default = (GRAPH_TYPES, "turtle") if form in ("CONSTRUCT", "DESCRIBE") else (RESULT_TYPES, "json")
    fmt, mime = _negotiate(request.accept_mimetypes, table, default)
    store = current_app.extensions["kg_store"]
    try:
        body = store.query(sparql, fmt, default_graphs=default_graphs or None, named_graphs=named_graphs or None)
    except QueryError as exc:
        raise ApiError(400, "Bad Request", str(exc)) from None
    except StoreError as exc:
        raise ApiError(503, "Service Unavailable", str(exc)) from None
    charset = "; charset=utf-8" if not mime.endswith("json") or True else ""
    return Response(body, content_type=mime + charset)
