"""SPARQL 1.1 Protocol at /sparql (query, and update with a token) and /update; the query page.

`SparqlService` answers /sparql and /update as a plain WSGI app in front of Flask, because a
query is mostly engine work and Flask's request machinery cost more than the engine on small
queries (bench/README.md, "SPARQL over HTTP"); everything else, and the HTML query page, is
passed to Flask. What a request needs from the query text (form, size, products, SERVICE) is
read once per distinct text (`kg.sparql_text.read_query`, `guard.products`), the format is
negotiated once per Accept header (`negotiate.choose`), and the result is written by
pyoxigraph's own serialisers (`OxigraphStore.bounded_query`).

Limits: a query runs at most KG_QUERY_TIMEOUT seconds (503 after that, `db.QueryRunner`); a
result keeps its first KG_MAX_ROWS rows or triples and then says so with `X-KG-Truncated:
true` (and `"truncated": true` in SPARQL JSON). SERVICE (and LOAD, in updates) is refused with
400: the server never fetches from other hosts. Queries that would crash or swamp the engine
are refused with 400 before they run (`guard.py`). Errors use the one JSON shape (`errors.py`).
"""
from __future__ import annotations

import functools
import json
import re
import time

from flask import Blueprint, Flask, render_template
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wsgi import get_current_url

from kg.errors import KGError, QueryError
from kg.queries import EXAMPLE_QUERIES
from kg.sparql_text import dataset_clauses, read_query, uses_load, uses_service, with_using

from . import CORS_HEADERS, guard
from .db import require_writer, writable
from .errors import ApiError, error_body, from_kg
from .inline import runs_inline
from .isolation import isolated_error
from .negotiate import choose, mime_of, parse_accept, quality
from .operation import Operation, read_operation
from .service import service_description

__all__ = ["bp", "SparqlService"]

bp = Blueprint("sparql", __name__)
PATHS = {"/sparql": "GET, HEAD, POST, OPTIONS", "/update": "POST, OPTIONS"}
_CORS = list(CORS_HEADERS.items())


@bp.get("/sparql")
def endpoint():
    """The YASGUI query page (SparqlService passes a browser's GET without a query here)."""
    return render_template("sparql/query.html", examples=EXAMPLE_QUERIES)


