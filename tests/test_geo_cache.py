"""The index cache: where it goes, atomic writes, fallbacks; and a gazetteer over a hand-built index.

The real build takes ~20 s, so these tests swap in a builder that writes a three-place index
(the wiring is replaced, not the code under test: `build_file`, `open_index`, `Gazetteer`).
"""
from __future__ import annotations

import os
import pickle
import sqlite3
import time

import pytest

from kg.extract.geo import GeoContext, cache, load_gazetteer
from kg.extract.geo.build import IndexBuilder
from kg.extract.geo.gazetteer import Gazetteer


def tiny_index(conn: sqlite3.Connection, key: str) -> None:
    """Libya, Tripoli (its capital), the Tripoli of Lebanon's north, Misrata, and two villages of 900
    named Misrata (in Tunisia) and Tripoli (in Greece)."""
    b = IndexBuilder()
    lby = b.add_place("Libya", 31.0, 17.0, 2215636, "LBY", "country", population=6_000_000, alts=3)
    b.add_name("Libya", lby, True)
    tripoli = b.add_place("Tripoli", 32.89, 13.19, 2210247, "LBY", "city", "Ţarābulus", None, 1_150_000, alts=80)
    b.add_name("Tripoli", tripoli, True)
    b.add_name("Tarabulus", tripoli, False)
    north = b.add_place("Tripoli", 34.43, 35.84, 266826, "LBN", "city", "Ash Shimāl", None, 230_000, alts=40)
    b.add_name("Tripoli", north, True)
    misrata = b.add_place("Misrata", 32.38, 15.09, 2214846, "LBY", "city", "Mişrātah", None, 380_000, alts=20)
    b.add_name("Misrata", misrata, True)
    for label, lat, lon, country in (("Misrata", 36.8, 10.2, "TUN"), ("Tripoli", 37.5, 22.4, "GRC")):
        b.add_name(label, b.add_place(label, lat, lon, None, country, "city", population=900), True)
    b.write(conn, {"key": key, "schema": cache.SCHEMA_VERSION}, [("LBY", "LY", lby, tripoli)])


@pytest.fixture
def tiny(monkeypatch, tmp_path):
    """Builds go to tmp_path (XDG_CACHE_HOME and the temp dir) and write the tiny index."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache.tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(cache, "_build_into", tiny_index)
    return tmp_path


def test_geo_cache_key_is_stable_and_short():
    assert cache.index_key() == cache.index_key()
    assert len(cache.index_key()) == 16 and int(cache.index_key(), 16) >= 0


def test_geo_cache_builds_once_into_the_user_cache(tiny):
    conn, path = cache.open_index()
    assert path == tiny / "cache" / "conflict-kg" / f"geo-{cache.index_key()}.sqlite"
    assert not list(path.parent.glob("*.tmp"))  # the temporary file was moved into place
    stamp = path.stat().st_mtime_ns
    conn2, path2 = cache.open_index()
    assert path2 == path and path.stat().st_mtime_ns == stamp  # opened, not rebuilt
    with pytest.raises(sqlite3.OperationalError):
        conn2.execute("DELETE FROM places")  # readers open it read-only


def test_geo_cache_removes_indexes_unused_for_a_day(tiny):
    folder = tiny / "cache" / "conflict-kg"
    folder.mkdir(parents=True)
    old, recent = folder / "geo-0000000000000000.sqlite", folder / "geo-1111111111111111.sqlite"
    for path in (old, recent):
        path.write_bytes(b"another build")
    os.utime(old, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    cache.open_index()
    assert not old.exists() and recent.exists()


def test_geo_cache_unwritable_cache_falls_back_to_temp_dir(tiny, monkeypatch):
    blocker = tiny / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir under a file fails
    _, path = cache.open_index()
    assert path.parent.parent == tiny / "tmp"


def test_geo_cache_nowhere_to_write_builds_in_memory(tiny, monkeypatch):
    blocker = tiny / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(cache.tempfile, "tempdir", str(blocker))
    conn, path = cache.open_index()
    assert path is None
    assert Gazetteer(conn, path).resolve("Misrata").label == "Misrata"


def test_geo_cache_gazetteer_over_a_hand_built_index(tiny):
    gaz = Gazetteer(*cache.open_index())
    assert gaz.resolve("Tripoli").country == "LBY"
    assert gaz.resolve("Tripoli", GeoContext(countries=("LBN",))).country == "LBN"
    assert gaz.resolve("Tarabulus").label == "Tripoli"
    # a village of the story's country beats a bigger town abroad, but not a capital named exactly
    assert gaz.resolve("Misrata", GeoContext(countries=("TUN",))).country == "TUN"
    assert gaz.resolve("Tripoli", GeoContext(countries=("GRC",))).country == "LBY"
    assert [c.primary for c in gaz.candidates("Tarabulus")] == [False]
    assert gaz.capital("LBY").label == "Tripoli" and gaz.country("LBY").feature == "country"
    assert gaz.country_code("Libya") == "LBY" and gaz.iso2 == {"LBY": "LY"}
    assert gaz.known("Misratah") and gaz.starts_name("Misrata") and not gaz.known("Benghazi")


def test_geo_cache_pickled_gazetteer_is_the_receivers_own():
    gaz = load_gazetteer()
    assert pickle.loads(pickle.dumps(gaz)) is gaz
