"""What the built index holds: places with their hierarchy, divisions, countries, curated places."""
from __future__ import annotations

import dataclasses

import pytest

from kg.extract.geo import FEATURE_RANK, Candidate, GeoContext, load_gazetteer
from kg.extract.geo.regions import km


@pytest.fixture(scope="session")
def gaz():
    """The shared gazetteer (the index is built once, on first use, if `make install` has not)."""
    return load_gazetteer()


def test_geo_index_places_carry_their_hierarchy(gaz):
    gwoza = gaz.resolve("Gwoza", GeoContext(countries=("NGA",)))
    assert (gwoza.feature, gwoza.country, gwoza.admin1, gwoza.admin2, gwoza.geonames) == \
        ("city", "NGA", "Borno", "Gwoza", 2339665)
    assert gaz.resolve("Culiacán").admin1 == "Sinaloa"


@pytest.mark.parametrize("name, context, within", [
    ("Kaduna", ("NGA",), ["Kaduna North", "Kaduna", "Nigeria"]),  # a town: its admin2, admin1, country
    ("Jaghori district", ("AFG",), ["Ghaznī", "Afghanistan"]),  # an admin2: its admin1 and country
    ("Kaduna State", ("NGA",), ["Nigeria"]),  # an admin1: its country
    ("Mitiga airport", ("LBY",), ["Ţarābulus", "Libya"]),  # a curated site: its nearest town's divisions
    ("Nafusa Mountains", ("LBY",), ["Libya"]),  # an area that is no division: its country only
    ("Gulf of Sidra", ("LBY",), ["Libya"]),
    ("Sudan", (), []),  # a country: nothing
], ids=["town", "admin2", "admin1", "site", "mountains", "sea", "country"])
def test_geo_index_hierarchy_by_one_rule(gaz, name, context, within):
    place = gaz.resolve(name, GeoContext(countries=context))
    assert [p.label for p in gaz.hierarchy(place)[1]] == within


def test_geo_index_hierarchy_of_places_it_does_not_know(gaz):
    """A place of the text or of a dataset row: the divisions it is given, else its country."""
    from kg.model import Place

    assert [p.label for p in gaz.hierarchy(Place("Pamoli", country="COD", admin1="Nord-Kivu", admin2="Beni"))[1]] \
        == ["Beni", "Nord-Kivu", "Democratic Republic of the Congo"]
    assert [p.label for p in gaz.hierarchy(Place("Bir al-Ghanam", country="LBY", feature="village"))[1]] == ["Libya"]
    assert gaz.hierarchy(Place("Nowhere")) == ((), ())
    assert gaz.hierarchy(gaz.division("LBY", "Ţarābulus"))[0] == ("Tripoli",)  # a division's other names


@pytest.mark.parametrize("name, country, at", [
    ("Borno", "NGA", (11.8, 13.2)),
    ("Kaduna State", "NGA", (10.5, 7.6)),
    ("Sar-e Pol province", "AFG", (36.0, 66.0)),
    ("Ghor province", "AFG", (34.3, 64.8)),
    ("Oaxaca state", "MEX", (17.0, -96.5)),
    ("Luhansk region", "UKR", (48.6, 39.1)),
], ids=lambda v: v if isinstance(v, str) else None)
def test_geo_index_first_level_divisions_are_places(gaz, name, country, at):
    place = gaz.resolve(name)
    assert (place.feature, place.country) == ("admin1", country)
    assert place.admin1 == place.label and place.admin2 is None
    assert km(place.lat, place.lon, *at) < 150  # the population-weighted centre of its places


def test_geo_index_second_level_divisions_are_places(gaz):
    jaghori = gaz.resolve("Jaghori", GeoContext(countries=("AFG",), feature="district"))
    assert (jaghori.feature, jaghori.admin1, jaghori.admin2) == ("admin2", "Ghaznī", "Jāghūrī")
    assert gaz.resolve("Jaghori District").feature == "admin2"


@pytest.mark.parametrize("name, iso3", [
    ("Sudan", "SDN"), ("South Sudan", "SSD"), ("DR Congo", "COD"), ("Democratic Republic of Congo", "COD"),
    ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Burma", "MMR"), ("UK", "GBR"), ("U.S.", "USA"),
    ("Palestine", "PSE"), ("Türkiye", "TUR"), ("SDN", "SDN"), ("Atlantis", None), ("Tripoli", None),
], ids=lambda v: v if isinstance(v, str) else "none")
def test_geo_index_country_codes(gaz, name, iso3):
    assert gaz.country_code(name) == iso3


def test_geo_index_countries_and_capitals(gaz):
    assert (gaz.iso3["LY"], gaz.iso2["LBY"]) == ("LBY", "LY")
    sudan = gaz.country("SDN")
    assert (sudan.label, sudan.feature, sudan.country) == ("Sudan", "country", "SDN")
    assert gaz.country("XXX") is None
    assert {iso3: gaz.capital(iso3).label for iso3 in ("AFG", "LBY", "SYC", "COD")} == \
        {"AFG": "Kabul", "LBY": "Tripoli", "SYC": "Victoria", "COD": "Kinshasa"}


def test_geo_index_candidates_know_main_and_alternate_names(gaz):
    egypt = {(c.place.label, c.place.feature): c for c in gaz.candidates("Egypt")}
    assert egypt[("Egypt", "country")].primary
    assert not egypt[("Goodyear", "city")].primary  # an alternate name of a town in Arizona
    assert all(isinstance(c, Candidate) and c.place.country for c in egypt.values())


def test_geo_index_names_match_modulo_transliteration(gaz):
    ids = [{c.place.geonames for c in gaz.candidates(name)} for name in ("Kàdúná", "Kaduna", "KADUNA")]
    assert ids[0] == ids[1] == ids[2] and len(ids[0]) == 2
    assert gaz.known("Misratah") and gaz.known("misrata") and not gaz.known("Xqzzyv")
    assert gaz.starts_name("Mocímboa") and gaz.starts_name("Qasr") and not gaz.starts_name("Xqzzyv")


def test_geo_index_curated_rows_merge_into_geonames(gaz):
    brega = gaz.resolve("Brega", GeoContext(countries=("LBY",)))
    assert (brega.label, brega.geonames, brega.feature) == ("Brega", 2215210, "city")  # not 'Al Burayqah'
    assert next(c for c in gaz.candidates("Brega") if c.place == brega).curated
    borno = [c for c in gaz.candidates("Borno State") if c.place.country == "NGA"]
    assert [c.place.feature for c in borno] == ["admin1"]  # one place, not a curated copy of the state


def test_geo_index_curated_places_of_their_own(gaz):
    nafusa = gaz.resolve("Jebel Nafusa")
    assert (nafusa.label, nafusa.feature, nafusa.country) == ("Nafusa Mountains", "mountain", "LBY")
    assert gaz.resolve("Zamzam camp").feature == "camp"
    mitiga = gaz.resolve("Mitiga airport")
    assert (mitiga.feature, mitiga.admin1) == ("airport", "Ţarābulus")  # the divisions of the nearest town
    assert gaz.resolve("Red Sea").feature == "sea"


def test_geo_index_feature_rank_orders_specificity():
    assert [FEATURE_RANK[k] for k in ("camp", "airport", "district", "city", "admin2", "mountain", "admin1",
                                      "province", "region", "sea", "country")] == [0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4]


def test_geo_index_records_are_frozen_and_hashable():
    context = GeoContext(countries=("NGA",), regions=("Borno",), feature="town", near=((11.0, 13.0),))
    assert hash(context) == hash(dataclasses.replace(context))
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.feature = "village"
