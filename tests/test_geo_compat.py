"""The old `kg.extract.gazetteer` interface still answers its callers, over the new index."""
from __future__ import annotations

from kg.extract import gazetteer
from kg.extract.geo import Candidate, load_gazetteer as load_geo
from kg.extract.names import name_key


def test_geo_compat_old_shapes():
    gaz = gazetteer.load_gazetteer(5000)
    assert gaz is gazetteer.load_gazetteer() and gaz.geo is load_geo()
    assert name_key("Misrata") in gaz.names and name_key("Xqzzyv") not in gaz.names
    starters = gaz.starters | {"zzword"}
    assert name_key("Qasr") in starters and "zzword" in starters and "xqzzyv" not in starters
    assert gazetteer.PlaceEntry is Candidate and all(e.population >= 0 for e in gaz.candidates("Misrata"))
    assert gaz.resolve("Tripoli", ("LBN",)).country == "LBN" and gaz.resolve("Tripoli").country == "LBY"
    assert gaz.country_place["LBY"].place.feature == "country"
    assert (gaz.iso2["LBY"], gaz.iso3["LY"]) == ("LY", "LBY")
    assert gazetteer.FEATURE_RANK["country"] == 4
    assert gaz.country_code("Libya") == "LBY"  # anything else goes to the new gazetteer
