"""Query-string parameters of the JSON API, checked: pages, event filters, node keys.

Filters use the same names everywhere (and as the CLI): `actor`, `type` (repeatable or
comma-separated PLOVER names), `place`, `country`, `from`, `to`, `article`, `min_confidence`,
and the facets of `kg.facets`: `source`, `date_precision`, `place_precision` (repeatable or
comma-separated), `min_fatalities`, `corroborated_by`, `min_sources`.
Bad values are a 400 that names the parameter.
"""
from __future__ import annotations

import functools
import re

from flask import Request
from pyoxigraph import NamedNode

from kg.facets import Facets
from kg.graph.filters import FilterError, Filters
from kg.queries import ID, EventQuery

from .errors import ApiError

__all__ = ["MAX_LIMIT", "MAX_OFFSET", "page", "integer", "boolean", "node_iri", "event_query", "graph_filters", "check_known"]

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


def boolean(request: Request, name: str) -> bool:
    """A yes/no parameter: true, 1 or yes; false, 0, no or empty (not given); anything else is a 400."""
    raw = (request.args.get(name) or "").strip().lower()
    if raw in ("true", "1", "yes"):
        return True
    if raw in ("", "false", "0", "no"):
        return False
    raise ApiError.bad_request(f"{name} must be true or false, got {request.args.get(name)!r}")


def page(request: Request, default: int = 50) -> tuple[int, int]:
    """`limit` (1..MAX_LIMIT) and `offset` (0..MAX_OFFSET)."""
    return (integer(request, "limit", default, 1, MAX_LIMIT),
            integer(request, "offset", 0, 0, MAX_OFFSET))


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
        from kg.graph.filters import check_iri

        check_iri(iri, kind)
        NamedNode(iri)  # RFC 3987 in full: check_iri lets through e.g. C1 controls and private-use characters
    except (FilterError, ValueError) as exc:
        detail = str(exc) if isinstance(exc, FilterError) else f"not a valid {kind} IRI: {iri!r}"
        raise ApiError.bad_request(f"{param or kind}: {detail}") from None
    return iri


def _types(request: Request) -> tuple[str, ...]:
    return tuple(t for raw in request.args.getlist("type") for t in raw.split(",") if t.strip())


def graph_filters(request: Request, source_key: str = "source") -> Filters:
    """The event filters as `kg.graph.filters.Filters` (checked there, facets by `kg.facets`).

    `source_key` names the report-source parameter (``sources`` on ``/api/paths``, whose
    ``source`` is the start actor).
    """
    article = node_iri("article", request.args.get("article"), "article")
    try:
        return Filters(date_from=request.args.get("from"), date_to=request.args.get("to"),
                       types=_types(request), place=request.args.get("place") or None,
                       country=request.args.get("country") or None,
                       articles=(article,) if article else (),
                       min_confidence=request.args.get("min_confidence") or None,
                       facets=Facets.from_args(request.args, source_key))
    except FilterError as exc:
        raise ApiError.bad_request(str(exc)) from None


def event_query(request: Request) -> EventQuery:
    """The event filters of a listing (the graph filters plus `actor`)."""
    f = graph_filters(request)
    place = request.args.get("place") or None
    if place and place.startswith(("http://", "https://", "geonames-")):
        place = node_iri("place", place, "place")
    return EventQuery(actor=node_iri("actor", request.args.get("actor"), "actor"), types=f.types,
                      place=place, country=f.country,
                      date_from=f.date_from.isoformat() if f.date_from else None,
                      date_to=f.date_to.isoformat() if f.date_to else None,
                      article=f.articles[0] if f.articles else None, min_confidence=f.min_confidence,
                      facets=f.facets)
