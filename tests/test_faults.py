"""Faults, injected for real: `kill -9` during `kg ingest`, readers during ingest, a full disk,
a read-only store directory, and server restarts (SIGTERM and SIGKILL).

Whatever happens, the store holds only whole articles (each article graph has exactly the
triples a fresh ingest of that article gives), a rerun completes the work without duplicates,
and every acknowledged write survives a restart.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from kg.config import Settings
from kg.store import open_store
from tests.browser.fixtures import TOKEN, make_app
from tests.browser.live import live_server

KG = str(Path(sys.executable).with_name("kg"))
ARTICLES = 300
ONTOLOGY = "https://w3id.org/conflict-kg/id/graph/ontology"
ACTORS = ["Rebels", "Government forces", "Police", "Protesters", "The army", "Militants", "Taliban fighters",
          "Forces loyal to Khalifa Haftar", "Troops", "Gunmen"]
VERBS = ["attacked", "shelled", "arrested", "met", "condemned", "accused", "fired on", "surrounded", "raided"]
TARGETS = ["a checkpoint", "the police station", "civilians", "the airport", "a convoy", "the army base"]
PLACES = ["Tripoli", "Benghazi", "Kabul", "Kunduz", "Khartoum", "Misrata", "Sirte", "Herat", "Omdurman"]


def article_text(i: int) -> str:
    """A small article (1-3 event sentences), different for each i."""
    r = random.Random(i)
    return " ".join(f"{r.choice(ACTORS)} {r.choice(VERBS)} {r.choice(TARGETS)} in {r.choice(PLACES)} on Friday, "
                    "officials said." for _ in range(r.randint(1, 3))) + f" Report {i}."


def write_batch(folder: Path, n: int = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(f"date 2021-{1 + i % 12:02d}-{1 + i % 27:02d} CKG, TRIPOLI, Libya\n\n"
                                              f"{article_text(i)}\n", encoding="utf-8")
    return folder


def graph_sizes(store) -> dict[str, int]:
    rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in rows if "/article/" in r["g"]}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """ARTICLES small articles, and the size of each one's graph after a fresh ingest of it alone."""
    from kg.pipeline import ingest_paths

    folder = write_batch(tmp_path_factory.mktemp("batch") / "articles")
    reference = open_store(None)
    summary = ingest_paths([str(folder)], reference, settings=Settings(store=":memory:"))
    assert summary.added == ARTICLES, summary.errors
    return folder, graph_sizes(reference)


def assert_only_whole_articles(store, reference: dict[str, int]) -> dict[str, int]:
    sizes = graph_sizes(store)
    partial = {g: (n, reference[g]) for g, n in sizes.items() if n != reference[g]}
    assert not partial, f"partially written article graphs: {partial}"
    return sizes


