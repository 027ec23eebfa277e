"""Read a SPARQL 1.1 Protocol request from its WSGI environ: which operation, its text, its dataset.

Queries come by GET (`query=`), by POST form (`query=`) or by POST `application/sparql-query`;
updates by POST form (`update=`) or POST `application/sparql-update`. Dataset parameters
(`default-graph-uri`, `named-graph-uri`, `using-graph-uri`, `using-named-graph-uri`) may
be in the URL or in the form body. Anything the protocol forbids is an ApiError (4xx).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from .errors import ApiError

__all__ = ["Operation", "read_operation", "form_values", "PARAMETERS"]

_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*$')
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
FORMAT_NAMES = ("format", "output", "results")
PARAMETERS = ("query", "update", "default-graph-uri", "named-graph-uri", "using-graph-uri",
              "using-named-graph-uri") + FORMAT_NAMES


@dataclass
class Operation:
    """A query or an update, its dataset, the result format names it gave, and its parameters."""

    kind: str  # "query", "update" or "none" (no operation: describe the service)
    text: str = ""
    default_graphs: list = field(default_factory=list)
    named_graphs: list = field(default_factory=list)
    formats: tuple = ()
    params: dict = field(default_factory=dict)


def form_values(raw: str, where: str) -> dict[str, list[str]]:
    """`a=1&b=2&a=3` as {'a': ['1', '3'], 'b': ['2']}; a 400 when it is not UTF-8.

    >>> form_values("query=ASK%7B%7D&format=json&format=xml", "the URL")
    {'query': ['ASK{}'], 'format': ['json', 'xml']}
    """
    values: dict[str, list[str]] = {}
    try:
        for name, value in parse_qsl(raw, keep_blank_values=True, errors="strict"):
            values.setdefault(name, []).append(value)
    except UnicodeDecodeError:
        raise ApiError.bad_request(f"the parameters in {where} are not UTF-8 text") from None
    return values


def _one(values: dict, name: str) -> str | None:
    found = values.get(name, [])
    if len(found) > 1:
        raise ApiError.bad_request(f"give exactly one {name!r} parameter, not {len(found)}")
    return found[0] if found else None


def _graphs(values: dict, name: str) -> list[str]:
    graphs = values.get(name, [])
    for value in graphs:
        if not _IRI.match(value):
            raise ApiError.bad_request(f"{name} must be an absolute IRI, got {value!r}")
    return graphs


def _media(environ) -> tuple[str, str | None]:
    """The request's media type (lower case) and its charset parameter."""
    mimetype, *params = (environ.get("CONTENT_TYPE") or "").split(";")
    charset = next((p.split("=", 1)[1].strip().strip('"') for p in params
                    if p.strip().lower().startswith("charset=")), None)
    return mimetype.strip().lower(), charset


def _body(environ, max_body: int) -> bytes:
    """The request body, or a 413 when it is longer than `max_body` bytes."""
    length = environ.get("CONTENT_LENGTH") or ""
    stream = environ["wsgi.input"]
    if length.isdigit():
        if int(length) > max_body:
            raise ApiError(413, "Content Too Large", f"the request body is larger than {max_body} bytes (KG_MAX_BODY)")
        return stream.read(int(length)) if int(length) else b""
    data = stream.read(max_body + 1)
    if len(data) > max_body:
        raise ApiError(413, "Content Too Large", f"the request body is larger than {max_body} bytes (KG_MAX_BODY)")
    return data


def _text(data: bytes, charset: str | None) -> str:
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ApiError(415, "Unsupported Media Type", f"send the SPARQL text as UTF-8, not {charset}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(415, "Unsupported Media Type", "the request body is not UTF-8") from None


def _operation(kind: str, text: str, values: dict) -> Operation:
    default, named = ("default-graph-uri", "named-graph-uri") if kind == "query" else \
        ("using-graph-uri", "using-named-graph-uri")
    formats = tuple(v for name in FORMAT_NAMES for v in values.get(name, ()))
    return Operation(kind, text, _graphs(values, default), _graphs(values, named), formats, values)


_url_values = functools.lru_cache(maxsize=512)(form_values)


def read_operation(environ, max_body: int) -> Operation:
    """The operation a protocol request asks for; ApiError for anything the protocol forbids."""
    raw = environ.get("QUERY_STRING", "")
    values = _url_values(raw, "the URL") if len(raw) < 8192 else form_values(raw, "the URL")
    if environ["REQUEST_METHOD"] == "GET":
        if "update" in values:
            raise ApiError.bad_request("SPARQL Update must be sent by POST, not GET")
        query = _one(values, "query")
        return Operation("none", params=values) if query is None else _operation("query", query, values)
    values = {name: list(found) for name, found in values.items()}  # the cached parse stays as it was
    mimetype, charset = _media(environ)
    if mimetype == FORM:
        body = form_values(_text(_body(environ, max_body), charset), "the form")
        for name, more in body.items():
            values.setdefault(name, []).extend(more)
        query, update = _one(body, "query"), _one(body, "update")
        if query is not None and update is not None:
            raise ApiError.bad_request("give either 'query' or 'update', not both")
        if query is not None:
            return _operation("query", query, values)
        if update is not None:
            return _operation("update", update, values)
        raise ApiError.bad_request("the form has neither a 'query' nor an 'update' field")
    if mimetype == QUERY:
        return _operation("query", _text(_body(environ, max_body), charset), values)
    if mimetype == UPDATE:
        return _operation("update", _text(_body(environ, max_body), charset), values)
    raise ApiError(415, "Unsupported Media Type",
                   f"POST a query as {FORM} or {QUERY}, an update as {FORM} or {UPDATE}"
                   + (f"; got {mimetype}" if mimetype else "; the request had no Content-Type"))
