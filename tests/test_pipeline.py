"""kg.pipeline: an article whose graph breaks the SHACL shapes fails alone, with a message naming it;
the texts sent to the worker processes carry their articles."""
from __future__ import annotations

import json
import pickle
from datetime import date

import pytest
import spacy

from kg import prepare
from kg.mapping.iris import article_iri
from kg.mapping.namespaces import CKG
from kg.model import Article
from kg.pipeline import ArticleText, ArticleTokenizer, ingest_paths
from kg.store import open_store

TEXTS = {
    "good-1": "Rebels shelled an army post in Sirte on Monday, killing two soldiers.",
    "broken": "Police arrested ten protesters in Khartoum on Tuesday.",
    "good-2": "Government officials met rebel leaders in Tripoli on Wednesday to discuss a truce.",
}


@pytest.mark.parametrize("workers", [1, 2], ids=["one-worker", "two-workers"])
def test_pipeline_invalid_graph_is_not_stored_and_the_rest_is(tmp_path, monkeypatch, workers):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"id": key, "text": text, "date": "2024-03-04", "outlet": "AP"}) + "\n"
                              for key, text in TEXTS.items()), encoding="utf-8")
    real = prepare.graph_from_frames

    def breaking(frames, article, **kwargs):  # a mapping fault for one article: its publication date is lost
        graph = real(frames, article, **kwargs)
        if article.id == "broken":
            graph.remove((article_iri(article.id), CKG.published, None))
        return graph

    monkeypatch.setattr(prepare, "graph_from_frames", breaking)  # the worker processes fork after this
    store = open_store(str(tmp_path / "store"))
    summary = ingest_paths([str(corpus)], store, workers=workers, batch_size=1, write_batch=2)
    assert (summary.added, summary.failed) == (2, 1), summary.line()
    (error,) = summary.errors
    assert error == (f"{corpus}:2: graph does not conform to the SHACL shapes: An article needs exactly one "
                     f"ckg:published date. (focus node <{article_iri('broken')}>, path ckg:published)")
    stored = {row["g"] for row in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a ?t } }")}
    assert stored == {str(article_iri(key)) for key in ("good-1", "good-2")}


def test_pipeline_article_text_carries_its_article_to_the_doc():
    article = Article(id="a", text="TRIPOLI, March 4 (AP) — Rebels shelled Sirte.", published=date(2024, 3, 4))
    text = pickle.loads(pickle.dumps(ArticleText.of(article)))  # as it travels to a worker process
    assert text.article == article and len(text) == len(article.text) and text.endswith("Rebels shelled Sirte.")
    tokenizer = ArticleTokenizer(spacy.blank("en").tokenizer)
    doc = tokenizer(text)
    assert doc.user_data["ckg_article"] == article and doc.text == str(text)
    assert "ckg_article" not in tokenizer("plain text").user_data
