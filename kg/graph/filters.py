"""Which events a projection takes: `Filters`, checked and normalised on creation.

Only checked values ever reach query text (see `kg.graph.queries`): `date` objects, the
16 known PLOVER names, ISO 3166-1 alpha-3 codes, floats and IRIs that pass `check_iri`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..errors import KGError
from ..mapping.namespaces import PLOVER_TYPES

if TYPE_CHECKING:
    from ..facets import Facets

__all__ = ["Filters", "FilterError", "check_iri"]

_ISO3 = re.compile(r"^[A-Z]{3}$")
_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]+$')


class FilterError(KGError, ValueError):
    """A filter value that cannot be used; the message names the value."""


def check_iri(value: str, what: str = "IRI") -> str:
    """Return `value` when it is an absolute IRI that is safe to write as ``<value>``.

    >>> check_iri("https://w3id.org/conflict-kg/id/article/a")
    'https://w3id.org/conflict-kg/id/article/a'
    >>> check_iri("x> } DROP ALL {", "article")
    Traceback (most recent call last):
    ...
    kg.graph.filters.FilterError: not a valid article IRI: 'x> } DROP ALL {'
    """
    if not isinstance(value, str) or not _IRI.match(value):
        raise FilterError(f"not a valid {what} IRI: {value!r}")
    return value


def _date(value, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise FilterError(f"bad date {value!r} for {name}: use YYYY-MM-DD") from None


def _types(value) -> tuple[str, ...]:
    names = value.split(",") if isinstance(value, str) else list(value or ())
    names = [n.strip().upper() for n in names if n and n.strip()]
    unknown = sorted(set(n for n in names if n not in PLOVER_TYPES))
    if unknown:
        raise FilterError(f"unknown event type {', '.join(map(repr, unknown))}; "
                          f"known types: {', '.join(PLOVER_TYPES)}")
    return tuple(sorted(set(names)))


@dataclass(frozen=True)
class Filters:
    """Which events a projection takes. Empty fields do not filter; all set fields must hold.

    Values are checked and normalised on creation (types upper-cased and sorted, dates
    parsed from ISO strings), so equal filters compare and hash equal (cache keys).

    Parameters
    ----------
    date_from, date_to : date or None
        Inclusive window on ``ckg:date``; when either is set, undated events are left out.
    types : tuple of str
        PLOVER type names (``"ASSAULT"``); a comma-separated string is accepted too.
    place : str or None
        A place IRI or a place label or alias (resolved against the store, case-insensitive).
    country : str or None
        ISO 3166-1 alpha-3 code: keeps events whose place, actor or target has that ``ckg:country``.
    articles : tuple of str
        Article IRIs: keeps events reported in one of them.
    min_confidence : float or None
        Keeps events whose ``ckg:confidence`` is at least this, in [0, 1].
    facets : kg.facets.Facets or None
        Source, precision, fatalities and corroboration filters; an empty `Facets` is None.

    Examples
    --------
    >>> from kg.facets import Facets
    >>> Filters(types="coerce, ASSAULT", date_from="2019-04-01").types
    ('ASSAULT', 'COERCE')
    >>> Filters(facets=Facets(sources="acled")).facets.sources
    ('acled',)
    >>> Filters(facets=Facets()) == Filters()
    True
    >>> Filters(types=("SHELL",))
    Traceback (most recent call last):
    ...
    kg.graph.filters.FilterError: unknown event type 'SHELL'; known types: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT
    """

    date_from: date | None = None
    date_to: date | None = None
    types: tuple[str, ...] = ()
    place: str | None = None
    country: str | None = None
    articles: tuple[str, ...] = ()
    min_confidence: float | None = None
    facets: Facets | None = None

    def __post_init__(self):
        put = object.__setattr__
        put(self, "date_from", _date(self.date_from, "date_from"))
        put(self, "date_to", _date(self.date_to, "date_to"))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(f"date_from {self.date_from} is after date_to {self.date_to}")
        put(self, "types", _types(self.types))
        put(self, "place", (self.place or "").strip() or None)
        if self.country is not None:
            country = str(self.country).strip().upper()
            if not _ISO3.match(country):
                raise FilterError(f"bad country {self.country!r}: use an ISO 3166-1 alpha-3 code such as LBY")
            put(self, "country", country)
        articles = (self.articles,) if isinstance(self.articles, str) else tuple(self.articles or ())
        put(self, "articles", tuple(sorted(set(check_iri(a, "article") for a in articles))))
        if self.min_confidence is not None:
            try:
                value = float(self.min_confidence)
            except (TypeError, ValueError):
                value = float("nan")
            if not 0.0 <= value <= 1.0:
                raise FilterError(f"bad min_confidence {self.min_confidence!r}: use a number from 0 to 1")
            put(self, "min_confidence", value)
        if self.facets is not None:
            from ..facets import Facets  # kg.facets imports this module

            if not isinstance(self.facets, Facets):
                raise FilterError(f"facets must be a kg.facets.Facets, got {type(self.facets).__name__}")
            put(self, "facets", self.facets or None)
