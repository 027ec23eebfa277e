"""`kg import acled|gdelt` and `kg resolve`, on a group built with `register` (as kg/cli.py wires it)."""
from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.importers.cli import register
from kg.resolve import RESOLVED_GRAPH
from kg.store import open_store

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def kg():
    @click.group()
    def root():
        """A stand-in for the `kg` group."""

    register(root)
    runner = CliRunner()
    return lambda *args: runner.invoke(root, [str(a) for a in args])


def test_import_cli_acled_reports_and_exits_3_when_rows_fail(kg, tmp_path):
    result = kg("import", "acled", DATA / "acled-current.csv", "--store", tmp_path / "s")
    assert result.exit_code == 3, result.output
    assert "6 rows: 4 events imported, 1 skipped" in result.output
    assert "acled-current.csv:7: bad event_date 'sometime'" in result.output


def test_import_cli_clean_file_exits_0_and_resolves(kg, tmp_path):
    result = kg("import", "acled", DATA / "acled-old.csv", "--store", tmp_path / "s", "--quiet")
    assert result.exit_code == 0, result.output
    store = open_store(str(tmp_path / "s"))
    rows = store.select(f"SELECT (COUNT(?h) AS ?n) WHERE {{ GRAPH <{RESOLVED_GRAPH}> "
                        f"{{ ?h a <https://w3id.org/conflict-kg/ontology#Happening> }} }}")
    store.close()
    assert rows == [{"n": "2"}]


def test_import_cli_gdelt_with_name_and_no_resolve(kg, tmp_path):
    result = kg("import", "gdelt", DATA / "gdelt-events.export.CSV", "--store", tmp_path / "s", "--name", "sample",
                "--no-resolve")
    assert result.exit_code == 3 and "id/dataset/gdelt-sample" in result.output
    store = open_store(str(tmp_path / "s"))
    assert RESOLVED_GRAPH not in store.graphs()
    store.close()
    result = kg("resolve", "--store", tmp_path / "s")
    assert result.exit_code == 0 and "4 reports resolved into 4 happenings" in result.output


def test_import_cli_not_an_export_exits_1(kg, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = kg("import", "acled", path, "--store", tmp_path / "s")
    assert result.exit_code == 1 and "not an ACLED export" in result.output
    empty = tmp_path / "empty.CSV"
    empty.write_text("", encoding="utf-8")
    assert kg("import", "gdelt", empty, "--store", tmp_path / "s").exit_code == 1


def test_import_cli_help(kg):
    result = kg("import", "--help")
    assert result.exit_code == 0 and "acled" in result.output and "gdelt" in result.output
