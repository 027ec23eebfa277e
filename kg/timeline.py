"""Events over time: how many events of each PLOVER type per day, week or month.

One SPARQL query counts the kept events per date and type (`kg.queries.lean_pattern`, the
filters of `kg.filters.Filters`); the days are then put into periods here (a week starts on
its Monday, a month on its first day), every period between the first and the last one kept,
so that a chart's axis is time. A dyad (`dyad_series`) is two such series on one axis: what
A did to B, and what B did to A.

An event dated to the week, month or year (`ckg:datePrecision`) counts on the day it is
dated to, the first of its period; events without a date are counted apart (`undated`).
"""
from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta

from .errors import FilterError
from .filters import Filters
from .mapping.namespaces import PLOVER_TYPES
from .queries import lean_pattern, scope, select
from .store import Store
from .text import csv_cell

__all__ = ["INTERVALS", "MAX_PERIODS", "series", "dyad_series", "period_start", "periods", "choose_interval",
           "series_csv", "dyad_csv"]

INTERVALS = ("day", "week", "month")
MAX_PERIODS = 5000  # about 14 years of days; a longer axis is asked for by week or month


def period_start(day: date, interval: str) -> date:
    """The first day of the period `day` falls in.

    >>> [str(period_start(date(2019, 4, 5), i)) for i in INTERVALS]
    ['2019-04-05', '2019-04-01', '2019-04-01']
    >>> str(period_start(date(2019, 4, 14), "week"))  # a Sunday: its week began on Monday the 8th
    '2019-04-08'
    """
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def _next(day: date, interval: str) -> date:
    if interval == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=7 if interval == "week" else 1)


def periods(first: date, last: date, interval: str) -> list[date]:
    """Every period start from the one holding `first` to the one holding `last`.

    >>> [str(d) for d in periods(date(2019, 12, 30), date(2020, 2, 2), "month")]
    ['2019-12-01', '2020-01-01', '2020-02-01']
    """
    out, day, end = [], period_start(first, interval), period_start(last, interval)
    while day <= end:
        out.append(day)
        day = _next(day, interval)
    return out


def choose_interval(first: date, last: date) -> str:
    """`day` for up to 92 days, `week` for up to three years, `month` beyond.

    >>> choose_interval(date(2019, 4, 1), date(2019, 4, 30)), choose_interval(date(2015, 1, 1), date(2020, 1, 1))
    ('day', 'month')
    """
    span = (last - first).days
    return "day" if span <= 92 else "week" if span <= 3 * 366 else "month"


def _check_interval(interval: str | None) -> str | None:
    if interval in (None, "", "auto"):
        return None
    if interval not in INTERVALS:
        raise FilterError(f"interval must be one of auto, {', '.join(INTERVALS)}, got {interval!r}")
    return interval


def _counts(store: Store, filters: Filters) -> tuple[dict[tuple[date, str], int], int]:
    """(day, type) -> events, and how many kept events have no date."""
    where = scope(store, filters)
    rows = [] if where.empty else select(store, f"""
SELECT ?date ?action (COUNT(DISTINCT ?event) AS ?n) WHERE {{ {lean_pattern(filters, where)} }}
GROUP BY ?date ?action""")
    counts: dict[tuple[date, str], int] = {}
    undated = 0
    for row in rows:
        if "date" not in row:
            undated += int(row["n"])  # an event of two types would count twice; an event has one ckg:action
            continue
        key = (date.fromisoformat(row["date"][:10]), row["action"].rsplit("/", 1)[-1])
        counts[key] = counts.get(key, 0) + int(row["n"])
    return counts, undated


def _table(counts: dict, axis: list[date], interval: str) -> dict:
    """The series of one set of counts over `axis`: type -> events per period, PLOVER order."""
    index = {day: n for n, day in enumerate(axis)}
    found: dict[str, list[int]] = {}
    for (day, action), n in counts.items():
        row = found.setdefault(action, [0] * len(axis))
        row[index[period_start(day, interval)]] += n
    order = {t: n for n, t in enumerate(PLOVER_TYPES)}
    return {t: found[t] for t in sorted(found, key=lambda t: (order.get(t, len(order)), t))}


