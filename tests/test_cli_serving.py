"""Reading the store from the shell while `kg serve` holds it (a real `kg serve` process on loopback).

Reading commands open a held store read-only (they see it as it was when they opened it);
writing commands still refuse with the lock message.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

KG = str(Path(sys.executable).with_name("kg"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module", params=["read-only", "with-token"])
def serving(request, seeded_store_dir, tmp_path_factory):
    """`kg serve` over a copy of the seeded store, without a token (one read-only worker per core,
    under kg.store.serving's lock) and with one (one writable worker): (store directory, base URL)."""
    store = tmp_path_factory.mktemp("serving") / "store"
    shutil.copytree(seeded_store_dir, store)
    port = _free_port()
    token = {"KG_TOKEN": "serving-test-token"} if request.param == "with-token" else {"KG_TOKEN": ""}
    process = subprocess.Popen([KG, "serve", "--store", str(store), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **token})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(f"{url}/api/stats", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                assert process.poll() is None, process.stdout.read().decode()
                time.sleep(0.1)
        yield store, url
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()


def _kg(*args, store) -> subprocess.CompletedProcess:
    return subprocess.run([KG, *args, "--store", str(store)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "KG_STORE": ""})


def test_cli_serving_query_and_stats_read_a_served_store(serving):
    store, url = serving
    served = requests.get(f"{url}/api/stats", timeout=30).json()
    stats = _kg("stats", "--json", store=store)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["triples"] == served["triples"]
    query = _kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json", store=store)
    assert query.returncode == 0, query.stderr
    assert int(json.loads(query.stdout)["results"]["bindings"][0]["n"]["value"]) == served["triples"]


def test_cli_serving_graph_commands_read_a_served_store(serving):
    store, _url = serving
    result = _kg("centrality", "--top", "1", store=store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_cli_serving_events_lists_a_served_store(serving):
    store, url = serving
    served = requests.get(f"{url}/api/events", params={"type": "ASSAULT", "limit": 5}, timeout=30).json()
    listed = _kg("events", "--types", "ASSAULT", "--limit", "5", "--format", "json", store=store)
    assert listed.returncode == 0, listed.stderr
    mine = json.loads(listed.stdout)
    assert mine["total"] == served["total"] and [e["iri"] for e in mine["events"]] == [
        e["iri"] for e in served["events"]]


def test_cli_serving_writes_refuse_with_the_lock_message(serving, tmp_path):
    store, _url = serving
    article = tmp_path / "a.txt"
    article.write_text("date 2021-02-03 AP, TRIPOLI, Libya\n\nMilitias shelled the airport on Friday.\n")
    result = _kg("ingest", str(article), store=store)
    assert result.returncode == 1
    assert "in use by another process" in result.stderr and "Traceback" not in result.stderr
