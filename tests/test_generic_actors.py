"""Generic actors (a class of people: civilians, protesters, gunmen) keep their country in their
identity, label and IRI, imported and extracted alike (issue 13, item 5)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.config import Settings
from kg.extract.dictionary import load_dictionary
from kg.graph.project import actor_graph
from kg.importers.actors import acled_actor, gdelt_actor
from kg.importers.load import import_file
from kg.mapping.iris import actor_iri, actor_label
from kg.pipeline import ingest_paths
from kg.store import open_store

ID = "https://w3id.org/conflict-kg/id/actor/"
HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,iso,country,location,"
          "latitude,longitude,geo_precision,fatalities,notes")
# Rows written by the team for this test (not ACLED's): Mexican police fight a Mexican armed group that
# attacks Mexican civilians; Myanmar's army shells Myanmar civilians; Haftar's forces shell Libyan ones.
ROWS = [
    "MEX70001,2020-04-28,Violence against civilians,Attack,Unidentified Armed Group (Mexico),3,Civilians (Mexico),7,"
    "484,Mexico,Chilpancingo de los Bravo,17.5506,-99.5024,1,2,Team row: gunmen shot two shopkeepers.",
    "MEX70002,2020-05-01,Battles,Armed clash,Police Forces of Mexico (2018-),1,Unidentified Armed Group (Mexico),3,"
    "484,Mexico,Acayucan,17.9492,-94.9146,1,0,Team row: state police exchanged fire with an armed group.",
    "MMR70003,2020-04-30,Explosions/Remote violence,Shelling/artillery/missile attack,"
    "Military Forces of Myanmar (2016-),1,Civilians (Myanmar),7,104,Myanmar,Sittwe,20.1461,92.8983,1,1,"
    "Team row: artillery hit a village.",
    "LBY70004,2020-04-29,Explosions/Remote violence,Shelling/artillery/missile attack,"
    "Military Forces of Libya (2014-) Haftar Faction,1,Civilians (Libya),7,434,Libya,Tripoli,32.8874,13.1873,1,0,"
    "Team row: shells fell on a residential district.",
    "MEX70005,2020-05-02,Protests,Peaceful protest,Protesters (Mexico),6,,,484,Mexico,Acapulco,16.8634,-99.8901,1,0,"
    "Team row: relatives of the victims marched.",
]


def write_acled(path: Path, rows=ROWS) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


ACLED_CASES = [
    ("Civilians (Mexico)", "7", "MEX", ("Civilians", "MEX", True), "Civilians (Mexico)", "civilians-mex"),
    ("Civilians (Mexico)", "7", "USA", ("Civilians", "MEX", True), "Civilians (Mexico)", "civilians-mex"),
    ("Protesters (Libya)", "6", "LBY", ("Protesters", "LBY", True), "Protesters (Libya)", "protesters-lby"),
    ("Rioters (India)", "5", "IND", ("Rioters", "IND", True), "Rioters (India)", "rioters-ind"),
    ("Unidentified Armed Group (Libya)", "3", "LBY", ("Unidentified Armed Group", "LBY", True),
     "Unidentified Armed Group (Libya)", "unidentified-armed-group-lby"),
    ("Fulani Ethnic Militia (Nigeria)", "4", "NGA", ("Fulani Ethnic Militia", "NGA", True),
     "Fulani Ethnic Militia (Nigeria)", "fulani-ethnic-militia-nga"),
    ("Civilians (International)", "7", "IRQ", ("Civilians", None, True), "Civilians", "civilians"),
    ("Asayish (Syria)", "8", "SYR", ("Asayish (Syria)", "SYR", False), "Asayish (Syria)", "asayish-syria"),
    ("Military Forces of Libya (2014-) Haftar Faction", "1", "LBY", ("Libyan National Army", "LBY", False),
     "Libyan National Army", "libyan-national-army"),
]


@pytest.mark.parametrize(("name", "inter", "country", "actor", "label", "slug"), ACLED_CASES,
                         ids=["civilians", "tail-over-event-country", "protesters", "rioters", "armed-group",
                              "ethnic-militia", "international-unscoped", "named-body-with-country", "named-force"])
def test_generic_actors_acled_names(name, inter, country, actor, label, slug):
    found = acled_actor(name, inter, country, load_dictionary())
    assert (found.label, found.country, found.generic) == actor
    assert (actor_label(found), str(actor_iri(found))) == (label, ID + slug)


def test_generic_actors_gdelt_civilians_take_the_code_country():
    found = gdelt_actor("MEXCVL", "CIVILIAN", "MEX", ("CVL",), load_dictionary())
    assert (actor_label(found), str(actor_iri(found))) == ("Civilians (Mexico)", ID + "civilians-mex")


@pytest.fixture
def imported(tmp_path):
    path = tmp_path / "store"
    store = open_store(str(path))
    summary = import_file(store, "acled", write_acled(tmp_path / "team.csv"), settings=Settings(store=str(path)))
    assert summary.imported == len(ROWS) and summary.failures == 0, summary.failed
    yield store, path
    store.close()


def test_generic_actors_imported_stay_apart_by_country(imported):
    store, _path = imported
    G = actor_graph(store)
    labels = {node: data["label"] for node, data in G.nodes(data=True)}
    assert labels[ID + "civilians-mex"] == "Civilians (Mexico)"
    assert labels[ID + "civilians-lby"] == "Civilians (Libya)"
    assert labels[ID + "civilians-mmr"] == "Civilians (Myanmar)"
    assert labels[ID + "protesters-mex"] == "Protesters (Mexico)"
    assert ID + "civilians" not in G
    assert G.nodes[ID + "civilians-mex"]["country"] == "MEX"


def test_generic_actors_path_does_not_run_through_worldwide_civilians(imported, monkeypatch):
    """`kg path 'Mexican police' Tatmadaw`: before, Mexican police → armed group → Civilians → Tatmadaw."""
    from kg.cli import cli

    _store, path = imported
    monkeypatch.setenv("KG_STORE", str(path))
    runner = CliRunner()
    result = runner.invoke(cli, ["path", "Mexican police", "Tatmadaw"])
    assert result.exit_code == 1 and "no path between Mexican police and Tatmadaw" in result.output, result.output
    result = runner.invoke(cli, ["path", "Mexican police", "Civilians (Mexico)", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["labels"] == ["Mexican police", "Unidentified Armed Group (Mexico)",
                                                      "Civilians (Mexico)"]
    result = runner.invoke(cli, ["path", "Civilians", "Tatmadaw"])
    assert result.exit_code == 1 and "Civilians (Myanmar)" in result.output  # a suggestion, not a guess


def test_generic_actors_extracted_and_imported_share_the_country_node(tmp_path, nlp):
    """Extracted 'civilians' in a Mexico story are the imported Civilians (Mexico); those of a Libya
    story are another actor; in a story of no known country they stay unscoped."""
    texts = tmp_path / "texts"
    texts.mkdir()
    stories = {"mex.txt": "date 2020-04-29 CKG, ACAPULCO, Mexico\n\n"
                          "Gunmen killed three civilians in Acapulco on Monday, police said.\n",
               "lby.txt": "date 2020-04-30 CKG, SABHA, Libya\n\n"
                          "Gunmen shot dead two civilians in Sabha on Tuesday, a hospital official said.\n",
               "nowhere.jsonl": json.dumps({"id": "nowhere", "date": "2020-04-29",
                                            "text": "Gunmen killed three civilians on Monday, witnesses said."}) + "\n"}
    for name, text in stories.items():
        (texts / name).write_text(text, encoding="utf-8")
    path = tmp_path / "store"
    store = open_store(str(path))
    settings = Settings(store=str(path))
    assert ingest_paths([str(texts)], store, settings=settings).failed == 0
    assert import_file(store, "acled", write_acled(tmp_path / "team.csv"), settings=settings).imported == len(ROWS)
    G = actor_graph(store)
    assert G.nodes[ID + "gunmen-mex"]["label"] == "Gunmen (Mexico)"
    assert G.nodes[ID + "gunmen-lby"]["label"] == "Gunmen (Libya)"
    assert G.nodes[ID + "civilians-lby"]["label"] == "Civilians (Libya)"
    assert G.nodes[ID + "civilians"]["label"] == "Civilians" and G.nodes[ID + "civilians"]["country"] is None
    mexican = {e["source"] for _u, _v, d in G.edges(ID + "civilians-mex", data=True) for e in d["events"]}
    assert mexican == {"extracted", "acled"}  # one node for the Mexican civilians of both sources
    store.close()
