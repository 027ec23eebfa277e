"""The network page in headless Chromium (sigma.js over /api/network), driven by clicks and keys:
the hand-written mini store for exact answers, the seed store, and the synthetic store of 10,000
actors and 100,000 events, on which the first useful paint is measured (printed and written to
tests/artifacts/network-paint.json, never asserted; bench/README.md keeps the figures). Its server
starts as `kg serve` does, warming the page's first answer in the background (`api.warm`): the
page is opened at once (its request waits for the warm-up's projection) and, on a second server,
once the warm-up has finished.
"""
from __future__ import annotations

import json
import platform
import time

import pytest
import requests

from kg.graph.cache import cache_for

from tests.browser.chromium import ARTIFACTS, browser, browser_page, skip_without_chromium  # noqa: F401
from tests.browser.fixtures import mini_server, seeded_server  # noqa: F401
from tests.browser.synth import synth_server, synth_store_dir  # noqa: F401

pytestmark = [skip_without_chromium, pytest.mark.slow]

POINT = """(node) => {
    const c = KG_NETWORK.current, r = c.renderer;
    const p = r.graphToViewport(c.graph.getNodeAttributes(node));
    const b = document.getElementById('graph').getBoundingClientRect();
    return {x: b.left + p.x, y: b.top + p.y};
}"""
SHOWN = """() => {
    const g = KG_NETWORK.current.graph;
    return {nodes: g.filterNodes((n, a) => !a.hidden).sort(),
            edges: g.filterEdges((e, a) => !a.hidden).map(e => g.extremities(e).slice().sort().join('|')).sort()};
}"""


def open_network(page, url: str, settled: bool = True) -> None:
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url)
    drawn(page, settled)


def drawn(page, settled: bool = True) -> None:
    page.wait_for_selector("#graph[data-ready=true]", state="attached", timeout=60000)
    if settled:
        page.wait_for_selector("#graph[data-settled=true]", state="attached", timeout=90000)


def redraw(page) -> None:
    """Submit the view form and wait for the new drawing."""
    page.evaluate("() => { document.getElementById('graph').dataset.ready = 'pending'; }")
    page.click("#f-draw")
    drawn(page)


def no_errors(page, allowed: str | None = None) -> None:
    """No JS error and no console error (but the `allowed` one, when the test asked for it)."""
    console = [m for m in page.console_errors if not (allowed and allowed in m)]
    assert console == [] and page.errors == [], (page.console_errors, page.errors)
    assert page.outside_requests == []


def test_network_browser_click_node_and_find_path_with_hop_events(mini_server, browser_page):
    page = browser_page
    open_network(page, f"{mini_server.url}/network")
    assert page.evaluate(SHOWN) == {"nodes": ["army-a", "council-c", "group-d", "militia-b"],
                                    "edges": ["army-a|group-d", "army-a|militia-b", "council-c|militia-b"]}
    point = page.evaluate(POINT, "army-a")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#details h2 a", timeout=10000)
    assert page.inner_text("#details h2") == "Army A"
    assert page.locator("#details .event-list li").count() == 3
    page.fill("#path-from", "Council C")
    page.fill("#path-to", "Group D")
    page.click("#path-form button")
    page.wait_for_selector("#path-result[data-found=true]", timeout=10000)
    assert page.inner_text("#path-result .path-line") == "Council C → Militia B → Army A → Group D (3 hops)"
    hops = page.locator("#path-result .hop")
    assert hops.count() == 3
    assert hops.nth(0).locator("h3").inner_text() == "Council C — Militia B: 1 event (REQUEST)"
    first = hops.nth(0).locator(".event-list li").inner_text()
    assert "REQUEST" in first and "undated" in first and "Council C called on Militia B" in first
    second = hops.nth(1).locator(".event-list li")
    assert second.count() == 2 and "2019-04-05 · Tripoli" in second.nth(0).inner_text()
    link = hops.nth(2).locator("a").first.get_attribute("href")
    assert link.endswith("/events/b1") and requests.get(mini_server.url + link, timeout=30).status_code == 200
    highlighted = page.evaluate("() => Array.from(KG_NETWORK.current.state.path.nodes).sort()")
    assert highlighted == ["army-a", "council-c", "group-d", "militia-b"]
    page.screenshot(path=str(ARTIFACTS / "network.png"))
    no_errors(page)


