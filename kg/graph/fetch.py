"""Read the events of a projection from the store: narrow SELECTs, joined on the event IRI.

Everything comes from the store with SPARQL (`kg.graph.queries`): one SELECT per event
property plus the labels, kinds, countries and aliases of nodes, run two at a time
(pyoxigraph evaluates concurrent queries on a writable store in parallel). The list of
events comes first and is sorted; every other column is parsed from its SPARQL CSV results
while the next queries run and laid out as a list aligned to that order (one dict lookup
per row), and the event dicts are made once, from the aligned lists. Only ``ckg:Event``s
are taken; events with neither an actor nor a target link nobody and are left out.
"""
from __future__ import annotations

import csv
import gc
import io
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from itertools import repeat

from ..filters import Filters
from ..mapping.namespaces import KIND_NAMES, PLOVER
from ..queries.scope import scope
from .queries import event_queries, node_queries, required_columns

__all__ = ["fetch", "gc_paused"]

_PARTIES = ("actor", "target")  # columns with one value per party of a joint act
_PLOVER = str(PLOVER._NS)
_intern = sys.intern


def _cells(data: bytes) -> tuple[int, list[str]]:
    """The width and the cells (row after row) of SPARQL CSV results; unbound is ''.

    When no field is quoted (no value holds a comma, quote or line break) the text is split
    directly, several times faster than `csv` on a million rows.
    """
    header, _, body = data.decode("utf-8").partition("\r\n")
    width = header.count(",") + 1
    if not body:
        return width, []
    if '"' not in body:
        cells = body.replace("\r\n", ",").split(",") if width > 1 else body.split("\r\n")
        cells.pop()  # after the last line break
        return width, cells
    return width, [cell for row in csv.reader(io.StringIO(body, newline="")) for cell in row]


def _aligned(data: bytes, index: dict[str, int], shared: bool, several: bool = False) -> list:
    """The values of a column of the event table, one per event of `index` (IRI → position).

    None where an event has no value; True for each event a one-column result (the events
    that pass a filter) lists; the last row wins when an event has several values, unless
    `several` (the parties of joint acts), when such an event gets the sorted tuple of them. Rows
    about IRIs not in `index` (resources that are not ``ckg:Event``s) are dropped. Values
    are interned when `shared` (actors, places, dates recur).
    """
    width, cells = _cells(data)
    size = len(index)
    column = [None] * (size + 1)  # the last slot takes the rows of IRIs not in `index`
    if width == 1:
        values = repeat(True)
    else:
        values = map(_intern, cells[1::width]) if shared else cells[1::width]
        cells = cells[0::width]
    if not several:
        for i, value in zip(map(index.get, cells, repeat(size)), values):
            column[i] = value
    else:
        extra: dict[int, set] = {}
        for i, value in zip(map(index.get, cells, repeat(size)), values):
            old = column[i]
            if old is None or old == value:
                column[i] = value
            else:
                extra.setdefault(i, {old}).add(value)
        extra.pop(size, None)
        for i, found in extra.items():
            column[i] = tuple(sorted(found))
    column.pop()
    return column


def _read(store, queries: dict[str, str]) -> tuple[list[str], dict[str, list], dict[str, list]]:
    """Run `queries` two at a time; return the sorted event IRIs, the aligned event columns and
    the node tables.

    ``queries["event"]`` lists the events and comes back first; every other column is aligned
    to it (`_aligned`) as soon as its query is done, while the next ones run (pyoxigraph
    evaluates and serialises without the GIL), and its text is dropped.
    """
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-projection") as pool:
        futures = {pool.submit(store.query, sparql, "csv"): name for name, sparql in queries.items()}
        first = next(f for f, name in futures.items() if name == "event")
        del futures[first]
        keys = sorted(set(_cells(first.result())[1]))
        del first
        index = dict(zip(keys, range(len(keys))))
        columns, tables = {}, {}
        for future in as_completed(list(futures)):
            name, data = futures.pop(future), future.result()
            if name.startswith("node_"):
                width, cells = _cells(data)
                tables[name] = list(zip(*[iter(cells)] * width))
            else:
                columns[name] = _aligned(data, index, name != "sentence", name in _PARTIES)
            del future, data
    return keys, columns, tables


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
        entry["kind"] = KIND_NAMES.get(entry["kind"], "other") if entry["kind"] else None
        entry["aliases"] = sorted(entry["aliases"] - {entry["label"]})
    return info


