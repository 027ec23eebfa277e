"""Syndicated copies (kg.syndication): near-duplicate articles linked as one story, counted as one source.

The texts are the team's: a wire story, the copy another outlet ran (its own agency tag, a cut
paragraph and sentence, a sign-off), and an independent report of the same attack in other words.
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from kg.config import Settings
from kg.facets import Facets
from kg.mapping.iris import article_iri
from kg.model import Article
from kg.pipeline import ingest_paths
from kg.filters import Filters
from kg.queries import events
from kg.resolve import RESOLVED_GRAPH, ResolvingStore, resolve_all
from kg.syndication import STORIES_GRAPH, THRESHOLD, band_keys, jaccard, link_copies, shingles, stories_of

WIRE = ("BAMAKO, Mali (MNA) — Militants attacked an army post in the northern Malian town of Kidal on Thursday, "
        "killing nine soldiers, the army said.\n\nThe attackers arrived on motorbikes before dawn and set fire to "
        "several vehicles before withdrawing into the desert, a local official said, asking not to be named because "
        "he was not authorised to speak to the press.\n\nThe army said in a statement that it had sent reinforcements "
        "to Kidal and that air strikes had hit the attackers as they fled. The figure could not be independently "
        "verified.\n\nAttacks on army positions in the north have become more frequent since the peacekeepers left "
        "the country last year.")
COPY = ("BAMAKO, Mali (MNA/Sahel Monitor) — Militants attacked an army post in the northern Malian town of Kidal on "
        "Thursday, killing nine soldiers, the army said.\n\nThe attackers arrived on motorbikes before dawn and set "
        "fire to several vehicles before withdrawing into the desert, a local official said.\n\nThe army said in a "
        "statement that it had sent reinforcements to Kidal and that air strikes had hit the attackers as they "
        "fled.\n\nReporting by Meridian News Agency.")
INDEPENDENT = ("Nine Malian soldiers died on Thursday when militants attacked an army post in Kidal, the military "
               "said.\n\nWitnesses said the gunmen came on motorcycles in the early morning and burned trucks at the "
               "base. Soldiers from Gao were flown in the same day, and the army said its aircraft struck the fleeing "
               "fighters.\n\nThe north of the country has seen a wave of such raids this year.")
RECORDS = [("wire-kidal", "Meridian News Agency", WIRE), ("sahel-kidal", "Sahel Monitor", COPY),
           ("courier-kidal", "Desert Courier", INDEPENDENT)]
WIRE_G, COPY_G, INDEPENDENT_G = (str(article_iri(r[0])) for r in RECORDS)


def _write(path, records):
    path.write_text("".join(json.dumps({"id": i, "date": "2024-03-08", "outlet": o, "text": t}) + "\n"
                            for i, o, t in records), encoding="utf-8")
    return path


def _links(store) -> set[tuple[str, str]]:
    rows = store.select(f"SELECT ?a ?b WHERE {{ GRAPH <{STORIES_GRAPH}> "
                        "{ ?a <https://w3id.org/conflict-kg/ontology#sameStoryAs> ?b } }")
    return {(r["a"], r["b"]) for r in rows}


def _happenings(store) -> dict[str, tuple[int, int, frozenset]]:
    """Happening -> (mention count, source count, its articles)."""
    ckg = "https://w3id.org/conflict-kg/ontology#"
    rows = store.select(f"SELECT ?h ?m ?n ?g WHERE {{ GRAPH <{RESOLVED_GRAPH}> {{ ?h <{ckg}mentionCount> ?m ; "
                        f"<{ckg}sourceCount> ?n ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?g }} }}")
    out: dict[str, tuple] = {}
    for r in rows:
        m, n, gs = out.get(r["h"], (int(r["m"]), int(r["n"]), frozenset()))
        out[r["h"]] = (m, n, gs | {r["g"]})
    return out


def test_syndication_copy_is_above_the_threshold_and_the_independent_report_far_below():
    wire, copy, other = shingles(WIRE), shingles(COPY), shingles(INDEPENDENT)
    assert jaccard(wire, copy) >= THRESHOLD
    assert jaccard(wire, other) < THRESHOLD / 4 and jaccard(copy, other) < THRESHOLD / 4
    assert set(band_keys(WIRE)) & set(band_keys(COPY))  # LSH makes them candidates
    assert not set(band_keys(WIRE)) & set(band_keys(INDEPENDENT))


def test_syndication_band_keys_are_stable_and_of_the_stored_form():
    from kg.syndication.sketch import BANDS, KEY

    keys = band_keys(WIRE)
    assert len(keys) == BANDS and keys == band_keys(WIRE) and all(KEY.match(k) for k in keys)
    assert band_keys("Rebels shelled the town.") == []  # too short to be told apart from another


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The three articles ingested together (the store is read-only for the tests that use it)."""
    from kg.store import open_store

    base = tmp_path_factory.mktemp("syndication")
    store = open_store(str(base / "store"))
    summary = ingest_paths([str(_write(base / "kidal.jsonl", RECORDS))], store, settings=Settings(store=str(base)))
    assert summary.failed == 0 and summary.added == 3, summary.errors
    yield store
    store.close()


