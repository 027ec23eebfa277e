"""Answers kept until the store is written to: the map's places and the timelines' counts.

`remember(store, key, compute)` returns what `compute()` returned the last time it was called
with `key` on this store object, as long as the store's ``generation`` (bumped by every write
through that object) has not changed; otherwise it computes and keeps the answer. As with the
projection cache (`kg.graph.cache`), writes made by another process are not seen: a read-only
`kg serve` (whose lock keeps every writer out) always answers from the current store.

Kept answers are shared: treat them as read-only.
"""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Callable, Hashable, TypeVar

__all__ = ["remember", "MAXSIZE"]

T = TypeVar("T")
MAXSIZE = 64  # answers kept per store (the least recently used go first)
_MEMOS: "weakref.WeakKeyDictionary[object, OrderedDict]" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def remember(store, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`'s answer for `key` on `store`, kept until the store changes.

    >>> from kg.store import open_store
    >>> store, calls = open_store(None), []
    >>> remember(store, "k", lambda: calls.append(1) or len(calls)), remember(store, "k", lambda: 99)
    (1, 1)
    >>> store.put_graph("urn:g", '<urn:a> <urn:p> "x" .')
    >>> remember(store, "k", lambda: 99)
    99
    """
    generation = store.generation
    with _LOCK:
        memo = _MEMOS.setdefault(store, OrderedDict())
        found = memo.get(key)
        if found is not None and found[0] == generation:
            memo.move_to_end(key)
            return found[1]
    value = compute()  # outside the lock: two threads may compute the same answer once each
    with _LOCK:
        memo[key] = (generation, value)
        memo.move_to_end(key)
        while len(memo) > MAXSIZE:
            memo.popitem(last=False)
    return value
