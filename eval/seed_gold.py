"""Build a gold file for the scorer from the expected-event tables in seeds/README.md.

Each table row names actor, action, target, place, date and quotes the trigger phrase; the
evidence sentence is the sentence of the seed article that contains the first quoted fragment.

    python eval/seed_gold.py > data/seed-gold.jsonl
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.articles import iter_articles  # noqa: E402

HEADING = re.compile(r"^### (\S+\.txt)")
ROW = re.compile(r"^\|\s*\d+\s*\|(.+)\|\s*$")


def _value(cell: str) -> str | None:
    cell = cell.strip()
    return None if cell in ("—", "-", "") else re.sub(r"\s*\(.*?\)$", "", cell)


_ABBREVIATIONS = re.compile(r"(?:\b[A-Z]\.|\b(?:Gen|Lt|Col|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|St|No|Jan|Feb|"
                            r"Aug|Sept|Oct|Nov|Dec)\.)$")  # "U.S.", "Gen.": no sentence ends there


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[A-Z“\"])", text)
    out: list[str] = []
    for part in parts:
        if out and _ABBREVIATIONS.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [s.strip() for s in out if s.strip()]


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").replace("“", "").replace("”", "")
                  .replace('"', "")).lower()


def seed_gold(readme: Path = ROOT / "seeds" / "README.md") -> list[dict]:
    """One gold record per seed file: {"id", "events": [...]}, in the scorer's format."""
    articles = {a.id: a for a in iter_articles([ROOT / "seeds"]) if not isinstance(a, Exception)}
    records, current = [], None
    for line in readme.read_text(encoding="utf-8").splitlines():
        heading = HEADING.match(line)
        if heading:
            current = {"id": Path(heading[1]).stem, "events": []}
            records.append(current)
            continue
        row = ROW.match(line)
        if not row or current is None:
            continue
        cells = [c for c in row[1].split("|")]
        if len(cells) < 6 or cells[1].strip() == "action" or set(cells[1].strip()) <= {"-"}:
            continue
        actor, action, target, place, day, note = (cells + [""])[:6]
        quote = re.search(r"[\"“]([^\"”]+)[\"”]", note)
        article = articles.get(current["id"])
        sentence = ""
        if quote and article:
            fragment = _plain(quote[1].split("...")[0].strip())
            short = " ".join(fragment.split()[:5])
            sentence = next((s for s in _sentences(article.text) if fragment in _plain(s)), "") or \
                next((s for s in _sentences(article.text) if short in _plain(s)), "")
        if not sentence and current["events"]:
            sentence = current["events"][-1]["sentence"]  # a second event of the row above's sentence
        current["events"].append({"actor": _value(actor), "actor_aliases": [], "action": action.strip(),
                                  "trigger": quote[1] if quote else "", "target": _value(target),
                                  "target_aliases": [], "place": _value(place), "date": _value(day),
                                  "sentence": sentence})
    return records


if __name__ == "__main__":
    for record in seed_gold():
        print(json.dumps(record, ensure_ascii=False))
