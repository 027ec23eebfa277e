"""HTML pages: home, actor search, network view, map, and actor, event and article pages.

Pages are server-rendered from the same `kg.queries` functions as the JSON API; the network
view and the map fetch the JSON API from the browser. Every script and style is served from
`static/` (vendored libraries under `static/vendor/`), so the site works offline.
"""
from __future__ import annotations

from flask import Blueprint, render_template, request
from markupsafe import Markup, escape

from kg import queries
from kg.graph.centrality import METRICS
from kg.graph.signs import SIGNS
from kg.mapping.namespaces import PLOVER_TYPES
from kg.stats import store_stats
from kg.text import web_url

from . import params
from .db import get_store
from .errors import ApiError

bp = Blueprint("views", __name__)
bp.add_app_template_filter(web_url, "web_url")  # only http and https URLs become links


def highlighted(text: str, spans: list[dict], focus: str | None = None) -> Markup:
    """The text as HTML with each evidence span in a <mark> (the `focus` event's one marked current).

    >>> str(highlighted("a <b> c", [{"start": 2, "end": 5, "event": "e1", "type": "ASSAULT"}]))
    'a <mark class="evidence" data-events="e1" title="ASSAULT">&lt;b&gt;</mark> c'
    """
    merged: dict[tuple[int, int], list[dict]] = {}
    for span in spans:
        merged.setdefault((span["start"], span["end"]), []).append(span)
    out, cursor = [], 0
    for (start, end), group in sorted(merged.items()):
        if start < cursor or end > len(text):
            continue
        ids = " ".join(s["event"] for s in group)
        attrs = ' class="evidence current" id="evidence"' if focus in ids.split() else ' class="evidence"'
        title = ", ".join(sorted({s["type"] for s in group}))
        out.append(str(escape(text[cursor:start])))
        out.append(f'<mark{attrs} data-events="{escape(ids)}" title="{escape(title)}">'
                   f"{escape(text[start:end])}</mark>")
        cursor = end
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


@bp.get("/")
def home():
    """Counts, a search box and the latest articles."""
    store = get_store()
    return render_template("views/home.html", stats=store_stats(store),
                           articles=queries.articles(store, limit=10))


@bp.get("/search")
def search():
    """Actors whose name or alias contains `q`."""
    q = request.args.get("q", "").strip()
    limit, offset = params.page(request)
    return render_template("views/search.html", q=q,
                           actors=queries.search_actors(get_store(), q, limit=limit, offset=offset))


@bp.get("/network")
def network():
    """The interactive actor network (drawn from /api/network; the 500 most central actors at first)."""
    return render_template("views/network.html", types=PLOVER_TYPES, metrics=METRICS, signs=SIGNS, top=500)


@bp.get("/map")
def map_view():
    """Events on a world outline."""
    return render_template("views/map.html", types=PLOVER_TYPES)


@bp.get("/actors/<path:key>")
def actor(key: str):
    """An actor, its events and the actors it shares events with."""
    store, iri = get_store(), params.node_iri("actor", key)
    found = queries.actor(store, iri)
    if found is None:
        raise ApiError.not_found(f"no actor {key!r}")
    return render_template("views/actor.html", actor=found,
                           events=queries.events(store, queries.EventQuery(actor=iri), limit=200),
                           links=queries.actor_links(store, iri))


@bp.get("/events/<key>")
def event(key: str):
    """An event and its evidence sentence highlighted in its article."""
    store = get_store()
    found = queries.event(store, params.node_iri("event", key))
    if found is None:
        raise ApiError.not_found(f"no event {key!r}")
    art = queries.article(store, found["article"]) if found["article"] else None  # imported: no article
    span = [{"start": found["start"], "end": found["end"], "event": found["id"], "type": found["type"]}]
    if found["start"] is None:
        span = []
    return render_template("views/event.html", event=found, article=art,
                           text=highlighted(art["text"], span, focus=found["id"]) if art else None)


@bp.get("/articles/<key>")
def article(key: str):
    """An article with every evidence sentence highlighted, and its events."""
    store, iri = get_store(), params.node_iri("article", key)
    found = queries.article(store, iri)
    if found is None:
        raise ApiError.not_found(f"no article {key!r}")
    evs = queries.events(store, queries.EventQuery(article=iri), limit=params.MAX_LIMIT)
    spans = [{"start": e["start"], "end": e["end"], "event": e["id"], "type": e["type"]} for e in evs
             if e["start"] is not None]
    return render_template("views/article.html", article=found, events=evs,
                           text=highlighted(found["text"], spans, focus=request.args.get("event")))
