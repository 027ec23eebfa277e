"""The networkx projections the graph endpoints share, cached per store generation and filters."""
from __future__ import annotations

from flask import current_app

from .db import get_store

__all__ = ["projection"]


def projection(filters, kind: str = "actor"):
    """The actor graph (or the actor-event graph) of the events `filters` keeps."""
    from kg.graph import project

    store = get_store()
    cache = current_app.extensions.get("kg_projections")
    build = project.actor_event_graph if kind == "actor-event" else project.actor_graph
    if cache is None:
        return build(store, filters)
    return cache.get(store, filters, kind=kind)