def test_network_browser_time_window_hides_nodes_and_keeps_undated_on_request(mini_server, browser_page):
    page = browser_page
    open_network(page, f"{mini_server.url}/network")
    assert page.inner_text("#to-label") == "2020-06-03"
    page.focus("#to-slider")
    page.keyboard.press("ArrowLeft")  # the window ends 2019-04-06: Group D's one event (2020) is out
    assert page.inner_text("#to-label") == "2019-04-06"
    assert page.evaluate(SHOWN) == {"nodes": ["army-a", "council-c", "militia-b"],
                                    "edges": ["army-a|militia-b", "council-c|militia-b"]}  # C's request is undated
    page.click("#undated")
    assert page.evaluate(SHOWN) == {"nodes": ["army-a", "militia-b"], "edges": ["army-a|militia-b"]}
    page.focus("#from-slider")
    page.keyboard.press("ArrowRight")  # 2019-04-06 to 2019-04-06: B accused A, so the link stays, of weight 1
    assert page.inner_text("#from-label") == "2019-04-06"
    weight = page.evaluate("() => { const g = KG_NETWORK.current.graph; return g.getEdgeAttribute(g.edge('army-a', 'militia-b'), 'shown'); }")
    assert weight == 1
    assert page.inner_text("#net-status").startswith("2 actors and 1 link shown")
    no_errors(page)


def test_network_browser_filters_ask_the_server_again(mini_server, browser_page):
    page = browser_page
    open_network(page, f"{mini_server.url}/network")
    page.fill("#f-min-weight", "2")
    redraw(page)
    assert page.evaluate(SHOWN)["nodes"] == ["army-a", "militia-b"]
    assert "min_weight=2" in page.url
    page.fill("#f-min-weight", "1")
    page.uncheck("#type-filters input[value=ASSAULT]")
    page.uncheck("#type-filters input[value=ACCUSE]")
    redraw(page)
    assert page.evaluate(SHOWN)["edges"] == ["army-a|group-d", "council-c|militia-b"]
    page.check("#type-filters input[value=ASSAULT]")
    page.check("#type-filters input[value=ACCUSE]")
    page.fill("#f-ego", "Council C")
    redraw(page)
    assert page.evaluate(SHOWN)["nodes"] == ["council-c", "militia-b"]
    assert "ego network of Council C" in page.inner_text("#net-status")
    page.click("#ego-clear")
    drawn(page)
    page.check("#f-directed")
    redraw(page)
    assert page.evaluate("() => KG_NETWORK.current.graph.type") == "directed"
    assert len(page.evaluate(SHOWN)["edges"]) == 4  # A shelled B and B accused A: two ordered pairs
    page.fill("#f-top", "2")
    page.fill("#f-country", "lby")
    redraw(page)
    shown = page.evaluate(SHOWN)["nodes"]  # events placed in Libya: A shelled B in Tripoli, A detained D in Zawiya
    assert len(shown) == 2 and "army-a" in shown and "council-c" not in shown  # the council's call is placed nowhere
    page.fill("#f-ego", "Army Z")
    page.click("#f-draw")
    page.wait_for_selector("#net-status.error", timeout=10000)
    assert "Army Z" in page.inner_text("#net-status") and "Army A" in page.inner_text("#net-status")
    no_errors(page, allowed="status of 404")  # the API's answer to an unknown ego, which the page shows


