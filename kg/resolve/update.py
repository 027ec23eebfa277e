"""Keep the resolved graph in step with the store: after a change, or from scratch.

After articles or datasets change, only the happenings that can differ are recomputed: the
connected groups of mutually compatible reports that hold a report of a changed graph, now or
before the change. Reports in other groups keep their happenings, and would get the same ones
from a full rebuild, so the result never depends on the order things were ingested in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..store import Store
from .happenings import RESOLVED_GRAPH, graph_from_happenings, happenings_from
from .reports import (all_reports, chunks, iri_term, neighbour_blocks, reports_by_iri, reports_in_blocks,
                      reports_in_graphs, values)
from .rule import Report, cluster, compatible

__all__ = ["Relinker", "ResolveSummary", "resolve_after_change", "resolve_reports", "resolve_removed",
           "resolve_all", "unlinked_graphs"]

_CKG = "https://w3id.org/conflict-kg/ontology#"
_PROV = "http://www.w3.org/ns/prov#"
_PLOVER = "https://w3id.org/conflict-kg/plover/"


@dataclass(frozen=True)
class ResolveSummary:
    """What a resolution did: reports looked at, happenings written and removed."""

    reports: int
    happenings: int
    removed: int

    def line(self) -> str:
        """A one-line summary for people."""
        return f"{self.reports} reports resolved into {self.happenings} happenings ({self.removed} replaced)"


def _column(store: Store, pattern: str, var: str, iris: Iterable[str], out: str) -> set[str]:
    """The values of ?out in the resolved graph for each IRI bound to ?var."""
    found: set[str] = set()
    graph = iri_term(RESOLVED_GRAPH)
    for chunk in chunks(sorted(set(iris))):
        sparql = f"SELECT DISTINCT ?{out} WHERE {{ GRAPH {graph} {{ {values(var, chunk)} {pattern} }} }}"
        found.update(row[out] for row in store.select(sparql))
    return found


def _stories(store: Store, reports: Iterable[Report]) -> dict[str, str]:
    """The story of each article graph of these reports that has syndicated copies (`kg.syndication`)."""
    from ..syndication.link import stories_of

    return stories_of(store, {r.graph for r in reports})


def _besides(report: Report) -> str | None:
    """The source whose other reports can never match `report` (the rule: a dataset never
    repeats an event), so that they need not be read; None for an extracted report."""
    return None if report.source == "extracted" else report.source


def _expand(store: Store, seeds: dict[str, Report]) -> dict[str, Report]:
    """The seeds and every report connected to them by a chain of compatible reports."""
    found = dict(seeds)
    blocks: dict[tuple, list[Report]] = {}  # (block, source left out or None) -> its reports

    def pool(block, besides) -> list[Report]:
        return blocks[(block, None)] if (block, None) in blocks else blocks[(block, besides)]

    frontier = [r for r in seeds.values() if r.mergeable]
    while frontier:
        wanted: dict[str | None, set] = {}
        for r in frontier:
            for block in neighbour_blocks(r):
                if (block, None) not in blocks and (block, _besides(r)) not in blocks:
                    wanted.setdefault(_besides(r), set()).add(block)
        for besides, needed in wanted.items():
            for block in needed:
                blocks[(block, besides)] = []
            for report in reports_in_blocks(store, needed, besides=besides).values():
                # a report dated twice (which the shapes refuse) is kept in the block of its first date
                blocks.get(((report.action, report.date), besides), []).append(report)
        added = {}
        for r in frontier:
            for block in neighbour_blocks(r):
                for c in pool(block, _besides(r)):
                    if c.iri not in found and c.iri not in added and compatible(r, c):
                        added[c.iri] = c
        found.update(added)
        frontier = list(added.values())
    return found


def _write(store: Store, removed: set[str], happenings) -> None:
    """Drop the `removed` happenings and their links, add `happenings`, in one update."""
    graph = iri_term(RESOLVED_GRAPH)
    ops = []
    for chunk in chunks(sorted(removed)):
        block = values("h", chunk)
        ops.append(f"DELETE {{ GRAPH {graph} {{ ?h ?p ?o }} }} WHERE {{ GRAPH {graph} {{ {block} ?h ?p ?o }} }}")
        ops.append(f"DELETE {{ GRAPH {graph} {{ ?r <{_CKG}reportOf> ?h }} }} "
                   f"WHERE {{ GRAPH {graph} {{ {block} ?r <{_CKG}reportOf> ?h }} }}")
    triples = graph_from_happenings(happenings).serialize(format="nt")
    if triples.strip():
        ops.append(f"INSERT DATA {{ GRAPH {graph} {{\n{triples}\n}} }}")
    if ops:
        store.update(" ;\n".join(ops))


def _resolve(store: Store, seeds: dict[str, Report], stale: set[str]) -> ResolveSummary:
    """Recompute the happenings of `seeds`, of the `stale` happenings' reports, and of every
    report connected to them; replace the happenings they had."""
    members = _column(store, f"?r <{_CKG}reportOf> ?h .", "h", stale, "r")
    seeds.update(reports_by_iri(store, set(members) - set(seeds)))
    stories = _stories(store, seeds.values())
    mates = set(stories) - {r.graph for r in seeds.values()}  # other copies of the seeds' stories
    if mates:
        seeds.update({k: v for k, v in reports_in_graphs(store, mates).items() if k not in seeds})
    component = _expand(store, seeds)
    affected = stale | _column(store, f"?r <{_CKG}reportOf> ?h .", "r", component, "h")
    stories = _stories(store, component.values())
    happenings = happenings_from(cluster(component.values(), stories), stories)
    _write(store, affected, happenings)
    return ResolveSummary(len(component), len(happenings), len(affected))


def resolve_after_change(store: Store, graph_iris: Iterable[str]) -> ResolveSummary:
    """Recompute the happenings touched by a change to these article or dataset graphs.

    Call it after `put_article`, `delete_article` or an import, with the IRIs of the graphs
    that were added, replaced or deleted (unchanged ones may be passed too).
    """
    graphs = sorted({str(g) for g in graph_iris})
    if not graphs:
        return ResolveSummary(0, 0, 0)
    stale = _column(store, f"?h <{_PROV}wasDerivedFrom> ?g .", "g", graphs, "h")
    return _resolve(store, reports_in_graphs(store, graphs), stale)


def resolve_reports(store: Store, report_iris: Iterable[str]) -> ResolveSummary:
    """Recompute the happenings of these reports (just written): a bulk import calls it once per
    part it writes, so that memory is bounded by the part, not by the file."""
    iris = sorted({str(r) for r in report_iris})
    return _resolve(store, reports_by_iri(store, iris), set()) if iris else ResolveSummary(0, 0, 0)


def resolve_removed(store: Store, graph_iri: str, *, page: int = 2000) -> ResolveSummary:
    """After a graph was emptied, recompute the happenings derived from it, `page` at a time."""
    graph, done = iri_term(RESOLVED_GRAPH), ResolveSummary(0, 0, 0)
    while True:
        rows = store.select(f"SELECT DISTINCT ?h WHERE {{ GRAPH {graph} {{ ?h <{_PROV}wasDerivedFrom> "
                            f"{iri_term(graph_iri)} }} }} LIMIT {int(page)}")
        if not rows:
            return done
        step = _resolve(store, {}, {row["h"] for row in rows})
        done = ResolveSummary(done.reports + step.reports, done.happenings + step.happenings,
                              done.removed + step.removed)


class Relinker:
    """Graphs that an interrupted run wrote but did not resolve, found while a rerun skips them as
    unchanged (`check`), resolved when the rerun's own writes are done (`finish`)."""

    def __init__(self, store: Store, *, enabled: bool = True):
        self.store, self.enabled, self.found = store, enabled, []

    def check(self, graph_iris: Iterable[str]) -> None:
        """Note those of these stored graphs that hold a report no happening links."""
        if self.enabled:
            self.found.extend(unlinked_graphs(self.store, graph_iris))

    def finish(self, size: int = 64) -> None:
        """Resolve the graphs noted, `size` at a time."""
        for part in chunks(sorted(set(self.found)), size):
            resolve_after_change(self.store, part)
        self.found = []


