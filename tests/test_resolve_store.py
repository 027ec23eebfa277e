"""Resolution on a real store: incremental after put and delete, order-independent, SHACL-valid."""
from __future__ import annotations

import itertools
from datetime import date

import pyshacl
import pytest
from rdflib import RDF, Graph, URIRef

from kg.mapping.iris import article_iri
from kg.mapping.to_rdf import graph_from_frames
from kg.model import Actor, Article, EventFrame, Place
from kg.resolve import RESOLVED_GRAPH, ResolvingStore, resolve_after_change, resolve_all
from kg.store import open_store
from kg.store.validate import ontology_graph, shapes_graph

CKG = "https://w3id.org/conflict-kg/ontology#"
RSF = Actor("Rapid Support Forces", "armed_group", "SDN")
SAF = Actor("Sudanese Armed Forces", "state_force", "SDN")
KHARTOUM = Place("Khartoum", 15.55177, 32.53241, 379252, "SDN", "city")
MEROWE = Place("Merowe", 18.47036, 31.81126, 370481, "SDN", "city")


def frame(article_id: str, sentence: str, action="ASSAULT", day=date(2023, 4, 15), place=KHARTOUM, target=SAF,
          at: int = 0) -> EventFrame:
    trigger = next(word for word in sentence.split() if word.endswith("ed"))  # the verb
    return EventFrame(article_id, action, "19" if action == "ASSAULT" else "17", trigger, sentence, at,
                      at + len(sentence), at + sentence.index(trigger), actor=RSF, target=target, place=place,
                      date=day, confidence=0.8)


def put(store, article_id: str, *frames_args, published=date(2023, 4, 16)) -> str:
    """Store an article whose text is the given sentences, one event per sentence."""
    sentences = [args[0] for args in frames_args]
    text = " ".join(sentences)
    frames, at = [], 0
    for sentence, kwargs in frames_args:
        frames.append(frame(article_id, sentence, at=at, **kwargs))
        at += len(sentence) + 1
    article = Article(article_id, text, published)
    graph = graph_from_frames(frames, article)
    iri = str(article_iri(article_id))
    store.put_article(iri, graph.serialize(format="nt"), article.content_hash)
    return iri


ARTICLES = {
    "a": [("The RSF attacked the army in Khartoum on Saturday.", {})],
    "b": [("Paramilitary RSF fighters stormed army bases in Khartoum.", {"target": None})],
    "c": [("RSF fighters also seized the airport in Merowe.", {"place": MEROWE, "target": None}),
          ("The RSF attacked the army in Khartoum again a week later.", {"day": date(2023, 4, 22)})],
}


def resolved(store) -> list[tuple[str, ...]]:
    """The happenings as sorted tuples of their reports' triggers and articles."""
    rows = store.select(f"""SELECT ?h ?trigger ?article WHERE {{
      GRAPH <{RESOLVED_GRAPH}> {{ ?r <{CKG}reportOf> ?h }}
      ?r <{CKG}trigger> ?trigger ; <{CKG}reportedIn> ?article }}""")
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row["h"], []).append(f"{row['article'].rsplit('/', 1)[1]}:{row['trigger']}")
    return sorted(tuple(sorted(g)) for g in groups.values())


def dump(store) -> list[str]:
    """The resolved graph as sorted N-Triples lines."""
    tsv = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{RESOLVED_GRAPH}> {{ ?s ?p ?o }} }}", "tsv").decode()
    return sorted(tsv.splitlines()[1:])


def ingest(store, names) -> None:
    for name in names:
        iri = put(store, name, *ARTICLES[name])
        resolve_after_change(store, [iri])


def test_resolve_store_merges_across_articles(store):
    ingest(store, "abc")
    assert resolved(store) == [("a:attacked", "b:stormed"), ("c:attacked",), ("c:seized",)]
    counts = store.select(f"""SELECT ?m ?s WHERE {{ GRAPH <{RESOLVED_GRAPH}> {{
      ?h <{CKG}mentionCount> ?m ; <{CKG}sourceCount> ?s FILTER(?m > 1) }} }}""")
    assert counts == [{"m": "2", "s": "2"}]


@pytest.mark.parametrize("order", list(itertools.permutations("abc")), ids="".join)
def test_resolve_store_same_happenings_in_any_order(order, tmp_path):
    expected = open_store(None)
    ingest(expected, "abc")
    store = open_store(str(tmp_path / "s"))
    ingest(store, order)
    assert dump(store) == dump(expected)


def test_resolve_store_incremental_equals_rebuild(store):
    ingest(store, "abc")
    incremental = dump(store)
    assert resolve_all(store).happenings == 3
    assert dump(store) == incremental


def test_resolve_store_delete_leaves_no_orphans(store):
    ingest(store, "abc")
    store.delete_article(str(article_iri("b")))
    resolve_after_change(store, [str(article_iri("b"))])
    assert resolved(store) == [("a:attacked",), ("c:attacked",), ("c:seized",)]
    orphans = store.select(f"""SELECT ?r WHERE {{ GRAPH <{RESOLVED_GRAPH}> {{ ?r <{CKG}reportOf> ?h }}
      FILTER NOT EXISTS {{ GRAPH ?g {{ ?r a <{CKG}Event> }} }} }}""")
    assert orphans == []
    assert dump(store) == (resolve_all(store), dump(store))[1]


def test_resolve_store_reingesting_a_changed_article_updates_its_happenings(store):
    ingest(store, "ab")
    iri = put(store, "b", ("Paramilitary RSF fighters stormed army bases in Merowe.", {"place": MEROWE}))
    resolve_after_change(store, [iri])
    assert resolved(store) == [("a:attacked",), ("b:stormed",)]
    total = store.select(f"SELECT (COUNT(?r) AS ?n) WHERE {{ GRAPH <{RESOLVED_GRAPH}> {{ ?r <{CKG}reportOf> ?h }} }}")
    assert total == [{"n": "2"}]


def test_resolve_store_resolved_graph_conforms_to_the_shapes(store):
    ingest(store, "abc")
    nt = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{RESOLVED_GRAPH}> {{ ?s ?p ?o }} }}", "ntriples")
    data = Graph().parse(data=nt.decode(), format="nt")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                           inference="none", advanced=True)
    assert conforms, report
    happening = next(data.subjects(RDF.type, URIRef(CKG + "Happening")))
    data.remove((happening, URIRef(CKG + "mentionCount"), None))
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True)
    assert not conforms and "ckg:mentionCount" in report


def test_resolve_store_wrapper_resolves_on_every_write(tmp_path):
    store = ResolvingStore(open_store(str(tmp_path / "s")))
    put(store, "a", *ARTICLES["a"])
    put(store, "b", *ARTICLES["b"])
    assert resolved(store) == [("a:attacked", "b:stormed")]
    assert store.delete_article(str(article_iri("a")))
    assert resolved(store) == [("b:stormed",)]
    store.close()
