"""Read a GDELT event export (tab-separated, optionally a ``.CSV.zip``) as `ImportedEvent`s.

GDELT 2.0 rows have the 61 columns of the GDELT 2.0 Event Codebook; GDELT 1.0 daily rows
(58 columns, without the three ADM2 codes) are read too. The CAMEO EventCode maps to PLOVER
(`kg.importers.cameo`); root 01 has no PLOVER type and is skipped. The place is the ActionGeo
(country codes there are FIPS 10-4); the date is SQLDATE, to the day. A zip's members are all
read, as bounded lines (`kg.importers.source`); fields are cleaned by `kg.text.clean_text`,
numbers parsed strictly (`kg.values`), and only http and https SOURCEURLs are kept.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..extract.dictionary import load_dictionary
from ..precision import gdelt_place_precision
from ..text import clean_text, web_url
from ..values import check_date, parse_count, parse_degrees
from .actors import gdelt_actor
from .cameo import plover_for_cameo
from .places import dataset_place, iso3_from_fips
from .records import ImportedEvent
from .source import Lines, members, open_member

__all__ = ["GDELT2_COLUMNS", "GDELT1_COLUMNS", "MAX_ID", "gdelt_id", "read_gdelt"]

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT2_COLUMNS = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
                  + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
                  + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                     "NumMentions", "NumSources", "NumArticles", "AvgTone"]
                  + [f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in _GEO]
                  + ["DATEADDED", "SOURCEURL"])
GDELT1_COLUMNS = [c for c in GDELT2_COLUMNS if not c.endswith("ADM2Code")]
_LAYOUTS = {len(GDELT2_COLUMNS): GDELT2_COLUMNS, len(GDELT1_COLUMNS): GDELT1_COLUMNS}
MAX_ID = 20  # digits of a GLOBALEVENTID (a 64-bit number)


def gdelt_id(text: str) -> str:
    """A GLOBALEVENTID as GDELT defines it: a whole number, written without leading zeros.

    >>> gdelt_id(" 0001100000001 ")
    '1100000001'
    """
    value = text.strip()
    if not value.isascii() or not value.isdigit() or len(value) > MAX_ID:
        raise ValueError(f"bad GLOBALEVENTID {value[:40]!r}: expected a whole number of at most {MAX_ID} digits")
    return str(int(value))


def _actor(row: dict, who: str, dictionary):
    types = tuple(row[f"{who}Type{i}Code"] for i in (1, 2, 3) if row[f"{who}Type{i}Code"])
    return gdelt_actor(row[f"{who}Code"], row[f"{who}Name"], row[f"{who}CountryCode"], types, dictionary)


def _record(row: dict, dictionary) -> ImportedEvent:
    code = row["EventCode"].strip() or row["EventBaseCode"].strip() or row["EventRootCode"].strip()
    action = plover_for_cameo(code)
    if action is None:
        if code.isdigit() and code[:2] == "01":
            raise LookupError("CAMEO root 01 (public statement) has no PLOVER type")
        raise ValueError(f"bad EventCode {code[:40]!r}")
    try:
        day = datetime.strptime(row["SQLDATE"].strip(), "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"bad SQLDATE {row['SQLDATE'][:40]!r}") from None
    check_date(day, "SQLDATE")
    precision = gdelt_place_precision(row["ActionGeo_Type"])
    iso3 = iso3_from_fips(row["ActionGeo_CountryCode"])
    label = row["ActionGeo_FullName"].split(",")[0].strip()
    feature = row["ActionGeo_FeatureID"].strip() or None
    lat = parse_degrees(row["ActionGeo_Lat"], "ActionGeo_Lat", bound=90)
    lon = parse_degrees(row["ActionGeo_Long"], "ActionGeo_Long", bound=180)
    if (lat is None) != (lon is None):
        raise ValueError("ActionGeo_Lat and ActionGeo_Long must both be given, or neither")
    place = dataset_place(label, lat, lon, iso3, precision, feature_id=feature)
    return ImportedEvent(
        source="gdelt", source_id=gdelt_id(row["GLOBALEVENTID"]), action=action, date=day, date_precision="day",
        actor=_actor(row, "Actor1", dictionary), target=_actor(row, "Actor2", dictionary),
        place=place, place_precision=precision if place is not None else None,
        cameo=code[:2], source_code=code, source_url=web_url(row["SOURCEURL"].strip()),
        mentions=parse_count(row["NumMentions"], "NumMentions"), sources=parse_count(row["NumSources"], "NumSources"))


def _row(text: str) -> dict:
    fields = text.rstrip("\r\n").split("\t")
    columns = _LAYOUTS.get(len(fields))
    if columns is None:
        raise ValueError(f"expected {len(GDELT2_COLUMNS)} tab-separated columns, found {len(fields)}")
    try:
        return {name: clean_text(value, field=name) for name, value in zip(columns, fields)}
    except InputError as exc:
        raise ValueError(exc.reason) from None


def read_gdelt(path: str | Path) -> Iterator[tuple[str, int, ImportedEvent | Exception]]:
    """(file, line, event) for each row, or (file, line, error): LookupError means skipped,
    ValueError or InputError failed. `file` names the zip member; every member is read."""
    dictionary = load_dictionary()
    for member in members(path):
        if isinstance(member, InputError):
            yield member.path, 0, member
            continue
        with open_member(member) as stream:
            for line, text, error in Lines(stream, member.name):
                if error is not None:
                    yield member.name, line, error
                    continue
                if not text.strip():
                    continue
                try:
                    yield member.name, line, _record(_row(text), dictionary)
                except (ValueError, LookupError) as exc:
                    yield member.name, line, exc
