"""Imported events (ACLED, GDELT rows) as records, and their RDF: one named graph per file."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD

from ..extract.names import slug
from ..mapping.namespaces import CAMEO, CKG, ID, PLOVER, bind_prefixes
from ..mapping.places import add_place
from ..mapping.to_rdf import _add_actor
from ..model import Actor, JointParties, Place

__all__ = ["MAX_REPORTED", "ImportedEvent", "ImportSummary", "dataset_iri", "imported_event_iri",
           "graph_from_records"]


@dataclass(frozen=True)
class ImportedEvent(JointParties):
    """One row of an event dataset, mapped to PLOVER, our actors and our places."""

    source: str  # "acled" or "gdelt"
    source_id: str  # ACLED event_id_cnty, GDELT GlobalEventID
    action: str  # PLOVER type
    date: date
    date_precision: str | None = "day"
    actor: Actor | None = None
    target: Actor | None = None
    place: Place | None = None
    place_precision: str | None = None
    cameo: str | None = None  # CAMEO root code, when the dataset gives one
    fatalities: int | None = None
    notes: str | None = None
    source_code: str | None = None  # GDELT's full CAMEO code
    source_type: str | None = None  # IRI of the ACLED sub-event type
    source_url: str | None = None
    mentions: int | None = None  # GDELT NumMentions
    sources: int | None = None  # GDELT NumSources
    co_actors: tuple[Actor, ...] = ()  # further parties acting with `actor` (ACLED assoc_actor_1)
    co_targets: tuple[Actor, ...] = ()  # further parties acted on with `target` (ACLED assoc_actor_2)
    leaders: tuple[tuple[Actor, Actor], ...] = ()  # (leader, party) the row names ('Haftar Faction')


MAX_REPORTED = 100  # failed rows whose message an import keeps; the others are counted


@dataclass
class ImportSummary:
    """What an import did: rows read, events stored, rows skipped (by reason) or failed.

    `failures` counts the failed rows; `failed` keeps the messages of the first MAX_REPORTED.
    """

    graph: str = ""
    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    skipped: Counter = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)
    failures: int = 0

    def fail(self, message: str) -> None:
        """Count a failed row, keeping its message while fewer than MAX_REPORTED are kept."""
        self.failures += 1
        if len(self.failed) < MAX_REPORTED:
            self.failed.append(message)

    def line(self) -> str:
        """A one-line summary for people."""
        skipped = sum(self.skipped.values())
        reasons = "; ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        return (f"{self.rows} rows: {self.imported} events imported, {skipped} skipped"
                f"{' (' + reasons + ')' if reasons else ''}, {self.duplicates} already stored, "
                f"{self.failures} failed")


def dataset_iri(source: str, name: str) -> str:
    """The IRI of an imported file, which also names its graph.

    >>> dataset_iri("acled", "Libya 2020.csv")
    'https://w3id.org/conflict-kg/id/dataset/acled-libya-2020-csv'
    """
    return str(ID[f"dataset/{source}-{slug(name)}"])


def imported_event_iri(source: str, source_id: str) -> str:
    """One IRI per event of a dataset, whichever file it comes in.

    >>> imported_event_iri("acled", "LBY1234")
    'https://w3id.org/conflict-kg/id/event/acled-lby1234'
    """
    return str(ID[f"event/{source}-{slug(source_id)}"])


def _event(g: Graph, record: ImportedEvent, dataset: URIRef, actors, described: set[URIRef]) -> None:
    ev = URIRef(imported_event_iri(record.source, record.source_id))
    add = g.add
    add((ev, RDF.type, CKG.Event))
    add((ev, CKG.action, PLOVER[record.action]))
    add((ev, CKG.source, Literal(record.source)))
    add((ev, CKG.sourceEventId, Literal(record.source_id)))
    add((ev, PROV.wasDerivedFrom, dataset))
    add((ev, CKG.modality, Literal("asserted")))
    add((ev, CKG.date, Literal(record.date, datatype=XSD.date)))
    if record.cameo:
        add((ev, CKG.cameo, CAMEO[record.cameo]))
    for prop, value in ((CKG.datePrecision, record.date_precision), (CKG.placePrecision, record.place_precision),
                        (CKG.notes, record.notes), (CKG.sourceCode, record.source_code)):
        if value:
            add((ev, prop, Literal(value)))
    for prop, value in ((CKG.fatalities, record.fatalities), (CKG.mentionCount, record.mentions),
                        (CKG.sourceCount, record.sources)):
        if value is not None:
            add((ev, prop, Literal(int(value))))
    if record.source_type:
        add((ev, CKG.sourceType, URIRef(record.source_type)))
    if record.source_url:
        add((ev, CKG.sourceUrl, Literal(record.source_url, datatype=XSD.anyURI)))
    for prop, parties in ((CKG.actor, record.actors), (CKG.target, record.targets)):
        for actor in parties:  # one node per party
            add((ev, prop, _add_actor(g, actor, actors, described)))
    for leader, party in record.leaders:  # a leader's faction: ckg:leads, unless the dictionary says he commands it
        node, led = _add_actor(g, leader, actors, described), _add_actor(g, party, actors, described)
        if (node, CKG.commands, led) not in g:
            add((node, CKG.leads, led))
    if record.place is not None:
        add((ev, CKG.place, add_place(g, record.place, described)))


def graph_from_records(records, *, source: str, name: str, actors=None) -> Graph:
    """The named-graph content of one imported file (or of one part of it): the dataset node and
    its events.

    `actors` looks up a canonical label (for the body a person belongs to), as in
    `kg.mapping.to_rdf.graph_from_frames`. An import written in parts passes records whose
    actors and places were made the same for each IRI (`Descriptions`), so that the parts
    describe each node alike.
    """
    g = bind_prefixes(Graph())
    dataset = URIRef(dataset_iri(source, name))
    g.add((dataset, RDF.type, CKG.Dataset))
    g.add((dataset, RDFS.label, Literal(name)))
    g.add((dataset, CKG.source, Literal(source)))
    described: set[URIRef] = set()  # an actor or place is described once per graph, by its first record
    for record in records:
        _event(g, record, dataset, actors, described)
    return g



class Descriptions:
    """The first description of each actor and place IRI met in a file, given to later records.

    A file written in several parts then describes every node the same way in each part (SHACL
    allows one kind and one country per actor). Memory grows with the distinct actors and places,
    not with the rows.
    """

    def __init__(self):
        self._first: dict = {}

    def _same(self, node, iri_of):
        return None if node is None else self._first.setdefault(str(iri_of(node)), node)

    def of(self, record: ImportedEvent) -> ImportedEvent:
        """`record` with each of its actors and its place as first described."""
        from dataclasses import replace

        from ..mapping.iris import actor_iri, place_iri

        actor, target = self._same(record.actor, actor_iri), self._same(record.target, actor_iri)
        co_actors = tuple(self._same(a, actor_iri) for a in record.co_actors)
        co_targets = tuple(self._same(a, actor_iri) for a in record.co_targets)
        leaders = tuple((self._same(a, actor_iri), self._same(b, actor_iri)) for a, b in record.leaders)
        place = self._same(record.place, place_iri)
        if (actor, target, co_actors, co_targets, leaders, place) == (
                record.actor, record.target, record.co_actors, record.co_targets, record.leaders, record.place):
            return record
        return replace(record, actor=actor, target=target, co_actors=co_actors, co_targets=co_targets,
                       leaders=leaders, place=place)
