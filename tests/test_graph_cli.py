"""The graph commands through click's CliRunner, on a real on-disk fixture store."""
from __future__ import annotations

import io
import json

import click
import networkx as nx
import pytest
from click.testing import CliRunner

from kg.graph.cli import register

from .test_graph_export import valid_gexf
from .test_graph_fixtures import actor, store_dir  # noqa: F401


def graph_cli(store_dir, monkeypatch):
    """A function that invokes `kg <args>` (the graph commands on a fresh group) against a store."""
    monkeypatch.setenv("KG_STORE", str(store_dir))
    group = click.Group("kg")
    register(group)

    def invoke(*args):
        return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)
    return invoke


@pytest.fixture
def run(store_dir, monkeypatch):
    """Invoke the graph commands against the fixture store."""
    return graph_cli(store_dir, monkeypatch)


def test_graph_cli_commands_are_registered_on_kg():
    from kg.cli import cli

    assert {"path", "neighbours", "centrality", "communities", "ego", "export"} <= set(cli.commands)


def test_graph_cli_path_prints_each_hop_with_its_events(run):
    result = run("path", "Zawiya militias", "Haftar")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Path 1: Zawiya militias → Libyan National Army → Khalifa Haftar (2 hops)"
    assert lines[1] == "  Zawiya militias — Libyan National Army: 1 event (COERCE)"
    assert lines[2].split()[:3] == ["COERCE", "2019-04-05", "Zawiya:"]
    assert "were captured by Zawiya militias" in lines[2]
    assert lines[3:] == ["  Libyan National Army — Khalifa Haftar: Khalifa Haftar is a member of Libyan National Army "
                         "(membership)"]


def test_graph_cli_path_k_and_json(run):
    result = run("path", "Zawiya militias", "Sarraj", "-k", "2", "--json")
    assert result.exit_code == 0, result.output
    paths = json.loads(result.output)
    assert [p["length"] for p in paths] == [3, 4]
    assert [hop["kind"] for hop in paths[0]["hops"]] == ["event", "event", "event"]


def test_graph_cli_unknown_actor_suggests(run):
    result = run("path", "Zawiya militia", "Haftar's forcs")
    assert result.exit_code == 0  # both near enough to resolve
    result = run("path", "militias", "LNA")
    assert result.exit_code == 1
    assert "Error: unknown actor 'militias'; did you mean" in result.output and "Zawiya militias" in result.output


def test_graph_cli_no_path(run):
    result = run("path", "Zawiya militias", "RSF")
    assert result.exit_code == 1 and "no path between Zawiya militias and Rapid Support Forces" in result.output


@pytest.mark.parametrize("args, message, code", [
    (("--from", "April 2019"), "Invalid value for '--from': 'April 2019' does not match the format '%Y-%m-%d'", 2),
    (("--from", "2020-01-02", "--to", "2020-01-01"), "date_from 2020-01-02 is after date_to 2020-01-01", 1),
    (("--types", "ASSAULT,BOMB"), "unknown event type 'BOMB'; known types: AGREE,", 2),  # usage errors, as kg events
    (("--country", "Libya"), "bad country 'Libya'", 2),
    (("--place", "Tripolis"), "unknown place 'Tripolis'; did you mean Tripoli", 1),
], ids=["date", "window", "type", "country", "place"])
def test_graph_cli_bad_filters(run, args, message, code):
    result = run("centrality", *args)
    assert result.exit_code == code and message in result.output


