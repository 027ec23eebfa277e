"""Graph analysis of the store: projections to networkx, questions about actors, exports.

The names below are importable from `kg.graph` directly; each module loads on first use,
so that importing the package (as `kg`'s command line does) stays cheap. `centrality`,
`communities` and `ego` share their module's name: import them from the module
(``from kg.graph.centrality import centrality``).

>>> from kg.graph import actor_graph, shortest_path
>>> actor_graph.__module__, shortest_path.__module__
('kg.graph.project', 'kg.graph.paths')
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "Filters": "project", "FilterError": "project",
    "actor_graph": "project", "actor_digraph": "project", "actor_event_graph": "project", "fetch": "fetch",
    "ProjectionCache": "cache", "cache_for": "cache",
    "resolve_actor": "lookup",
    "shortest_path": "paths", "k_shortest_paths": "paths", "neighbours": "paths",
    "pagerank": "centrality", "METRICS": "centrality", "describe_ego": "ego",
    "to_gexf": "export", "to_graphml": "export", "to_json": "export", "to_csv": "export", "to_csv_zip": "export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kg.graph' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
