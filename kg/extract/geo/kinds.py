"""What a place is: feature kinds, their specificity, and the words texts use for them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...model import Place
from ..names import fold, name_key

__all__ = ["FEATURE_RANK", "FEATURE_WORDS", "SEAT_WORDS", "Candidate", "GeoContext", "place_key", "strip_type"]

# Smaller is more specific: a district beats its city, a city beats its region or country.
FEATURE_RANK: dict[str, int] = {
    "neighbourhood": 0, "district": 0, "landmark": 0, "airport": 0, "border_crossing": 0, "camp": 0,
    "city": 1, "admin2": 1, "mountain": 2, "river": 2, "admin1": 2, "province": 2,
    "region": 3, "sea": 3, "country": 4}

# The word a text uses beside a name ('Kaduna state', 'the village of X') -> the features it names
# and the features it may loosely stand for: countries differ in what they call each level (Kenya's
# counties and Libya's districts are first-level, Burkina Faso's provinces second-level).
_STATE, _LOCAL = frozenset({"admin1", "province"}), frozenset({"admin2", "district"})
_NONE: frozenset[str] = frozenset()
FEATURE_WORDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    **dict.fromkeys(("state", "governorate", "oblast", "wilaya"), (_STATE, _NONE)),
    **dict.fromkeys(("province", "region"), (_STATE | {"region"}, _LOCAL)),
    **dict.fromkeys(("district", "county", "department", "prefecture", "municipality", "lga", "raion", "rayon",
                     "subdistrict", "sub-district", "commune"), (_LOCAL, _STATE)),
    **dict.fromkeys(("village", "town", "city", "hamlet", "settlement", "locality", "neighbourhood", "suburb"),
                    (frozenset({"city"}), frozenset({"neighbourhood", "district"}))),
    "camp": (frozenset({"camp"}), frozenset({"neighbourhood", "city"})),
    **dict.fromkeys(("airport", "airfield", "airbase", "base"), (frozenset({"airport"}), _NONE)),
    **dict.fromkeys(("mountain", "mountains", "mount"), (frozenset({"mountain"}), _NONE)),
    "river": (frozenset({"river"}), _NONE),
    **dict.fromkeys(("sea", "gulf", "strait", "lake"), (frozenset({"sea"}), frozenset({"region"}))),
    "country": (frozenset({"country"}), _NONE),
}
# Words for a second-level unit, which a seat town of the same name also answers to ('Gwoza district').
SEAT_WORDS = frozenset(w for w, (kinds, _) in FEATURE_WORDS.items() if kinds == _LOCAL)

_TYPE = (r"province|state|region|governorate|district|oblast|county|department|prefecture|municipality|"
         r"division|territory|parish|rayon|raion|wilaya|muhafazah|muhafazat|provincia|departamento|estado")
_TYPE_WORDS = re.compile(rf"^(?:(?:{_TYPE})\s+(?:of|de|del|do|da)\s+)|\s+(?:{_TYPE})$", re.IGNORECASE)


@lru_cache(maxsize=1 << 18)
def place_key(name: str) -> str:
    """The index key of a place name: `name_key`, except that a name that is only a 'son of' word
    keeps its own spelling ('Beni' would otherwise be 'bn', like 'Ben' or 'Bin').

    >>> place_key("al-Zawiya") == place_key("Zawiya"), place_key("Beni"), place_key("Bani Walid")
    (True, 'beni', 'bn walid')
    """
    key = name_key(name)
    return fold(name).strip() if key == "bn" else key


def strip_type(name: str) -> str:
    """The name without a leading or trailing administrative type word.

    >>> strip_type("Sar-e Pol Province"), strip_type("Provincia de Salta"), strip_type("Kidal")
    ('Sar-e Pol', 'Salta', 'Kidal')
    """
    return _TYPE_WORDS.sub("", name.strip()).strip() or name.strip()


@dataclass(frozen=True)
class Candidate:
    """A place a name may stand for, with what the ranking needs to know about the match."""

    place: Place  # with admin1/admin2 filled where known
    population: int
    primary: bool  # the name matched the place's main name (or its ASCII form), not only an alternate name
    curated: bool


@dataclass(frozen=True)
class GeoContext:
    """What the document says around a name; every field is optional."""

    countries: tuple[str, ...] = ()  # ISO3 codes the story is about, most important first
    regions: tuple[str, ...] = ()  # containing places given with the name: "X (Y, Z)", "X, Y province"
    feature: str | None = None  # the word beside it: 'village', 'district', 'state', 'camp', ...
    near: tuple[tuple[float, float], ...] = ()  # coordinates of places already resolved in the story
