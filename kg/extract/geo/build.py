"""Build the index: every place once, every usable name of it under its name key, in SQLite.

Tables: ``places`` (one row per place, with its hierarchy; a division also with its other names,
for the graph's ``skos:altLabel``), ``names`` (name key -> place, and whether the key is of the
place's main name), ``starters`` (first words of name keys), ``countries`` (ISO codes, the
country's place and its capital's) and ``meta``.
"""
from __future__ import annotations

import sqlite3

from . import curated
from .kinds import place_key, strip_type
from .sources import Division, read_cities, read_countries, read_divisions
from .spelling import skeleton

__all__ = ["IndexBuilder", "build_index", "SCHEMA"]

SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, label TEXT, lat REAL, lon REAL, geonames INTEGER,
    country TEXT, feature TEXT, admin1 TEXT, admin2 TEXT, population INTEGER, curated INTEGER, alts INTEGER,
    aliases TEXT);
CREATE INDEX divisions ON places (country, admin1, label) WHERE feature = 'admin1' OR feature = 'admin2';
CREATE TABLE names (key TEXT, place INTEGER, prim INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE starters (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE skeletons (skel TEXT, key TEXT, PRIMARY KEY (skel, key)) WITHOUT ROWID;
CREATE TABLE countries (iso3 TEXT PRIMARY KEY, iso2 TEXT, place INTEGER, capital INTEGER);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""
_key = place_key.__wrapped__  # the build sees each name once: no need to fill the lookup cache


def _usable(name: str) -> bool:
    """An alternate name worth indexing: capitalised Latin script, not a code ('GAO', 'TIP')."""
    return bool(name) and name[0].isupper() and not (name.isupper() and len(name) <= 4) \
        and not any(ch.isdigit() for ch in name)


class IndexBuilder:
    """Places and names collected in memory, then written in one transaction."""

    def __init__(self):
        self.places: list[list] = []
        self.names: dict[tuple[str, int], bool] = {}
        self.by_geonames: dict[int, int] = {}

    def add_place(self, label, lat, lon, geonames, country, feature, admin1=None, admin2=None,
                  population=0, curated_=False, alts=0, aliases=()) -> int:
        """Add a place; returns its id. `aliases`: the other names the graph gives it (divisions)."""
        pid = len(self.places)
        self.places.append([pid, label, lat, lon, geonames, country, feature, admin1, admin2, population,
                            int(curated_), alts, "|".join(aliases) or None])
        if geonames and feature == "city":
            self.by_geonames[geonames] = pid
        return pid

    def add_name(self, name: str, pid: int, primary: bool) -> None:
        """Index `pid` under the key of `name` (one- and two-letter keys only when written in capitals)."""
        key = _key(name)
        if not key or (len(key) < 3 and not name.isupper()) or key.isdigit():
            return
        self.names[(key, pid)] = self.names.get((key, pid), False) or primary

    def write(self, conn: sqlite3.Connection, meta: dict[str, str], countries: list[tuple]) -> None:
        """Write everything to `conn` (an empty database)."""
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        conn.executemany("INSERT INTO names VALUES (?,?,?)", ((k, p, int(v)) for (k, p), v in self.names.items()))
        conn.executemany("INSERT INTO starters VALUES (?)", ((w,) for w in {k.split()[0] for k, _ in self.names}))
        conn.executemany("INSERT INTO skeletons VALUES (?,?)", ((skeleton(k), k) for k in {k for k, _ in self.names}))
        conn.executemany("INSERT INTO countries VALUES (?,?,?,?)", countries)
        conn.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        conn.commit()


def _centroids(cities, key) -> dict:
    """Population-weighted mean position, total population and place count per group."""
    acc: dict = {}
    for c in cities:
        group = key(c)
        if group is None:
            continue
        w = c.population + 1
        a = acc.setdefault(group, [0.0, 0.0, 0.0, 0])
        a[0] += w
        a[1] += w * c.lat
        a[2] += w * c.lon
        a[3] += c.population
    return {g: (round(la / w, 5), round(lo / w, 5), pop) for g, (w, la, lo, pop) in acc.items()}


def _add_divisions(b: IndexBuilder, divisions: dict[int, Division], cities) -> None:
    """Admin1 and admin2 as places of their own, at the population-weighted centre of their places.

    A division none of whose places is in cities500 (many districts of Afghanistan, for one) is
    kept without coordinates: its name, id and hierarchy are still worth knowing.
    """
    for level, attr in ((1, "admin1"), (2, "admin2")):
        centre = _centroids(cities, lambda c: getattr(c, attr))
        for d in divisions.values():
            if d.level != level:
                continue
            lat, lon, pop = centre.get(d.id, (None, None, 0))
            parent = divisions.get(d.parent) if d.parent else None
            admin1 = d.name if level == 1 else (parent.name if parent else None)
            shown = tuple(dict.fromkeys(a for a in d.aliases if _usable(a) and a != d.name))  # 'Tripoli' for Ţarābulus
            pid = b.add_place(d.name, lat, lon, d.geonames, d.iso3, attr, admin1, d.name if level == 2 else None,
                              pop, alts=len(d.aliases), aliases=shown)
            words = {d.type.lower(), "province", "state", "region"} if level == 1 else {d.type.lower(), "district"}
            main = {d.name, strip_type(d.name)}
            others = {n for a in d.aliases if _usable(a) for n in (a, strip_type(a))} - main
            for names, primary in ((main, True), (others, False)):
                for name in names:  # 'Donetsk Oblast' -> also 'Donetsk', 'Donetsk region', 'Donetsk province'
                    b.add_name(name, pid, primary)
                    for word in words - {""}:
                        b.add_name(f"{strip_type(name)} {word}", pid, primary)


def _add_cities(b: IndexBuilder, divisions: dict[int, Division], cities, iso3: dict[str, str]) -> None:
    """Populated places under their main name and usable alternate names (the ASCII form of the
    main name counts as the main name)."""
    for c in cities:
        a1, a2 = divisions.get(c.admin1), divisions.get(c.admin2)
        pid = b.add_place(c.name, round(c.lat, 5), round(c.lon, 5), c.geonames, iso3.get(c.iso2), "city",
                          a1.name if a1 else None, a2.name if a2 else None, c.population, alts=len(c.alternates))
        b.add_name(c.name, pid, True)
        main = _key(c.name)
        for alt in c.alternates:
            if alt != c.name and _usable(alt):
                b.add_name(alt, pid, _key(alt) == main)


def _add_countries(b: IndexBuilder, countries, cities) -> list[tuple]:
    """Countries as places (at the population-weighted centre of their places), with their capitals."""
    centre = _centroids(cities, lambda c: c.iso2)
    rows = []
    for c in countries:
        lat, lon, _ = centre.get(c.iso2, (None, None, 0))
        pid = b.add_place(c.name, lat, lon, c.geonames, c.iso3, "country", population=c.population,
                          alts=len(c.names) + len(c.aliases))
        for name in (c.name, *c.names):
            b.add_name(name, pid, True)  # a country's ISO and common names are all main names
        for alias in c.aliases:
            b.add_name(alias, pid, False)
        rows.append([c.iso3, c.iso2, pid, None, c.capital])
    return rows


def _capitals(b: IndexBuilder, rows: list[list]) -> list[tuple]:
    """The country's capital: its most populous place named so (main name first)."""
    by_key: dict[str, list[tuple[bool, int]]] = {}
    for (key, pid), prim in b.names.items():
        by_key.setdefault(key, []).append((prim, pid))
    out = []
    for iso3, iso2, pid, _, capital in rows:
        found = [(prim, b.places[p][9], p) for prim, p in by_key.get(_key(capital), ()) if capital
                 and b.places[p][6] == "city" and b.places[p][5] == iso3]
        out.append((iso3, iso2, pid, max(found)[2] if found else None))
    return out


def build_index(conn: sqlite3.Connection, meta: dict[str, str]) -> None:
    """Read every source and write the index into `conn` (an empty SQLite database)."""
    b = IndexBuilder()
    countries = read_countries()
    iso3 = {c.iso2: c.iso3 for c in countries}
    divisions = read_divisions()
    cities = read_cities(divisions)
    _add_cities(b, divisions, cities, iso3)
    _add_divisions(b, divisions, cities)
    rows = _add_countries(b, countries, cities)
    curated.add_country_aliases(b, {r[0]: r[2] for r in rows}, iso3)
    curated.add_curated(b)
    b.write(conn, meta, _capitals(b, rows))
