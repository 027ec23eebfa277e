"""HTML extraction speed, and the share of ingest time that reading pages (and finding copies) adds.

The team's articles (eval/team/articles.jsonl, seeds 001-006) are written out twice, as one
JSON Lines file and as saved web pages in three layouts (a news site with navigation, share
boxes and comments; an AMP page with JSON-LD; a bare page with the date only in a meta tag),
repeated to `--articles`. Timed, interleaved over `--repeat` rounds, the fastest of each:

* `pages/s`: `kg.articles.iter_articles` over the page folder (trafilatura + htmldate per page);
* `ingest .jsonl` and `ingest .html`: `ingest_paths` of the same articles (the .jsonl holds what
  was read from the pages, metadata included) into a fresh store, one worker; the HTML share is
  (html - jsonl) / html, and, measured directly, reading the pages / the .html ingest;
* `copies`: the seconds spent in `kg.syndication.link_copies` within the .jsonl ingest, and
  their share of it (copy detection runs after every write, whatever the input), and the cost of
  an article's MinHash band keys (computed with its graph).

    .venv/bin/python bench/html_bench.py --articles 120 --repeat 3

CPU seconds of this process count (one worker: spaCy runs in it), the machine being shared;
wall seconds are printed beside them. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import pipeline  # noqa: E402
from kg.articles import iter_articles  # noqa: E402
from kg.config import Settings  # noqa: E402
from kg.errors import InputError  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.syndication import link as link_module  # noqa: E402

NEWS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<link rel="canonical" href="https://{host}/world/{slug}"><meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{date}T08:00:00+00:00"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<main><article><h1>{title}</h1><p class="byline">By Staff</p><div class="share"><a href="#">Share</a></div>
{body}<aside><h3>Related</h3><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></aside>
</article><section class="comments"><h2>Comments</h2><div class="comment"><p>What a terrible thing to happen, again.</p></div>
<div class="comment"><p>Thanks for the reporting.</p></div></section></main>
<footer><p>© 2024 {outlet}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>"""
AMP = """<!doctype html><html ⚡ lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="https://{host}/news/{slug}"><script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{title_js}", "datePublished": "{date}T06:00:00Z",
"publisher": {{"@type": "Organization", "name": "{outlet_js}"}}}}</script>
<style amp-boilerplate>body{{animation:none}}</style></head><body><header><a href="/">{outlet}</a>
<nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header><article><h1>{title}</h1>
<amp-img src="/i.jpg" width="800" height="450" layout="responsive"></amp-img>{body}</article>
<footer><p>{outlet}</p></footer></body></html>"""
BARE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title><meta name="date" content="{date}">
</head><body><div id="sidebar"><h3>Most read</h3><ol><li><a href="/1">One</a></li><li><a href="/2">Two</a></li></ol></div>
<div id="content"><h2>{title}</h2><div class="text">{body}</div></div><div id="footer">Copyright {outlet}</div></body></html>"""
LAYOUTS = (NEWS, AMP, BARE)


def sources() -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "eval/team/articles.jsonl").read_text().splitlines() if line.strip()]
    for path in sorted((ROOT / "seeds").glob("00[1-6]_*.txt")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n")
        rows.append({"id": path.stem, "pub_date": header.split()[1], "outlet": "CKG", "title": path.stem,
                     "text": body.strip()})
    return rows


def write_corpus(folder: Path, count: int) -> tuple[Path, Path]:
    """The pages, then a .jsonl of the very articles read from them (same text and metadata)."""
    base, pages = sources(), folder / "pages"
    pages.mkdir()
    for i in range(count):
        row = base[i % len(base)]
        key = f"{row['id']}-{i}"
        text = row["text"] if i < len(base) else f"{row['text']}\n\n(Copy {i} of the story.)"
        date = row.get("pub_date") or row.get("date")
        title, outlet = row.get("title") or key, row.get("outlet") or "CKG"
        body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
        page = LAYOUTS[i % len(LAYOUTS)].format(title=html.escape(title), outlet=html.escape(outlet), host="news.example",
                                                slug=key, date=date, body=body, title_js=json.dumps(title)[1:-1],
                                                outlet_js=json.dumps(outlet)[1:-1])
        (pages / f"{key}.html").write_text(page, encoding="utf-8")
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
        for a in iter_articles([pages]):
            out.write(json.dumps({"id": a.id, "date": a.published.isoformat(), "title": a.title, "url": a.url,
                                  "outlet": a.outlet, "dateline": a.dateline, "text": a.text}) + "\n")
    return folder / "articles.jsonl", pages


def timed_read(pages: Path) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, pages read)."""
    cpu, wall = time.process_time(), time.perf_counter()
    good = sum(1 for a in iter_articles([pages]) if not isinstance(a, InputError))
    return time.process_time() - cpu, time.perf_counter() - wall, good


