"""Load the behavioural cases (cases.tsv), run the real extractor once per text, give verdicts.

Shared by tests/test_behaviour.py and eval/behaviour.py; the matching rules are in match.py.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.behaviour.match import case_passes

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases.tsv"
KNOWN_FAILURES = HERE / "known_failures.txt"
COLUMNS = ("id", "capability", "text", "published", "action", "actor", "target", "place", "date", "note")
ACTIONS = frozenset(("ASSAULT MOBILIZE COERCE PROTEST THREATEN ACCUSE REQUEST REJECT AGREE CONSULT "
                     "SUPPORT CONCEDE RETREAT AID COOPERATE SANCTION").split())


@dataclass(frozen=True)
class Case:
    """One expected event (or expected absence) for one text."""

    id: str
    capability: str
    text: str
    published: date
    action: str
    actor: str
    target: str
    place: str
    date: str
    note: str = ""


def read_rows(path: Path = CASES) -> tuple[list[str], list[list[str]]]:
    """The header and the raw rows of a cases file (tab-separated, no quoting)."""
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    return header, rows


def load_cases(path: Path = CASES) -> list[Case]:
    """Every row of the cases file as a Case; raises ValueError naming rows of the wrong width."""
    _, rows = read_rows(path)
    bad = [row[0] for row in rows if len(row) != len(COLUMNS)]
    if bad:
        raise ValueError(f"{path}: rows without {len(COLUMNS)} columns: {bad}")
    return [Case(*row[:3], date.fromisoformat(row[3]), *row[4:]) for row in rows]


def known_failures(path: Path = KNOWN_FAILURES) -> set[str]:
    """Case ids listed as failing today (one a line, `#` comments)."""
    if not path.exists():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def load_extract():
    """The real extractor as a function (text, published) -> frames; the one place it is imported."""
    from kg.extract.dateline import mask_dateline
    from kg.extract.frames import Extractor
    from kg.extract.nlp import load_nlp
    from kg.model import Article

    nlp, extractor = load_nlp(), Extractor()

    def extract(text: str, published: date) -> list:  # as `kg extract` reads a text: its dateline masked
        return extractor.frames(nlp(mask_dateline(text)), Article(id="behaviour", text=text, published=published))
    return extract


def run_cases(cases: list[Case], extract=None) -> dict[tuple[str, date], list | Exception]:
    """Frames for each distinct (text, published), extracted once; an exception is kept, not raised."""
    extract = extract or load_extract()
    results: dict[tuple[str, date], list | Exception] = {}
    for key in dict.fromkeys((case.text, case.published) for case in cases):
        try:
            results[key] = list(extract(*key))
        except Exception as error:  # one broken text must not hide the verdicts on the others
            results[key] = error
    return results


def verdicts(cases: list[Case], results: dict) -> dict[str, bool]:
    """Case id -> passed; a text whose extraction raised fails all its rows."""
    outcome = {}
    for case in cases:
        frames = results[(case.text, case.published)]
        outcome[case.id] = not isinstance(frames, Exception) and case_passes(case, frames)
    return outcome


def describe_frame(frame) -> str:
    """One extracted frame on one line, for failure reports."""
    def parties(main, others):
        return "|".join(p.label for p in ((main,) if main else ()) + tuple(others)) or "-"
    place = f"{frame.place.label}@{frame.place.country or '?'}" if frame.place else "-"
    return (f"{frame.action} actor={parties(frame.actor, getattr(frame, 'co_actors', ()))} "
            f"target={parties(frame.target, getattr(frame, 'co_targets', ()))} place={place} "
            f"date={frame.date or '-'}")


def describe_case(case: Case) -> str:
    """What a row expects, on one line, for failure reports."""
    return f"{case.action} actor={case.actor} target={case.target} place={case.place} date={case.date}"
