"""Read a SPARQL 1.1 Protocol request: which operation, its text and its dataset, or a 4xx.

Queries come by GET (`query=`), by POST form (`query=`) or by POST `application/sparql-query`;
updates by POST form (`update=`) or POST `application/sparql-update`. Dataset parameters
(`default-graph-uri`, `named-graph-uri`, `using-graph-uri`, `using-named-graph-uri`) may
be in the URL or in the form body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import Request

from .errors import ApiError

__all__ = ["Operation", "read_operation"]

_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*$')
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


@dataclass
class Operation:
    """A query or an update, with the graphs the protocol named for its dataset."""

    kind: str  # "query", "update" or "none" (no operation: describe the service)
    text: str = ""
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise ApiError.bad_request(f"give exactly one {name!r} parameter, not {len(values)}")
    return values[0] if values else None


def _graphs(request: Request, name: str) -> list[str]:
    values = request.args.getlist(name) + (request.form.getlist(name) if request.mimetype == FORM else [])
    for value in values:
        if not _IRI.match(value):
            raise ApiError.bad_request(f"{name} must be an absolute IRI, got {value!r}")
    return values


def _utf8(request: Request) -> None:
    charset = request.mimetype_params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ApiError(415, "Unsupported Media Type", f"send the SPARQL text as UTF-8, not {charset}")


def _text(request: Request) -> str:
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(415, "Unsupported Media Type", "the request body is not UTF-8") from None


def read_operation(request: Request) -> Operation:
    """The operation a protocol request asks for; ApiError for anything the protocol forbids."""
    if request.method == "GET":
        if "update" in request.args:
            raise ApiError.bad_request("SPARQL Update must be sent by POST, not GET")
        query = _one(request.args.getlist("query"), "query")
        if query is None:
            return Operation("none")
        return Operation("query", query, _graphs(request, "default-graph-uri"), _graphs(request, "named-graph-uri"))
    mimetype = (request.mimetype or "").lower()
    if mimetype == FORM:
        _utf8(request)
        query = _one(request.form.getlist("query"), "query")
        update = _one(request.form.getlist("update"), "update")
        if query is not None and update is not None:
            raise ApiError.bad_request("give either 'query' or 'update', not both")
        if query is not None:
            return Operation("query", query, _graphs(request, "default-graph-uri"),
                             _graphs(request, "named-graph-uri"))
        if update is not None:
            return Operation("update", update, _graphs(request, "using-graph-uri"),
                             _graphs(request, "using-named-graph-uri"))
        raise ApiError.bad_request("the form has neither a 'query' nor an 'update' field")
    if mimetype == QUERY:
        _utf8(request)
        return Operation("query", _text(request), _graphs(request, "default-graph-uri"),
                         _graphs(request, "named-graph-uri"))
    if mimetype == UPDATE:
        _utf8(request)
        return Operation("update", _text(request), _graphs(request, "using-graph-uri"),
                         _graphs(request, "using-named-graph-uri"))
    raise ApiError(415, "Unsupported Media Type",
                   f"POST a query as {FORM} or {QUERY}, an update as {FORM} or {UPDATE}"
                   + (f"; got {mimetype}" if mimetype else "; the request had no Content-Type"))
