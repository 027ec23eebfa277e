"""Content negotiation for SPARQL results and RDF: media types to the store's format names."""
from __future__ import annotations

from werkzeug.datastructures import MIMEAccept

from kg.store import GRAPH_FORMATS, RESULT_FORMATS

from .errors import ApiError

__all__ = ["RESULT_TYPES", "GRAPH_TYPES", "negotiate", "mime_of"]

RESULT_TYPES = {mime: fmt for fmt, mime in RESULT_FORMATS.items()}
RESULT_TYPES.update({"application/json": "json", "application/xml": "xml", "text/xml": "xml"})
GRAPH_TYPES = {mime: fmt for fmt, mime in GRAPH_FORMATS.items() if fmt != "nquads"}
GRAPH_TYPES.update({"text/plain": "ntriples", "application/x-turtle": "turtle", "application/xml": "rdfxml",
                    "text/xml": "rdfxml", "application/json": "jsonld"})


def mime_of(fmt: str) -> str:
    """The canonical media type of a store format name."""
    return RESULT_FORMATS.get(fmt) or GRAPH_FORMATS[fmt]


def negotiate(accept: MIMEAccept, table: dict[str, str], default: str, override: str | None = None) -> str:
    """The store format to answer in: `override` (a `format=` parameter) or the best Accept match.

    No Accept header, or only `*/*`, gives `default`; an Accept that matches nothing is a 406.
    """
    names = set(table.values())
    if override:
        fmt = table.get(override) or (override if override in names else None)
        if fmt is None:
            raise ApiError(406, "Not Acceptable",
                           f"format={override!r} is not available here; use one of {', '.join(sorted(names))}")
        return fmt
    if not accept or all(mime == "*/*" for mime, _q in accept):
        return default
    best = accept.best_match([mime_of(default)] + [m for m in table if m != mime_of(default)])
    if best is None:
        raise ApiError(406, "Not Acceptable",
                       f"this result can be served as: {', '.join(sorted(table))}")
    return table[best]
