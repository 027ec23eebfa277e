"""Behavioural tests of the extractor, CheckList style: one case per row of tests/behaviour/cases.tsv.

Cases listed in tests/behaviour/known_failures.txt are strict xfails: one that starts passing
fails the run until the list is regenerated (`python eval/behaviour.py --write-known`).
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.behaviour.match import case_passes
from tests.behaviour.run import (ACTIONS, CASES, COLUMNS, describe_case, describe_frame,
                                 known_failures, load_cases, load_extract, read_rows,
                                 run_cases)

CASE_LIST = load_cases()
KNOWN = known_failures()
XFAIL = pytest.mark.xfail(strict=True, reason="known failure: see eval/behaviour.py")
SLOT = re.compile(r"^[^|@]+(@[A-Z]{3})?(\|[^|@]+(@[A-Z]{3})?)*$|^@[A-Z]{3}$")


@pytest.fixture(scope="module")
def frames_of():
    """Frames of a case's text: the real extractor, loaded once, run once per distinct text."""
    extract, cache = load_extract(), {}

    def frames_of(case):
        key = (case.text, case.published)
        if key not in cache:
            cache.update(run_cases([case], extract))
        return cache[key]
    return frames_of


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id, marks=[XFAIL] if case.id in KNOWN else [])
                                  for case in CASE_LIST])
def test_behaviour_case(case, frames_of):
    """The extractor yields the event the row expects (or, for NONE and !ACTION, does not)."""
    frames = frames_of(case)
    if isinstance(frames, Exception):
        raise frames
    got = "; ".join(describe_frame(frame) for frame in frames) or "(no event)"
    assert case_passes(case, frames), f"want {describe_case(case)}; got {got}; note: {case.note or '-'}"


def test_behaviour_cases_file_is_well_formed():
    """Header, column count, unique ids, known actions, ISO dates, slot syntax, no stale known failures."""
    header, rows = read_rows(CASES)
    assert tuple(header) == COLUMNS
    assert all(len(row) == len(COLUMNS) for row in rows), [row[0] for row in rows if len(row) != len(COLUMNS)]
    ids = [row[0] for row in rows]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for case in CASE_LIST:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*-\d{3}", case.id), case.id
        assert case.capability and case.text.strip() and " " not in case.capability, case.id
        assert case.action in ACTIONS | {"NONE"} or case.action.lstrip("!") in ACTIONS, case.id
        assert case.published <= date.today(), case.id
        assert case.date in ("*", "-") or date.fromisoformat(case.date) <= case.published, case.id
        for slot in (case.actor, case.target, case.place):
            alternatives = [alt.strip() for alt in slot.split("|")]
            assert slot in ("*", "-") or not {"", "*", "-"} & set(alternatives), (case.id, slot)
        assert all(slot in ("*", "-") or "@" not in slot for slot in (case.actor, case.target)), case.id
        assert case.place in ("*", "-") or SLOT.match(case.place), (case.id, case.place)
        if case.action == "NONE":
            assert (case.actor, case.target, case.place, case.date) == ("*",) * 4, case.id
    assert KNOWN <= set(ids), sorted(KNOWN - set(ids))
