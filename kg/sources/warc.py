"""Web archives: the HTML pages a WARC file (`.warc`, `.warc.gz`) holds, read with warcio.

Each `response` record with status 200 and an HTML content type (and each `resource` record of
HTML) is one page, read as `kg.sources.html` reads a saved page; its id is the record's target
URI, its fetch time the record's WARC-Date. Other records (requests, metadata, images) are skipped.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..model import Article, Origin
from .html import MAX_PAGE_BYTES, article_from_html

__all__ = ["WARC_SUFFIXES", "is_warc", "articles_from_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    """True for a `.warc` or `.warc.gz` file name."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def _when(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc) if value else None
    except ValueError:
        return None


def _html(record) -> bool:
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return False
        kind = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        kind = record.rec_headers.get_header("Content-Type") or ""
    else:
        return False
    return "html" in kind.lower()


def articles_from_warc(path: Path, *, fallback_date: date | None = None) -> Iterator[Article | InputError]:
    """Each HTML page of the archive as an article, or an InputError naming the record in its place."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(f"cannot read file: {exc.strerror or exc}", path=str(path))
        return
    pages = 0
    with handle:
        try:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                if not _html(record):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"record-{number}"
                where = f"{path} record {number} ({uri[:200]})"
                body = record.content_stream().read(MAX_PAGE_BYTES + 1)
                pages += 1
                origin = Origin("warc", file=str(path), page=uri,
                                retrieved=_when(record.rec_headers.get_header("WARC-Date")))
                try:
                    yield article_from_html(body, article_id=uri, path=where, url=uri,
                                            fallback_date=fallback_date, origin=origin)
                except InputError as exc:
                    yield exc
        except ArchiveLoadFailed as exc:
            yield InputError(f"not a readable WARC file: {str(exc).splitlines()[0][:200]}", path=str(path))
            return
    if pages == 0:
        yield InputError("the archive holds no HTML page (no response record with status 200 and an HTML "
                         "content type)", path=str(path))
