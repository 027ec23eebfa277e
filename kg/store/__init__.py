"""Stores: `open_store(location)` picks the implementation from the location."""
from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import GRAPH_FORMATS, RESULT_FORMATS, PutResult, Store, query_form

__all__ = ["open_store", "NoStoreError", "Store", "PutResult", "RESULT_FORMATS", "GRAPH_FORMATS", "query_form"]

REMOTE_SCHEMES = ("sparql+http://", "sparql+https://")


def open_store(location: str | None, *, read_only: bool = False, create: bool = True,
               upgrade: bool = False) -> Store:
    """Open the store at `location`.

    A directory or ':memory:' opens the embedded pyoxigraph store; `sparql+http://host:port/path`
    (or `sparql+https://`) opens a SPARQL 1.1 server (see `kg.store.sparql`). A directory that
    holds no store is made one when `create` is true, else refused (StoreError), and so is a
    store in the storage format of another pyoxigraph version unless `upgrade` (then it is
    converted, one way).
    """
    if location and location.startswith(REMOTE_SCHEMES):
        from .sparql import SparqlStore

        return SparqlStore.from_url(location, read_only=read_only)
    from .oxigraph import OxigraphStore

    if location in (None, "", ":memory:"):
        return OxigraphStore(None)
    if "://" in location:
        raise StoreError(f"unsupported store location {location!r}: give a directory, or "
                         "sparql+http://host:port/path for a SPARQL server")
    path = Path(location)
    if path.exists() and not path.is_dir():
        raise StoreError(f"store location {location} is a file, not a directory")
    if not (path / "CURRENT").is_file() and (read_only or not create):
        raise NoStoreError(f"no store at {location}"
                           + (" (the directory holds no store)" if path.is_dir() else "")
                           + ": check --store (or KG_STORE); `kg ingest` creates a store, or give --create")
    if not read_only:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create store directory {location}: {exc.strerror or exc}") from None
    return OxigraphStore(str(path), read_only=read_only, upgrade=upgrade)


class NoStoreError(StoreError):
    """The location names no store, and the command does not create one."""