def _axis(all_counts: list[dict], interval: str | None, filters: Filters) -> tuple[str, list[date]]:
    days = [day for counts in all_counts for day, _ in counts]
    first = filters.date_from or min(days, default=None)
    last = filters.date_to or max(days, default=None)
    if first is None or last is None:
        return interval or "week", []
    interval = interval or choose_interval(first, last)
    if period_start(last, interval) < period_start(first, interval):
        return interval, []
    n = len(periods(first, last, interval)) if interval != "day" else (last - first).days + 1
    if n > MAX_PERIODS:
        raise FilterError(f"{n} periods from {first} to {last} by {interval} is more than {MAX_PERIODS}: "
                         f"use a longer interval (week, month) or a shorter from/to window")
    return interval, periods(first, last, interval)


def series(store: Store, filters: Filters, interval: str | None = None) -> dict:
    """Events per period and type of the events `filters` keep.

    `interval` is day, week, month, or None (auto: by the span of the dates, `choose_interval`).
    Returns ``{"interval", "periods": [ISO day, ...], "series": {type: [events per period]},
    "dated": n, "undated": n}``; with `from`/`to` set the axis is that window.
    """
    interval = _check_interval(interval)
    counts, undated = _counts(store, filters)
    interval, axis = _axis([counts], interval, filters)
    return {"interval": interval, "periods": [d.isoformat() for d in axis], "series": _table(counts, axis, interval),
            "dated": sum(counts.values()), "undated": undated}


def dyad_series(store: Store, a: str, b: str, filters: Filters, interval: str | None = None) -> dict:
    """What actor `a` did to `b` and `b` to `a` (IRIs), per period and type, on one time axis.

    Returns ``{"interval", "periods", "a_to_b": {"series", "dated", "undated"}, "b_to_a": {...}}``.
    """
    interval = _check_interval(interval)
    found = [_counts(store, replace(filters, actor=None, from_actor=x, to_actor=y)) for x, y in ((a, b), (b, a))]
    interval, axis = _axis([c for c, _ in found], interval, filters)
    out = {"interval": interval, "periods": [d.isoformat() for d in axis]}
    for key, (counts, undated) in zip(("a_to_b", "b_to_a"), found):
        out[key] = {"series": _table(counts, axis, interval), "dated": sum(counts.values()), "undated": undated}
    return out


def _write(rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


def series_csv(found: dict) -> str:
    """A `series` result as CSV: one row per period, one column per type (cells spreadsheet-safe)."""
    types = list(found["series"])
    return _write([["period", *types]] + [[p, *(found["series"][t][n] for t in types)]
                                          for n, p in enumerate(found["periods"])])


def dyad_csv(found: dict, a_label: str, b_label: str) -> str:
    """A `dyad_series` result as CSV: period, actor, target, then one column per type.

    >>> found = {"periods": ["2019-04-01"], "a_to_b": {"series": {"ASSAULT": [2]}}, "b_to_a": {"series": {}}}
    >>> dyad_csv(found, "=cmd()", "B").splitlines()
    ['period,actor,target,ASSAULT', "2019-04-01,'=cmd(),B,2", "2019-04-01,B,'=cmd(),0"]
    """
    order = {t: n for n, t in enumerate(PLOVER_TYPES)}
    types = sorted(set(found["a_to_b"]["series"]) | set(found["b_to_a"]["series"]), key=lambda t: order.get(t, 99))
    rows = [["period", "actor", "target", *types]]
    for n, p in enumerate(found["periods"]):
        for key, actor, target in (("a_to_b", a_label, b_label), ("b_to_a", b_label, a_label)):
            part = found[key]["series"]
            rows.append([p, actor, target, *((part[t][n] if t in part else 0) for t in types)])
    return _write(rows)
