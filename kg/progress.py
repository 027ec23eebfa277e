"""The progress line of the ingesting commands (`kg ingest`, `kg feed fetch`, `kg watch`): a tqdm bar on
stderr with the rate, events, triples and errors, each error printed above it as it happens."""
from __future__ import annotations

import sys

import click

__all__ = ["Progress"]


class Progress:
    """A progress bar fed by `ingest_items`'s `on_article(status, summary)` callback.

    `total` may be None (a watched folder, a feed): the bar then counts without an ETA. With
    `quiet`, no bar: errors go to stderr as they happen, and nothing else.
    """

    def __init__(self, total: int | None = None, *, quiet: bool = False, unit: str = "article"):
        from tqdm import tqdm

        self.quiet = quiet
        self.bar = tqdm(total=total, unit=unit, disable=quiet, file=sys.stderr, dynamic_ncols=True)
        self._reported = 0

    def __call__(self, status: str, summary) -> None:
        for message in summary.errors[self._reported:]:
            self.error(message)
        self._reported = len(summary.errors)
        self.bar.set_postfix(events=summary.events, triples=summary.triples, errors=summary.failed, refresh=False)
        self.bar.update(1)

    def error(self, message: str) -> None:
        """Print `error: message` without breaking the bar."""
        (self.bar.write if not self.quiet else click.echo)(f"error: {message}", file=sys.stderr)

    def restart(self) -> None:
        """Forget the errors already printed (the next summary starts from none)."""
        self._reported = 0

    def close(self) -> None:
        self.bar.close()
