"""The options the graph commands share (`graph_command`, `facet_options`) and the projection they
pass on (`Projection`): store, dates, types, country, place, articles, confidence and the facets.

The store is opened read-only when another process (`kg serve`) holds it.
"""
from __future__ import annotations

from functools import wraps

import click

from ..config import Settings
from ..errors import KGError

__all__ = ["DATE", "FACET_OPTIONS", "Projection", "facet_options", "graph_command", "open_existing"]


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
        from ..facets import Facets
        from .cache import cache_for
        from .filters import Filters

        try:
            filters = dict(self.filters)
            facets = filters.pop("facets", None)
            chosen = Filters(**filters, facets=Facets(**facets) if facets else None)
            return cache_for(self.store).get(chosen, "directed" if directed else "actor")
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

    ``graph()`` gives the actor graph of the filtered events, ``graph(True)`` the directed one,
    ``graph.store`` the store. Errors become `click.ClickException`s (exit status 1) with the
    message of the error.
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
