"""RSS and Atom subscriptions (feedparser): what `kg feed add`, `kg feed list` and `kg feed fetch` keep.

The subscriptions live in one JSON file beside the articles they bring: `kg-feeds.json` in the
store directory (for a SPARQL-server store, the file `KG_FEEDS` names). For each feed it keeps
the ETag and Last-Modified the server last sent (so an unchanged feed costs a 304) and the ids of
the entries already stored, so that a second fetch adds only new items. The file is replaced
atomically, and a lock beside it keeps two fetches of the same subscriptions apart.

An entry with full content (Atom `content`, RSS `content:encoded`) is its article; an entry with
only a summary brings the page it links to (`kg.sources.html`), or, when that page cannot be had,
its summary, which is then not marked as seen so that a later fetch tries the page again.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from ..errors import InputError, KGError
from ..model import Article, Origin
from .html import MAX_PAGE_BYTES, article_from_html, dateline_of, fragment_text

__all__ = ["STATE_NAME", "MAX_SEEN", "Feed", "FeedList", "FeedError", "Fetched", "state_path", "fetch_feed"]

STATE_NAME = "kg-feeds.json"
MAX_SEEN = 5000  # entry ids kept per feed (a feed shows its latest few dozen)
TIMEOUT = 30  # seconds for a feed or page to answer
AGENT = "conflict-kg feed reader (+https://w3id.org/conflict-kg)"
_URL = re.compile(r"^https?://", re.I)


class FeedError(KGError):
    """A feed that cannot be added, read or parsed; the message names it."""


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass
class Feed:
    """One subscription and what was seen of it."""

    url: str  # an http(s) URL, or the absolute path of a feed file
    added: str
    etag: str | None = None
    modified: str | None = None
    seen: list[str] = field(default_factory=list)
    fetched: str | None = None  # when it was last fetched (ISO)
    status: str | None = None  # what the last fetch did, for `kg feed list`

    @property
    def is_url(self) -> bool:
        return bool(_URL.match(self.url))


def state_path(store: str, feeds: str = "") -> Path:
    """Where the subscriptions of `store` are kept: `feeds` when given, else kg-feeds.json in the
    store directory (a SPARQL-server store has none: then `feeds` is required)."""
    if feeds:
        return Path(feeds)
    if "://" in store:
        raise FeedError(f"the store {store} is a SPARQL server: say where to keep the feed list with "
                        "KG_FEEDS=FILE")
    return Path(store) / STATE_NAME


class FeedList:
    """The subscriptions in their JSON file."""

    def __init__(self, path: Path):
        self.path = path
        self.feeds: list[Feed] = []
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.feeds = [Feed(**f) for f in data["feeds"]]
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise FeedError(f"{path}: cannot read the feed list ({exc}); fix or remove the file") from None

    def find(self, url: str) -> Feed | None:
        return next((f for f in self.feeds if f.url == url), None)

    def add(self, location: str) -> Feed:
        """Subscribe to a URL or a feed file (kept as an absolute path); FeedError when already there."""
        if not _URL.match(location):
            if "://" in location:
                raise FeedError(f"{location}: only http:// and https:// feeds (or files) can be added")
            path = Path(location).expanduser()
            if not path.is_file():
                raise FeedError(f"{location}: no such feed file (give an http(s) URL or a file)")
            location = str(path.resolve())
        if self.find(location):
            raise FeedError(f"{location}: already subscribed")
        feed = Feed(location, _now().isoformat())
        self.feeds.append(feed)
        return feed

    def remove(self, location: str) -> Feed:
        feed = self.find(location) or (self.find(str(Path(location).expanduser().resolve()))
                                       if not _URL.match(location) else None)
        if feed is None:
            raise FeedError(f"{location}: not subscribed (see `kg feed list`)")
        self.feeds.remove(feed)
        return feed

    def save(self) -> None:
        """Write the file atomically (a reader sees the old list or the new one, never half)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kg-feeds-", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"version": 1, "feeds": [asdict(f) for f in self.feeds]}, handle, indent=2, ensure_ascii=False)
        os.replace(tmp, self.path)

    @contextmanager
    def locked(self) -> Iterator["FeedList"]:
        """Hold the list's lock (another `kg feed` on the same list waits for none: it is refused)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise FeedError(f"{self.path} is in use by another `kg feed` command") from None
            yield self
        finally:
            os.close(fd)


@dataclass
class Fetched:
    """What one fetch of a feed gave: its articles (or their errors) and what to remember."""

    items: list[Article | InputError] = field(default_factory=list)
    entries: dict[str, Article] = field(default_factory=dict)  # entry id -> its article, to mark as seen
    notes: list[str] = field(default_factory=list)  # entries read from their summary, and why
    etag: str | None = None
    modified: str | None = None
    not_modified: bool = False


@dataclass(frozen=True)
class _Response:
    status: int
    headers: dict
    body: bytes


def _get(session, url: str, headers: dict | None = None) -> _Response:
    """GET `url`, reading at most MAX_PAGE_BYTES of its body; FeedError when it cannot be had."""
    import requests

    try:
        with session.get(url, headers={"User-Agent": AGENT, **(headers or {})}, timeout=TIMEOUT,
                         stream=True) as response:
            body, size = [], 0
            for chunk in response.iter_content(65536):
                size += len(chunk)
                if size > MAX_PAGE_BYTES:
                    raise FeedError(f"{url}: more than {MAX_PAGE_BYTES:,} bytes")
                body.append(chunk)
            return _Response(response.status_code, response.headers, b"".join(body))  # headers: any case
    except requests.RequestException as exc:
        raise FeedError(f"{url}: {type(exc).__name__}: {str(exc)[:200]}") from None


def _day(entry) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(*parsed[:3]) if parsed else None


def _content(entry) -> str:
    parts = [c.get("value") or "" for c in entry.get("content") or []]
    return fragment_text(max(parts, key=len)) if any(parts) else ""


def _entry_article(entry, *, feed: Feed, outlet: str | None, session, fetched: Fetched) -> Article:
    from ..articles import check_text

    entry_id = (entry.get("id") or entry.get("link") or "").strip()
    where = f"{feed.url} entry {entry_id[:200] or '(no id)'}"
    if not entry_id:
        raise InputError("the entry has neither an id nor a link", path=feed.url)
    link, day = (entry.get("link") or "").strip() or None, _day(entry)
    text = _content(entry)
    if not text and link and _URL.match(link):  # a summary only: read the page it links to
        try:
            response = _get(session, link)
            kind = response.headers.get("Content-Type", "")
            if response.status != 200 or "html" not in kind.lower():
                raise FeedError(f"{link}: HTTP {response.status} {kind}".strip())
            return article_from_html(response.body, article_id=entry_id, path=where, url=link,
                                     fallback_date=day, origin=Origin("feed", page=link, feed=feed.url,
                                                                      retrieved=_now()))
        except FeedError as exc:
            fetched.notes.append(f"{where}: the page could not be read ({exc}); stored its summary")
    full = bool(text)
    text = text or fragment_text(entry.get("summary") or "")
    if not text:
        raise InputError("the entry has no content, no summary and no page to read", path=where)
    if day is None:
        raise InputError("the entry states no publication date (published or updated)", path=where)
    text = check_text(text, path=where)

    def short(value, name):
        value = (value or "").strip()
        return check_text(value, path=where, field=name).strip() or None if value else None

    article = Article(id=check_text(entry_id, path=where, field="entry id"), text=text, published=day,
                      title=short(entry.get("title"), "title"), url=short(link, "link"), outlet=short(outlet, "outlet"),
                      dateline=dateline_of(text), source=where,
                      origin=Origin("feed", feed=feed.url, retrieved=_now()))
    if not full:
        raise _Summary(article)
    return article


class _Summary(Exception):
    """An entry read from its summary only (not to be marked as seen)."""

    def __init__(self, article: Article):
        self.article = article


def fetch_feed(feed: Feed, session=None) -> Fetched:
    """Fetch `feed` and read its entries not yet seen; FeedError when the feed cannot be had."""
    import feedparser
    import requests

    session = session or requests.Session()
    fetched = Fetched()
    if feed.is_url:
        conditions = {k: v for k, v in (("If-None-Match", feed.etag), ("If-Modified-Since", feed.modified)) if v}
        response = _get(session, feed.url, conditions)
        if response.status == 304:
            fetched.not_modified = True
            return fetched
        if response.status != 200:
            raise FeedError(f"{feed.url}: HTTP {response.status}")
        data, headers = response.body, {"content-type": response.headers.get("Content-Type", ""),
                                        "content-location": feed.url}
        fetched.etag, fetched.modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    else:
        try:
            data, headers = Path(feed.url).read_bytes(), {}
        except OSError as exc:
            raise FeedError(f"{feed.url}: cannot read the feed file: {exc.strerror or exc}") from None
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        why = str(parsed.get("bozo_exception") or "no RSS or Atom elements")[:200]
        raise FeedError(f"{feed.url}: not an RSS or Atom feed ({why})")
    outlet, seen = parsed.feed.get("title"), set(feed.seen)
    for entry in parsed.entries:
        entry_id = (entry.get("id") or entry.get("link") or "").strip()
        if entry_id and entry_id in seen:
            continue
        try:
            article = _entry_article(entry, feed=feed, outlet=outlet, session=session, fetched=fetched)
            fetched.entries[entry_id] = article
        except _Summary as summary:
            article = summary.article
        except InputError as exc:
            fetched.items.append(exc)
            continue
        fetched.items.append(article)
    return fetched
