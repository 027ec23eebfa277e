"""`kg import acled|gdelt FILE` and `kg resolve`: added to the `kg` command line by `register(cli)`."""
from __future__ import annotations

import sys

import click

from ..errors import KGError

__all__ = ["register"]


def _import(source: str, path: str, store: str | None, name: str | None, no_validate: bool,
            no_resolve: bool, quiet: bool) -> None:
    """Run one import and report it; exit 1 when nothing was imported, 3 when rows failed."""
    from ..cli_options import open_cli_store as _open, settings_for as _settings
    from .load import import_file

    settings = _settings(store=store, validate=False if no_validate else None)
    kg_store = _open(settings.store, create=True)
    try:
        summary = import_file(kg_store, source, path, name=name, settings=settings, resolve=not no_resolve)
    except (KGError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        kg_store.close()
    for message in summary.failed:
        click.echo(f"error: {message}", err=True)
    if summary.failures > len(summary.failed):
        click.echo(f"error: … and {summary.failures - len(summary.failed):,} more failed rows", err=True)
    click.echo(f"{summary.line()}; graph {summary.graph}", err=not quiet)
    if not summary.imported and (summary.failures or not summary.rows):
        sys.exit(1)
    if summary.failures:
        sys.exit(3)


def register(cli: click.Group) -> None:
    """Add the `import` group (acled, gdelt) and the `resolve` command to `cli`."""
    from ..cli_options import store_option

    @cli.group("import")
    def import_group():
        """Import coded events from ACLED or GDELT files, one named graph per file.

        Imported events are event reports like the extracted ones (ckg:source 'acled' or
        'gdelt'), and are resolved with them into happenings. Re-importing a file of the
        same name replaces its graph.

        Exit status: 0 imported (rows without a PLOVER type are skipped, not failed),
        1 nothing could be imported, 3 some rows failed and the rest were stored.
        """

    def options(command):
        command = store_option(command)
        command = click.option("--name", default=None, metavar="NAME",
                               help="Name of the import (default: the file name); its graph is "
                                    "id/dataset/SOURCE-NAME.")(command)
        command = click.option("--no-validate", is_flag=True, help="Skip the SHACL check of the graph.")(command)
        command = click.option("--no-resolve", is_flag=True,
                               help="Do not update the happenings (run `kg resolve` later).")(command)
        return click.option("--quiet", "-q", is_flag=True,
                            help="Errors and the summary only; the summary on standard output.")(command)

    @import_group.command("acled")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @options
    def acled(path, store, name, no_validate, no_resolve, quiet):
        """Import an ACLED export (CSV with ACLED's column names; older layouts too)."""
        _import("acled", path, store, name, no_validate, no_resolve, quiet)

    @import_group.command("gdelt")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @options
    def gdelt(path, store, name, no_validate, no_resolve, quiet):
        """Import a GDELT 2.0 event export (tab-separated, 61 columns; .CSV or .CSV.zip)."""
        _import("gdelt", path, store, name, no_validate, no_resolve, quiet)

    @cli.command("resolve")
    @store_option
    def resolve(store):
        """Rebuild the happenings (graph id/graph/resolved) from every event report in the store."""
        from ..cli_options import open_cli_store as _open
        from ..resolve import resolve_all

        kg_store = _open(store)
        try:
            click.echo(resolve_all(kg_store).line())
        except KGError as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            kg_store.close()
