"""What every `kg` command shares: the settings, opening the store, and the --store/--create options."""
from __future__ import annotations

import click

from .config import Settings
from .errors import KGError

__all__ = ["STORE_HELP", "settings_for", "open_cli_store", "store_option", "create_option"]

STORE_HELP = "Store directory, or sparql+http://HOST:PORT/PATH for a SPARQL server (default: $KG_STORE or data/store)."


def settings_for(**overrides) -> Settings:
    """The settings from the environment with `overrides`; a bad value is a usage error."""
    try:
        return Settings.from_env(**overrides)
    except KGError as exc:
        raise click.ClickException(str(exc)) from None


def open_cli_store(store: str | None, *, read_only: bool = False, reading: bool = False, create: bool = False,
          upgrade: bool = False):
    """Open the store; `reading` commands fall back to a read-only open on a read-only directory or
    a store another process holds (`kg serve`);
    a location that holds no store is refused unless `create` (`kg ingest`, `kg import`, `--create`)."""
    from .store import open_store

    settings = settings_for(store=store)
    try:
        return open_store(settings.store, read_only=read_only, create=create, upgrade=upgrade)
    except KGError as exc:
        if reading and not read_only and any(cause in str(exc) for cause in _READ_ONLY_CAUSES):
            return open_cli_store(store, read_only=True)
        raise click.ClickException(str(exc)) from None


# A read-only directory, or a store `kg serve` holds: readers open it read-only (as it was then).
_READ_ONLY_CAUSES = ("Read-only file system", "Permission denied", "in use by another process")


store_option = click.option("--store", envvar="KG_STORE", default=None, metavar="DIR", help=STORE_HELP)
create_option = click.option("--create", is_flag=True, help="Make an empty store when --store holds none "
                                                           "(without it, a mistyped --store is an error).")
