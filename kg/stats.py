"""Counts over the store, for `kg stats` and the API."""
from __future__ import annotations

from .mapping.namespaces import CKG
from .store import Store

__all__ = ["store_stats"]

COUNTS = f"""
SELECT
  (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?place) AS ?places)
WHERE {{
  {{ ?article a <{CKG.Article}> }} UNION {{ ?event a <{CKG.Event}> }}
  UNION {{ ?actor a <{CKG.Actor}> }} UNION {{ ?place a <{CKG.Place}> }}
}}"""

BY_TYPE = f"""
SELECT ?type (COUNT(DISTINCT ?event) AS ?n) WHERE {{
  ?event a <{CKG.Event}> ; <{CKG.action}> ?action .
  BIND(STRAFTER(STR(?action), "/plover/") AS ?type)
}} GROUP BY ?type ORDER BY DESC(?n) ?type"""


def store_stats(store: Store) -> dict:
    """Articles, events, actors, places, distinct triples, and events per PLOVER type."""
    row = store.select(COUNTS)[0]
    data = {key: int(row.get(key, 0)) for key in ("articles", "events", "actors", "places")}
    data["triples"] = store.distinct_triple_count()  # a triple stated in two graphs is one triple
    data["events_by_type"] = {r["type"]: int(r["n"]) for r in store.select(BY_TYPE)}
    return data
