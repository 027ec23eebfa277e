"""The hand-kept part of the index: kg/extract/data/places.tsv and country_aliases.tsv.

A curated row that names a place GeoNames already has (by GeoNames id, or a division or town of
the same name nearby in the same country) is merged into it: the GeoNames place gains the row's
names and is marked curated, and a town takes the row's label (the English form news uses,
'Brega' for 'Al Burayqah'). Any other row becomes a place of its own, with the divisions of the
nearest populated place of its country.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ...geodesy import distance_km

from .kinds import place_key, strip_type

__all__ = ["DATA", "read_tsv", "add_country_aliases", "add_curated"]

DATA = Path(__file__).resolve().parent.parent / "data"
_MERGE = {"province": ("admin1",), "region": ("admin1",), "district": ("admin1", "admin2"), "city": ("city",)}
_MERGE_KM = {"city": 30.0}  # divisions: anywhere within 300 km (their centres are rough)
_key = place_key.__wrapped__


def read_tsv(path: Path) -> list[dict]:
    """Rows of a tab-separated file with a header line."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


_km = distance_km  # the one great-circle distance (kg.geodesy)


def add_country_aliases(b, country_pid: dict[str, int], iso3: dict[str, str]) -> None:
    """Short names of countries that news uses ('DR Congo', 'Ivory Coast', 'UK'): main names."""
    for row in read_tsv(DATA / "country_aliases.tsv"):
        pid = country_pid.get(iso3.get(row["iso2"], ""))
        if pid is not None:
            b.add_name(row["alias"], pid, True)


def _feature(row: dict) -> str:
    kind = row.get("type") or "region"
    if kind in ("neighbourhood", "landmark") and row["label"].lower().endswith(" camp"):
        return "camp"  # places.tsv's type list has no 'camp': a camp is named as one
    return kind


def add_curated(b) -> None:
    """Merge or add every row of places.tsv."""
    by_key: dict[str, list[int]] = {}
    for key, pid in b.names:
        by_key.setdefault(key, []).append(pid)
    grid: dict[tuple, list[int]] = {}
    for p in b.places:
        if p[6] == "city" and p[5]:
            grid.setdefault((p[5], int(p[2] // 1), int(p[3] // 1)), []).append(p[0])
    for row in read_tsv(DATA / "places.tsv"):
        names = [row["label"], *(a for a in (row.get("aliases") or "").split("|") if a)]
        lat, lon, country = float(row["lat"]), float(row["lon"]), row.get("country") or None
        target, relabel = _merge_target(b, row, names, lat, lon, country, by_key)
        if target is not None:
            if relabel:
                b.places[target][1] = row["label"]
            b.places[target][10] = 1
        else:
            near = _nearest(b, grid, country, lat, lon)
            gid = row.get("geonames") or ""
            target = b.add_place(row["label"], lat, lon, int(gid) if gid.isdigit() else None, country,
                                 _feature(row), near and near[7], near and near[8], 0, True, len(names) - 1)
            relabel = True
        for name in names:
            b.add_name(name, target, relabel and name == row["label"])


def _merge_target(b, row, names, lat, lon, country, by_key) -> tuple[int | None, bool]:
    gid = row.get("geonames") or ""
    if gid.isdigit() and int(gid) in b.by_geonames:
        return b.by_geonames[int(gid)], True
    kinds = _MERGE.get(row.get("type") or "")
    if not kinds or not country:
        return None, False
    keys = {_key(n) for n in names} | {_key(strip_type(n)) for n in names}
    limit = _MERGE_KM.get(row["type"], 300.0)
    found = sorted((_km(lat, lon, p[2], p[3]), p[0]) for k in keys for pid in by_key.get(k, ())
                   if (p := b.places[pid])[5] == country and p[6] in kinds and p[2] is not None)
    if found and found[0][0] <= limit:
        return found[0][1], row["type"] == "city"
    return None, False


def _nearest(b, grid, country, lat, lon, limit_km: float = 50.0):
    """The nearest populated place of `country` within `limit_km`, or None."""
    if not country:
        return None
    cells = [grid.get((country, int(lat // 1) + i, int(lon // 1) + j), ()) for i in (-1, 0, 1) for j in (-1, 0, 1)]
    best = min(((_km(lat, lon, b.places[p][2], b.places[p][3]), p) for cell in cells for p in cell), default=None)
    return b.places[best[1]] if best and best[0] <= limit_km else None
