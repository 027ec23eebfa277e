"""SPARQL 1.1 Protocol at /sparql (query, and update with a token) and /update; the query page.

Limits: a query runs at most KG_QUERY_TIMEOUT seconds (503 after that, see `db.py`); a result
keeps its first KG_MAX_ROWS rows or triples and then says so with the header
`X-KG-Truncated: true` (and `"truncated": true` in SPARQL JSON), and the result is streamed, so a
huge one costs neither memory nor time. SERVICE (and LOAD, in updates) is refused with 400: the
server never fetches from other hosts. Queries that would crash or swamp the engine (deep
nesting, thousands of operators, too many patterns to plan, cartesian products) are refused
with 400 before they run (`guard.py`).
"""
from __future__ import annotations

import re
import time

from flask import Blueprint, Response, render_template, request

from kg.errors import QueryError
from kg.queries import EXAMPLE_QUERIES

from . import guard, protocol
from .db import get_runner, get_settings, get_store, require_writer, writable
from .errors import ApiError
from .negotiate import GRAPH_TYPES, RESULT_TYPES, mime_of, negotiate
from .operation import Operation, read_operation
from .results import cap_rows, graph_as
from .service import service_description

bp = Blueprint("sparql", __name__)


def _wants_page() -> bool:
    accept = request.accept_mimetypes
    return request.method == "GET" and accept.best_match(["text/turtle", "text/html"]) == "text/html" \
        and accept.quality("text/html") > accept.quality("text/turtle")


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    """Answer a SPARQL query or update; describe the service (or show the query page) without one."""
    operation = read_operation(request)
    if operation.kind == "none":
        if request.args or request.method == "POST":
            raise ApiError.bad_request("missing 'query' parameter")
        if _wants_page():
            return render_template("sparql/query.html", examples=EXAMPLE_QUERIES)
        return _describe()
    if operation.kind == "update":
        return _update(operation)
    return _query(operation)


@bp.post("/update")
def update():
    """SPARQL 1.1 Update (needs the bearer token)."""
    operation = read_operation(request)
    if operation.kind != "update":
        raise ApiError.bad_request("POST an update here: form field 'update' or application/sparql-update")
    return _update(operation)


def _describe() -> Response:
    fmt = negotiate(request.accept_mimetypes, GRAPH_TYPES, "turtle", request.args.get("format"))
    body = service_description(request.base_url, fmt, update=writable(get_settings()))
    return Response(body, content_type=mime_of(fmt) + "; charset=utf-8")


def _nonempty(operation: Operation) -> str:
    """The operation's text, unless it holds nothing but spaces and comments (a 400: Oxigraph would
    run an empty update as a no-op and answer 204 to what is surely a client's mistake)."""
    if next(protocol.tokens(operation.text), None) is None:
        raise ApiError.bad_request(f"the {operation.kind} is empty")
    return operation.text


def _query(operation: Operation) -> Response:
    sparql = _nonempty(operation)
    try:
        guard.check_query(sparql)
    except guard.QueryShapeError as exc:
        raise ApiError.bad_request(str(exc)) from None
    if protocol.uses_service(sparql):
        raise ApiError.bad_request("SERVICE is not allowed: this endpoint does not query other endpoints")
    graph_result = protocol.query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
    table, default = (GRAPH_TYPES, "turtle") if graph_result else (RESULT_TYPES, "json")
    fmt = negotiate(request.accept_mimetypes, table, default, request.values.get("format"))
    run_fmt = "ntriples" if graph_result else fmt
    max_rows = get_settings().max_rows
    store = get_store()  # the worker thread has no app context

    based = f"BASE <{request.base_url}> "
    runner = get_runner()
    dataset = {"default_graphs": operation.default_graphs or None, "named_graphs": operation.named_graphs or None}
    # A store that can stream stops at max_rows + 1 rows (and at the time limit): memory stays bounded.
    bounded = getattr(store, "bounded_query", None)
    deadline = time.monotonic() + runner.timeout + 0.5  # after the runner's 503: the worker then stops writing

    def run():
        if bounded is not None:
            body = bounded(based + sparql, run_fmt, max_rows=max_rows + 1, deadline=deadline, **dataset)
        else:
            body = store.query(based + sparql, run_fmt, **dataset)
        body, truncated = cap_rows(body, run_fmt, max_rows)
        return (graph_as(body, fmt) if graph_result else body), truncated

    try:
        body, truncated = runner.run(run)
    except QueryError as exc:
        raise ApiError.bad_request(_unshift(str(exc), len(based))) from None
    response = Response(body, content_type=mime_of(fmt) + "; charset=utf-8")
    if truncated:
        response.headers["X-KG-Truncated"] = "true"
        response.headers["X-KG-Max-Rows"] = str(max_rows)
        if fmt == "json":
            response.set_data(_json_note(body, max_rows))
    return response


def _json_note(body: bytes, max_rows: int) -> bytes:
    import json

    data = json.loads(body)
    data["truncated"] = True
    data["note"] = (f"only the first {max_rows} rows are returned (KG_MAX_ROWS); "
                    "add LIMIT/OFFSET to page through the rest")
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _update(operation: Operation) -> Response:
    require_writer(request.headers.get("Authorization"))
    text = _nonempty(operation)
    try:
        guard.check_update(text)
    except guard.QueryShapeError as exc:
        raise ApiError.bad_request(str(exc)) from None
    if protocol.uses_service(text, update=True):
        raise ApiError.bad_request("SERVICE is not allowed: this endpoint does not query other endpoints")
    if protocol.uses_load(text):
        raise ApiError.bad_request("LOAD is not allowed: this endpoint does not fetch documents")
    if operation.default_graphs or operation.named_graphs:
        if protocol.dataset_clauses(text):
            raise ApiError.bad_request("give the dataset either by using-graph-uri/using-named-graph-uri "
                                       "or by USING/WITH in the update, not both")
        try:
            text = protocol.with_using(text, operation.default_graphs, operation.named_graphs)
        except ValueError as exc:
            raise ApiError.bad_request(f"malformed SPARQL update: {exc}") from None
    based = f"BASE <{request.base_url}> "
    try:
        get_store().update(based + text)
    except QueryError as exc:
        raise ApiError.bad_request(_unshift(str(exc), len(based))) from None
    return Response(status=204)


def _unshift(message: str, prefix: int) -> str:
    """Parser positions as the client wrote the text (we prepended a BASE to line 1)."""
    return re.sub(r"\b1:(\d+)", lambda m: f"1:{max(1, int(m.group(1)) - prefix)}", message)
