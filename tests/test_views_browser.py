"""The map, the timelines, the dyad and place pages, linked evidence and the 404 page in headless Chromium.

On the mini store (tests/data/api/mini.trig: exact answers) and the seeded store. Every page must
work offline (no request leaves loopback) and log no console error.
"""
from __future__ import annotations

import pytest
import requests

from tests.browser.chromium import ARTIFACTS, browser, browser_page, skip_without_chromium  # noqa: F401
from tests.browser.fixtures import mini_server, seeded_server  # noqa: F401

pytestmark = [skip_without_chromium, pytest.mark.slow]
TRIPOLI = "https://w3id.org/conflict-kg/id/place/geonames-2210247"


def clean(page):
    assert page.console_errors == [] and page.outside_requests == []


def test_views_map_clusters_then_popup_links_events(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/map")
    page.wait_for_selector("#map[data-ready=true][data-outline=true]", timeout=20000)
    assert page.inner_text("#map-status") == "2 places, 2 events"
    cluster = page.locator(".marker-cluster")
    assert cluster.count() == 1 and cluster.inner_text() == "2"  # Tripoli and Zawiya, 45 km apart, at zoom 3
    zoom = page.evaluate("() => document.getElementById('map').kgMap.map.getZoom()")
    cluster.click()
    page.wait_for_function(f"() => document.getElementById('map').kgMap.map.getZoom() > {zoom}")
    page.wait_for_selector(".map-marker", timeout=10000)
    page.wait_for_function("() => document.querySelectorAll('.map-marker').length === 2")
    page.locator(".map-marker[title^='Tripoli']").click()
    page.wait_for_selector(".map-popup[data-ready=true]", timeout=10000)
    assert page.inner_text(".map-popup strong") == "Tripoli"
    assert page.inner_text(".popup-events li") == "2019-04-05 ASSAULT Army A → Militia B"
    page.click(".popup-events a")
    page.wait_for_url("**/events/a1")
    assert "Army A" in page.inner_text("h1")
    clean(page)


def test_views_map_filters(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/map")
    page.wait_for_selector("#map[data-ready=true]", timeout=20000)
    page.check("#map-filters input[value=COERCE]")
    with page.expect_request(lambda r: "/api/map" in r.url and "type=COERCE" in r.url):
        page.click("#map-filters button")
    page.wait_for_selector("#map[data-ready=true]", timeout=20000)
    assert page.inner_text("#map-status") == "1 place, 1 event"
    page.uncheck("#map-filters input[value=COERCE]")
    page.fill("#map-filters input[name=from]", "2019-04-01")
    page.fill("#map-filters input[name=to]", "2019-12-31")
    page.click("#map-filters button")
    page.wait_for_selector("#map[data-ready=true]", timeout=20000)
    assert page.inner_text("#map-status") == "1 place, 1 event"  # a1 in Tripoli
    page.fill("#map-filters input[name=country]", "TUN")
    page.click("#map-filters button")
    page.wait_for_selector("#map[data-ready=true]", timeout=20000)
    assert page.inner_text("#map-status") == "0 places, 0 events"
    page.fill("#map-filters input[name=country]", "L1")  # the API's own check answers
    page.click("#map-filters button")
    page.wait_for_selector("#map[data-ready=error]", timeout=20000)
    assert "bad country 'L1'" in page.inner_text("#map-status")
    page.console_errors[:] = [e for e in page.console_errors if "400 (BAD REQUEST)" not in e]  # the refused request
    clean(page)


def test_views_map_outline_has_no_antimeridian_bands(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/map")
    page.wait_for_selector("#map[data-outline=true]", timeout=20000)
    crossing = page.evaluate("""() => {
        const found = [];
        document.getElementById('map').kgMap.outline().eachLayer(layer => {
            const rings = [];
            (function walk(x) { if (x.length && x[0].lng !== undefined) rings.push(x); else x.forEach(walk); })(layer.getLatLngs());
            rings.forEach(ring => { for (let i = 0; i < ring.length; i++) {
                const j = (i + 1) % ring.length;  // the closing edge too
                if (Math.abs(ring[j].lng - ring[i].lng) > 180) { found.push(layer.feature.properties.name); break; } } });
        });
        return found;
    }""")
    assert crossing == ["Antarctica"]  # Russia and Fiji no longer jump across the map; Antarctica goes round the pole
    clean(page)


def test_views_map_small_markers_above_big_ones(seeded_server, browser_page):
    page = browser_page
    page.goto(f"{seeded_server.url}/map?place={TRIPOLI}")
    page.wait_for_selector(".map-popup[data-ready=true]", timeout=20000)  # the place page's "show on the map"
    assert page.inner_text(".map-popup strong") == "Tripoli"
    page.evaluate("() => { const k = document.getElementById('map').kgMap; k.map.closePopup();"
                  " k.map.setView([32.8, 13.2], 9, {animate: false}); }")
    page.wait_for_timeout(500)
    markers = page.evaluate("""() => [...document.querySelectorAll('.map-marker')].map(m =>
        ({title: m.title, size: m.offsetWidth, z: Number(m.style.zIndex)}))""")
    assert len(markers) >= 2, markers
    by_size = sorted(markers, key=lambda m: m["size"])
    assert by_size[0]["size"] < by_size[-1]["size"] and by_size[0]["z"] > by_size[-1]["z"], by_size
    page.screenshot(path=str(ARTIFACTS / "map-tripoli.png"))
    clean(page)


def test_views_home_timeline_and_csv(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/")
    page.wait_for_selector("figure.timeline[data-ready=true]", timeout=20000)
    chart = "Chart.getChart(document.querySelector('figure.timeline canvas'))"
    labels = page.evaluate(f"() => {chart}.data.datasets.map(d => d.label)")
    assert labels == ["ACCUSE", "COERCE", "ASSAULT"]
    assert page.evaluate(f"() => {chart}.data.labels.length") == 62  # auto: by week
    assert "3 dated events by week; 1 undated not shown." in page.inner_text(".timeline-status")
    page.select_option("figure.timeline select.interval", "day")
    page.wait_for_selector("figure.timeline[data-ready=true]", timeout=20000)
    assert page.evaluate(f"() => {chart}.data.labels.length") == 426
    href = page.get_attribute("figure.timeline a.csv", "href")
    assert "interval=day" in href and "format=csv" in href
    rows = requests.get(mini_server.url + href, timeout=30).text.splitlines()
    assert rows[0] == "period,ACCUSE,COERCE,ASSAULT" and rows[1] == "2019-04-05,0,0,1" and len(rows) == 427
    clean(page)


def test_views_dyad_draws_both_ways(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/dyads/army-a/militia-b")
    page.wait_for_selector("figure.timeline[data-ready=true]", timeout=20000)
    titles = page.locator("figure.timeline h3").all_inner_texts()
    assert titles == ["Army A → Militia B · 1 dated event", "Militia B → Army A · 1 dated event"]
    sets = page.evaluate("() => [...document.querySelectorAll('figure.timeline canvas')].map(c =>"
                         " Chart.getChart(c).data.datasets.map(d => d.label + ':' + d.data.reduce((a, b) => a + b, 0)))")
    assert sets == [["ASSAULT:1"], ["ACCUSE:1"]]
    clean(page)


def test_views_evidence_links_and_404_page(mini_server, browser_page):
    page = browser_page
    page.goto(f"{mini_server.url}/articles/alpha")
    page.click("mark.evidence a[href='/events/a2']")
    page.wait_for_url("**/events/a2")
    assert page.inner_text("mark#evidence") == "Militia B accused Army A of war crimes."
    response = page.goto(f"{mini_server.url}/actors/nobody")
    assert response.status == 404 and page.inner_text("h1") == "404 · Not Found"
    assert page.inner_text(".error-detail") == "no actor 'nobody'"
    page.console_errors[:] = [e for e in page.console_errors if "404 (NOT FOUND)" not in e]  # the page's own status
    clean(page)


def test_views_place_page_on_seeds(seeded_server, browser_page):
    page = browser_page
    page.goto(f"{seeded_server.url}/places/geonames-2210247")
    page.wait_for_selector("figure.timeline[data-ready=true]", timeout=20000)
    assert page.inner_text("h1").startswith("Tripoli")
    total = requests.get(f"{seeded_server.url}/api/places/geonames-2210247", timeout=30).json()["place"]["events"]
    assert page.locator("table.events tbody tr").count() == total
    page.click("text=Show on the map")
    page.wait_for_selector(".map-popup[data-ready=true]", timeout=20000)
    clean(page)
