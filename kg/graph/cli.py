"""`kg path | neighbours | centrality | communities | ego | export`: graph questions from the shell.

`register(cli)` adds the commands to the `kg` group. Each opens the store
(``--store``, else ``$KG_STORE``, else the default of `kg.config.Settings`), projects
it with the filter options, and prints text, ``--json`` or an export. networkx, rdflib
and the rest load only when a command runs, so that `kg --help` stays quick.
"""
from __future__ import annotations

import json
from functools import wraps
from pathlib import Path

import click

from ..config import Settings
from ..errors import KGError

__all__ = ["register"]


def _open(location: str):
    """The store at `location`; read-only when another process (`kg serve`) holds it.

    A read-only probe first checks that a store is there (so that nothing is created in a
    mistyped directory). A writable handle is then preferred because pyoxigraph runs
    concurrent queries on it in parallel, which the projection uses; a read-only handle
    runs them one at a time.
    """
    from ..errors import StoreError
    from ..store import open_store

    try:
        probe = open_store(location, read_only=True)  # refuses a location without a store, and says why
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        store = open_store(location)
    except StoreError:
        return probe
    probe.close()
    return store


def _graph(store: str | None, filters: dict, directed: bool = False):
    from ..facets import Facets
    from .cache import cache_for
    from .filters import Filters

    try:
        facets = filters.pop("facets", None)
        chosen = Filters(**filters, facets=Facets(**facets) if facets else None)
        kg_store = _open(store or Settings().store)
        return cache_for(kg_store).get(chosen, "directed" if directed else "actor")
    except KGError as exc:
        raise click.ClickException(str(exc)) from None


DATE = click.DateTime(formats=["%Y-%m-%d"])
# option name -> (kg.facets.Facets field, metavar, help)
FACET_OPTIONS = {
    "source": ("sources", "SOURCES",
               "Only events from these sources: extracted, acled, gdelt (comma-separated or repeated)."),
    "date-precision": ("date_precisions", "PRECISIONS",
                       "Only events dated to this precision: day, week, month, year (comma-separated or repeated)."),
    "place-precision": ("place_precisions", "PRECISIONS",
                        "Only events placed to this precision: exact, town, region, country "
                        "(comma-separated or repeated)."),
    "min-fatalities": ("min_fatalities", "N", "Only events that state at least N dead."),
    "corroborated-by": ("corroborated_by", "SOURCES",
                        "Only events whose happening another report from these sources also tells (see `kg resolve`)."),
    "min-sources": ("min_sources", "N", "Only events whose happening comes from at least N independent sources "
                                          "(datasets, and stories: syndicated copies count once)."),
}


def _facet(field: str):
    """A click callback that checks one `kg.facets.Facets` field (bad values: a usage error, exit 2)."""
    def check(ctx, param, value):
        if value is None or value == ():
            return None
        from ..facets import FacetError, Facets

        raw = ",".join(value) if isinstance(value, tuple) else value
        try:
            return getattr(Facets(**{field: raw}), field)
        except FacetError as exc:
            raise click.BadParameter(str(exc)) from None
    return check


def facet_options(func):
    """Add the source, precision, fatalities and corroboration options (`FACET_OPTIONS`) to a command.

    The command gets one `facets` argument: a dict of the given `kg.facets.Facets` fields.
    """
    @wraps(func)
    def wrapper(**kwargs):
        facets = {field: kwargs.pop(field) for field, _m, _h in FACET_OPTIONS.values()}
        return func(facets={k: v for k, v in facets.items() if v is not None}, **kwargs)

    for option, (field, metavar, help_) in reversed(FACET_OPTIONS.items()):
        multiple = not option.startswith("min-")
        wrapper = click.option(f"--{option}", field, metavar=metavar, help=help_, multiple=multiple,
                               callback=_facet(field))(wrapper)
    return wrapper


