"""Import one dataset file into the store: read, map, check, store as one named graph (its actors
and places described once, in graphs of their own: `kg.store.descriptions`), resolve.

The file is streamed: rows are read one at a time and written `PART` events at a time, each
part checked against the shapes and written in one update, then resolved with the rest
(`kg.resolve.resolve_reports`), so that memory does not grow with the file. Re-importing a
file of the same name replaces its graph: the old graph is dropped (and its happenings
recomputed) when the first part is ready, so a file without one good row leaves the old graph
as it was. An interrupted import leaves whole events only; importing the file again completes it.

Ids are normalised as the dataset writes them (`kg.importers.acled.acled_id`,
`kg.importers.gdelt.gdelt_id`). A row whose id another row of the file already has is counted
as a duplicate; a row whose id differs but gives the same event IRI (ids that differ only by
punctuation, say) fails, naming the line it collides with. An event already stored by another
imported file (the same ACLED or GDELT id) is left there and counted as a duplicate, so that
every dataset event is stored once.
"""
from __future__ import annotations

from pathlib import Path

from ..config import Settings
from ..errors import InputError, StoreError, ValidationError
from ..extract.dictionary import load_dictionary
from ..mapping.namespaces import ID
from ..resolve import resolve_removed, resolve_reports
from ..resolve.reports import chunks, values
from ..store import Store
from ..store.validate import focus_nodes, validate
from .acled import ACLED_TYPES_FILE, read_acled
from .gdelt import read_gdelt
from .records import Descriptions, ImportSummary, dataset_iri, graph_from_records, imported_event_iri

__all__ = ["READERS", "ACLED_TYPES_GRAPH", "PART", "import_file"]

READERS = {"acled": read_acled, "gdelt": read_gdelt}
ACLED_TYPES_GRAPH = str(ID["graph/acled-types"])
PART = 2000  # events checked, written and resolved together


def _stored_elsewhere(store: Store, iris: list[str], graph: str) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(iris):
        rows = store.select(f"SELECT DISTINCT ?e ?g WHERE {{ {values('e', chunk)} GRAPH ?g {{ ?e a "
                            f"<https://w3id.org/conflict-kg/ontology#Event> }} }}")
        found.update(row["e"] for row in rows if row["g"] != graph)
    return found


class _Writer:
    """Writes the parts of one file's graph: checks, stores and resolves each part."""

    def __init__(self, store: Store, source: str, name: str, summary: ImportSummary, settings: Settings,
                 resolve: bool):
        self.store, self.source, self.name, self.summary = store, source, name, summary
        self.settings, self.resolve, self.started = settings, resolve, False
        self.actors = load_dictionary().get

    def _start(self) -> None:
        """Before the first part: the ACLED types, and the old version of the graph dropped."""
        graph = self.summary.graph
        if self.source == "acled":
            self.store.put_graph(ACLED_TYPES_GRAPH, _acled_types_nt())
        if self.store.delete_article(graph):  # with its share of the actors' and places' descriptions
            if self.resolve:
                resolve_removed(self.store, graph)
        self.started = True

    def _checked(self, part: list) -> tuple[list, str]:
        """The rows of `part` that pass the shapes, and their N-Triples; the others fail one by one."""
        def graph_of(rows):
            return graph_from_records([r for _, r in rows], source=self.source, name=self.name, actors=self.actors)

        graph = graph_of(part)
        if not self.settings.validate:
            return part, graph.serialize(format="nt")
        try:
            validate(graph)
            return part, graph.serialize(format="nt")
        except ValidationError:
            pass
        kept = []
        for where, record in part:  # find the rows that broke the shapes
            try:
                validate(graph_of([(where, record)]))
                kept.append((where, record))
            except ValidationError as exc:
                self.summary.fail(f"{where}: {exc}")
        return self._together(kept, graph_of)

    def _together(self, kept: list, graph_of) -> tuple[list, str]:
        """`kept` rows that pass the shapes alone may still fail together (two rows describing one
        node, say): the rows whose event, or a node it points to, a violation names fail; the others
        are checked again. Should no row be named, all of them fail: none is stored unchecked."""
        from rdflib import URIRef

        for _ in range(3):
            graph = graph_of(kept)
            try:
                validate(graph)
                return kept, graph.serialize(format="nt")
            except ValidationError as exc:
                error = exc
            focus = focus_nodes(graph) or set()
            named = [(where, r) for where, r in kept if focus & self._nodes(graph, URIRef(
                imported_event_iri(self.source, r.source_id)))]
            for where, _ in named or kept:
                self.summary.fail(f"{where}: {error} (with other rows of its part)")
            kept = [] if not named else [row for row in kept if row not in named]
            if not kept:
                return [], ""
        for where, _ in kept:  # still no agreement after three rounds
            self.summary.fail(f"{where}: the rows of its part do not conform to the shapes together")
        return [], ""

    @staticmethod
    def _nodes(graph, event) -> set:
        return {event, *graph.objects(event, None)}

    def write(self, part: list) -> None:
        """Check, store and resolve one part: (location, ImportedEvent) pairs."""
        if not part:
            return
        iris = [imported_event_iri(self.source, r.source_id) for _, r in part]
        elsewhere = _stored_elsewhere(self.store, iris, self.summary.graph)
        fresh = [item for item, iri in zip(part, iris) if iri not in elsewhere]
        self.summary.duplicates += len(part) - len(fresh)
        fresh, ntriples = self._checked(fresh)
        if not fresh:
            return
        if not self.started:
            self._start()
        self.store.add_graph(self.summary.graph, ntriples)
        self.summary.imported += len(fresh)
        if self.resolve:
            resolve_reports(self.store, [imported_event_iri(self.source, r.source_id) for _, r in fresh])
        self.store.flush()


