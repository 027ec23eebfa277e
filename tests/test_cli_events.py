"""`kg events` on the store built from seeds/: filters, formats and errors, as a user runs it."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import cli


@pytest.fixture(scope="module")
def run(seeded_store_dir):
    runner = CliRunner()

    def kg_events(*args):
        return runner.invoke(cli, ["events", "--store", str(seeded_store_dir), *args], catch_exceptions=False)

    return kg_events


def test_cli_events_table_lists_events_and_the_total(run):
    result = run("--limit", "3")
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("events)") and "(1–3 of " in result.output
    assert result.output.count("\n") >= 4


def test_cli_events_filters_by_actor_label_and_type(run):
    everything = json.loads(run("--format", "json", "--limit", "500").output)
    assaults = json.loads(run("--actor", "Libyan National Army", "--types", "assault", "--format", "json",
                              "--limit", "500").output)
    assert 0 < assaults["total"] < everything["total"]
    lna = "https://w3id.org/conflict-kg/id/actor/libyan-national-army"
    for e in assaults["events"]:
        assert e["type"] == "ASSAULT"
        assert lna in ((e["actor"] or {}).get("iri"), (e["target"] or {}).get("iri"))


def test_cli_events_dates_bound_the_listing(run):
    dated = json.loads(run("--from", "2019-04-05", "--to", "2019-04-05", "--format", "json").output)
    assert dated["total"] > 0 and {e["date"] for e in dated["events"]} == {"2019-04-05"}


def test_cli_events_csv_is_a_table_with_a_header(run):
    result = run("--format", "csv", "--limit", "5")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][:4] == ["id", "date", "type", "actor"] and len(rows) == 6


def test_cli_events_jsonl_gives_one_event_a_line(run):
    lines = run("--format", "jsonl", "--limit", "4").output.splitlines()
    assert len(lines) == 4 and all(json.loads(line)["iri"].startswith("https://") for line in lines)


def test_cli_events_bad_type_is_a_usage_error_naming_the_option(run):
    result = run("--types", "ASSAULT,BOMBING")
    assert result.exit_code == 2 and "--types" in result.output and "BOMBING" in result.output


def test_cli_events_unknown_actor_says_so(run):
    result = run("--actor", "Nobody Of That Name")
    assert result.exit_code == 1 and "no actor 'Nobody Of That Name'" in result.output


def test_cli_events_refuses_a_path_without_a_store(tmp_path):
    result = CliRunner().invoke(cli, ["events", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1 and "Traceback" not in result.output and not (tmp_path / "nothing").exists()


def test_cli_events_takes_an_actor_by_id(run):
    by_id = json.loads(run("--actor", "libyan-national-army", "--format", "json").output)
    by_label = json.loads(run("--actor", "Libyan National Army", "--format", "json").output)
    assert by_id["total"] == by_label["total"] > 0
    assert run("--actor", "no-such-actor-id").exit_code == 1
