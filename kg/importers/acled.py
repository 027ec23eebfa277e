"""Read an ACLED export (CSV) as `ImportedEvent`s.

Columns are found by name, so exports with fewer or reordered columns work; the required ones
are ``event_id_cnty``, ``event_date``, ``event_type`` or ``sub_event_type``, and ``country`` or
``iso``. Dates may be ISO ("2020-05-09"), ACLED's "9-May-20", "09 May 2020" or "09-05-2020".
Types map to PLOVER through `ontology/acled-types.ttl`; rows of type "Other" (no PLOVER type)
are skipped, rows that cannot be read fail, and both are counted with their line numbers.
The file (or each member of a zip) is read as a stream of bounded lines (`kg.importers.source`);
every field is cleaned by `kg.text.clean_text`; numbers are strict (`kg.values`: no 'nan', 'inf'
or overflow) and dates must lie in `kg.values`' range. Event ids are upper-cased, as ACLED writes them.
For protests and violent demonstrations ``actor2`` is the force that intervened, not what was
protested against, so it is not made the target. The actors of ``assoc_actor_1`` (``"; "``-separated)
act with ``actor1`` and those of ``assoc_actor_2`` are acted on with ``actor2``: each is a party of
its own (`kg.importers.actors.associated_actors`). An actor named as a leader's faction ("Military
Forces of Libya (2014-) Haftar Faction") is that leader's: the leader leads it (or commands it, as
the actor dictionary says).
"""
from __future__ import annotations

import csv
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from rdflib import Graph
from rdflib.namespace import SKOS

from ..errors import InputError
from ..extract.dictionary import load_dictionary
from ..precision import acled_date_precision, acled_place_precision, place_precision
from ..store.validate import ONTOLOGY_DIR
from ..text import clean_text
from ..values import check_date, parse_count, parse_degrees
from .actors import acled_actor, associated_actors, faction_leader
from .places import country_iso3, dataset_place, iso3_from_numeric
from .records import ImportedEvent
from .source import Lines, members, open_member

__all__ = ["ACLED_TYPES_FILE", "MAX_ID", "acled_types", "acled_id", "parse_acled_date", "read_acled"]

ACLED_TYPES_FILE = ONTOLOGY_DIR / "acled-types.ttl"
_PLOVER = "https://w3id.org/conflict-kg/plover/"
_MATCHES = (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch)
_DATES = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d-%m-%Y", "%d/%m/%Y")
_NO_TARGET = {"protests", "violent demonstration"}
MAX_ID = 64  # characters of an event_id_cnty ('SDN1234'): longer is not an ACLED id


@lru_cache(maxsize=1)
def acled_types() -> dict[str, tuple[str, str | None]]:
    """Lower-cased ACLED type name (and alternative spelling) -> (concept IRI, PLOVER name or None)."""
    g = Graph().parse(ACLED_TYPES_FILE, format="turtle")
    out = {}
    for concept, notation in g.subject_objects(SKOS.notation):
        plover = next((str(o)[len(_PLOVER):] for p in _MATCHES for o in g.objects(concept, p)), None)
        for name in (notation, *g.objects(concept, SKOS.altLabel)):
            out[str(name).strip().lower()] = (str(concept), plover)
    return out


def parse_acled_date(text: str) -> date:
    """An ACLED event date in any of the formats its exports use.

    >>> parse_acled_date("9-May-20"), parse_acled_date("09 May 2020"), parse_acled_date("2020-05-09")
    (datetime.date(2020, 5, 9), datetime.date(2020, 5, 9), datetime.date(2020, 5, 9))
    """
    text = (text or "").strip()
    for fmt in _DATES:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"bad event_date {text!r}")


def acled_id(text: str | None) -> str:
    """An ``event_id_cnty`` as ACLED writes them: the country's letters and a number, upper-case.

    >>> acled_id(" sdn1234 ")
    'SDN1234'
    """
    value = (text or "").strip().upper()
    if not value:
        raise ValueError("empty event_id_cnty")
    if len(value) > MAX_ID:
        raise ValueError(f"event_id_cnty is {len(value)} characters long; at most {MAX_ID} are accepted")
    return value