def timed_ingest(path: Path, folder: Path, spent: list[float]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, articles added) of one ingest into a fresh store, one worker."""
    store_dir = Path(tempfile.mkdtemp(dir=folder))
    store = open_store(str(store_dir))
    spent.clear()
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        summary = pipeline.ingest_paths([str(path)], store, settings=Settings(store=str(store_dir)))
        return time.process_time() - cpu, time.perf_counter() - wall, summary.added
    finally:
        store.close()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    spent: list[float] = []
    original = link_module.link_copies

    def counted(store, graphs):
        started = time.process_time()
        try:
            return original(store, graphs)
        finally:
            spent.append(time.process_time() - started)

    import kg.syndication as syndication
    syndication.link_copies = counted  # what kg.pipeline.after_write calls
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl, pages = write_corpus(folder, args.articles)
        pipeline.ingest_paths([str(jsonl)], open_store(None), settings=Settings(store=":memory:"))  # warm: model loaded
        best = {"read": (1e9, 0, 0), "jsonl": (1e9, 0, 0), "html": (1e9, 0, 0)}
        copies = 1e9
        loads = [os.getloadavg()[0]]
        for _ in range(args.repeat):
            for name, run in (("read", lambda: timed_read(pages)), ("jsonl", lambda: timed_ingest(jsonl, folder, spent)),
                              ("html", lambda: timed_ingest(pages, folder, spent))):
                result = run()
                if name == "jsonl":
                    copies = min(copies, sum(spent))
                best[name] = min(best[name], result)  # the fastest by CPU seconds
                loads.append(os.getloadavg()[0])
    read, ingest_jsonl, ingest_html = best["read"], best["jsonl"], best["html"]
    from kg.syndication.sketch import band_keys

    texts = [row["text"] for row in sources()]
    started = time.process_time()
    for text in texts * 5:
        band_keys(text)
    bands_ms = 1000 * (time.process_time() - started) / (5 * len(texts))
    print(json.dumps({
        "articles": args.articles, "pages_read": read[2],
        "pages_per_cpu_second": round(read[2] / read[0], 1), "pages_per_second_wall": round(read[2] / read[1], 1),
        "ingest_jsonl_cpu_s": round(ingest_jsonl[0], 2), "ingest_html_cpu_s": round(ingest_html[0], 2),
        "ingest_jsonl_wall_s": round(ingest_jsonl[1], 2), "ingest_html_wall_s": round(ingest_html[1], 2),
        "stored": [ingest_jsonl[2], ingest_html[2]],
        "html_share_of_ingest_cpu": round((ingest_html[0] - ingest_jsonl[0]) / ingest_html[0], 3),
        "reading_pages_share_of_html_ingest_cpu": round(read[0] / ingest_html[0], 3),
        "band_keys_ms_per_article": round(bands_ms, 3),
        "ingest_ms_per_article_cpu": round(1000 * ingest_jsonl[0] / ingest_jsonl[2], 1),
        "copy_detection_cpu_s": round(copies, 3), "copy_detection_share_cpu": round(copies / ingest_jsonl[0], 3),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "load_average": [round(x, 2) for x in loads]}, indent=2))


if __name__ == "__main__":
    main()
