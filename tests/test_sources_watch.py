"""`kg watch DIR` in a real process: files ingested as they appear, a summary on Ctrl+C (SIGINT), and
posting to a running `kg serve` (on 127.0.0.1) when the server holds the store."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "pages"
FIRST = "date 2021-03-14 CKG, KABUL, Afghanistan\n\nTaliban fighters attacked an army checkpoint in Kunduz on Friday.\n"
SECOND = ("date 2021-03-15 CKG, KANDAHAR, Afghanistan\n\nPolice arrested twelve protesters in Kandahar on Sunday "
          "after a march against rising food prices, officials said.\n")
PREFIXES = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
pytestmark = pytest.mark.slow


class Process:
    """A `python -m kg.cli ...` process of this checkout, its stderr collected as it comes."""

    def __init__(self, *args, env=None):
        self.process = subprocess.Popen([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env={**os.environ, "KG_STORE": "", **(env or {})})
        self.err = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for chunk in iter(lambda: self.process.stderr.read1(4096), b""):
            self.err += chunk.decode("utf-8", "replace")

    def wait_for(self, pattern: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not re.search(pattern, self.err):
            assert self.process.poll() is None or re.search(pattern, self.err), self.err
            assert time.monotonic() < deadline, f"no {pattern!r} in:\n{self.err}"
            time.sleep(0.1)

    def interrupt(self) -> tuple[int, str, str]:
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=60)
        self._reader.join(timeout=10)
        return code, self.process.stdout.read().decode(), self.err

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        for pipe in (self.process.stdout, self.process.stderr):
            pipe.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_sources_watch_ingests_files_as_they_appear_and_sums_up_on_ctrl_c(tmp_path):
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    (inbox / "first.txt").write_text(FIRST, encoding="utf-8")
    watcher = Process("watch", str(inbox), "--store", str(store), "--settle", "0.2")
    try:
        watcher.wait_for(r"\b1article")  # the file that was there at the start
        partial = inbox / "second.txt"
        partial.write_text(SECOND[:40], encoding="utf-8")  # written in two goes: read once complete
        time.sleep(0.05)
        partial.write_text(SECOND, encoding="utf-8")
        (inbox / "pages").mkdir()
        shutil.copy(PAGES / "news-site.html", inbox / "pages" / "news-site.html")
        (inbox / "notes.md").write_text("not an article")  # not a format kg reads: ignored
        watcher.wait_for(r"\b3article")
        code, out, err = watcher.interrupt()
    finally:
        watcher.stop()
    assert code == 0, err
    assert "Traceback" not in err
    assert re.search(r"watched .*inbox for \d+ s: 3 articles \(3 added, 0 replaced, 0 unchanged, 0 failed\)", err), err
    kg_store = open_store(str(store))
    try:
        rows = kg_store.select(PREFIXES + "SELECT ?file ?format ?text WHERE { GRAPH ?a { ?a ckg:text ?text ; "
                                          "ckg:retrievedBy ?r . ?r ckg:sourceFile ?file ; ckg:inputFormat ?format } } "
                                          "ORDER BY ?file")
    finally:
        kg_store.close()
    assert [(Path(r["file"]).name, r["format"]) for r in rows] == [
        ("first.txt", "txt"), ("news-site.html", "html"), ("second.txt", "txt")]
    assert next(r["text"] for r in rows if r["file"].endswith("second.txt")).endswith("officials said.")


@pytest.fixture
def small_store(tmp_path):
    """A store holding one article (kg serve needs a store)."""
    from kg.config import Settings
    from kg.pipeline import ingest_paths

    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    store = tmp_path / "store"
    kg_store = open_store(str(store))
    ingest_paths([str(tmp_path / "first.txt")], kg_store, settings=Settings(store=str(store)))
    kg_store.close()
    return store


def _serve(store, token: str):
    port = _free_port()
    server = Process("serve", "--store", str(store), "--port", str(port), env={"KG_TOKEN": token})
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(f"{url}/api/stats", timeout=2).status_code == 200:
                return server, url
        except requests.ConnectionError:
            assert server.process.poll() is None, server.err
            time.sleep(0.1)
    raise AssertionError(server.err)


def test_sources_watch_beside_kg_serve_posts_to_the_server(small_store, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    server, url = _serve(small_store, "watch-token")
    try:
        watcher = Process("watch", str(inbox), "--store", str(small_store), "--settle", "0.2",
                          env={"KG_TOKEN": "watch-token"})
        try:
            time.sleep(1.0)
            (inbox / "second.txt").write_text(SECOND, encoding="utf-8")
            watcher.wait_for(r"\b1article")
            code, _out, err = watcher.interrupt()
        finally:
            watcher.stop()
        assert code == 0 and "1 articles (1 added" in err, err
        articles = requests.get(f"{url}/api/articles", timeout=30).json()["articles"]
        assert len(articles) == 2
        rows = requests.get(f"{url}/sparql", params={"query": PREFIXES + (
            "SELECT ?file ?format WHERE { ?a ckg:retrievedBy ?r . ?r ckg:inputFormat ?format . "
            "OPTIONAL { ?r ckg:sourceFile ?file } } ORDER BY ?file")},
            headers={"Accept": "application/sparql-results+json"}, timeout=30).json()["results"]["bindings"]
        assert sorted((Path(r["file"]["value"]).name, r["format"]["value"]) for r in rows) == [
            ("first.txt", "txt"), ("second.txt", "txt")]  # the posted article keeps its file
    finally:
        server.stop()


def test_sources_watch_beside_a_read_only_server_says_what_to_do(small_store, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "second.txt").write_text(SECOND, encoding="utf-8")
    server, _url = _serve(small_store, "")
    try:
        watcher = Process("watch", str(inbox), "--store", str(small_store), "--settle", "0.2")
        code = watcher.process.wait(timeout=120)
        watcher.stop()
        assert code == 1, watcher.err
        assert "read-only" in watcher.err and "KG_TOKEN" in watcher.err and "Traceback" not in watcher.err
    finally:
        server.stop()
