"""The one filter model (`kg.filters`): one meaning per filter in listings and projections, the
place hierarchy (a place and everything inside it), and the API and CLI made from one table.

The store is real: one article mapped by `graph_from_frames` (places from the real gazetteer, so
the hierarchy is the one ingest writes) and one ACLED row, on disk. Every filter case runs through
the listing (`kg.queries.events`) and the projection (`kg.graph.fetch`), which must keep the same
events, the expected ones.
"""
from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.errors import FilterError, UnknownNodeError
from kg.extract.geo import load_gazetteer
from kg.facets import Facets
from kg.filters import DYAD_FIELDS, PARAMETERS, Filters
from kg.graph.fetch import fetch
from kg.importers.records import ImportedEvent, dataset_iri, graph_from_records
from kg.mapping.iris import actor_iri, article_iri
from kg.mapping.to_rdf import graph_from_frames
from kg.model import Actor, Article, EventFrame
from kg.queries import count_events, events
from kg.store import open_store
from tests.browser.fixtures import mini_client, mini_store  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/conflict-kg/id/"
LNA, GNA = Actor("Libyan National Army", "state_force", "LBY"), Actor("Government of National Accord", "government", "LBY")
ZAWIYA = Actor("Zawiya militias", "armed_group", "LBY")
UN = Actor("United Nations", "international_organisation")
RSF, SAF = Actor("Rapid Support Forces", "armed_group", "SDN"), Actor("Sudanese Armed Forces", "state_force", "SDN")
MERKEL, HAFTAR = Actor("Angela Merkel", "person", "DEU"), Actor("Khalifa Haftar", "person", "LBY")
BLINKEN = Actor("Antony Blinken", "person", "USA")
TARABULUS = f"{ID}place/geonames-2210245"  # the first-level division, Libya's Tripoli district
TRIPOLI_CITY = f"{ID}place/geonames-2210247"

# trigger: (action, actor, target, place name for the gazetteer or None)
REPORTS = {
    "shelled": ("ASSAULT", LNA, GNA, "Tripoli"),
    "bombed": ("ASSAULT", LNA, GNA, "Mitiga airport"),
    "clashed": ("ASSAULT", GNA, LNA, "Qasr Bin Ghashir"),
    "met": ("CONSULT", UN, GNA, "Libya"),
    "captured": ("COERCE", ZAWIYA, LNA, "Zawiya"),
    "fought": ("ASSAULT", RSF, SAF, "Khartoum"),
    "hosted": ("CONSULT", MERKEL, HAFTAR, "Berlin"),
    "urged": ("REQUEST", BLINKEN, RSF, None),
}
LIBYA = {"shelled", "bombed", "clashed", "met", "captured", "LBY1"}
TRIPOLI = {"shelled", "bombed", "clashed", "LBY1"}  # LBY1: an ACLED row at Tajoura, in the same district


@pytest.fixture(scope="module")
def places_store(tmp_path_factory):
    """The article and the ACLED row, in a store on disk."""
    gaz = load_gazetteer()
    text, frames, at = "", [], 0
    for trigger, (action, actor, target, place) in REPORTS.items():
        sentence = f"They {trigger} it."
        frames.append(EventFrame("places", action, "19", trigger, sentence, at, at + len(sentence), at + 5,
                                 actor=actor, target=target, place=gaz.resolve(place) if place else None,
                                 date=date(2019, 4, 5), confidence=0.8))
        text, at = text + sentence + " ", at + len(sentence) + 1
    article = Article("places", text.strip(), date(2019, 4, 6))
    store = open_store(str(tmp_path_factory.mktemp("places") / "store"))
    store.put_article(str(article_iri("places")), graph_from_frames(frames, article).serialize(format="nt"),
                      article.content_hash)
    row = ImportedEvent("acled", "LBY1", "ASSAULT", date(2019, 4, 7), actor=LNA, target=GNA,
                        place=gaz.resolve("Tajura"), place_precision="town")
    store.add_graph(dataset_iri("acled", "x"), graph_from_records([row], source="acled", name="x").serialize(format="nt"))
    yield store
    store.close()


def _names(store, event_iris) -> set[str]:
    rows = store.select("SELECT ?e ?name WHERE { ?e <https://w3id.org/conflict-kg/ontology#trigger>"
                        "|<https://w3id.org/conflict-kg/ontology#sourceEventId> ?name }")
    by_iri = {r["e"]: r["name"] for r in rows}
    return {by_iri[e] for e in event_iris}