def ingest_until(folder: Path, store: Path, done_at: int) -> tuple[subprocess.Popen, int]:
    """Start `kg ingest` and SIGKILL it once its progress bar shows `done_at` articles."""
    process = subprocess.Popen([KG, "ingest", str(folder), "--store", str(store)], stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    seen, buffer = 0, b""
    deadline = time.monotonic() + 300
    while seen < done_at and time.monotonic() < deadline:
        chunk = process.stderr.read1(4096)
        if not chunk:
            break
        buffer = (buffer + chunk)[-4096:]
        counts = re.findall(rb"(\d+)/%d" % ARTICLES, buffer)
        seen = int(counts[-1]) if counts else seen
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stderr.close()
    return process, seen


@pytest.mark.slow
def test_faults_kill_9_during_ingest_leaves_whole_articles_and_a_rerun_completes(batch, tmp_path):
    folder, reference = batch
    store_dir = tmp_path / "store"
    kills = []
    for target in (40, 160):
        process, seen = ingest_until(folder, store_dir, target)
        assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
        with open_store(str(store_dir)) as store:
            sizes = assert_only_whole_articles(store, reference)
        kills.append((seen, len(sizes)))
        assert len(sizes) >= seen - 1  # what the progress bar counted is stored (one may be in flight)
    rerun = subprocess.run([KG, "ingest", str(folder), "--store", str(store_dir), "--quiet"], capture_output=True,
                           text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    stored_before = kills[-1][1]
    assert f"{ARTICLES - stored_before} added" in rerun.stdout and f"{stored_before} unchanged" in rerun.stdout
    with open_store(str(store_dir)) as store:
        assert assert_only_whole_articles(store, reference) == reference  # every article, each complete
        shared = store.select("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> SELECT ?e WHERE { "
                              "GRAPH ?g { ?e a ckg:Event } GRAPH ?h { ?e a ckg:Event } FILTER(?g != ?h) } LIMIT 1")
        assert shared == []  # no event stored twice
        hashes = store.select("SELECT ?g (COUNT(?h) AS ?n) WHERE { GRAPH ?g { ?g "
                              "<https://w3id.org/conflict-kg/ontology#contentHash> ?h } } GROUP BY ?g HAVING (?n != 1)")
        assert hashes == []


def test_faults_readers_during_api_ingest_see_whole_articles(seeded_store_dir, tmp_path):
    """Readers over HTTP while POST /api/articles writes: counts only grow, and every article
    graph a reader sees has its final size (never half an article)."""
    path = tmp_path / "store"
    shutil.copytree(seeded_store_dir, path)
    store = open_store(str(path))
    posted, errors, seen = [], [], []
    writing = threading.Event()
    writing.set()
    per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

    with live_server(make_app(store, token=TOKEN), threads=6) as server:
        def write():
            try:
                for i in range(15):
                    response = requests.post(f"{server.url}/api/articles", timeout=120,
                                             headers={"Authorization": f"Bearer {TOKEN}"},
                                             json={"id": f"live-{i}", "date": "2021-05-01", "text": article_text(i)})
                    posted.append(response.status_code)
            finally:
                writing.clear()

        def read():
            last = 0
            while writing.is_set():
                stats = requests.get(f"{server.url}/api/stats", timeout=60)
                graphs = requests.get(f"{server.url}/sparql", params={"query": per_graph}, timeout=60)
                if stats.status_code != 200 or graphs.status_code != 200:
                    errors.append((stats.status_code, graphs.status_code))
                    continue
                count = stats.json()["articles"]
                if count < last:
                    errors.append(f"article count went down: {last} -> {count}")
                last = count
                seen.append({b["g"]["value"]: int(b["n"]["value"]) for b in graphs.json()["results"]["bindings"]})

        threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    final = graph_sizes(store)
    assert posted == [201] * 15 and errors == []
    assert len(seen) >= 10
    for snapshot in seen:
        for graph, size in snapshot.items():
            if "/article/" in graph:
                assert size == final[graph], f"{graph}: a reader saw {size} of {final[graph]} triples"
    store.close()


@contextmanager
def tmpfs(path: Path, size: str):
    """A small tmpfs at `path` (needs root and mount rights), unmounted afterwards."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip() or 'not root'}): no disk to fill")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


@pytest.mark.slow
def test_faults_full_disk_is_reported_and_loses_nothing(batch, tmp_path):
    folder, reference = batch
    # 2 MB: the ontology graph and a first batch fit, not all 300 articles (each article also describes
    # the divisions and countries its places lie in, and its links)
    with tmpfs(tmp_path / "disk", "2m") as disk:
        store_dir = disk / "store"
        full = subprocess.run([KG, "ingest", str(folder), "--store", str(store_dir), "--quiet"], capture_output=True,
                              text=True, timeout=600)
        assert full.returncode in (1, 3) and "No space left on device" in full.stderr
        assert "Traceback" not in full.stderr + full.stdout
        assert "nothing was changed" in full.stderr
        subprocess.run(["mount", "-o", "remount,size=256m", str(disk)], check=True)  # space freed
        with open_store(str(store_dir)) as store:
            stored = assert_only_whole_articles(store, reference)
        assert 0 < len(stored) < ARTICLES
        rerun = subprocess.run([KG, "ingest", str(folder), "--store", str(store_dir), "--quiet"], capture_output=True,
                               text=True, timeout=600)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        with open_store(str(store_dir)) as store:
            assert assert_only_whole_articles(store, reference) == reference


def test_faults_full_disk_under_the_web_service(tmp_path):
    """Writes get a 503 that names the cause; reads keep answering."""
    with tmpfs(tmp_path / "disk", "2m") as disk:
        store = open_store(str(disk / "store"))
        client = make_app(store, token=TOKEN).test_client()
        statuses = []
        for i in range(80):
            response = client.post("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"},
                                   json={"id": f"d{i}", "date": "2021-01-01", "text": article_text(i) * 3})
            statuses.append(response.status_code)
            if response.status_code == 503:
                assert "No space left on device" in response.get_json()["detail"]
                break
        assert statuses[-1] == 503 and set(statuses[:-1]) <= {201}
        assert client.get("/api/stats").status_code == 200
        assert client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).status_code == 200
        store.close()


@contextmanager
def read_only_dir(path: Path):
    """`path` made read-only even for root (a read-only bind mount); skipped when that is impossible."""
    bound = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True, text=True)
    if bound.returncode != 0:
        pytest.skip(f"cannot bind-mount here ({bound.stderr.strip() or 'not root'}): root ignores chmod")
    try:
        remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], capture_output=True, text=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_faults_read_only_store_directory_is_reported(seeded_store_dir, tmp_path):
    place = tmp_path / "ro"
    shutil.copytree(seeded_store_dir, place / "store")
    article = write_batch(tmp_path / "one", 1) / "a0000.txt"
    with read_only_dir(place):
        for args in (["ingest", str(article)], ["serve", "--port", "1"]):
            done = subprocess.run([KG, *args, "--store", str(place / "store")], capture_output=True, text=True,
                                  timeout=120, env={**os.environ, "KG_TOKEN": TOKEN})
            assert done.returncode == 1
            assert "cannot open store" in done.stderr and "Read-only file system" in done.stderr
            assert "Traceback" not in done.stderr
        for args in (["stats", "--json"], ["query", "ASK { ?s ?p ?o }", "--format", "json"]):  # reading still works
            done = subprocess.run([KG, *args, "--store", str(place / "store")], capture_output=True, text=True,
                                  timeout=120)
            assert done.returncode == 0, done.stderr
            answer = json.loads(done.stdout)
            assert answer["articles"] == 7 if args[0] == "stats" else answer["boolean"] is True
    with open_store(str(place / "store")) as store:  # untouched, and writable again
        assert len(graph_sizes(store)) == 7


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def kg_serve(store: Path, port: int, logs: list):
    """`kg serve` in its own process with a token; yields (base URL, process); its output goes to `logs`."""
    process = subprocess.Popen([KG, "serve", "--store", str(store), "--port", str(port)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env={**os.environ, "KG_TOKEN": TOKEN})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                requests.get(f"{url}/api/stats", timeout=2)
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.stdout.read().decode()
                time.sleep(0.1)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        logs.append(process.stdout.read().decode())
        process.stdout.close()


def _snapshot(url: str) -> tuple:
    stats = requests.get(f"{url}/api/stats", timeout=30).json()
    graphs = requests.get(f"{url}/sparql", timeout=30, params={
        "query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"}).json()
    return stats["articles"], stats["triples"], [(b["g"]["value"], b["n"]["value"]) for b in graphs["results"]["bindings"]]


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_faults_server_restart_keeps_every_acknowledged_write(seeded_store_dir, tmp_path, stop):
    store = tmp_path / "store"
    shutil.copytree(seeded_store_dir, store)
    port, logs = _free_port(), []
    with kg_serve(store, port, logs) as (url, process):
        for i in range(3):
            response = requests.post(f"{url}/api/articles", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120,
                                     json={"id": f"restart-{i}", "date": "2021-02-03", "text": article_text(i)})
            assert response.status_code == 201
        before = _snapshot(url)
        process.send_signal(stop)
        process.wait(timeout=30)
    assert before[0] == 10
    with kg_serve(store, port, logs) as (url, process):
        assert _snapshot(url) == before
    assert "conflict-kg serving" in logs[0] and TOKEN not in "".join(logs)
