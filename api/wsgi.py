"""The app as `kg serve` runs it: built inside granian's worker process from the KG_* settings.

`kg serve` checks the store, puts its options in the environment and starts granian with
`build` as the app factory; each worker opens the store itself (a store handle must not cross
a fork), read-only when the service takes no writes (KG_SERVE_READ_ONLY: then there are one
worker per core, and `kg serve` holds `kg.store.serving`'s lock so that nothing writes the store
meanwhile), and ends with its parent, so a killed `kg serve` never leaves a worker holding the
store or the port. Each worker then warms the network page's first answer in a background thread
(`api.warm`, unless KG_WARM=0).
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys

__all__ = ["build"]

PARENT = "KG_SERVE_PARENT"  # the pid of `kg serve`, set by the CLI
READ_ONLY = "KG_SERVE_READ_ONLY"  # "1": the workers open the store read-only
READERS = "KG_SERVE_READERS"  # reader processes per worker (kg.store.readers)


def _end_with_parent() -> None:
    """Ask Linux to kill this process when `kg serve` dies (prctl PR_SET_PDEATHSIG)."""
    parent = os.environ.get(PARENT)
    if not parent or not sys.platform.startswith("linux"):
        return
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != int(parent):  # the parent died before the call
        os._exit(1)


def build():
    """The Flask app with its SPARQL service, over the store named by KG_STORE."""
    _end_with_parent()
    from kg.config import Settings
    from kg.store import open_store

    from . import create_app, warm

    settings = Settings.from_env()
    store = open_store(settings.store, read_only=True) if os.environ.get(READ_ONLY) == "1" else None
    app = create_app(settings, store=store, isolate=int(os.environ.get(READERS) or 2))
    warm.start(app)  # the network page's first answer, in the background (KG_WARM)
    return app