def _record(row: dict, dictionary) -> ImportedEvent:
    sub, kind = (row.get("sub_event_type") or "").strip(), (row.get("event_type") or "").strip()
    concept, plover = acled_types().get(sub.lower()) or acled_types().get(kind.lower()) or (None, None)
    if concept is None:
        raise ValueError(f"unknown ACLED type {sub or kind!r}")
    if plover is None:
        raise LookupError(f"ACLED type {sub or kind!r} has no PLOVER type")
    source_id = acled_id(row.get("event_id_cnty"))
    numeric = parse_count(row.get("iso"), "iso", most=999)
    iso3 = iso3_from_numeric(numeric) if numeric is not None else None
    iso3 = iso3 or country_iso3(row.get("country") or "")
    lat = parse_degrees(row.get("latitude"), "latitude", bound=90)
    lon = parse_degrees(row.get("longitude"), "longitude", bound=180)
    if (lat is None) != (lon is None):
        raise ValueError("latitude and longitude must both be given, or neither")
    where = acled_place_precision(row.get("geo_precision"))
    place = dataset_place(row.get("location"), lat, lon, iso3, where)
    targeted = kind.lower() not in _NO_TARGET and sub.lower() not in _NO_TARGET
    actor = acled_actor(row.get("actor1"), row.get("inter1"), iso3, dictionary)
    target = acled_actor(row.get("actor2"), row.get("inter2"), iso3, dictionary) if targeted else None
    leaders = tuple((leader, party) for name, party in ((row.get("actor1"), actor), (row.get("actor2"), target))
                    if party is not None and (leader := faction_leader(name, dictionary)) is not None)
    return ImportedEvent(
        source="acled", source_id=source_id, action=plover,
        date=check_date(parse_acled_date(row.get("event_date")), "event_date"),
        date_precision=acled_date_precision(row.get("time_precision")) or "day",
        actor=actor, target=target, leaders=leaders,
        co_actors=associated_actors(row.get("assoc_actor_1"), iso3, dictionary, (actor, target)),
        co_targets=associated_actors(row.get("assoc_actor_2"), iso3, dictionary, (actor, target)) if targeted else (),
        place=place, place_precision=where or (place_precision(place.feature) if place else None),
        fatalities=parse_count(row.get("fatalities"), "fatalities"),
        notes=(row.get("notes") or "").strip() or None, source_type=concept)


class _Feed:
    """The text lines csv.reader reads; the errors of bad lines are kept aside (their rows fail)."""

    def __init__(self, lines):
        self.lines, self.errors, self.line = iter(lines), [], 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        self.line, text, error = next(self.lines)
        if error is not None:
            self.errors.append((self.line, error))
        return text


def _rows(member) -> Iterator[tuple[int, dict | Exception]]:
    """(line, cleaned row) of one CSV member, or (line, error); InputError when it has no ACLED header."""
    with open_member(member) as stream:
        feed = _Feed(Lines(stream, member.name))
        reader = csv.reader(feed)
        header = next(reader, None)
        if feed.errors or header is None:
            raise InputError(f"not an ACLED export: {feed.errors[0][1] if feed.errors else 'empty file'}",
                             path=member.name)
        columns = [(c or "").strip().lower() for c in header]
        missing = [c for c in ("event_id_cnty", "event_date") if c not in columns]
        if not set(columns) & {"event_type", "sub_event_type"}:
            missing.append("event_type")
        if not set(columns) & {"country", "iso"}:
            missing.append("country")
        if missing:
            raise InputError(f"not an ACLED export: missing column(s) {', '.join(missing)}", path=member.name)
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                values = exc
            bad, feed.errors = feed.errors[:1], []  # one error per row, of its first bad line
            yield from bad
            if isinstance(values, csv.Error) and not bad:
                yield feed.line, ValueError(f"not CSV: {values}")
            elif values and not bad:
                try:
                    yield feed.line, {name: clean_text(value, field=name) for name, value in zip(columns, values)}
                except InputError as exc:
                    yield feed.line, ValueError(exc.reason)


def read_acled(path: str | Path) -> Iterator[tuple[str, int, ImportedEvent | Exception]]:
    """(file, line, event) for each row, or (file, line, error): LookupError means skipped,
    ValueError or InputError failed. `file` names the zip member for a zipped export."""
    dictionary = load_dictionary()
    for member in members(path):
        if isinstance(member, InputError):
            yield member.path, 0, member
            continue
        for line, row in _rows(member):
            if isinstance(row, Exception):
                yield member.name, line, row
                continue
            try:
                yield member.name, line, _record(row, dictionary)
            except (ValueError, LookupError) as exc:
                yield member.name, line, exc
