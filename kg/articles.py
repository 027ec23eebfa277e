"""Read articles from `.txt` files with a header line, JSON Lines files, saved web pages and web archives.

`.html`/`.htm` pages and `.warc`/`.warc.gz` archives are read by `kg.sources.html` and
`kg.sources.warc`; every article carries its `Origin` (file, page, time read).
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .model import Article, Origin
from .text import MAX_FIELD, clean_text
from .values import check_date

__all__ = ["iter_articles", "article_from_text", "article_from_record", "find_files", "input_kind", "count_articles",
           "MAX_TEXT", "FORMATS"]

# Longest article text, in characters: ten times a long feature. Parsing time and memory grow
# with the text (a 1,000,000-character text took 180 s and 3 GB; spaCy refuses longer ones).
MAX_TEXT = 200_000
_SURROGATE = re.compile("[\ud800-\udfff]")
HEADER = re.compile(r"^\s*date\s+(?P<date>\S+)\s+(?P<rest>.*?)\s*$")
DATE_KEYS = ("date", "pub_date", "published")
# What each readable file ends with, by the kind of input it is
FORMATS = {"txt": (".txt",), "jsonl": (".jsonl",), "html": (".html", ".htm", ".xhtml"), "warc": (".warc", ".warc.gz")}


def input_kind(path: Path) -> str | None:
    """'txt', 'jsonl', 'html' or 'warc' as the file name ends, or None for a file no reader takes."""
    name = path.name.lower()
    return next((kind for kind, ends in FORMATS.items() if name.endswith(ends)), None)


def _saved(path: Path) -> datetime | None:
    """When the file was last written (its provenance time: reading it again gives the same graph)."""
    try:
        return datetime.fromtimestamp(int(path.stat().st_mtime), timezone.utc)
    except (OSError, ValueError, OverflowError):
        return None


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to the readable files below them (see FORMATS), sorted; keep files as given."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and input_kind(p)))
        else:
            found.append(path)
    return found


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """How many articles `paths` hold (a line of a `.jsonl`, a file otherwise), for a progress bar;
    None when a web archive is among them (its pages are counted as they are read)."""
    total = 0
    for path in find_files(paths):
        kind = input_kind(path)
        if kind == "warc":
            return None
        if kind == "jsonl" and path.is_file():
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def parse_date(value, *, path: str, line: int | None = None) -> date:
    """An ISO date (a datetime's date part is accepted) in the range of `kg.values.check_date`,
    or an InputError naming the value."""
    if not isinstance(value, str) or not value.strip():
        raise InputError("missing publication date", path=path, line=line)
    text = value.strip()
    try:
        day = date.fromisoformat(text[:10])
        if len(text) > 10:  # a date-time: keep its day, but only when all of it is a date-time
            datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"malformed publication date {value[:40]!r} (expected YYYY-MM-DD)",
                         path=path, line=line) from None
    try:
        return check_date(day, "publication date")
    except ValueError as exc:
        raise InputError(str(exc), path=path, line=line) from None


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None
    if not data.strip():
        raise InputError("empty file", path=str(path))
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError("UTF-16 or UTF-32 text; convert it to UTF-8", path=str(path))
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), expected UTF-8 text", path=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})",
                         path=str(path)) from None


def check_text(text: str, *, path: str, line: int | None = None, field: str = "text") -> str:
    """`text` cleaned by `kg.text.clean_text` (NFC, XML-illegal characters replaced) when it can
    become an article's text (or, for any other `field`, one of its short fields); an InputError
    naming the problem otherwise: too long, NUL characters (binary data), lone surrogates."""
    limit = MAX_TEXT if field == "text" else MAX_FIELD
    if len(text) > limit:
        raise InputError(f"{field} is {len(text):,} characters long; at most {limit:,} are accepted"
                         + (" (split the document into several articles)" if field == "text" else ""),
                         path=path, line=line)
    if "\x00" in text:
        raise InputError(f"{field} contains NUL characters (binary data?)", path=path, line=line)
    bad = _SURROGATE.search(text)
    if bad:
        raise InputError(f"{field} is not valid Unicode: lone surrogate U+{ord(bad.group()):04X} "
                         f"at character {bad.start()}", path=path, line=line)
    return clean_text(text, field=field, limit=limit, path=path, line=line)


def article_from_text(raw: str, *, article_id: str, path: str, origin: Origin | None = None) -> Article:
    """Parse `date YYYY-MM-DD SOURCE, DATELINE` then the body. Offsets refer to the body."""
    header, _, body = raw.partition("\n")
    match = HEADER.match(header)
    if not match:
        raise InputError("first line must be 'date YYYY-MM-DD SOURCE, DATELINE'", path=path, line=1)
    published = parse_date(match["date"], path=path, line=1)
    outlet, _, dateline = (check_text(match["rest"], path=path, line=1, field="header")).partition(",")
    text = body.strip()
    if not text:
        raise InputError("no article text after the header line", path=path)
    text = check_text(text, path=path)
    return Article(id=check_text(article_id, path=path, field="file name"), text=text, published=published,
                   outlet=outlet.strip() or None, dateline=dateline.strip() or None, source=path,
                   origin=origin or Origin("txt", file=path))


def article_from_record(record, *, path: str, line: int, origin: Origin | None = None) -> Article:
    """Build an Article from one JSON Lines object (read from line `line` of `path` unless `origin` says)."""
    if not isinstance(record, dict):
        raise InputError("expected a JSON object", path=path, line=line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("missing or empty 'text'", path=path, line=line)
    text = check_text(text, path=path, line=line)
    raw_id = record.get("id")
    if raw_id is None or str(raw_id).strip() == "":
        raise InputError("missing 'id'", path=path, line=line)
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        raise InputError(f"'id' must be a string or an integer, got {type(raw_id).__name__}", path=path, line=line)
    raw_id = check_text(str(raw_id), path=path, line=line, field="'id'")
    value = next((record[k] for k in DATE_KEYS if record.get(k)), None)
    published = parse_date(value, path=path, line=line)

    def opt(key):
        v = record.get(key)
        if v in (None, ""):
            return None
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise InputError(f"'{key}' must be a string, got {type(v).__name__}", path=path, line=line)
        return check_text(str(v), path=path, line=line, field=f"'{key}'").strip() or None

    return Article(id=str(raw_id).strip(), text=text.strip(), published=published, title=opt("title"),
                   url=opt("url"), outlet=opt("outlet"), dateline=opt("dateline"), source=f"{path}:{line}",
                   origin=origin or Origin("jsonl", file=f"{path}:{line}"))


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str] | InputError]:
    """(line number, text) of each non-blank line, read one at a time (memory stays bounded)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(f"cannot read file: {exc.strerror or exc}", path=str(path))
        return
    with handle:
        head = handle.read(8192)
        if b"\x00" in head:
            yield InputError("binary file (contains NUL bytes), expected UTF-8 text", path=str(path))
            return
        handle.seek(0)
        blank = True
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            blank = False
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
                                 path=str(path), line=number)
        if blank:
            yield InputError("empty file", path=str(path))


