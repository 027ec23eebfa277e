"""Screenshots of every page at two sizes, for the README: ``docs/screens/<page>-<size>.png``.

Usage (from the repository root; `make screens` runs it)::

    python docs/screens.py                 # builds the seed store (kg ingest seeds/) in a temp dir
    python docs/screens.py --store DIR     # or shoots an existing store
    python docs/screens.py --only map,dyad # some pages only

The app is served on a free loopback port (as the tests serve it) and driven by Debian's
headless Chromium through Playwright (``apt-get install chromium``; Playwright never downloads
a browser here). Each page is shot once its data has loaded (the map's markers, the charts, the
network), at ``desktop`` (1280×800) and ``phone`` (390×844, a phone's CSS pixels) viewports.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "screens"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
LNA, GNA, TRIPOLI = "libyan-national-army", "government-of-national-accord", "geonames-2210247"


def pages(base: str, event: str, article: str) -> dict[str, tuple[str, str | None]]:
    """Page name -> (URL, the selector that says it has drawn, or None)."""
    return {
        "home": (f"{base}/", "figure.timeline[data-ready=true]"),
        "search": (f"{base}/search?q=GNA", None),
        "actor": (f"{base}/actors/{LNA}", "figure.timeline[data-ready=true]"),
        "dyad": (f"{base}/dyads/{LNA}/{GNA}", "figure.timeline[data-ready=true]"),
        "place": (f"{base}/places/{TRIPOLI}", "figure.timeline[data-ready=true]"),
        "event": (f"{base}/events/{event}", None),
        "article": (f"{base}/articles/{article}", None),
        "map": (f"{base}/map", "#map[data-ready=true][data-outline=true]"),
        "network": (f"{base}/network", "#graph[data-ready=true]"),
        "sparql": (f"{base}/sparql", "#yasgui[data-ready=true] .CodeMirror"),
        "docs": (f"{base}/docs", None),
        "not-found": (f"{base}/actors/no-such-actor", None),
    }


def seed_store(directory: Path) -> str:
    """A store built from seeds/ in `directory` (as `make seed` does)."""
    from kg.config import Settings
    from kg.pipeline import ingest_paths
    from kg.store import open_store

    path = str(directory / "store")
    store = open_store(path)
    summary = ingest_paths([str(ROOT / "seeds")], store, settings=Settings(store=path))
    store.close()
    if summary.failed:
        raise SystemExit(f"seeds/: {summary.failed} articles failed: {summary.errors}")
    return path


def shoot(store_path: str, only: set[str] | None = None) -> list[Path]:
    """Serve the store, shoot the pages, return the files written."""
    import requests
    from playwright.sync_api import sync_playwright

    from kg.store import open_store
    from tests.browser.chromium import ARGS, CHROMIUM
    from tests.browser.fixtures import make_app
    from tests.browser.live import live_server

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    store, written = open_store(store_path), []
    with live_server(make_app(store)) as server, sync_playwright() as p:
        event = requests.get(f"{server.url}/api/events", params={"actor": LNA, "limit": 1}, timeout=30).json()["events"][0]
        chosen = {name: spec for name, spec in pages(server.url, event["id"], event["article"].rsplit("/", 1)[-1]).items()
                  if not only or name in only}
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
            page = context.new_page()
            for name, (url, ready) in chosen.items():
                page.goto(url)
                if ready:
                    page.wait_for_selector(ready, state="attached", timeout=30000)
                page.wait_for_timeout(300)  # let a chart or the map finish its last frame
                target = OUT / f"{name}-{size}.png"
                page.screenshot(path=str(target))
                written.append(target)
            context.close()
        browser.close()
    store.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="store directory to shoot (default: build one from seeds/ in a temp dir)")
    parser.add_argument("--only", help="comma-separated page names (" + ", ".join(pages("", "", "")) + ")")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    unknown = (only or set()) - set(pages("", "", ""))
    if unknown:
        parser.error(f"--only: unknown page {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="kg-screens-") as tmp:
        written = shoot(args.store or seed_store(Path(tmp)), only)
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
