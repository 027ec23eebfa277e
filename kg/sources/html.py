"""Saved web pages as articles: trafilatura finds the body, title, site and canonical URL, htmldate the date.

No tag rules of our own: the page's text is what trafilatura keeps (navigation, comments,
footers and share boxes are dropped), its publication date is what htmldate reads from the
page's metadata, markup and URL (`extensive_search=False`: a copyright year or a date in the
free text is not taken for the publication date), and the dateline is the one the body opens
with (`kg.extract.dateline`). A page without a findable date is refused unless a date is given.
"""
from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from ..extract.dateline import find_dateline
from ..model import Article, Origin
from ..values import check_date

__all__ = ["MAX_PAGE_BYTES", "HTML_SUFFIXES", "article_from_html", "page_text", "fragment_text", "dateline_of"]

MAX_PAGE_BYTES = 20_000_000  # a saved page larger than this is refused (a news page is well under 5 MB)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# htmldate: dates from the page's metadata, markup (<time>, bylines) and URL only
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_DATELINE_TAIL = re.compile(r"\s*(?:\([^)]*\)|,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*$")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def page_text(document) -> str:
    """The body trafilatura extracted, one paragraph per block, blank lines between them; the
    headline, when the body repeats it first, is left out (it is the article's title)."""
    lines = [line.strip() for line in (document.text or "").splitlines() if line.strip()]
    if lines and document.title and _same(lines[0], document.title):
        lines = lines[1:]
    return "\n\n".join(lines)


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment that is all article (a feed entry's content), one paragraph per
    block: trafilatura with recall favoured, or all of its text when that keeps nothing."""
    import trafilatura

    wrapped = f"<html><body><article>{fragment}</article></body></html>"
    document = trafilatura.bare_extraction(wrapped, favor_recall=True, include_comments=False, include_tables=False)
    text = page_text(document) if document is not None else ""
    return text or (trafilatura.html2txt(wrapped) or "").strip()


def dateline_of(text: str) -> str | None:
    """The place of the dateline the body opens with ('TRIPOLI, Libya'), without agency or day."""
    found = find_dateline(text)
    if found is None:
        return None
    line = found[0]
    while (shorter := _DATELINE_TAIL.sub("", line)) != line:
        line = shorter
    return line.strip(" ,") or None


def _published(value: str | None, fallback: date | None, path: str) -> date:
    if value:
        try:
            return check_date(date.fromisoformat(value[:10]), "publication date")
        except ValueError as exc:
            if fallback is None:
                raise InputError(f"the page's publication date {value!r} cannot be used: {exc}", path=path) from None
    if fallback is None:
        raise InputError("no publication date found in the page (its metadata, <time> elements, byline "
                         "and URL were searched); give one with --date YYYY-MM-DD", path=path)
    return fallback


def article_from_html(data: bytes | str, *, article_id: str, path: str, url: str | None = None,
                      fallback_date: date | None = None, origin: Origin | None = None) -> Article:
    """The article a saved page holds.

    `url` is where the page was fetched from, when known (a feed entry's link, a WARC record);
    the page's own canonical URL wins. `fallback_date` is used only when the page states none.
    Raises InputError naming `path` for a page that is too large, holds no article text, or
    states no publication date when no `fallback_date` is given.
    """
    import trafilatura

    from ..articles import check_text

    size = len(data)
    if size > MAX_PAGE_BYTES:
        raise InputError(f"page is {size:,} bytes; at most {MAX_PAGE_BYTES:,} are read", path=path)
    if not (data.strip() if isinstance(data, (bytes, str)) else data):
        raise InputError("empty file", path=path)
    document = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False, date_extraction_params=_DATE_PARAMS)
    text = page_text(document) if document is not None else ""
    if not text:
        raise InputError("no article text found in the page (is it an HTML news page?)", path=path)
    text = check_text(text, path=path)
    published = _published(document.date, fallback_date, path)

    def short(value, field):
        value = (value or "").strip()
        return check_text(value, path=path, field=field).strip() or None if value else None

    origin = origin or Origin("html", file=path, page=url)
    return Article(id=check_text(article_id, path=path, field="article id"), text=text, published=published,
                   title=short(document.title, "title"), url=short(document.url or url, "url"),
                   outlet=short(document.sitename, "outlet"), dateline=dateline_of(text), source=path,
                   origin=origin)
