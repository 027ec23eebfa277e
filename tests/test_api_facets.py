"""Source and precision filters in the JSON API, the pages and the exports (tests/sources.py store)."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from kg.queries import EXAMPLE_QUERIES, PREFIXES
from tests.browser.fixtures import make_app

from .sources import ACLED, EXTRACTED, GDELT, KHARTOUM, build_sources_store

ID = "https://w3id.org/conflict-kg/id/"
README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def sources_store(tmp_path_factory):
    store = build_sources_store(tmp_path_factory.mktemp("sources") / "store")
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(sources_store):
    """Flask's test client over the extracted + imported store (read-only: do not write)."""
    return make_app(sources_store).test_client()


def ids(client, **params) -> set[str]:
    response = client.get("/api/events", query_string={**params, "limit": 500})
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert data["total"] == len(data["events"])
    return {e["id"] for e in data["events"]}


CASES = [
    ("no-filter", {}, EXTRACTED | ACLED | GDELT),
    ("extracted", {"source": "extracted"}, EXTRACTED),
    ("acled", {"source": "acled"}, ACLED),
    ("imported-comma", {"source": "acled,gdelt"}, ACLED | GDELT),
    ("imported-repeated", {"source": ["gdelt", "ACLED"]}, ACLED | GDELT),
    ("week", {"date_precision": "week"}, {"acled-lby90003"}),
    ("month", {"date_precision": "month"}, {"acled-lby90102"}),
    ("region", {"place_precision": "region"}, {"acled-lby90004", "acled-lby90102", "gdelt-1100000006"}),
    ("country", {"place_precision": "country"}, {"gdelt-1100000004"}),
    ("dead", {"min_fatalities": "1"}, {"acled-lby90004", "acled-sdn90001"}),
    ("counted", {"min_fatalities": "0", "source": "acled"}, ACLED - {"acled-lby90102"}),
    ("corroborated", {"source": "extracted", "corroborated_by": "acled"}, {"e16"}),
    ("corroborated-gdelt", {"source": "acled", "corroborated_by": "gdelt"}, {"acled-sdn90001"}),
    ("three-sources", {"min_sources": "3"}, KHARTOUM),
    ("with-type", {"source": "gdelt", "type": "ASSAULT"}, {"gdelt-1100000001", "gdelt-1100000006"}),
    ("with-country", {"source": "acled", "country": "SDN"}, {"acled-sdn90001"}),
    ("confidence", {"min_confidence": "0.1", "source": "acled"}, set()),  # imported events have no confidence
]


