"""Saved web pages and web archives as articles (kg.sources.html, kg.sources.warc), on pages the team wrote.

Each page under tests/data/pages/ has its expected body beside it (`NAME.expected.txt`): the text
read from the page must match it to a character-level similarity of at least SIMILARITY
(difflib's ratio), and the title, date, canonical URL, site and dateline must be the page's.
"""
from __future__ import annotations

import difflib
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.articles import FORMATS, iter_articles
from kg.cli import cli
from kg.errors import InputError
from kg.sources.html import article_from_html

PAGES = Path(__file__).parent / "data" / "pages"
SIMILARITY = 0.95  # difflib ratio between the text read and the expected body
PREFIXES = ("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
            "PREFIX prov: <http://www.w3.org/ns/prov#>\n")

CASES = {  # page: (title, published, canonical URL, outlet, dateline)
    "news-site": ("Militias clash near Tripoli airport, flights suspended", date(2021, 3, 12),
                  "https://ledger.example/world/africa/militias-clash-near-tripoli-airport", "The Daily Ledger",
                  "TRIPOLI, Libya"),
    "amp": ("Protesters block main highway in Dhaka over detained students", date(2022, 7, 20),
            "https://deltadaily.example/news/2022/protesters-block-highway-dhaka", "Delta Daily", "DHAKA, Bangladesh"),
    "date-in-metadata": ("Gunmen attack village in Zamfara state", date(2023, 2, 6), None, None, "GUSAU, Nigeria"),
    "latin1": ("Café owners protest new tax", date(2019, 11, 4), None, None, "RABAT, Morocco"),
}


def _read(name: str, **kwargs):
    path = PAGES / f"{name}.html"
    return article_from_html(path.read_bytes(), article_id=name, path=str(path), **kwargs)


