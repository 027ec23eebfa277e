"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright; never downloads a browser."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

__all__ = ["CHROMIUM", "ARGS", "ARTIFACTS", "browser_page", "skip_without_chromium"]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

skip_without_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Chromium is not installed (apt-get install -y chromium); browser tests need /usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per module."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    """A fresh page that records requests to hosts other than loopback and console errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.outside_requests = []
    page.console_errors = []

    def watch(request):
        host = request.url.split("/")[2] if "://" in request.url else ""
        if request.url.startswith(("http://", "https://")) and not host.startswith(("127.0.0.1", "localhost")):
            page.outside_requests.append(request.url)

    page.on("request", watch)
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    ARTIFACTS.mkdir(exist_ok=True)
    yield page
    context.close()