def test_graph_cli_neighbours(run):
    result = run("neighbours", "Blinken", "--hops", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["1  Rapid Support Forces  (armed_group, SDN)",
                                          "2  Sudanese Armed Forces  (state_force, SDN)", "(2 actors)"]
    lines = run("neighbours", "Haftar").output.splitlines()
    assert lines == ["1  Angela Merkel  (person, DEU)", "1  Antonio Guterres  (person, —)",
                     "1  Libyan National Army  (state_force, LBY)  [membership]", "(3 actors)"]
    rows = json.loads(run("neighbours", "Haftar", "--json").output)
    assert [(r["label"], r["links"]) for r in rows] == [
        ("Angela Merkel", ["event"]), ("Antonio Guterres", ["event"]), ("Libyan National Army", ["membership"])]


def test_graph_cli_centrality(run):
    result = run("centrality", "--metric", "weighted-degree", "--top", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == ["  1  8.000000  Libyan National Army  (state_force)",  # 7 events, 1 member
                                              "  2  6.000000  Government of National Accord  (government)"]
    data = json.loads(run("centrality", "--metric", "betweenness", "-k", "3", "--json").output)
    assert data["exact"] is False and data["k"] == 3
    placed = json.loads(run("centrality", "--country", "SDN", "--json").output)  # events placed in Sudan
    assert placed["nodes"] == 2
    parties = json.loads(run("centrality", "--party-country", "SDN", "--json").output)  # with a Sudanese party
    assert parties["nodes"] == 3


def test_graph_cli_communities(run):
    result = run("communities", "--method", "louvain")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("3 communities, frustration 1.0000, modularity 0.45")
    assert json.loads(run("communities", "--method", "louvain", "--json").output)["count"] == 3


def test_graph_cli_ego(run):
    result = run("ego", "Haftar")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "4 actors, 4 links"  # Guterres, Merkel; the LNA, Haftar's force
    assert "  Khalifa Haftar — Libyan National Army: 1 (membership)" in result.output.splitlines()
    assert json.loads(run("ego", "Haftar", "--radius", "2", "--json").output)["radius"] == 2


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_graph_cli_export_gexf_to_file(run, tmp_path, dynamic):
    out = tmp_path / "graph.gexf"
    args = ["export", "--format", "gexf", "-o", str(out)] + (["--dynamic"] if dynamic else [])
    result = run(*args)
    assert result.exit_code == 0, result.output
    doc = valid_gexf(out.read_bytes())
    assert doc.find("{http://gexf.net/1.3}graph").get("mode") == ("dynamic" if dynamic else None)


def test_graph_cli_export_filtered_directed_gexf_to_stdout(run):
    result = run("export", "--types", "ASSAULT", "--country", "SDN", "--directed")
    assert result.exit_code == 0, result.output
    doc = valid_gexf(result.stdout_bytes)
    assert doc.find(".//{http://gexf.net/1.3}edges").get("count") == "2"


def test_graph_cli_export_other_formats(run, tmp_path):
    data = json.loads(run("export", "--format", "json", "-o", "-").stdout_bytes)
    assert len(data["nodes"]) == 13
    graphml = run("export", "--format", "graphml").stdout_bytes
    assert nx.read_graphml(io.BytesIO(graphml)).number_of_nodes() == 13
    out = tmp_path / "tables.zip"
    assert run("export", "--format", "csv", "-o", str(out), "--from", "2023-01-01").exit_code == 0
    import zipfile

    with zipfile.ZipFile(out) as archive:
        assert archive.read("nodes.csv").decode().count("\n") == 3  # header, SAF, RSF (Blinken's event is undated)


def test_graph_cli_export_refuses_a_directory_and_dynamic_graphml(run, tmp_path):
    result = run("export", "-o", str(tmp_path))
    assert result.exit_code == 1 and "is a directory" in result.output
    result = run("export", "--format", "graphml", "--dynamic")
    assert result.exit_code == 2 and "--dynamic only applies to --format gexf" in result.output


def test_graph_cli_missing_store(run, tmp_path):
    result = run("centrality", "--store", str(tmp_path / "nowhere"))
    assert result.exit_code == 1 and "no store at" in result.output
    (tmp_path / "empty").mkdir()
    result = run("centrality", "--store", str(tmp_path / "empty"))
    assert result.exit_code == 1 and "the directory holds no store" in result.output
    assert list((tmp_path / "empty").iterdir()) == []


def test_graph_cli_store_in_use_is_read_only(store_dir, run):
    from kg.store import open_store

    holder = open_store(str(store_dir))  # as `kg serve` would hold it
    try:
        result = run("centrality", "--top", "1")
        assert result.exit_code == 0, result.output
        assert "Libyan National Army" in result.output
    finally:
        holder.close()