CASES = [
    ("place-name", Filters(place="Tripoli"), TRIPOLI),  # the city and the district both carry the name
    ("place-region-iri", Filters(place=TARABULUS), TRIPOLI),
    ("place-city-iri", Filters(place=TRIPOLI_CITY), {"shelled"}),  # the airport lies in the district, not the city
    ("place-site", Filters(place="mitiga international airport"), {"bombed"}),
    ("place-country", Filters(place="Libya"), LIBYA),
    ("country", Filters(country="lby"), LIBYA),  # the event placed only at Libya counts
    ("country-sdn", Filters(country="SDN"), {"fought"}),
    ("party-country-sdn", Filters(party_country="SDN"), {"fought", "urged"}),  # Blinken's call has no place
    ("country-deu", Filters(country="DEU"), {"hosted"}),
    ("party-country-deu", Filters(party_country="DEU"), {"hosted"}),
    ("country-usa", Filters(country="USA"), set()),
    ("party-country-usa", Filters(party_country="USA"), {"urged"}),
    ("both-countries", Filters(country="LBY", party_country="DEU"), set()),
    ("place-and-country", Filters(place="Tripoli", country="SDN"), set()),
    ("place-and-type", Filters(place="Tripoli", types="ASSAULT"), TRIPOLI),
    ("actor", Filters(actor=str(actor_iri(RSF))), {"fought", "urged"}),
    ("actor-and-party-country", Filters(actor=str(actor_iri(HAFTAR)), party_country="DEU"), {"hosted"}),
    ("dyad-lna-to-gna", Filters(from_actor=str(actor_iri(LNA)), to_actor=str(actor_iri(GNA))),
     {"shelled", "bombed", "LBY1"}),  # what one side of a dyad did to the other, not the other way
    ("dyad-gna-to-lna", Filters(from_actor=str(actor_iri(GNA)), to_actor=str(actor_iri(LNA)), place="Tripoli"),
     {"clashed"}),
    ("to-actor", Filters(to_actor=str(actor_iri(LNA))), {"clashed", "captured"}),
    ("source", Filters(place="Tripoli", facets=Facets(sources="acled")), {"LBY1"}),
    ("dates", Filters(country="LBY", date_from="2019-04-06"), {"LBY1"}),
    ("confidence", Filters(place="Tripoli", min_confidence=0.5), TRIPOLI - {"LBY1"}),
    ("no-filter", Filters(), set(REPORTS) | {"LBY1"}),
]


