"""Content negotiation for SPARQL results and RDF (RFC 9110 §12.5.1): what to answer a client in.

A `format=`, `output=` or `results=` parameter that names a format this result can be written
in wins (`json`, `xml`, `csv`, `tsv`, `turtle`, `n3`, `rdf+xml`, `json-ld`, `nt`, `nquads`,
`trig` or a media type: the names SPARQLWrapper and other clients send); an unknown one is
ignored. Then the Accept header: each media range with its parameters (`charset` and the like
do not change what matches) and its `q`; the most specific range that matches a type gives its
quality; the best quality wins, ties go to the order of our table (the default first). An Accept
that holds only types of the other kind of result (a SELECT-results type on a CONSTRUCT, as
rdflib's SPARQLStore sends) gets the default of this kind; one that matches nothing at all is a
406 that lists what can be served.
"""
from __future__ import annotations

import functools

from kg.store import GRAPH_FORMATS, RESULT_FORMATS

from .errors import ApiError

__all__ = ["RESULT_TYPES", "GRAPH_TYPES", "choose", "mime_of", "parse_accept", "quality"]

RESULT_TYPES = {mime: fmt for fmt, mime in RESULT_FORMATS.items()}
RESULT_TYPES.update({"application/json": "json", "application/xml": "xml", "text/xml": "xml"})
GRAPH_TYPES = {mime: fmt for fmt, mime in GRAPH_FORMATS.items()}
GRAPH_TYPES.update({"application/x-turtle": "turtle", "text/plain": "ntriples", "application/xml": "rdfxml",
                    "text/xml": "rdfxml", "application/json": "jsonld", "text/rdf+n3": "n3"})
RESULT_NAMES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {"turtle": "turtle", "ttl": "turtle", "n3": "n3", "nt": "ntriples", "ntriples": "ntriples",
               "n-triples": "ntriples", "nquads": "nquads", "nq": "nquads", "n-quads": "nquads", "trig": "trig",
               "xml": "rdfxml", "rdf+xml": "rdfxml", "rdfxml": "rdfxml", "rdf": "rdfxml", "json-ld": "jsonld",
               "jsonld": "jsonld", "json": "jsonld"}
DEFAULTS = {False: "json", True: "turtle"}


def mime_of(fmt: str) -> str:
    """The canonical media type of a store format name.

    >>> mime_of("trig")
    'application/trig'
    """
    return RESULT_FORMATS.get(fmt) or GRAPH_FORMATS[fmt]


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(1.0, max(0.0, float(value.strip())))
            except ValueError:
                return 0.0
    return 1.0


@functools.lru_cache(maxsize=256)
def parse_accept(header: str) -> tuple:
    """The media ranges of an Accept header as (type, subtype, q), parameters other than q dropped.

    >>> parse_accept("text/turtle;charset=utf-8, application/*;q=0.5")
    (('text', 'turtle', 1.0), ('application', '*', 0.5))
    """
    ranges = []
    for item in header.split(","):
        media, *params = item.split(";")
        kind, _, sub = media.strip().lower().partition("/")
        if kind and sub:
            ranges.append((kind, sub, _quality(params)))
    return tuple(ranges)


def quality(mime: str, ranges: tuple) -> float:
    """The quality the most specific matching range gives `mime` (0 when none matches)."""
    kind, _, sub = mime.partition("/")
    best, specific = 0.0, -1
    for r_kind, r_sub, q in ranges:
        level = 2 if (r_kind, r_sub) == (kind, sub) else 1 if r_kind == kind and r_sub == "*" else \
            0 if (r_kind, r_sub) == ("*", "*") else -1
        if level > specific:
            best, specific = q, level
    return best


def _by_accept(accept: str, table: dict, default: str) -> str | None:
    ranges = parse_accept(accept)
    if not ranges:
        return default
    order = [mime_of(default)] + [mime for mime in table if mime != mime_of(default)]
    scored = [(quality(mime, ranges), -n, mime) for n, mime in enumerate(order)]
    q, _, mime = max(scored)
    return table[mime] if q > 0 else None


@functools.lru_cache(maxsize=1024)
def choose(accept: str | None, graph: bool, names: tuple = ()) -> str:
    """The store format to answer in, for a graph result (CONSTRUCT/DESCRIBE) or not.

    >>> choose("application/sparql-results+json; charset=utf-8", False)
    'json'
    >>> choose("text/html;q=0.9, text/csv", False)
    'csv'
    >>> choose("application/sparql-results+xml", False, ("n3",))
    'xml'
    >>> choose("*/*", True, ("xml",))
    'rdfxml'
    >>> choose("application/sparql-results+json", True)
    'turtle'
    """
    table, aliases, default = (GRAPH_TYPES, GRAPH_NAMES, "turtle") if graph else (RESULT_TYPES, RESULT_NAMES, "json")
    for name in names:
        fmt = aliases.get(name.strip().lower()) or table.get(name.split(";")[0].strip().lower())
        if fmt:
            return fmt
    if not accept or not accept.strip():
        return default
    fmt = _by_accept(accept, table, default)
    if fmt is not None:
        return fmt
    other = RESULT_TYPES if graph else GRAPH_TYPES
    if _by_accept(accept, other, DEFAULTS[not graph]) is not None:
        return default
    kind = "a CONSTRUCT or DESCRIBE result" if graph else "a SELECT or ASK result"
    raise ApiError(406, "Not Acceptable", f"{kind} can be served as: {', '.join(sorted(table))} "
                                          f"(the Accept header asked for {accept!r})")
