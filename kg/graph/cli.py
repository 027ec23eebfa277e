"""`kg path | neighbours | centrality | communities | ego | export`: graph questions from the shell.

`register(cli)` adds the commands to the `kg` group. Each opens the store
(``--store``, else ``$KG_STORE``, else the default of `kg.config.Settings`), projects
it with the filter options (`kg.graph.options`), and prints text, ``--json`` or an export.
networkx, rdflib and the rest load only when a command runs, so that `kg --help` stays quick.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from .options import graph_command

__all__ = ["register", "graph_command"]


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def _event_line(e: dict) -> str:
    """An event of a path: type, date, place and its sentence (an imported one: its notes or URL)."""
    from .records import event_text

    where = e.get("place_label") or "place unknown"
    return f"      {e['action']:9s} {e.get('date') or 'undated':10s} {where}: {event_text(e)}"


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("-k", "k", default=1, show_default=True, type=click.IntRange(min=1), help="How many paths, shortest first.")
@click.option("--weighted", is_flag=True, help="Prefer links backed by many events (cost 1/events) over fewest hops.")
@click.option("--json", "as_json", is_flag=True, help="Print the paths as JSON.")
@graph_command
def path(graph, source, target, k, weighted, as_json):
    """How SOURCE and TARGET are linked: the shortest paths and the events on each hop.

    Actors may be given by IRI, label, alias or a near spelling. A hop is events between the two, or
    a membership, leadership or command ("Khalifa Haftar commands Libyan National Army"), which the
    hop names in brackets. Each event shows its sentence, or for an imported one its ACLED notes or
    GDELT source URL.
    """
    import networkx as nx

    from .paths import k_shortest_paths, shortest_path
    from .records import with_records

    G = graph()
    found = [shortest_path(G, source, target, weighted=weighted)] if k == 1 else \
        k_shortest_paths(G, source, target, k, weighted=weighted)
    if not found:
        raise nx.NetworkXNoPath(f"no path between {source} and {target}")
    with_records(graph.store, found)
    if as_json:
        return _echo_json(found)
    for number, p in enumerate(found, 1):
        click.echo(f"Path {number}: {' → '.join(p['labels'])} ({p['length']} hop{'s' if p['length'] != 1 else ''})")
        for hop in p["hops"]:
            for link in hop["links"]:
                click.echo(f"  {hop['source_label']} — {hop['target_label']}: {link['text']} ({link['kind']})")
            if hop["events"]:
                count = len(hop["events"])
                click.echo(f"  {hop['source_label']} — {hop['target_label']}: {count} "
                           f"event{'s' if count != 1 else ''} ({', '.join(hop['types'])})")
            for event in hop["events"]:
                click.echo(_event_line(event))


@click.command()
@click.argument("actor")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(min=1), help="How many links away.")
@click.option("--json", "as_json", is_flag=True, help="Print the neighbours as JSON.")
@graph_command
def neighbours(graph, actor, hops, as_json):
    """The actors within --hops links of ACTOR, nearest first; a direct neighbour tied to ACTOR by a
    membership, leadership or command says so ("[command, event]": and by events)."""
    from .paths import neighbours as find

    rows = find(graph(), actor, hops=hops)
    if as_json:
        return _echo_json(rows)
    for row in rows:
        ties = f"  [{', '.join(row['links'])}]" if set(row["links"]) - {"event"} else ""  # a typed link: say so
        click.echo(f"{row['distance']}  {row['label']}  ({row['kind'] or 'unknown kind'}, {row['country'] or '—'}){ties}")
    click.echo(f"({len(rows)} actor{'s' if len(rows) != 1 else ''})")


@click.command()
@click.option("--metric", default="degree", show_default=True,
              type=click.Choice(["degree", "weighted-degree", "betweenness", "eigenvector", "pagerank"]))
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="How many actors.")
@click.option("-k", "k", default=None, type=click.IntRange(min=1), help="Betweenness: sources to sample.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@graph_command
def centrality(graph, metric, top, k, as_json):
    """The most central actors by --metric."""
    from .centrality import centrality as rank

    result = rank(graph(), metric, top=top, k=k)
    if as_json:
        return _echo_json(result)
    how = "exact" if result["exact"] else f"estimated from k={result['k']} sampled sources"
    click.echo(f"{metric} over {result['nodes']} actors ({how})")
    if result["note"]:
        click.echo(f"note: {result['note']}")
    for i, row in enumerate(result["top"], 1):
        click.echo(f"{i:3d}  {row['score']:.6f}  {row['label']}  ({row['kind'] or 'unknown kind'})")


@click.command()
@click.option("--method", default="signed", show_default=True, type=click.Choice(["signed", "louvain"]),
              help="signed: sides of the signed graph (cooperation joins, conflict parts); "
                   "louvain: Louvain communities of the unsigned graph.")
@click.option("--json", "as_json", is_flag=True, help="Print the camps as JSON.")
@click.option("--seed", default=42, show_default=True, help="Seed of the Louvain method (the signed method's start).")
@graph_command
def communities(graph, method, as_json, seed):
    """Camps of actors: sides of the signed graph, or Louvain communities (--method louvain).

    Each camp shows its cooperation and conflict events; frustration is the share of conflict
    events inside camps (0: no camp fights itself).
    """
    from .communities import partition

    result = partition(graph(), method, seed=seed)
    if as_json:
        return _echo_json(result)
    share = "n/a" if result["frustration"] is None else f"{result['frustration']:.4f}"
    extra = f", modularity {result['modularity']:.4f}" if result.get("modularity") is not None else ""
    click.echo(f"{result['count']} {'camps' if method == 'signed' else 'communities'}, frustration {share}{extra}")
    for c in result["communities"]:
        signed = c["cooperation"] + c["conflict"]
        signed = f" [{c['cooperation']} cooperation, {c['conflict']} conflict]" if signed else ""
        click.echo(f"{c['id'] + 1:3d}  ({c['size']}) {', '.join(m['label'] for m in c['members'])}{signed}")


@click.command()
@click.argument("actor")
@click.option("--radius", default=1, show_default=True, type=click.IntRange(min=0), help="How many links out.")
@click.option("--json", "as_json", is_flag=True, help="Print the ego network as JSON.")
@graph_command
def ego(graph, actor, radius, as_json):
    """ACTOR's ego network: the actors within --radius links and the links among them."""
    from .ego import describe_ego, ego as build

    data = describe_ego(build(graph(), actor, radius=radius))
    if as_json:
        return _echo_json(data)
    click.echo(f"{len(data['nodes'])} actors, {len(data['edges'])} links")
    for n in data["nodes"]:
        click.echo(f"  {n['distance']}  {n['label']}  ({n['kind'] or 'unknown kind'})")
    for e in data["edges"]:
        click.echo(f"  {e['source_label']} — {e['target_label']}: {e['weight']} ({', '.join(e['types'] or e['kinds'])})")


