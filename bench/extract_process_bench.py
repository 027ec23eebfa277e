"""`kg extract` as whole processes: throughput against a bare spaCy process, and start-up.

Throughput: one `kg extract FILE --format jsonl` process against one `python` process that loads
the same model and runs `nlp.pipe` over the same texts (batch 64), on about --words words of news
(the seed articles, plus the dev articles when ../shared/devdata is present, read and never
copied, repeated to the word count; written to a temporary JSON Lines file). Both include
interpreter start, imports and model load, as a user sees them. Target: ratio ≥ 0.8.

Start-up: `kg extract` of a one-sentence article against a process that only loads the model
(`spacy.load`). Target: ratio ≤ 1.5.

Runs are interleaved and the fastest of --repeat counts, so both sides see the same load.

    .venv/bin/python bench/extract_process_bench.py --words 40000 --repeat 3
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.nlp import find_model  # noqa: E402
from bench.extract_bench import corpus  # noqa: E402

BARE_PIPE = """
import json, sys, spacy
nlp = spacy.load({model!r})
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts, batch_size=64):
    pass
"""
BARE_LOAD = "import spacy; spacy.load({model!r})"
KG = [str(ROOT / ".venv" / "bin" / "kg")] if (ROOT / ".venv" / "bin" / "kg").exists() else [
    sys.executable, "-m", "kg.cli"]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def write_articles(path: Path, words: int) -> tuple[int, int]:
    articles, total = corpus(words)
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "text": a.text, "published": a.published.isoformat()}) + "\n")
    return len(articles), total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=40000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    model = find_model("")
    with tempfile.TemporaryDirectory() as tmp:
        news, one = Path(tmp) / "news.jsonl", Path(tmp) / "one.jsonl"
        count, words = write_articles(news, args.words)
        one.write_text(json.dumps({"id": "one", "text": "Rebels attacked a police post in Kidal on Sunday.",
                                   "published": "2024-03-14"}) + "\n", encoding="utf-8")
        bare_pipe = [sys.executable, "-c", BARE_PIPE.format(model=model), str(news)]
        bare_load = [sys.executable, "-c", BARE_LOAD.format(model=model)]
        ours_pipe = [*KG, "extract", str(news), "--format", "jsonl"]
        ours_start = [*KG, "extract", str(one), "--format", "jsonl"]
        timed(ours_start)  # warm the file cache and the gazetteer index for both sides
        pipe, start = {"bare": [], "kg": []}, {"bare": [], "kg": []}
        for _ in range(args.repeat):
            pipe["bare"].append(timed(bare_pipe))
            pipe["kg"].append(timed(ours_pipe))
            start["bare"].append(timed(bare_load))
            start["kg"].append(timed(ours_start))
    bare, ours = min(pipe["bare"]), min(pipe["kg"])
    load, startup = min(start["bare"]), min(start["kg"])
    print(json.dumps({
        "date": date.today().isoformat(), "model": model, "cores": os.cpu_count(), "load_average": os.getloadavg(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "throughput": {"articles": count, "words": words, "bare_s": round(bare, 2), "kg_s": round(ours, 2),
                       "ratio_bare_over_kg": round(bare / ours, 3)},
        "startup": {"model_load_s": round(load, 2), "kg_extract_one_s": round(startup, 2),
                    "ratio_kg_over_load": round(startup / load, 3)},
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
