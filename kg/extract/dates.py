"""Resolve temporal expressions against the publication date."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["TimeExpr", "resolve_time", "shift"]

WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                         "saturday", "sunday"))}
MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                           "august", "september", "october", "november", "december"))}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
MONTHS["sept"] = 9
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*(?:[-–]|to)\s*\d{{1,2}})?(?:,?\s+(\d{{4}}))?")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_ONLY = re.compile(rf"\b{_MONTH}(?:\s+(\d{{4}}))?\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FUTURE = re.compile(r"\b(next|tomorrow|coming|upcoming)\b")
_NOW = re.compile(r"\b(today|tonight|this (morning|afternoon|evening)|overnight|earlier today|at night|"
                  r"during the day|in the (morning|afternoon|evening))\b")


@dataclass(frozen=True)
class TimeExpr:
    """A resolved time: a day (or None), how precise the text was, and whether it lies ahead."""

    day: date | None
    precision: str  # "day", "week", "month", "year", "news-day" (a time of day only) or "previous-day"
    future: bool = False
    start: date | None = None  # for a month or a year: its first day

    def recent(self, anchor: date, days: int = 62) -> bool:
        """A month or year that began within `days` of the story's day ('at the end of July' in an
        August story) rather than background ('in 2014')."""
        return self.start is not None and 0 <= (anchor - self.start).days <= days


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def shift(day: date | None, days: int) -> date | None:
    """`day` moved by `days`, None stays None."""
    return day + timedelta(days=days) if day else None


def resolve_time(text: str, published: date) -> TimeExpr | None:
    """Resolve one temporal expression; None when it is not one.

    >>> resolve_time("on Friday", date(2019, 4, 7)).day
    datetime.date(2019, 4, 5)
    >>> resolve_time("late on Sunday night", date(2019, 4, 7)).day
    datetime.date(2019, 4, 7)
    >>> resolve_time("April 14 to 16", date(2019, 4, 7)).day
    datetime.date(2019, 4, 14)
    >>> resolve_time("in 2014", date(2019, 4, 7)).precision
    'year'
    """
    low = text.lower()
    if _FUTURE.search(low):
        return TimeExpr(None, "day", future=True)
    m = _ISO.search(low)
    if m:
        day = _safe(int(m[1]), int(m[2]), int(m[3]))
        return TimeExpr(day, "day", future=bool(day and day > published)) if day else None
    for pattern, day_group, month_group, year_group in ((_MONTH_DAY, 2, 1, 3), (_DAY_MONTH, 1, 2, 3)):
        m = pattern.search(low)
        if m:
            month = MONTHS.get(m[month_group].rstrip(".")[:4]) or MONTHS.get(m[month_group][:3])
            year = int(m[year_group]) if m[year_group] else published.year
            day = _safe(year, month, int(m[day_group])) if month else None
            if day:
                return TimeExpr(day, "day", future=day > published)
    for name, index in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            back = (published.weekday() - index) % 7
            return TimeExpr(published - timedelta(days=back), "day")
    if re.search(r"\bthe (previous|preceding) (day|night|evening)\b|\bthe day before\b|\ba day (earlier|before)\b", low):
        return TimeExpr(published - timedelta(days=1), "previous-day")  # the day before the story's news day
    if re.search(r"\byesterday\b", low) or "last night" in low:
        return TimeExpr(published - timedelta(days=1), "day")
    if _NOW.search(low):
        return TimeExpr(published, "news-day" if "night" in low or "day" in low or "morning" in low
                        or "afternoon" in low or "evening" in low else "day")
    if re.search(r"\b(last|past|this) week\b", low):
        return TimeExpr(None, "week")
    m = _MONTH_ONLY.search(low)
    if m and not re.search(r"\bmay\b", low) or (m and re.search(r"\bmay\s+\d{4}\b", low)):
        month = MONTHS.get(m[1][:4]) or MONTHS.get(m[1][:3])
        year = int(m[2]) if m[2] else published.year - (month > published.month)
        return TimeExpr(None, "month", start=date(year, month, 1))
    if re.search(r"\bthis month\b", low):
        return TimeExpr(None, "month", start=published.replace(day=1))
    if re.search(r"\blast month\b", low):
        return TimeExpr(None, "month", start=(published.replace(day=1) - timedelta(days=1)).replace(day=1))
    m = _YEAR.search(low)
    if m:
        return TimeExpr(None, "year", start=date(int(m[1]), 1, 1))
    if re.search(r"\b(last|this) year\b", low):
        return TimeExpr(None, "year", start=date(published.year - ("last" in low), 1, 1))
    return None
