"""The pages in headless Chromium: query page, map, evidence (the network view: test_network_browser.py).

Screenshots go to tests/artifacts/. Every page must work offline: a request to any host
other than loopback fails the test.
"""
from __future__ import annotations

import pytest

from tests.browser.chromium import ARTIFACTS, browser, browser_page, skip_without_chromium  # noqa: F401
from tests.browser.fixtures import mini_server, seeded_server  # noqa: F401

pytestmark = [skip_without_chromium, pytest.mark.slow]


def test_pages_browser_query_page_runs_a_query(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/sparql")
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror", timeout=20000)
    page.select_option("#examples", label="The evidence for an event")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr td", timeout=20000)
    text = page.inner_text(".yasr")
    assert "Army A shelled Militia B" in text or "Militia B accused Army A" in text
    page.screenshot(path=str(ARTIFACTS / "query.png"))
    assert page.outside_requests == []


def test_pages_browser_map_draws_points(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/map")
    page.wait_for_selector("#map[data-ready=true]", timeout=20000)
    page.wait_for_selector(".leaflet-overlay-pane path", timeout=20000)
    assert page.locator(".marker-cluster").count() == 1  # Tripoli and Zawiya, clustered at the first zoom
    assert page.inner_text("#map-status") == "2 places, 2 events"
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    assert page.outside_requests == []


def test_pages_browser_article_evidence_on_seeds(seeded_server, browser_page):
    import requests

    event = requests.get(f"{seeded_server.url}/api/events", params={"limit": 1}, timeout=30).json()["events"][0]
    page = browser_page
    page.goto(f"{seeded_server.url}/events/{event['id']}")
    assert page.inner_text("mark#evidence").strip() == event["evidence"].strip()
    page.goto(f"{seeded_server.url}/")
    page.screenshot(path=str(ARTIFACTS / "home.png"))
    assert page.outside_requests == []
