"""`kg feed fetch`: fetch each feed, ingest its new entries, and remember what was stored.

An entry is marked as seen only when its article is in the store with the same content hash
afterwards (read back from the store, so nothing is marked that was not written), and a feed's
ETag and Last-Modified are kept only when all of its entries were stored: a feed whose entries
failed is read again in full next time, and only the entries not yet seen are ingested.
"""
from __future__ import annotations

from datetime import datetime, timezone

from ..config import Settings
from ..mapping.iris import article_iri
from ..pipeline import IngestSummary, ingest_items
from ..store import Store
from ..store.batch import stored_hashes
from .feeds import MAX_SEEN, Feed, FeedError, FeedList, fetch_feed
from .watch import Totals

__all__ = ["fetch_all", "fetch_one"]


def fetch_one(feed: Feed, store: Store, settings: Settings, progress, session=None) -> IngestSummary:
    """Fetch `feed` into `store`, updating `feed` (seen ids, ETag, status); FeedError when the
    feed itself cannot be had."""
    fetched = fetch_feed(feed, session=session)
    feed.fetched = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    if fetched.not_modified:
        feed.status = "not modified (304)"
        return IngestSummary()
    for note in fetched.notes:
        progress.error(note)
    progress.restart()
    summary = ingest_items(fetched.items, store, settings=settings, on_article=progress)
    iris = {entry_id: str(article_iri(a.id)) for entry_id, a in fetched.entries.items()}
    stored = stored_hashes(store, list(iris.values()))
    seen = [e for e, a in fetched.entries.items() if stored.get(iris[e]) == a.content_hash]
    feed.seen = (feed.seen + [e for e in seen if e not in feed.seen])[-MAX_SEEN:]
    complete = len(seen) == len(fetched.items)  # every entry stored in full
    if complete:
        feed.etag, feed.modified = fetched.etag, fetched.modified
    feed.status = (f"{len(fetched.items)} new entr{'y' if len(fetched.items) == 1 else 'ies'}: {summary.line()}"
                   + ("" if complete else f"; {len(fetched.items) - len(seen)} to try again"))
    return summary


def fetch_all(feeds: FeedList, chosen: list[Feed], store: Store, settings: Settings, progress,
              session=None) -> tuple[IngestSummary, int]:
    """Fetch each chosen feed, saving the list after each; (the counts of all, feeds that failed)."""
    totals, failed = Totals(), 0
    for feed in chosen:
        try:
            totals.add(fetch_one(feed, store, settings, progress, session=session))
        except FeedError as exc:
            failed += 1
            feed.status = f"failed: {exc}"
            progress.error(str(exc))
        feeds.save()
    return totals.total(), failed