def _articles_in(path: Path, kind: str, fallback_date: date | None) -> Iterator[Article | InputError]:
    if kind == "warc":
        from .sources.warc import articles_from_warc

        yield from articles_from_warc(path, fallback_date=fallback_date)
        return
    if kind == "html":
        from .sources.html import article_from_html

        try:
            yield article_from_html(path.read_bytes(), article_id=path.stem, path=str(path),
                                    fallback_date=fallback_date,
                                    origin=Origin("html", file=str(path), retrieved=_saved(path)))
        except OSError as exc:
            yield InputError(f"cannot read file: {exc.strerror or exc}", path=str(path))
        except InputError as exc:
            yield exc
        return
    if kind == "txt":
        try:
            yield article_from_text(_read_text(path), article_id=path.stem, path=str(path),
                                    origin=Origin("txt", file=str(path), retrieved=_saved(path)))
        except InputError as exc:
            yield exc
        return
    saved = _saved(path)
    for item in _jsonl_lines(path):
        if isinstance(item, InputError):
            yield item
            continue
        number, line = item
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path=str(path), line=number)
            continue
        except RecursionError:
            yield InputError("invalid JSON: nested too deeply", path=str(path), line=number)
            continue
        try:
            yield article_from_record(record, path=str(path), line=number,
                                      origin=Origin("jsonl", file=f"{path}:{number}", retrieved=saved))
        except InputError as exc:
            yield exc


def iter_articles(paths: Iterable[str | Path], *, fallback_date: date | None = None) -> Iterator[Article | InputError]:
    """Yield each article found in `paths`, or an InputError in its place; never stops early.

    `fallback_date` is the publication date of a web page that states none (`kg ingest --date`).
    """
    for path in find_files(paths):
        kind = input_kind(path)
        if not path.exists():
            yield InputError("no such file or directory", path=str(path))
        elif kind is None:
            yield InputError(f"unsupported file type {path.suffix or '(none)'!r}; expected .txt, .jsonl, "
                             ".html, .htm, .warc or .warc.gz", path=str(path))
        else:
            yield from _articles_in(path, kind, fallback_date)
