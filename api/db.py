"""The store, settings and bounded query runner of the app (Flask tutorial `db.py`).

Time limit. pyoxigraph cannot interrupt a query, but it releases the GIL while it evaluates
and serialises. Each protocol query (but those cheap by their shape, `inline.py`) therefore
runs in a worker thread; the request waits at
most `query_timeout` seconds and then answers 503. A query that streams its result stops at
the time limit (`OxigraphStore.bounded_query`); one that computes without writing (a sort, a
count) runs on in its thread until it finishes, holding one of `QUERY_SLOTS` slots; when every
slot is taken by a runaway,
new SPARQL requests get 503 with Retry-After at once, while the rest of the site (JSON API,
pages) keeps answering from the server's other threads. Graph analysis and exports (`expensive`)
share KG_MAX_EXPENSIVE slots the same way, so a burst of them cannot take every thread.
"""
from __future__ import annotations

import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field

from flask import Flask, current_app

from kg.config import Settings
from kg.store import Store, open_store

from .errors import ApiError

__all__ = ["QueryRunner", "Gate", "expensive", "init_app", "get_store", "get_settings", "get_runner", "writable",
           "require_writer", "QUERY_SLOTS"]

QUERY_SLOTS = 4


@dataclass
class QueryRunner:
    """Run store calls in worker threads with a time limit and a cap on runaways."""

    timeout: float
    slots: int = QUERY_SLOTS
    _pool: ThreadPoolExecutor = field(init=False)
    _free: threading.BoundedSemaphore = field(init=False)

    def __post_init__(self):
        self._pool = ThreadPoolExecutor(max_workers=self.slots, thread_name_prefix="kg-query")
        self._free = threading.BoundedSemaphore(self.slots)

    def run(self, fn, *args, **kwargs):
        """`fn(*args, **kwargs)`, or ApiError(503) after `timeout` seconds or when all slots are busy."""
        if not self._free.acquire(timeout=min(1.0, self.timeout)):
            raise ApiError(503, "Service Unavailable",
                           f"all {self.slots} query workers are busy with long queries; retry later",
                           headers={"Retry-After": "10"})

        def job():
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                # Drop the inner frames here: they may hold pyoxigraph objects that must be
                # freed on the thread that made them.
                raise exc.with_traceback(None) from None
            finally:
                self._free.release()

        try:
            future = self._pool.submit(job)
        except RuntimeError:
            self._free.release()
            raise
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise ApiError(503, "Service Unavailable",
                           f"the query ran longer than the limit of {self.timeout:g} s "
                           "(KG_QUERY_TIMEOUT); add LIMIT or narrow the patterns",
                           headers={"Retry-After": "10"}) from None

    def close(self) -> None:
        """Stop accepting work; running queries finish in their threads."""
        self._pool.shutdown(wait=False, cancel_futures=True)


class Gate:
    """At most `slots` expensive requests at once; one more waits `wait` seconds, then gets 503."""

    def __init__(self, slots: int, wait: float = 0.5):
        self.slots, self.wait = max(1, slots), wait
        self._free = threading.BoundedSemaphore(self.slots)

    def acquire(self) -> None:
        """Take a slot or raise ApiError(503) with Retry-After."""
        if not self._free.acquire(timeout=self.wait):
            raise ApiError(503, "Service Unavailable",
                           f"{self.slots} graph-analysis or export requests are already running "
                           "(KG_MAX_EXPENSIVE); retry in a few seconds", headers={"Retry-After": "5"})

    def release(self) -> None:
        """Give a slot back."""
        self._free.release()


def expensive(view):
    """Run `view` holding one of the app's expensive-request slots (graph analysis, exports)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        gate = current_app.extensions["kg_gate"]
        gate.acquire()
        try:
            return view(*args, **kwargs)
        finally:
            gate.release()

    return wrapper


def init_app(app: Flask, settings: Settings, store: Store | None, *, isolate: int = 0) -> None:
    """Open the store (unless one is given) and attach it, the settings and the runner; with
    `isolate` (a number of processes), and an embedded store on disk, the reader processes that
    run protocol queries (`kg.store.readers`: an engine crash, a runaway or a memory blow-up then
    costs one request)."""
    app.config["KG_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body
    store = store if store is not None else open_store(settings.store)
    app.extensions["kg_store"] = store
    app.extensions["kg_runner"] = QueryRunner(timeout=settings.query_timeout)
    app.extensions["kg_gate"] = Gate(settings.max_expensive)
    from kg.store.oxigraph import OxigraphStore

    embedded = getattr(store, "inner", store)
    if isolate and isinstance(embedded, OxigraphStore) and embedded.path is not None:
        from kg.store.readers import ReaderPool

        app.extensions["kg_readers"] = ReaderPool(embedded.path, size=int(isolate), generation=lambda: store.generation)


def get_store() -> Store:
    """The app's store."""
    return current_app.extensions["kg_store"]


def get_settings() -> Settings:
    """The app's settings."""
    return current_app.config["KG_SETTINGS"]


def get_runner() -> QueryRunner:
    """The app's bounded query runner."""
    return current_app.extensions["kg_runner"]


def writable(settings: Settings) -> bool:
    """Writes are possible when a token is configured and the service is not read-only."""
    return bool(settings.token) and not settings.readonly


def require_writer(authorization: str | None, settings: Settings | None = None) -> None:
    """Allow a write only with `Authorization: Bearer <token>` (compared in constant time)."""
    import hmac

    settings = settings or get_settings()
    if not writable(settings):
        raise ApiError(403, "Forbidden", "this service is read-only: writes need KG_TOKEN set "
                                          "and KG_READONLY=false on the server")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise ApiError(401, "Unauthorized", "send 'Authorization: Bearer <token>' with the configured token",
                       headers={"WWW-Authenticate": 'Bearer realm="conflict-kg"'})
