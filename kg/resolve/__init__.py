"""Cross-source event resolution: reports of the same happening, from articles and datasets, as one.

`resolve_after_change(store, graph_iris)` after each ingest, import or delete;
`resolve_all(store)` to rebuild; `ResolvingStore(store)` to do it on every article write.
The rule is in `kg.resolve.rule` and, in words, in ontology/README.md.
"""
from __future__ import annotations

from .happenings import RESOLVED_GRAPH, Happening
from .rule import DATE_TOLERANCE_DAYS, MAX_DISTANCE_KM, REGION_DISTANCE_KM, Report, cluster, compatible
from .store import ResolvingStore
from .update import (Relinker, ResolveSummary, resolve_after_change, resolve_all, resolve_removed, resolve_reports,
                     unlinked_graphs)

__all__ = ["Relinker", "RESOLVED_GRAPH", "DATE_TOLERANCE_DAYS", "MAX_DISTANCE_KM", "REGION_DISTANCE_KM", "Happening",
           "Report", "ResolveSummary", "ResolvingStore", "cluster", "compatible", "resolve_after_change",
           "resolve_all", "resolve_removed", "resolve_reports", "unlinked_graphs"]
