"""Rows against distinct rows of ``SELECT * { ?s ?p ?o }`` over the union default graph of a store,
and its quads by kind of graph: with each actor and place described once (ontology/README.md,
"Graphs") the two counts are equal; and the time `kg stats` takes to count distinct triples.

    python bench/store_counts.py --store DIR                 # an existing store
    python bench/store_counts.py --news 1000 --out DIR       # bench/news_gen.py articles through kg ingest first
    python bench/store_counts.py --synthetic 10000 --out DIR # bench/synth_store.py events (10 per article) first

Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

ID = "https://w3id.org/conflict-kg/id/"


def build_news(articles: int, out: Path, workers: int) -> dict:
    """Ingest `articles` news_gen articles (seed 1) into a new store at `out`."""
    import news_gen

    from kg.config import Settings
    from kg.pipeline import ingest_paths
    from kg.store import open_store

    corpus = Path(tempfile.mkdtemp(prefix="kg-counts-")) / "news.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in news_gen.generate(articles, seed=1)), encoding="utf-8")
    store = open_store(str(out))
    started = time.perf_counter()
    summary = ingest_paths([str(corpus)], store, settings=Settings(store=str(out)), workers=workers)
    store.close()
    return {"ingest": summary.line(), "seconds": round(time.perf_counter() - started, 1)}


def counts(path: Path) -> dict:
    """The counts of the store at `path` (read-only)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))

    def one(query: str) -> int:
        return int(next(iter(store.query(query, use_default_graph_as_union=True)))[0].value)

    kinds = Counter()
    for quad in store.quads_for_pattern(None, None, None, None):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        rest = name[len(ID):] if name.startswith(ID) else name
        kinds[rest.split("/", 2)[0] if not rest.startswith("graph/") else "/".join(rest.split("/", 2)[:2])] += 1
    from kg.store.oxigraph import OxigraphStore

    kg_store = OxigraphStore(str(path), read_only=True)
    started = time.perf_counter()
    distinct_triples = kg_store.distinct_triple_count()  # what `kg stats` says
    seconds = round(time.perf_counter() - started, 2)
    kg_store.close()
    return {"store": str(path), "quads": len(store), "kg_stats_triples": distinct_triples,
            "kg_stats_triples_seconds": seconds,
            "rows": one("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
            "distinct_rows": one("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT * WHERE { ?s ?p ?o } }"),
            "lna_labels": one(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{ID}actor/libyan-national-army> "
                              "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"),
            "quads_by_graph_kind": dict(sorted(kinds.items()))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", help="an existing store directory")
    where.add_argument("--news", type=int, help="ingest this many bench/news_gen.py articles into --out first")
    where.add_argument("--synthetic", type=int, help="write this many bench/synth_store.py events into --out first")
    parser.add_argument("--out", help="the store directory to create (--news, --synthetic)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    result = {}
    if args.store:
        path = Path(args.store)
    elif not args.out:
        parser.error("--news and --synthetic need --out")
    else:
        path = Path(args.out)
        if args.news:
            result = build_news(args.news, path, args.workers)
        else:
            import synth_store

            synth_store.build_store(str(path), events=args.synthetic, actors=2000, places=500, seed=1)
    result.update(counts(path))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
