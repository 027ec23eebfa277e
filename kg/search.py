"""Search the graph by name: actors and places (labels and aliases), articles (titles) and events, ranked.

A match ranks by how well the name matches (the whole name, then its start, then anywhere in
it; case-insensitive; an alias counts as the name), then by how many events it has. An actor or
place found by an alias carries the `alias` it was found by. The events found are those of the
best matching actors (so "GNA" finds what the Government of National Accord did, whatever the
sentence called it) and those whose evidence sentence or notes hold the text, newest first.
The text is bound as a value, never spliced into the query.
"""
from __future__ import annotations

from rdflib.namespace import SKOS

from .filters import Filters
from .queries import describe, event as one_event, events as list_events, search_actors, select, values
from .store import Store

__all__ = ["search", "rank", "matched_alias"]



def _places(q: str) -> str:
    return f"""
SELECT ?place (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?country) (SAMPLE(?a) AS ?alias) (COUNT(DISTINCT ?event) AS ?events)
WHERE {{
  {values("q", [q])}
  ?place a ckg:Place ; rdfs:label ?l . OPTIONAL {{ ?place ckg:country ?c }} OPTIONAL {{ ?event ckg:place ?place }}
  OPTIONAL {{ ?place skos:altLabel ?a FILTER(CONTAINS(LCASE(?a), LCASE(?q))) }}
  FILTER(CONTAINS(LCASE(?l), LCASE(?q)) || BOUND(?a))
}} GROUP BY ?place"""


def _evidence(q: str, limit: int) -> str:
    return f"""
SELECT DISTINCT ?event ?date WHERE {{
  GRAPH ?g {{ {values("q", [q])}
             ?event a ckg:Event ; ckg:evidence|ckg:notes ?text FILTER(CONTAINS(LCASE(?text), LCASE(?q)))
             OPTIONAL {{ ?event ckg:date ?date }} }}
}} ORDER BY DESC(?date) ?event LIMIT {int(limit)}"""


def _articles(q: str) -> str:
    return f"""
SELECT ?article ?title ?published (COUNT(DISTINCT ?event) AS ?events) WHERE {{
  {values("q", [q])}
  GRAPH ?article {{ ?article a ckg:Article ; ckg:title ?title . OPTIONAL {{ ?article ckg:published ?published }}
                   OPTIONAL {{ ?event ckg:reportedIn ?article }} }}
  FILTER(CONTAINS(LCASE(?title), LCASE(?q)))
}} GROUP BY ?article ?title ?published"""


def rank(q: str, name: str | None, events: int) -> tuple:
    """The sort key of a match: whole name, then start, then anywhere; then most events.

    >>> sorted(["Tripoli Port", "Tripoli", "Greater Tripoli"], key=lambda n: rank("tripoli", n, 0))
    ['Tripoli', 'Tripoli Port', 'Greater Tripoli']
    """
    name, q = (name or "").lower(), q.lower()
    return (0 if name == q else 1 if name.startswith(q) else 2, -events, name)


def matched_alias(q: str, label: str | None, aliases: list[str]) -> str | None:
    """The alias `q` was found by: None when the label holds it, else the best matching alias.

    >>> matched_alias("gna", "Government of National Accord", ["GNA forces", "GNA"])
    'GNA'
    >>> matched_alias("nat", "Government of National Accord", ["GNA"]) is None
    True
    """
    if q.lower() in (label or "").lower():
        return None
    found = [a for a in aliases if q.lower() in a.lower()]
    return min(found, key=lambda a: rank(q, a, 0)) if found else None


def _best(q: str, item: dict) -> tuple:
    return min(rank(q, item["label"], item["events"]), rank(q, item.get("alias"), item["events"]))


def _events(store: Store, q: str, actors: list[dict], limit: int) -> list[dict]:
    """The events of the three best matching actors and those whose evidence or notes hold `q`, newest first."""
    found: dict[str, dict] = {}
    for actor in actors[:3]:
        for ev in list_events(store, Filters(actor=actor["iri"]), limit=limit):
            found.setdefault(ev["iri"], ev)
    for row in select(store, _evidence(q, limit)):
        if row["event"] not in found:
            ev = one_event(store, row["event"])
            if ev is not None:
                found[ev["iri"]] = ev
    return sorted(found.values(), key=lambda e: (e["date"] or "", e["iri"]), reverse=True)[:limit]


def search(store: Store, q: str, *, limit: int = 20, events: bool = False) -> dict[str, list[dict]]:
    """Actors, places and articles whose name or alias contains `q`, best matches first, at most `limit`
    of each; with `events`, the matching events too (`_events`)."""
    q = q.strip()
    actors = search_actors(store, q, limit=max(limit, 100))
    aliases = describe(store, [a["iri"] for a in actors], [str(SKOS.altLabel)])
    for actor in actors:
        actor["alias"] = matched_alias(q, actor["label"], aliases.get(actor["iri"], {}).get(str(SKOS.altLabel), []))
    actors.sort(key=lambda a: _best(q, a))
    places = [{"iri": r["place"], "id": r["place"].rsplit("/", 1)[-1], "label": r.get("label"),
               "country": r.get("country"), "events": int(r.get("events", 0)),
               "alias": r.get("alias") if q.lower() not in (r.get("label") or "").lower() else None}
              for r in select(store, _places(q))]
    places.sort(key=lambda p: _best(q, p))
    articles = [{"iri": r["article"], "id": r["article"].rsplit("/", 1)[-1], "title": r.get("title"),
                 "published": r.get("published"), "events": int(r.get("events", 0))}
                for r in select(store, _articles(q))]
    articles.sort(key=lambda a: rank(q, a["title"], a["events"]))
    found = {"actors": actors[:limit], "places": places[:limit], "articles": articles[:limit]}
    if events:
        found["events"] = _events(store, q, found["actors"], limit)
    return found