def test_network_browser_link_tooltip_and_events(mini_server, browser_page):
    page = browser_page
    open_network(page, f"{mini_server.url}/network")
    a, b = page.evaluate(POINT, "army-a"), page.evaluate(POINT, "militia-b")
    page.mouse.move((a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    page.wait_for_selector("#tooltip:not([hidden])", timeout=10000)
    assert "2 events in view" in page.inner_text("#tooltip") and "ASSAULT 1" in page.inner_text("#tooltip")
    page.mouse.click((a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    page.wait_for_selector("#details .hop", timeout=10000)
    assert page.locator("#details .hop .event-list li").count() == 2
    no_errors(page)


def test_network_browser_seed_labels_never_overlap_and_zoom_shows_more(seeded_server, browser_page):
    page = browser_page
    open_network(page, f"{seeded_server.url}/network")
    boxes = page.evaluate("() => KG_NETWORK.current.placer.drawn")
    assert len(boxes) >= 10
    for i, one in enumerate(boxes):
        for other in boxes[i + 1:]:
            overlap = one["x0"] < other["x1"] and other["x0"] < one["x1"] and one["y0"] < other["y1"] and other["y0"] < one["y1"]
            assert not overlap, (one, other)
    labels = page.evaluate("() => Object.fromEntries(KG_NETWORK.current.placer.drawn.map(b => [b.key, 1]))")
    assert "libyan-national-army" in labels  # the most central actor always has its name
    page.screenshot(path=str(ARTIFACTS / "network-seeds.png"))
    no_errors(page)


def _paint(page, url: str) -> dict:
    started = time.perf_counter()
    open_network(page, url)
    figures = {name: int(page.get_attribute("#graph", f"data-{name}")) for name in
               ("paint-ms", "settled-at-ms", "settle-ms", "iterations")}
    figures["wall_s"] = round(time.perf_counter() - started, 2)
    return figures


def _record(name: str, figures: dict) -> None:
    """Print the figures and keep them under `name` in tests/artifacts/network-paint.json."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "network-paint.json"
    record = json.loads(path.read_text()) if path.exists() else {}
    record.update({"store": "bench/synth_store.py --events 100000 --actors 10000 --places 2000 --seed 1",
                   "view": "default: top 500 by degree", name: figures,
                   "machine": f"{platform.machine()}, {platform.python_version()}",
                   "date": time.strftime("%Y-%m-%d %H:%M")})
    path.write_text(json.dumps(record, indent=2))
    print(f"\nnetwork page, first useful paint, {name}: {json.dumps(figures)}")


def test_network_browser_synthetic_store_paint_slider_filters_path(synth_server, browser_page):
    page = browser_page
    opened = round(time.perf_counter() - synth_server.started, 2)
    immediate = _paint(page, f"{synth_server.url}/network")  # at once: the request waits for the warm-up's build
    immediate["opened_after_start_s"] = opened
    status = page.inner_text("#net-status")
    assert status.startswith("500 actors and") and "(of 9," in status
    no_errors(page)
    warm = _paint(page, f"{synth_server.url}/network")
    synth_server.warming.wait()
    cache = cache_for(synth_server.app.extensions["kg_store"])
    assert synth_server.warming.error is None and cache.builds == 1  # the page's request shared the warm-up's build
    _record("opened at once", {"first visit": immediate, "second visit": warm,
                               "warm-up_s": round(synth_server.warming.seconds, 2),
                               "projection": {"builds": cache.builds, "waits": cache.waits, "hits": cache.hits}})
    page.screenshot(path=str(ARTIFACTS / "network-synthetic.png"))
    before = len(page.evaluate(SHOWN)["nodes"])
    page.focus("#to-slider")
    page.keyboard.press("Home")  # the window is the first day of the data
    for _ in range(6):  # ... and then its first week
        page.keyboard.press("ArrowRight")
    page.click("#undated")  # and without the undated events
    week = page.evaluate(SHOWN)
    assert 0 < len(week["nodes"]) < before
    start, end = page.inner_text("#from-label"), page.inner_text("#to-label")
    assert start < end
    assert page.evaluate("""([start, end]) => KG_NETWORK.current.graph.everyNode((n, a) =>
        a.hidden === !a.dates.some(d => d >= start && d <= end))""", [start, end])  # hidden: no event in the week
    page.fill("#f-top", "100")
    page.select_option("#f-metric", "pagerank")
    redraw(page)
    assert page.inner_text("#net-status").startswith("100 actors and")
    first = page.evaluate("() => KG_NETWORK.current.graph.nodes()[0]")
    page.fill("#path-from", first)
    page.fill("#path-to", "synthetic-actor-5000")
    page.click("#path-form button")
    page.wait_for_selector("#path-result[data-found=true]", timeout=30000)
    assert page.locator("#path-result .hop").count() >= 1
    assert page.locator("#path-result .hop a[href*='/events/']").count() >= 1
    no_errors(page)


def test_network_browser_synthetic_store_first_visit_after_the_warm_up(synth_server, browser_page):
    """A user who opens the page once the warm-up has finished (some seconds after `kg serve` said
    it serves): the first visit is answered from the kept projection and view."""
    synth_server.warming.wait()
    assert synth_server.warming.error is None
    done = round(time.perf_counter() - synth_server.started, 2)
    page = browser_page
    first = _paint(page, f"{synth_server.url}/network")
    assert page.inner_text("#net-status").startswith("500 actors and")
    no_errors(page)
    _record("opened after the warm-up", {"first visit": first, "warm-up_s": round(synth_server.warming.seconds, 2),
                                          "opened_after_start_s": done})
