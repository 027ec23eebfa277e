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

__all__ = ["serve", "check_port", "ADDRESS_NAME", "served_at"]

ADDRESS_NAME = "kg-serve.json"  # in the store directory while `kg serve` runs: where, which process, writes or not


def serve(settings: Settings, *, host: str, port: int, threads: int, workers: int | None, readers: int = 2) -> None:
    """Serve `settings.store` on host:port until interrupted. Raises StoreError when it cannot."""
    from granian import Granian

    from .store.serving import hold

    writes = bool(settings.token) and not settings.readonly
    workers = 1 if writes else (workers or os.cpu_count() or 1)
    local = not settings.store.startswith(REMOTE_SCHEMES)
    lock = hold(settings.store) if local and not writes else None  # held until this process ends
    os.environ.update({"KG_STORE": settings.store, "KG_SERVE_PARENT": str(os.getpid()),
                       "KG_SERVE_READ_ONLY": "" if writes else "1", "KG_SERVE_READERS": str(readers)})
    address = _announce(settings.store, host, port, writes) if local else None
    try:
        Granian("api.wsgi:build", factory=True, interface="wsgi", address=host, port=port, workers=workers,
                blocking_threads=threads, log_access=False).serve()
    finally:
        if lock is not None:
            os.close(lock)
        if address is not None:
            address.unlink(missing_ok=True)


def _announce(store: str, host: str, port: int, writes: bool):
    """Write ADDRESS_NAME into the store directory, so that `kg watch` can post to this server."""
    import json
    from pathlib import Path

    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    path = Path(store) / ADDRESS_NAME
    try:
        path.write_text(json.dumps({"url": f"http://{shown}:{port}", "pid": os.getpid(), "writes": writes}))
    except OSError:
        return None  # a read-only directory: a watcher then cannot find the server, and says so
    return path


def served_at(store: str) -> dict | None:
    """{url, pid, writes} of the `kg serve` that holds `store` (a directory), or None when none runs."""
    import json
    from pathlib import Path

    try:
        info = json.loads((Path(store) / ADDRESS_NAME).read_text())
        os.kill(int(info["pid"]), 0)  # still running?
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info


def check_port(host: str, port: int) -> None:
    """Raise OSError with a one-line message when nothing can listen on host:port (a port in use)."""
    import errno
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        why = "the port is in use (stop the other server, or give --port)" if getattr(exc, "errno", None) == \
            errno.EADDRINUSE else exc.strerror or str(exc)
        raise OSError(f"cannot serve on {host}:{port}: {why}") from None