class _Ids:
    """The event IRIs met so far in a file, with where: tells a repeated row from a colliding id.

    A plain id (letters and digits, 'SDN1234') is kept as its IRI segment and a number for where
    it was met, so that a million rows take about a hundred megabytes.
    """

    def __init__(self, source: str):
        self.prefix = len(imported_event_iri(source, "x")) - 1
        self.source, self.seen, self.members = source, {}, []

    def check(self, source_id: str, member: str, line: int) -> str | None:
        """None for a new id; 'duplicate' for a repeated one; else the collision's message."""
        if not self.members or self.members[-1] != member:
            self.members.append(member)
        key = imported_event_iri(self.source, source_id)[self.prefix:]
        plain = source_id.isascii() and source_id.isalnum() and key == source_id.lower()
        first = self.seen.get(key)
        if first is None:
            here = (len(self.members) - 1) << 32 | line
            self.seen[key] = here if plain else (source_id, here)
            return None
        other, at = (None, first) if isinstance(first, int) else first
        if (plain and other is None) or other == source_id:
            return "duplicate"
        where = f"{self.members[at >> 32]}:{at & 0xFFFFFFFF}"
        shown = repr(other) if other is not None else f"{key.upper()!r}"
        return (f"event id {source_id!r} gives the same event IRI as {shown} at {where}; "
                "ids must differ by more than case or punctuation")


def import_file(store: Store, source: str, path: str | Path, *, name: str | None = None,
                settings: Settings | None = None, resolve: bool = True) -> ImportSummary:
    """Import an ACLED (`source="acled"`) or GDELT (`"gdelt"`) file; see the module docstring.

    Raises InputError when the file cannot be read as that kind of export, StoreError when the
    store fails part-way (saying how many events were stored). Rows that cannot be read, that
    collide with another row's IRI or that break the shapes are counted in the summary's
    `failures`, with a message naming the file and line.
    """
    if source not in READERS:
        raise ValueError(f"unknown source {source!r}: use one of {', '.join(READERS)}")
    settings = settings or Settings()
    name = name or Path(path).name
    summary = ImportSummary(graph=dataset_iri(source, name))
    writer = _Writer(store, source, name, summary, settings, resolve)
    ids, descriptions, part = _Ids(source), Descriptions(), []
    try:
        for member, line, item in READERS[source](path):
            if isinstance(item, InputError):  # a zip member that was not read
                summary.fail(str(item))
                continue
            summary.rows += 1
            if isinstance(item, LookupError):
                summary.skipped[str(item)] += 1
            elif isinstance(item, Exception):
                summary.fail(f"{member}:{line}: {item}")
            elif (problem := ids.check(item.source_id, member, line)) == "duplicate":
                summary.duplicates += 1
            elif problem:
                summary.fail(f"{member}:{line}: {problem}")
            else:
                part.append((f"{member}:{line}", descriptions.of(item)))
                if len(part) >= PART:
                    writer.write(part)
                    part = []
        writer.write(part)
    except StoreError as exc:
        raise StoreError(f"{exc}; {summary.imported} events of {path} were stored before it stopped: "
                         "import the file again to complete it") from None
    return summary


def _acled_types_nt() -> str:
    from rdflib import Graph

    return Graph().parse(ACLED_TYPES_FILE, format="turtle").serialize(format="nt")
