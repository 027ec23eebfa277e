"""The `kg feed` commands (add, list, remove, fetch) and `kg watch`, added to the `kg` group by `register`."""
from __future__ import annotations

import sys
import time

import click

from ..errors import KGError

__all__ = ["register", "feed", "watch"]


def _settings(store):
    from ..cli_options import settings_for as settings_of

    return settings_of(store=store)


def _feed_list(settings):
    from .feeds import FeedList, state_path

    return FeedList(state_path(settings.store, settings.feeds))


@click.group()
def feed():
    """Subscribe to RSS and Atom feeds and fetch their new entries.

    \b
    kg feed add URL|FILE     subscribe (an http(s) URL or a feed file)
    kg feed list             the subscriptions, what was seen and the last fetch
    kg feed fetch            store the entries not seen before (all feeds, or the ones named)
    kg feed remove URL|FILE  unsubscribe (stored articles stay)

    The list lives in kg-feeds.json in the store directory (or the file KG_FEEDS names). An
    entry with full content is stored as it is; an entry with only a summary brings the page it
    links to (read as `kg ingest` reads a saved page), or its summary when the page cannot be had.
    """


@feed.command("add")
@click.argument("location")
@click.option("--store", envvar="KG_STORE", default=None, metavar="DIR", help="The store the feed's entries go to.")
def feed_add(location, store):
    """Subscribe to the feed at LOCATION (an http(s) URL or a file)."""
    try:
        feeds = _feed_list(_settings(store))
        with feeds.locked():
            added = feeds.add(location)
            feeds.save()
    except KGError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"subscribed to {added.url} ({len(feeds.feeds)} feed{'s' if len(feeds.feeds) != 1 else ''}; "
               f"list in {feeds.path}); `kg feed fetch` reads it")


@feed.command("remove")
@click.argument("location")
@click.option("--store", envvar="KG_STORE", default=None, metavar="DIR", help="The store the feed's entries went to.")
def feed_remove(location, store):
    """Unsubscribe from LOCATION; the articles already stored stay."""
    try:
        feeds = _feed_list(_settings(store))
        with feeds.locked():
            gone = feeds.remove(location)
            feeds.save()
    except KGError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"unsubscribed from {gone.url}")


@feed.command("list")
@click.option("--store", envvar="KG_STORE", default=None, metavar="DIR", help="The store the feeds' entries go to.")
def feed_list(store):
    """The subscriptions: location, entries seen, last fetch and what it did."""
    try:
        feeds = _feed_list(_settings(store))
    except KGError as exc:
        raise click.ClickException(str(exc)) from None
    if not feeds.feeds:
        click.echo("no feeds: add one with `kg feed add URL`")
        return
    for f in feeds.feeds:
        click.echo(f"{f.url}\n  {len(f.seen)} entries seen; last fetch {f.fetched or 'never'}"
                   + (f": {f.status}" if f.status else ""))


@feed.command("fetch")
@click.argument("locations", nargs=-1)
@click.option("--store", envvar="KG_STORE", default=None, metavar="DIR", help="The store to put the entries in.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; errors and the summary only.")
def feed_fetch(locations, store, quiet):
    """Fetch every feed (or the LOCATIONS named) and store the entries not seen before.

    Exit status: 0 all stored, 1 nothing could be fetched, 3 some feeds or entries failed.
    """
    from ..cli_options import open_cli_store as _open
    from ..progress import Progress
    from .fetch import fetch_all

    settings = _settings(store)
    try:
        feeds = _feed_list(settings)
    except KGError as exc:
        raise click.ClickException(str(exc)) from None
    chosen = [f for f in feeds.feeds if not locations or f.url in locations]
    missing = set(locations) - {f.url for f in chosen}
    if missing:
        raise click.ClickException(f"not subscribed: {', '.join(sorted(missing))} (see `kg feed list`)")
    if not chosen:
        raise click.ClickException("no feeds to fetch: add one with `kg feed add URL`")
    kg_store = _open(settings.store, create=True)
    progress = Progress(None, quiet=quiet, unit="entry")
    try:
        with feeds.locked():
            total, failed_feeds = fetch_all(feeds, chosen, kg_store, settings, progress)
    except KGError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        progress.close()
        kg_store.close()
    click.echo(f"{len(chosen)} feed{'s' if len(chosen) != 1 else ''} ({failed_feeds} failed): {total.line()}",
               err=not quiet)
    if failed_feeds == len(chosen) or (total.failed and not total.articles):
        sys.exit(1)
    if failed_feeds or total.failed:
        sys.exit(3)


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--store", envvar="KG_STORE", default=None, metavar="DIR",
              help="Store directory (default: $KG_STORE or data/store).")
@click.option("--server", metavar="URL", default=None,
              help="Post to this `kg serve` (with KG_TOKEN) instead of writing the store; by default the "
                   "watcher writes the store, or posts to the server that holds it.")
@click.option("--date", "fallback_date", metavar="YYYY-MM-DD", default=None,
              help="Publication date of web pages that state none.")
@click.option("--settle", type=click.FloatRange(0.05, 3600), default=1.0, show_default=True,
              help="Seconds a file must stay unchanged before it is read.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; errors and the summary only.")
def watch(folder, store, server, fallback_date, settle, quiet):
    """Ingest the files in FOLDER, then each one that appears or changes, until Ctrl+C.

    Reads what `kg ingest` reads (.txt, .jsonl, .html, .htm, .warc, .warc.gz), with the same
    progress line, and prints a summary when stopped. Safe beside `kg serve`: while a server
    holds the store, the articles are posted to its POST /api/articles (set KG_TOKEN to the
    server's token).

    Exit status (on Ctrl+C): 0 all stored, 3 some inputs failed; 1 when it cannot go on.
    """
    from pathlib import Path

    from ..cli import _day
    from ..progress import Progress
    from .watch import Totals, watch as watch_folder

    import signal

    day = _day(None, None, fallback_date)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl+C stops it, even where SIGINT was ignored
    settings = _settings(store)
    totals, started = Totals(), time.monotonic()
    progress = Progress(None, quiet=quiet)
    click.echo(f"watching {folder} (Ctrl+C to stop)", err=True)
    status = 0
    try:
        watch_folder(Path(folder), settings, progress=progress, totals=totals, server=server, fallback_date=day,
                     settle=settle, on_mode=lambda m: progress.bar.write(f"note: {m}", file=sys.stderr))
    except KeyboardInterrupt:
        pass
    except KGError as exc:
        progress.close()
        click.echo(f"Error: {exc}", err=True)
        status = 1
    finally:
        progress.close()
    summary = totals.total()
    click.echo(f"watched {folder} for {time.monotonic() - started:.0f} s: {summary.line()}", err=not quiet)
    sys.exit(status or (3 if summary.failed else 0))


def register(cli: click.Group) -> None:
    """Add `kg feed` and `kg watch` to the `kg` command."""
    cli.add_command(feed)
    cli.add_command(watch)
