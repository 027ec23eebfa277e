"""The options the graph commands and `kg events` share (`filter_options`, `graph_command`) and the
projection the graph commands pass on (`Projection`): the store and the filters of `kg.filters`.

The filter options are made from `kg.filters.PARAMETERS` (the same names, help and checks as the
JSON API's parameters); a bad value is a usage error naming the option (exit status 2).

The store is opened read-only when another process (`kg serve`) holds it.
"""
from __future__ import annotations

import re
from functools import wraps

import click

from ..config import Settings
from ..errors import KGError

__all__ = ["DATE", "Projection", "filter_options", "graph_command", "open_existing", "STORE_OPTION"]


def open_existing(location: str):
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


class Projection:
    """``graph()``: the actor graph of the filtered events (``graph(True)``: the directed one);
    ``graph.store``: the store it reads, opened once. Errors are `click.ClickException`s."""

    def __init__(self, location: str | None, filters: dict):
        self.location, self.filters, self._store = location, dict(filters), None

    @property
    def store(self):
        """The store, opened on first use."""
        if self._store is None:
            self._store = open_existing(self.location or Settings().store)
        return self._store

    def close(self) -> None:
        """Close the store if it was opened (a command run in-process must not keep it)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __call__(self, directed: bool = False):
        from ..filters import Filters
        from .cache import cache_for

        try:
            chosen = Filters.from_values(self.filters)
            return cache_for(self.store).get(chosen, "directed" if directed else "actor")
        except KGError as exc:
            raise click.ClickException(str(exc)) from None


DATE = click.DateTime(formats=["%Y-%m-%d"])
STORE_OPTION = click.option("--store", envvar="KG_STORE", default=None, metavar="DIR",
                            help="Store directory (default: $KG_STORE or data/store).")


def _value(name: str, value):
    """An option's value as `kg.filters.Filters` takes it: a day for a date; an IRI for an article's
    id or a place's GeoNames id (`geonames-2210247`), as the JSON API takes them."""
    from ..mapping.namespaces import ID

    if hasattr(value, "date"):
        return value.date()
    if name == "article" and not value.startswith(("http://", "https://")):
        return f"{ID}article/{value}"
    if name == "place" and re.fullmatch(r"geonames-[0-9]{1,12}", value.strip()):
        return f"{ID}place/{value.strip()}"
    return value


def _checked(name: str):
    """A click callback that checks one filter parameter as `kg.filters.Filters` does (bad values: a
    usage error naming the option, exit 2)."""
    def check(ctx, param, value):
        if value is None or value == ():
            return None
        from ..filters import FilterError, Filters

        raw = [_value(name, v) for v in value] if isinstance(value, tuple) else _value(name, value)
        try:
            return Filters.checked(name, raw)
        except FilterError as exc:
            raise click.BadParameter(str(exc)) from None
    return check


def filter_options(listing: bool = False):
    """Add the filter options of `kg.filters.PARAMETERS` to a command (`listing`: `--actor` too, as
    given: the command resolves the name). The command gets one `filters` argument: parameter name ->
    checked value, for `kg.filters.Filters.from_values`."""
    from ..filters import PARAMETERS

    chosen = [p for p in PARAMETERS if listing or not p.listing]

    def decorate(func):
        @wraps(func)
        def wrapper(**kwargs):
            given = {p.name: kwargs.pop("filter_" + p.name) for p in chosen}
            return func(filters={k: v for k, v in given.items() if v is not None}, **kwargs)

        for p in reversed(chosen):
            date = p.schema.get("format") == "date"
            wrapper = click.option(f"--{p.option}", "filter_" + p.name, metavar=p.metavar, help=p.help,
                                   multiple=p.many, type=DATE if date else None,
                                   callback=None if p.name == "actor" else _checked(p.name))(wrapper)
        return wrapper
    return decorate


def graph_command(func):
    """Add --store and the filter options (`filter_options`); pass `graph`, which projects the store when called.

    ``graph()`` gives the actor graph of the filtered events, ``graph(True)`` the directed one,
    ``graph.store`` the store. Errors become `click.ClickException`s (exit status 1) with the
    message of the error.
    """
    @STORE_OPTION
    @filter_options()
    @wraps(func)
    def wrapper(store, filters, **kwargs):
        import networkx as nx

        projection = Projection(store, filters)
        try:
            return func(projection, **kwargs)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None
        except (nx.NetworkXNoPath, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            projection.close()
    return wrapper
