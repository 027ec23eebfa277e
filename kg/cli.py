"""The `kg` command line: ingest, extract, query, stats, serve."""
from __future__ import annotations

import json
import sys

import click

from .config import Settings
from .errors import KGError

STORE_HELP = "Store directory, or sparql+http://HOST:PORT/PATH for a SPARQL server (default: $KG_STORE or data/store)."


def _settings(**overrides) -> Settings:
    try:
        return Settings.from_env(**overrides)
    except KGError as exc:
        raise click.ClickException(str(exc)) from None


def _open(store: str | None, *, read_only: bool = False, reading: bool = False, create: bool = False,
          upgrade: bool = False):
    """Open the store; `reading` commands fall back to a read-only open on a read-only directory or
    a store another process holds (`kg serve`);
    a location that holds no store is refused unless `create` (`kg ingest`, `kg import`, `--create`)."""
    from .store import open_store

    settings = _settings(store=store)
    try:
        return open_store(settings.store, read_only=read_only, create=create, upgrade=upgrade)
    except KGError as exc:
        if reading and not read_only and any(cause in str(exc) for cause in _READ_ONLY_CAUSES):
            return _open(store, read_only=True)
        raise click.ClickException(str(exc)) from None


# A read-only directory, or a store `kg serve` holds: readers open it read-only (as it was then).
_READ_ONLY_CAUSES = ("Read-only file system", "Permission denied", "in use by another process")


store_option = click.option("--store", envvar="KG_STORE", default=None, metavar="DIR", help=STORE_HELP)
create_option = click.option("--create", is_flag=True, help="Make an empty store when --store holds none "
                                                           "(without it, a mistyped --store is an error).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conflict-kg")
def cli():
    """conflict-kg: news articles to a knowledge graph of conflict events.

    \b
    Typical use:
      kg ingest seeds/              build or update the store
      kg query 'SELECT ...'         ask it in SPARQL
      kg serve                      browse it at http://127.0.0.1:5000
    """


def _day(ctx, param, value):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; errors and the summary only.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check of each article graph.")
@click.option("--workers", "-w", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that parse, extract and validate articles (spaCy n_process); "
                   "one per core is about right.")
@click.option("--batch-size", type=click.IntRange(1, 10000), default=64, show_default=True,
              help="Articles written to the store together: one update per batch on a SPARQL server "
                   "(each article stays all-or-nothing).")
@click.option("--date", "fallback_date", metavar="YYYY-MM-DD", callback=_day,
              help="Publication date of web pages that state none (without it, such a page is refused).")
def ingest(paths, store, quiet, no_validate, workers, batch_size, fallback_date):
    """Extract events from articles and store them, one named graph per article (its actors and
    places described once, in graphs of their own).

    \b
    PATHS are files of these formats, or folders holding them:
      .txt            first line 'date YYYY-MM-DD SOURCE, DATELINE', then the text
      .jsonl          one article per line: id, text, date|pub_date|published, and
                      optional title, url, outlet, dateline
      .html, .htm     saved web pages: body, title, date, canonical URL and site read
                      by trafilatura and htmldate, the dateline from the body's start
      .warc, .warc.gz web archives: each HTML page (response status 200) they hold

    Files are read as a stream, so corpora of any size fit in memory.
    Re-ingesting an unchanged article does nothing (an interrupted ingest resumes where it
    stopped); a changed one replaces its graph. Bad inputs are reported and skipped.
    Syndicated copies of one story are linked (ckg:sameStoryAs) and counted as one source.
    RSS and Atom feeds: `kg feed`; a folder to watch: `kg watch`.
    --store may also be a SPARQL server: sparql+http://host:port/path.

    Exit status: 0 all stored, 1 nothing could be stored, 3 some inputs failed.
    """
    from .articles import count_articles
    from .pipeline import ingest_paths
    from .progress import Progress

    settings = _settings(store=store, validate=False if no_validate else None)
    kg_store = _open(settings.store, create=True)
    progress = Progress(count_articles(paths), quiet=quiet)
    try:
        summary = ingest_paths(paths, kg_store, settings=settings, on_article=progress, workers=workers,
                               write_batch=batch_size, fallback_date=fallback_date)
    except KGError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        progress.close()
        kg_store.close()
    click.echo(summary.line(), err=quiet is False)
    if summary.failed and not summary.articles:
        sys.exit(1)
    if summary.failed:
        sys.exit(3)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "pretty"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per event (the scorer's input); pretty: indented JSON.")
def extract(paths, fmt):
    """Print the events found in articles, without storing anything."""
    from .articles import iter_articles
    from .errors import InputError
    from .mapping.to_rdf import frame_to_json
    from .pipeline import extract_articles

    failed = ok = 0

    def articles():
        nonlocal failed
        for item in iter_articles(paths):
            if isinstance(item, InputError):
                failed += 1
                click.echo(f"error: {item}", err=True)
            else:
                yield item

    try:
        for _article, frames in extract_articles(articles()):
            ok += 1
            for frame in frames:
                data = frame_to_json(frame)
                click.echo(json.dumps(data, ensure_ascii=False, indent=2 if fmt == "pretty" else None))
    except KGError as exc:
        raise click.ClickException(str(exc)) from None
    if failed and not ok:
        sys.exit(1)
    if failed:
        sys.exit(3)


QUERY_FORMATS = ["table", "json", "xml", "csv", "tsv", "turtle", "ntriples", "nquads", "trig", "n3", "jsonld"]


@cli.command()
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

    kg_store = isolated(_open(store, reading=True, create=create))  # an engine crash: one clear error
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


@cli.command()
@store_option
@create_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(store, create, as_json):
    """Count articles, events, actors, places and triples, and events per type."""
    from .stats import store_stats

    data = store_stats(_open(store, reading=True, create=create))
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    for key in ("articles", "events", "actors", "places", "triples"):
        click.echo(f"{key:10s} {data[key]}")
    for name, count in data["events_by_type"].items():
        click.echo(f"  {name:10s} {count}")


@cli.command()
@store_option
@create_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Python threads per worker process that answer requests.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes when the service takes no writes (default: one per core); with KG_TOKEN, one.")
@click.option("--readers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Reader processes per worker that run SPARQL queries (a query that crashes the engine, runs past "
                   "KG_QUERY_TIMEOUT or exhausts its memory costs only its own request).")
def serve(store, create, host, port, threads, workers, readers):
    """Serve the store over HTTP (granian): SPARQL at /sparql, JSON API at /api, pages at /.
    Meanwhile `kg query`, `kg stats` and the graph commands can still read the store."""
    from .serve import check_port, serve as serve_store

    settings = _settings(store=store)
    _open(settings.store, create=create).close()  # say now, in one line, when the store cannot be opened
    try:
        check_port(host, port)
    except OSError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"conflict-kg serving {settings.store} on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    try:
        serve_store(settings, host=host, port=port, threads=threads, workers=workers, readers=readers)
    except KGError as exc:
        raise click.ClickException(str(exc)) from None


def _register_commands() -> None:
    """Add the command groups that live beside their code: graph questions, imports, feeds and the
    watched folder, store upkeep."""
    from .events_cli import events
    from .graph.cli import register as register_graph
    from .importers.cli import register as register_imports
    from .sources.cli import register as register_sources
    from .store.cli import register as register_store

    cli.add_command(events)
    register_graph(cli)
    register_imports(cli)
    register_sources(cli)
    register_store(cli)


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    cli()
