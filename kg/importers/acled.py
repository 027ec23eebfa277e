"""Read an ACLED export (CSV) as `ImportedEvent`s.

Columns are found by name, so exports with fewer or reordered columns work; the required ones
are ``event_id_cnty``, ``event_date``, ``event_type`` or ``sub_event_type``, and ``country`` or
``iso``. Dates may be ISO ("2020-05-09"), ACLED's "9-May-20", "09 May 2020" or "09-05-2020".
Types map to PLOVER through `ontology/acled-types.ttl`; rows of type "Other" (no PLOVER type)
are skipped, rows that cannot be read fail, and both are counted with their line numbers.
For protests and violent demonstrations ``actor2`` is the force that intervened, not what was
protested against, so it is not made the target.
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
from .actors import acled_actor
from .places import country_iso3, dataset_place, iso3_from_numeric
from .records import ImportedEvent

__all__ = ["ACLED_TYPES_FILE", "acled_types", "parse_acled_date", "read_acled"]

ACLED_TYPES_FILE = ONTOLOGY_DIR / "acled-types.ttl"
_PLOVER = "https://w3id.org/conflict-kg/plover/"
_MATCHES = (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch)
_DATES = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d-%m-%Y", "%d/%m/%Y")
_NO_TARGET = {"protests", "violent demonstration"}


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


def _number(text, what: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"bad {what} {text!r}") from None


def _record(row: dict, dictionary) -> ImportedEvent:
    sub, kind = (row.get("sub_event_type") or "").strip(), (row.get("event_type") or "").strip()
    concept, plover = acled_types().get(sub.lower()) or acled_types().get(kind.lower()) or (None, None)
    if concept is None:
        raise ValueError(f"unknown ACLED type {sub or kind!r}")
    if plover is None:
        raise LookupError(f"ACLED type {sub or kind!r} has no PLOVER type")
    iso3 = iso3_from_numeric(row["iso"]) if (row.get("iso") or "").strip() else None
    iso3 = iso3 or country_iso3(row.get("country") or "")
    lat, lon = _number(row.get("latitude"), "latitude"), _number(row.get("longitude"), "longitude")
    where = acled_place_precision(row.get("geo_precision"))
    place = dataset_place(row.get("location"), lat, lon, iso3, where)
    fatalities = _number(row.get("fatalities"), "fatalities")
    target = None if kind.lower() in _NO_TARGET or sub.lower() in _NO_TARGET else \
        acled_actor(row.get("actor2"), row.get("inter2"), iso3, dictionary)
    return ImportedEvent(
        source="acled", source_id=row["event_id_cnty"].strip(), action=plover,
        date=parse_acled_date(row.get("event_date")),
        date_precision=acled_date_precision(row.get("time_precision")) or "day",
        actor=acled_actor(row.get("actor1"), row.get("inter1"), iso3, dictionary), target=target,
        place=place, place_precision=where or (place_precision(place.feature) if place else None),
        fatalities=int(fatalities) if fatalities is not None else None,
        notes=(row.get("notes") or "").strip() or None, source_type=concept)


def read_acled(path: str | Path) -> Iterator[tuple[int, ImportedEvent | Exception]]:
    """(line, event) for each row, or (line, error): LookupError means skipped, ValueError failed."""
    dictionary = load_dictionary()
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    with handle:
        reader = csv.DictReader(handle)
        fields = {(f or "").strip().lower() for f in reader.fieldnames or ()}
        missing = [c for c in ("event_id_cnty", "event_date") if c not in fields]
        if not fields & {"event_type", "sub_event_type"}:
            missing.append("event_type")
        if not fields & {"country", "iso"}:
            missing.append("country")
        if missing:
            raise InputError(f"not an ACLED export: missing column(s) {', '.join(missing)}", path=str(path))
        for row in reader:
            row = {(k or "").strip().lower(): v for k, v in row.items()}
            line = reader.line_num
            try:
                if not (row.get("event_id_cnty") or "").strip():
                    raise ValueError("empty event_id_cnty")
                yield line, _record(row, dictionary)
            except (ValueError, LookupError) as exc:
                yield line, exc
