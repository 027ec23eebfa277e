"""A real server for tests: the app under waitress in a background thread on a free loopback port."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

__all__ = ["LiveServer", "live_server"]


class LiveServer:
    """A running server: `url` is its base URL (http://127.0.0.1:PORT)."""

    def __init__(self, app, threads: int = 4):
        from waitress.server import create_server

        self.app = app
        self._server = create_server(app, host="127.0.0.1", port=0, threads=threads, ident="conflict-kg-test",
                                     clear_untrusted_proxy_headers=True)
        self.port = self._server.effective_port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.run, name="waitress-test", daemon=True)

    def start(self) -> "LiveServer":
        """Start serving in the background."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting requests and wait for the serving thread to end."""
        server = self._server

        def close_all():  # runs in the serving thread: client connections, listener and trigger
            for channel in list(server._map.values()):
                channel.close()

        trigger = server.trigger
        pull = trigger.pull_trigger

        def pull_unless_closed(thunk=None):  # a worker still finishing after close_all finds the pipe closed
            try:
                pull(thunk)
            except OSError:
                pass

        trigger.pull_trigger = pull_unless_closed
        server.task_dispatcher.shutdown(timeout=5)
        pull_unless_closed(close_all)
        self._thread.join(timeout=5)


@contextmanager
def live_server(app, threads: int = 4) -> Iterator[LiveServer]:
    """Serve `app` for the duration of the block."""
    server = LiveServer(app, threads=threads).start()
    try:
        yield server
    finally:
        server.stop()
