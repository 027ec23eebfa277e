"""Read a GDELT event export (tab-separated, optionally a ``.CSV.zip``) as `ImportedEvent`s.

GDELT 2.0 rows have the 61 columns of the GDELT 2.0 Event Codebook; GDELT 1.0 daily rows
(58 columns, without the three ADM2 codes) are read too. The CAMEO EventCode maps to PLOVER
(`kg.importers.cameo`); root 01 has no PLOVER type and is skipped. The place is the ActionGeo
(country codes there are FIPS 10-4); the date is SQLDATE, to the day.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..extract.dictionary import load_dictionary
from ..precision import gdelt_place_precision
from .actors import gdelt_actor
from .cameo import plover_for_cameo
from .places import dataset_place, iso3_from_fips
from .records import ImportedEvent

__all__ = ["GDELT2_COLUMNS", "GDELT1_COLUMNS", "read_gdelt"]

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


def _lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise InputError(f"not a readable zip file: {exc}", path=str(path)) from None
        with archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            if not names:
                raise InputError("empty zip file", path=str(path))
            with archive.open(names[0]) as member:
                yield from io.TextIOWrapper(member, encoding="utf-8", errors="replace", newline="")
        return
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            yield from handle
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None


def _float(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        raise ValueError(f"bad coordinate {text!r}") from None


def _int(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _actor(row: dict, who: str, dictionary):
    types = tuple(row[f"{who}Type{i}Code"] for i in (1, 2, 3) if row[f"{who}Type{i}Code"])
    return gdelt_actor(row[f"{who}Code"], row[f"{who}Name"], row[f"{who}CountryCode"], types, dictionary)


def _record(row: dict, dictionary) -> ImportedEvent:
    code = row["EventCode"].strip() or row["EventBaseCode"].strip() or row["EventRootCode"].strip()
    action = plover_for_cameo(code)
    if action is None:
        if code.isdigit() and code[:2] == "01":
            raise LookupError("CAMEO root 01 (public statement) has no PLOVER type")
        raise ValueError(f"bad EventCode {code!r}")
    try:
        day = datetime.strptime(row["SQLDATE"].strip(), "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"bad SQLDATE {row['SQLDATE']!r}") from None
    precision = gdelt_place_precision(row["ActionGeo_Type"])
    iso3 = iso3_from_fips(row["ActionGeo_CountryCode"])
    label = row["ActionGeo_FullName"].split(",")[0].strip()
    feature = row["ActionGeo_FeatureID"].strip() or None
    place = dataset_place(label, _float(row["ActionGeo_Lat"]), _float(row["ActionGeo_Long"]), iso3, precision,
                          feature_id=feature)
    url = row["SOURCEURL"].strip()
    return ImportedEvent(
        source="gdelt", source_id=row["GLOBALEVENTID"].strip(), action=action, date=day, date_precision="day",
        actor=_actor(row, "Actor1", dictionary), target=_actor(row, "Actor2", dictionary),
        place=place, place_precision=precision if place is not None else None,
        cameo=code[:2], source_code=code, source_url=url if url.startswith(("http://", "https://")) else None,
        mentions=_int(row["NumMentions"]), sources=_int(row["NumSources"]))


def read_gdelt(path: str | Path) -> Iterator[tuple[int, ImportedEvent | Exception]]:
    """(line, event) for each row, or (line, error): LookupError means skipped, ValueError failed."""
    dictionary = load_dictionary()
    for line, text in enumerate(_lines(Path(path)), start=1):
        text = text.rstrip("\r\n")
        if not text.strip():
            continue
        fields = text.split("\t")
        columns = _LAYOUTS.get(len(fields))
        if columns is None:
            yield line, ValueError(f"expected {len(GDELT2_COLUMNS)} tab-separated columns, found {len(fields)}")
            continue
        row = dict(zip(columns, fields))
        try:
            if not row["GLOBALEVENTID"].strip().isdigit():
                raise ValueError(f"bad GLOBALEVENTID {row['GLOBALEVENTID']!r}")
            yield line, _record(row, dictionary)
        except (ValueError, LookupError) as exc:
            yield line, exc
