"""Article listings and the RDF dumps."""
from __future__ import annotations

from typing import Iterator

from ..store import Store
from .select import iri, select, values

__all__ = ["articles", "article", "dump_nquads", "dump_turtle"]

_ARTICLE = """
  ?article a ckg:Article ; ckg:sourceId ?sourceId ; ckg:published ?published .
  OPTIONAL { ?article ckg:title ?title } OPTIONAL { ?article ckg:outlet ?outlet }
  OPTIONAL { ?article ckg:dateline ?dateline } OPTIONAL { ?article ckg:url ?url }"""


def _article_row(row: dict) -> dict:
    out = {"iri": row["article"], "id": row["article"].rsplit("/", 1)[-1], "source_id": row["sourceId"],
           "published": row["published"]}
    for key in ("title", "outlet", "dateline", "url"):
        out[key] = row.get(key)
    if "events" in row:
        out["events"] = int(row["events"])
    return out


def articles(store: Store, *, limit: int = 50, offset: int = 0) -> list[dict]:
    """Articles, newest first, with how many events each reports."""
    rows = select(store, f"""
SELECT ?article ?sourceId ?published ?title ?outlet ?dateline ?url (COUNT(DISTINCT ?event) AS ?events)
WHERE {{ GRAPH ?article {{ {_ARTICLE}
  OPTIONAL {{ ?event ckg:reportedIn ?article }} }} }}
GROUP BY ?article ?sourceId ?published ?title ?outlet ?dateline ?url
ORDER BY DESC(?published) ?article LIMIT {int(limit)} OFFSET {int(offset)}""")
    return [_article_row(r) for r in rows]


def article(store: Store, iri_: str) -> dict | None:
    """An article with its text, or None."""
    rows = select(store, f"SELECT * WHERE {{ {values('article', [iri(iri_)])} "
                         f"GRAPH ?article {{ {_ARTICLE} ?article ckg:text ?text }} }}")
    if not rows:
        return None
    out = _article_row(rows[0])
    out["text"] = rows[0]["text"]
    return out


def dump_nquads(store: Store, graph: str | None = None) -> Iterator[bytes]:
    """Every quad of the named graphs (or of one) as N-Quads, in pieces (`Store.dump`)."""
    return store.dump("nquads", graph)


def dump_turtle(store: Store, graph: str | None = None) -> Iterator[bytes]:
    """The union of all named graphs (or one graph) as Turtle, without graph names, in pieces."""
    return store.dump("turtle", graph)
