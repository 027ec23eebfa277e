"""The lock a read-only `kg serve` holds on a store directory while its workers read it.

pyoxigraph lets several processes open a store read-only, but reading it while another process
writes it is undefined behaviour. A read-only `kg serve` (no KG_TOKEN, or KG_READONLY) therefore
holds `kg-serve.lock` in the store directory (an flock, released when the server ends, however
it ends), and the embedded store refuses to open for writing while it is held: writers stop
with the usual "in use by another process" message and reading commands open read-only.
RocksDB ignores files it did not make.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ..errors import StoreError

__all__ = ["LOCK_NAME", "hold", "held"]

LOCK_NAME = "kg-serve.lock"


def hold(store: str) -> int:
    """Take the serving lock of `store` (a directory) for this process and its children; the fd.

    Raises StoreError when another `kg serve` holds it, or when a process has the store open for
    writing (RocksDB's own lock), so that the workers never read a store being written.
    """
    fd = os.open(Path(store) / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise StoreError(f"store {store} is in use by another process (another `kg serve` reads it)") from None
    if _written(store):
        os.close(fd)
        raise StoreError(f"store {store} is in use by another process (it is open for writing: "
                         "stop the ingest first)")
    return fd


def held(store: str) -> bool:
    """True when a `kg serve` holds the serving lock of `store`."""
    path = Path(store) / LOCK_NAME
    if not path.is_file():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops the shared lock taken to test
    return False


def _written(store: str) -> bool:
    """True when a process holds RocksDB's LOCK file of `store` (has it open for writing)."""
    path = Path(store) / "LOCK"
    if not path.is_file():
        return False
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)
