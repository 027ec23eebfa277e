"""Source and precision filters in the projections, the cache and the graph commands (tests/sources.py store)."""
from __future__ import annotations

import csv
import io
import zipfile

import pytest

from kg.facets import FacetError, Facets
from kg.graph.cache import ProjectionCache
from kg.graph.fetch import fetch
from kg.errors import FilterError
from kg.filters import Filters
from kg.graph.project import actor_event_graph, actor_graph

from .sources import ACLED, EXTRACTED, GDELT, KHARTOUM, build_sources_store
from .test_graph_cli import graph_cli
from .test_graph_fixtures import actor

RSF, SAF = actor("rapid-support-forces"), actor("sudanese-armed-forces")


@pytest.fixture(scope="module")
def sources_dir(tmp_path_factory):
    """A closed store directory holding extracted and imported events (tests/sources.py)."""
    path = tmp_path_factory.mktemp("graph-sources") / "store"
    build_sources_store(path).close()
    return path


@pytest.fixture
def sources_store(sources_dir):
    from kg.store import open_store

    store = open_store(str(sources_dir))
    yield store
    store.close()


def short(events) -> set[str]:
    return {e["event"].rsplit("/", 1)[-1] for e in events}


# Events with neither actor nor target are left out of projections.
LINKLESS = {"e20"}
CASES = [
    ("all", Facets(), EXTRACTED - LINKLESS | ACLED | GDELT),
    ("extracted", Facets(sources="extracted"), EXTRACTED - LINKLESS),
    ("imported", Facets(sources="acled,gdelt"), ACLED | GDELT),
    ("week", Facets(date_precisions="week"), {"acled-lby90003"}),
    ("country-precise", Facets(place_precisions="country"), {"gdelt-1100000004"}),
    ("dead", Facets(min_fatalities=1), {"acled-lby90004", "acled-sdn90001"}),
    ("corroborated", Facets(sources="extracted", corroborated_by="acled"), {"e16"}),
    ("three-sources", Facets(min_sources=3), KHARTOUM),
]


@pytest.mark.parametrize(("facets", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_graph_facets_fetch_keeps_the_right_events(sources_store, facets, expected):
    events, _nodes = fetch(sources_store, Filters(facets=facets))
    assert short(events) == expected


def test_graph_facets_events_carry_source_and_fatalities(sources_store):
    events, _nodes = fetch(sources_store, Filters(facets=Facets(min_sources=3)))
    found = {e["event"].rsplit("/", 1)[-1]: (e["source"], e["fatalities"]) for e in events}
    assert found == {"e16": ("extracted", None), "acled-sdn90001": ("acled", 25), "gdelt-1100000001": ("gdelt", None)}
    B = actor_event_graph(sources_store, Filters(facets=Facets(sources="acled"), country="SDN"))
    assert B.nodes["https://w3id.org/conflict-kg/id/event/acled-sdn90001"]["fatalities"] == 25


def test_graph_facets_combine_with_other_filters(sources_store):
    G = actor_graph(sources_store, Filters(types=("ASSAULT",), country="SDN", facets=Facets(sources="gdelt")))
    assert short(G.edges[RSF, SAF]["events"]) == {"gdelt-1100000001"} and G.edges[RSF, SAF]["weight"] == 1


def test_graph_facets_are_part_of_the_cache_key(sources_store):
    cache = ProjectionCache(sources_store)
    every, acled = cache.get(Filters()), cache.get(Filters(facets=Facets(sources="acled")))
    assert every is not acled and cache.builds == 2
    assert cache.get(Filters(facets=Facets(sources="ACLED"))) is acled and cache.get(Filters(facets=Facets())) is every
    assert cache.builds == 2 and every.edges[RSF, SAF]["weight"] == 5 and acled.edges[RSF, SAF]["weight"] == 1


def test_graph_facets_filters_reject_other_values():
    with pytest.raises(FilterError, match="facets must be a kg.facets.Facets"):
        Filters(facets={"sources": "acled"})
    with pytest.raises(FacetError):
        Filters(facets=Facets(sources="reuters"))


@pytest.fixture
def run(sources_dir, monkeypatch):
    """Invoke the graph commands against the sources store."""
    return graph_cli(sources_dir, monkeypatch)


def test_graph_facets_cli_centrality_by_source(run):
    result = run("centrality", "--source", "acled", "--source", "gdelt", "--min-sources", "2", "--json")
    assert result.exit_code == 0, result.output
    assert result.output.count('"label"') == 2 and "Rapid Support Forces" in result.output


def test_graph_facets_cli_neighbours_and_path(run):
    result = run("neighbours", "Sudanese Armed Forces", "--corroborated-by", "gdelt", "--source", "extracted")
    assert result.exit_code == 0 and "Rapid Support Forces" in result.output and "(1 actor)" in result.output
    result = run("path", "Sudanese Armed Forces", "Rapid Support Forces", "--source", "acled",
                 "--place-precision", "town", "--min-fatalities", "10")
    assert result.exit_code == 0, result.output
    assert "1 event (ASSAULT)" in result.output


def test_graph_facets_cli_communities_and_ego(run):
    assert run("communities", "--date-precision", "week,month").exit_code == 0
    result = run("ego", "Rapid Support Forces", "--source", "gdelt")
    assert result.exit_code == 0 and "Sudanese Armed Forces" in result.output


def test_graph_facets_cli_export_csv(run, tmp_path):
    out = tmp_path / "x.zip"
    result = run("export", "--format", "csv", "-o", out, "--min-sources", "3")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode())))
    assert [(e["sources"], e["fatalities"]) for e in edges] == [("acled; extracted; gdelt", "25")]


@pytest.mark.parametrize(("args", "message"), [
    (("--source", "reuters"), "Invalid value for '--source': unknown source 'reuters'; use extracted, acled, gdelt"),
    (("--date-precision", "day,hour"), "Invalid value for '--date-precision': unknown date precision 'hour'"),
    (("--place-precision", "street"), "Invalid value for '--place-precision': unknown place precision 'street'"),
    (("--min-fatalities", "-1"), "Invalid value for '--min-fatalities': bad min_fatalities '-1'"),
    (("--min-fatalities", "dozens"), "bad min_fatalities 'dozens': use a whole number from 0"),
    (("--corroborated-by", "bbc"), "Invalid value for '--corroborated-by': unknown corroborated_by source 'bbc'"),
    (("--min-sources", "0"), "Invalid value for '--min-sources': bad min_sources '0'"),
], ids=["source", "date", "place", "negative", "word", "corroborated", "sources"])
@pytest.mark.parametrize("command", [("centrality",), ("export", "--format", "json"), ("path", "A", "B")])
def test_graph_facets_cli_bad_values_are_usage_errors(run, command, args, message):
    result = run(*command, *args)
    assert result.exit_code == 2 and message in result.output