def fetch(store, filters: Filters | None = None) -> tuple[list[dict], dict[str, dict]]:
    """The events that pass `filters`, sorted by IRI, and the actors and places they use.

    A place filter keeps the events at the places it names and at every place inside them
    (`kg.queries.scope`); an unknown place name raises `kg.errors.UnknownNodeError` with suggestions.

    Each event is a dict with ``event, action, date, place, place_label, article, sentence,
    actor, target, source`` (plain strings; ``None`` when absent; ``source`` is ``extracted``,
    ``acled`` or ``gdelt``), ``fatalities`` (int or ``None``) and ``actors``, ``targets``: every
    party, a tuple of IRIs in order (a joint act, "Zawiya and Misrata militias attacked", has
    several; ``actor`` and ``target`` are the first of each). Nodes map an IRI to ``label, kind,
    country, aliases``.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> events, nodes = fetch(sample_store(), Filters(types=("MOBILIZE",)))
    >>> [(e["action"], nodes[e["actor"]]["label"], e["place_label"]) for e in events]
    [('MOBILIZE', 'Khalifa Haftar', 'Tripoli'), ('MOBILIZE', 'Government of National Accord', 'Tripoli')]
    """
    filters = filters or Filters()
    where = scope(store, filters, strict=True)  # an unknown place name is an error, with suggestions
    queries = event_queries(filters, where)
    # The event list first (it indexes the other columns), then the longest scans, so that
    # the two workers finish together.
    order = ("event", "sentence", "article", "actor", "target", "place", "action", "date",
             "node_label", "node_country", "node_kind")
    queries = {**queries, **node_queries()}
    queries = {name: queries[name] for name in sorted(queries, key=lambda n: order.index(n) if n in order else 99)}
    with gc_paused():
        keys, columns, tables = _read(store, queries)
        keep = _kept(columns, len(keys), required_columns(filters, where))
        actor, target, place = columns["actor"], columns["target"], columns["place"]
        used = {*map(actor.__getitem__, keep), *map(target.__getitem__, keep), *map(place.__getitem__, keep)}
        joint = {v for v in used if isinstance(v, tuple)}
        used = (used - joint).union(*joint)
        nodes = _nodes(tables, used - {None, ""})
        events = _events(keys, columns, keep, nodes)
    return events, nodes


def _kept(columns: dict[str, list], size: int, required: tuple[str, ...]) -> list[int]:
    """Positions of the events that have every `required` column and an actor or a target."""
    keep = range(size)
    for name in required[1:]:
        column = columns[name]
        keep = [i for i in keep if column[i] is not None]
    actor, target = columns["actor"], columns["target"]
    return [i for i in keep if actor[i] or target[i]]


def _parties(column: list, keep: list[int]) -> tuple[list, list]:
    """The first party and all parties of each kept event: (None, ()) without one; a single party's
    tuple is shared by all its events (a million events name some thousands of actors)."""
    ones: dict[str, tuple] = {}
    first, every = [], []
    for value in map(column.__getitem__, keep):
        if not value:
            first.append(None)
            every.append(())
        elif isinstance(value, tuple):
            first.append(value[0])
            every.append(value)
        else:
            first.append(value)
            every.append(ones.get(value) or ones.setdefault(value, (value,)))
    return first, every


def _events(keys: list[str], columns: dict[str, list], keep: list[int], nodes: dict[str, dict]) -> list[dict]:
    """One dict per kept event, in the order of `keep`."""
    action, date, place, sentence, article, source, dead = (
        columns[n] for n in ("action", "date", "place", "sentence", "article", "source", "fatalities"))
    names = {v: _intern(v[len(_PLOVER):] if v.startswith(_PLOVER) else v) for v in set(map(action.__getitem__, keep))}
    labels = {p: _intern(nodes[p]["label"]) for p in set(map(place.__getitem__, keep)) if p}
    (actor, actors), (target, targets) = _parties(columns["actor"], keep), _parties(columns["target"], keep)
    return [{"event": keys[i], "action": names[action[i]], "date": date[i] or None, "place": place[i] or None,
             "place_label": labels.get(place[i]), "article": article[i] or None, "sentence": sentence[i],
             "actor": actor[n], "target": target[n], "actors": actors[n], "targets": targets[n],
             "source": source[i] or "extracted", "fatalities": int(dead[i]) if dead[i] else None}
            for n, i in enumerate(keep)]
