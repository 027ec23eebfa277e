"""Reading articles: the header line, JSON Lines, and every kind of bad input."""
from __future__ import annotations

import json
from datetime import date

import pytest

from kg.articles import iter_articles
from kg.errors import InputError

from .conftest import SEED


def _one(path):
    items = list(iter_articles([path]))
    assert len(items) == 1
    return items[0]


def test_articles_seed_header_parsed():
    article = _one(SEED)
    assert article.published == date(2019, 4, 7)
    assert article.outlet == "AP"
    assert article.dateline == "BENGHAZI, Libya"
    assert article.text.startswith("Militias in western Libya on Friday")
    assert article.id == SEED.stem


def test_articles_jsonl_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [{"id": "x1", "text": "Rebels attacked the town.", "pub_date": "2020-01-02T10:00:00Z", "title": "T"},
            {"id": 7, "text": "Police arrested protesters.", "published": "2020-01-03", "url": "https://e.org/a"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    first, second = list(iter_articles([path]))
    assert (first.id, first.published, first.title) == ("x1", date(2020, 1, 2), "T")
    assert (second.id, second.url, second.source) == ("7", "https://e.org/a", f"{path}:2")


def test_articles_folder_is_sorted_and_recursive(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("date 2020-01-01 X, Y\n\nText two.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("date 2020-01-01 X, Y\n\nText one.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [a.id for a in iter_articles([tmp_path])] == ["1", "2"]


BAD = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin1.txt", "date 2020-01-01 X, Y\n\nCaf\xe9 bombed.".encode("latin-1"), "not UTF-8"),
    ("noheader.txt", b"Rebels attacked the town.", "first line must be"),
    ("baddate.txt", b"date 2020-13-45 X, Y\n\nRebels attacked.", "malformed publication date"),
    ("nobody.txt", b"date 2020-01-01 X, Y\n\n", "no article text"),
    ("article.pdf", b"%PDF-1.4", "unsupported file type"),
]


@pytest.mark.parametrize("name,data,message", BAD, ids=[b[0] for b in BAD])
def test_articles_bad_file_gives_one_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    error = _one(path)
    assert isinstance(error, InputError)
    assert message in str(error) and name in str(error)


BAD_LINES = [
    ('{"id": "a", "text": "x", "date": "2020-01-01"', "invalid JSON"),
    ('{"id": "a", "date": "2020-01-01"}', "missing or empty 'text'"),
    ('{"text": "Rebels attacked.", "date": "2020-01-01"}', "missing 'id'"),
    ('{"id": "a", "text": "Rebels attacked."}', "missing publication date"),
    ('{"id": "a", "text": "Rebels attacked.", "date": "yesterday"}', "malformed publication date"),
    ('["not", "an", "object"]', "expected a JSON object"),
]


@pytest.mark.parametrize("line,message", BAD_LINES, ids=[m for _, m in BAD_LINES])
def test_articles_bad_json_line_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "ok", "text": "Rebels attacked the town.", "date": "2020-01-01"})
    path.write_text(good + "\n" + line + "\n" + good.replace('"ok"', '"ok2"') + "\n", encoding="utf-8")
    items = list(iter_articles([path]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert f"{path}:2: " in str(items[1]) and message in str(items[1])


def test_articles_missing_path_reported(tmp_path):
    error = _one(tmp_path / "nope.txt")
    assert isinstance(error, InputError) and "no such file" in str(error)
