"""The seed article's events, compared field by field with a golden file.

Regenerate after an intended change with `pytest tests/test_golden.py --update-golden`
and review the diff: each change to the golden file is a change in what analysts see.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.articles import iter_articles
from kg.mapping.to_rdf import frame_to_json
from kg.pipeline import extract_articles

from .conftest import SEED

GOLDEN = Path(__file__).parent / "golden" / f"{SEED.stem}.frames.json"
FIELDS = ("action", "cameo", "trigger", "actor", "target", "place", "date", "sentence", "start", "end",
          "confidence", "event")


def _current() -> list[dict]:
    article = next(iter(iter_articles([SEED])))
    (_, frames), = list(extract_articles([article]))
    return [{k: frame_to_json(f)[k] for k in FIELDS} for f in frames]


@pytest.fixture(scope="module")
def current(nlp):
    return _current()


def test_golden_seed_events_match(current, request):
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(json.dumps(current, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                          encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(current) == len(expected), [e["trigger"] for e in current]
    for got, want in zip(current, expected):
        for field in FIELDS:
            assert got[field] == want[field], (want["trigger"], field)


def test_golden_seed_has_the_key_events(current):
    """What any reader codes from the seed, whatever else changes."""
    def has(action, actor=None, target=None, place=None, date=None):
        for e in current:
            if e["action"] != action:
                continue
            if actor and (e["actor"] or {}).get("label") != actor:
                continue
            if target and (e["target"] or {}).get("label") != target:
                continue
            if place and place not in ((e["place"] or {}).get("label") or ""):
                continue
            if date and e["date"] != date:
                continue
            return True
        return False

    assert has("ASSAULT", "Zawiya militias", "Libyan National Army", date="2019-04-05")  # the capture
    assert has("ASSAULT", "Misrata militias", "Libyan National Army", place="Nafusa")  # the airstrike
    assert has("ASSAULT", "Libyan National Army", place="Gharyan", date="2019-04-04")
    assert has("ASSAULT", place="Qasr Bani Ghashir")  # the clashes
    assert has("REQUEST", "UN Security Council", "Libyan National Army")  # the Council's call
    assert has("MOBILIZE", "Khalifa Haftar", place="Tripoli", date="2019-04-04")
    assert not any(e["trigger"].startswith(("plunge", "put", "become")) for e in current)


def test_golden_offsets_point_into_the_text(current):
    article = next(iter(iter_articles([SEED])))
    for e in current:
        assert article.text[e["start"]:e["end"]] == e["sentence"]
