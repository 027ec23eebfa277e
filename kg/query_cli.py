"""`kg query`: a SPARQL query over the store, from the shell."""
from __future__ import annotations

import json
import sys

import click

from .cli_options import create_option, open_cli_store, store_option
from .errors import KGError

__all__ = ["query", "QUERY_FORMATS"]

QUERY_FORMATS = ["table", "json", "xml", "csv", "tsv", "turtle", "ntriples", "nquads", "trig", "n3", "jsonld"]


@click.command()
@click.argument("sparql")
@store_option
@create_option
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="table for people; json, xml, csv, tsv are the SPARQL 1.1 result formats (SELECT, ASK); "
                   "turtle, ntriples, nquads, trig, n3, jsonld serve CONSTRUCT and DESCRIBE.")
@click.option("--default-graph", "default_graphs", multiple=True, metavar="IRI",
              help="a graph of the default graph (repeatable), as the protocol's default-graph-uri: with it "
                   "or --named-graph the dataset is only the graphs given, whatever the query's FROM says.")
@click.option("--named-graph", "named_graphs", multiple=True, metavar="IRI",
              help="a graph GRAPH may match (repeatable), as the protocol's named-graph-uri.")
def query(sparql, store, create, fmt, default_graphs, named_graphs):
    """Run a SPARQL query over all articles (the union of their graphs).

    SPARQL may be '-' to read the query from standard input, or @FILE to read it from a file.
    The dataset is as SPARQL 1.1 says: --default-graph / --named-graph when given, else the
    query's FROM / FROM NAMED, else the union of all graphs as the default graph.
    """
    from .store import query_form

    if sparql == "-":
        try:
            sparql = sys.stdin.read()
            sparql.encode("utf-8")  # a locale that escapes bad bytes leaves surrogates behind
        except (UnicodeDecodeError, UnicodeEncodeError) as exc:
            raise click.ClickException(f"cannot read the query from standard input: not UTF-8 text "
                                       f"(character {exc.start})") from None
    elif sparql.startswith("@"):
        try:
            with open(sparql[1:], encoding="utf-8") as handle:
                sparql = handle.read()
        except OSError as exc:
            raise click.ClickException(f"cannot read query file {sparql[1:]}: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"cannot read query file {sparql[1:]}: not UTF-8 text "
                                       f"(byte {exc.start})") from None
    from .store.readers import isolated

    kg_store = isolated(open_cli_store(store, reading=True, create=create))  # an engine crash: one clear error
    form = query_form(sparql)
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    try:
        dataset = {"default_graphs": list(default_graphs) or None, "named_graphs": list(named_graphs) or None}
        if fmt == "table":
            out = kg_store.query(sparql, "turtle" if graph_form else "json", **dataset)
            click.echo(out.decode() if graph_form else _table(json.loads(out)))
            return
        click.echo(kg_store.query(sparql, fmt, **dataset).decode(), nl=False)
    except KGError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        kg_store.close()


def _table(result: dict) -> str:
    if "boolean" in result:
        return "true" if result["boolean"] else "false"
    names = result["head"]["vars"]
    rows = [[b.get(n, {}).get("value", "") for n in names] for b in result["results"]["bindings"]]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]

    def line(cells):
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
