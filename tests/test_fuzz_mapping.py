"""Property-based tests of the mapping: any well-formed frames give a graph that passes SHACL,
is written and read back by the store unchanged, and is the same graph every time."""
from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.extract.lexicon import PLOVER_CAMEO
from kg.errors import ValidationError
from kg.mapping.iris import actor_iri, described_entity, event_iri, place_iri
from kg.mapping.to_rdf import graph_from_frames
from kg.model import ACTOR_KINDS, MODALITIES, Actor, Article, EventFrame, Place
from kg.store import open_store
from kg.store.validate import validate

pytestmark = pytest.mark.reliability("property-based: the mapping of generated frames (issue 7)")

pytest.importorskip("hypothesis", reason="hypothesis is not installed (pip install hypothesis)")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)
LABEL = st.one_of(TEXT, st.sampled_from(["Libyan National Army", "Khalifa Haftar", "Hamas", "ÉTAT", "الجيش", "军队"]))
actors = st.builds(Actor, label=LABEL, kind=st.sampled_from(ACTOR_KINDS),
                   country=st.one_of(st.none(), st.from_regex(r"\A[A-Z]{3}\Z")),
                   aliases=st.lists(LABEL, max_size=3).map(tuple))
DEGREES = st.floats(-180, 180)  # tiny values too: repr(0.00005) is '5e-05', which WKT must not get
places = st.builds(Place, label=LABEL, lat=st.one_of(st.none(), DEGREES.filter(lambda x: abs(x) <= 90)),
                   lon=st.one_of(st.none(), DEGREES),
                   geonames=st.one_of(st.none(), st.integers(1, 99_999_999)),
                   country=st.one_of(st.none(), st.from_regex(r"\A[A-Z]{3}\Z")),
                   aliases=st.lists(LABEL, max_size=2).map(tuple))


def pool(strategy):
    """Actors (or places) of one article; one IRI may come with two descriptions (the mapper keeps the first)."""
    return st.lists(strategy, max_size=4)


@st.composite
def articles_with_frames(draw):
    text = draw(st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                        min_size=1, max_size=400).filter(str.strip))
    article = Article(id=draw(TEXT), text=text, published=draw(st.dates(date(1900, 1, 1), date(2100, 12, 31))),
                      title=draw(st.one_of(st.none(), TEXT)), url=draw(st.one_of(st.none(), st.just("https://e.org/a"))),
                      outlet=draw(st.one_of(st.none(), TEXT)), dateline=draw(st.one_of(st.none(), TEXT)))
    who, where = draw(pool(actors)), draw(pool(places))
    some_actor = st.one_of(st.none(), st.sampled_from(who)) if who else st.none()
    frames, events = [], set()
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        action = draw(st.sampled_from(sorted(PLOVER_CAMEO)))
        frames.append(EventFrame(
            article_id=article.id, action=action, cameo=draw(st.sampled_from(PLOVER_CAMEO[action])),
            trigger=draw(TEXT), sentence=text[start:end], start=start, end=end,
            trigger_start=draw(st.integers(start, end - 1)),
            actor=draw(some_actor), target=draw(some_actor),
            place=draw(st.one_of(st.none(), st.sampled_from(where)) if where else st.none()),
            date=draw(st.one_of(st.none(), st.dates(date(1, 1, 1), date(9999, 12, 31)))),
            confidence=draw(st.floats(0, 1)), modality=draw(st.sampled_from(MODALITIES))))
        if str(event_iri(frames[-1])) in events:  # the extractor gives one frame per event IRI
            frames.pop()
        events.update(str(event_iri(f)) for f in frames)
    return article, frames


@settings(deadline=None, max_examples=300, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=articles_with_frames())
def test_fuzz_mapping_graphs_conform_and_round_trip(case):
    article, frames = case
    graph = graph_from_frames(frames, article)
    validate(graph)
    assert isomorphic(graph, graph_from_frames(frames, article))  # deterministic IRIs, same graph
    ntriples = graph.serialize(format="nt")
    store = open_store(None)
    iri = "https://w3id.org/conflict-kg/id/article/fuzz"
    result = store.put_article(iri, ntriples, article.content_hash)
    own = [t for t in graph if described_entity(str(t[0])) is None]  # actors and places: in graphs of their own
    assert result.status == "added" and result.triples == len(own) + 1  # + the content hash
    back = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                       f"FILTER(?g = <{iri}> || ?s != ?g) }}", "ntriples")  # leave out who each description is from
    read = Graph().parse(data=back.decode("utf-8"), format="nt")
    assert len(read) == len(graph) + 1  # the store keeps values (0.0 may come back as 0): compare them
    assert {(s, p, o.toPython() if hasattr(o, "toPython") else o) for s, p, o in graph} <= \
        {(s, p, o.toPython() if hasattr(o, "toPython") else o) for s, p, o in read}
    events = {str(t.subject) for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
              if t.predicate.value.endswith("#reportedIn")}
    assert len(events) <= len(frames)


def test_fuzz_mapping_one_actor_two_kinds_in_an_article():
    """Found by the fuzzer: an actor described once per frame got two ckg:kind and failed SHACL."""
    article = Article(id="a", text="Hamas fired rockets. Hamas met envoys.", published=date(2021, 5, 1))
    frames = [EventFrame(article_id="a", action=action, cameo=PLOVER_CAMEO[action][0], trigger=trigger,
                         sentence=sentence, start=start, end=start + len(sentence), trigger_start=start + 6,
                         actor=Actor("Hamas", kind))
              for action, trigger, sentence, start, kind in [("ASSAULT", "fired", "Hamas fired rockets.", 0, "armed_group"),
                                                               ("CONSULT", "met", "Hamas met envoys.", 21, "government")]]
    validate(graph_from_frames(frames, article))


def test_fuzz_mapping_coordinates_near_zero():
    """Found by the fuzzer: the WKT point was written with repr(float), so 0.00005 became '5e-05'."""
    article = Article(id="b", text="Clashes near the equator.", published=date(2021, 5, 1))
    frame = EventFrame(article_id="b", action="ASSAULT", cameo=PLOVER_CAMEO["ASSAULT"][0], trigger="Clashes",
                       sentence="Clashes near the equator.", start=0, end=25, trigger_start=0,
                       place=Place("Nowhere", lat=0.00005, lon=9.5))
    validate(graph_from_frames([frame], article))
