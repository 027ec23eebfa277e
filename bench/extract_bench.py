"""Extraction throughput: `kg extract` (parse + gazetteer + frames) against bare spaCy `nlp.pipe`.

Same model, same texts, same batch size, 1 and 2 processes. Texts: the seed articles, plus the dev
articles when ../shared/devdata is present (read, never copied), repeated to about --words words.

    .venv/bin/python bench/extract_bench.py --words 60000
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.articles import iter_articles  # noqa: E402
from kg.errors import InputError  # noqa: E402
from kg.extract.nlp import find_model, load_nlp  # noqa: E402
from kg.pipeline import extract_articles  # noqa: E402


def corpus(words: int):
    sources = [ROOT / "seeds"]
    dev = ROOT.parent / "shared" / "devdata" / "articles.jsonl"
    if dev.exists():
        sources.append(dev)
    base = [a for a in iter_articles(sources) if not isinstance(a, InputError)]
    out, total, n = [], 0, 0
    while total < words:
        for a in base:
            out.append(a.__class__(**{**a.__dict__, "id": f"{a.id}#{n}"}))
            total += len(a.text.split())
        n += 1
    return out, total


def run_bare(texts, processes, batch):
    import spacy

    nlp = spacy.load(find_model(""))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch, n_process=processes):
        pass
    return time.perf_counter() - start


def run_ours(articles, processes, batch):
    load_nlp()
    start = time.perf_counter()
    events = sum(len(frames) for _, frames in extract_articles(articles, batch_size=batch, workers=processes))
    return time.perf_counter() - start, events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60000)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--repeat", type=int, default=3,
                        help="interleaved runs of each; the fastest counts (robust to other load)")
    args = parser.parse_args()
    articles, words = corpus(args.words)
    texts = [a.text for a in articles]
    rows = []
    for processes in [int(p) for p in args.processes.split(",")]:
        bare_times, our_times = [], []
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            bare_times.append(run_bare(texts, processes, args.batch))
            seconds, events = run_ours(articles, processes, args.batch)
            our_times.append(seconds)
        bare, ours = min(bare_times), min(our_times)
        rows.append({"processes": processes, "articles": len(articles), "words": words,
                     "bare_words_per_s": round(words / bare), "kg_words_per_s": round(words / ours),
                     "ratio": round(bare / ours, 3), "events": events})
    import os

    print(json.dumps({"date": date.today().isoformat(), "model": find_model(""),
                      "load_average": os.getloadavg(), "cores": os.cpu_count(),
                      "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
                      "results": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