@pytest.mark.parametrize(("params", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_api_facets_filter_event_listings(client, params, expected):
    assert ids(client, **params) == expected


def test_api_facets_imported_event_json(client):
    event = client.get("/api/events/acled-sdn90001").get_json()["event"]
    assert (event["source"], event["source_event_id"], event["fatalities"]) == ("acled", "SDN90001", 25)
    assert (event["date_precision"], event["place_precision"], event["date"]) == ("day", "town", "2023-04-15")
    assert event["article"] is event["evidence"] is event["confidence"] is event["start"] is None
    assert event["actor"]["label"] == "Rapid Support Forces"
    gdelt = client.get("/api/events/gdelt-1100000001").get_json()["event"]
    assert gdelt["source_url"] == "https://example.org/2023/04/15/khartoum-fighting"


def test_api_facets_extracted_event_json(client):
    event = client.get("/api/events/e16").get_json()["event"]
    assert (event["source"], event["date_precision"], event["source_event_id"]) == ("extracted", "day", None)
    assert event["evidence"].startswith("Heavy clashes") and event["start"] == 110


def test_api_facets_map(client):
    places = client.get("/api/map", query_string={"source": "acled", "min_fatalities": 1}).get_json()["places"]
    assert sorted((p["label"], p["events"]) for p in places) == [("Khartoum", 1), ("Tripoli", 1)]


@pytest.mark.parametrize("path", ["/events/acled-sdn90001", "/events/gdelt-1100000001", "/actors/rapid-support-forces",
                                  "/articles/sdn-2023-04-16"])
def test_api_facets_pages_show_imported_events(client, path):
    response = client.get(path)
    assert response.status_code == 200
    if path.startswith("/events/acled"):
        assert "SDN90001" in response.get_data(as_text=True)


def test_api_facets_network_and_centrality(client):
    network = client.get("/api/network", query_string={"source": "acled,gdelt", "min_sources": 2}).get_json()
    assert sorted(n["id"] for n in network["nodes"]) == ["rapid-support-forces", "sudanese-armed-forces"]
    assert [(e["weight"], len(e["events"])) for e in network["edges"]] == [(2, 2)]  # acled-sdn90001, gdelt-1100000001
    top = client.get("/api/centrality", query_string={"source": "extracted", "corroborated_by": "gdelt"}).get_json()
    assert {row["id"] for row in top["top"]} == {"rapid-support-forces", "sudanese-armed-forces"}


@pytest.mark.parametrize(("sources", "status"), [("acled", 200), ("gdelt", 200), ("extracted", 200),
                                               ("acled&type=PROTEST", 404)], ids=str)
def test_api_facets_paths_take_sources(client, sources, status):
    # on /api/paths `source` is the start actor, so the report-source filter is `sources`
    response = client.get(f"/api/paths?source=Sudanese+Armed+Forces&target=Rapid+Support+Forces&sources={sources}")
    assert response.status_code == status
    if status == 200:
        assert [p["nodes"] for p in response.get_json()["paths"]] == [["sudanese-armed-forces", "rapid-support-forces"]]


def _rows(data: bytes, name: str) -> list[dict]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


def test_api_facets_csv_export_has_sources_and_fatalities(client):
    rsf_saf = [f"{ID}actor/rapid-support-forces", f"{ID}actor/sudanese-armed-forces"]
    edges = _rows(client.get("/api/export/csv", query_string={"min_sources": 3}).data, "edges.csv")
    assert [(sorted([e["Source"], e["Target"]]), e["sources"], e["fatalities"], e["Weight"]) for e in edges] == [
        (rsf_saf, "acled; extracted; gdelt", "25", "3")]
    edges = _rows(client.get("/api/export/csv", query_string={"source": "gdelt", "min_sources": 3}).data, "edges.csv")
    assert [(e["sources"], e["fatalities"], e["Weight"]) for e in edges] == [("gdelt", "", "1")]
    nodes = _rows(client.get("/api/export/csv", query_string={"source": "acled"}).data, "nodes.csv")
    assert {n["Label"]: n["sources"] for n in nodes}["Sudanese Armed Forces"] == "acled"


def test_api_facets_json_gexf_graphml_exports(client):
    data = json.loads(client.get("/api/export/json", query_string={"source": "acled", "country": "SDN"}).data)
    (edge,) = data["edges"]
    assert (edge["sources"], edge["fatalities"], edge["events"][0]["source"]) == (["acled"], 25, "acled")
    gexf = etree.fromstring(client.get("/api/export/gexf", query_string={"min_sources": 3}).data)
    ns = {"g": "http://gexf.net/1.3"}
    titles = {a.get("id"): a.get("title") for a in gexf.findall(".//g:attributes[@class='edge']/g:attribute", ns)}
    values = {titles[v.get("for")]: v.get("value") for v in gexf.findall(".//g:edge/g:attvalues/g:attvalue", ns)}
    assert (values["sources"], values["fatalities"]) == ("acled; extracted; gdelt", "25")
    graphml = client.get("/api/export/graphml", query_string={"source": "gdelt", "min_sources": 3}).get_data(as_text=True)
    assert ">gdelt<" in graphml
    bipartite = json.loads(client.get("/api/export/json", query_string={"graph": "actor-event", "source": "gdelt",
                                                                         "type": "RETREAT"}).data)
    assert [(n["id"], n["source"]) for n in bipartite["nodes"] if n.get("bipartite") == 1] == [
        (f"{ID}event/gdelt-1100000003", "gdelt")]


BAD = [
    ("source", "reuters", "unknown source 'reuters'"),
    ("date_precision", "hour", "unknown date precision 'hour'"),
    ("place_precision", "street", "unknown place precision 'street'"),
    ("min_fatalities", "-1", "bad min_fatalities '-1'"),
    ("min_fatalities", "1e3", "bad min_fatalities '1e3'"),
    ("corroborated_by", "bbc", "unknown corroborated_by source 'bbc'"),
    ("min_sources", "0", "bad min_sources '0'"),
    ("min_sources", "9" * 40, "bad min_sources"),
]
ENDPOINTS = ["/api/events", "/api/map", "/api/network", "/api/centrality", "/api/communities", "/api/export/csv",
             "/api/export/nquads"]


@pytest.mark.parametrize(("name", "value", "message"), BAD, ids=[f"{b[0]}={b[1][:5]}" for b in BAD])
@pytest.mark.parametrize("path", ENDPOINTS)
def test_api_facets_bad_values_are_400(client, path, name, value, message):
    response = client.get(path, query_string={name: value})
    body = response.get_json()
    assert response.status_code == 400 and body["ok"] is False and body["status"] == 400
    assert message in body["detail"]


def test_api_facets_openapi_documents_every_facet(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    for path in ("/api/events", "/api/map", "/api/network", "/api/paths", "/api/neighbours", "/api/centrality",
                 "/api/communities", "/api/export/{fmt}"):
        params = {p["name"]: p["schema"] for p in paths[path]["get"]["parameters"]}
        source = params["sources" if path == "/api/paths" else "source"]  # /api/paths: `source` is an actor
        assert source["anyOf"][0]["enum"] == ["extracted", "acled", "gdelt"], path
        assert params["date_precision"]["anyOf"][0]["enum"] == ["day", "week", "month", "year"]
        assert params["place_precision"]["anyOf"][0]["enum"] == ["exact", "town", "region", "country"]
        assert params["min_sources"]["anyOf"][0]["minimum"] == 1 and "corroborated_by" in params


def test_api_facets_agreement_example_query(client, sources_store):
    query = dict(EXAMPLE_QUERIES)["Where extracted events agree with ACLED or GDELT"]
    rows = sources_store.select(query)
    assert {(r["dataset"], r["sourceEventId"], r["article"].rsplit("/", 1)[-1]) for r in rows} == {
        ("acled", "SDN90001", "sdn-2023-04-16"), ("gdelt", "1100000001", "sdn-2023-04-16")}
    assert len(rows) == 2  # the clashes, agreeing with ACLED and GDELT (not the air strikes or Sunday's fighting)
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert len(response.get_json()["results"]["bindings"]) == 2


def test_api_facets_query_page_preloads_the_agreement_example(client):
    page = client.get("/sparql", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Where extracted events agree with ACLED or GDELT" in page


def test_api_facets_readme_queries_run(sources_store):
    text = README.read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```sparql\n(.*?)```", text, re.S) if "SELECT" in b]
    assert len(blocks) >= 7
    for block in blocks:
        sources_store.select(PREFIXES + "PREFIX plover: <https://w3id.org/conflict-kg/plover/>\n" + block)
    agreement = next(b for b in blocks if "?sourceEventId" in b)
    assert agreement.strip() in dict(EXAMPLE_QUERIES)["Where extracted events agree with ACLED or GDELT"]
