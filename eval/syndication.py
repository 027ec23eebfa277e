"""Measure the near-duplicate threshold of `kg.syndication` on constructed syndicated pairs.

Positives: copies of a story as another outlet would run it, made from team-written texts
(eval/team/articles.jsonl, the team's seed articles 001-006, eval/syndication/independent.jsonl)
by the edits wire copy undergoes: a reprint (another agency tag, a sign-off line), a trim (the
last paragraphs cut, at least 60% of the words kept), house style (spelling and wording
substitutions, one sentence cut), an outlet's own intro sentence, and all of these at once.
Negatives: independent reports of the same event in other words (eval/syndication/independent.jsonl,
written for this), follow-up stories that reuse the background paragraphs of the first, and
every pair of different team articles (many share countries, actors and wording).

For each shingle size and threshold it prints precision, recall and F1 of "Jaccard >= t", and
the share of positive pairs that LSH makes candidates (share a band key) with the settings of
`kg.syndication.sketch`. Run: `python eval/syndication.py [--shingle 3 4 5]`.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.syndication import sketch  # noqa: E402

STYLE = [("U.N.", "UN"), ("U.S.", "US"), ("per cent", "percent"), ("neighbouring", "neighboring"),
         ("authorised", "authorized"), ("organisation", "organization"), ("defence", "defense"),
         ("on Monday", "on Monday local time"), ("told reporters", "said"), ("at least", "no fewer than"),
         ("killed", "left dead"), ("around", "about"), ("said on", "announced on"), ("capital", "capital city")]
INTROS = ["This article was updated with the army's statement.", "Our correspondent filed this report from the region.",
          "The following story is republished under a content-sharing agreement."]
FOLLOW_UPS = {
    "port-blast": "Yemen's government on Tuesday blamed an armed group for the bombing at Aden's port and said "
                  "two suspects had been arrested in a raid on a house near the airport. The interior minister "
                  "promised new checks on every lorry entering the harbour.",
    "student-protest": "Bangladeshi authorities released the three students on Thursday, a day after police "
                       "fired tear gas at a march demanding their freedom, their lawyer said. The students "
                       "were greeted by classmates outside the court.",
    "border-shelling": "Engineers restored power to the two border villages on Sunday after a night of "
                       "shelling brought down the lines, and officials said most residents had chosen to stay.",
    "ceasefire-talks": "The truce committee agreed in Nairobi met for the first time on Friday and named "
                       "observers for four districts along the front, the Kenyan mediators said.",
    "convoy-ambush": "Niger's army said on Monday it had found the camp of the gunmen who attacked a fuel "
                     "convoy near Tera and destroyed their motorbikes in an air strike.",
    "hospital-strike": "Doctors reopened part of the bombed hospital in southern Khartoum on Saturday with a "
                       "borrowed generator, two days after the air strike that killed five patients.",
}


def _team_texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in (ROOT / "eval/team/articles.jsonl").read_text().splitlines()
             if line.strip()]
    for path in sorted((ROOT / "seeds").glob("00[1-6]_*.txt")):
        texts.append(path.read_text(encoding="utf-8").partition("\n")[2].strip())
    return texts


def _independent() -> list[dict]:
    return [json.loads(line) for line in (ROOT / "eval/syndication/independent.jsonl").read_text().splitlines()
            if line.strip()]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _sentences(paragraph: str) -> list[str]:
    return re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", paragraph)


def reprint(text: str, rng: random.Random) -> str:
    text = re.sub(r"\(([A-Z][\w .]{1,30})\)", lambda m: f"({m.group(1)}/Globe)", text, count=1)
    return text + "\n\nReporting by Staff Writers; editing by the Desk."


def trim(text: str, rng: random.Random) -> str:
    paragraphs = _paragraphs(text)
    words = len(text.split())
    while len(paragraphs) > 2 and len(" ".join(paragraphs[:-1]).split()) >= 0.6 * words:
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def house_style(text: str, rng: random.Random) -> str:
    for old, new in STYLE:
        text = text.replace(old, new)
    paragraphs = _paragraphs(text)
    i = rng.randrange(1, len(paragraphs)) if len(paragraphs) > 1 else 0
    sentences = _sentences(paragraphs[i])
    if len(sentences) > 1:
        sentences.pop(rng.randrange(len(sentences)))
        paragraphs[i] = " ".join(sentences)
    return "\n\n".join(paragraphs)


def intro(text: str, rng: random.Random) -> str:
    return rng.choice(INTROS) + "\n\n" + text


def everything(text: str, rng: random.Random) -> str:
    return intro(house_style(trim(reprint(text, rng), rng), rng), rng)


EDITS = {"reprint": reprint, "trim": trim, "house style": house_style, "intro": intro, "all edits": everything}


def pairs() -> list[tuple[str, str, str, bool]]:
    """(kind, text a, text b, same story?)"""
    rng = random.Random(18)
    team, independent = _team_texts(), _independent()
    bases = team + [d["text"] for d in independent]
    out = [(name, base, edit(base, rng), True) for base in bases for name, edit in EDITS.items()]
    by_pair: dict[str, list[str]] = {}
    for d in independent:
        by_pair.setdefault(d["pair"], []).append(d["text"])
    for key, (a, b) in by_pair.items():
        out.append(("independent report of the same event", a, b, False))
        follow = FOLLOW_UPS[key] + "\n\n" + "\n\n".join(_paragraphs(a)[2:])
        out.append(("follow-up reusing background", a, follow, False))
    out += [("different team stories", a, b, False) for a, b in itertools.combinations(team, 2)]
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shingle", type=int, nargs="+", default=[sketch.SHINGLE])
    args = parser.parse_args(argv)
    data = pairs()
    positives = sum(1 for p in data if p[3])
    print(f"{positives} copy pairs, {len(data) - positives} different-story pairs")
    for k in args.shingle:
        sketch.SHINGLE = k
        scores = [(kind, sketch.jaccard(sketch.shingles(a), sketch.shingles(b)), same) for kind, a, b, same in data]
        print(f"\nshingle = {k} words")
        for kind in dict.fromkeys(s[0] for s in scores):
            values = [s[1] for s in scores if s[0] == kind]
            print(f"  {kind:38s} n={len(values):4d}  min {min(values):.3f}  median "
                  f"{sorted(values)[len(values) // 2]:.3f}  max {max(values):.3f}")
        print("  threshold  precision  recall  F1")
        for t in [x / 20 for x in range(3, 17)]:
            tp = sum(1 for _, v, same in scores if same and v >= t)
            fp = sum(1 for _, v, same in scores if not same and v >= t)
            precision, recall = tp / max(1, tp + fp), tp / positives
            f1 = 2 * precision * recall / max(1e-9, precision + recall)
            mark = "  <- kg.syndication.sketch.THRESHOLD" if abs(t - sketch.THRESHOLD) < 1e-9 and \
                k == sketch.SHINGLE else ""
            print(f"  {t:9.2f}  {precision:9.3f}  {recall:6.3f}  {f1:.3f}{mark}")
    sketch.SHINGLE = args.shingle[0]
    found = [bool(set(sketch.band_keys(a)) & set(sketch.band_keys(b))) for _, a, b, same in data if same]
    above = [bool(set(sketch.band_keys(a)) & set(sketch.band_keys(b))) for _, a, b, same in data
             if same and sketch.jaccard(sketch.shingles(a), sketch.shingles(b)) >= sketch.THRESHOLD]
    print(f"\nLSH ({sketch.BANDS} bands x {sketch.ROWS} rows, shingle {sketch.SHINGLE}): candidates for "
          f"{sum(found)}/{len(found)} copy pairs; {sum(above)}/{len(above)} of those at or above the threshold")


if __name__ == "__main__":
    main()
