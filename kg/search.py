"""Search the graph by name: actors (labels and aliases), places (labels) and articles (titles), ranked.

A match ranks by how well the name matches (the whole name, then its start, then anywhere in
it; case-insensitive), then by how many events it has. The text is bound as a value, never
spliced into the query.
"""
from __future__ import annotations

from .queries import search_actors, select
from .store import Store

__all__ = ["search", "rank"]

_PLACES = """
SELECT ?place (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?country) (COUNT(DISTINCT ?event) AS ?events) WHERE {
  #VALUES
  ?place a ckg:Place ; rdfs:label ?l . OPTIONAL { ?place ckg:country ?c } OPTIONAL { ?event ckg:place ?place }
  FILTER(CONTAINS(LCASE(?l), LCASE(?q)))
} GROUP BY ?place"""
_ARTICLES = """
SELECT ?article ?title ?published (COUNT(DISTINCT ?event) AS ?events) WHERE {
  #VALUES
  GRAPH ?article { ?article a ckg:Article ; ckg:title ?title . OPTIONAL { ?article ckg:published ?published }
                   OPTIONAL { ?event ckg:reportedIn ?article } }
  FILTER(CONTAINS(LCASE(?title), LCASE(?q)))
} GROUP BY ?article ?title ?published"""


def rank(q: str, name: str | None, events: int) -> tuple:
    """The sort key of a match: whole name, then start, then anywhere; then most events.

    >>> sorted(["Tripoli Port", "Tripoli", "Greater Tripoli"], key=lambda n: rank("tripoli", n, 0))
    ['Tripoli', 'Tripoli Port', 'Greater Tripoli']
    """
    name, q = (name or "").lower(), q.lower()
    return (0 if name == q else 1 if name.startswith(q) else 2, -events, name)


def search(store: Store, q: str, *, limit: int = 20) -> dict[str, list[dict]]:
    """Actors, places and articles whose name contains `q`, best matches first, at most `limit` of each."""
    q = q.strip()
    actors = search_actors(store, q, limit=max(limit, 100))
    actors.sort(key=lambda a: rank(q, a["label"], a["events"]))
    places = [{"iri": r["place"], "id": r["place"].rsplit("/", 1)[-1], "label": r.get("label"),
               "country": r.get("country"), "events": int(r.get("events", 0))}
              for r in select(store, _PLACES, {"q": q})]
    places.sort(key=lambda p: rank(q, p["label"], p["events"]))
    articles = [{"iri": r["article"], "id": r["article"].rsplit("/", 1)[-1], "title": r.get("title"),
                 "published": r.get("published"), "events": int(r.get("events", 0))}
                for r in select(store, _ARTICLES, {"q": q})]
    articles.sort(key=lambda a: rank(q, a["title"], a["events"]))
    return {"actors": actors[:limit], "places": places[:limit], "articles": articles[:limit]}
