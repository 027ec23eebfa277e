"""Hostile input files for `kg ingest` and hostile queries for `kg query`.

Every bad input is reported on one line naming the file (and line) and why, then skipped; the
command never prints a traceback, and what is already stored is not touched.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store import open_store

pytestmark = pytest.mark.reliability("CLI input files and queries (issue 7)")

GOOD = "date 2021-03-14 CKG, KABUL, Afghanistan\n\nTaliban fighters attacked an army checkpoint in Kunduz on Friday.\n"
RECORD = {"id": "rec", "date": "2021-03-14", "text": "Taliban fighters attacked an army checkpoint in Kunduz."}


def _jsonl(**changes) -> bytes:
    return (json.dumps({**RECORD, **changes}) + "\n").encode()


FILES = {  # name: (bytes, words in the error)
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\n", "empty file"),
    "binary.txt": (bytes(range(256)) * 16, "binary file"),
    "png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "binary file"),
    "latin1.txt": ("date 2020-01-01 X, Y\n\nCaf\xe9 bombed in Kabul.".encode("latin-1"), "not UTF-8"),
    "cp1252.txt": ("date 2020-01-01 X, Y\n\n\u201cRebels\u201d attacked.".encode("cp1252"), "not UTF-8"),
    "utf16.txt": (GOOD.encode("utf-16"), "UTF-16"),
    "utf32.txt": (GOOD.encode("utf-32"), "UTF-16 or UTF-32"),
    "noheader.txt": (b"Rebels attacked the town.", "first line must be"),
    "baddate.txt": (b"date 2020-13-45 X, Y\n\nRebels attacked.", "malformed publication date"),
    "hugeyear.txt": (b"date 99999-01-01 X, Y\n\nRebels attacked.", "malformed publication date"),
    "injected-date.txt": (b'date 2020-01-01" } ; DROP ALL ; # X, Y\n\nRebels attacked.', "malformed publication date"),
    "nobody.txt": (b"date 2020-01-01 X, Y\n\n", "no article text"),
    "ten-mb.txt": (b"date 2020-01-01 X, Y\n\n" + b"Rebels attacked the town. " * 400_000, "characters long"),
    "article.pdf": (b"%PDF-1.4", "unsupported file type"),
    "noext": (GOOD.encode(), "unsupported file type"),
    "bad.jsonl": (b'{"id": "a", "text": "x"', "invalid JSON"),
    "deep.jsonl": (b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested too deeply"),
    "array.jsonl": (b"[1, 2]\n", "expected a JSON object"),
    "surrogate.jsonl": (b'{"id": "s", "date": "2020-01-01", "text": "Rebels \\ud800 attacked."}\n', "lone surrogate"),
    "nul.jsonl": (_jsonl(text="Rebels\x00attacked."), "NUL"),
    "id-object.jsonl": (_jsonl(id={"a": 1}), "'id' must be"),
    "title-list.jsonl": (_jsonl(title=["a"]), "'title' must be"),
    "ten-mb.jsonl": (_jsonl(text="Rebels attacked. " * 600_000), "characters long"),
    "latin1.jsonl": (_jsonl(text="Caf\u00e9").replace(b"\\u00e9", b"\xe9"), "not UTF-8"),
}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("name", FILES, ids=FILES)
def test_hostile_cli_bad_file_is_one_clear_error(runner, tmp_path, name):
    data, words = FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(cli, ["ingest", str(path), "--store", str(tmp_path / "store"), "--quiet"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert words in result.output and name in result.output and "Traceback" not in result.output
    with open_store(str(tmp_path / "store")) as store:
        assert [g for g in store.graphs() if "/article/" in g] == []


def test_hostile_cli_symlink_loop_and_missing_paths(runner, tmp_path):
    (tmp_path / "loop" / "a").mkdir(parents=True)
    (tmp_path / "loop" / "a" / "up").symlink_to("..")
    result = runner.invoke(cli, ["ingest", str(tmp_path / "loop"), str(tmp_path / "nope.txt"),
                                 str(tmp_path / ".." / ".." / "etc" / "nope.txt"), "--store", str(tmp_path / "s"), "-q"])
    assert result.exit_code == 1 and result.output.count("no such file") == 2 and "Traceback" not in result.output


def test_hostile_cli_mixed_batch_in_a_real_process_stores_only_the_good(tmp_path):
    """All the bad files and one good one, in a real `kg` process: exit 3, one article stored."""
    batch = tmp_path / "batch"
    batch.mkdir()
    for name, (data, _words) in FILES.items():
        if Path(name).suffix in (".txt", ".jsonl"):
            (batch / name).write_bytes(data)
    (batch / "good.txt").write_text(GOOD, encoding="utf-8")
    store = tmp_path / "store"
    exe = Path(sys.executable).with_name("kg")
    done = subprocess.run([str(exe), "ingest", str(batch), "--store", str(store), "--quiet"], capture_output=True,
                          text=True, timeout=600, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 3, done.stderr[-2000:]
    assert "Traceback" not in done.stderr + done.stdout
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == sum(1 for n in FILES if Path(n).suffix in (".txt", ".jsonl"))
    with open_store(str(store)) as kg_store:
        assert [g.rsplit("/", 1)[-1] for g in kg_store.graphs() if "/article/" in g] == ["good"]


QUERIES = {
    "deep-braces": ("SELECT * WHERE " + "{" * 100_000 + "?s ?p ?o" + "}" * 100_000, "levels of brackets"),
    "deep-parens": ("SELECT * WHERE { FILTER(" + "(" * 50_000 + "1" + ")" * 50_000 + ") }", "levels of brackets"),
    "malformed": ("SELECT * WHERE { ?s ?p", "malformed SPARQL"),
    "update": ("DROP ALL", "malformed SPARQL"),
    "bad-graph-iri": ("SELECT * FROM <http://a b> { ?s ?p ?o }", "malformed SPARQL"),
}


@pytest.mark.parametrize("text, words", QUERIES.values(), ids=QUERIES.keys())
def test_hostile_cli_query_errors_are_clear(runner, tmp_path, text, words):
    query = tmp_path / "q.rq"
    query.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["query", f"@{query}", "--store", str(tmp_path / "store"), "--create"])
    assert result.exit_code == 1 and words in result.output and "Traceback" not in result.output


def test_hostile_cli_query_file_not_utf8(runner, tmp_path):
    query = tmp_path / "q.rq"
    query.write_bytes(b"SELECT * { ?s ?p '\xe9' }")
    result = runner.invoke(cli, ["query", f"@{query}", "--store", str(tmp_path / "store")])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1 and "UTF-8" in result.output
