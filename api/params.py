"""Query-string parameters of the JSON API, checked: pages, event filters, node keys.

The event filters are those of `kg.filters.PARAMETERS` (the same names and meanings as the CLI's
options and /openapi.json): `actor` (listings only), `type`, `place`, `country`, `party_country`,
`from`, `to`, `article`, `min_confidence`, `source`, `date_precision`, `place_precision`,
`min_fatalities`, `corroborated_by`, `min_sources`; repeatable ones may also be comma-separated.
Ids (`libyan-national-army`, `geonames-2210247`, an article's id) become IRIs here. Bad values are
a 400 that names the parameter.
"""
from __future__ import annotations

import functools
import re

from flask import Request
from pyoxigraph import NamedNode

from kg.errors import FilterError
from kg.filters import PARAMETERS, Filters, check_iri
from kg.queries import ID

from .errors import ApiError

__all__ = ["MAX_LIMIT", "MAX_OFFSET", "page", "integer", "boolean", "node_iri", "filters", "check_known"]

MAX_LIMIT = 500
MAX_OFFSET = 100_000


@functools.lru_cache(maxsize=None)
def _documented() -> dict[str, frozenset]:
    """The query parameters of each /api path, as /openapi.json describes them (one source for both)."""
    from .openapi import openapi_document

    return {path: frozenset(p["name"] for item in operations.values() for p in item.get("parameters", ())
                            if p["in"] == "query")
            for path, operations in openapi_document()["paths"].items() if path.startswith("/api/")}


def check_known(request: Request) -> None:
    """A 400 naming a query parameter the path does not take, and the ones it does (no silent ignoring).

    Paths are matched by their Flask rule: `/api/actors/<path:key>` is `/api/actors/{key}`.
    """
    rule = request.url_rule.rule if request.url_rule is not None else None
    known = _documented().get(re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule)) if rule else None
    if known is None:
        return
    unknown = sorted(set(request.args) - known)
    if unknown:
        accepted = ", ".join(sorted(known)) or "none"
        raise ApiError.bad_request(f"unknown parameter{'s' if len(unknown) > 1 else ''} "
                                   f"{', '.join(map(repr, unknown))} for {request.path}; it takes: {accepted}")


def integer(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    """An integer parameter within [lo, hi]."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError.bad_request(f"{name} must be an integer, got {raw!r}") from None
    if not lo <= value <= hi:
        raise ApiError.bad_request(f"{name} must be between {lo} and {hi}, got {value}")
    return value


def page(request: Request, default: int = 50) -> tuple[int, int]:
    """`limit` (1..MAX_LIMIT) and `offset` (0..MAX_OFFSET)."""
    return (integer(request, "limit", default, 1, MAX_LIMIT),
            integer(request, "offset", 0, 0, MAX_OFFSET))


def boolean(request: Request, name: str) -> bool:
    """A yes/no parameter: true, 1 or yes; false, 0, no or empty (not given); anything else is a 400."""
    raw = (request.args.get(name) or "").strip().lower()
    if raw in ("true", "1", "yes"):
        return True
    if raw in ("", "false", "0", "no"):
        return False
    raise ApiError.bad_request(f"{name} must be true or false, got {request.args.get(name)!r}")


_IMPORTED_EVENT = re.compile(r"(acled|gdelt)-", re.IGNORECASE)


def _imported_event(iri: str) -> str:
    """An imported event's IRI with its id lower-cased, as the importers mint it: ACLED's ids are
    case-insensitive (`acled-LBY9883` is `acled-lby9883`), GDELT's are numbers.

    >>> _imported_event(ID + "event/ACLED-LBY9883")[len(ID):], _imported_event(ID + "event/E15")[len(ID):]
    ('event/acled-lby9883', 'event/E15')
    """
    prefix = f"{ID}event/"
    if iri.startswith(prefix) and _IMPORTED_EVENT.match(iri, len(prefix)):
        return prefix + iri[len(prefix):].lower()
    return iri


def node_iri(kind: str, key: str | None, param: str | None = None) -> str | None:
    """An instance IRI from a full IRI or the last path segment (`libyan-national-army`).

    An imported event's id is case-insensitive (`acled-LBY9883`, ACLED's own spelling, works).
    """
    if not key:
        return None
    key = key.strip(" ")  # tolerate pasted spaces; any other blank or control character is a 400 below
    iri = key if key.startswith(("http://", "https://")) else f"{ID}{kind}/{key}"
    if kind == "event":
        iri = _imported_event(iri)
    try:
        check_iri(iri, kind)
        NamedNode(iri)  # RFC 3987 in full: check_iri lets through e.g. C1 controls and private-use characters
    except (FilterError, ValueError) as exc:
        detail = str(exc) if isinstance(exc, FilterError) else f"not a valid {kind} IRI: {iri!r}"
        raise ApiError.bad_request(f"{param or kind}: {detail}") from None
    return iri


def filters(request: Request, *, listing: bool = False, source_key: str = "source") -> Filters:
    """The event filters of a request as `kg.filters.Filters` (checked there); `listing`: `actor` too.

    `source_key` names the report-source parameter (``sources`` on ``/api/paths``, whose
    ``source`` is the start actor). Ids of actors, articles and places become their IRIs.
    """
    given: dict = {}
    for p in PARAMETERS:
        raw = [v for v in request.args.getlist(source_key if p.name == "source" else p.name) if v != ""]
        if raw and (listing or not p.listing):
            given[p.name] = raw if p.many else raw[0]  # a single-valued parameter given twice: the first
    if given.get("actor"):
        given["actor"] = node_iri("actor", given["actor"], "actor")
    given["article"] = [node_iri("article", a, "article") for a in given.get("article", ())]
    place = given.get("place")
    if place and place.startswith(("http://", "https://", "geonames-")):
        given["place"] = node_iri("place", place, "place")
    try:
        return Filters.from_values(given)
    except FilterError as exc:
        raise ApiError.bad_request(str(exc)) from None
