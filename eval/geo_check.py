"""How well the gazetteer places ACLED's locations: `python eval/geo_check.py ACLED.csv [--misses N]`.

For each row, the row's ``location`` is resolved four ways: with the row's country and its
``admin1`` as a containing region, with the country only, with the country and another spelling
when the name is not indexed (`Gazetteer.respelled`), and with no context. A result counts
as right when it lies within 50 km of the row's coordinates; the report gives that rate, how
often the name stayed unresolved, and how many results lay farther away or had no coordinates
(a district GeoNames lists without villages), per way. ``--misses N`` lists N of those.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract.geo import GeoContext, load_gazetteer  # noqa: E402
from kg.extract.geo.regions import km  # noqa: E402

KM = 50.0


def contexts(gaz, row: dict) -> dict[str, GeoContext]:
    """The contexts a row's location is resolved in ('respelled' uses the country's)."""
    iso3 = gaz.country_code(row["country"])
    countries = (iso3,) if iso3 else ()
    return {"country+admin1": GeoContext(countries=countries, regions=(row["admin1"],) if row["admin1"] else ()),
            "country": GeoContext(countries=countries),
            "respelled": GeoContext(countries=countries),
            "none": GeoContext()}


def check(path: Path, misses: int = 0) -> dict[str, tuple[int, int, int]]:
    """Per context: (within 50 km, unresolved, rows); prints up to `misses` wrong results of each."""
    gaz = load_gazetteer()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counts = {name: [0, 0] for name in ("country+admin1", "country", "respelled", "none")}
    wrong: dict[str, list[str]] = {name: [] for name in counts}
    for row in rows:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        for name, context in contexts(gaz, row).items():
            place = gaz.resolve(row["location"], context)
            if place is None and name == "respelled":
                place = gaz.respelled(row["location"], context, divisions=False)
            if place is None:
                counts[name][1] += 1
            elif place.lat is not None and km(lat, lon, place.lat, place.lon) <= KM:
                counts[name][0] += 1
            elif len(wrong[name]) < misses:
                where = f"{place.lat:.2f},{place.lon:.2f}" if place.lat is not None else "no coordinates"
                wrong[name].append(f"  {row['location']!r} ({row['admin1']}, {row['country']}) -> {place.label}, "
                                   f"{place.admin1}, {place.country} [{place.feature}] at {where}")
    for name, lines in wrong.items():
        if lines:
            print(f"wrong with context {name}:", *lines, sep="\n")
    return {name: (hit, none, len(rows)) for name, (hit, none) in counts.items()}


def main(argv: list[str] | None = None) -> int:
    """Print the rates for the file given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("acled", type=Path)
    parser.add_argument("--misses", type=int, default=0)
    args = parser.parse_args(argv)
    for name, (hit, none, n) in check(args.acled, args.misses).items():
        print(f"context {name:15} within {KM:.0f} km: {hit}/{n} = {hit / n:.3f}   unresolved: {none}/{n} = "
              f"{none / n:.3f}   elsewhere or unplaced: {n - hit - none}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