@pytest.mark.parametrize("filters, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_filters_one_meaning_in_listings_and_projections(places_store, filters, expected):
    listed = events(places_store, filters, limit=500)
    projected, _nodes = fetch(places_store, filters)
    assert _names(places_store, [e["iri"] for e in listed]) == expected
    assert _names(places_store, [e["event"] for e in projected]) == expected
    assert count_events(places_store, filters) == len(expected)


def test_filters_places_state_their_hierarchy(places_store):
    """Each place is geo:sfWithin its divisions and its country, each described once, with its names."""
    def within(name: str) -> set[str]:
        rows = places_store.select(f"""SELECT ?outer WHERE {{ ?p <http://www.w3.org/2000/01/rdf-schema#label> "{name}" ;
            <http://www.opengis.net/ont/geosparql#sfWithin>/<http://www.w3.org/2000/01/rdf-schema#label> ?outer }}""")
        return {r["outer"] for r in rows}

    assert within("Mitiga International Airport") == within("Qasr Bin Ghashir") == {"Ţarābulus", "Libya"}
    assert within("Ţarābulus") == {"Libya"} and within("Libya") == set()
    assert within("Tajoura") == {"Ţarābulus", "Libya"}  # the ACLED row's place, by the same rule
    assert within("Khartoum") == {"Khartoum", "Sudan"}  # the city in the state of the same name
    aliases = places_store.select(f"SELECT ?a WHERE {{ <{TARABULUS}> <http://www.w3.org/2004/02/skos/core#altLabel> ?a }}")
    assert [r["a"] for r in aliases] == ["Tripoli"]
    total = places_store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    assert places_store.select("SELECT (COUNT(DISTINCT *) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] == total


def test_filters_unknown_place_empty_listing_error_in_projection(places_store):
    assert events(places_store, Filters(place="Tripolis")) == [] and count_events(places_store, Filters(place="Tripolis")) == 0
    with pytest.raises(UnknownNodeError, match="unknown place 'Tripolis'; did you mean Tripoli"):
        fetch(places_store, Filters(place="Tripolis"))


def test_filters_places_inside_follow_the_hierarchy(places_store):
    """A place page lists the places that lie in a division; a country's, every place of the country."""
    from kg.places import place, places_inside

    inside = {p["label"] for p in places_inside(places_store, place(places_store, TARABULUS))}
    assert inside == {"Tripoli", "Mitiga International Airport", "Qasr Bin Ghashir", "Tajoura"}
    assert places_inside(places_store, place(places_store, TRIPOLI_CITY)) == []
    libya = place(places_store, f"{ID}place/geonames-2215636")
    assert libya["is_country"] and {"Ţarābulus", "Tripoli", "Tajoura"} <= {
        p["label"] for p in places_inside(places_store, libya)}


def test_filters_every_field_has_one_parameter():
    by_field = {p.field: p for p in PARAMETERS}
    assert len(by_field) == len(PARAMETERS) == len({p.name for p in PARAMETERS}) == len({p.option for p in PARAMETERS})
    assert set(by_field) == ({f.name for f in fields(Filters)} - {"facets", *DYAD_FIELDS}) | {
        f"facets.{f.name}" for f in fields(Facets)}


def test_filters_from_values_and_checked():
    made = Filters.from_values({"type": ["assault", "coerce"], "country": "lby", "party_country": "deu",
                                "article": [f"{ID}article/a", f"{ID}article/a"], "source": "ACLED"})
    assert made == Filters(types=("ASSAULT", "COERCE"), country="LBY", party_country="DEU",
                           articles=(f"{ID}article/a",), facets=Facets(sources="acled"))
    assert Filters.checked("party_country", "sdn") == "SDN" and Filters.checked("from", "2019-04-05") == date(2019, 4, 5)
    for name, bad, words in (("party_country", "Sudan", "bad party_country 'Sudan'"), ("actor", "not an iri", "actor IRI"),
                             ("min_sources", "0", "bad min_sources")):
        with pytest.raises(FilterError, match=words):
            Filters.checked(name, bad)


def test_filters_readme_documents_every_parameter():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    for p in PARAMETERS:
        assert any(f"`{p.name}`" in row.split("|")[1] and f"`--{p.option}`" in row.split("|")[2] for row in rows), p.name


def test_filters_openapi_is_made_from_the_model(mini_client):
    doc = mini_client.get("/openapi.json").get_json()

    def described(path: str) -> dict[str, str]:
        return {q["name"]: q["description"] for q in doc["paths"][path]["get"]["parameters"]}

    listing, network, paths = described("/api/events"), described("/api/network"), described("/api/paths")
    for p in PARAMETERS:
        assert listing[p.name] == p.help
        assert (p.name in network) == (not p.listing) and (not p.listing) == (p.name in described("/api/export/{fmt}"))
    assert paths["sources"].startswith(next(p.help for p in PARAMETERS if p.name == "source"))
    assert "place lies in this country" in listing["country"] and "actor or a target" in listing["party_country"]


@pytest.fixture
def places_client(places_store):
    from api import create_app
    from kg.config import Settings

    return create_app(Settings(store="unused"), store=places_store).test_client()


def test_filters_api_filters_by_the_hierarchy(places_client):
    body = places_client.get("/api/events?place=Tripoli&limit=500").get_json()
    assert body["total"] == 4 and {e["place"]["label"] for e in body["events"]} == {
        "Tripoli", "Mitiga International Airport", "Qasr Bin Ghashir", "Tajoura"}
    assert places_client.get("/api/events?place=geonames-2210245").get_json()["total"] == 4
    network = places_client.get("/api/network?party_country=SDN").get_json()
    assert sorted(n["label"] for n in network["nodes"]) == ["Antony Blinken", "Rapid Support Forces", "Sudanese Armed Forces"]
    placed = places_client.get("/api/network?country=SDN").get_json()
    assert sorted(n["label"] for n in placed["nodes"]) == ["Rapid Support Forces", "Sudanese Armed Forces"]
    assert {p["label"] for p in places_client.get("/api/map?place=Tripoli").get_json()["places"]} == {
        "Tripoli", "Mitiga International Airport", "Qasr Bin Ghashir", "Tajoura"}
    bad = places_client.get("/api/events?party_country=Sudan")
    assert bad.status_code == 400 and "bad party_country 'Sudan'" in bad.get_json()["detail"]


def test_filters_cli_options_are_the_model(places_store):
    """`kg events` and the graph commands take the model's options (the store is read beside this
    process's handle, as beside `kg serve`)."""
    from kg.cli import cli

    run, path = CliRunner().invoke, str(places_store.path)
    for name in ("events", "centrality"):
        assert "--party-country ISO3" in run(cli, [name, "--help"]).output
    listed = json.loads(run(cli, ["events", "--store", path, "--place", "Tripoli", "--format", "json"]).output)
    assert listed["total"] == 4
    ranked = json.loads(run(cli, ["centrality", "--store", path, "--party-country", "SDN", "--json"]).output)
    assert ranked["nodes"] == 3
    bad = run(cli, ["events", "--store", path, "--party-country", "Sudan"])
    assert bad.exit_code == 2 and "Invalid value for '--party-country': bad party_country 'Sudan'" in bad.output
