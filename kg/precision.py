"""Precision as data: how well a date or a place is known, and how many people were killed.

The vocabularies are the values of ``ckg:datePrecision``, ``ckg:placePrecision`` and
``ckg:source``; the tables map the codes of imported datasets (ACLED, GDELT) and the
gazetteer's feature kinds onto them; `parse_count` reads a number of people the way ACLED
codes reported fatalities: conservatively, with a vague word standing for the least it says.
"""
from __future__ import annotations

import re

__all__ = ["DATE_PRECISIONS", "PLACE_PRECISIONS", "SOURCES", "VAGUE_COUNTS", "place_precision",
           "acled_date_precision", "acled_place_precision", "gdelt_place_precision", "parse_count"]

DATE_PRECISIONS = ("day", "week", "month", "year")
PLACE_PRECISIONS = ("exact", "town", "region", "country")
SOURCES = ("extracted", "acled", "gdelt")

# Gazetteer feature kinds (kg.extract.gazetteer.FEATURE_RANK) to place precision.
_FEATURES = {"neighbourhood": "exact", "district": "exact", "landmark": "exact", "airport": "exact",
             "border_crossing": "exact", "camp": "exact", "base": "exact", "city": "town", "town": "town",
             "village": "town", "locality": "town", "mountain": "region", "river": "region",
             "province": "region", "region": "region", "sea": "region", "admin1": "region", "admin2": "region",
             "county": "region", "state": "region", "country": "country"}
_ACLED_TIME = {"1": "day", "2": "week", "3": "month"}
_ACLED_GEO = {"1": "town", "2": "region", "3": "region"}
_GDELT_GEO = {"1": "country", "2": "region", "3": "town", "4": "town", "5": "region"}

# A vague count stands for the least it says: ACLED codes 10 for "tens", 12 for "dozens" and
# 100 for "hundreds"; we extend that to the words below (a "score" is 20).
VAGUE_COUNTS = {"couple": 2, "few": 3, "several": 3, "some": 3, "many": 3, "multiple": 3, "numerous": 3,
                "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_UNITS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
_TIMES = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_HEDGES = {"at", "least", "more", "than", "over", "nearly", "almost", "about", "around", "approximately",
           "roughly", "up", "to", "of", "and", "some", "as", "many", "much"}
_WORD = re.compile(r"\d[\d,]*|[a-z]+")


def _label(table: dict[str, str], code) -> str | None:
    return table.get(str(code).strip()) if code not in (None, "") else None


def place_precision(feature: str | None) -> str | None:
    """The precision of a gazetteer place of this feature kind.

    >>> place_precision("airport"), place_precision("city"), place_precision("country")
    ('exact', 'town', 'country')
    """
    return _FEATURES.get(feature or "")


def acled_date_precision(code) -> str | None:
    """ACLED's ``time_precision`` (1 day, 2 week, 3 month) as a date precision.

    >>> acled_date_precision("2"), acled_date_precision("")
    ('week', None)
    """
    return _label(_ACLED_TIME, code)


def acled_place_precision(code) -> str | None:
    """ACLED's ``geo_precision`` (1 the town, 2 part of a region near a town, 3 a larger region).

    >>> acled_place_precision(1)
    'town'
    """
    return _label(_ACLED_GEO, code)


def gdelt_place_precision(geo_type) -> str | None:
    """GDELT's ``ActionGeo_Type`` (1 country, 2 US state, 3 US city, 4 world city, 5 world state).

    >>> gdelt_place_precision("4"), gdelt_place_precision("1")
    ('town', 'country')
    """
    return _label(_GDELT_GEO, geo_type)


def parse_count(text: str) -> int | None:
    """The number of people a phrase states, conservatively; None when it states none.

    Hedges ("at least", "more than", "nearly") keep the number stated; vague words count
    as `VAGUE_COUNTS` says.

    >>> [parse_count(t) for t in ("eight", "at least 25", "1,200", "twenty-one", "two dozen")]
    [8, 25, 1200, 21, 24]
    >>> parse_count("two thousand five hundred"), parse_count("as many as 40")
    (2500, 40)
    >>> [parse_count(t) for t in ("dozens", "scores", "hundreds", "a few", "a dozen", "soldiers")]
    [12, 20, 100, 3, 12, None]
    """
    words = _WORD.findall(text.lower().replace("-", " "))
    numeric = [w for w in words if w[0].isdigit() or w in _UNITS or w in _TIMES]
    if not numeric:
        vague = [VAGUE_COUNTS[w] for w in words if w in VAGUE_COUNTS]
        known = all(w in VAGUE_COUNTS or w in _HEDGES or w in ("a", "an") for w in words)
        return vague[0] if vague and known else None
    total, current = 0, 0
    for word in words:
        if word[0].isdigit():
            current += int(word.replace(",", ""))
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in ("thousand", "million"):
            total, current = total + (current or 1) * _TIMES[word], 0
        elif word in _TIMES:
            current = (current or 1) * _TIMES[word]
        elif not (word in _HEDGES or word in VAGUE_COUNTS or word in ("a", "an")):
            return None
    return total + current
