"""Server-rendered pages over HTTP: home, search, actor, event, article, network, map, docs."""
from __future__ import annotations

import re

import pytest
import requests

from tests.browser.fixtures import mini_server, seeded_server  # noqa: F401


def page(server, path, **params):
    response = requests.get(server.url + path, params=params, headers={"Accept": "text/html"}, timeout=30)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"].startswith("text/html")
    return response.text


def test_pages_home_counts_and_latest_articles(mini_server):
    html = page(mini_server, "/")
    assert 'data-count="events">4<' in html and 'data-count="articles">2<' in html
    assert html.index("beta") < html.index("Alpha report")


def test_pages_search(mini_server):
    html = page(mini_server, "/search", q="militia")
    actors = html[html.index("<h2>Actors"):html.index("<h2>Events")]
    assert "/actors/militia-b" in actors and "Army A" not in actors


def test_pages_actor(mini_server):
    html = page(mini_server, "/actors/army-a")
    assert "<h1>Army A" in html and "state force" in html and "Group D" in html


def test_pages_event_highlights_its_evidence(mini_server):
    html = page(mini_server, "/events/a2")
    mark = re.search(r'<mark class="evidence current" id="evidence"[^>]*>(.*?)</mark>', html).group(1)
    assert mark == "Militia B accused Army A of war crimes."


def test_pages_article_highlights_every_evidence(mini_server):
    html = page(mini_server, "/articles/alpha")
    assert html.count('<mark class="evidence') == 3


@pytest.mark.parametrize("path", ["/network", "/map", "/sparql", "/docs", "/", "/actors/army-a",
                                  "/dyads/army-a/militia-b", "/places/geonames-2210247"])
def test_pages_use_only_local_assets(mini_server, path):
    html = page(mini_server, path)
    assert not re.search(r'(src|href)="(https?:)?//', html.replace(mini_server.url, ""))


def test_pages_vendored_bundles_have_no_remote_fonts_or_cdns():
    from pathlib import Path

    vendor = Path(__file__).resolve().parents[1] / "api" / "static" / "vendor"
    libraries = [d for d in vendor.iterdir() if d.is_dir()]
    assert {"sigma", "graphology", "graphology-layout-forceatlas2", "leaflet", "leaflet.markercluster",
                                            "topojson-client", "world-atlas", "chartjs", "yasgui"} <= {d.name for d in libraries}
    for lib in libraries:  # every vendored library says which version it is and under which licence
        for name in ("LICENSE", "VERSION"):
            assert (lib / name).exists(), f"{lib.name}/{name} missing"
    for path in list(vendor.rglob("*.css")) + list(vendor.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"fonts\.googleapis|cdn\.jsdelivr|unpkg\.com|cdnjs", text), path
        assert not re.search(r"url\(['\"]?https?://", text), path


def test_pages_on_seeds_show_real_data(seeded_server):
    html = page(seeded_server, "/")
    events = int(re.search(r'data-count="events">(\d+)<', html).group(1))
    assert events > 0
    article = requests.get(f"{seeded_server.url}/api/articles", timeout=30).json()["articles"][0]
    assert '<mark class="evidence' in page(seeded_server, f"/articles/{article['id']}")


def test_pages_unknown_actor_is_a_json_404(mini_server):
    response = requests.get(f"{mini_server.url}/actors/nobody", timeout=30)
    assert response.status_code == 404 and response.json()["ok"] is False
