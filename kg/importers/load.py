"""Import one dataset file into the store: read, map, check, store as one named graph, resolve.

Re-importing a file of the same name replaces its graph (the result is the same graph for
the same file). An event already stored by another imported file (the same ACLED or GDELT id)
is left there and counted as a duplicate, so that every dataset event is stored once.
"""
from __future__ import annotations

from pathlib import Path

from ..config import Settings
from ..extract.dictionary import load_dictionary
from ..mapping.namespaces import ID
from ..resolve import resolve_after_change
from ..resolve.reports import chunks, values
from ..store import Store
from ..store.validate import validate
from .acled import ACLED_TYPES_FILE, read_acled
from .gdelt import read_gdelt
from .records import ImportSummary, dataset_iri, graph_from_records, imported_event_iri

__all__ = ["READERS", "ACLED_TYPES_GRAPH", "import_file"]

READERS = {"acled": read_acled, "gdelt": read_gdelt}
ACLED_TYPES_GRAPH = str(ID["graph/acled-types"])


def _stored_elsewhere(store: Store, iris: list[str], graph: str) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(iris):
        rows = store.select(f"SELECT DISTINCT ?e ?g WHERE {{ {values('e', chunk)} GRAPH ?g {{ ?e a "
                            f"<https://w3id.org/conflict-kg/ontology#Event> }} }}")
        found.update(row["e"] for row in rows if row["g"] != graph)
    return found


def import_file(store: Store, source: str, path: str | Path, *, name: str | None = None,
                settings: Settings | None = None, resolve: bool = True) -> ImportSummary:
    """Import an ACLED (`source="acled"`) or GDELT (`"gdelt"`) file; see the module docstring.

    Raises InputError when the file cannot be read as that kind of export and
    ValidationError when the graph does not conform to the shapes (nothing is stored then).
    """
    if source not in READERS:
        raise ValueError(f"unknown source {source!r}: use one of {', '.join(READERS)}")
    settings = settings or Settings()
    name = name or Path(path).name
    summary = ImportSummary(graph=dataset_iri(source, name))
    records, seen = [], set()
    for line, item in READERS[source](path):
        summary.rows += 1
        if isinstance(item, LookupError):
            summary.skipped[str(item)] += 1
        elif isinstance(item, Exception):
            summary.failed.append(f"{path}:{line}: {item}")
        elif item.source_id in seen:
            summary.duplicates += 1
        else:
            seen.add(item.source_id)
            records.append(item)
    elsewhere = _stored_elsewhere(store, [imported_event_iri(source, r.source_id) for r in records], summary.graph)
    kept = [r for r in records if imported_event_iri(source, r.source_id) not in elsewhere]
    summary.duplicates += len(records) - len(kept)
    summary.imported = len(kept)
    if not kept:
        return summary
    graph = graph_from_records(kept, source=source, name=name, actors=load_dictionary().get)
    if settings.validate:
        validate(graph)
    if source == "acled":
        store.put_graph(ACLED_TYPES_GRAPH, _acled_types_nt())
    store.put_graph(summary.graph, graph.serialize(format="nt"))
    if resolve:
        resolve_after_change(store, [summary.graph])
    return summary


def _acled_types_nt() -> str:
    from rdflib import Graph

    return Graph().parse(ACLED_TYPES_FILE, format="turtle").serialize(format="nt")
