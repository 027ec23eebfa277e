"""Fixtures for the API, protocol and page tests: real stores, real servers on loopback.

Import the ones a module needs: `from tests.browser.fixtures import mini_store, mini_server`.
`mini_*` use the hand-written store of tests/data/api/mini.trig (exact answers);
`seeded_*` a copy of the store built from seeds/ (answers that hold for any extraction).
"""
from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from kg.config import Settings
from kg.store import open_store

from .live import live_server

DATA = Path(__file__).resolve().parents[1] / "data" / "api"
TOKEN = "test-token-123"


def load_trig(store, path: Path = DATA / "mini.trig") -> None:
    """Put each named graph of a TriG file into the store (articles with a content hash)."""
    import pyoxigraph as ox

    graphs: dict[str, list[str]] = defaultdict(list)
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
        graphs[quad.graph_name.value].append(f"{quad.subject} {quad.predicate} {quad.object} .")
    for name, lines in graphs.items():
        store.put_article(name, "\n".join(lines), name.rsplit("/", 1)[-1].ljust(64, "0")[:64])


def make_app(store, **settings):
    """The app over `store` with some settings changed."""
    from api import create_app

    return create_app(Settings(store="unused", **settings), store=store)


@pytest.fixture
def mini_store(tmp_path):
    """A store holding tests/data/api/mini.trig."""
    store = open_store(str(tmp_path / "mini"))
    load_trig(store)
    yield store
    store.close()


@pytest.fixture
def mini_client(mini_store):
    """Flask's test client over the mini store (read-only)."""
    return make_app(mini_store).test_client()


@pytest.fixture(scope="module")
def mini_server(tmp_path_factory):
    """A read-only server over the mini store, shared by a module (do not write)."""
    store = open_store(str(tmp_path_factory.mktemp("mini") / "store"))
    load_trig(store)
    with live_server(make_app(store)) as server:
        yield server
    store.close()


@pytest.fixture(scope="module")
def seeded_server(seeded_store_dir, tmp_path_factory):
    """A read-only server over a copy of the seeded store, shared by a module."""
    path = tmp_path_factory.mktemp("seeded-live") / "store"
    shutil.copytree(seeded_store_dir, path)
    store = open_store(str(path))
    with live_server(make_app(store)) as server:
        yield server
    store.close()
