"""`python -m kg.extract.geo build`: build the gazetteer index into the cache (see cache.py)."""
from __future__ import annotations

import sys
import time

from .cache import build_file, cache_dirs, index_key, index_path


def main(argv: list[str]) -> int:
    """Build the index (`build`, or `build --force` to rebuild one that exists); print where it is."""
    if not argv or argv[0] != "build":
        print("usage: python -m kg.extract.geo build [--force]", file=sys.stderr)
        return 2
    key = index_key()
    for directory in cache_dirs():
        path = index_path(directory, key)
        if path.exists() and "--force" not in argv:
            print(f"gazetteer index up to date: {path}")
            return 0
        try:
            start = time.perf_counter()
            path = build_file(directory, key)
        except OSError as exc:
            print(f"cannot write {directory} ({exc}); trying the next place", file=sys.stderr)
            continue
        print(f"gazetteer index built in {time.perf_counter() - start:.1f} s: {path} "
              f"({path.stat().st_size / 1e6:.0f} MB)")
        return 0
    print("no writable cache directory: the index will be built in memory at each start", file=sys.stderr)
    return 0  # degraded, not broken: `make install` goes on


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
