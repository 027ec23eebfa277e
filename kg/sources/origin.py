"""An article's origin as a JSON object (`POST /api/articles`'s optional `origin`, the watcher's posts).

>>> origin_from_json({"format": "html", "file": "pages/a.html", "retrieved": "2021-03-12T09:30:00Z"}, where="x")
Origin(format='html', file='pages/a.html', page=None, feed=None, retrieved=datetime.datetime(2021, 3, 12, 9, 30, tzinfo=datetime.timezone.utc))
>>> origin_to_json(Origin("txt", file="a.txt"))
{'format': 'txt', 'file': 'a.txt'}
"""
from __future__ import annotations

from datetime import datetime, timezone

from ..errors import InputError
from ..model import Origin

__all__ = ["ORIGIN_FORMATS", "origin_from_json", "origin_to_json"]

ORIGIN_FORMATS = ("txt", "jsonl", "html", "warc", "feed", "api")


def origin_to_json(origin: Origin) -> dict:
    """The origin as a JSON object (empty fields left out)."""
    data = {"format": origin.format, "file": origin.file, "page": origin.page, "feed": origin.feed,
            "retrieved": origin.retrieved.isoformat() if origin.retrieved else None}
    return {k: v for k, v in data.items() if v is not None}


def origin_from_json(value, *, where: str) -> Origin:
    """An Origin from its JSON object; InputError naming `where` and the field that is wrong."""
    from ..articles import check_text

    if not isinstance(value, dict):
        raise InputError("'origin' must be an object {format, file?, page?, feed?, retrieved?}", path=where)
    unknown = sorted(set(value) - {"format", "file", "page", "feed", "retrieved"})
    if unknown:
        raise InputError(f"unknown 'origin' field {unknown[0]!r}; use format, file, page, feed, retrieved", path=where)
    if value.get("format") not in ORIGIN_FORMATS:
        raise InputError(f"'origin.format' must be one of {', '.join(ORIGIN_FORMATS)}", path=where)

    def text(key):
        raw = value.get(key)
        if raw in (None, ""):
            return None
        if not isinstance(raw, str):
            raise InputError(f"'origin.{key}' must be a string", path=where)
        return check_text(raw, path=where, field=f"'origin.{key}'").strip() or None

    when = text("retrieved")
    if when is not None:
        try:
            when = datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"'origin.retrieved' {when[:40]!r} is not an ISO date-time", path=where) from None
        when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)
    return Origin(value["format"], file=text("file"), page=text("page"), feed=text("feed"), retrieved=when)
