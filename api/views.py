"""HTML pages: home, search, network view, map, and actor, dyad, place, event and article pages.

Pages are server-rendered from the same `kg.queries` functions as the JSON API; the network
view, the map and the timelines (charts drawn with Chart.js, their data a CSV download) fetch
the JSON API from the browser. Every script and style is served from
`static/` (vendored libraries under `static/vendor/`), so the site works offline.
"""
from __future__ import annotations

from typing import Callable

from flask import Blueprint, render_template, request, url_for
from markupsafe import Markup, escape

from kg import places, queries
from kg.filters import Filters
from kg.graph.centrality import METRICS
from kg.graph.signs import SIGNS
from kg.search import search as search_graph
from kg.mapping.namespaces import PLOVER_TYPES
from kg.stats import store_stats
from kg.text import web_url

from . import params
from .db import get_store
from .errors import ApiError
from .series_api import known_actor, known_place

bp = Blueprint("views", __name__)
NETWORK_TOP = 500  # actors the network page shows at first (its first /api/network asks for them; api.warm)
NETWORK_METRIC = "degree"  # and ranked by this centrality (the metric the form has selected)
bp.add_app_template_filter(web_url, "web_url")  # only http and https URLs become links


def highlighted(text: str, spans: list[dict], focus: str | None = None,
                link: Callable[[str], str] | None = None) -> Markup:
    """The text as HTML with each evidence span in a <mark> (the `focus` event's one marked current);
    with `link` (event id -> URL), each other span links to its event (a span of several events
    to the first, and a small link to each of the others).

    >>> str(highlighted("a <b> c", [{"start": 2, "end": 5, "event": "e1", "type": "ASSAULT"}]))
    'a <mark class="evidence" data-events="e1" title="ASSAULT">&lt;b&gt;</mark> c'
    >>> str(highlighted("a b", [{"start": 2, "end": 3, "event": "e1", "type": "AID"}], link=lambda e: "/events/" + e))
    'a <mark class="evidence" data-events="e1" title="AID"><a href="/events/e1">b</a></mark>'
    """
    merged: dict[tuple[int, int], list[dict]] = {}
    for span in spans:
        merged.setdefault((span["start"], span["end"]), []).append(span)
    out, cursor = [], 0
    for (start, end), group in sorted(merged.items()):
        if start < cursor or end > len(text):
            continue
        ids = [s["event"] for s in group]
        current = focus in ids
        attrs = ' class="evidence current" id="evidence"' if current else ' class="evidence"'
        title = ", ".join(sorted({s["type"] for s in group}))
        inner = str(escape(text[start:end]))
        if link is not None:
            lead = None if current else ids[0]
            if lead is not None:
                inner = f'<a href="{escape(link(lead))}">{inner}</a>'
            inner += "".join(f' <a class="also" href="{escape(link(s["event"]))}">{escape(s["type"])}</a>'
                             for s in group if s["event"] not in (lead, focus))
        out.append(str(escape(text[cursor:start])))
        out.append(f'<mark{attrs} data-events="{escape(" ".join(ids))}" title="{escape(title)}">{inner}</mark>')
        cursor = end
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def _event_link(key: str) -> str:
    return url_for("views.event", key=key)


@bp.get("/")
def home():
    """Counts, a search box and the latest articles."""
    store = get_store()
    return render_template("views/home.html", stats=store_stats(store),
                           articles=queries.articles(store, limit=10))


@bp.get("/search")
def search():
    """Actors and places whose name or alias contains `q`, articles by title, and matching events."""
    q = request.args.get("q", "").strip()
    limit = params.integer(request, "limit", 50, 1, params.MAX_LIMIT)
    found = search_graph(get_store(), q, limit=limit, events=True) if q else {}
    return render_template("views/search.html", q=q, found=found)


@bp.get("/network")
def network():
    """The interactive actor network (drawn from /api/network; the 500 most central actors at first)."""
    return render_template("views/network.html", types=PLOVER_TYPES, metrics=METRICS, signs=SIGNS, top=NETWORK_TOP,
                           metric=NETWORK_METRIC)


@bp.get("/map")
def map_view():
    """Events on a world outline."""
    return render_template("views/map.html", types=PLOVER_TYPES)


@bp.get("/actors/<path:key>")
def actor(key: str):
    """An actor, its events and the actors it shares events with."""
    store, found = get_store(), known_actor(key)
    iri = found["iri"]
    chosen = Filters(actor=iri)
    return render_template("views/actor.html", actor=found, events=queries.events(store, chosen, limit=200),
                           total=queries.count_events(store, chosen), links=queries.actor_links(store, iri))


@bp.get("/dyads/<a>/<b>")
def dyad(a: str, b: str):
    """What actor A did to B and B to A over time, and those events."""
    store, first, second = get_store(), known_actor(a, "a"), known_actor(b, "b")
    if first["iri"] == second["iri"]:
        raise ApiError.bad_request(f"a dyad is two different actors; a and b are both {first['id']!r}")
    sides = []
    for x, y in ((first, second), (second, first)):
        chosen = Filters(from_actor=x["iri"], to_actor=y["iri"])
        sides.append({"actor": x, "target": y, "events": queries.events(store, chosen, limit=200),
                      "total": queries.count_events(store, chosen)})
    return render_template("views/dyad.html", a=first, b=second, sides=sides)


@bp.get("/places/<path:key>")
def place(key: str):
    """A place, its events over time and in a table, the places inside it and near it."""
    store, found = get_store(), known_place(key)
    chosen = Filters(place=found["iri"])
    return render_template("views/place.html", place=found, events=queries.events(store, chosen, limit=200),
                           total=queries.count_events(store, chosen), inside=places.places_inside(store, found),
                           near=places.places_near(store, found), near_km=places.NEAR_KM)


@bp.get("/events/<key>")
def event(key: str):
    """An event and its evidence sentence highlighted in its article (the article's other evidence
    sentences linked to their events)."""
    store = get_store()
    found = queries.event(store, params.node_iri("event", key))
    if found is None:
        raise ApiError.not_found(f"no event {key!r}")
    art = queries.article(store, found["article"]) if found["article"] else None  # imported: no article
    if art is None:
        return render_template("views/event.html", event=found, article=None, text=None)
    others = queries.events(store, Filters(articles=(art["iri"],)), limit=params.MAX_LIMIT)
    spans = [{"start": e["start"], "end": e["end"], "event": e["id"], "type": e["type"]}
             for e in [found] + [e for e in others if e["id"] != found["id"]] if e["start"] is not None]
    return render_template("views/event.html", event=found, article=art,
                           text=highlighted(art["text"], spans, focus=found["id"], link=_event_link))


@bp.get("/articles/<key>")
def article(key: str):
    """An article with every evidence sentence highlighted, and its events."""
    store, iri = get_store(), params.node_iri("article", key)
    found = queries.article(store, iri)
    if found is None:
        raise ApiError.not_found(f"no article {key!r}")
    evs = queries.events(store, Filters(articles=(iri,)), limit=params.MAX_LIMIT)
    spans = [{"start": e["start"], "end": e["end"], "event": e["id"], "type": e["type"]} for e in evs
             if e["start"] is not None]
    return render_template("views/article.html", article=found, events=evs,
                           text=highlighted(found["text"], spans, focus=request.args.get("event"), link=_event_link))
