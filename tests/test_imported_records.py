"""Imported events show what their record says (issue 13, item 8): ACLED notes and GDELT source URLs
on the event page, in the JSON API and in `kg path`; ACLED ids are case-insensitive."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from kg.config import Settings
from kg.importers.load import import_file
from kg.store import open_store
from tests.browser.fixtures import make_app
from tests.browser.live import live_server

from .test_generic_actors import write_acled

GDELT = Path(__file__).parent / "data" / "import" / "gdelt-events.export.CSV"
NOTES = "Team row: state police exchanged fire with an armed group."
URL = "https://example.org/2023/04/15/khartoum-fighting"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """A store of the team's ACLED rows and the GDELT fixture, and a live server over it."""
    root = tmp_path_factory.mktemp("records")
    path = root / "store"
    store = open_store(str(path))
    settings = Settings(store=str(path))
    assert import_file(store, "acled", write_acled(root / "team.csv"), settings=settings).imported == 5
    assert import_file(store, "gdelt", GDELT, settings=settings).imported > 0
    with live_server(make_app(store)) as server:
        yield store, path, server
    store.close()


@pytest.mark.parametrize("key", ["acled-mex70002", "acled-MEX70002", "ACLED-Mex70002"])
def test_imported_records_event_json_ids_are_case_insensitive(imported, key):
    _store, _path, server = imported
    response = requests.get(f"{server.url}/api/events/{key}", timeout=30)
    assert response.status_code == 200, response.text
    event = response.json()["event"]
    assert (event["id"], event["source_event_id"], event["notes"]) == ("acled-mex70002", "MEX70002", NOTES)
    assert event["source_url"] is None


def test_imported_records_event_page_shows_notes_and_url(imported):
    _store, _path, server = imported
    page = requests.get(f"{server.url}/events/acled-MEX70002", timeout=30)
    assert page.status_code == 200 and "<dt>notes</dt>" in page.text and NOTES in page.text
    gdelt = requests.get(f"{server.url}/events/gdelt-1100000001", timeout=30)
    assert gdelt.status_code == 200 and f'href="{URL}"' in gdelt.text
    assert requests.get(f"{server.url}/api/events/gdelt-1100000001", timeout=30).json()["event"]["source_url"] == URL
    missing = requests.get(f"{server.url}/events/acled-MEX99999", timeout=30)
    assert missing.status_code == 404 and "acled-MEX99999" in missing.text


def test_imported_records_listing_and_paths_carry_notes(imported):
    _store, _path, server = imported
    events = requests.get(f"{server.url}/api/events", params={"source": "acled", "type": "ASSAULT"}, timeout=30).json()
    assert {e["notes"] for e in events["events"]} >= {NOTES}
    paths = requests.get(f"{server.url}/api/paths", params={"source": "Mexican police",
                                                            "target": "Civilians (Mexico)"}, timeout=30).json()
    hops = paths["paths"][0]["hops"]
    assert hops[0]["events"][0]["notes"] == NOTES and hops[0]["events"][0]["source_url"] is None


def test_imported_records_kg_path_prints_notes_and_urls(imported, monkeypatch):
    """Before: `ASSAULT 2020-05-01 Acayucan: ` and nothing; now the row's notes (or GDELT's URL)."""
    from kg.cli import cli

    _store, path, _server = imported
    monkeypatch.setenv("KG_STORE", str(path))
    runner = CliRunner()
    result = runner.invoke(cli, ["path", "Mexican police", "Civilians (Mexico)"])
    assert result.exit_code == 0, result.output
    assert f"Acayucan: {NOTES}" in result.output
    assert "Team row: gunmen shot two shopkeepers." in result.output
    result = runner.invoke(cli, ["path", "Rapid Support Forces", "Sudanese Armed Forces", "--source", "gdelt"])
    assert result.exit_code == 0 and f"Khartoum: {URL}" in result.output, result.output
    data = json.loads(runner.invoke(cli, ["path", "Mexican police", "Civilians (Mexico)", "--json"]).output)
    assert data[0]["hops"][0]["events"][0]["notes"] == NOTES
