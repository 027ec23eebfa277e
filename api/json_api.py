"""The JSON API under /api: stats, actors, events, articles (and ingest), graph analysis.

Every answer is `{"ok": true, ...}`; lists carry `limit`, `offset` and `next` (the URL of the
next page, or null). Errors use the one shape of `errors.py`. Views call `kg` functions only.
"""
from __future__ import annotations

import threading

from flask import request, url_for

from kg import queries
from kg.filters import Filters
from kg.stats import store_stats

from . import params
from .api_bp import bp
from .db import get_settings, get_store, require_writer
from .errors import ApiError

_INGEST_LOCK = threading.Lock()  # spaCy pipelines are not safe to share between threads


def _listing(key: str, items: list, limit: int, offset: int, **extra) -> dict:
    more = len(items) == limit
    args = {**request.args.to_dict(flat=True), "offset": offset + limit, "limit": limit}
    return {"ok": True, **extra, "limit": limit, "offset": offset, key: items,
            "next": url_for(request.endpoint, **request.view_args, **args) if more else None}


@bp.get("/stats")
def stats():
    """Counts of articles, events, actors, places, triples; events per type."""
    return {"ok": True, **store_stats(get_store())}


@bp.get("/actors")
def actors():
    """Search actors by label or alias (`q`), most events first."""
    limit, offset = params.page(request)
    items = queries.search_actors(get_store(), request.args.get("q", ""), limit=limit, offset=offset)
    return _listing("actors", items, limit, offset, q=request.args.get("q", ""))


@bp.get("/search")
def search():
    """Actors, places and articles by name or alias (`q`), best matches first (whole name, start, anywhere;
    most events); with `events=true`, the events of the best matching actors and those whose evidence holds `q`."""
    from kg.search import search as search_graph

    q = (request.args.get("q") or "").strip()
    if not q:
        raise ApiError.bad_request("give q: part of a name, alias or article title")
    limit = params.integer(request, "limit", 20, 1, params.MAX_LIMIT)
    with_events = params.boolean(request, "events")
    return {"ok": True, "q": q, **search_graph(get_store(), q, limit=limit, events=with_events)}


@bp.get("/actors/<path:key>")
def actor(key: str):
    """An actor with its events and the actors it shares events with."""
    store, iri = get_store(), params.node_iri("actor", key)
    found = queries.actor(store, iri)
    if found is None:
        suggestions = [a["id"] for a in queries.search_actors(store, key.replace("-", " ")[:20], limit=5)]
        raise ApiError.not_found(f"no actor {key!r}", suggestions)
    limit = params.integer(request, "limit", 100, 1, params.MAX_LIMIT)
    found["events"] = queries.events(store, Filters(actor=iri), limit=limit)
    found["neighbours"] = queries.actor_links(store, iri)
    return {"ok": True, "actor": found}


@bp.get("/events")
def events():
    """Events, filtered by actor, type, place, country, dates, article, confidence, source and precision."""
    limit, offset = params.page(request)
    query = params.filters(request, listing=True)
    store = get_store()
    items = queries.events(store, query, limit=limit, offset=offset)
    return _listing("events", items, limit, offset, total=queries.count_events(store, query))


@bp.get("/events/<key>")
def event(key: str):
    """One event with its evidence."""
    found = queries.event(get_store(), params.node_iri("event", key))
    if found is None:
        raise ApiError.not_found(f"no event {key!r}")
    return {"ok": True, "event": found}


@bp.get("/articles")
def articles():
    """Articles, newest first."""
    limit, offset = params.page(request)
    return _listing("articles", queries.articles(get_store(), limit=limit, offset=offset), limit, offset)


@bp.get("/articles/<key>")
def article(key: str):
    """An article, its text, its events and the evidence spans (character offsets into the text)."""
    store, iri = get_store(), params.node_iri("article", key)
    found = queries.article(store, iri)
    if found is None:
        raise ApiError.not_found(f"no article {key!r}")
    found["events"] = queries.events(store, Filters(articles=(iri,)), limit=params.MAX_LIMIT)
    found["highlights"] = sorted(({"start": e["start"], "end": e["end"], "event": e["id"], "type": e["type"]}
                                  for e in found["events"] if e["start"] is not None),
                                 key=lambda h: (h["start"], h["event"]))
    return {"ok": True, "article": found}


@bp.post("/articles")
def ingest():
    """Extract and store one article from JSON {id, text, date, title?, url?, outlet?, dateline?, origin?};
    then link its syndicated copies and resolve its happenings, as `kg ingest` does."""
    require_writer(request.headers.get("Authorization"))
    try:
        record = request.get_json(silent=True)
    except RecursionError:  # json.loads gives up on very deep nesting with RecursionError, not ValueError
        raise ApiError.bad_request("the JSON body is nested too deeply") from None
    if not isinstance(record, dict):
        raise ApiError.bad_request("send a JSON object: {id, text, date, title?, url?, outlet?, dateline?}")
    from datetime import datetime, timezone

    from kg.articles import article_from_record
    from kg.extract.dictionary import load_dictionary
    from kg.mapping.iris import article_iri
    from kg.model import Origin
    from kg.pipeline import after_write, ensure_ontology, extract_articles, ingest_article
    from kg.sources.origin import origin_from_json

    settings, store = get_settings(), get_store()
    where = "POST /api/articles"
    origin = origin_from_json(record["origin"], where=where) if record.get("origin") is not None else \
        Origin("api", retrieved=datetime.now(timezone.utc).replace(microsecond=0))
    item = article_from_record(record, path=where, line=1, origin=origin)
    with _INGEST_LOCK:
        _article, frames = next(extract_articles([item], settings=settings))
        ensure_ontology(store)
        status, triples = ingest_article(store, item, frames, settings=settings, actors=load_dictionary().get)
        if status != "unchanged":
            after_write(store, [str(article_iri(item.id))], settings)  # copies of one story, happenings
    key = str(article_iri(item.id)).rsplit("/", 1)[-1]
    location = url_for("json_api.article", key=key)
    body = {"ok": True, "status": status, "article": {"id": key, "iri": str(article_iri(item.id)),
            "url": location}, "events": len(frames), "triples": triples}
    return body, 201 if status == "added" else 200, {"Location": location}


@bp.get("/map")
def map_points():
    """Geocoded places of the filtered events, with counts and types (for the map; kept until the store changes)."""
    from kg.memo import remember

    limit, chosen = params.integer(request, "limit", 2000, 1, 10_000), params.filters(request, listing=True)
    store = get_store()
    places = remember(store, ("map", chosen, limit), lambda: queries.map_points(store, chosen, limit=limit))
    return {"ok": True, "places": places}

