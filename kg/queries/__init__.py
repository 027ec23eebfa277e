"""The SPARQL behind the web service's listings, by concept: events (`events`: pages, one event, the
map's places), actors (`actors`), articles and dumps (`articles`), the example queries of the
query page (`examples`); `scope` resolves a filter's place names and country codes (for the
projections too), `select` is the one way they write SPARQL (values bound by VALUES blocks of
checked terms, never spliced).
"""
from __future__ import annotations

from .actors import actor, actor_links, search_actors
from .articles import article, articles, dump_nquads, dump_turtle
from .events import count_events, event, events, lean_pattern, map_points
from .examples import EXAMPLE_QUERIES
from .scope import scope
from .select import ID, PREFIXES, describe, select, values

__all__ = ["ID", "PREFIXES", "EXAMPLE_QUERIES", "events", "count_events", "event", "map_points", "lean_pattern",
           "scope", "search_actors", "actor", "actor_links", "articles", "article", "describe", "select", "values",
           "dump_nquads", "dump_turtle"]