def graph_command(func):
    """Add --store and the filter options (with `facet_options`); pass `graph`, which projects the store when called.

    ``graph()`` gives the actor graph of the filtered events, ``graph(True)`` the directed one.
    Errors become `click.ClickException`s (exit status 1) with the message of the error.
    """
    @click.option("--store", envvar="KG_STORE", default=None, metavar="DIR",
                  help="Store directory (default: $KG_STORE or data/store).")
    @click.option("--from", "date_from", type=DATE, metavar="DATE", help="Only events on or after DATE (YYYY-MM-DD).")
    @click.option("--to", "date_to", type=DATE, metavar="DATE", help="Only events on or before DATE (YYYY-MM-DD).")
    @click.option("--types", metavar="TYPES", help="Only these PLOVER types, comma-separated (e.g. ASSAULT,COERCE).")
    @click.option("--country", metavar="ISO3", help="Only events whose place, actor or target is in this country (e.g. LBY).")
    @click.option("--place", metavar="NAME", help="Only events at this place (IRI, label or alias).")
    @click.option("--article", "articles", multiple=True, metavar="IRI", help="Only events from this article (repeatable).")
    @click.option("--min-confidence", type=float, metavar="X", help="Only events with confidence of at least X.")
    @facet_options
    @wraps(func)
    def wrapper(store, date_from, date_to, types, country, place, articles, min_confidence, facets, **kwargs):
        import networkx as nx

        filters = dict(date_from=date_from and date_from.date(), date_to=date_to and date_to.date(),
                       types=types or (), country=country, place=place,
                       articles=articles, min_confidence=min_confidence, facets=facets)
        try:
            return func(lambda directed=False: _graph(store, filters, directed), **kwargs)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None
        except (nx.NetworkXNoPath, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def _event_line(e: dict) -> str:
    where = e.get("place_label") or "place unknown"
    return f"      {e['action']:9s} {e.get('date') or 'undated':10s} {where}: {e.get('sentence') or ''}"


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("-k", "k", default=1, show_default=True, type=click.IntRange(min=1), help="How many paths, shortest first.")
@click.option("--weighted", is_flag=True, help="Prefer links backed by many events (cost 1/events) over fewest hops.")
@click.option("--json", "as_json", is_flag=True, help="Print the paths as JSON.")
@graph_command
def path(graph, source, target, k, weighted, as_json):
    """How SOURCE and TARGET are linked: the shortest paths and the events on each hop.

    Actors may be given by IRI, label, alias or a near spelling.
    """
    import networkx as nx

    from .paths import k_shortest_paths, shortest_path

    G = graph()
    found = [shortest_path(G, source, target, weighted=weighted)] if k == 1 else \
        k_shortest_paths(G, source, target, k, weighted=weighted)
    if not found:
        raise nx.NetworkXNoPath(f"no path between {source} and {target}")
    if as_json:
        return _echo_json(found)
    for number, p in enumerate(found, 1):
        click.echo(f"Path {number}: {' → '.join(p['labels'])} ({p['length']} hop{'s' if p['length'] != 1 else ''})")
        for hop in p["hops"]:
            click.echo(f"  {hop['source_label']} — {hop['target_label']}: {hop['weight']} "
                       f"event{'s' if hop['weight'] != 1 else ''} ({', '.join(hop['types'])})")
            for event in hop["events"]:
                click.echo(_event_line(event))


@click.command()
@click.argument("actor")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(min=1), help="How many links away.")
@click.option("--json", "as_json", is_flag=True, help="Print the neighbours as JSON.")
@graph_command
def neighbours(graph, actor, hops, as_json):
    """The actors within --hops links of ACTOR, nearest first."""
    from .paths import neighbours as find

    rows = find(graph(), actor, hops=hops)
    if as_json:
        return _echo_json(rows)
    for row in rows:
        click.echo(f"{row['distance']}  {row['label']}  ({row['kind'] or 'unknown kind'}, {row['country'] or '—'})")
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
@click.option("--json", "as_json", is_flag=True, help="Print the communities as JSON.")
@click.option("--seed", default=42, show_default=True, help="Seed of the Louvain method.")
@graph_command
def communities(graph, as_json, seed):
    """Camps of actors: Louvain communities of the event-weighted graph."""
    from .communities import communities as find

    result = find(graph(), seed=seed)
    if as_json:
        return _echo_json(result)
    modularity = "n/a" if result["modularity"] is None else f"{result['modularity']:.4f}"
    click.echo(f"{result['count']} communities, modularity {modularity}")
    for c in result["communities"]:
        click.echo(f"{c['id'] + 1:3d}  ({c['size']}) {', '.join(m['label'] for m in c['members'])}")


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
        click.echo(f"  {e['source_label']} — {e['target_label']}: {e['weight']} ({', '.join(e['types'])})")


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
