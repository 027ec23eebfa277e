"""`reports_in_blocks` on the graph fixtures: a block holds the reports dated that very day, never undated ones."""
from __future__ import annotations

from datetime import date

from kg.resolve.reports import reports_in_blocks

from .test_graph_fixtures import graph_store  # noqa: F401


def test_resolve_blocks_leave_undated_reports_out(graph_store):
    # e4 and e19 are undated REQUESTs: a VALUES date joined with an OPTIONAL date alone is compatible
    # with them, and spec-following engines returned them as dated that day
    found = reports_in_blocks(graph_store, [("REQUEST", date(2020, 1, 19))])
    assert sorted(iri.rsplit("/", 1)[-1] for iri in found) == ["e13", "e14"]
    assert {r.date for r in found.values()} == {date(2020, 1, 19)}


def test_resolve_blocks_besides_leaves_out_one_dataset_only(tmp_path):
    """A dataset's report never matches another of the same dataset: `besides` leaves those out of a
    block (and only those), and accepts only a source name."""
    import pytest

    from kg.config import Settings
    from kg.importers.load import import_file
    from kg.store import open_store

    from .test_resolve_pipeline import IMPORTS

    store = open_store(str(tmp_path / "s"))
    for source, file in IMPORTS:
        import_file(store, source, file, settings=Settings(store=str(tmp_path / "s")), resolve=False)
    block = [("ASSAULT", date(2023, 4, 15))]
    every = {r.source for r in reports_in_blocks(store, block).values()}
    others = {r.source for r in reports_in_blocks(store, block, besides="acled").values()}
    with pytest.raises(ValueError, match="source name"):
        reports_in_blocks(store, block, besides='acled" } } #')
    store.close()
    assert every == {"acled", "gdelt"} and others == {"gdelt"}
