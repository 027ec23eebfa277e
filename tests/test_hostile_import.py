"""Hostile ACLED and GDELT files: every bad row is one error naming the file (or zip member) and
line, the good rows are stored, and no traceback ever reaches the user; ids are normalised as
the datasets write them, and colliding ids fail alone."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

import kg.importers.load as load
from kg.cli import cli
from kg.importers.load import import_file
from kg.importers.records import dataset_iri, imported_event_iri
from kg.resolve import RESOLVED_GRAPH
from kg.store import open_store
from tests.reliability import tried
from tests.test_hostile_exports import HOSTILE, ROW, hostile_acled

pytestmark = pytest.mark.reliability("hostile importer files and fields")

GDELT = (Path(__file__).parent / "data" / "import" / "gdelt-events.export.CSV").read_text(encoding="utf-8")
KHARTOUM = GDELT.splitlines()[0].split("\t")
COLUMNS = ["event_id_cnty", *ROW, "actor1", "actor2"]


def acled(path: Path, *rows: dict) -> Path:
    """An ACLED export of the test row, changed by each of `rows` in turn."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for n, change in enumerate(rows):
            writer.writerow({**ROW, "event_id_cnty": f"SDN{n + 1}", "actor1": "Rapid Support Forces",
                             "actor2": "Military Forces of Sudan (2019-)", **change})
    return path


def gdelt_line(**changes) -> str:
    from kg.importers.gdelt import GDELT2_COLUMNS

    fields = dict(zip(GDELT2_COLUMNS, KHARTOUM))
    fields.update(changes)
    return "\t".join(fields[c] for c in GDELT2_COLUMNS) + "\n"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


NUMBERS = {"fatalities": ["inf", "1e400", "-1", "nan", "2.5", "1,000", "0x10", "９"],
           "latitude": ["nan", "inf", "-inf", "91", "1e400", "15,5"],
           "longitude": ["nan", "181", "Infinity"], "iso": ["1e400", "nan", "abc", "-729"]}
CASES = [(column, value) for column, values in NUMBERS.items() for value in values]


def test_hostile_import_acled_numbers_fail_per_row(tmp_path):
    tried(len(CASES))
    path = acled(tmp_path / "numbers.csv", {}, *({column: value} for column, value in CASES), {})
    store = open_store(str(tmp_path / "s"))
    summary = import_file(store, "acled", path)
    store.close()
    assert (summary.rows, summary.imported, summary.failures) == (len(CASES) + 2, 2, len(CASES))
    for line, ((column, value), message) in enumerate(zip(CASES, summary.failed), start=3):
        assert message.startswith(f"{path}:{line}: bad {column} {value!r}"), message


def test_hostile_import_cli_exit_3_and_no_traceback(tmp_path):
    path = acled(tmp_path / "numbers.csv", {}, {"fatalities": "1e400"}, {"latitude": "nan"})
    result = run("import", "acled", path, "--store", tmp_path / "s")
    assert result.exit_code == 3 and "Traceback" not in result.output, result.output
    assert f"{path}:3: bad fatalities '1e400': too large" in result.output
    assert f"{path}:4: bad latitude 'nan': not a decimal number" in result.output


def test_hostile_import_acled_fields_lines_and_bytes(tmp_path):
    tried(7)
    path = acled(tmp_path / "fields.csv", {}, {"notes": "n" * 200_000}, {"notes": "n" * 20_000}, {})
    with path.open("ab") as handle:  # a line that is not UTF-8, then one over the line bound, then a good one
        handle.write(b"SDN90,2023-04-15,caf\xe9\n" + b"x" * (2 << 20) + b"\n")
        handle.write(path.read_bytes().splitlines()[1].replace(b"SDN1,", b"SDN91,") + b"\n")
    store = open_store(str(tmp_path / "s"))
    summary = import_file(store, "acled", path)
    store.close()
    assert summary.imported == 3 and summary.failures == 4, summary.failed
    assert summary.failed == [
        f"{path}:3: not CSV: field larger than field limit (131072)",
        f"{path}:4: notes is 20,000 characters long; at most 10,000 are accepted",
        f"{path}:6: not UTF-8 text (invalid byte 0xe9 at column 21)",
        f"{path}:7: line longer than 1,048,576 bytes; it was not read"]


