"""Property-based: any Unicode (XML-illegal characters, lone surrogates, controls, formula starts)
in any field that reaches an export gives exports that parse, or a clear error at the door; any
numeric-looking string in an importer field gives a stored row or one error naming file and line."""
from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree

from kg.articles import article_from_record
from kg.errors import InputError
from kg.graph.export import to_csv, to_gexf, to_graphml, to_json
from kg.graph.project import actor_graph
from kg.importers.load import import_file
from kg.mapping.iris import article_iri
from kg.mapping.to_rdf import graph_from_frames
from kg.model import Actor, EventFrame, Place
from kg.store import open_store
from kg.store.validate import validate
from kg.text import _NUMBER as NUMBER
from tests.test_hostile_exports import ROW, SELECT_LABELS
from tests.test_hostile_import import COLUMNS, gdelt_line

pytest.importorskip("hypothesis", reason="hypothesis is not installed (pip install hypothesis)")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ANY = st.text(alphabet=st.characters(codec=None), max_size=60)  # every code point, surrogates and controls too
HOSTILE = st.sampled_from(["=1+1", "\t=1+1", "@x", "-x", "+x", "\ufffe", "\uffff", "\x00", "\x0b", "\ud800", "]]>",
                           "&#x1;", "<b>", '"', "\r\n", "e\u0301", "\u202e"])
FIELD = st.lists(st.one_of(ANY, HOSTILE), min_size=1, max_size=4).map("".join)
SETTINGS = settings(deadline=None, max_examples=int(__import__("os").environ.get("KG_FUZZ_EXAMPLES", "60")), database=None, suppress_health_check=[HealthCheck.too_slow])


def exports_parse(store) -> None:
    """Every export of the store's graph parses with its format's parser."""
    G = actor_graph(store)
    etree.fromstring(to_gexf(G))
    nx.read_graphml(io.BytesIO(to_graphml(G)))
    for table in to_csv(G).values():
        for row in csv.reader(io.StringIO(table, newline="")):
            assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.match(cell) for cell in row), row
    json.loads(json.dumps(to_json(G), ensure_ascii=False).encode("utf-8"))
    list(ox.parse(b"".join(store.dump("nquads")), format=ox.RdfFormat.N_QUADS))
    list(ox.parse(b"".join(store.dump("turtle")), format=ox.RdfFormat.TURTLE))
    etree.fromstring(store.query(SELECT_LABELS, "xml"))
    etree.fromstring(store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", "rdfxml"))


def _span(text: str, draw) -> tuple[int, int]:
    start = draw(st.integers(0, len(text) - 1))
    return start, draw(st.integers(start + 1, len(text)))


@st.composite
def records(draw):
    keys = draw(st.lists(st.sampled_from(["title", "outlet", "dateline", "url"]), unique=True))
    return {"id": draw(FIELD), "date": "2021-03-14", "text": draw(FIELD), **{k: draw(FIELD) for k in keys}}


@pytest.mark.reliability("random Unicode in every field that reaches an export")
@SETTINGS
@given(record=records(), data=st.data())
def test_fuzz_exports_article_fields(record, data):
    try:
        article = article_from_record(record, path="fuzz.jsonl", line=1)
    except InputError as exc:
        assert str(exc).startswith("fuzz.jsonl:1: ")  # refused at the door, saying why
        return
    text = article.text
    start, end = _span(text, data.draw)
    label = text[start:end].strip() or "x"  # the extractor's labels are pieces of the text
    actor, target = Actor(label, "armed_group"), Actor(article.title or "y", "state_force", aliases=(label,))
    frame = EventFrame(article.id, "ASSAULT", "19", text[start:end], text[start:end], start, end, start,
                       actor=actor, target=target, place=Place(article.outlet or label, 15.5, 32.5, country="SDN"))
    graph = graph_from_frames([frame], article)
    validate(graph)
    store = open_store(None)
    store.put_article(str(article_iri(article.id)), graph.serialize(format="nt"), article.content_hash)
    exports_parse(store)


@pytest.mark.reliability("random Unicode in every field that reaches an export")
@SETTINGS
@given(fields=st.fixed_dictionaries({name: FIELD for name in ("actor1", "actor2", "location", "notes", "admin1",
                                                              "event_id_cnty", "source")}))
def test_fuzz_exports_importer_fields(fields):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        with path.open("w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
            writer = csv.DictWriter(handle, [*COLUMNS, "admin1"])
            writer.writeheader()
            writer.writerow({**ROW, **fields})
            writer.writerow({**ROW, "event_id_cnty": "GOOD1", "actor1": "Rapid Support Forces", "actor2": ""})
        store = open_store(None)
        summary = import_file(store, "acled", path)
        assert summary.imported >= 1 and summary.imported + summary.failures + summary.duplicates == 2
        assert all(m.startswith(f"{path}:") for m in summary.failed), summary.failed
        exports_parse(store)


NUMERIC = st.one_of(
    st.text(alphabet="0123456789.eE+-_, xXnaifINFtyu\u0661\uff19", max_size=12),
    st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers(-10**30, 10**30).map(str),
    st.sampled_from(["", " ", "nan", "NaN", "inf", "-Infinity", "1e400", "-1e-400", "0x1A", "1_000", "1,5", "٣"]))
ACLED_NUMBERS = ("latitude", "longitude", "fatalities", "iso", "geo_precision", "time_precision", "inter1", "year")
GDELT_NUMBERS = ("ActionGeo_Lat", "ActionGeo_Long", "NumMentions", "NumSources", "GLOBALEVENTID", "SQLDATE",
                 "EventCode", "ActionGeo_Type", "GoldsteinScale")


def _import_checked(store, source: str, path: Path) -> None:
    summary = import_file(store, source, path)
    assert summary.rows == 2 and summary.imported >= 1, summary.failed
    assert all(m.startswith(f"{path}:") and "Traceback" not in m for m in summary.failed), summary.failed
    for row in store.select("SELECT ?v WHERE { { ?p <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?v } UNION "
                            "{ ?p <http://www.w3.org/2003/01/geo/wgs84_pos#long> ?v } }"):
        assert -180 <= float(row["v"]) <= 180
    for row in store.select("SELECT ?v WHERE { ?e <https://w3id.org/conflict-kg/ontology#fatalities> ?v }"):
        assert 0 <= int(row["v"]) <= 10**9


@pytest.mark.reliability("random numeric strings in importer fields")
@SETTINGS
@given(values=st.fixed_dictionaries({name: NUMERIC for name in ACLED_NUMBERS}))
def test_fuzz_exports_acled_numbers(values):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "numbers.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS)
            writer.writeheader()
            writer.writerow({**ROW, "event_id_cnty": "SDN1", "actor1": "Rapid Support Forces", **values})
            writer.writerow({**ROW, "event_id_cnty": "SDN2", "actor1": "Rapid Support Forces"})
        _import_checked(open_store(None), "acled", path)


@pytest.mark.reliability("random numeric strings in importer fields")
@SETTINGS
@given(values=st.fixed_dictionaries({name: NUMERIC for name in GDELT_NUMBERS}))
def test_fuzz_exports_gdelt_numbers(values):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "numbers.export.CSV"
        clean = {k: v.replace("\t", " ").replace("\n", " ").replace("\r", " ") for k, v in values.items()}
        path.write_text(gdelt_line(**clean) + gdelt_line(GLOBALEVENTID="1100000777"), encoding="utf-8")
        _import_checked(open_store(None), "gdelt", path)