@click.command()
@click.option("--format", "fmt", default="gexf", show_default=True, type=click.Choice(["gexf", "graphml", "json", "csv"]),
              help="gexf/graphml for Gephi and other tools, json (node-link), csv (zip of nodes.csv and edges.csv).")
@click.option("-o", "--output", default="-", metavar="FILE", help="Where to write ('-', the default, is stdout).")
@click.option("--dynamic", is_flag=True, help="GEXF only: spells from event dates for Gephi's timeline.")
@click.option("--directed", is_flag=True, help="Edges from actor to target instead of undirected links.")
@graph_command
def export(graph, fmt, output, dynamic, directed):
    """Write the actor graph for Gephi or other tools."""
    from . import export as exporters

    if dynamic and fmt != "gexf":
        raise click.UsageError("--dynamic only applies to --format gexf")
    if output != "-" and Path(output).is_dir():
        raise click.ClickException(f"output path {output} is a directory; give a file name")
    G = graph(directed)
    if fmt == "gexf":
        data = exporters.to_gexf(G, dynamic=dynamic)
    elif fmt == "graphml":
        data = exporters.to_graphml(G)
    elif fmt == "json":
        data = (json.dumps(exporters.to_json(G), ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    else:
        data = exporters.to_csv_zip(G)
    if output == "-":
        stream = click.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
        return
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {G.number_of_nodes()} actors and {G.number_of_edges()} links to {output}", err=True)


def register(cli: click.Group) -> None:
    """Add the graph commands to the `kg` command group."""
    for command in (path, neighbours, centrality, communities, ego, export):
        cli.add_command(command)
