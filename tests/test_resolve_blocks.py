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
