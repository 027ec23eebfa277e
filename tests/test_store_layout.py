"""One description per entity (ontology/README.md, "Graphs"): the union of all graphs states each
fact once, and the store depends only on the articles and datasets it holds, never on how it got
there. Real pipeline, real importer, real stores (embedded, and the SPARQL servers of tests/stores.py).
"""
from __future__ import annotations

import json
import shutil
import sys
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Settings
from kg.errors import StoreError
from kg.importers.load import import_file
from kg.mapping.iris import article_iri, described_entity, entity_of_description
from kg.model import Actor, Article, EventFrame, Place
from kg.pipeline import article_ntriples, ingest_paths
from kg.resolve import ResolvingStore
from kg.stats import store_stats
from kg.store import open_store
from kg.store.batch import ArticleGraph, put_articles
from tests.stores import oxigraph_server, store, virtuoso_server  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/conflict-kg/id/"
PROV = "http://www.w3.org/ns/prov#wasDerivedFrom"
IMPORTS = Path(__file__).parent / "data" / "import"
# The layout before descriptions were shared: each article's or dataset's graph with a copy of what
# it says about every actor and place it uses, and no description graphs.
OLD_LAYOUT = (f"INSERT {{ GRAPH ?u {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?d {{ ?d <{PROV}> ?u . ?s ?p ?o FILTER(?s != ?d) }} }} ;"
              f" DELETE {{ GRAPH ?d {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?d {{ ?s ?p ?o }} "
              f'FILTER(STRSTARTS(STR(?d), "{ID}graph/actor/") || STRSTARTS(STR(?d), "{ID}graph/place/")) }}')


def quads(kg_store, *, reading: bool = True) -> ox.Dataset:
    """Every quad of the store's named graphs, blank nodes canonicalised; without `reading`, not
    the triples of how each article was read (its `ckg:Retrieval`: which file and line, when)."""
    data = ox.Dataset(q for part in kg_store.dump("nquads") for q in ox.parse(part, format=ox.RdfFormat.N_QUADS)
                      if reading or not (isinstance(q.subject, ox.NamedNode) and q.subject.value.endswith("/retrieval")
                                         or q.predicate.value == "https://w3id.org/conflict-kg/ontology#retrievedBy"))
    data.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return data


def assert_same(left, right, *, reading: bool = True) -> None:
    """Two stores hold the same quads (without `reading`: but for how each article was read);
    else the difference, quad by quad."""
    a, b = quads(left, reading=reading), quads(right, reading=reading)
    if a != b:
        only_a, only_b = {str(q) for q in a}, {str(q) for q in b}
        pytest.fail("stores differ:\n" + "\n".join([f"- {q}" for q in sorted(only_a - only_b)[:20]]
                                                   + [f"+ {q}" for q in sorted(only_b - only_a)[:20]]))


def counts(kg_store) -> tuple[int, int]:
    """(rows, distinct rows) of SELECT * { ?s ?p ?o } over the union default graph."""
    total = kg_store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    distinct = kg_store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT * WHERE { ?s ?p ?o } }")[0]["n"]
    return int(total), int(distinct)


def ingest(path: Path, folder: Path):
    kg_store = open_store(str(path))
    summary = ingest_paths([str(folder)], kg_store, settings=Settings(store=str(path)))
    assert summary.failed == 0, summary.errors
    return kg_store


