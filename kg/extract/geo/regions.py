"""What a context's containing regions ("X, Y province", "X (Y, Z)") say about a candidate."""
from __future__ import annotations

from ...geodesy import distance_km
from .kinds import place_key, strip_type

__all__ = ["CLASH_KM", "Regions", "km"]

CLASH_KM = 100.0  # a place this far from every named division of its country lies outside them
_DIVISIONS = ("admin1", "admin2", "province", "district")


km = distance_km  # the one great-circle distance (kg.geodesy)


class Regions:
    """The divisions and countries a context's region names may stand for.

    `lookup(name)` gives the candidate rows of a name, as `Gazetteer` keeps them.
    """

    def __init__(self, regions: tuple[str, ...], lookup):
        self.keys: set[str] = set()
        self.divisions: dict[tuple[str, str], tuple] = {}  # (country, label) -> (lat, lon)
        self.countries: set[str] = set()
        self.features = False  # some region name is also a sea, a range or a town: it may not be a division
        for region in regions:
            self.keys |= {place_key(region), place_key(strip_type(region))}
            rows = [c.place for c, _alts, _capital in lookup(region)]
            for p in rows:
                if p.feature == "country":
                    self.countries.add(p.country)
                elif p.feature in _DIVISIONS:
                    self.divisions[(p.country, p.label)] = (p.lat, p.lon)
            if not any(p.feature == "country" for p in rows) and any(
                    p.feature not in _DIVISIONS for p in rows):
                self.features = True  # 'the Black Sea city of Batumi': a sea, a range, a town ...
        self.told = {country for country, _ in self.divisions}  # countries whose divisions are named

    def inside(self, p) -> bool:
        """The place lies in one of the named divisions."""
        return any(name and (place_key(name) in self.keys or (p.country, name) in self.divisions)
                   for name in (p.admin1, p.admin2))

    def clash(self, p) -> bool:
        """Divisions of the place's country are named, and it lies in none of them, far from all;
        or only other countries, or divisions of other countries, are named ("Los Laureles,
        Honduras" and "Gakara village (Mayo-Sava, Extreme-Nord)" lie in no other country)."""
        if p.feature != "country" and (self.countries or self.told) and p.country not in self.countries | self.told \
                and not self.features:
            return True
        if p.country not in self.told or p.feature == "country" or self.inside(p):
            return False
        if p.lat is None:
            return True
        centres = [at for (country, _), at in self.divisions.items() if country == p.country]
        # a named division with no position has no places in the data: the data cannot place p in or out
        return all(lat is not None and km(p.lat, p.lon, lat, lon) > CLASH_KM for lat, lon in centres)