@pytest.mark.parametrize(("changes", "words"), [
    ({"ActionGeo_Lat": "nan"}, "bad ActionGeo_Lat 'nan'"), ({"ActionGeo_Long": "inf"}, "bad ActionGeo_Long 'inf'"),
    ({"ActionGeo_Lat": "95"}, "outside -90 to 90"), ({"ActionGeo_Lat": ""}, "both be given, or neither"),
    ({"NumMentions": "1e400"}, "bad NumMentions '1e400'"), ({"NumSources": "-3"}, "bad NumSources '-3'"),
    ({"GLOBALEVENTID": "9" * 21}, "bad GLOBALEVENTID"), ({"GLOBALEVENTID": "١٢"}, "bad GLOBALEVENTID"),
    ({"SQLDATE": "00010101"}, "SQLDATE 0001-01-01 is outside the accepted range"),
    ({"SQLDATE": "99991231"}, "SQLDATE 9999-12-31 is outside"), ({"EventCode": "x" * 500}, "bad EventCode 'xxxx"),
], ids=["lat-nan", "long-inf", "lat-95", "lat-missing", "mentions-overflow", "sources-negative", "id-21-digits",
        "id-arabic-digits", "date-zero", "date-nines", "code-long"])
def test_hostile_import_gdelt_fields_fail_per_row(tmp_path, changes, words):
    path = tmp_path / "x.export.CSV"
    path.write_text(gdelt_line(**changes) + gdelt_line(GLOBALEVENTID="1100000009"), encoding="utf-8")
    store = open_store(str(tmp_path / "s"))
    summary = import_file(store, "gdelt", path)
    store.close()
    assert summary.imported == 1 and summary.failures == 1
    assert summary.failed[0].startswith(f"{path}:1: ") and words in summary.failed[0], summary.failed


def test_hostile_import_gdelt_url_and_text_are_cleaned(tmp_path):
    path = tmp_path / "x.export.CSV"
    path.write_text(gdelt_line(SOURCEURL="javascript:alert(1)", Actor1Name="RSF\x01\ufffe")
                    + gdelt_line(GLOBALEVENTID="0001100000009", SOURCEURL=" HTTPS://example.org/a"), encoding="utf-8")
    store = open_store(str(tmp_path / "s"))
    assert import_file(store, "gdelt", path).imported == 2
    rows = store.select("SELECT ?id ?url WHERE { ?e <https://w3id.org/conflict-kg/ontology#sourceEventId> ?id "
                        "OPTIONAL { ?e <https://w3id.org/conflict-kg/ontology#sourceUrl> ?url } }")
    store.close()
    assert sorted((r["id"], r.get("url")) for r in rows) == [("1100000001", None),
                                                              ("1100000009", "HTTPS://example.org/a")]


