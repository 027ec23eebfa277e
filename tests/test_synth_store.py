"""bench/synth_store.py writes the store `kg`'s own write path makes of the same articles."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Settings
from kg.mapping.iris import ONTOLOGY_GRAPH, article_iri
from kg.pipeline import after_write, article_ntriples, ensure_ontology
from kg.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synth_store  # noqa: E402
import synth_world  # noqa: E402

WORLD = dict(actors=80, places=40, years=1, seed=4)
EVENTS = 400


def _quads(path: Path) -> tuple[set[str], Counter]:
    """The quads of a store, but for the ontology graph (its blank nodes differ from store to
    store), and the predicates of the ontology graph with how often each is used."""
    store = ox.Store.read_only(str(path))
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    quads = {str(q) for q in store if q.graph_name != ontology}
    predicates = Counter(q.predicate.value for q in store.quads_for_pattern(None, None, None, ontology))
    return quads, predicates


def _world_articles():
    world = synth_world.World(WORLD["actors"], WORLD["places"], WORLD["years"], synth_store.date(2019, 1, 1),
                              WORLD["seed"])
    return list(synth_world.articles(world, EVENTS, seed=WORLD["seed"]))


def test_synth_store_equals_the_kg_write_path(tmp_path):
    fast = tmp_path / "fast"
    synth_store.build_store(str(fast), events=EVENTS, **WORLD)
    slow = tmp_path / "slow"
    store = open_store(str(slow))
    ensure_ontology(store)
    written = []
    for article, frames in _world_articles():  # validated against the SHACL shapes on the way
        text = article_ntriples(article, frames, extraction=synth_store.EXTRACTION)
        iri = str(article_iri(article.id))
        assert store.put_article(iri, text, article.content_hash).status == "added"
        after_write(store, [iri], Settings(store=str(slow)))
        written.append(article.id)
    store.close()
    assert any(a.endswith("-copy") for a in written), "the world should hold a syndicated copy"
    fast_quads, fast_ontology = _quads(fast)
    slow_quads, slow_ontology = _quads(slow)
    assert fast_ontology == slow_ontology
    assert fast_quads - slow_quads == set() and slow_quads - fast_quads == set()
    stories = [q for q in slow_quads if "sameStoryAs" in q]
    merged = [q for q in slow_quads if 'mentionCount> "2"' in q]
    assert stories and merged, "the copy is linked to its original and their events are one happening"


def test_synth_world_shape():
    pairs = Counter()
    signs = Counter()
    events = [f for _a, frames in _world_articles() for f in frames]
    assert len(events) == EVENTS
    from kg.graph.signs import sign_name

    for f in events:
        if f.actor and f.target:
            pairs[(f.actor.label, f.target.label)] += 1
        signs[sign_name(f.action)] += 1
    assert signs["cooperation"] and signs["conflict"] and signs["unsigned"]
    assert sum(1 for f in events if f.date is None) > 0
    assert len({f.place.country for f in events if f.place}) >= 5
    activity = Counter(a.label for f in events for a in (f.actor, f.target) if a)
    top, *_rest = activity.most_common()
    assert top[1] > 10 * (sum(activity.values()) / len(activity)) / 3  # heavy-tailed: the busiest far above the mean


def test_synth_store_refuses_a_store_directory(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "CURRENT").write_text("")
    with pytest.raises(SystemExit, match="not empty"):
        synth_store.build_store(str(tmp_path / "x"), events=10, actors=5, places=5)
