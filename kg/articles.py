"""Read articles from `.txt` files with a header line and from JSON Lines files."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .model import Article

__all__ = ["iter_articles", "article_from_text", "article_from_record", "find_files"]

HEADER = re.compile(r"^\s*date\s+(?P<date>\S+)\s+(?P<rest>.*?)\s*$")
DATE_KEYS = ("date", "pub_date", "published")
SUFFIXES = (".txt", ".jsonl")


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to the `.txt` and `.jsonl` files below them, sorted; keep files as given."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES))
        else:
            found.append(path)
    return found


def parse_date(value, *, path: str, line: int | None = None) -> date:
    """An ISO date (a datetime's date part is accepted) or an InputError naming the value."""
    if not isinstance(value, str) or not value.strip():
        raise InputError("missing publication date", path=path, line=line)
    text = value.strip()[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"malformed publication date {value!r} (expected YYYY-MM-DD)",
                         path=path, line=line) from None


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None
    if not data.strip():
        raise InputError("empty file", path=str(path))
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), expected UTF-8 text", path=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})",
                         path=str(path)) from None


def article_from_text(raw: str, *, article_id: str, path: str) -> Article:
    """Parse `date YYYY-MM-DD SOURCE, DATELINE` then the body. Offsets refer to the body."""
    header, _, body = raw.partition("\n")
    match = HEADER.match(header)
    if not match:
        raise InputError("first line must be 'date YYYY-MM-DD SOURCE, DATELINE'", path=path, line=1)
    published = parse_date(match["date"], path=path, line=1)
    outlet, _, dateline = match["rest"].partition(",")
    text = body.strip()
    if not text:
        raise InputError("no article text after the header line", path=path)
    return Article(id=article_id, text=text, published=published, outlet=outlet.strip() or None,
                   dateline=dateline.strip() or None, source=path)


def article_from_record(record, *, path: str, line: int) -> Article:
    """Build an Article from one JSON Lines object."""
    if not isinstance(record, dict):
        raise InputError("expected a JSON object", path=path, line=line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("missing or empty 'text'", path=path, line=line)
    raw_id = record.get("id")
    if raw_id is None or str(raw_id).strip() == "":
        raise InputError("missing 'id'", path=path, line=line)
    value = next((record[k] for k in DATE_KEYS if record.get(k)), None)
    published = parse_date(value, path=path, line=line)

    def opt(key):
        v = record.get(key)
        return str(v).strip() if v not in (None, "") else None

    return Article(id=str(raw_id).strip(), text=text.strip(), published=published, title=opt("title"),
                   url=opt("url"), outlet=opt("outlet"), dateline=opt("dateline"), source=f"{path}:{line}")


def _articles_in(path: Path) -> Iterator[Article | InputError]:
    try:
        raw = _read_text(path)
        if path.suffix != ".jsonl":
            yield article_from_text(raw, article_id=path.stem, path=str(path))
            return
    except InputError as exc:
        yield exc
        return
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path=str(path), line=number)
            continue
        try:
            yield article_from_record(record, path=str(path), line=number)
        except InputError as exc:
            yield exc


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Yield each article found in `paths`, or an InputError in its place; never stops early."""
    for path in find_files(paths):
        if not path.exists():
            yield InputError("no such file or directory", path=str(path))
        elif path.suffix not in SUFFIXES:
            yield InputError(f"unsupported file type {path.suffix or '(none)'!r}; expected .txt or .jsonl",
                             path=str(path))
        else:
            yield from _articles_in(path)
