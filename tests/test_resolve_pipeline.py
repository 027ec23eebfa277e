"""Resolution end to end: team-written articles (tests/data/resolve/) through the real extractor,
plus the ACLED and GDELT fixtures (tests/data/import/), into happenings."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Settings
from kg.facets import AGREEMENT_QUERY, Facets
from kg.importers.load import import_file
from kg.mapping.iris import article_iri
from kg.pipeline import ingest_paths
from kg.resolve import RESOLVED_GRAPH, resolve_after_change
from kg.store import open_store

DATA = Path(__file__).parent / "data"
CKG = "https://w3id.org/conflict-kg/ontology#"
IMPORTS = [("acled", DATA / "import" / "acled-current.csv"), ("acled", DATA / "import" / "acled-old.csv"),
           ("gdelt", DATA / "import" / "gdelt-events.export.CSV")]


def build(path: Path, *, imports_first: bool = False):
    store = open_store(str(path))
    settings = Settings(store=str(path))

    def articles():
        summary = ingest_paths([str(DATA / "resolve")], store, settings=settings)
        assert summary.failed == 0, summary.errors
        resolve_after_change(store, [g for g in store.graphs() if "/article/" in g])

    def datasets():
        for source, file in IMPORTS:
            assert import_file(store, source, file, settings=settings).imported > 0

    for step in ((datasets, articles) if imports_first else (articles, datasets)):
        step()
    return store


@pytest.fixture(scope="module")
def resolved_store(tmp_path_factory, nlp):
    store = build(tmp_path_factory.mktemp("resolve") / "store")
    yield store
    store.close()


def happening(store, article: str, trigger: str) -> str:
    rows = store.select(f"""SELECT ?h WHERE {{ GRAPH <{RESOLVED_GRAPH}> {{ ?r <{CKG}reportOf> ?h }}
      ?r <{CKG}reportedIn> <{article_iri(article)}> ; <{CKG}trigger> ?t FILTER(CONTAINS(?t, "{trigger}")) }}""")
    assert len(rows) == 1, (article, trigger, rows)
    return rows[0]["h"]


def facts(store, h: str) -> dict:
    rows = store.select(f"""SELECT ?m ?s ?src WHERE {{ GRAPH <{RESOLVED_GRAPH}> {{
      <{h}> <{CKG}mentionCount> ?m ; <{CKG}sourceCount> ?s ; <{CKG}source> ?src }} }}""")
    return {"mentions": int(rows[0]["m"]), "sources": int(rows[0]["s"]), "from": sorted(r["src"] for r in rows)}


def test_resolve_pipeline_same_capture_in_two_articles(resolved_store):
    """'GNA forces captured the al-Watiya air base on Monday' and 'The GNA seized the al-Watiya air
    base from the LNA on Monday' are one happening, with the ACLED row of the same capture."""
    h = happening(resolved_store, "watiya-a", "captured")
    assert happening(resolved_store, "watiya-b", "seized") == h
    assert facts(resolved_store, h) == {"mentions": 3, "sources": 3, "from": ["acled", "extracted"]}


def test_resolve_pipeline_same_capture_told_differently(resolved_store):
    """Issue 12's pair: 'Forces loyal to Khalifa Haftar captured the town of Gharyan on Thursday' and
    "Haftar's army seized Gharyan on April 4" (two articles, other words, another name for the
    party, a weekday against a date) are one happening with two reports; the government's
    recapture in June is a happening of its own."""
    h = happening(resolved_store, "gharyan-a", "captured")
    assert happening(resolved_store, "gharyan-b", "seized") == h
    assert facts(resolved_store, h)["mentions"] == 2
    assert happening(resolved_store, "gharyan-c", "recaptured") != h


def test_resolve_pipeline_different_type_same_day_not_merged(resolved_store):
    assert happening(resolved_store, "watiya-a", "called") != happening(resolved_store, "watiya-a", "captured")


def test_resolve_pipeline_twice_in_one_article_and_in_acled(resolved_store):
    """An article that tells the capture of Tarhuna twice ('entered', 'took control') codes it once
    (the guidelines' re-mention rule); that report and the ACLED row are one happening."""
    h = happening(resolved_store, "tarhuna", "")  # the article's one report, whichever mention it keeps
    reports = resolved_store.select(f"""SELECT ?r WHERE {{ ?r <{CKG}reportedIn> <{article_iri("tarhuna")}> }}""")
    assert len(reports) == 1
    assert facts(resolved_store, h) == {"mentions": 2, "sources": 2, "from": ["acled", "extracted"]}


def test_resolve_pipeline_articles_acled_and_gdelt_agree(resolved_store):
    h = happening(resolved_store, "sudan-a", "attacked")
    assert happening(resolved_store, "sudan-b", "stormed") == h
    assert facts(resolved_store, h) == {"mentions": 4, "sources": 4, "from": ["acled", "extracted", "gdelt"]}


def test_resolve_pipeline_different_place_or_day_not_merged(resolved_store):
    khartoum = happening(resolved_store, "sudan-a", "attacked")
    assert happening(resolved_store, "sudan-a", "seized") != khartoum  # Merowe
    assert happening(resolved_store, "sudan-c", "attacked") != khartoum  # a week later


def test_resolve_pipeline_agreement_query(resolved_store):
    rows = resolved_store.select(AGREEMENT_QUERY)
    found = {(r["label"], r["dataset"], r["sourceEventId"]) for r in rows}
    assert found == {("ASSAULT, Khartoum, 2023-04-15", "acled", "SDN90001"),
                     ("ASSAULT, Khartoum, 2023-04-15", "gdelt", "1100000001"),
                     ("ASSAULT, Al-Watiya air base, 2020-05-18", "acled", "LBY90002"),
                     ("ASSAULT, Tarhuna, 2020-06-05", "acled", "LBY90101")}


def test_resolve_pipeline_source_facets(resolved_store):
    def events(facets):
        sets = [{r["event"] for r in resolved_store.select(q)} for q in facets.column_queries().values()]
        return set.intersection(*sets)

    corroborated = events(Facets(sources="extracted", corroborated_by="acled"))
    assert len(corroborated) == 5  # two sentences on Khartoum, two on al-Watiya, one on Tarhuna
    assert len(events(Facets(sources="gdelt"))) == 4
    assert len(events(Facets(min_sources=4))) == 4  # Khartoum: two articles, ACLED and GDELT
    assert len(events(Facets(min_sources=3)) - events(Facets(min_sources=4))) == 3  # al-Watiya: two articles, ACLED


def test_resolve_pipeline_ingest_order_does_not_matter(resolved_store, tmp_path):
    other = build(tmp_path / "store", imports_first=True)

    def dump(store):
        return sorted(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{RESOLVED_GRAPH}> {{ ?s ?p ?o }} }}",
                                  "ntriples").decode().splitlines())

    assert dump(other) == dump(resolved_store)
    other.close()


def test_resolve_pipeline_one_article_three_happenings(resolved_store):
    """The Khartoum case (khartoum-day.txt): a seizure, clashes and air strikes in one city on one
    day, told by one article, are three reports and three happenings."""
    rows = resolved_store.select(f"""SELECT ?r ?h WHERE {{ ?r <{CKG}reportedIn> <{article_iri("khartoum-day")}> .
      OPTIONAL {{ GRAPH <{RESOLVED_GRAPH}> {{ ?r <{CKG}reportOf> ?h }} }} }}""")
    assert len(rows) == 3 and len({row.get("h") for row in rows}) == 3 and all(row.get("h") for row in rows)
    for h in {row["h"] for row in rows}:
        assert facts(resolved_store, h)["mentions"] == 1
