"""Hostile labels through every export and serialisation: each output parses with the parser of
its format and gives the labels back (made XML-safe, formula-safe in CSV); stored XSS links do not.

Two ways in: through the door (an ACLED file whose actors have hostile names: NFC, XML-illegal
characters replaced) and straight into the store (SPARQL Update, as a store filled by an older
version or by /update can hold anything), where only the writers stand between the label and
the file.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pyoxigraph as ox
import pytest
import requests
from lxml import etree
from rdflib import Dataset, Graph

from kg.graph.export import to_csv, to_csv_zip, to_gexf, to_graphml, to_json
from kg.graph.project import actor_graph
from kg.importers.load import import_file
from kg.store import open_store
from kg.text import clean_text, xml_safe
from tests.browser.fixtures import load_trig, make_app
from tests.browser.live import live_server
from tests.reliability import tried
from tests.test_graph_export import valid_gexf

pytestmark = pytest.mark.reliability("hostile labels in every export format")

ACTOR = "https://w3id.org/conflict-kg/id/actor/"
# Formula starts (OWASP), XML-illegal characters, markup, quotes, non-Latin, bidi, NFD.
HOSTILE = ["=1+1", "+SUM(A1:A9)", "-2+3 cmd", "@HYPERLINK(\"http://evil\")", "a\ufffeb\uffffc", "c\x01d\x0be\x1f",
           "<script>alert(1)</script>", "]]> &amp; &#x1; \"'", "Quoted \"name\", with comma", "line\nbreak",
           "الجيش الوطني الليبي", "Збройні сили", "bidi \u202eevil", "Cafe\u0301", "emoji 🚀 ok"]
ROW = {"event_date": "2023-04-15", "year": "2023", "time_precision": "1", "disorder_type": "Political violence",
       "event_type": "Battles", "sub_event_type": "Armed clash", "inter1": "2", "inter2": "3", "iso": "729",
       "region": "Northern Africa", "country": "Sudan", "location": "Khartoum", "latitude": "15.5518",
       "longitude": "32.5324", "geo_precision": "1", "source": "Test", "notes": "Test row.", "fatalities": "1"}


def hostile_acled(path, names=HOSTILE):
    """An ACLED export with one row per hostile name: the name acts on the next one."""
    columns = ["event_id_cnty", *ROW, "actor1", "actor2"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for n, name in enumerate(names):
            writer.writerow([f"SDN{n + 1}", *ROW.values(), name, names[(n + 1) % len(names)]])
    return path


def expected(label: str) -> str:
    return clean_text(label).strip()


@pytest.fixture
def door_store(tmp_path):
    """A store filled through the door: the hostile ACLED file, imported."""
    store = open_store(str(tmp_path / "door"))
    summary = import_file(store, "acled", hostile_acled(tmp_path / "hostile.csv"))
    assert summary.failures == 0 and summary.imported == len(HOSTILE), summary.failed
    yield store
    store.close()


RAW = {"army-a": "=1+1\x01", "militia-b": "\ufffeMilitia\uffff", "council-c": "@SUM(A1)\x0b",
       "group-d": "-x <b>&amp;]]>\x1f"}


@pytest.fixture
def raw_store(tmp_path):
    """The mini store with actor labels and an alias holding what XML cannot carry, written by
    SPARQL Update (no door)."""
    store = open_store(str(tmp_path / "raw"))
    load_trig(store)
    for key, label in RAW.items():
        escaped = "".join(f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) >= 0xFFFE else c for c in label)
        store.update(f"""DELETE {{ GRAPH ?g {{ <{ACTOR}{key}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}
            INSERT {{ GRAPH ?g {{ <{ACTOR}{key}> <http://www.w3.org/2000/01/rdf-schema#label> "{escaped}" }} }}
            WHERE {{ GRAPH ?g {{ <{ACTOR}{key}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}""")
    yield store
    store.close()


def labels_of(G) -> set[str]:
    return {d.get("label") for _, d in G.nodes(data=True)}


def check_network_exports(G, wanted: set[str], in_json: set[str] | None = None) -> None:
    """Every network format parses and holds the wanted labels (as its writer makes them safe;
    JSON carries any character, so it holds `in_json`, the labels as stored)."""
    tried(5 * len(wanted))  # each label through GEXF, GraphML, CSV, CSV zip and JSON
    doc = valid_gexf(to_gexf(G))
    assert {n.get("label") for n in doc.iter("{http://gexf.net/1.3}node")} >= wanted
    back = nx.read_graphml(io.BytesIO(to_graphml(G)))
    assert {d.get("label") for _, d in back.nodes(data=True)} >= wanted
    rows = list(csv.DictReader(io.StringIO(to_csv(G)["nodes.csv"], newline="")))
    for row in rows:
        label = row["Label"]
        if label[:1] == "'":
            assert label[1:2] in ("=", "+", "-", "@", "\t", "\r"), label  # a formula, made text (OWASP)
            label = label[1:]
        assert label in wanted or label.startswith("https://"), label
    assert {r["Label"].lstrip("'") for r in rows} >= wanted
    with zipfile.ZipFile(io.BytesIO(to_csv_zip(G))) as archive:
        assert archive.read("nodes.csv").decode("utf-8") == to_csv(G)["nodes.csv"]
    data = json.loads(json.dumps(to_json(G), ensure_ascii=False))
    assert {n.get("label") for n in data["nodes"]} >= (in_json or wanted)


def test_hostile_exports_door_labels_round_trip_every_network_format(door_store):
    G = actor_graph(door_store)
    wanted = {expected(name) for name in HOSTILE}
    assert labels_of(G) >= wanted  # stored as cleaned at the door: NFC, no XML-illegal characters
    assert "Café" in labels_of(G) and not any("\ufffe" in label for label in labels_of(G))
    check_network_exports(G, wanted)


def test_hostile_exports_raw_labels_still_give_well_formed_files(raw_store):
    G = actor_graph(raw_store)
    assert labels_of(G) >= set(RAW.values())  # the store holds them as written
    check_network_exports(G, {xml_safe(label) for label in RAW.values()}, set(RAW.values()))


SELECT_LABELS = "SELECT ?label WHERE { ?a a <https://w3id.org/conflict-kg/ontology#Actor> ; " \
                "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
CONSTRUCT_LABELS = "CONSTRUCT { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?label } WHERE { " \
                   "?a a <https://w3id.org/conflict-kg/ontology#Actor> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }"


@pytest.mark.parametrize("fmt", ["xml", "json", "csv", "tsv"])
def test_hostile_exports_sparql_results_parse(raw_store, fmt):
    tried(len(RAW))
    body = raw_store.query(SELECT_LABELS, fmt)
    if fmt == "xml":
        etree.fromstring(body)  # well-formed XML
    if fmt == "csv":  # lossy by design (no term types): read it as the spreadsheet CSV it is
        got = {row["label"] for row in csv.DictReader(io.StringIO(body.decode("utf-8"), newline=""))}
    else:
        results = ox.parse_query_results(body, format={"xml": ox.QueryResultsFormat.XML, "json": ox.QueryResultsFormat.JSON,
                                                       "tsv": ox.QueryResultsFormat.TSV}[fmt])
        got = {row["label"].value for row in results}
    assert got >= ({xml_safe(v) for v in RAW.values()} if fmt == "xml" else set(RAW.values()))


@pytest.mark.parametrize("fmt", ["rdfxml", "turtle", "ntriples", "nquads", "jsonld"])
def test_hostile_exports_rdf_serialisations_parse(raw_store, fmt):
    tried(len(RAW))
    body = raw_store.query(CONSTRUCT_LABELS, fmt)
    if fmt == "rdfxml":
        etree.fromstring(body)
    rdflib_format = {"rdfxml": "xml", "turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "jsonld": "json-ld"}[fmt]
    graph = Graph().parse(data=body, format=rdflib_format)
    got = {str(o) for o in graph.objects()}
    assert got >= ({xml_safe(v) for v in RAW.values()} if fmt == "rdfxml" else set(RAW.values()))


@pytest.mark.parametrize("fmt", ["nquads", "turtle"])
def test_hostile_exports_dumps_parse_with_every_label(raw_store, fmt):
    tried(len(RAW))
    body = b"".join(raw_store.dump(fmt))
    if fmt == "nquads":
        dataset = Dataset()
        dataset.parse(data=body, format="nquads")
        got = {str(o) for _, _, o, _ in dataset.quads()}
    else:
        got = {str(o) for o in Graph().parse(data=body, format="turtle").objects()}
    assert got >= set(RAW.values())


@pytest.mark.slow
def test_hostile_exports_over_http_never_500(raw_store):
    """The reported failure: one stored label made /api/export/gexf and /graphml answer 500 for all."""
    tried(7)
    with live_server(make_app(raw_store)) as server:
        for fmt in ("gexf", "graphml", "csv", "json", "nquads", "turtle"):
            response = requests.get(f"{server.url}/api/export/{fmt}", timeout=60)
            assert response.status_code == 200, (fmt, response.text[:300])
            if fmt in ("gexf", "graphml"):
                etree.fromstring(response.content)
        response = requests.get(f"{server.url}/sparql", params={"query": SELECT_LABELS},
                                headers={"Accept": "application/sparql-results+xml"}, timeout=60)
        assert response.status_code == 200
        etree.fromstring(response.content)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "\tjavascript:alert(1)",
                                 "java\nscript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "vbscript:msgbox(1)", "//evil.example/x", "http:/no-host"],
                         ids=["plain", "mixed-case", "leading-tab", "embedded-newline", "leading-space", "data",
                              "vbscript", "scheme-relative", "no-host"])
def test_hostile_exports_article_url_is_never_a_link(tmp_path, url):
    """Stored XSS: an article whose url is not http(s) shows it as text, never as a link."""
    from kg.articles import article_from_record
    from kg.mapping.iris import article_iri
    from kg.mapping.to_rdf import graph_from_frames

    article = article_from_record({"id": "xss", "date": "2021-03-14", "text": "Rebels attacked.", "url": url},
                                  path="x.jsonl", line=1)
    store = open_store(str(tmp_path / "s"))
    store.put_article(str(article_iri("xss")), graph_from_frames([], article).serialize(format="nt"),
                      article.content_hash)
    page = make_app(store).test_client().get("/articles/xss")
    store.close()
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "source" in html and 'rel="noopener noreferrer nofollow">source</a>' not in html
    anchors = etree.HTML(html).iter("a")
    assert not [a.get("href") for a in anchors if "script" in (a.get("href") or "").lower()
                or (a.get("href") or "").lower().startswith(("data:", "//", "http:/no"))]


def test_hostile_exports_web_url_is_a_link(tmp_path):
    from kg.articles import article_from_record
    from kg.mapping.iris import article_iri
    from kg.mapping.to_rdf import graph_from_frames

    article = article_from_record({"id": "ok", "date": "2021-03-14", "text": "Rebels attacked.",
                                   "url": "https://example.org/a?b=1"}, path="x.jsonl", line=1)
    store = open_store(str(tmp_path / "s"))
    store.put_article(str(article_iri("ok")), graph_from_frames([], article).serialize(format="nt"),
                      article.content_hash)
    html = make_app(store).test_client().get("/articles/ok").get_data(as_text=True)
    store.close()
    assert '<a href="https://example.org/a?b=1" rel="noopener noreferrer nofollow">source</a>' in html
