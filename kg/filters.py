"""Which events: the one filter model of listings, projections, exports, the CLI and the API.

`Filters` holds checked, normalised values (equal filters compare and hash equal, so they key
the projection cache); only such values ever reach query text. `PARAMETERS` says once what each
filter means and how the API (query parameters) and the CLI (options) spell it: the API's
OpenAPI description (`api/openapi.py`), its parsing (`api/params.py`) and the CLI's options
(`kg/graph/options.py`) are made from it. The listings (`kg.queries.events`) and the projections
(`kg.graph.queries`) apply the same meaning; a name of a place is resolved to the places it
names and every place inside them by `kg.queries.scope`, for both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Mapping

from .errors import FilterError
from .facets import MAX_COUNT, Facets
from .mapping.namespaces import PLOVER_TYPES
from .precision import DATE_PRECISIONS, PLACE_PRECISIONS, SOURCES

__all__ = ["Filters", "FilterError", "Parameter", "PARAMETERS", "DYAD_FIELDS", "check_iri", "is_iri"]

_ISO3 = re.compile(r"^[A-Z]{3}$")
_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]+$')
DYAD_FIELDS = ("from_actor", "to_actor")  # set by the dyad routes from their path: no parameter, no option


def check_iri(value: str, what: str = "IRI") -> str:
    """Return `value` when it is an absolute IRI that is safe to write as ``<value>``.

    >>> check_iri("https://w3id.org/conflict-kg/id/article/a")
    'https://w3id.org/conflict-kg/id/article/a'
    >>> check_iri("x> } DROP ALL {", "article")
    Traceback (most recent call last):
    ...
    kg.errors.FilterError: not a valid article IRI: 'x> } DROP ALL {'
    """
    if not isinstance(value, str) or not _IRI.match(value):
        raise FilterError(f"not a valid {what} IRI: {value!r}")
    return value


def is_iri(value: str | None) -> bool:
    """Whether a place or actor is given by IRI (else by name)."""
    return bool(value) and value.startswith(("http://", "https://"))


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


def _country(value, name: str) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    code = str(value).strip().upper()
    if not _ISO3.match(code):
        raise FilterError(f"bad {name} {value!r}: use an ISO 3166-1 alpha-3 code such as LBY")
    return code


def _confidence(value) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not 0.0 <= number <= 1.0:
        raise FilterError(f"bad min_confidence {value!r}: use a number from 0 to 1")
    return number


@dataclass(frozen=True)
class Filters:
    """Which events to take. Empty fields do not filter; all set fields must hold.

    Values are checked and normalised on creation (types upper-cased and sorted, dates parsed
    from ISO strings, country codes upper-cased), so equal filters compare and hash equal.
    `PARAMETERS` gives each field's meaning as the API and the CLI document it, but for
    `DYAD_FIELDS`, which the dyad routes (``/dyads/<a>/<b>``) set from their path.

    Parameters
    ----------
    actor : str or None
        An actor IRI: keeps events in which it is an actor or a target.
    from_actor, to_actor : str or None
        Actor IRIs: keep events of which it is an actor (``ckg:actor``), or a target (``ckg:target``):
        what one side of a dyad did to the other.
    types : tuple of str
        PLOVER type names (``"ASSAULT"``); a comma-separated string is accepted too.
    place : str or None
        A place IRI, or a place label or alias (case-insensitive): keeps events at the places it
        names and at every place inside them (``geo:sfWithin``).
    country : str or None
        ISO 3166-1 alpha-3 code: keeps events whose place lies in that country.
    party_country : str or None
        ISO 3166-1 alpha-3 code: keeps events with an actor or a target of that country.
    date_from, date_to : date or None
        Inclusive window on ``ckg:date``; when either is set, undated events are left out.
    articles : tuple of str
        Article IRIs: keeps events reported in one of them.
    min_confidence : float or None
        Keeps events whose ``ckg:confidence`` is at least this, in [0, 1].
    facets : kg.facets.Facets or None
        Source, precision, fatalities and corroboration filters; an empty `Facets` is None.

    Examples
    --------
    >>> Filters(types="coerce, ASSAULT", date_from="2019-04-01").types
    ('ASSAULT', 'COERCE')
    >>> Filters(facets=Facets(sources="acled")).facets.sources
    ('acled',)
    >>> Filters(facets=Facets()) == Filters(), bool(Filters()), bool(Filters(country="lby"))
    (True, False, True)
    >>> Filters(types=("SHELL",))
    Traceback (most recent call last):
    ...
    kg.errors.FilterError: unknown event type 'SHELL'; known types: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT
    """

    actor: str | None = None
    from_actor: str | None = None
    to_actor: str | None = None
    types: tuple[str, ...] = ()
    place: str | None = None
    country: str | None = None
    party_country: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    articles: tuple[str, ...] = ()
    min_confidence: float | None = None
    facets: Facets | None = None

    def __post_init__(self):
        put = object.__setattr__
        for name in ("actor", *DYAD_FIELDS):
            put(self, name, check_iri(getattr(self, name), name) if getattr(self, name) else None)
        put(self, "types", _types(self.types))
        put(self, "place", (self.place or "").strip() or None)
        put(self, "country", _country(self.country, "country"))
        put(self, "party_country", _country(self.party_country, "party_country"))
        put(self, "date_from", _date(self.date_from, "date_from"))
        put(self, "date_to", _date(self.date_to, "date_to"))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(f"date_from {self.date_from} is after date_to {self.date_to}")
        articles = (self.articles,) if isinstance(self.articles, str) else tuple(self.articles or ())
        put(self, "articles", tuple(sorted(set(check_iri(a, "article") for a in articles if a))))
        put(self, "min_confidence", _confidence(self.min_confidence))
        if self.facets is not None:
            if not isinstance(self.facets, Facets):
                raise FilterError(f"facets must be a kg.facets.Facets, got {type(self.facets).__name__}")
            put(self, "facets", self.facets or None)

    def __bool__(self) -> bool:
        """True when some field filters."""
        return self != Filters()

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> "Filters":
        """Filters from values keyed by parameter name (`PARAMETERS`: ``type``, ``from``, ``source``…).

        A list value (a repeated parameter) is joined with commas; None and "" do not filter.

        >>> f = Filters.from_values({"type": ["assault", "COERCE"], "from": "2019-04-01", "source": "acled"})
        >>> f.types, f.date_from.isoformat(), f.facets.sources
        (('ASSAULT', 'COERCE'), '2019-04-01', ('acled',))
        """
        own, facets = {}, {}
        for p in PARAMETERS:
            value = values.get(p.name)
            if isinstance(value, (list, tuple)):
                value = list(value) if p.field == "articles" else ",".join(str(v) for v in value)
            if value is None or value == "" or value == []:
                continue
            if p.field.startswith("facets."):
                facets[p.field[len("facets."):]] = value
            else:
                own[p.field] = value
        return cls(**own, facets=Facets(**facets) if facets else None)

    @staticmethod
    def checked(name: str, value) -> object:
        """One parameter's value, checked and normalised as `Filters` keeps it (for the CLI's options).

        >>> Filters.checked("type", "assault,coerce"), Filters.checked("min_sources", "2")
        (('ASSAULT', 'COERCE'), 2)
        """
        field = PARAMETER[name].field
        made = Filters.from_values({name: value})
        if field.startswith("facets."):
            return getattr(made.facets or Facets(), field[len("facets."):])
        return getattr(made, field)


@dataclass(frozen=True)
class Parameter:
    """One filter as the API (query parameter `name`) and the CLI (option ``--option``) spell it."""

    name: str
    option: str
    field: str  # the `Filters` field, or "facets.<field>" for a `kg.facets.Facets` field
    metavar: str
    help: str  # its one meaning, for the CLI's --help and the OpenAPI description
    schema: dict  # JSON Schema of one value
    many: bool = False  # repeatable (and comma-separated, except articles)
    listing: bool = False  # only listings take it (/api/events, /api/map, kg events), not projections


_ISO3_SCHEMA = {"type": "string", "pattern": "^[A-Za-z]{3}$"}
_IRI_OR_ID = {"type": "string", "pattern": r"^[^\x00-\x20<>\"{}|^`\\]+$"}
_PLACE = {"anyOf": [  # an IRI or an id, or a name (not IRI-like)
    {"type": "string", "pattern": r"^(geonames-[0-9]{1,12}|https?://[A-Za-z0-9.~-]+(/[A-Za-z0-9._~-]+)*/?)$"},
    {"type": "string", "pattern": r"^[^:]*[^\s:][^:]*$"}]}


def _count(lo: int) -> dict:
    return {"type": "integer", "minimum": lo, "maximum": MAX_COUNT}


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("actor", "actor", "actor", "NAME", "Only events in which this actor is an actor or a target: an id "
              "(libyan-national-army) or IRI (the CLI also takes a label or alias).", _IRI_OR_ID, listing=True),
    Parameter("type", "types", "types", "TYPES", "Only events of these PLOVER types (ASSAULT, COERCE, …); "
              "repeat or comma-separate for several.", {"type": "string", "enum": list(PLOVER_TYPES)}, many=True),
    Parameter("place", "place", "place", "NAME", "Only events at this place or at a place inside it (its districts, "
              "towns and sites, by the place hierarchy): an IRI, an id (geonames-2210247) or a name (label or alias, "
              "case-insensitive; a name that several places carry means all of them).", _PLACE),
    Parameter("country", "country", "country", "ISO3", "Only events whose place lies in this country, an ISO 3166-1 "
              "alpha-3 code (LBY); an event placed only at the country counts, an event without a place does not.",
              _ISO3_SCHEMA),
    Parameter("party_country", "party-country", "party_country", "ISO3", "Only events with an actor or a target of "
              "this country, an ISO 3166-1 alpha-3 code (LBY).", _ISO3_SCHEMA),
    Parameter("from", "from", "date_from", "DATE", "Only events on or after this day (YYYY-MM-DD); undated events "
              "are left out.", {"type": "string", "format": "date"}),
    Parameter("to", "to", "date_to", "DATE", "Only events on or before this day (YYYY-MM-DD); undated events are "
              "left out.", {"type": "string", "format": "date"}),
    Parameter("article", "article", "articles", "IRI", "Only events reported in this article: an id or IRI "
              "(repeat for several).", _IRI_OR_ID, many=True),
    Parameter("min_confidence", "min-confidence", "min_confidence", "X", "Only events of at least this extraction "
              "confidence, 0-1 (imported events have none: left out).", {"type": "number", "minimum": 0, "maximum": 1}),
    Parameter("source", "source", "facets.sources", "SOURCES", "Only reports from these sources; repeat or "
              "comma-separate for several. A report without a source is extracted.",
              {"type": "string", "enum": list(SOURCES)}, many=True),
    Parameter("date_precision", "date-precision", "facets.date_precisions", "PRECISIONS", "Only reports dated to "
              "this precision; repeat or comma-separate for several (a dated report without one counts as day).",
              {"type": "string", "enum": list(DATE_PRECISIONS)}, many=True),
    Parameter("place_precision", "place-precision", "facets.place_precisions", "PRECISIONS", "Only reports placed "
              "to this precision; repeat or comma-separate for several.",
              {"type": "string", "enum": list(PLACE_PRECISIONS)}, many=True),
    Parameter("min_fatalities", "min-fatalities", "facets.min_fatalities", "N", "Only reports that state at least "
              "this many dead.", _count(0)),
    Parameter("corroborated_by", "corroborated-by", "facets.corroborated_by", "SOURCES", "Only reports whose "
              "happening (kg resolve) another report from these sources also tells (a copy of the report's own story "
              "does not count); repeat or comma-separate for several.", {"type": "string", "enum": list(SOURCES)},
              many=True),
    Parameter("min_sources", "min-sources", "facets.min_sources", "N", "Only reports whose happening comes from at "
              "least this many independent sources (datasets, and stories: syndicated copies of one story count "
              "once).", _count(1)),
)
PARAMETER = {p.name: p for p in PARAMETERS}
