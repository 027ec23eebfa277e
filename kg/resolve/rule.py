"""The resolution rule: when two event reports may describe the same happening, and the grouping.

Pure functions over `Report`s (plain data read from the store); ontology/README.md states the
rule in words ("Sources, precision and happenings").
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from ..geodesy import distance_km

__all__ = ["DATE_TOLERANCE_DAYS", "MAX_DISTANCE_KM", "REGION_DISTANCE_KM", "Report", "compatible", "cluster",
           "distance_km"]

DATE_TOLERANCE_DAYS = 1
MAX_DISTANCE_KM = 25.0  # two town-, site- or unknown-precision places
REGION_DISTANCE_KM = 100.0  # when the coarser of the two places is only known to the region
_SYMMETRIC = frozenset({"ASSAULT"})  # who struck first is often unclear: actor and target may swap


@dataclass(frozen=True)
class Report:
    """One event report as resolution sees it: IRIs as strings, the rest as plain values."""

    iri: str
    graph: str  # the named graph it is stored in: its article or dataset
    action: str  # PLOVER name
    date: date | None = None
    date_precision: str | None = None
    actor: str | None = None  # the first party (in IRI order) of each role
    target: str | None = None
    place: str | None = None
    place_label: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    country: str | None = None  # ISO alpha-3 of the place
    place_precision: str | None = None
    source: str = "extracted"
    modality: str = "asserted"
    fatalities: int | None = None
    co_actors: frozenset[str] = frozenset()  # the other parties of a joint act, or an ACLED row's associated actors
    co_targets: frozenset[str] = frozenset()

    @property
    def actors(self) -> frozenset[str]:
        """Every actor of the report."""
        return self.co_actors | {self.actor} if self.actor is not None else self.co_actors

    @property
    def targets(self) -> frozenset[str]:
        """Every target of the report."""
        return self.co_targets | {self.target} if self.target is not None else self.co_targets

    @property
    def mergeable(self) -> bool:
        """Asserted and dated to the day: only such reports are merged with others."""
        return self.date is not None and (self.date_precision or "day") == "day" and self.modality == "asserted"

    @property
    def order(self) -> tuple:
        """The canonical order: by date (undated last), then IRI."""
        return (self.date or date.max, self.iri)


def _parties(a: Report, b: Report) -> bool:
    """At least one party is known to both and the same, and no party known to both differs.

    A role with several parties (a joint act, an ACLED row's associated actors) agrees with the
    other report's when the two share one of them. For ASSAULT, where who struck first is often
    unclear, actor and target may be swapped.
    """
    def agree(pairs) -> bool:
        known = [(x, y) for x, y in pairs if x and y]
        return bool(known) and all(x & y for x, y in known)

    if agree([(a.actors, b.actors), (a.targets, b.targets)]):
        return True
    return a.action in _SYMMETRIC and agree([(a.actors, b.targets), (a.targets, b.actors)])


def _places(a: Report, b: Report) -> bool:
    """Both places known and the same, compared at the coarser precision of the two: one
    country contains the other place; a region lies within `REGION_DISTANCE_KM`; towns and
    sites (or places of unknown precision) within `MAX_DISTANCE_KM`."""
    if a.place is None or b.place is None:
        return False
    if a.place == b.place or (a.geonames is not None and a.geonames == b.geonames):
        return True
    precisions = {a.place_precision, b.place_precision}
    if "country" in precisions:
        return a.country is not None and a.country == b.country
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    limit = REGION_DISTANCE_KM if "region" in precisions else MAX_DISTANCE_KM
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= limit


def compatible(a: Report, b: Report) -> bool:
    """Whether `a` and `b` may be reports of the same happening (the rule, points 1 to 6).

    Type, date, place and at least one party must agree, and the two must come from
    different graphs (the events of one article are never merged with each other here:
    the extractor already told them once each) and not from the same dataset.
    """
    if a.iri == b.iri or a.graph == b.graph or not (a.mergeable and b.mergeable) or a.action != b.action:
        return False
    if abs((a.date - b.date).days) > DATE_TOLERANCE_DAYS:
        return False
    if a.source != "extracted" and a.source == b.source:
        return False
    return _parties(a, b) and _places(a, b)


def _copy_key(report: Report, story: str) -> tuple:
    return (story, report.action, report.actors, report.targets, report.place, report.date, report.date_precision,
            report.modality, report.source)


def cluster(reports, stories: Mapping[str, str] | None = None) -> list[tuple[Report, ...]]:
    """Group reports by complete linkage in canonical order; each group is one happening.

    Each report joins the first open group all of whose members it is compatible with,
    else starts a group. `stories` maps an article graph to its story (syndicated copies,
    `kg.syndication.stories_of`): a report that states the same as a report of another copy of
    its story (type, parties, place, date, modality) joins that report's happening, dated or
    not. The result depends only on the set of reports and the stories.
    """
    stories = stories or {}
    copies: dict[tuple, list[Report]] = {}  # copy key -> its first report, then the same in other copies
    units: list[Report] = []
    for report in sorted(reports, key=lambda r: r.order):
        story = stories.get(report.graph)
        same = copies.get(_copy_key(report, story)) if story is not None else None
        if same is not None and all(m.graph != report.graph for m in same):
            same.append(report)
            continue
        if story is not None and same is None:
            copies[_copy_key(report, story)] = [report]
        units.append(report)
    extra = {same[0].iri: same[1:] for same in copies.values() if len(same) > 1}
    return [tuple(r for member in group for r in (member, *extra.get(member.iri, ())))
            for group in _linkage(units)]


def _linkage(reports: list[Report]) -> list[tuple[Report, ...]]:
    """Complete linkage over reports in canonical order (see `cluster`)."""
    groups: list[list[Report]] = []
    open_groups: list[list[Report]] = []
    for report in reports:
        if not report.mergeable:
            groups.append([report])
            continue
        open_groups = [g for g in open_groups if (report.date - g[0].date).days <= DATE_TOLERANCE_DAYS]
        home = next((g for g in open_groups if all(compatible(report, m) for m in g)), None)
        if home is None:
            home = [report]
            groups.append(home)
            open_groups.append(home)
        else:
            home.append(report)
    return [tuple(g) for g in groups]
