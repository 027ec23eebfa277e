"""The only place the stages are joined: read → parse → extract → map → validate → store.

`ingest_paths` streams: articles are read one at a time, parsed by spaCy in `workers`
processes (`nlp.pipe(n_process=…)`), and each worker also extracts, maps, SHACL-validates and
serialises its articles (the `ckg_prepare` component), so that only N-Triples come back (and
only plain texts go out: each carries its article, see `ArticleText`). The
parent checks content hashes before parsing (a stored, unchanged article is skipped: ingests
resume where they stopped) and writes to the store in batches (one update per batch on a SPARQL
server; see `kg.store.batch`).
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Callable, Iterable, Iterator

from .articles import iter_articles
from .config import Settings
from .errors import InputError, KGError
from .extract.dateline import mask_dateline
from .extract.base import get_extractor
from .extract.nlp import load_nlp
from .mapping.iris import ONTOLOGY_GRAPH, article_iri
from .model import Article, EventFrame
from .prepare import (ArticleText, ArticleTokenizer, Prepared, article_ntriples, extraction_of,  # noqa: F401
                      prepare_articles)
from .resolve import Relinker, resolve_after_change
from .store import Store
from .store.batch import ArticleGraph, put_articles, stored_hashes
from .store.validate import ontology_graph

__all__ = ["IngestSummary", "Prepared", "ArticleText", "ArticleTokenizer", "extract_articles", "prepare_articles",
           "article_ntriples", "ingest_paths", "ingest_items", "ingest_article", "after_write", "ensure_ontology",
           "extraction_of"]


@dataclass
class IngestSummary:
    """What an ingest did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    triples: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.added + self.replaced + self.unchanged

    def line(self) -> str:
        """A one-line summary for people."""
        return (f"{self.articles} articles ({self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged, {self.failed} failed), {self.events} events, "
                f"{self.triples} triples, {self.seconds:.1f} s")


def extract_articles(articles: Iterable[Article], *, settings: Settings | None = None,
                     batch_size: int = 32, workers: int = 1) -> Iterator[tuple[Article, list[EventFrame]]]:
    """Parse and extract each article, streaming (memory stays bounded by the batch).

    `workers` > 1 parses in that many processes (spaCy's `n_process`) while this process
    turns the parsed Docs into frames.
    """
    settings = settings or Settings()
    nlp = load_nlp(settings.model)
    extractor = get_extractor(settings.extractor)
    texts = ((mask_dateline(a.text), a) for a in articles)
    for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=max(1, workers)):
        yield article, extractor.frames(doc, article)


def ensure_ontology(store: Store) -> None:
    """Keep the ontology and event types in their own named graph, so queries can use labels."""
    store.put_graph(str(ONTOLOGY_GRAPH), ontology_graph().serialize(format="nt"))


def ingest_article(store: Store, article: Article, frames: list[EventFrame], *, settings: Settings,
                   actors=None) -> tuple[str, int]:
    """Map, validate and store one article atomically; returns (status, triples)."""
    extraction = extraction_of(load_nlp(settings.model), settings.extractor)
    text = article_ntriples(article, frames, validated=settings.validate, actors=actors, extraction=extraction)
    result = store.put_article(str(article_iri(article.id)), text, article.content_hash)
    return result.status, result.triples


def after_write(store: Store, graph_iris: list[str], settings: Settings) -> None:
    """What follows a write of article graphs: link syndicated copies (`kg.syndication`), then
    (with `settings.resolve`) the reports of the same happening, which counts a story once."""
    from .syndication import link_copies

    if graph_iris:
        link_copies(store, graph_iris)
        if settings.resolve:
            resolve_after_change(store, graph_iris)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ingest_paths(paths: Iterable[str], store: Store, *, settings: Settings | None = None,
                 on_article: Callable[[str, IngestSummary], None] | None = None, workers: int = 1,
                 batch_size: int = 16, write_batch: int = 64, fallback_date: date | None = None) -> IngestSummary:
    """Ingest every article under `paths` (`kg.articles.iter_articles`; `fallback_date` dates a web
    page that states no date); see `ingest_items`."""
    return ingest_items(iter_articles(paths, fallback_date=fallback_date), store, settings=settings,
                        on_article=on_article, workers=workers, batch_size=batch_size, write_batch=write_batch)


def ingest_items(items: Iterable[Article | InputError], store: Store, *, settings: Settings | None = None,
                 on_article: Callable[[str, IngestSummary], None] | None = None, workers: int = 1,
                 batch_size: int = 16, write_batch: int = 64) -> IngestSummary:
    """Ingest these articles (an InputError in the stream counts as a failed input): bad inputs are
    counted and reported, never fatal.

    Articles already stored with the same content hash are not parsed again. `workers`
    processes parse `batch_size` articles at a time; `write_batch` articles go to the store
    together (one update on a SPARQL server; each article still all-or-nothing). With more than
    one worker, a batch is written (in one writer thread) while the next is read from the workers.
    """
    settings = settings or Settings()
    summary = IngestSummary()
    started = time.perf_counter()
    ensure_ontology(store)

    def count(status: str, error: str | None = None) -> None:
        if error:
            summary.failed += 1
            summary.errors.append(error)
        else:
            setattr(summary, status, getattr(summary, status) + 1)
        if on_article:
            on_article(status, summary)

    relinker = Relinker(store, enabled=settings.resolve)  # for articles written, not resolved, by a killed run

    def pending() -> Iterator[Article]:
        for chunk in _chunks(items, write_batch):
            good = [a for a in chunk if not isinstance(a, InputError)]
            known = stored_hashes(store, (str(article_iri(a.id)) for a in good))
            relinker.check(i for a in good if known.get(i := str(article_iri(a.id))) == a.content_hash)
            for item in chunk:
                if isinstance(item, InputError):
                    count("failed", str(item))
                elif known.get(str(article_iri(item.id))) == item.content_hash:
                    count("unchanged")
                else:
                    yield item

    def store_batch(batch: list[Prepared]) -> list:
        """Write a batch and link its reports to happenings; each article's PutResult or KGError."""
        ready = [p for p in batch if p.ntriples is not None]
        results = put_articles(store, [ArticleGraph(p.iri, p.ntriples, p.content_hash) for p in ready])
        changed = [p.iri for p, r in zip(ready, results) if not isinstance(r, KGError) and r.status != "unchanged"]
        after_write(store, changed, settings)  # link copies of one story, and reports of the same happening
        return results

    def record(batch: list[Prepared], results: list) -> None:
        results = iter(results)
        for p in batch:
            result = next(results) if p.ntriples is not None else None
            if p.error or isinstance(result, KGError):
                count("failed", p.error or f"{p.label}: {result}")
                continue
            summary.events += p.events
            summary.triples += result.triples
            count(result.status)

    prepared = _chunks(prepare_articles(pending(), settings=settings, workers=workers, batch_size=batch_size),
                       write_batch)
    if workers <= 1:
        for batch in prepared:
            record(batch, store_batch(batch))
    else:  # write a batch while the next one is read: a worker whose results are not read waits
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-write") as writer:
            previous = None
            for batch in prepared:
                if previous is not None:
                    record(previous[0], previous[1].result())
                previous = (batch, writer.submit(store_batch, batch))
            if previous is not None:
                record(previous[0], previous[1].result())
    relinker.finish()  # after the writes: two resolutions never run at once
    summary.seconds = time.perf_counter() - started
    return summary
