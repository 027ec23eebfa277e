"""Timelines and places in the JSON API: events per period and type, dyads, place descriptions.

`/api/timeline` counts the events the listing filters keep (`params.filters`) per day, week
or month and PLOVER type (`kg.timeline`); `/api/dyads/{a}/{b}` does so for what actor A did to
B and B to A; `format=csv` gives either as a spreadsheet-safe CSV download. `/api/places/{key}`
is a place with the places inside and near it (`kg.places`). Timelines are kept until the store
changes (`kg.memo`), as the map's places are.
"""
from __future__ import annotations

from flask import Response, request

from kg import places, queries, timeline
from kg.errors import FilterError
from kg.filters import Filters
from kg.memo import remember

from . import params
from .api_bp import bp
from .db import get_store
from .errors import ApiError

FORMATS = ("json", "csv")


def _format() -> str:
    fmt = request.args.get("format") or "json"
    if fmt not in FORMATS:
        raise ApiError.bad_request(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return fmt


def _csv(text: str, name: str) -> Response:
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def known_actor(key: str, param: str | None = None) -> dict:
    """The actor named by id or IRI `key`, or a 404 (naming `param`) with close names as suggestions."""
    store, iri = get_store(), params.node_iri("actor", key, param)
    found = queries.actor(store, iri)
    if found is None:
        suggestions = [a["id"] for a in queries.search_actors(store, key.replace("-", " ")[:20], limit=5)]
        raise ApiError.not_found(f"no actor {key!r}" + (f" ({param})" if param else ""), suggestions)
    return found


@bp.get("/timeline")
def timeline_series():
    """Events per period (`interval` day, week, month or auto) and PLOVER type, of the filtered events."""
    fmt, chosen, interval = _format(), params.filters(request, listing=True), request.args.get("interval")
    store = get_store()
    try:
        found = remember(store, ("timeline", chosen, interval), lambda: timeline.series(store, chosen, interval))
    except FilterError as exc:
        raise ApiError.bad_request(str(exc)) from None
    if fmt == "csv":
        return _csv(timeline.series_csv(found), "timeline")
    return {"ok": True, **found}


@bp.get("/dyads/<a>/<b>")
def dyad(a: str, b: str):
    """What actor `a` did to `b` and `b` to `a`, per period and PLOVER type, on one time axis."""
    fmt, chosen = _format(), params.filters(request)
    first, second = known_actor(a, "a"), known_actor(b, "b")
    if first["iri"] == second["iri"]:
        raise ApiError.bad_request(f"a dyad is two different actors; a and b are both {first['id']!r}")
    try:
        found = timeline.dyad_series(get_store(), first["iri"], second["iri"], chosen, request.args.get("interval"))
    except FilterError as exc:
        raise ApiError.bad_request(str(exc)) from None
    if fmt == "csv":
        return _csv(timeline.dyad_csv(found, first["label"], second["label"]), f"dyad-{first['id']}-{second['id']}")
    brief = {k: first[k] for k in ("id", "iri", "label")}, {k: second[k] for k in ("id", "iri", "label")}
    return {"ok": True, "a": brief[0], "b": brief[1], **found}


def known_place(key: str) -> dict:
    """The place named by id or IRI `key`, or a 404."""
    found = places.place(get_store(), params.node_iri("place", key))
    if found is None:
        raise ApiError.not_found(f"no place {key!r}")
    return found


@bp.get("/places/<path:key>")
def place(key: str):
    """A place: names, country, coordinates, how many events, and the places inside and near it."""
    store, found = get_store(), known_place(key)
    found["events"] = queries.count_events(store, Filters(place=found["iri"]))
    found["inside"] = places.places_inside(store, found)
    found["near"] = places.places_near(store, found)
    return {"ok": True, "place": found}
