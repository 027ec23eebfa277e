"""Whole-store dumps stream: every quad once per graph, from one snapshot, with no time limit,
while writes go on."""
from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest
import requests
from rdflib import Dataset, Graph

from kg.mapping.iris import article_iri
from tests.browser.fixtures import make_app
from tests.browser.live import live_server
from tests.reliability import tried

pytestmark = pytest.mark.reliability("whole-store dumps while work continues")


def named_quads(store) -> set[str]:
    rows = store.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {(r["s"], r["p"], r["o"], r["g"]) for r in rows}


@pytest.mark.parametrize("chunk", [1, 7, 20_000])
def test_export_dump_nquads_is_every_quad_of_every_graph(seeded_store, chunk):
    body = b"".join(seeded_store.dump("nquads", chunk=chunk))
    quads = list(ox.parse(body, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(set(quads)) == seeded_store.triple_count()
    graph = next(g for g in seeded_store.graphs() if "/article/" in g)
    one = list(ox.parse(b"".join(seeded_store.dump("nquads", graph)), format=ox.RdfFormat.N_QUADS))
    assert one and {q.graph_name.value for q in one} == {graph}


def test_export_dump_turtle_pieces_make_one_document(seeded_store):
    pieces = list(seeded_store.dump("turtle", chunk=50))
    assert len(pieces) > 10
    triples = Graph().parse(data=b"".join(pieces), format="turtle")
    assert len(triples) == len({(s, p, o) for s, p, o, _ in (q for q in ox.parse(
        b"".join(seeded_store.dump("nquads")), format=ox.RdfFormat.N_QUADS))})


@pytest.mark.slow
def test_export_dump_over_http_has_no_time_limit_and_runs_beside_writes(seeded_store):
    """The time limit that used to turn whole-store dumps into 503s does not apply; writes go on."""
    stop, written = threading.Event(), []

    def writer():
        n = 0
        while not stop.is_set():
            iri = str(article_iri(f"extra-{n}"))
            seeded_store.put_article(iri, f'<{iri}> <http://www.w3.org/2000/01/rdf-schema#label> "extra {n}" .',
                                     f"{n:064x}")
            written.append(iri)
            n += 1

    tried(6)
    before = seeded_store.triple_count()
    thread = threading.Thread(target=writer)
    with live_server(make_app(seeded_store, query_timeout=0.001)) as server:
        thread.start()
        try:
            answers = [requests.get(f"{server.url}/api/export/{fmt}", timeout=120) for fmt in ("nquads", "turtle") * 3]
        finally:
            stop.set()
            thread.join()
    assert written and all(a.status_code == 200 for a in answers), [a.status_code for a in answers]
    for answer in answers[::2]:
        dataset = Dataset()
        dataset.parse(data=answer.content, format="nquads")
        assert before <= len(list(dataset.quads())) <= before + 2 * len(written)
    for answer in answers[1::2]:
        assert len(Graph().parse(data=answer.content, format="turtle")) > before // 2
