"""The `kg` command line: ingest, extract, stats, serve; `kg query` is in `query_cli`, the other
command groups beside their code; store opening and the shared options in `cli_options`."""
from __future__ import annotations

import json
import sys

import click

from .errors import KGError

from .cli_options import create_option, open_cli_store as _open, settings_for as _settings, store_option


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
    from .query_cli import query
    from .importers.cli import register as register_imports
    from .sources.cli import register as register_sources
    from .store.cli import register as register_store

    cli.add_command(events)
    cli.add_command(query)
    register_graph(cli)
    register_imports(cli)
    register_sources(cli)
    register_store(cli)


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    cli()
