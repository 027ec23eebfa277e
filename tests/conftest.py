"""Shared fixtures: settings, a real store on a temp dir, the seeded store, the app and its client."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.config import Settings
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_5d2782e08e612912.txt"


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings pointing at a fresh store directory."""
    return Settings(store=str(tmp_path / "store"))


@pytest.fixture
def store(settings):
    """An empty on-disk pyoxigraph store in a temp dir."""
    kg_store = open_store(settings.store)
    yield kg_store
    kg_store.close()


@pytest.fixture(scope="session")
def seeded_store_dir(tmp_path_factory) -> Path:
    """A store built once per session from seeds/ (copy it before writing)."""
    from kg.pipeline import ingest_paths

    path = tmp_path_factory.mktemp("seeded") / "store"
    kg_store = open_store(str(path))
    summary = ingest_paths([str(SEEDS)], kg_store, settings=Settings(store=str(path)))
    assert summary.failed == 0, summary.errors
    kg_store.close()
    return path


@pytest.fixture
def seeded_store(seeded_store_dir, tmp_path):
    """A private copy of the seeded store."""
    path = tmp_path / "seeded"
    shutil.copytree(seeded_store_dir, path)
    kg_store = open_store(str(path))
    yield kg_store
    kg_store.close()


@pytest.fixture
def app(seeded_store, tmp_path):
    """The Flask app over a copy of the seeded store."""
    from api import create_app

    return create_app(Settings(store=str(tmp_path / "unused")), store=seeded_store)


@pytest.fixture
def client(app):
    """Flask's test client."""
    return app.test_client()


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy model with the gazetteer."""
    from kg.extract.nlp import load_nlp

    return load_nlp()


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output")
