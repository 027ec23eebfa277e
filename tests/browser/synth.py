"""The synthetic store of 10,000 actors and 100,000 events (bench/synth_store.py), made once per
session, and a server over it started as `kg serve` starts one: `from tests.browser.synth import
synth_store_dir, synth_server`.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from kg.store import open_store

from api import warm

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


@pytest.fixture
def synth_server(synth_store_dir):
    """A fresh server over the synthetic store, per test (do not write), started as a `kg serve`
    worker starts: the app built, its warm-up begun (`api.warm.start`, as `api.wsgi.build` does),
    then serving at once. `warming` is the warm-up (`warming.wait()`, `warming.seconds`) and
    `started` the `time.perf_counter()` when it began."""
    store = open_store(str(synth_store_dir))
    app = make_app(store)
    started = time.perf_counter()
    warming = warm.start(app)
    with live_server(app) as server:
        server.warming, server.started = warming, started
        yield server
        warming.wait()  # a projection still building must not outlive its store
    store.close()
