"""The networkx projections the graph endpoints share (one `kg.graph` cache per store)."""
from __future__ import annotations

from .db import get_store
from .errors import ApiError

__all__ = ["projection", "KINDS"]

KINDS = {"actor": "actor", "directed": "directed", "actor-event": "bipartite", "bipartite": "bipartite"}


def projection(filters, kind: str = "actor"):
    """The actor graph (or `directed`, or the bipartite `actor-event` graph) of the kept events.

    Built by `kg.graph` and cached until the store is written to.
    """
    from kg.graph.cache import cache_for

    if kind not in KINDS:
        raise ApiError.bad_request(f"graph must be one of {', '.join(KINDS)}, got {kind!r}")
    return cache_for(get_store()).get(filters, KINDS[kind])
