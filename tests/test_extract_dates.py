"""Date resolution against the publication date (and a dated dateline)."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import resolve_time
from kg.extract.frames import Extractor
from kg.model import Article

PUB = date(2019, 4, 7)  # a Sunday

CASES = [
    ("on Friday", date(2019, 4, 5), "day"),
    ("late on Friday", date(2019, 4, 5), "day"),
    ("on Sunday", date(2019, 4, 7), "day"),  # the same day counts
    ("yesterday", date(2019, 4, 6), "day"),
    ("April 4", date(2019, 4, 4), "day"),
    ("4 April 2018", date(2018, 4, 4), "day"),
    ("26-27 August", date(2019, 8, 26), "day"),
    ("2019-03-30", date(2019, 3, 30), "day"),
    ("last week", None, "week"),
    ("in March", None, "month"),
    ("in 2014", None, "year"),
]


@pytest.mark.parametrize("text,day,precision", CASES, ids=[c[0] for c in CASES])
def test_extract_dates_resolve(text, day, precision):
    expr = resolve_time(text, PUB)
    assert (expr.day, expr.precision) == (day, precision)


@pytest.mark.parametrize("text", ["next week", "tomorrow", "on May 3"], ids=["next", "tomorrow", "after-pub"])
def test_extract_dates_future_flagged(text):
    assert resolve_time(text, PUB).future


@pytest.fixture(scope="module")
def extract(nlp):
    extractor = Extractor()

    def run(text, published=PUB, dateline=None):
        return extractor.frames(nlp(text), Article(id="d", text=text, published=published, dateline=dateline))

    return run


def test_extract_dates_a_day_after(extract):
    frames = extract("Rebels on Friday attacked the base in Kunduz a day after Haftar declared an offensive.")
    offensive = [f for f in frames if f.action == "MOBILIZE"]
    assert offensive and offensive[0].date == date(2019, 4, 4)


def test_extract_dates_participle_inherits_clause_date(extract):
    frames = extract("Militias in western Libya on Friday attacked Gharyan, capturing 20 soldiers.")
    assert frames and all(f.date == date(2019, 4, 5) for f in frames)


def test_extract_dates_undated_event_stays_null(extract):
    frames = extract("Police arrested three journalists in Khartoum.")
    assert frames and frames[0].date is None


def test_extract_dates_dated_dateline_anchors_today(nlp):
    text = "KHARTOUM, April 9 — Sudanese police today arrested three journalists in Khartoum."
    from kg.extract.dateline import mask_dateline

    frames = Extractor().frames(nlp(mask_dateline(text)), Article(id="d", text=text, published=date(2019, 4, 10)))
    assert frames and frames[0].date == date(2019, 4, 9)


def test_extract_dates_scheduled_event_not_dated_as_past(extract):
    assert extract("Talks between the rivals are scheduled for April 14 in Ghadames.") == []