class SparqlService:
    """The WSGI app that answers /sparql and /update, and hands every other request to Flask."""

    def __init__(self, app: Flask):
        self.app, self.next = app, app.wsgi_app
        self.settings = app.config["KG_SETTINGS"]
        self.store, self.runner = app.extensions["kg_store"], app.extensions["kg_runner"]
        self.readers = app.extensions.get("kg_readers")  # queries in reader processes (kg.store.readers)
        self._quads = (None, 0)  # (store generation, quad count)
        self._descriptions: dict = {}

    def __call__(self, environ, start_response):
        allowed = PATHS.get(environ.get("PATH_INFO", ""))
        if allowed is None:
            return self.next(environ, start_response)
        head = environ.get("REQUEST_METHOD") == "HEAD" and "HEAD" in allowed
        if head:
            environ = {**environ, "REQUEST_METHOD": "GET"}  # the same answer, without its body
        try:
            answer = self.answer(environ, allowed)
            if answer is None:
                return self.next(environ, start_response)
            status, headers, body = answer
        except (ApiError, KGError) as exc:
            error = exc if isinstance(exc, ApiError) else from_kg(exc)
            status, body = error.status, error_body(error.status, error.detail or error.message, error.suggestions)
            headers = [("Content-Type", "application/json"), *error.headers.items()]
        except Exception:  # noqa: BLE001 - the one place that turns a bug into the JSON 500
            self.app.logger.exception("unexpected error")
            status, body = 500, error_body(500, "the server failed to answer; the error was logged")
            headers = [("Content-Type", "application/json")]
        headers.append(("Content-Length", str(len(body))))
        start_response(f"{status} {HTTP_STATUS_CODES.get(status, 'Error')}", headers + _CORS)
        return [b""] if head else [body]

    def answer(self, environ, allowed: str):
        """(status, headers, body) for one request, or None to let Flask show the query page."""
        method = environ["REQUEST_METHOD"]
        if method == "OPTIONS":
            return 204, [("Allow", allowed)], b""
        if method not in allowed.split(", "):
            raise ApiError(405, "Method Not Allowed", f"use {allowed.rsplit(', ', 1)[0]} here",
                           headers={"Allow": allowed})
        operation = read_operation(environ, self.settings.max_body)
        if environ["PATH_INFO"] == "/update" and operation.kind != "update":
            raise ApiError.bad_request("POST an update here: form field 'update' or application/sparql-update")
        if operation.kind == "update":
            return self.update(operation, environ)
        if operation.kind == "query":
            return self.query(operation, environ)
        if operation.params or method == "POST":
            raise ApiError.bad_request("missing 'query' parameter")
        if _wants_page(environ.get("HTTP_ACCEPT") or ""):
            return None
        return self.describe(environ)

    def quads(self) -> int:
        """The store's size for the guard, counted again after each write through this app."""
        generation, count = self._quads
        if generation != self.store.generation:
            count = self.store.triple_count()
            self._quads = (self.store.generation, count)
        return count

    def query(self, operation: Operation, environ):
        text = operation.text
        read = read_query(text)
        if read.empty:
            raise ApiError.bad_request("the query is empty")
        try:
            guard.check_query(text, quads=self.quads, timeout=self.runner.timeout)
        except guard.QueryShapeError as exc:
            raise ApiError.bad_request(str(exc)) from None
        if read.service and uses_service(text):
            raise ApiError.bad_request("SERVICE is not allowed: this endpoint does not query other endpoints")
        fmt = choose(environ.get("HTTP_ACCEPT"), read.form in ("CONSTRUCT", "DESCRIBE"), operation.formats)
        max_rows = self.settings.max_rows
        deadline = time.monotonic() + self.runner.timeout + 0.5  # after the runner's 503: the worker stops writing
        inline = runs_inline(text, max_rows)  # cheap by its shape: no thread switch, no reader
        if inline or self.readers is None:
            run, target = (_call if inline else self.runner.run), self.store.bounded_query
        else:
            run, target, deadline = _call, self.readers.bounded_query, deadline - 0.5
        try:
            body, truncated = run(
                target, text, fmt, max_rows=max_rows, deadline=deadline, base_iri=_base(environ),
                default_graphs=operation.default_graphs or None, named_graphs=operation.named_graphs or None)
        except QueryError as exc:
            raise isolated_error(exc, self.runner.timeout, self.app.logger, text) from None
        headers = [("Content-Type", mime_of(fmt) + "; charset=utf-8")]
        if truncated:
            headers += [("X-KG-Truncated", "true"), ("X-KG-Max-Rows", str(max_rows))]
            if fmt == "json":
                body = _json_note(body, max_rows)
        return 200, headers, body

    def describe(self, environ):
        params = read_operation(environ, 0).params
        fmt = choose(environ.get("HTTP_ACCEPT"), True, tuple(params.get("format", ())))
        key = (_base(environ), fmt, writable(self.settings))
        if key not in self._descriptions:
            self._descriptions[key] = service_description(key[0], fmt, update=key[2])
        return 200, [("Content-Type", mime_of(fmt) + "; charset=utf-8")], self._descriptions[key]

    def update(self, operation: Operation, environ):
        require_writer(environ.get("HTTP_AUTHORIZATION"), self.settings)
        text = operation.text
        if read_query(text).empty:
            raise ApiError.bad_request("the update is empty")
        try:
            guard.check_update(text)
        except guard.QueryShapeError as exc:
            raise ApiError.bad_request(str(exc)) from None
        if uses_service(text, update=True):
            raise ApiError.bad_request("SERVICE is not allowed: this endpoint does not query other endpoints")
        if uses_load(text):
            raise ApiError.bad_request("LOAD is not allowed: this endpoint does not fetch documents")
        if operation.default_graphs or operation.named_graphs:
            if dataset_clauses(text):
                raise ApiError.bad_request("give the dataset either by using-graph-uri/using-named-graph-uri "
                                           "or by USING/WITH in the update, not both")
            try:
                text = with_using(text, operation.default_graphs, operation.named_graphs)
            except ValueError as exc:
                raise ApiError.bad_request(f"malformed SPARQL update: {exc}") from None
        based = f"BASE <{_base(environ)}> "
        try:
            self.store.update(based + text)
        except QueryError as exc:
            raise ApiError.bad_request(_unshift(str(exc), len(based))) from None
        return 204, [], b""


def _call(function, *args, **kwargs):
    return function(*args, **kwargs)


def _base(environ) -> str:
    """The request's URL without its query string: the base IRI of the query."""
    return _base_url(environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST"), environ.get("SERVER_NAME"),
                     environ.get("SERVER_PORT"), environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""))


@functools.lru_cache(maxsize=64)
def _base_url(scheme, host, name, port, script, path) -> str:
    environ = {"wsgi.url_scheme": scheme, "SERVER_NAME": name, "SERVER_PORT": port, "SCRIPT_NAME": script,
               "PATH_INFO": path, **({"HTTP_HOST": host} if host else {})}
    return get_current_url(environ, strip_querystring=True)


def _wants_page(accept: str) -> bool:
    """A browser's GET: text/html preferred to Turtle (a service description)."""
    ranges = parse_accept(accept)
    return quality("text/html", ranges) > quality("text/turtle", ranges)


def _json_note(body: bytes, max_rows: int) -> bytes:
    data = json.loads(body)
    data["truncated"] = True
    data["note"] = (f"only the first {max_rows} rows are returned (KG_MAX_ROWS); "
                    "add LIMIT/OFFSET to page through the rest")
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _unshift(message: str, prefix: int) -> str:
    """Parser positions as the client wrote the text (we prepended a BASE to line 1)."""
    return re.sub(r"\b1:(\d+)", lambda m: f"1:{max(1, int(m.group(1)) - prefix)}", message)