def test_store_layout_seeds_state_each_fact_once(seeded_store):
    total, distinct = counts(seeded_store)
    assert total == distinct > 1000
    lna = seeded_store.select(f"SELECT ?l WHERE {{ <{ID}actor/libyan-national-army> "
                              "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    assert [r["l"] for r in lna] == ["Libyan National Army"]
    graphs = set(seeded_store.graphs())
    rows = seeded_store.select("SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
    for row in rows:  # an actor's or place's triples are in its description graph, and only there
        owner = described_entity(row["s"])
        assert (owner is not None) == (entity_of_description(row["g"]) is not None) or row["s"] == row["g"], row
        if owner is not None:
            assert entity_of_description(row["g"]) == owner, row
    users = seeded_store.select(f"SELECT ?d ?u WHERE {{ GRAPH ?d {{ ?d <{PROV}> ?u }} }}")
    assert users and all(r["u"] in graphs for r in users)
    mentions = seeded_store.select("SELECT ?a ?e WHERE { GRAPH ?a { ?a <https://w3id.org/conflict-kg/ontology#mentions> ?e } }")
    described = {(entity_of_description(r["d"]), r["u"]) for r in users}
    assert mentions and all((r["e"], r["a"]) in described for r in mentions)


def test_store_layout_is_the_same_on_each_backend(store, seeded_store_dir):  # noqa: F811
    """The seeds ingested into each store (batched on SPARQL servers) give the same quads."""
    summary = ingest_paths([str(ROOT / "seeds")], store, settings=Settings(store="unused"))
    assert summary.failed == 0, summary.errors
    with open_store(str(seeded_store_dir), read_only=True) as embedded:
        assert_same(store, embedded)


def test_store_layout_reingest_and_delete_equal_a_clean_build(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "seeds", folder)
    (folder / "README.md").unlink()
    built = ingest(tmp_path / "built", folder)
    sudan = str(article_iri("006_sudan-khartoum-clashes"))
    rsf = f"{ID}graph/actor/rapid-support-forces"
    assert built.holds_graph(rsf)
    mitiga = folder / "001_mitiga-airstrike-volcano-of-rage.txt"
    head, *paragraphs = mitiga.read_text(encoding="utf-8").split("\n\n")
    mitiga.write_text("\n\n".join([head, *paragraphs[:2]]) + "\n", encoding="utf-8")  # fewer events and actors
    summary = ingest_paths([str(folder)], built, settings=Settings(store=str(tmp_path / "built")))
    assert (summary.replaced, summary.unchanged) == (1, 6)
    assert ResolvingStore(built).delete_article(sudan)
    assert not built.holds_graph(rsf)  # its only article is gone, and with it its description
    (folder / "006_sudan-khartoum-clashes.txt").unlink()
    clean = ingest(tmp_path / "clean", folder)
    assert counts(built)[0] == counts(built)[1]
    assert_same(built, clean)


def test_store_layout_news_articles_in_any_order(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import news_gen

    records = list(news_gen.generate(30, seed=7))
    whole, part = tmp_path / "whole.jsonl", tmp_path / "part.jsonl"
    whole.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    kept = [r for i, r in enumerate(records) if i % 6]
    part.write_text("".join(json.dumps(r) + "\n" for r in reversed(kept)), encoding="utf-8")
    built = ingest(tmp_path / "built", whole)
    total, distinct = counts(built)
    assert total == distinct
    for i, record in enumerate(records):
        if not i % 6:
            assert ResolvingStore(built).delete_article(str(article_iri(record["id"])))
    # the kept ones, written in reverse order (read from another file, so their ckg:Retrieval differs)
    assert_same(built, ingest(tmp_path / "clean", part), reading=False)


# a whole longitude: written "13.0", kept by stores as "13" (kg.store.descriptions.canonical)
TRIPOLI = dict(label="Tripoli", lat=32.89, lon=13.0, geonames=2210247, country="LBY", feature="city")
LNA = Actor("Libyan National Army", "state_force", "LBY", aliases=("LNA",))
GNA = Actor("Government of National Accord", "government", "LBY", aliases=("GNA",))


def _article(name: str, spelling: str | None, *, place: bool = True) -> ArticleGraph:
    """An article of one event, LNA against GNA, in Tripoli as the article spells it."""
    text = f"The LNA shelled GNA positions in {spelling or 'Tripoli'} on Friday, officials said in {name}."
    article = Article(name, text, date(2019, 4, 7), outlet="AP")
    where = Place(**TRIPOLI, aliases=(spelling,) if spelling else ()) if place else None
    frame = EventFrame(name, "ASSAULT", "19", "shelled", text, 0, len(text), 8, actor=LNA, target=GNA,
                       place=where, date=date(2019, 4, 5), confidence=0.8)
    return ArticleGraph(str(article_iri(name)), article_ntriples(article, [frame]), article.content_hash)


def _built(items: list[ArticleGraph]):
    clean = open_store(None)
    for item in items:
        clean.put_article(*item)
    return clean


def test_store_layout_differing_descriptions(store):  # noqa: F811  (each backend)
    a, b, c = _article("alpha", "Tarabulus"), _article("beta", "Trablus"), _article("gamma", None, place=False)
    put_articles(store, [a, b, c])  # one update on a SPARQL server, one per article on the embedded store
    assert counts(store)[0] == counts(store)[1]
    names = store.select(f"SELECT ?n WHERE {{ <{ID}place/geonames-2210247> "
                         "<http://www.w3.org/2004/02/skos/core#altLabel> ?n }")
    assert sorted(r["n"] for r in names) == ["Tarabulus", "Trablus"]
    parts = [g for g in store.graphs() if g.startswith(f"{ID}graph/place/geonames-2210247/")]
    assert len(parts) == 3  # what both say, and what each says alone
    assert_same(store, _built([c, b, a]))  # the order they came in does not matter
    b2 = _article("beta", "Tarabulus")._replace(content_hash="0" * 64)  # beta now spells it as alpha does
    assert store.put_article(*b2).status == "replaced"
    assert_same(store, _built([a, b2, c]))
    assert not any(g.startswith(f"{ID}graph/place/geonames-2210247/") for g in store.graphs())
    assert store.delete_article(a.iri) and store.delete_article(b2.iri)
    assert_same(store, _built([c]))  # Tripoli has no user left: no description
    assert store.delete_article(c.iri)
    assert store.graphs() == []


def test_store_layout_imports_share_and_leave(tmp_path):
    path = tmp_path / "store"
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / "000_5d2782e08e612912.txt", folder)
    built = ingest(path, folder)
    settings = Settings(store=str(path))
    source = IMPORTS / "acled-current.csv"
    assert import_file(built, "acled", source, settings=settings).imported > 0
    assert counts(built)[0] == counts(built)[1]
    shorter = tmp_path / "acled-current.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    shorter.write_text("".join(lines[:-2]), encoding="utf-8")  # two rows fewer, the same file name
    assert import_file(built, "acled", shorter, settings=settings).imported == len(lines) - 3
    clean = ingest(tmp_path / "clean", folder)
    assert import_file(clean, "acled", shorter, settings=Settings(store=str(tmp_path / "clean"))).imported > 0
    assert_same(built, clean)
    dataset = next(g for g in built.graphs() if "/dataset/" in g)
    assert ResolvingStore(built).delete_article(dataset)
    assert_same(built, _articles_and_acled_types(built, folder, tmp_path))


def _articles_and_acled_types(built, folder, tmp_path):
    """A clean build of the articles alone, plus the ACLED types graph an import leaves behind."""
    clean = ingest(tmp_path / "articles-only", folder)
    graph = f"{ID}graph/acled-types"
    clean.put_graph(graph, built.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                                       "ntriples").decode())
    return clean


def test_store_layout_stats_count_distinct_triples(seeded_store):
    before = store_stats(seeded_store)["triples"]
    assert before == counts(seeded_store)[1] == seeded_store.triple_count()
    seeded_store.update('INSERT DATA { GRAPH <urn:copy> { <urn:x> <urn:p> "1" } GRAPH <urn:again> { <urn:x> <urn:p> "1" } }')
    assert store_stats(seeded_store)["triples"] == before + 1
    assert seeded_store.triple_count() == before + 2


def test_store_layout_upgrade_shares_the_descriptions_of_an_older_store(seeded_store, seeded_store_dir):
    seeded_store.update(OLD_LAYOUT)
    total, distinct = counts(seeded_store)
    assert total > distinct
    from click.testing import CliRunner

    from kg.cli import cli

    path = seeded_store.path
    seeded_store.close()
    out = CliRunner().invoke(cli, ["upgrade", "--store", path])
    assert out.exit_code == 0 and "the descriptions of 7 article and dataset graphs now shared" in out.output, out.output
    with open_store(path) as upgraded, open_store(str(seeded_store_dir), read_only=True) as fresh:
        assert_same(upgraded, fresh)
    again = CliRunner().invoke(cli, ["upgrade", "--store", path])
    assert again.exit_code == 0 and "now shared" not in again.output


@pytest.mark.parametrize("bad", ['<https://w3id.org/conflict-kg/id/actor/a> <urn:p> "unclosed .',
                                 '<urn:e> <urn:p> "unclosed .'], ids=["description", "own"])
def test_store_layout_bad_ntriples_change_nothing(store, bad):  # noqa: F811  (each backend)
    good = _article("alpha", "Tarabulus")
    store.put_article(*good)
    before = quads(store)
    with pytest.raises(StoreError, match="could not be written|failed"):
        store.put_article(f"{ID}article/bad", bad, "1" * 64)
    with pytest.raises(StoreError, match="could not be written|failed"):
        store.put_article(good.iri, good.ntriples + "\n" + bad, "2" * 64)
    assert quads(store) == before
