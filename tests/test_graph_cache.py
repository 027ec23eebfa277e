"""The projection cache under concurrent callers: each key built once, other keys never waiting
behind a build, and a write during a build never leaving a stale projection as current
(a real store whose projection queries wait on an event: tests/held.py)."""
from __future__ import annotations

import threading

import pytest

from kg.filters import Filters
from kg.graph.cache import ProjectionCache

from tests.held import held_sample_store, until

LIBYA = "https://w3id.org/conflict-kg/id/article/ckg-libya-2019-04-08"


def _in_thread(fn) -> tuple[threading.Thread, dict]:
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except Exception as exc:
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def test_graph_cache_same_key_from_two_threads_is_built_once():
    store = held_sample_store()
    cache = ProjectionCache(store)
    store.hold()
    first, one = _in_thread(cache.get)
    store.waiting.wait(60)
    second, two = _in_thread(lambda: cache.get(Filters(), "actor"))
    until(lambda: cache.waits == 1, "the second caller waits for the first one's build")
    store.release()
    first.join(60), second.join(60)
    assert one["value"] is two["value"] and one["value"].number_of_nodes() == 6
    assert (cache.builds, cache.waits, cache.hits) == (1, 1, 0)
    assert cache.get() is one["value"] and cache.hits == 1


def test_graph_cache_hit_on_one_key_does_not_wait_for_a_build_of_another():
    store = held_sample_store()
    cache = ProjectionCache(store)
    every = cache.get()
    store.hold()
    building, built = _in_thread(lambda: cache.get(Filters(country="LBY")))
    store.waiting.wait(60)
    hit, answer = _in_thread(cache.get)
    hit.join(60)  # a guard: with the build under the cache's lock, this caller would wait until release
    assert not hit.is_alive() and answer["value"] is every
    assert building.is_alive() and cache.builds == 1  # the other key is still being built
    store.release()
    building.join(60)
    assert built["value"] is not every and cache.builds == 2 and cache.get(Filters(country="LBY")) is built["value"]


def test_graph_cache_write_during_a_build_is_not_hidden_by_it():
    store = held_sample_store()
    cache = ProjectionCache(store)
    store.hold()
    building, built = _in_thread(cache.get)
    store.waiting.wait(60)
    assert store.delete_article(LIBYA)  # the build began before this write
    store.release()
    building.join(60)
    assert "value" in built and cache.builds == 1
    current = cache.get()
    assert current is not built["value"] and cache.builds == 2 and current.number_of_nodes() == 4
    assert cache.get() is current and cache.hits == 1


def test_graph_cache_failed_build_fails_its_waiters_and_is_not_kept():
    store = held_sample_store()
    cache = ProjectionCache(store)
    store.hold()
    first, one = _in_thread(cache.get)
    store.waiting.wait(60)
    second, two = _in_thread(cache.get)
    until(lambda: cache.waits == 1, "the second caller waits for the first one's build")
    store.fail = True
    store.release()
    first.join(60), second.join(60)
    assert isinstance(one.get("error"), OSError) and two.get("error") is one["error"]
    store.fail = False
    assert cache.get().number_of_nodes() == 6 and cache.builds == 1


def test_graph_cache_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown projection kind"):
        ProjectionCache(held_sample_store()).get(kind="tree")
