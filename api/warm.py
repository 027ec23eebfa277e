"""Warm what the network page asks first, in the background, as soon as a `kg serve` worker starts.

The first visit to /network asks /api/network for its default view (`views.NETWORK_TOP` actors
ranked by `views.NETWORK_METRIC`, no filter). Answering it projects every event of the store
(`kg.graph.cache`: about 5 s at 100,000 events on a quiet core, 20 s under load) and then renders
the view, kept with the projection. `start(app)` does both in a daemon thread through the code
that answers the request (`graph_api.network_bodies`, in a request context of the page's URL),
so the page's request finds both cached; one that comes while the warm-up is still building waits
for that build rather than starting another (`ProjectionCache.get` builds each key once). A write
meanwhile bumps the store's generation, so the request then builds the current projection.

Off with KG_WARM=0. A failure is logged in one line and stops nothing: the first visit then
builds the answer, as without the warm-up.
"""
from __future__ import annotations

import logging
import threading
import time

__all__ = ["Warming", "page_url", "warm", "start"]

log = logging.getLogger(__name__)


class Warming:
    """One warm-up in its thread: `done` is set when it has ended, `seconds` is how long it took,
    `error` its failure in one line (None when it succeeded)."""

    def __init__(self):
        self.done = threading.Event()
        self.seconds: float | None = None
        self.error: str | None = None
        self.thread: threading.Thread | None = None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the warm-up has ended (or `timeout` seconds); whether it has."""
        return self.done.wait(timeout)


def page_url(app) -> str:
    """The /api/network URL that the network page asks first (its form's defaults)."""
    from flask import url_for

    from .views import NETWORK_METRIC, NETWORK_TOP

    with app.test_request_context():
        return url_for("json_api.network", top=NETWORK_TOP, metric=NETWORK_METRIC)


def warm(app) -> float:
    """Build the network page's first answer now, in this thread, and keep it; the seconds it took."""
    from .graph_api import network_bodies

    started = time.perf_counter()
    with app.test_request_context(page_url(app)):
        network_bodies()
    return time.perf_counter() - started


def start(app) -> Warming | None:
    """Warm `app` in a daemon thread (`app.extensions["kg_warm"]`), unless its settings say
    ``warm=False``; the warm-up, or None."""
    if not app.config["KG_SETTINGS"].warm:
        return None
    warming = app.extensions["kg_warm"] = Warming()

    def run() -> None:
        try:
            warming.seconds = warm(app)
            log.info("network page warmed in %.1f s", warming.seconds)
        except Exception as exc:  # never the server's end: the first visit builds it instead
            warming.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            log.warning("warming the network page failed (its first visit builds it): %s", warming.error)
        finally:
            warming.done.set()

    warming.thread = threading.Thread(target=run, name="kg-warm", daemon=True)
    warming.thread.start()
    return warming
