"""Read the events of a projection from the store: narrow SELECTs, joined on the event IRI.

Everything comes from the store with SPARQL (`kg.graph.queries`): one SELECT per event
property plus the labels, kinds, countries and aliases of nodes, run two at a time
(pyoxigraph evaluates concurrent queries on a writable store in parallel), parsed from the
SPARQL CSV results and joined in one pass. Only ``ckg:Event``s are taken; events with
neither an actor nor a target link nobody and are left out.
"""
from __future__ import annotations

import csv
import gc
import io
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from ..errors import UnknownNodeError
from ..mapping.namespaces import KIND_IRIS, PLOVER
from .filters import Filters
from .lookup import normalise, suggest
from .queries import event_queries, node_queries, place_names_query, required_columns

__all__ = ["fetch", "place_iris", "gc_paused"]

_KINDS = {str(iri): name for name, iri in KIND_IRIS.items()}
_PLOVER = str(PLOVER._NS)
_intern = sys.intern


def _table(store, sparql: str, as_dict: bool = False, shared: bool = False):
    """The rows of a SELECT as plain strings (SPARQL CSV results: unbound is '').

    One column comes back as a list of values, two as a list of pairs, or as a dict of
    the first column to the second with `as_dict`. When no field is quoted (no value holds
    a comma, quote or line break) the text is split directly, several times faster than
    `csv` on a million rows. Keys are interned (every column of the event table repeats
    the event IRIs), and so are values when `shared` (actors, places, dates recur).
    """
    data = store.query(sparql, "csv").decode("utf-8")
    header, _, body = data.partition("\r\n")
    width = header.count(",") + 1
    if '"' not in body:
        cells = body.replace("\r\n", ",").split(",")[:-1] if body else []
        if width == 1:
            return cells
        if as_dict and width == 2:
            it = iter(cells)
            return dict(zip(map(_intern, it), map(_intern, it) if shared else it))
        rows = zip(*[iter(cells)] * width)
    else:
        rows = csv.reader(io.StringIO(body, newline=""))
        if width == 1:
            return [row[0] for row in rows]
        if as_dict and width == 2:
            return {_intern(k): _intern(v) if shared else v for k, v in rows}
    return dict(rows) if as_dict else list(rows)


def _tables(store, queries: dict[str, str], dicts=()) -> dict[str, list]:
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-projection") as pool:
        futures = {name: pool.submit(_table, store, sparql, name in dicts, name != "sentence")
                   for name, sparql in queries.items()}
        return {name: future.result() for name, future in futures.items()}


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while millions of containers are made (none are cyclic)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def place_iris(store, place: str) -> tuple[str, ...]:
    """The place IRIs `place` names: the IRI itself, or every place with that label or alias.

    Names are compared case-insensitively (`kg.graph.lookup.normalise`).

    Raises
    ------
    UnknownNodeError
        When none match; its ``suggestions`` holds up to five place names.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> place_iris(sample_store(), "az zawiyah")
    ('https://w3id.org/conflict-kg/id/place/geonames-2216885',)
    >>> place_iris(sample_store(), "Tripolis")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownNodeError: unknown place 'Tripolis'; did you mean Tripoli?
    """
    rows = _table(store, place_names_query())
    if any(p == place for p, _name in rows):
        return (place,)
    key = normalise(place)
    found = sorted({p for p, name in rows if normalise(name) == key})
    if found:
        return tuple(found)
    names: dict[str, list] = {}
    for _p, name in rows:
        names.setdefault(normalise(name), []).append(name)
    close = [sorted(names[n])[0] for _r, n in suggest(place, {n: [n] for n in names})]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownNodeError(f"unknown place {place!r}{hint}", close)


def _nodes(tables: dict, used: set) -> dict[str, dict]:
    info = {iri: {"label": None, "kind": None, "country": None, "aliases": set()} for iri in used}
    for column in ("label", "kind", "country"):
        for iri, value in tables["node_" + column]:
            entry = info.get(iri)
            if entry is not None and (entry[column] is None or value < entry[column]):
                entry[column] = value
    for iri, value in tables["node_alias"]:
        if iri in info:
            info[iri]["aliases"].add(value)
    for iri, entry in info.items():
        entry["label"] = entry["label"] or iri.rsplit("/", 1)[-1]
        entry["kind"] = _KINDS.get(entry["kind"], "other") if entry["kind"] else None
        entry["aliases"] = sorted(entry["aliases"] - {entry["label"]})
    return info


def fetch(store, filters: Filters | None = None) -> tuple[list[dict], dict[str, dict]]:
    """The events that pass `filters`, sorted by IRI, and the actors and places they use.

    Each event is a dict with ``event, action, date, place, place_label, article, sentence,
    actor, target`` (plain strings; ``None`` when absent). Nodes map an IRI to ``label,
    kind, country, aliases``.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> events, nodes = fetch(sample_store(), Filters(types=("MOBILIZE",)))
    >>> [(e["action"], nodes[e["actor"]]["label"], e["place_label"]) for e in events]
    [('MOBILIZE', 'Khalifa Haftar', 'Tripoli'), ('MOBILIZE', 'Government of National Accord', 'Tripoli')]
    """
    filters = filters or Filters()
    places = place_iris(store, filters.place) if filters.place else ()
    queries = event_queries(filters, places)
    columns = [name for name in queries if name not in ("event", "country", "confidence")]
    # Longest scans first, so that the two workers finish together.
    order = ("sentence", "article", "actor", "target", "place", "action", "date", "event",
             "node_label", "node_country", "node_kind")
    queries = {**queries, **node_queries()}
    queries = {name: queries[name] for name in sorted(queries, key=lambda n: order.index(n) if n in order else 99)}
    with gc_paused():
        tables = _tables(store, queries, dicts=columns)
        events, used = _join(tables, required_columns(filters))
        nodes = _nodes(tables, used)
    for event in events:
        if event["place"]:
            event["place_label"] = _intern(nodes[event["place"]]["label"])
    return events, nodes


def _join(tables: dict, required: tuple[str, ...]) -> tuple[list[dict], set]:
    keep = set(tables["event"])
    for name in required[1:]:
        keep &= set(tables[name]) if isinstance(tables[name], list) else tables[name].keys()
    actor, target, date, place, sentence, action, article = (
        tables[n] for n in ("actor", "target", "date", "place", "sentence", "action", "article"))
    names = {v: _intern(v[len(_PLOVER):] if v.startswith(_PLOVER) else v) for v in set(action.values())}
    events = []
    for iri in sorted(keep):
        a, t = actor.get(iri) or None, target.get(iri) or None
        if a is None and t is None:
            continue
        events.append({"event": iri, "action": names[action[iri]], "date": date.get(iri) or None,
                       "place": place.get(iri) or None, "place_label": None, "article": article.get(iri) or None,
                       "sentence": sentence.get(iri), "actor": a, "target": t})
    used = {e[k] for e in events for k in ("actor", "target", "place")} - {None}
    return events, used
