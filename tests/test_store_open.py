"""Opening a store: a mistyped --store is an error for every command that reads, a store of
another pyoxigraph format says so before anything changes, and `kg serve` on a busy port says so."""
from __future__ import annotations

import hashlib
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import StoreError
from kg.store import NoStoreError, open_store
from tests.reliability import tried

pytestmark = pytest.mark.reliability("missing, mistyped and old-format stores; a busy port")

OLD = Path(__file__).parent / "data" / "old-store" / "pyoxigraph-0.4.11"
READERS = [["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"], ["stats"], ["resolve"], ["path", "A", "B"],
           ["neighbours", "A"], ["ego", "A"], ["centrality"], ["communities"], ["export", "--format", "json"]]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("args", READERS, ids=[a[0] for a in READERS])
def test_store_open_readers_refuse_a_path_without_a_store(tmp_path, args):
    tried(2)
    for location in (tmp_path / "typo", tmp_path / "empty"):
        if location.name == "empty":
            location.mkdir()
        result = run(*args, "--store", location)
        assert result.exit_code == 1, result.output
        assert f"no store at {location}" in result.output and "Traceback" not in result.output
        assert list(location.iterdir()) == [] if location.exists() else not location.exists()


def test_store_open_create_and_writers_make_a_store(tmp_path):
    assert run("stats", "--store", tmp_path / "a", "--create").exit_code == 0
    assert (tmp_path / "a" / "CURRENT").is_file()
    assert run("query", "ASK { ?s ?p ?o }", "--store", tmp_path / "b", "--create").output.strip() == "false"
    imported = run("import", "acled", Path(__file__).parent / "data" / "import" / "acled-old.csv",
                   "--store", tmp_path / "c", "-q")
    assert imported.exit_code == 0 and (tmp_path / "c" / "CURRENT").is_file()
    with pytest.raises(NoStoreError):
        open_store(str(tmp_path / "d"), create=False)
    open_store(str(tmp_path / "d")).close()  # the library default still creates one


def test_store_open_serve_refuses_a_path_without_a_store(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(tmp_path / "typo"), "--port", "1"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and f"no store at {tmp_path / 'typo'}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "typo").exists()


@pytest.mark.parametrize("command", [["stats"], ["ingest", str(Path(__file__).parents[1] / "seeds")],
                                     ["query", "ASK { ?s ?p ?o }"], ["centrality"]], ids=lambda c: c[0])
def test_store_open_old_format_says_so_and_changes_nothing(tmp_path, command):
    store = tmp_path / "old"
    shutil.copytree(OLD, store)
    before = fingerprint(store)
    result = run(*command, "--store", store)
    assert result.exit_code == 1, result.output
    assert "in the storage format of an older pyoxigraph" in result.output and "kg upgrade" in result.output
    assert "Traceback" not in result.output and fingerprint(store) == before


def test_store_open_upgrade_converts_then_every_command_opens_it(tmp_path):
    store = tmp_path / "old"
    shutil.copytree(OLD, store)
    with pytest.raises(StoreError, match="older pyoxigraph"):
        open_store(str(store), read_only=True)
    result = run("upgrade", "--store", store)
    assert result.exit_code == 0 and "in the storage format of pyoxigraph 0.5" in result.output, result.output
    answer = run("query", "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }", "--store", store,
                 "--format", "csv")
    assert answer.exit_code == 0 and "written by pyoxigraph 0.4.11" in answer.output


@pytest.mark.slow
def test_store_open_serve_on_a_busy_port_says_so_in_one_line(seeded_store_dir, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seeded_store_dir, store)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port)],
                                capture_output=True, text=True, timeout=120)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert lines[0] == f"Error: cannot serve on 127.0.0.1:{port}: the port is in use (stop the other server, or give --port)"
