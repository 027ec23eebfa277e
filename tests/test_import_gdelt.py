"""The GDELT importer: the 61 columns, CAMEO to PLOVER, actors, ActionGeo, counts, zips, the store."""
from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from kg.importers.cameo import cameo_table, plover_for_cameo
from kg.importers.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS, read_gdelt
from kg.importers.load import import_file
from kg.importers.places import iso3_from_fips
from kg.importers.records import dataset_iri
from kg.mapping.namespaces import PLOVER_TYPES

FIXTURE = Path(__file__).parent / "data" / "import" / "gdelt-events.export.CSV"
CKG = "https://w3id.org/conflict-kg/ontology#"


def read(path) -> tuple[dict, dict]:
    events, errors = {}, {}
    for _file, line, item in read_gdelt(path):
        (errors if isinstance(item, Exception) else events)[line] = item
    return events, errors


def test_import_gdelt_codebook_columns():
    assert len(GDELT2_COLUMNS) == 61 and len(set(GDELT2_COLUMNS)) == 61
    assert GDELT2_COLUMNS[:2] == ["GLOBALEVENTID", "SQLDATE"] and GDELT2_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]
    assert GDELT2_COLUMNS.index("EventCode") == 26 and GDELT2_COLUMNS.index("ActionGeo_FeatureID") == 58
    assert len(GDELT1_COLUMNS) == 58


@pytest.mark.parametrize(("code", "plover"), [
    ("0874", "RETREAT"), ("0871", "RETREAT"), ("084", "RETREAT"), ("080", "CONCEDE"), ("055", "CONCEDE"),
    ("057", "AGREE"), ("051", "SUPPORT"), ("036", "AGREE"), ("042", "CONSULT"), ("0233", "REQUEST"),
    ("1011", "REQUEST"), ("112", "ACCUSE"), ("090", "ACCUSE"), ("125", "REJECT"), ("138", "THREATEN"),
    ("145", "PROTEST"), ("154", "MOBILIZE"), ("163", "SANCTION"), ("173", "COERCE"), ("191", "COERCE"),
    ("190", "ASSAULT"), ("1823", "ASSAULT"), ("195", "ASSAULT"), ("202", "ASSAULT"), ("073", "AID"),
    ("061", "COOPERATE"), ("010", None), ("x", None),
], ids=lambda v: str(v))
def test_import_gdelt_cameo_to_plover(code, plover):
    assert plover_for_cameo(code) == plover


def test_import_gdelt_cameo_table_is_plover():
    assert set(cameo_table().values()) - {None} <= set(PLOVER_TYPES)
    assert {code for code in cameo_table() if len(code) == 2} == {f"{n:02d}" for n in range(1, 21)}


def test_import_gdelt_fixture_rows():
    events, errors = read(FIXTURE)
    assert sorted(events) == [1, 3, 4, 6]
    assert isinstance(errors[2], LookupError) and isinstance(errors[5], ValueError)
    khartoum = events[1]
    assert (khartoum.action, khartoum.cameo, khartoum.source_code, khartoum.date) == ("ASSAULT", "19", "190",
                                                                                     date(2023, 4, 15))
    assert (khartoum.actor.label, khartoum.target.label) == ("Rapid Support Forces", "Sudanese Armed Forces")
    assert (khartoum.mentions, khartoum.sources) == (12, 3)
    assert khartoum.place.geonames == 379252 and khartoum.place_precision == "town"
    assert khartoum.source_url == "https://example.org/2023/04/15/khartoum-fighting"
    retreat = events[3]
    assert (retreat.action, retreat.actor.label, retreat.place.label) == ("RETREAT", "Libyan National Army", "Tarhuna")
    blockade = events[4]
    assert (blockade.action, blockade.place.label, blockade.place_precision) == ("COERCE", "Libya", "country")
    darfur = events[6]
    assert (darfur.place.label, darfur.place.feature_id, darfur.place_precision) == ("Southern Darfur", "SU49",
                                                                                      "region")
    assert darfur.actor is None and darfur.target.label == "Civilians"


def test_import_gdelt_reads_zips_and_gdelt1_rows(tmp_path):
    zipped = tmp_path / "20230415.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(FIXTURE, "20230415.export.CSV")
    assert [k for k, _ in read(zipped)[0].items()] == [1, 3, 4, 6]
    line = FIXTURE.read_text(encoding="utf-8").splitlines()[0].split("\t")
    old = [value for name, value in zip(GDELT2_COLUMNS, line) if not name.endswith("ADM2Code")]
    path = tmp_path / "gdelt1.CSV"
    path.write_text("\t".join(old) + "\n", encoding="utf-8")
    (event,) = read(path)[0].values()
    assert event.source_id == "1100000001" and event.action == "ASSAULT"


def test_import_gdelt_fips_is_not_iso():
    assert (iso3_from_fips("SU"), iso3_from_fips("UP"), iso3_from_fips("LY")) == ("SDN", "UKR", "LBY")


def test_import_gdelt_into_store(store):
    summary = import_file(store, "gdelt", FIXTURE)
    assert (summary.rows, summary.imported, len(summary.failed), sum(summary.skipped.values())) == (6, 4, 1, 1)
    rows = store.select(f"""SELECT ?m ?s ?url ?code WHERE {{ GRAPH <{dataset_iri('gdelt', FIXTURE.name)}> {{
      ?e <{CKG}sourceEventId> "1100000001" ; <{CKG}mentionCount> ?m ; <{CKG}sourceCount> ?s ;
         <{CKG}sourceUrl> ?url ; <{CKG}sourceCode> ?code }} }}""")
    assert rows == [{"m": "12", "s": "3", "url": "https://example.org/2023/04/15/khartoum-fighting", "code": "190"}]
