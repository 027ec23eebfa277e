"""Downloads under /api/export: the network (GEXF, GraphML, CSV zip, node-link JSON) and RDF dumps.

Network formats take the event filters of the JSON API (source, precision and fatalities too)
and `graph=actor|directed|actor-event`; links carry their events' `sources` and `fatalities`.
RDF dumps (Turtle without graph names, N-Quads with them) take `article` to dump one graph; they
check the other filters (a bad value is a 400) but do not apply them.
"""
from __future__ import annotations

import threading
import weakref

from flask import Blueprint, Response, request

from kg import queries

from . import params
from .db import expensive, get_runner, get_store
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
@expensive
def export(fmt: str):
    """The filtered network or the RDF data in one of FORMATS."""
    if fmt in RDF:
        params.graph_filters(request)  # RDF dumps use only `article`, but bad filters are still a 400
        graph = params.node_iri("article", request.args.get("article"), "article")
        dump = queries.dump_turtle if fmt == "turtle" else queries.dump_nquads
        store = get_store()
        mimetype, ext = RDF[fmt]
        return _download(get_runner().run(dump, store, graph), mimetype, f"conflict-kg.{ext}")
    if fmt not in NETWORK:
        raise ApiError.not_found(f"no export format {fmt!r}; use one of {', '.join(FORMATS)}")
    import json

    from kg.graph import export as graph_export

    kind = request.args.get("graph") or "actor"
    name, mimetype, ext = NETWORK[fmt]
    graph = projection(params.graph_filters(request), kind)
    with _RENDER_LOCK:
        body = _RENDERED.get(graph, {}).get(fmt)
    if body is None:
        body = getattr(graph_export, name)(graph)
        if isinstance(body, dict):
            body = json.dumps(body, ensure_ascii=False)
        if isinstance(body, str):
            body = body.encode("utf-8")
        with _RENDER_LOCK:
            _RENDERED.setdefault(graph, {})[fmt] = body
    return _download(body, mimetype, f"conflict-kg-{kind}.{ext}")
