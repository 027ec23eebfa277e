"""An article's provenance in its graph: the retrieval (file, page, feed, time) and its MinHash bands.

>>> from datetime import date, datetime, timezone
>>> from rdflib import Graph
>>> from kg.model import Article, Origin
>>> from kg.mapping.iris import article_iri
>>> when = datetime(2021, 3, 12, 9, 30, tzinfo=timezone.utc)
>>> a = Article("a", "Rebels shelled the town.", date(2021, 3, 12),
...             origin=Origin("feed", page="https://news.example/a", feed="https://news.example/rss", retrieved=when))
>>> g = Graph()
>>> node = add_retrieval(g, article_iri("a"), a)
>>> sorted(str(o) for o in g.objects(node, None) if not str(o).startswith("https://w3id.org"))
['2021-03-12T09:30:00+00:00', 'feed', 'https://news.example/a', 'https://news.example/rss']
"""
from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD

from ..model import Article
from .namespaces import CKG

__all__ = ["add_retrieval", "add_bands"]


def add_retrieval(g: Graph, art: URIRef, article: Article) -> URIRef | None:
    """Describe where `article` was read from as a ckg:Retrieval of `art`; None without an origin."""
    origin = article.origin
    if origin is None:
        return None
    node = URIRef(f"{art}/retrieval")
    g.add((art, CKG.retrievedBy, node))
    g.add((node, RDF.type, CKG.Retrieval))
    g.add((node, CKG.inputFormat, Literal(origin.format)))
    if origin.file:
        g.add((node, CKG.sourceFile, Literal(origin.file)))
    if origin.page:
        g.add((node, CKG.pageUrl, Literal(origin.page, datatype=XSD.anyURI)))
    if origin.feed:
        g.add((node, CKG.feed, Literal(origin.feed)))
    if origin.retrieved is not None:
        g.add((node, PROV.endedAtTime, Literal(origin.retrieved, datatype=XSD.dateTime)))
    return node


def add_bands(g: Graph, art: URIRef, article: Article) -> None:
    """The MinHash band keys of the article's text (`kg.syndication.sketch`), to find its copies."""
    from ..syndication.sketch import band_keys

    for key in band_keys(article.text):
        g.add((art, CKG.minhashBand, Literal(key)))
