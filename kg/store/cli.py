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
        """Convert a store written by an older pyoxigraph to this one's storage format, and one
        written by an older conflict-kg to its layout (each actor and place described once, in a
        graph of its own, not copied into every article that uses it).

        The conversion is one way (the older pyoxigraph cannot read the store afterwards): back
        the store directory up first. Every other command refuses such a store and says so.
        """
        import pyoxigraph

        from .migrate import share_descriptions

        kg_store = _open(store, upgrade=True)
        try:
            moved = share_descriptions(kg_store)
        finally:
            kg_store.close()
        click.echo(f"{_settings(store=store).store}: in the storage format of pyoxigraph {pyoxigraph.__version__}"
                   + (f"; the descriptions of {moved} article and dataset graphs now shared" if moved else ""))
