"""Source-aware and precision filters on event reports, for the JSON API, the projections and exports.

`Facets` holds checked values only and is a part of `kg.filters.Filters`; `conditions()` gives the
SPARQL patterns the listings (`kg.queries.events`) put inside an event's graph, `column_queries()` the
one-column SELECTs that `kg.graph.queries.event_queries` intersects, `attribute_queries()`
the ``?event ?value`` columns a projection or export can carry. A report without
``ckg:source`` counts as extracted, a dated one without ``ckg:datePrecision`` as day-precise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import FilterError
from .precision import DATE_PRECISIONS, PLACE_PRECISIONS, SOURCES
from .resolve.happenings import RESOLVED_GRAPH
from .syndication.link import STORIES_GRAPH

__all__ = ["Facets", "FacetError", "AGREEMENT_QUERY", "MAX_COUNT", "attribute_queries"]

CKG = "https://w3id.org/conflict-kg/ontology#"
_SOURCE = 'COALESCE(?fcSrc, "extracted")'
_INTEGER = re.compile(r"-?[0-9]{1,12}")
MAX_COUNT = 1_000_000_000  # the largest min_fatalities or min_sources (query engines' integers stay small)
_DATE_PRECISION = 'COALESCE(?fcDp, "day")'


class FacetError(FilterError):
    """A source, precision or count filter that cannot be used; the message names the value."""


def _choice(value, allowed: tuple[str, ...], name: str) -> tuple[str, ...]:
    names = value.split(",") if isinstance(value, str) else list(value or ())
    names = sorted({n.strip().lower() for n in names if n and n.strip()})
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise FacetError(f"unknown {name} {', '.join(map(repr, unknown))}; use {', '.join(allowed)}")
    return tuple(names)


def _count(value, name: str, least: int, most: int) -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    number = int(text) if _INTEGER.fullmatch(text) else least - 1  # not int(): it takes "1_0" and "٣"
    if not least <= number <= most:
        raise FacetError(f"bad {name} {value!r}: use a whole number from {least} to {most}")
    return number


def _in(expr: str, names: tuple[str, ...]) -> str:
    """`expr IN ("a", "b")` for names already checked against a closed list."""
    return f"{expr} IN ({', '.join(chr(34) + n + chr(34) for n in names)})"


@dataclass(frozen=True)
class Facets:
    """Which reports to keep by source and precision. Empty fields do not filter.

    Parameters
    ----------
    sources : 'extracted', 'acled', 'gdelt' (tuple, or a comma-separated string)
    date_precisions : 'day', 'week', 'month', 'year'
    place_precisions : 'exact', 'town', 'region', 'country'
    min_fatalities : keeps reports stating at least this many dead (0 to `MAX_COUNT`)
    corroborated_by : keeps reports whose happening has another report from one of these sources
        (not from a syndicated copy of the report's own article)
    min_sources : keeps reports whose happening comes from at least this many independent sources
        (datasets, and stories: the syndicated copies of one story count once)
        (1 to `MAX_COUNT`)

    Examples
    --------
    >>> Facets(sources="ACLED, extracted").sources
    ('acled', 'extracted')
    >>> Facets(place_precisions=("street",))
    Traceback (most recent call last):
    ...
    kg.facets.FacetError: unknown place precision 'street'; use exact, town, region, country
    """

    sources: tuple[str, ...] = ()
    date_precisions: tuple[str, ...] = ()
    place_precisions: tuple[str, ...] = ()
    min_fatalities: int | None = None
    corroborated_by: tuple[str, ...] = ()
    min_sources: int | None = None

    def __post_init__(self):
        put = object.__setattr__
        put(self, "sources", _choice(self.sources, SOURCES, "source"))
        put(self, "corroborated_by", _choice(self.corroborated_by, SOURCES, "corroborated_by source"))
        put(self, "date_precisions", _choice(self.date_precisions, DATE_PRECISIONS, "date precision"))
        put(self, "place_precisions", _choice(self.place_precisions, PLACE_PRECISIONS, "place precision"))
        put(self, "min_fatalities", _count(self.min_fatalities, "min_fatalities", 0, MAX_COUNT))
        put(self, "min_sources", _count(self.min_sources, "min_sources", 1, MAX_COUNT))

    def __bool__(self) -> bool:
        """True when some field filters."""
        return self != Facets()

    def conditions(self, event: str = "?event") -> list[str]:
        """SPARQL patterns (checked values written in) that keep `event` when all hold."""
        out = []
        if self.sources:
            out.append(f"OPTIONAL {{ {event} <{CKG}source> ?fcSrc }} FILTER({_in(_SOURCE, self.sources)})")
        if self.date_precisions:
            out.append(f'{event} <{CKG}date> ?fcDated . OPTIONAL {{ {event} <{CKG}datePrecision> ?fcDp }} '
                       f'FILTER({_in(_DATE_PRECISION, self.date_precisions)})')
        if self.place_precisions:
            out.append(f"{event} <{CKG}placePrecision> ?fcPp FILTER({_in('?fcPp', self.place_precisions)})")
        if self.min_fatalities is not None:
            out.append(f"{event} <{CKG}fatalities> ?fcDead FILTER(?fcDead >= {int(self.min_fatalities)})")
        if self.corroborated_by:  # by a report of another story: a syndicated copy of its article does not count
            out.append(f"FILTER EXISTS {{ GRAPH <{RESOLVED_GRAPH}> {{ {event} <{CKG}reportOf> ?fcHap . "
                       f"?fcOther <{CKG}reportOf> ?fcHap FILTER(?fcOther != {event}) }} "
                       f"GRAPH ?fcOg {{ ?fcOther <{CKG}source> ?fcOs }} "
                       f"FILTER({_in('?fcOs', self.corroborated_by)}) "
                       f"FILTER NOT EXISTS {{ {event} <{CKG}reportedIn> ?fcArt . "
                       f"GRAPH <{STORIES_GRAPH}> {{ ?fcArt <{CKG}sameStoryAs> ?fcOg }} }} }}")
        if self.min_sources is not None:
            out.append(f"FILTER EXISTS {{ GRAPH <{RESOLVED_GRAPH}> {{ {event} <{CKG}reportOf> ?fcHap2 . "
                       f"?fcHap2 <{CKG}sourceCount> ?fcN FILTER(?fcN >= {int(self.min_sources)}) }} }}")
        return out

    def column_queries(self) -> dict[str, str]:
        """Name -> ``SELECT ?event`` of the reports passing each set filter (for `kg.graph.queries`).

        Names start with ``facet_``, so that they never clash with a column of the event table.

        >>> sorted(Facets(sources="acled", min_fatalities=1).column_queries())
        ['facet_fatalities', 'facet_source']
        """
        names = ("facet_source", "facet_date_precision", "facet_place_precision", "facet_fatalities",
                 "facet_corroborated", "facet_min_sources")
        set_ = (self.sources, self.date_precisions, self.place_precisions, self.min_fatalities is not None,
                self.corroborated_by, self.min_sources is not None)
        conditions = iter(self.conditions())
        return {name: f"SELECT DISTINCT ?event WHERE {{ GRAPH ?g {{ ?event a <{CKG}Event> . "
                      f"{next(conditions)} }} }}" for name, on in zip(names, set_) if on}


def attribute_queries() -> dict[str, str]:
    """Name -> ``SELECT ?event ?value``: source, precisions, fatalities and happening of every report."""
    def column(prop: str) -> str:
        return f"SELECT ?event ?value WHERE {{ ?event <{CKG}{prop}> ?value }}"
    return {"source": column("source"), "date_precision": column("datePrecision"),
            "place_precision": column("placePrecision"), "fatalities": column("fatalities"),
            "happening": f"SELECT ?event ?value WHERE {{ GRAPH <{RESOLVED_GRAPH}> "
                         f"{{ ?event <{CKG}reportOf> ?value }} }}"}


AGREEMENT_QUERY = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# Extracted events that an imported dataset also reports: the happenings with reports from both.
# GRAPH patterns (the resolved graph, each article's and each dataset's graph) keep it fast.
SELECT ?happening ?label ?date ?sentence ?article ?dataset ?sourceEventId WHERE {
  GRAPH <https://w3id.org/conflict-kg/id/graph/resolved> {
    ?happening ckg:source "extracted", ?dataset ; rdfs:label ?label .
    FILTER(?dataset IN ("acled", "gdelt"))
    ?extracted ckg:reportOf ?happening .
    ?imported ckg:reportOf ?happening .
  }
  GRAPH ?article { ?extracted ckg:reportedIn ?article ; ckg:evidence ?sentence . }
  GRAPH ?data { ?imported ckg:source ?dataset ; ckg:sourceEventId ?sourceEventId ; ckg:date ?date . }
}
ORDER BY ?date ?happening ?dataset ?sentence"""