def test_syndication_links_the_copy_and_not_the_independent_report(ingested):
    assert _links(ingested) == {(WIRE_G, COPY_G), (COPY_G, WIRE_G)}
    assert stories_of(ingested, [COPY_G, INDEPENDENT_G]) == {WIRE_G: min(WIRE_G, COPY_G), COPY_G: min(WIRE_G, COPY_G)}


def test_syndication_copies_are_one_source_of_their_happenings(ingested):
    happenings = _happenings(ingested)
    attack = [h for h in happenings.values() if h[2] == frozenset({WIRE_G, COPY_G, INDEPENDENT_G})]
    assert attack, happenings  # the attack: reported by all three
    assert all(m == 3 and n == 2 for m, n, _ in attack)  # three reports, two independent sources
    for mentions, sources, graphs in happenings.values():
        if graphs == frozenset({WIRE_G, COPY_G}):
            assert sources == 1 and mentions == 2  # told by the wire story and its copy alone: one source
    assert any(g == frozenset({WIRE_G, COPY_G}) for _, _, g in happenings.values())  # undated ones too


def test_syndication_min_sources_and_corroboration_do_not_count_copies(ingested):
    def listed(**facets) -> int:
        return len(events(ingested, Filters(facets=Facets(**facets)), limit=500))

    independent = sum(m for m, n, _ in _happenings(ingested).values() if n >= 2)  # reports told by two sources
    assert independent >= 3 and listed() > independent
    assert listed(min_sources=2) == independent and listed(min_sources=3) == 0
    assert listed(corroborated_by="extracted") == independent  # a copy does not corroborate its own story


def test_syndication_order_of_ingests_does_not_matter(tmp_path, ingested):
    from kg.store import open_store

    store = open_store(str(tmp_path / "store"))
    try:
        for record in reversed(RECORDS):  # one at a time, the copy before the wire story
            summary = ingest_paths([str(_write(tmp_path / f"{record[0]}.jsonl", [record]))], store,
                                   settings=Settings(store=str(tmp_path)))
            assert summary.added == 1, summary.errors
        assert _links(store) == _links(ingested)
        assert _happenings(store) == _happenings(ingested)
        resolve_all(store)  # a rebuild from scratch gives the same
        assert _happenings(store) == _happenings(ingested)
    finally:
        store.close()


def test_syndication_deleting_a_copy_removes_its_links(tmp_path):
    from kg.store import open_store

    store = open_store(str(tmp_path / "store"))
    try:
        ingest_paths([str(_write(tmp_path / "k.jsonl", RECORDS))], store, settings=Settings(store=str(tmp_path)))
        assert ResolvingStore(store).delete_article(COPY_G)
        assert _links(store) == set()
        assert all(COPY_G not in g for _, _, g in _happenings(store).values())
        assert all(n == len(g) for _, n, g in _happenings(store).values())  # no copies left: one source each
        assert link_copies(store, [WIRE_G]) == 0
    finally:
        store.close()


def test_syndication_articles_without_bands_are_never_linked(tmp_path):
    from kg.mapping.to_rdf import graph_from_frames
    from kg.store import open_store

    store = open_store(str(tmp_path / "store"))
    try:
        for name in ("short-a", "short-b"):
            a = Article(name, "Rebels shelled the town.", date(2024, 3, 8))
            store.put_article(str(article_iri(name)), graph_from_frames([], a).serialize(format="nt"), a.content_hash)
        assert link_copies(store, [str(article_iri("short-a")), str(article_iri("short-b"))]) == 0
    finally:
        store.close()
