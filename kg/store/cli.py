"""`kg upgrade`: added to the `kg` command line by `register(cli)`."""
from __future__ import annotations

import click

__all__ = ["register"]


def register(cli: click.Group) -> None:
    """Add the `upgrade` command to `cli`."""
    from ..cli import _open, _settings, store_option

    @cli.command("upgrade")
    @store_option
    def upgrade(store):
        """Convert a store written by an older pyoxigraph to this one's storage format.

        The conversion is one way (the older pyoxigraph cannot read the store afterwards): back
        the store directory up first. Every other command refuses such a store and says so.
        """
        import pyoxigraph

        _open(store, upgrade=True).close()
        click.echo(f"{_settings(store=store).store}: in the storage format of pyoxigraph {pyoxigraph.__version__}")
