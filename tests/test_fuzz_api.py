"""Schemathesis against /openapi.json of the real app, served on loopback: every generated
request (valid and invalid, with the write token) gets a documented status, content type and
body, never a 500; schema-violating requests are refused.

`positive_data_acceptance` is left out: some valid-looking requests are refused on purpose
for reasons JSON Schema cannot state (SPARQL grammar, `from` after `to`, IRI characters
outside what a pattern can list).
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from lxml import etree

from kg.store import open_store
from tests.browser.fixtures import TOKEN, make_app
from tests.browser.live import live_server

pytestmark = pytest.mark.reliability("schemathesis: every operation of /openapi.json, then every export")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXAMPLES = 25


@pytest.mark.slow
@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is not installed (pip install schemathesis)")
def test_fuzz_api_every_operation_conforms_to_openapi(seeded_store_dir, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(seeded_store_dir, path)
    store = open_store(str(path))
    with live_server(make_app(store, token=TOKEN, query_timeout=10), threads=4) as server:
        run = subprocess.run(
            [str(SCHEMATHESIS), "run", f"{server.url}/openapi.json", "--checks", "all",
             "--exclude-checks", "positive_data_acceptance", "--max-examples", str(EXAMPLES), "--workers", "2",
             "--phases", "examples,fuzzing,stateful", "--seed", "20261125", "--generation-database", "none",
             "--request-timeout", "60", "-H", f"Authorization: Bearer {TOKEN}", "--no-color"],
            capture_output=True, text=True, timeout=900, cwd=tmp_path)
        exports = {fmt: requests.get(f"{server.url}/api/export/{fmt}", timeout=120)
                   for fmt in ("gexf", "graphml", "csv", "json", "nquads", "turtle")}
    store.close()
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    assert " passed" in run.stdout and "failure" not in run.stdout.rsplit("SUMMARY", 1)[-1].lower(), report
    # whatever the generated articles held (schemathesis sends any Unicode), every export still parses
    assert all(r.status_code == 200 for r in exports.values()), {f: r.status_code for f, r in exports.items()}
    etree.fromstring(exports["gexf"].content)
    etree.fromstring(exports["graphml"].content)
    with zipfile.ZipFile(io.BytesIO(exports["csv"].content)) as archive:
        for name in archive.namelist():
            list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"), newline="")))
    json.loads(exports["json"].content)
    list(ox.parse(exports["nquads"].content, format=ox.RdfFormat.N_QUADS))
    list(ox.parse(exports["turtle"].content, format=ox.RdfFormat.TURTLE))
