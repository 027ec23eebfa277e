"""Reuse projections between questions; rebuild them after the store is written to.

A `ProjectionCache` belongs to one store object and keys each graph by
``(kind, filters, store.generation)``. Every write through that store object bumps
``generation``, so the next question builds a fresh projection. Writes made by another
process (another `kg ingest` on the same directory) are not seen: open the store again.

Each key is built once: a caller asking for a projection that another thread is building waits
for that build (an in-flight future per key) instead of starting a second one, while callers of
other keys, cached or not, go on meanwhile (the cache's lock is never held during a build). A
projection whose build saw the store written to is handed to the callers that waited for it but
not kept.

Cached graphs are shared: treat them as read-only (`kg.graph.ego.ego` returns a copy).
Mind the memory: an unfiltered actor projection of 1,000,000 events takes about 1.5 GB
(bench/README.md), so `maxsize` bounds how many are kept.
"""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from concurrent.futures import Future

import networkx as nx

from . import project
from ..filters import Filters

__all__ = ["KINDS", "ProjectionCache", "cache_for"]

KINDS = {"actor": "actor_graph", "directed": "actor_digraph", "bipartite": "actor_event_graph"}
_CACHES: "weakref.WeakKeyDictionary[object, ProjectionCache]" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


class ProjectionCache:
    """The projections of one store, built on first use and kept until the store changes.

    Parameters
    ----------
    store : kg.store.Store
    maxsize : int
        Most projections kept at once (least recently used go first).

    Attributes
    ----------
    builds, hits, waits : int
        Projections built; answers from the kept ones; answers that waited for another
        caller's build of the same key.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> store = sample_store()
    >>> cache = ProjectionCache(store)
    >>> cache.get() is cache.get(Filters()), cache.builds
    (True, 1)
    >>> store.delete_article("https://w3id.org/conflict-kg/id/article/ckg-libya-2019-04-08")
    True
    >>> cache.get().number_of_nodes(), cache.builds
    (4, 2)
    """

    def __init__(self, store, maxsize: int = 4):
        self._store, self.maxsize = weakref.ref(store), maxsize
        self.hits = self.builds = self.waits = 0
        self._graphs: OrderedDict = OrderedDict()
        self._building: dict[tuple, Future] = {}
        self._lock = threading.Lock()

    @property
    def store(self):
        """The store (held weakly, so that a cache never keeps a closed store alive)."""
        store = self._store()
        if store is None:
            raise ReferenceError("the store of this projection cache is gone")
        return store

    def get(self, filters: Filters | None = None, kind: str = "actor") -> nx.Graph:
        """The projection of `kind` (``actor``, ``directed`` or ``bipartite``) under `filters`.

        Built by this call, or by the call already building it (then this one waits for it).
        """
        if kind not in KINDS:
            raise ValueError(f"unknown projection kind {kind!r}; use one of {', '.join(KINDS)}")
        filters = filters or Filters()
        with self._lock:
            store = self.store
            key = (kind, filters, store.generation)
            if key in self._graphs:
                self.hits += 1
                self._graphs.move_to_end(key)
                return self._graphs[key]
            building = self._building.get(key)
            owner = building is None
            if owner:
                for old in [k for k in self._graphs if k[2] != key[2]]:  # free the old ones before building
                    del self._graphs[old]
                building = self._building[key] = Future()
            else:
                self.waits += 1
        if not owner:
            return building.result()  # the graph of that build, or its exception
        return self._build(store, key, building)

    def _build(self, store, key: tuple, building: Future) -> nx.Graph:
        """Project for `key`, keep the graph unless the store changed meanwhile, and resolve `building`."""
        kind, filters, generation = key
        try:
            graph = getattr(project, KINDS[kind])(store, filters)
        except BaseException as exc:
            with self._lock:
                del self._building[key]
            building.set_exception(exc)
            raise
        with self._lock:
            del self._building[key]
            self.builds += 1
            if store.generation == generation:  # else written meanwhile: give it to the waiters, keep none
                self._graphs[key] = graph
                while len(self._graphs) > self.maxsize:
                    self._graphs.popitem(last=False)
        building.set_result(graph)
        return graph

    def clear(self) -> None:
        """Forget every projection."""
        with self._lock:
            self._graphs.clear()


def cache_for(store) -> ProjectionCache:
    """The shared `ProjectionCache` of `store` (one per store object, dropped with it).

    >>> from kg.graph.sample import sample_store
    >>> store = sample_store()
    >>> cache_for(store) is cache_for(store)
    True
    """
    with _LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = ProjectionCache(store)
        return cache
