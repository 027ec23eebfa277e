"""The graph of the seed articles, as the real extractor builds it (tests/conftest.py: seeded_store)."""
from __future__ import annotations

import pytest

from kg.graph.lookup import resolve_actor
from kg.graph.paths import shortest_path
from kg.graph.project import actor_graph


@pytest.mark.parametrize("side", ["Libyan National Army", "Khalifa Haftar"], ids=["lna", "haftar"])
def test_graph_seeds_zawiya_militias_reach_haftars_side_through_the_capture(seeded_store, side):
    G = actor_graph(seeded_store)
    zawiya = resolve_actor(G, "Zawiya militias")
    path = shortest_path(G, zawiya, side)
    assert path["nodes"][0] == zawiya and path["nodes"][1] == resolve_actor(G, "Libyan National Army")
    first_hop = path["hops"][0]["events"]
    capture = [e for e in first_hop if e["actor"] == zawiya and "captured by Zawiya militias" in (e["sentence"] or "")]
    assert capture, first_hop
    assert capture[0]["action"] in ("ASSAULT", "COERCE") and capture[0]["date"] == "2019-04-05"