@pytest.mark.parametrize("name", sorted(CASES), ids=sorted(CASES))
def test_sources_html_body_and_metadata_match_the_page(name):
    article = _read(name)
    expected = (PAGES / f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    ratio = difflib.SequenceMatcher(None, article.text, expected).ratio()
    assert ratio >= SIMILARITY, f"{name}: similarity {ratio:.3f}\n{article.text}"
    assert (article.title, article.published, article.url, article.outlet, article.dateline) == CASES[name]
    assert article.origin.format == "html" and article.origin.file.endswith(f"{name}.html")


def test_sources_html_leaves_out_navigation_comments_and_footer():
    text = _read("news-site").text
    for boilerplate in ("Subscribe", "Sign in", "Share on", "Related", "reader123", "terrible news",
                        "morning briefing", "All rights reserved", "Photograph"):
        assert boilerplate not in text


def test_sources_html_without_a_date_is_refused_unless_given():
    with pytest.raises(InputError) as refused:
        _read("no-date")
    assert "no publication date" in str(refused.value) and "--date" in str(refused.value)
    assert str(PAGES / "no-date.html") in str(refused.value)
    article = _read("no-date", fallback_date=date(2020, 5, 2))
    assert article.published == date(2020, 5, 2) and article.text.startswith("Government troops withdrew")


def test_sources_html_the_page_date_wins_over_the_fallback():
    assert _read("amp", fallback_date=date(2000, 1, 1)).published == date(2022, 7, 20)


@pytest.mark.parametrize("data, reason", [(b"", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00binary", "no article text"),
                                          (b"<html><head><script>var page = 1;</script></head><body><img src='a.png'></body></html>", "no article text")],
                         ids=["empty", "binary", "no-text"])
def test_sources_html_bad_pages_name_the_problem(data, reason):
    with pytest.raises(InputError, match=reason):
        article_from_html(data, article_id="x", path="x.html", fallback_date=date(2020, 1, 1))


def test_sources_html_folder_is_read_with_the_other_formats(tmp_path):
    for name in ("news-site", "amp", "no-date"):
        shutil.copy(PAGES / f"{name}.html", tmp_path / f"{name}.html")
    (tmp_path / "a.txt").write_text("date 2021-03-14 CKG, KABUL, Afghanistan\n\nTaliban fighters attacked a post.\n")
    items = list(iter_articles([tmp_path]))
    good = sorted(a.id for a in items if not isinstance(a, InputError))
    bad = [str(e) for e in items if isinstance(e, InputError)]
    assert good == ["a", "amp", "news-site"] and len(bad) == 1 and "no-date.html" in bad[0]
    dated = [a for a in iter_articles([tmp_path], fallback_date=date(2020, 5, 2)) if not isinstance(a, InputError)]
    assert len(dated) == 4


def _warc(path: Path, pages: dict[str, tuple[bytes, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for uri, (body, kind) in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2023-02-07T10:11:12Z"})
            writer.write_record(record)


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_sources_warc_pages_become_articles_with_their_target_and_fetch_time(tmp_path, suffix):
    archive = tmp_path / f"crawl{suffix}"
    _warc(archive, {"https://sahel.example/zamfara": ((PAGES / "date-in-metadata.html").read_bytes(), "text/html"),
                    "https://sahel.example/logo.png": (b"\x89PNG....", "image/png"),
                    "https://ledger.example/tripoli": ((PAGES / "news-site.html").read_bytes(), "text/html; charset=utf-8")})
    items = list(iter_articles([archive]))
    assert not [i for i in items if isinstance(i, InputError)]
    by_page = {a.origin.page: a for a in items}
    assert sorted(by_page) == ["https://ledger.example/tripoli", "https://sahel.example/zamfara"]
    zamfara = by_page["https://sahel.example/zamfara"]
    assert zamfara.id == "https://sahel.example/zamfara" and zamfara.url == "https://sahel.example/zamfara"
    assert zamfara.origin.format == "warc" and zamfara.origin.retrieved.isoformat() == "2023-02-07T10:11:12+00:00"
    assert by_page["https://ledger.example/tripoli"].url.startswith("https://ledger.example/world/")  # canonical wins


def test_sources_warc_not_an_archive_is_one_clear_error(tmp_path):
    bad = tmp_path / "broken.warc"
    bad.write_bytes(b"this is not a web archive\n" * 10)
    (error,) = list(iter_articles([bad]))
    assert isinstance(error, InputError) and "broken.warc" in str(error)


def test_sources_ingest_help_lists_every_format():
    result = CliRunner().invoke(cli, ["ingest", "--help"])
    assert result.exit_code == 0
    for suffixes in FORMATS.values():
        for suffix in suffixes:
            if suffix != ".xhtml":
                assert suffix in result.output, suffix
    assert "--date" in result.output


def test_sources_ingest_pages_records_where_each_came_from(tmp_path):
    from kg.store import open_store

    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("news-site", "no-date"):
        shutil.copy(PAGES / f"{name}.html", pages / f"{name}.html")
    store = tmp_path / "store"
    refused = CliRunner().invoke(cli, ["ingest", str(pages), "--store", str(store), "--quiet"])
    assert refused.exit_code == 3 and "no publication date" in refused.output
    result = CliRunner().invoke(cli, ["ingest", str(pages), "--store", str(store), "--quiet", "--date", "2020-05-02"])
    assert result.exit_code == 0, result.output
    kg_store = open_store(str(store))
    try:
        rows = kg_store.select(PREFIXES + """
            SELECT ?article ?format ?file ?when ?published WHERE {
              GRAPH ?article { ?article ckg:retrievedBy ?r ; ckg:published ?published .
                               ?r ckg:inputFormat ?format ; ckg:sourceFile ?file ; prov:endedAtTime ?when } }
            ORDER BY ?file""")
    finally:
        kg_store.close()
    assert [(r["format"], Path(r["file"]).name, r["published"]) for r in rows] == [
        ("html", "news-site.html", "2021-03-12"), ("html", "no-date.html", "2020-05-02")]
    from datetime import datetime, timezone

    for r in rows:  # a file's time is when it was saved: reading it again gives the same graph
        saved = datetime.fromtimestamp(int(Path(r["file"]).stat().st_mtime), timezone.utc)
        assert r["when"] == saved.isoformat().replace("+00:00", "Z")


def test_sources_ingest_bad_date_option_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(PAGES / "amp.html"), "--store", str(tmp_path / "s"),
                                      "--date", "12/03/2021"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
