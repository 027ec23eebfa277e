"""The synthetic store of 10,000 actors and 100,000 events (bench/synth_store.py), made once per
session, and a read-only server over it: `from tests.browser.synth import synth_store_dir, synth_server`.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from kg.store import open_store

from .fixtures import make_app
from .live import live_server

BENCH = Path(__file__).resolve().parents[2] / "bench"
SIZE = dict(events=100_000, actors=10_000, places=2_000, seed=1)


@pytest.fixture(scope="session")
def synth_store_dir(tmp_path_factory) -> Path:
    """`python bench/synth_store.py --out DIR --actors 10000 --events 100000 --places 2000 --seed 1`, once."""
    sys.path.insert(0, str(BENCH))
    import synth_store

    path = tmp_path_factory.mktemp("synth") / "store"
    started = time.perf_counter()
    synth_store.build_store(str(path), **SIZE)
    print(f"\nsynthetic store ({SIZE['events']:,} events, {SIZE['actors']:,} actors) written in "
          f"{time.perf_counter() - started:.1f} s")
    return path


@pytest.fixture(scope="module")
def synth_server(synth_store_dir):
    """A server over the synthetic store, shared by a module (do not write)."""
    store = open_store(str(synth_store_dir))
    with live_server(make_app(store)) as server:
        yield server
    store.close()
