"""Other spellings of indexed names: found in the story's country, refused where they would guess.

Each case is a transliteration a reporter or monitor writes that the index key does not fold:
qaf as g, a fused article, a dropped or changed short vowel. Each refusal is a near-miss that
sounds alike but is another place (or too short to tell).
"""
from __future__ import annotations

import pytest

from kg.extract.geo import GeoContext, load_gazetteer
from kg.extract.geo.regions import km
from kg.extract.geo.spelling import same_sounds, skeleton, spellings


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


FOUND = [  # written, story country, (lat, lon) of the place meant
    ("Garabulli", "LBY", (32.75, 13.72)),  # Qasr al-Qarabulli: qaf written g
    ("Azzawya", "LBY", (32.76, 12.73)),  # Az-Zawiya: the article fused, its consonant doubled
    ("Al-Swani", "LBY", (32.68, 13.05)),  # As-Sawani: a vowel dropped
    ("Tal Tamer", "SYR", (36.65, 40.37)),  # Tall Tamr: a vowel added
    ("Qaser Bin Ghashir", "LBY", (32.68, 13.18)),
]


@pytest.mark.parametrize("name,country,where", FOUND)
def test_respelled_finds_the_place_in_the_story_country(gaz, name, country, where):
    assert gaz.resolve(name, GeoContext(countries=(country,))) is None or name == "Qaser Bin Ghashir"
    place = gaz.respelled(name, GeoContext(countries=(country,)), divisions=False)
    assert place is not None and place.country == country
    assert km(where[0], where[1], place.lat, place.lon) < 25


def test_respelled_finds_divisions_only_when_asked(gaz):
    """'(Almargeb)' after a village is a division (Al Marqab); a site's name should find a town."""
    context = GeoContext(countries=("LBY",))
    assert gaz.respelled("Almargeb", context).feature == "admin1"
    assert gaz.respelled("Almargeb", context, divisions=False) is None


@pytest.mark.parametrize("name,country", [
    ("Kiwanja", "COD"),  # not Kwango: the final vowel differs, and another vowel is missing
    ("Gakara", "CMR"),  # not Jakiri
    ("Bara", "SYR"),  # four letters: too short to call another spelling
    ("Menakuru", "IND"),
])
def test_respelled_refuses_near_misses(gaz, name, country):
    place = gaz.respelled(name, GeoContext(countries=(country,)), divisions=False)
    assert place is None or place.label.lower() == name.lower()


def test_respelled_needs_the_story_country(gaz):
    assert gaz.respelled("Garabulli", GeoContext()) is None
    assert gaz.respelled("Garabulli", GeoContext(countries=("TUN",))) is None


def test_spelling_keys():
    assert spellings("Almargeb") == ["almargeb", "margeb"]
    assert skeleton("garabuli") == skeleton("karabuli")
    assert same_sounds("tal tamer", "tal tamr") and not same_sounds("tal tamer", "tal tamra")
