"""The pages in headless Chromium: network view (click a node, find a path), query page, map.

Screenshots go to tests/artifacts/. Every page must work offline: a request to any host
other than loopback fails the test.
"""
from __future__ import annotations

import pytest

from tests.browser.chromium import ARTIFACTS, browser, browser_page, skip_without_chromium  # noqa: F401
from tests.browser.fixtures import mini_server, seeded_server  # noqa: F401

pytestmark = [skip_without_chromium, pytest.mark.slow]


def test_pages_browser_network_click_node_and_find_path(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/network")
    page.wait_for_selector("#cy[data-ready=true]", timeout=20000)
    position = page.evaluate("""() => {
        const cy = document.getElementById('cy')._cyreg.cy;
        const p = cy.getElementById('army-a').renderedPosition();
        const box = document.getElementById('cy').getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y, nodes: cy.nodes().length, edges: cy.edges().length};
    }""")
    assert position["nodes"] == 4 and position["edges"] == 4
    page.mouse.click(position["x"], position["y"])
    page.wait_for_selector("#details h2 a", timeout=10000)
    assert page.inner_text("#details h2") == "Army A"
    assert page.locator("#details .event-list li").count() == 3
    page.fill("#path-from", "Council C")
    page.fill("#path-to", "Group D")
    page.click("#path-form button")
    page.wait_for_selector("#path-result[data-found=true]", timeout=10000)
    assert page.inner_text("#path-result") == "Council C → Militia B → Army A → Group D"
    highlighted = page.evaluate("() => document.getElementById('cy')._cyreg.cy.nodes('.path').length")
    assert highlighted == 4
    page.screenshot(path=str(ARTIFACTS / "network.png"))
    assert page.outside_requests == []


def test_pages_browser_network_filters_hide_edges(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/network")
    page.wait_for_selector("#cy[data-ready=true]", timeout=20000)
    page.uncheck("#type-filters input[value=ASSAULT]")
    hidden = page.evaluate("() => document.getElementById('cy')._cyreg.cy.edges('.hidden').map(e => e.data('type'))")
    assert hidden == ["ASSAULT"]
    page.evaluate("() => { const s = document.getElementById('date-slider'); s.value = '1';"
                  " s.dispatchEvent(new Event('input')); }")
    assert page.inner_text("#date-label") == "2019-04-06"


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
    assert page.inner_text("#map-status") == "2 places"
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
