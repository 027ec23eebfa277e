"""`kg.text` and `kg.values`: the one cleaning of text fields, safe XML, CSV cells and links;
strict numbers and dates in range."""
from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from kg.errors import InputError
from kg.text import REPLACEMENT, clean_text, csv_cell, web_url, well_formed_xml, xml_safe
from kg.values import MAX_DATE, MIN_DATE, check_date, parse_count, parse_degrees, parse_number

ILLEGAL = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF, 0xD800, 0xDFFF)]


@pytest.mark.parametrize("char", ILLEGAL, ids=[f"U+{ord(c):04X}" for c in ILLEGAL])
def test_text_clean_replaces_every_xml_illegal_character(char):
    text = clean_text(f"a{char}b")
    assert text == f"a{REPLACEMENT}b" and xml_safe(f"a{char}b") == text
    etree.fromstring(f"<x a='{text}'>{text}</x>".encode("utf-8"))


@pytest.mark.parametrize("text", ["tab\tnew\nline\rcr", "\x7f\x85 C1 controls", "\U0001F680", "الجيش", "e\u0301"])
def test_text_clean_keeps_what_xml_allows(text):
    assert clean_text(text).replace("e\u0301", "é") == text.replace("e\u0301", "é")


def test_text_clean_is_nfc_and_bounded():
    assert clean_text("Cafe\u0301") == "Café" and len(clean_text("e\u0301" * 10, limit=10)) == 10
    with pytest.raises(InputError, match="'title' is 11 characters long; at most 10"):
        clean_text("x" * 11, field="'title'", limit=10, path="f.jsonl", line=3)


def test_text_well_formed_xml_bytes_and_references():
    body = "<r><v>a\x01b\ufffe</v><v>&#x1;&#1;&#xFFFE;&#65;&#x10FFFF;</v></r>".encode("utf-8")
    fixed = well_formed_xml(body)
    root = etree.fromstring(fixed)
    assert [v.text for v in root] == [f"a{REPLACEMENT}b{REPLACEMENT}", f"{REPLACEMENT * 3}A\U0010FFFF"]


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+1", "+1"), ("+A1", "'+A1"), ("-2+3", "'-2+3"), ("-5", "-5"), ("-5.5e3", "-5.5e3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"), (" =1", " =1"), ("Hamas", "Hamas"),
    ("a\x01b", f"a{REPLACEMENT}b"), (None, ""), (7, "7"), (0.25, "0.25"),
], ids=lambda v: repr(v))
def test_text_csv_cell_neutralises_formulas(value, cell):
    assert csv_cell(value) == cell


@pytest.mark.parametrize(("url", "link"), [
    ("https://example.org/a", "https://example.org/a"), ("HTTP://example.org", "HTTP://example.org"),
    (" https://example.org ", "https://example.org"), ("https://exa\nmple.org", "https://example.org"),
    ("javascript:alert(1)", None), ("\tjavascript:alert(1)", None), ("java\nscript:alert(1)", None),
    ("JAVASCRIPT:alert(1)", None), ("data:text/html,x", None), ("//evil.example", None), ("http:/x", None),
    ("mailto:a@b.c", None), ("", None), (None, None), ("https://[::1", None),
], ids=lambda v: repr(v))
def test_text_web_url_only_http_and_https(url, link):
    assert web_url(url) == link


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e999", "0x10", "1,000", "1_000",
                                  "١٢", "12abc", "--1", "1e", ".", "9" * 31, "1e99999"])
def test_values_numbers_are_strict(text):
    with pytest.raises(ValueError, match="latitude"):
        parse_number(text, "latitude")


@pytest.mark.parametrize(("text", "value"), [("12", 12.0), (" -3.5 ", -3.5), ("+.5", 0.5), ("1e3", 1000.0),
                                             ("", None), ("  ", None), (None, None)])
def test_values_numbers_that_parse(text, value):
    assert parse_number(text, "x") == value


def test_values_counts_and_degrees():
    assert parse_count("3.0", "fatalities") == 3
    for bad in ("-1", "2.5", "1e10", "nan"):
        with pytest.raises(ValueError, match="fatalities"):
            parse_count(bad, "fatalities")
    assert parse_degrees("-90", "latitude", bound=90) == -90 and parse_degrees("180", "longitude", bound=180) == 180
    for what, bound, bad in (("latitude", 90, "90.1"), ("longitude", 180, "-180.5"), ("ActionGeo_Lat", 90, "inf")):
        with pytest.raises(ValueError, match=what):
            parse_degrees(bad, what, bound=bound)


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1799, 12, 31), date(2200, 1, 1), date(9999, 12, 31)])
def test_values_dates_outside_the_range_are_refused(day):
    with pytest.raises(ValueError, match="outside the accepted range 1800-01-01 to 2199-12-31"):
        check_date(day)


def test_values_dates_at_the_edges_are_kept():
    assert check_date(MIN_DATE) == MIN_DATE and check_date(MAX_DATE) == MAX_DATE
