"""Downloads under /api/export: the network (GEXF, GraphML, CSV zip, node-link JSON) and RDF dumps.

Network formats take the event filters of the JSON API (source, precision and fatalities too)
and `graph=actor|directed|actor-event`; links carry their events' `sources` and `fatalities`, and
the actor-event graph keeps its event attributes and each link's `role` (`kg.graph.export`).
RDF dumps (Turtle without graph names, N-Quads with them) take `article` to dump one graph; they
check the other filters (a bad value is a 400) but do not apply them. Dumps are streamed from one
snapshot of the store, in constant memory and without a time limit.
"""
from __future__ import annotations

import threading
import weakref

from flask import Blueprint, Response, current_app, request

from kg import queries

from . import params
from .db import expensive, get_store
from .errors import ApiError
from .graphs import projection

bp = Blueprint("exports", __name__, url_prefix="/api/export")

NETWORK = {  # format: (kg.graph.export function, media type, file extension)
    "gexf": ("to_gexf", "application/gexf+xml", "gexf"),
    "graphml": ("to_graphml", "application/graphml+xml", "graphml"),
    "csv": ("to_csv_zip", "application/zip", "zip"),
    "json": ("to_json", "application/json", "json"),
}
RDF = {"turtle": ("text/turtle", "ttl"), "nquads": ("application/n-quads", "nq")}
FORMATS = tuple(NETWORK) + tuple(RDF)
# Rendered exports, kept with the cached projection they were made from (and dropped with it when
# the store changes): a second download of the same filtered network costs no serialisation.
_RENDERED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_RENDER_LOCK = threading.Lock()


def _download(body, mimetype: str, name: str) -> Response:
    if isinstance(body, str):
        body = body.encode("utf-8")
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/<fmt>")
def export(fmt: str):
    """The filtered network or the RDF data in one of FORMATS."""
    if fmt in RDF:
        return _dump(fmt)
    return _network(fmt)


def _dump(fmt: str) -> Response:
    """Stream the RDF dump from one snapshot of the store, holding an expensive-request slot until
    the last byte is sent (or the client goes away): constant memory, no time limit."""
    params.filters(request)  # RDF dumps use only `article`, but bad filters are still a 400
    graph = params.node_iri("article", request.args.get("article"), "article")
    dump = queries.dump_turtle if fmt == "turtle" else queries.dump_nquads
    mimetype, ext = RDF[fmt]
    gate = current_app.extensions["kg_gate"]
    gate.acquire()
    try:
        pieces = dump(get_store(), graph)
        first = next(pieces, b"")  # a failure to start is an error answer, not a cut download
    except BaseException:
        gate.release()
        raise

    def body():
        try:
            yield first
            yield from pieces
        finally:
            gate.release()

    return Response(body(), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="conflict-kg.{ext}"'})


@expensive
def _network(fmt: str) -> Response:
    """The filtered network in a NETWORK format, rendered once per cached projection."""
    if fmt not in NETWORK:
        raise ApiError.not_found(f"no export format {fmt!r}; use one of {', '.join(FORMATS)}")
    import json

    from kg.graph import export as graph_export

    kind = request.args.get("graph") or "actor"
    name, mimetype, ext = NETWORK[fmt]
    dynamic = _dynamic(fmt)
    graph = projection(params.filters(request), kind)
    key = fmt + ("-dynamic" if dynamic else "")
    with _RENDER_LOCK:
        body = _RENDERED.get(graph, {}).get(key)
    if body is None:
        body = getattr(graph_export, name)(graph, **({"dynamic": True} if dynamic else {}))
        if isinstance(body, dict):
            body = json.dumps(body, ensure_ascii=False)
        if isinstance(body, str):
            body = body.encode("utf-8")
        with _RENDER_LOCK:
            _RENDERED.setdefault(graph, {})[key] = body
    return _download(body, mimetype, f"conflict-kg-{kind}.{ext}")


def _dynamic(fmt: str) -> bool:
    """`dynamic=true`: a GEXF with spells from the event dates (Gephi's timeline), as `kg export --dynamic`."""
    raw = (request.args.get("dynamic") or "").strip().lower()
    if raw not in ("", "true", "false", "1", "0", "yes", "no"):
        raise ApiError.bad_request(f"dynamic must be true or false, got {request.args.get('dynamic')!r}")
    dynamic = raw in ("true", "1", "yes")
    if dynamic and fmt != "gexf":
        raise ApiError.bad_request(f"dynamic applies to gexf only, not {fmt}")
    return dynamic
