"""Source-aware and precision filters (`kg.facets`): checked values, SPARQL that keeps the right reports."""
from __future__ import annotations

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from kg.facets import AGREEMENT_QUERY, FacetError, Facets, attribute_queries
from kg.errors import FilterError
from kg.filters import Filters
from kg.importers.records import ImportedEvent, dataset_iri, graph_from_records
from kg.mapping.iris import article_iri
from kg.mapping.to_rdf import graph_from_frames
from kg.model import Actor, Article, EventFrame, Place
from kg.resolve import resolve_after_change

RSF = Actor("Rapid Support Forces", "armed_group", "SDN")
KHARTOUM = Place("Khartoum", 15.55177, 32.53241, 379252, "SDN", "city")
DAY = date(2023, 4, 15)


@pytest.fixture
def filled(store):
    """One article (two reports: dated with 25 dead, undated) and one ACLED row on the same attack."""
    text = "The RSF attacked the army in Khartoum on Saturday, killing 25 people. Fighting went on."
    frames = [EventFrame("a", "ASSAULT", "19", "attacked", text[:70], 0, 70, 8, actor=RSF, place=KHARTOUM, date=DAY,
                         fatalities=25),
              EventFrame("a", "ASSAULT", "19", "Fighting", text[71:], 71, len(text), 71)]
    article = Article("a", text, date(2023, 4, 16))
    store.put_article(str(article_iri("a")), graph_from_frames(frames, article).serialize(format="nt"),
                      article.content_hash)
    row = ImportedEvent("acled", "SDN1", "ASSAULT", DAY, "week", actor=RSF, place=KHARTOUM, place_precision="town")
    graph = graph_from_records([row], source="acled", name="x")
    store.put_graph(dataset_iri("acled", "x"), graph.serialize(format="nt"))
    resolve_after_change(store, [str(article_iri("a")), dataset_iri("acled", "x")])
    return store


def kept(store, facets: Facets) -> set[str]:
    """Trigger (or ACLED id) of the reports an event listing keeps, with the fragment inline as kg.queries puts it."""
    rows = store.select(f"""SELECT DISTINCT ?name WHERE {{ GRAPH ?g {{
      ?event a <https://w3id.org/conflict-kg/ontology#Event> .
      OPTIONAL {{ ?event <https://w3id.org/conflict-kg/ontology#trigger> ?t }}
      OPTIONAL {{ ?event <https://w3id.org/conflict-kg/ontology#sourceEventId> ?id }}
      BIND(COALESCE(?t, ?id) AS ?name)
      {' '.join(facets.conditions())} }} }}""")
    return {r["name"] for r in rows}


def columns(store, facets: Facets) -> set[str]:
    """The reports in every column query (as kg.graph.queries intersects them)."""
    sets = [{r["event"] for r in store.select(q)} for q in facets.column_queries().values()]
    return set.intersection(*sets) if sets else set()


CASES = [
    ("by-source-extracted", Facets(sources="extracted"), {"attacked", "Fighting"}),
    ("by-source-acled", Facets(sources="acled"), {"SDN1"}),
    ("day-precise", Facets(date_precisions="day"), {"attacked"}),
    ("week-precise", Facets(date_precisions="week"), {"SDN1"}),
    ("town", Facets(place_precisions="town"), {"attacked", "SDN1"}),
    ("with-dead", Facets(min_fatalities=1), {"attacked"}),
    ("corroborated", Facets(sources="extracted", corroborated_by="acled"), set()),
    ("no-filter", Facets(), {"attacked", "Fighting", "SDN1"}),
]


@pytest.mark.parametrize(("facets", "names"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_facets_keep_the_right_reports(filled, facets, names):
    assert kept(filled, facets) == names
    if facets.column_queries():
        assert len(columns(filled, facets)) == len(names)


def test_facets_corroboration_needs_day_precision(filled):
    # the ACLED row is dated to the week, so it is not merged with the article's report
    assert filled.select(AGREEMENT_QUERY) == []
    assert columns(filled, Facets(min_sources=2)) == set()


def test_facets_from_request_args():
    args = MultiDict([("source", "acled"), ("source", "gdelt"), ("place_precision", "town,exact"),
                      ("min_fatalities", "3"), ("min_sources", "2")])
    facets = Filters.from_values({key: args.getlist(key) for key in args}).facets
    assert (facets.sources, facets.place_precisions, facets.min_fatalities, facets.min_sources) == (
        ("acled", "gdelt"), ("exact", "town"), 3, 2)


@pytest.mark.parametrize("bad", [dict(sources="reuters"), dict(date_precisions="hour"), dict(min_fatalities="-1"),
                                 dict(min_sources="0"), dict(min_fatalities="many")], ids=str)
def test_facets_reject_bad_values(bad):
    with pytest.raises(FacetError) as err:
        Facets(**bad)
    assert isinstance(err.value, FilterError) and isinstance(err.value, ValueError)


def test_facets_attribute_columns(filled):
    values = {name: {r["value"] for r in filled.select(q)} for name, q in attribute_queries().items()}
    assert values["source"] == {"extracted", "acled"} and values["fatalities"] == {"25"}
    assert values["date_precision"] == {"day", "week"} and len(values["happening"]) == 3


def test_facets_in_event_listings(filled):
    from kg.queries import count_events, events

    listed = events(filled, Filters(facets=Facets(min_fatalities=20, sources="extracted")))
    assert [e["trigger"] for e in listed] == ["attacked"]
    assert count_events(filled, Filters(types=("ASSAULT",), facets=Facets(date_precisions="day"))) == 1
    assert count_events(filled, Filters(facets=Facets(sources="gdelt"))) == 0
