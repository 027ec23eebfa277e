"""The `kg` command line, run for real in a subprocess (and via CliRunner for speed where it can)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import SEED

GOOD = "date 2021-03-14 CKG, KABUL, Afghanistan\n\nTaliban fighters attacked an army checkpoint in Kunduz on Friday.\n"


def kg(*args, cwd=None, env=None):
    """Run the installed `kg` in a real process."""
    exe = Path(sys.executable).with_name("kg")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=300)


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_help_lists_every_command(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "extract", "query", "stats", "serve"):
        assert command in result.output


def test_cli_ingest_then_query_and_stats(tmp_path):
    store = tmp_path / "store"
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    first = kg("ingest", str(tmp_path / "a.txt"), "--store", str(store))
    assert first.returncode == 0, first.stderr
    assert "1 articles (1 added" in first.stderr + first.stdout
    again = kg("ingest", str(tmp_path / "a.txt"), "--store", str(store), "--quiet")
    assert again.returncode == 0 and "1 unchanged" in again.stdout
    stats = kg("stats", "--store", str(store), "--json")
    data = json.loads(stats.stdout)
    assert data["articles"] == 1 and data["events"] >= 1 and data["events_by_type"]["ASSAULT"] >= 1
    query = kg("query", "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
                        "SELECT ?e WHERE { ?e a ckg:Event }", "--store", str(store), "--format", "csv")
    assert query.returncode == 0 and query.stdout.splitlines()[0] == "e"


def test_cli_bad_inputs_reported_rest_ingested(tmp_path):
    store = tmp_path / "store"
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text(GOOD, encoding="utf-8")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02")
    (batch / "latin1.txt").write_bytes("date 2020-01-01 X, Y\n\nCaf\xe9".encode("latin-1"))
    (batch / "nodate.txt").write_text("Rebels attacked the town.", encoding="utf-8")
    (batch / "lines.jsonl").write_text('{"id": "j1", "text": "Rebels attacked the town.", "date": "2020-01-01"}\n'
                                       '{"id": "j2", "text": broken}\n', encoding="utf-8")
    result = kg("ingest", str(batch), "--store", str(store), "--quiet")
    assert result.returncode == 3, result.stderr
    for name in ("empty.txt", "binary.txt", "latin1.txt", "nodate.txt", "lines.jsonl:2"):
        assert name in result.stderr
    assert "2 articles (2 added" in result.stdout


def test_cli_nothing_ingestible_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = kg("ingest", str(tmp_path / "empty.txt"), "--store", str(tmp_path / "s"), "--quiet")
    assert result.returncode == 1
    assert "empty.txt: empty file" in result.stderr


def test_cli_bad_input_leaves_store_untouched(tmp_path):
    store = tmp_path / "store"
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert kg("ingest", str(tmp_path / "a.txt"), "--store", str(store), "-q").returncode == 0
    before = json.loads(kg("stats", "--store", str(store), "--json").stdout)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe garbage")
    assert kg("ingest", str(tmp_path / "bad.txt"), "--store", str(store), "-q").returncode == 1
    assert json.loads(kg("stats", "--store", str(store), "--json").stdout) == before


def test_cli_unknown_format_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["query", "SELECT * {}", "--store", str(tmp_path / "s"), "--format", "yaml"])
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.output
    result = runner.invoke(cli, ["extract", str(SEED), "--format", "xml"])
    assert result.exit_code == 2


def test_cli_malformed_query_message(runner, tmp_path):
    result = runner.invoke(cli, ["query", "SELEC ?x", "--store", str(tmp_path / "s"), "--create"])
    assert result.exit_code == 1 and "malformed SPARQL" in result.output


def test_cli_query_table_and_construct(runner, tmp_path):
    store = str(tmp_path / "s")
    from kg.store import open_store

    s = open_store(store)
    s.put_article("https://w3id.org/conflict-kg/id/article/x", '<https://e.org/a> <https://e.org/p> "v" .', "0" * 64)
    s.close()
    del s
    table = runner.invoke(cli, ["query", "SELECT ?o WHERE { ?s <https://e.org/p> ?o }", "--store", store])
    assert table.exit_code == 0 and "(1 row)" in table.output and "v" in table.output
    nt = runner.invoke(cli, ["query", "CONSTRUCT WHERE { ?s <https://e.org/p> ?o }", "--store", store,
                             "--format", "ntriples"])
    assert nt.exit_code == 0 and '<https://e.org/a> <https://e.org/p> "v"' in nt.output


def test_cli_extract_prints_scorer_json(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = kg("extract", str(tmp_path / "a.txt"))
    assert result.returncode == 0, result.stderr
    event = json.loads(result.stdout.splitlines()[0])
    for key in ("article", "event", "action", "cameo", "trigger", "actor", "target", "place", "date",
                "sentence", "start", "end", "confidence"):
        assert key in event
    assert event["action"] == "ASSAULT" and event["date"] == "2021-03-12"
    assert event["place"]["geonames"] and event["place"]["lat"]


def test_cli_store_in_use_is_reported(tmp_path):
    from kg.store import open_store

    store = str(tmp_path / "s")
    holder = open_store(store)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = kg("ingest", str(tmp_path / "a.txt"), "--store", store, "-q")
    assert result.returncode == 1 and "in use by another process" in result.stderr
    holder.close()
