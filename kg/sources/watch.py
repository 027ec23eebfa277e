"""`kg watch DIR`: ingest files as they appear in a folder (watchdog), beside a running `kg serve` too.

What is there at the start is ingested first (unchanged articles are skipped, as by `kg ingest`);
then each readable file that is created, moved in or changed is ingested once it has stopped
growing for `settle` seconds. Each batch opens the store for itself: when a `kg serve` holds it,
the batch is posted to that server's `POST /api/articles` instead (the server announces itself
in the store directory, `kg.serve.served_at`; writes need its KG_TOKEN), so the watcher never
writes a store that a server is reading. Deleted files are ignored: their articles stay stored.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Callable

from ..articles import find_files, input_kind, iter_articles
from ..config import Settings
from ..errors import InputError, KGError, StoreError
from ..pipeline import IngestSummary, ingest_paths

__all__ = ["WatchError", "Arrivals", "Totals", "ingest_batch", "post_batch", "watch"]


class WatchError(KGError):
    """The watcher cannot go on (no server to post to, a refused token); the message says why."""


class Arrivals:
    """Files created, moved in or changed below a folder, handed out once they have settled."""

    def __init__(self, folder: Path, settle: float = 1.0):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.settle, self._lock = settle, threading.Lock()
        self._pending: dict[Path, float] = {}  # path -> when it last changed
        self._sizes: dict[Path, int] = {}  # path -> its size when last looked at
        self._folders: dict[Path, float] = {}  # folders made or moved in -> when
        arrivals = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type not in ("created", "modified", "moved", "closed"):
                    return
                path = Path(getattr(event, "dest_path", "") or event.src_path)
                if not event.is_directory:
                    arrivals.note(path)
                elif event.event_type in ("created", "moved"):  # a folder made or moved in: read what it
                    arrivals.note_folder(path)  # holds once settled (files written before it was watched send no event)

        self.observer = Observer()
        self.observer.schedule(Handler(), str(folder), recursive=True)

    def note(self, path: Path) -> None:
        if input_kind(path) and not path.name.startswith("."):
            with self._lock:
                self._pending[path] = time.monotonic()

    def note_folder(self, path: Path) -> None:
        with self._lock:
            self._folders[path] = time.monotonic()

    def ready(self) -> list[Path]:
        """The noted files untouched for `settle` seconds whose size no longer changes, sorted."""
        now, out = time.monotonic(), []
        with self._lock:
            folders = [f for f, seen in self._folders.items() if now - seen >= self.settle]
            for folder in folders:
                del self._folders[folder]
        for found in find_files(folders):
            self.note(found)
        with self._lock:
            for path, seen in list(self._pending.items()):
                if now - seen < self.settle:
                    continue
                try:
                    size = path.stat().st_size
                except OSError:  # gone again (a temporary file)
                    del self._pending[path]
                    self._sizes.pop(path, None)
                    continue
                if self._sizes.get(path) == size:
                    del self._pending[path]
                    self._sizes.pop(path, None)
                    out.append(path)
                else:
                    self._sizes[path] = size
                    self._pending[path] = now
        return sorted(out)

    def __enter__(self):
        self.observer.start()
        return self

    def __exit__(self, *exc):
        self.observer.stop()
        self.observer.join(timeout=10)


@dataclass
class Totals:
    """The counts of every batch so far (the summary printed on Ctrl+C)."""

    done: IngestSummary = field(default_factory=IngestSummary)
    current: IngestSummary | None = None  # the batch being ingested, as far as it got

    def add(self, summary: IngestSummary) -> None:
        for f in fields(IngestSummary):
            if f.name != "errors":
                setattr(self.done, f.name, getattr(self.done, f.name) + getattr(summary, f.name))
        self.done.errors.extend(summary.errors)
        self.current = None

    def total(self) -> IngestSummary:
        if self.current is not None:
            self.add(self.current)
        return self.done


def ingest_batch(paths: list[Path], settings: Settings, on_article: Callable, *,
                 fallback_date: date | None) -> IngestSummary | None:
    """Ingest `paths` into the store; None when another process (a `kg serve`) holds it."""
    from ..store import open_store

    try:
        store = open_store(settings.store, create=True)
    except StoreError as exc:
        if "in use by another process" in str(exc):
            return None
        raise
    try:
        return ingest_paths(paths, store, settings=settings, on_article=on_article, fallback_date=fallback_date)
    finally:
        store.close()


def post_batch(paths: list[Path], url: str, token: str, on_article: Callable, *,
               fallback_date: date | None) -> IngestSummary:
    """Post the articles of `paths` to a server's POST /api/articles, one request each."""
    import requests

    from .origin import origin_to_json

    summary, started = IngestSummary(), time.perf_counter()
    for item in iter_articles(paths, fallback_date=fallback_date):
        if isinstance(item, InputError):
            summary.failed += 1
            summary.errors.append(str(item))
            on_article("failed", summary)
            continue
        record = {"id": item.id, "text": item.text, "date": item.published.isoformat(), "title": item.title,
                  "url": item.url, "outlet": item.outlet, "dateline": item.dateline,
                  "origin": origin_to_json(item.origin) if item.origin else None}
        try:
            response = requests.post(f"{url}/api/articles", json=record, timeout=600,
                                     headers={"Authorization": f"Bearer {token}"})
        except requests.RequestException as exc:
            raise WatchError(f"cannot post to the server at {url}: {type(exc).__name__}") from None
        body = response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
        if response.status_code in (401, 403):
            raise WatchError(f"the server at {url} refused the write ({response.status_code}): "
                             f"{body.get('detail', response.reason)}")
        if response.status_code in (200, 201):
            status = body.get("status", "added")
            setattr(summary, status, getattr(summary, status) + 1)
            summary.events += int(body.get("events", 0))
            summary.triples += int(body.get("triples", 0))
        else:
            summary.failed += 1
            summary.errors.append(f"{item.source}: {body.get('detail', f'HTTP {response.status_code}')}")
        on_article(body.get("status", "failed"), summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _server(settings: Settings, server: str | None) -> tuple[str, str]:
    """The URL and token to post to, when a server holds the store."""
    from ..serve import served_at

    if server is None:
        info = served_at(settings.store)
        if info is None:
            raise WatchError(f"store {settings.store} is in use by another process, and no `kg serve` announces "
                             "itself there: stop the other writer, or give --server URL")
        if not info.get("writes"):
            raise WatchError(f"`kg serve` (process {info['pid']}, {info['url']}) serves {settings.store} read-only: "
                             "restart it with KG_TOKEN set so that it takes writes, or stop it")
        server = info["url"]
    if not settings.token:
        raise WatchError(f"the server at {server} holds the store: set KG_TOKEN to its token to post articles to it")
    return server.rstrip("/"), settings.token


def watch(folder: Path, settings: Settings, *, progress, totals: Totals, server: str | None = None,
          fallback_date: date | None = None, settle: float = 1.0, poll: float = 0.5,
          on_mode: Callable[[str], None] | None = None) -> None:
    """Ingest `folder`'s files, then each new one, until interrupted (KeyboardInterrupt propagates;
    `totals` holds what was done)."""
    def on_article(status, summary):
        totals.current = summary
        progress(status, summary)

    mode = [f"writing {settings.store}"]

    def tell(now: str) -> None:
        if on_mode and now != mode[0]:
            on_mode(now)
        mode[0] = now

    def run(paths: list[Path]) -> None:
        if not paths:
            return
        progress.restart()
        summary = None if server else ingest_batch(paths, settings, on_article, fallback_date=fallback_date)
        if summary is None:
            url, token = _server(settings, server)
            tell(f"the store is held by the server at {url}: posting to it")
            summary = post_batch(paths, url, token, on_article, fallback_date=fallback_date)
        else:
            tell(f"writing {settings.store}")
        totals.add(summary)

    with Arrivals(folder, settle) as arrivals:
        run(find_files([folder]))
        while True:
            time.sleep(poll)
            run(arrivals.ready())
