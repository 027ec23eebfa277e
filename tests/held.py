"""A real in-memory store whose projection can be held back: `HeldStore`, for the tests of
concurrent projections (kg.graph.cache) and of the service's warm-up (api.warm)."""
from __future__ import annotations

import threading
import time

from rdflib import Dataset

from kg.graph.sample import SAMPLE_TRIG
from kg.store.oxigraph import OxigraphStore

__all__ = ["HeldStore", "held_sample_store", "until"]


class HeldStore(OxigraphStore):
    """An in-memory pyoxigraph store whose CSV queries (those of `kg.graph.fetch`, and no write's)
    wait while it is held, or fail while `fail` is set.

    `hold()` holds the next projections, `waiting` is set once one of their queries is waiting,
    `release()` lets them run.
    """

    def __init__(self):
        super().__init__(None)
        self.released, self.waiting = threading.Event(), threading.Event()
        self.released.set()
        self.fail = False

    def hold(self) -> None:
        self.waiting.clear()
        self.released.clear()

    def release(self) -> None:
        self.released.set()

    def query(self, sparql: str, fmt: str, **kwargs) -> bytes:
        if fmt == "csv":
            if not self.released.is_set():
                self.waiting.set()
                self.released.wait()
            if self.fail:
                raise OSError("the store is unreachable (HeldStore.fail)")
        return super().query(sparql, fmt, **kwargs)


def held_sample_store() -> HeldStore:
    """A `HeldStore` holding `kg.graph.sample.SAMPLE_TRIG` (as `sample_store` does)."""
    dataset = Dataset()
    dataset.parse(data=SAMPLE_TRIG, format="trig")
    store = HeldStore()
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph) and str(graph.identifier).startswith("https://"):
            store.put_article(str(graph.identifier), graph.serialize(format="nt"), "0" * 64)
    return store


def until(condition, what: str, limit: float = 60.0) -> None:
    """Wait until `condition()` holds (a guard against a hung test, not a measure of time)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.01)
