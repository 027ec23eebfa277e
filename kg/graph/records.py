"""What an imported event's own record says, for the events a path shows: ACLED's notes (``ckg:notes``),
GDELT's source URL (``ckg:sourceUrl``).

Projections do not carry them (ACLED notes are long, and most graph questions never print them):
`with_records` reads them from the store for the events of the paths it is given, in one query.
"""
from __future__ import annotations

from ..mapping.namespaces import CKG
from ..queries import describe

__all__ = ["event_records", "with_records", "event_text"]

_NOTES, _URL = str(CKG.notes), str(CKG.sourceUrl)


def event_records(store, iris) -> dict[str, dict]:
    """Event IRI -> ``{"notes", "source_url"}`` for those of `iris` that have either.

    >>> from kg.store import open_store
    >>> store = open_store(None)
    >>> _ = store.put_graph("urn:g", '<urn:e> <https://w3id.org/conflict-kg/ontology#notes> "Shots fired." .')
    >>> event_records(store, ["urn:e", "urn:other"])
    {'urn:e': {'notes': 'Shots fired.', 'source_url': None}}
    """
    found = describe(store, iris, [_NOTES, _URL])
    return {iri: {"notes": (props.get(_NOTES) or [None])[0], "source_url": (props.get(_URL) or [None])[0]}
            for iri, props in found.items()}


def with_records(store, paths: list[dict]) -> list[dict]:
    """`paths` (as `kg.graph.paths.k_shortest_paths` gives them), each hop's events given their
    ``notes`` and ``source_url`` (None when the event has none, as extracted events do)."""
    events = [e for p in paths for hop in p["hops"] for e in hop["events"]]
    records = event_records(store, {e["event"] for e in events})
    for event in events:
        event.update(records.get(event["event"], {"notes": None, "source_url": None}))
    return paths


def event_text(event: dict) -> str:
    """What to print for an event: its evidence sentence, else its notes, else its source URL.

    >>> event_text({"sentence": None, "notes": None, "source_url": "https://example.org/a"})
    'https://example.org/a'
    """
    return event.get("sentence") or event.get("notes") or event.get("source_url") or ""
