"""A store with extracted and imported events side by side, for the source and precision filters.

The extracted events are the graph fixtures (tests/data/graph/, written without ``ckg:source``:
they count as extracted); the imported ones come from the team-written ACLED and GDELT files of
tests/data/import/. After resolution one happening joins the fixture's report of the Khartoum
clashes of 15 April 2023 (e16) with ACLED SDN90001 and GDELT 1100000001; the same article's
fighting on the 16th (e15) and air strikes on the 15th (e17) are happenings of their own (the
resolver never merges two events of one article).
"""
from __future__ import annotations

from pathlib import Path

from kg.config import Settings
from kg.importers.load import import_file
from kg.resolve import resolve_after_change
from kg.store import open_store

from .test_graph_fixtures import load_articles

IMPORTS = Path(__file__).parent / "data" / "import"
FILES = [("acled", "acled-current.csv"), ("acled", "acled-old.csv"), ("gdelt", "gdelt-events.export.CSV")]
EXTRACTED = {f"e{n}" for n in range(1, 24)}
ACLED = {"acled-lby90002", "acled-lby90003", "acled-lby90004", "acled-lby90101", "acled-lby90102", "acled-sdn90001"}
GDELT = {"gdelt-1100000001", "gdelt-1100000003", "gdelt-1100000004", "gdelt-1100000006"}
KHARTOUM = {"e16", "acled-sdn90001", "gdelt-1100000001"}  # one happening, three sources


def build_sources_store(path: Path):
    """Open a store at `path` holding the graph fixtures and the three import files, resolved."""
    store = open_store(str(path))
    load_articles(store)
    settings = Settings(store=str(path))
    for source, name in FILES:
        assert import_file(store, source, IMPORTS / name, settings=settings, resolve=False).imported > 0
    resolve_after_change(store, [g for g in store.graphs() if "/article/" in g or "/dataset/" in g])
    return store
