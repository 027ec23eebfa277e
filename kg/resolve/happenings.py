"""Happenings: a group of reports as the triples of the resolved graph."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV

from ..mapping.namespaces import CKG, ID
from .rule import Report

__all__ = ["RESOLVED_GRAPH", "Happening", "happening_iri", "happenings_from", "graph_from_happenings"]

RESOLVED_GRAPH = str(ID["graph/resolved"])


def happening_iri(founder: str) -> str:
    """The IRI of the happening whose first report (in canonical order) is `founder`.

    >>> happening_iri("https://w3id.org/conflict-kg/id/event/acled-sdn1")[:41]
    'https://w3id.org/conflict-kg/id/happening'
    """
    return str(ID["happening/" + hashlib.sha256(founder.encode("utf-8")).hexdigest()[:16]])


@dataclass(frozen=True)
class Happening:
    """One happening: its IRI and its reports, first report first."""

    iri: str
    reports: tuple[Report, ...]
    stories: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)  # article -> its story

    @property
    def source_count(self) -> int:
        """Independent sources: its datasets and its stories (syndicated copies of one story count once)."""
        return len({self.stories.get(g, g) for g in self.graphs})

    @property
    def mention_count(self) -> int:
        """How many reports describe it."""
        return len(self.reports)

    @property
    def graphs(self) -> list[str]:
        """The articles and datasets its reports come from."""
        return sorted({r.graph for r in self.reports})

    @property
    def sources(self) -> list[str]:
        """'extracted', 'acled', 'gdelt': the sources among its reports."""
        return sorted({r.source for r in self.reports})

    @property
    def fatalities(self) -> int | None:
        """The largest number of dead any report gives."""
        counts = [r.fatalities for r in self.reports if r.fatalities is not None]
        return max(counts) if counts else None

    @property
    def label(self) -> str:
        """'ASSAULT, Khartoum, 2023-04-15': type, most named place, first date."""
        first = self.reports[0]
        places = Counter(r.place_label for r in self.reports if r.place_label)
        place = min(places, key=lambda p: (-places[p], p)) if places else None
        dates = [r.date for r in self.reports if r.date]
        parts = [first.action, place, min(dates).isoformat() if dates else None]
        return ", ".join(p for p in parts if p)


def happenings_from(groups, stories: Mapping[str, str] | None = None) -> list[Happening]:
    """One happening per group of reports (as made by `kg.resolve.rule.cluster`); `stories` maps
    an article graph to its story (`kg.syndication.stories_of`), for the source counts."""
    return [Happening(happening_iri(group[0].iri), tuple(group), stories or {}) for group in groups if group]


def graph_from_happenings(happenings) -> Graph:
    """The happenings and the ``ckg:reportOf`` links of their reports."""
    g = Graph()
    for h in happenings:
        node = URIRef(h.iri)
        g.add((node, RDF.type, CKG.Happening))
        g.add((node, RDFS.label, Literal(h.label)))
        g.add((node, CKG.mentionCount, Literal(h.mention_count)))
        g.add((node, CKG.sourceCount, Literal(h.source_count)))
        for source in h.sources:
            g.add((node, CKG.source, Literal(source)))
        for graph in h.graphs:
            g.add((node, PROV.wasDerivedFrom, URIRef(graph)))
        if h.fatalities is not None:
            g.add((node, CKG.fatalities, Literal(h.fatalities)))
        for report in h.reports:
            g.add((URIRef(report.iri), CKG.reportOf, node))
    return g
