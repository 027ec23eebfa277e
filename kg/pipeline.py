"""The only place the stages are joined: read → parse → extract → map → validate → store."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .articles import iter_articles
from .config import Settings
from .errors import InputError, KGError, ValidationError
from .extract.dateline import mask_dateline
from .extract.frames import Extractor
from .extract.nlp import load_nlp
from .mapping.iris import ONTOLOGY_GRAPH, article_iri
from .mapping.to_rdf import graph_from_frames
from .model import Article, EventFrame
from .store import Store
from .store.validate import ontology_graph, validate

__all__ = ["IngestSummary", "extract_articles", "ingest_paths", "ingest_article", "ensure_ontology"]


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
    extractor = Extractor()
    texts = ((mask_dateline(a.text), a) for a in articles)
    for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=max(1, workers)):
        yield article, extractor.frames(doc, article)


def ensure_ontology(store: Store) -> None:
    """Keep the ontology and event types in their own named graph, so queries can use labels."""
    store.put_graph(str(ONTOLOGY_GRAPH), ontology_graph().serialize(format="nt"))


def ingest_article(store: Store, article: Article, frames: list[EventFrame], *, settings: Settings,
                   actors=None) -> tuple[str, int]:
    """Map, validate and store one article atomically; returns (status, triples)."""
    graph = graph_from_frames(frames, article, actors=actors)
    if settings.validate:
        validate(graph)
    result = store.put_article(str(article_iri(article.id)), graph.serialize(format="nt"), article.content_hash)
    return result.status, result.triples


def ingest_paths(paths: Iterable[str], store: Store, *, settings: Settings | None = None,
                 on_article: Callable[[str, IngestSummary], None] | None = None) -> IngestSummary:
    """Ingest every article under `paths`; bad inputs are counted and reported, never fatal.

    Articles already stored with the same content hash are not parsed again.
    """
    from .extract.dictionary import load_dictionary

    settings = settings or Settings()
    summary = IngestSummary()
    started = time.perf_counter()
    ensure_ontology(store)
    lookup = load_dictionary().get

    def pending() -> Iterator[Article]:
        for item in iter_articles(paths):
            if isinstance(item, InputError):
                summary.failed += 1
                summary.errors.append(str(item))
                if on_article:
                    on_article("failed", summary)
                continue
            if store.article_hash(str(article_iri(item.id))) == item.content_hash:
                summary.unchanged += 1
                if on_article:
                    on_article("unchanged", summary)
                continue
            yield item

    for article, frames in extract_articles(pending(), settings=settings):
        try:
            status, triples = ingest_article(store, article, frames, settings=settings, actors=lookup)
        except (ValidationError, KGError) as exc:
            summary.failed += 1
            summary.errors.append(f"{article.source or article.id}: {exc}")
            status = "failed"
        else:
            setattr(summary, status, getattr(summary, status) + 1)
            summary.events += len(frames)
            summary.triples += triples
        if on_article:
            on_article(status, summary)
    summary.seconds = time.perf_counter() - started
    return summary
