"""Lookups over the built index: candidates, fast membership tests, ranking and resolution."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ...model import Place
from .cache import _connect, open_index
from .kinds import Candidate, GeoContext, place_key
from .rank import choose, score_candidates
from .spelling import same_sounds, skeleton, spellings

__all__ = ["Gazetteer", "load_gazetteer"]

_PLACE = "label, lat, lon, geonames, country, feature, admin1, admin2, population, curated, alts, id"
# A division by country, the name of its first-level division and its own name (the partial index
# `divisions` of build.py answers it: the feature is written in, so that SQLite can use it).
_DIVISION = {level: ("SELECT label, lat, lon, geonames, country, feature, admin1, admin2, aliases FROM places"
                     f" WHERE country = ? AND feature = '{level}' AND admin1 = ? AND label = ? ORDER BY id LIMIT 1")
             for level in ("admin1", "admin2")}
# Areas that are not divisions: the divisions a site inherits from its nearest town do not contain them.
_AREAS = frozenset({"mountain", "river", "region", "sea", "province", "county", "state"})
_CANDIDATES = ("SELECT p.label, p.lat, p.lon, p.geonames, p.country, p.feature, p.admin1, p.admin2, p.population,"
               " p.curated, p.alts, p.id, n.prim FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?")


class Gazetteer:
    """Places by name, over a read-only SQLite index (see `kg.extract.geo`); build with `load_gazetteer()`."""

    def __init__(self, conn: sqlite3.Connection | None = None, path: Path | None = None):
        if conn is None:
            conn, path = open_index()
        self._conn, self._path, self._pid = conn, path, os.getpid()
        rows = conn.execute("SELECT iso3, iso2, place, capital FROM countries").fetchall()
        self._centres = {iso3: tuple(r) for iso3, *r in conn.execute(
            "SELECT c.iso3, p.lat, p.lon FROM countries c JOIN places p ON p.id = c.place")}
        self.iso3: dict[str, str] = {iso2: iso3 for iso3, iso2, _, _ in rows}
        self.iso2: dict[str, str] = {iso3: iso2 for iso3, iso2, _, _ in rows}
        self._country_id = {iso3: pid for iso3, _, pid, _ in rows}
        self._capital_id = {iso3: cap for iso3, _, _, cap in rows if cap is not None}
        self._capitals = set(self._capital_id.values())
        self._rows = lru_cache(maxsize=1 << 16)(self._fetch)
        self._known = lru_cache(maxsize=1 << 18)(self._fetch_known)
        self._starts = lru_cache(maxsize=1 << 18)(self._fetch_starts)
        self._resolved = lru_cache(maxsize=1 << 14)(self._resolve)
        self._respelled = lru_cache(maxsize=1 << 12)(self._respell)
        self._skeleton = lru_cache(maxsize=1 << 14)(self._fetch_skeleton)
        self._division = lru_cache(maxsize=1 << 14)(self._fetch_division)
        self._hierarchies = lru_cache(maxsize=1 << 14)(self._hierarchy)

    def __reduce__(self):
        return load_gazetteer, ()  # a pickled gazetteer is the receiving process's own

    def _db(self) -> sqlite3.Connection:
        """The connection, reopened in a forked child."""
        if os.getpid() != self._pid and self._path is not None:  # never share a connection across fork
            self._conn, self._pid = _connect(self._path), os.getpid()
        return self._conn

    @staticmethod
    def _place(r) -> Place:
        """A place from the first eight columns of a row."""
        return Place(r[0], r[1], r[2], r[3], r[4], r[5], admin1=r[6], admin2=r[7])

    def _fetch(self, key: str) -> tuple:
        """The rows of a key: (Candidate, number of alternate names, is a capital); cached."""
        out = []
        for r in self._db().execute(_CANDIDATES, (key,)):
            out.append((Candidate(self._place(r), r[8], bool(r[12]), bool(r[9])), r[10], r[11] in self._capitals))
        return tuple(out)

    def _fetch_known(self, key: str) -> bool:
        """Whether a key is indexed; cached."""
        return self._db().execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def _fetch_starts(self, word: str) -> bool:
        """Whether some key starts with this word; cached."""
        return self._db().execute("SELECT 1 FROM starters WHERE word = ?", (word,)).fetchone() is not None

    def _by_id(self, pid: int | None) -> Place | None:
        """The place with this index id."""
        if pid is None:
            return None
        r = self._db().execute(f"SELECT {_PLACE} FROM places WHERE id = ?", (pid,)).fetchone()
        return self._place(r) if r else None

    def candidates(self, name: str) -> list[Candidate]:
        """Every place whose name or alternate name matches `name` modulo transliteration."""
        return [row[0] for row in self._rows(place_key(name))]

    def known(self, name: str) -> bool:
        """Whether some place is indexed under `name`'s key."""
        return self._known(place_key(name))

    def starts_name(self, word: str) -> bool:
        """Whether some indexed name's key starts with this word's key."""
        key = place_key(word)
        return bool(key) and self._starts(key.split(" ", 1)[0])

    def ranked(self, name: str, context: GeoContext = GeoContext()) -> list[tuple[float, Candidate]]:
        """The candidates with their scores, best first (see `kg.extract.geo.rank`)."""
        return [(round(r.score, 3), r.candidate) for r in self._score(place_key(name), name, context)]

    def _score(self, key: str, name: str, context: GeoContext):
        """The scored candidates of a key (see `rank.score_candidates`)."""
        return score_candidates(name, self._rows(key), context, lambda n: self._rows(place_key(n)), self._centres)

    def resolve(self, name: str, context: GeoContext = GeoContext()) -> Place | None:
        """The place `name` stands for in this context, or None when the context cannot tell.

        >>> gaz = load_gazetteer()
        >>> gaz.resolve("Tripoli").country, gaz.resolve("Tripoli", GeoContext(countries=("LBN",))).country
        ('LBY', 'LBN')
        """
        return self._resolved(place_key(name), name, context)

    def _resolve(self, key: str, name: str, context: GeoContext) -> Place | None:
        """`resolve` behind its cache."""
        best = choose(self._score(key, name, context))
        return best.place if best is not None else None

    def respelled(self, name: str, context: GeoContext, divisions: bool = True) -> Place | None:
        """A place of the story's countries whose name is `name` spelled another way (see
        `spelling`), for a name the index lacks; None without countries in the context.
        `divisions`: a first- or second-level division may answer (as for a container; a site's
        name should find a town).

        >>> gaz = load_gazetteer()
        >>> gaz.respelled("Garabulli", GeoContext(countries=("LBY",))).geonames
        2213695
        """
        if not context.countries:
            return None
        return self._respelled(name, context, divisions)

    def _fetch_skeleton(self, skel: str) -> tuple[str, ...]:
        """The index keys of one skeleton (see `spelling`); cached."""
        return tuple(k for (k,) in self._db().execute("SELECT key FROM skeletons WHERE skel = ?", (skel,)))

    def _respell(self, name: str, context: GeoContext, divisions: bool) -> Place | None:
        wanted = set(context.countries)
        for n, key in enumerate(spellings(name)):
            for found in self._skeleton(skeleton(key)):
                if (found != key or n > 0) and same_sounds(found, key) and any(
                        row[0].place.country in wanted for row in self._rows(found)):
                    place = self._resolved(found, name, context)
                    if place is not None and place.country in wanted and (
                            divisions or place.feature not in ("admin1", "admin2", "country")):
                        return place
        return None

    def _fetch_division(self, country: str, feature: str, admin1: str, label: str) -> Place | None:
        r = self._db().execute(_DIVISION[feature], (country, admin1, label)).fetchone()
        return None if r is None else replace(self._place(r), aliases=tuple(r[8].split("|")) if r[8] else ())

    def division(self, country: str | None, admin1: str | None, admin2: str | None = None) -> Place | None:
        """The first-level division `admin1` of `country` or, with `admin2`, that division's
        second-level division `admin2`, with its other names as aliases; None when unknown.

        >>> gaz = load_gazetteer()
        >>> gaz.division("LBY", "Ţarābulus").aliases
        ('Tripoli',)
        """
        if not country or not admin1:
            return None
        if admin2:
            return self._division(country, "admin2", admin1, admin2)
        return self._division(country, "admin1", admin1, admin1)

    def hierarchy(self, place: Place) -> tuple[tuple[str, ...], tuple[Place, ...]]:
        """The other names of `place` (a division's, as the index keeps them) and the places it lies
        in, smallest first: its second-level division, its first-level division, its country.

        A first-level division lies in its country, a second-level one in its first-level division
        too; a town, district or site in the divisions it is given (`Place.admin1`, `Place.admin2`:
        a site or district the index adds takes those of its nearest town) and its country; an area
        that is not a division (a region, a mountain range, a sea) only in its country, whose
        divisions it may cross; a country in nothing. Levels the index does not know are left out.

        >>> gaz = load_gazetteer()
        >>> [p.label for p in gaz.hierarchy(gaz.resolve("Mitiga airport"))[1]]
        ['Ţarābulus', 'Libya']
        >>> gaz.hierarchy(gaz.division("LBY", "Ţarābulus"))[0], gaz.hierarchy(gaz.resolve("Libya"))
        (('Tripoli',), ((), ()))
        """
        return self._hierarchies(place)

    def _hierarchy(self, place: Place) -> tuple[tuple[str, ...], tuple[Place, ...]]:
        own = ()
        if place.feature in ("admin1", "admin2"):
            found = self.division(place.country, place.admin1, place.admin2 if place.feature == "admin2" else None)
            own = found.aliases if found is not None and found.geonames == place.geonames else ()
        if place.feature == "country":
            return own, ()
        levels = []
        if place.feature not in _AREAS and place.feature != "admin1":
            if place.feature != "admin2":
                levels.append(self.division(place.country, place.admin1, place.admin2) if place.admin2 else None)
            levels.append(self.division(place.country, place.admin1))
        levels.append(self.country(place.country) if place.country else None)
        return own, tuple(p for p in levels if p is not None and (p.geonames is None or p.geonames != place.geonames))

    def country(self, iso3: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-3 code, as a place."""
        return self._by_id(self._country_id.get(iso3))

    def capital(self, iso3: str) -> Place | None:
        """The capital of the country with this alpha-3 code."""
        return self._by_id(self._capital_id.get(iso3))

    def country_code(self, name: str) -> str | None:
        """The alpha-3 code of the country `name` names ('DR Congo' -> 'COD'), or None.

        >>> load_gazetteer().country_code("Ivory Coast")
        'CIV'
        """
        text = (name or "").strip()
        if len(text) == 3 and text.isupper() and text in self.iso2:
            return text
        found = [c for c in self.candidates(text) if c.place.feature == "country"]
        best = max(found, key=lambda c: (c.primary, c.population), default=None)
        return best.place.country if best is not None else None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process's gazetteer: opens the cached index (building it on first use)."""
    return Gazetteer()