def unlinked_graphs(store: Store, graph_iris: Iterable[str]) -> list[str]:
    """Those of these graphs holding a report that no happening links (an ingest or import that
    stopped between writing and resolving): a rerun resolves them."""
    found: set[str] = set()
    for chunk in chunks(sorted({str(g) for g in graph_iris})):
        found.update(row["g"] for row in store.select(
            f"SELECT DISTINCT ?g WHERE {{ {values('g', chunk)} GRAPH ?g {{ ?r a <{_CKG}Event> ; <{_CKG}action> ?a }} "
            f'FILTER(STRSTARTS(STR(?a), "{_PLOVER}")) '

            f"FILTER NOT EXISTS {{ GRAPH {iri_term(RESOLVED_GRAPH)} {{ ?r <{_CKG}reportOf> ?h }} }} }}"))
    return sorted(found)


def resolve_all(store: Store) -> ResolveSummary:
    """Rebuild the whole resolved graph from every report in the store."""
    reports = all_reports(store)
    stories = _stories(store, reports.values())
    happenings = happenings_from(cluster(reports.values(), stories), stories)
    before = store.select(f"SELECT (COUNT(?h) AS ?n) WHERE {{ GRAPH {iri_term(RESOLVED_GRAPH)} "
                          f"{{ ?h a <{_CKG}Happening> }} }}")
    store.put_graph(RESOLVED_GRAPH, graph_from_happenings(happenings).serialize(format="nt"))
    return ResolveSummary(len(reports), len(happenings), int(before[0]["n"]) if before else 0)