def _zip(path: Path, members: dict[str, bytes], encrypted: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    if encrypted:  # mark members encrypted, as a password-protected zip does (flag bit 0)
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            offsets = {i.filename: i.header_offset for i in archive.infolist()}
        central = data.find(b"PK\x01\x02")
        while central >= 0:
            size = int.from_bytes(data[central + 28:central + 30], "little")
            name = data[central + 46:central + 46 + size].decode()
            if name in encrypted:
                data[central + 8] |= 1
                data[offsets[name] + 6] |= 1
            central = data.find(b"PK\x01\x02", central + 46 + size)
        path.write_bytes(bytes(data))
    return path


def test_hostile_import_zip_reads_every_member_and_names_the_refused(tmp_path):
    tried(7)  # five members, a missing file, a broken zip
    first = gdelt_line().encode()
    second = gdelt_line(GLOBALEVENTID="1100000002").encode() + b"bad line\n"
    path = _zip(tmp_path / "day.zip", {"a.export.CSV": first, "b.export.CSV": second, "c.export.CSV": first,
                                       "inner.zip": b"PK", "folder/": b""}, encrypted=("c.export.CSV",))
    store = open_store(str(tmp_path / "s"))
    summary = import_file(store, "gdelt", path)
    store.close()
    assert summary.imported == 2 and summary.duplicates == 0, summary.failed
    assert summary.failed == [
        f"{path}!b.export.CSV:2: expected 61 tab-separated columns, found 1",
        f"{path}!c.export.CSV: encrypted zip member; decrypt the archive first, it was not read",
        f"{path}!inner.zip: a zip inside the zip; unpack it first, it was not read"]
    result = run("import", "gdelt", tmp_path / "missing.zip", "--store", tmp_path / "t")
    assert result.exit_code == 2 and "Traceback" not in result.output
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    result = run("import", "gdelt", tmp_path / "broken.zip", "--store", tmp_path / "t")
    assert result.exit_code == 1 and "not a readable zip file" in result.output


def test_hostile_import_acled_zipped(tmp_path):
    csv_path = hostile_acled(tmp_path / "hostile.csv")
    path = _zip(tmp_path / "acled.zip", {"acled.csv": csv_path.read_bytes()})
    store = open_store(str(tmp_path / "s"))
    summary = import_file(store, "acled", path)
    store.close()
    assert summary.failures == 0 and summary.imported == len(HOSTILE)


def test_hostile_import_ids_collide_per_row_not_per_file(tmp_path):
    tried(10)
    long_id = "SDN" + "9" * 61
    path = acled(tmp_path / "ids.csv", {"event_id_cnty": "SDN-1"}, {"event_id_cnty": "sdn_1"},
                 {"event_id_cnty": "SDN7"}, {"event_id_cnty": "sdn7 "}, {"event_id_cnty": long_id},
                 {"event_id_cnty": long_id + "0"}, {"event_id_cnty": "سودان١"}, {"event_id_cnty": "سودان٢"},
                 {"event_id_cnty": "SDN8."}, {"event_id_cnty": "SDN8"})
    store = open_store(str(tmp_path / "s"))
    summary = import_file(store, "acled", path)
    ids = {r["id"] for r in store.select("SELECT ?id WHERE { ?e <https://w3id.org/conflict-kg/ontology#sourceEventId> ?id }")}
    store.close()
    assert ids == {"SDN-1", "SDN7", long_id, "سودان١", "سودان٢", "SDN8."}
    assert (summary.imported, summary.duplicates, summary.failures) == (6, 1, 3), summary.failed
    assert summary.failed == [
        f"{path}:3: event id 'SDN_1' gives the same event IRI as 'SDN-1' at {path}:2; ids must differ by more than "
        "case or punctuation",
        f"{path}:7: event_id_cnty is 65 characters long; at most 64 are accepted",
        f"{path}:11: event id 'SDN8' gives the same event IRI as 'SDN8.' at {path}:10; ids must differ by more "
        "than case or punctuation"]
    assert imported_event_iri("acled", "سودان١") != imported_event_iri("acled", "سودان٢")


def test_hostile_import_in_parts_is_the_same_graph(tmp_path, monkeypatch):
    """Written in parts of 3 events, the file's graph and happenings are those of one part."""
    path = hostile_acled(tmp_path / "hostile.csv")
    whole = open_store(str(tmp_path / "whole"))
    import_file(whole, "acled", path)
    monkeypatch.setattr(load, "PART", 3)
    parts = open_store(str(tmp_path / "parts"))
    import_file(parts, "acled", path)
    graph = dataset_iri("acled", path.name)
    for name in (graph, RESOLVED_GRAPH):
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
        from rdflib import Graph

        one, many = (Graph().parse(data=s.query(query, "ntriples"), format="nt") for s in (whole, parts))
        assert len(one) > 20 and isomorphic(one, many), name
    whole.close()
    parts.close()


def test_hostile_import_again_with_fewer_rows_leaves_no_stale_happening(tmp_path):
    path = acled(tmp_path / "again.csv", {}, {}, {})
    store = open_store(str(tmp_path / "s"))
    import_file(store, "acled", path)
    acled(path, {})
    assert import_file(store, "acled", path).imported == 1
    counts = store.select(f"""SELECT (COUNT(DISTINCT ?e) AS ?events) (COUNT(DISTINCT ?h) AS ?happenings)
        (COUNT(DISTINCT ?r) AS ?linked) WHERE {{ {{ GRAPH <{dataset_iri('acled', path.name)}> {{ ?e a
        <https://w3id.org/conflict-kg/ontology#Event> }} }} UNION {{ GRAPH <{RESOLVED_GRAPH}> {{ ?h a
        <https://w3id.org/conflict-kg/ontology#Happening> . ?r <https://w3id.org/conflict-kg/ontology#reportOf> ?h }} }} }}""")
    store.close()
    assert counts == [{"events": "1", "happenings": "1", "linked": "1"}]


@pytest.mark.slow
def test_hostile_import_one_huge_line_in_a_small_zip_is_read_in_bounded_memory(tmp_path):
    """A 512 MiB line (a 0.5 MB zip): reading it whole would take well over 1 GB; it takes far less."""
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bomb.export.CSV", "w") as member:
            piece = b"1" * (1 << 20)
            for _ in range(512):
                member.write(piece)
            member.write(b"\n" + gdelt_line().encode())
    assert path.stat().st_size < 2 << 20
    script = ("from kg.importers.load import import_file; from kg.store import open_store; "
              f"s = import_file(open_store({str(tmp_path / 's')!r}), 'gdelt', {str(path)!r}); "
              "peak = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]; "
              "print(s.imported, s.failures, int(peak) // 1024)")  # VmHWM: this process only, not the forked parent
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    imported, failures, peak_mb = map(int, done.stdout.split())
    assert (imported, failures) == (1, 1), done.stderr
    assert peak_mb < 400, f"peak RSS {peak_mb} MB"


def test_hostile_import_a_row_that_breaks_the_shapes_fails_alone(tmp_path):
    """SHACL is checked per part; a part that fails is checked row by row, and only the bad row fails."""
    from datetime import date

    from kg.config import Settings
    from kg.importers.records import ImportedEvent, ImportSummary

    store = open_store(str(tmp_path / "s"))
    summary = ImportSummary(graph=dataset_iri("acled", "shapes.csv"))
    rows = [(f"shapes.csv:{n + 2}", ImportedEvent("acled", f"SDN{n}", "ASSAULT", date(2023, 4, 15),
                                                  date_precision="fortnight" if n == 1 else "day")) for n in range(3)]
    load._Writer(store, "acled", "shapes.csv", summary, Settings(), resolve=True).write(rows)
    ids = {r["id"] for r in store.select("SELECT ?id WHERE { ?e <https://w3id.org/conflict-kg/ontology#sourceEventId> ?id }")}
    store.close()
    assert ids == {"SDN0", "SDN2"} and summary.imported == 2 and summary.failures == 1
    assert summary.failed[0].startswith("shapes.csv:3: ") and "datePrecision" in summary.failed[0], summary.failed


def test_hostile_import_rows_that_pass_alone_but_not_together_fail_and_the_rest_is_stored(tmp_path):
    """Two rows giving one event two dates (each conforms alone): both fail naming the shapes, the
    other rows of the part are stored, and nothing unchecked is."""
    from datetime import date

    from kg.config import Settings
    from kg.importers.records import ImportedEvent, ImportSummary

    store = open_store(str(tmp_path / "s"))
    summary = ImportSummary(graph=dataset_iri("acled", "twice.csv"))
    rows = [(f"twice.csv:{n + 2}", ImportedEvent("acled", source_id, "ASSAULT", date(2023, 4, day)))
            for n, (source_id, day) in enumerate([("SDN1", 15), ("SDN2", 15), ("SDN1", 16), ("SDN3", 17)])]
    load._Writer(store, "acled", "twice.csv", summary, Settings(), resolve=True).write(rows)
    ids = {r["id"] for r in store.select("SELECT ?id WHERE { ?e <https://w3id.org/conflict-kg/ontology#sourceEventId> ?id }")}
    store.close()
    assert ids == {"SDN2", "SDN3"} and summary.imported == 2 and summary.failures == 2, summary.failed
    assert [m.split(":")[1] for m in summary.failed] == ["2", "4"] and all("date" in m for m in summary.failed)
