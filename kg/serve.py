"""What `kg serve` runs: granian over the app factory `api.wsgi:build`, with one worker per core
when the service takes no writes (each opening the store read-only, under `kg.store.serving`'s
lock), else one worker that holds the store writable.

Measured (bench/README.md, "SPARQL over HTTP"): granian runs the app 2-4x faster than waitress
or gunicorn with threads, and a second worker process doubles what one Python process, bound by
its GIL, can answer.
"""
from __future__ import annotations

import os

from .config import Settings
from .store import REMOTE_SCHEMES

__all__ = ["serve"]


def serve(settings: Settings, *, host: str, port: int, threads: int, workers: int | None) -> None:
    """Serve `settings.store` on host:port until interrupted. Raises StoreError when it cannot."""
    from granian import Granian

    from .store.serving import hold

    writes = bool(settings.token) and not settings.readonly
    workers = 1 if writes else (workers or os.cpu_count() or 1)
    local = not settings.store.startswith(REMOTE_SCHEMES)
    lock = hold(settings.store) if local and not writes else None  # held until this process ends
    os.environ.update({"KG_STORE": settings.store, "KG_SERVE_PARENT": str(os.getpid()),
                       "KG_SERVE_READ_ONLY": "" if writes else "1"})
    try:
        Granian("api.wsgi:build", factory=True, interface="wsgi", address=host, port=port, workers=workers,
                blocking_threads=threads, log_access=False).serve()
    finally:
        if lock is not None:
            os.close(lock)
