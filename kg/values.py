"""Numbers and dates at the door: parsed strictly, with an error naming the field and the value.

Numbers are plain decimals ('12', '-3.5', '1e3'): 'nan', 'inf', hex, thousands separators and
values that overflow a float are refused, as are coordinates outside the globe. Dates must lie
between `MIN_DATE` and `MAX_DATE` (years 1800 to 2199): a feed's zero time ('0001-01-01') or
'9999-12-31' is an error for that one article or row, never for a whole batch.
"""
from __future__ import annotations

import math
import re
from datetime import date

__all__ = ["MIN_DATE", "MAX_DATE", "MAX_DIGITS", "parse_number", "parse_count", "parse_degrees", "check_date"]

MIN_DATE = date(1800, 1, 1)
MAX_DATE = date(2199, 12, 31)
MAX_DIGITS = 30  # characters of a number; more is not a number any dataset writes
_DECIMAL = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,4})?$", re.ASCII)


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def parse_number(text: str | None, what: str) -> float | None:
    """A finite decimal number, None for an empty field, ValueError naming `what` otherwise.

    >>> parse_number(" -3.5 ", "latitude"), parse_number("", "latitude"), parse_number("1e3", "x")
    (-3.5, None, 1000.0)
    >>> parse_number("nan", "latitude")
    Traceback (most recent call last):
    ValueError: bad latitude 'nan': not a decimal number
    >>> parse_number("1e400", "fatalities")
    Traceback (most recent call last):
    ValueError: bad fatalities '1e400': too large
    """
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > MAX_DIGITS or not _DECIMAL.match(text):
        raise ValueError(f"bad {what} {_shown(text)}: not a decimal number")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"bad {what} {_shown(text)}: too large")
    return value


def parse_count(text: str | None, what: str, *, most: int = 10**9) -> int | None:
    """A whole number from 0 to `most` ('3', '3.0'), None for an empty field, else ValueError.

    >>> parse_count("12", "fatalities"), parse_count("2.0", "fatalities")
    (12, 2)
    >>> parse_count("-1", "fatalities")
    Traceback (most recent call last):
    ValueError: bad fatalities '-1': expected a whole number from 0 to 1000000000
    """
    value = parse_number(text, what)
    if value is None:
        return None
    if value != int(value) or not 0 <= value <= most:
        raise ValueError(f"bad {what} {_shown(text.strip())}: expected a whole number from 0 to {most}")
    return int(value)


def parse_degrees(text: str | None, what: str, *, bound: int) -> float | None:
    """An angle within ±`bound` degrees (90 for a latitude, 180 for a longitude); None when empty.

    >>> parse_degrees("32.9", "latitude", bound=90)
    32.9
    >>> parse_degrees("-181", "longitude", bound=180)
    Traceback (most recent call last):
    ValueError: bad longitude '-181': outside -180 to 180
    """
    value = parse_number(text, what)
    if value is not None and not -bound <= value <= bound:
        raise ValueError(f"bad {what} {_shown(text.strip())}: outside -{bound} to {bound}")
    return value


def check_date(day: date, what: str = "date") -> date:
    """`day` when it lies between MIN_DATE and MAX_DATE, else ValueError naming it.

    >>> check_date(date(1, 1, 1), "publication date")
    Traceback (most recent call last):
    ValueError: publication date 0001-01-01 is outside the accepted range 1800-01-01 to 2199-12-31
    """
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(f"{what} {day.isoformat()} is outside the accepted range "
                         f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}")
    return day
