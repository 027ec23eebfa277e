"""Text at the door and on the way out: one normalisation for every field, safe XML, CSV and links.

Every text field that enters the store (article text, title, url, outlet, dateline, id; every
field of an imported row) goes through `clean_text` once: Unicode NFC, the characters XML 1.0
cannot carry replaced by U+FFFD (so offsets into an article's text keep their meaning), and a
length bound with an error naming the field. Writers of XML (`xml_safe`, `well_formed_xml`) and
of spreadsheets (`csv_cell`) make what they write safe again, because a store can also be filled
by SPARQL Update or by an older version. `web_url` decides what may become a link.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from .errors import InputError

__all__ = ["REPLACEMENT", "MAX_FIELD", "XML_ILLEGAL", "clean_text", "xml_safe", "well_formed_xml", "safe_output",
           "csv_cell", "web_url"]

REPLACEMENT = "\ufffd"
MAX_FIELD = 10_000  # characters of a short field (title, outlet, name, id, url); texts have their own bound
# What XML 1.0 cannot carry, even as a character reference: C0 controls but tab, LF and CR; the
# noncharacters U+FFFE and U+FFFF; lone surrogates (which also cannot be encoded in UTF-8).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_ILLEGAL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_REFERENCE = re.compile(rb"&#(x[0-9a-fA-F]{1,8}|[0-9]{1,10});")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # OWASP, CSV injection: cells must not start with these
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
# What browsers drop before reading a URL's scheme: leading and trailing C0 controls and spaces,
# and every tab and newline inside (WHATWG URL Standard, "basic URL parser").
_URL_STRIP = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_URL_DROP = re.compile("[\t\n\r]")


def clean_text(value: str, *, field: str = "text", limit: int = MAX_FIELD, path: str | None = None,
               line: int | None = None) -> str:
    """`value` in NFC with XML-illegal characters replaced by U+FFFD; InputError when over `limit`.

    >>> clean_text("Cafe\\u0301 \\ufffe\\x01")
    'Café \\ufffd\\ufffd'
    >>> clean_text("x" * 11, field="'title'", limit=10)
    Traceback (most recent call last):
    kg.errors.InputError: <input>: 'title' is 11 characters long; at most 10 are accepted
    """
    if len(value) > 4 * limit:  # NFC can shorten a text, but never by more than that
        raise InputError(f"{field} is {len(value):,} characters long; at most {limit:,} are accepted",
                         path=path, line=line)
    text = XML_ILLEGAL.sub(REPLACEMENT, value)
    text = unicodedata.normalize("NFC", text)
    if len(text) > limit:
        raise InputError(f"{field} is {len(text):,} characters long; at most {limit:,} are accepted",
                         path=path, line=line)
    return text


def xml_safe(value: str) -> str:
    """`value` with the characters XML 1.0 cannot carry replaced by U+FFFD (for XML writers).

    >>> xml_safe("a\\x0bb\\uffff")
    'a\\ufffdb\\ufffd'
    """
    return XML_ILLEGAL.sub(REPLACEMENT, value)


def well_formed_xml(body: bytes) -> bytes:
    """UTF-8 XML with every character (or character reference) XML 1.0 forbids replaced by U+FFFD.

    Control bytes never occur inside a multi-byte UTF-8 sequence, so this works on the bytes.

    >>> well_formed_xml(b"<a>x\\x01y\\xef\\xbf\\xbe&#x1;&#65;</a>").decode()
    '<a>x\\ufffdy\\ufffd&#xFFFD;&#65;</a>'
    """
    body = _XML_ILLEGAL_BYTES.sub(REPLACEMENT.encode("utf-8"), body)
    return _REFERENCE.sub(_legal_reference, body) if b"&#" in body else body


def safe_output(body: bytes, fmt: str) -> bytes:
    """A store's serialised result made well-formed: `well_formed_xml` for the XML formats
    (SPARQL results "xml", "rdfxml"); other formats can carry any character and stay as they are."""
    return well_formed_xml(body) if fmt in ("xml", "rdfxml") else body


def _legal_reference(match: re.Match) -> bytes:
    digits = match.group(1)
    code = int(digits[1:], 16) if digits[:1] == b"x" else int(digits)
    legal = code < 0x110000 and not XML_ILLEGAL.match(chr(code))
    return match.group() if legal else b"&#xFFFD;"


def csv_cell(value) -> str:
    """A spreadsheet-safe CSV cell: text that starts like a formula gets a leading `'` (OWASP).

    Numbers stay as they are, so '-5' is still a number for the spreadsheet.

    >>> [csv_cell(v) for v in ("=1+1", "\\t=1+1", "@SUM(A1)", "-5", "-x", "Hamas", 3)]
    ["'=1+1", "'\\t=1+1", "'@SUM(A1)", '-5', "'-x", 'Hamas', '3']
    """
    text = xml_safe("" if value is None else str(value))
    if text.startswith(_FORMULA) and not _NUMBER.match(text):
        return "'" + text
    return text


def web_url(value: str | None) -> str | None:
    """`value` when a browser would open it as an http or https URL, else None (never link it).

    >>> web_url("https://example.org/a"), web_url(" HTTP://example.org"), web_url("\\tjava\\nscript:alert(1)")
    ('https://example.org/a', 'HTTP://example.org', None)
    """
    if not value:
        return None
    seen = _URL_DROP.sub("", _URL_STRIP.sub("", value))
    try:
        parts = urlsplit(seen)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return seen
