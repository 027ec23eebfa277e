"""The ingest worker's side: each article extracted, mapped, validated and serialised where spaCy
parsed it (the `ckg_prepare` pipe), so that only N-Triples come back to the parent and only plain
texts go out (each carries its article: `ArticleText`). `kg.pipeline` joins this to the store.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .config import Settings
from .errors import KGError
from .extract.base import get_extractor
from .extract.dateline import mask_dateline
from .extract.nlp import load_nlp
from .mapping.iris import article_iri
from .mapping.to_rdf import graph_from_frames
from .model import Article, EventFrame, Extraction
from .store.validate import validate

__all__ = ["Prepared", "ArticleText", "ArticleTokenizer", "PrepareComponent", "prepare_articles", "article_ntriples",
           "extraction_of"]


@dataclass(frozen=True)
class Prepared:
    """An article ready to store (its graph as N-Triples), or the error that stopped it."""

    iri: str
    content_hash: str
    label: str
    ntriples: str | None
    events: int = 0
    error: str | None = None


def extraction_of(nlp: Language, extractor_name: str = "rules") -> Extraction:
    """The provenance record of extracting with this pipeline and extractor."""
    extractor = get_extractor(extractor_name)
    meta = nlp.meta
    return Extraction(extractor.name, extractor.version, f"{meta.get('lang', 'en')}_{meta.get('name', '')} "
                                                         f"{meta.get('version', '')}".strip())


def article_ntriples(article: Article, frames: list[EventFrame], *, validated: bool = True,
                     actors=None, extraction: Extraction | None = None) -> str:
    """Map an article's frames to its graph, check it against the SHACL shapes, and serialise it."""
    graph = graph_from_frames(frames, article, actors=actors, extraction=extraction)
    if validated:
        validate(graph)
    return graph.serialize(format="nt")


_ARTICLE = "ckg_article"  # the Doc.user_data key ArticleTokenizer puts the article under


class ArticleText(str):
    """An article's text (dateline masked) that carries the article itself to the worker process.

    `nlp.pipe(..., as_tuples=True)` would tokenise every text in this process and ship the Doc
    to the worker as bytes (spaCy turns the (text, context) pairs into Docs first): several ms
    of this process's CPU per article, taken from the workers on a busy machine. A str goes to
    the worker as it is, as with bare spaCy, and `ArticleTokenizer` hands the article on.
    """

    article: Article

    @classmethod
    def of(cls, article: Article) -> "ArticleText":
        """The text to parse for `article`, carrying it."""
        text = cls(mask_dateline(article.text))
        text.article = article
        return text


class ArticleTokenizer:
    """The pipeline's tokenizer, also putting the article an ArticleText carries on the Doc."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(str(text))  # the Cython tokenizer takes an exact str
        if isinstance(text, ArticleText):
            doc.user_data[_ARTICLE] = text.article
        return doc

    def __getattr__(self, name: str):
        if name == "tokenizer":  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


class PrepareComponent:
    """Last pipe of the ingest pipeline: extract, map, validate and serialise in the worker.

    The article comes with the Doc (see ArticleText); the component replaces the parsed Doc by
    an empty one whose context is the `Prepared` result, so that a worker process sends back
    N-Triples, not a serialised Doc.
    """

    def __init__(self, nlp: Language, name: str, validate: bool, extractor: str):
        from .extract.dictionary import load_dictionary

        self.extractor, self.validate, self.actors = get_extractor(extractor), validate, load_dictionary().get
        self.extraction = extraction_of(nlp, extractor)

    def __call__(self, doc: Doc) -> Doc:
        article = doc.user_data.get(_ARTICLE)
        if not isinstance(article, Article):
            return doc
        iri, label = str(article_iri(article.id)), article.source or article.id
        try:
            frames = self.extractor.frames(doc, article)
            text = article_ntriples(article, frames, validated=self.validate, actors=self.actors,
                                    extraction=self.extraction)
            result = Prepared(iri, article.content_hash, label, text, len(frames))
        except KGError as exc:
            result = Prepared(iri, article.content_hash, label, None, error=f"{label}: {exc}")
        out = Doc(doc.vocab)
        out._context = result
        return out


@Language.factory("ckg_prepare", default_config={"validate": True, "extractor": "rules"})
def make_prepare(nlp: Language, name: str, validate: bool, extractor: str) -> PrepareComponent:
    """The `ckg_prepare` component (see PrepareComponent)."""
    return PrepareComponent(nlp, name, validate, extractor)


@lru_cache(maxsize=2)
def _ingest_nlp(model: str, validated: bool, extractor: str = "rules") -> Language:
    """A private copy of the pipeline with `ckg_prepare` last (the cached one stays as it is)."""
    nlp = load_nlp.__wrapped__(model)
    nlp.tokenizer = ArticleTokenizer(nlp.tokenizer)
    nlp.add_pipe("ckg_prepare", last=True, config={"validate": validated, "extractor": extractor})
    return nlp


def prepare_articles(articles: Iterable[Article], *, settings: Settings | None = None, workers: int = 1,
                     batch_size: int = 16) -> Iterator[Prepared]:
    """Each article's graph as N-Triples (or its error), in input order, `workers` processes at a time."""
    settings = settings or Settings()
    articles = iter(articles)
    first = next(articles, None)
    if first is None:  # nothing to parse (say, a resumed ingest that is complete): load no model
        return
    nlp = _ingest_nlp(settings.model, settings.validate, settings.extractor)
    texts = (ArticleText.of(a) for a in chain([first], articles))
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=max(1, workers)):
        yield doc._context
