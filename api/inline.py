"""Which queries run in the request thread instead of a query worker (`db.QueryRunner`).

Handing a query to a worker thread and back costs two thread switches, and with them the
contention for Python's GIL between the threads: most of the time of a small query (bench/README.md,
"SPARQL over HTTP"). Two kinds of query are cheap by their shape, so they run where the request
is, with no time-limit thread (their result is still capped at KG_MAX_ROWS):

- plain patterns under an outer LIMIT within the row cap: the engine streams them and stops at
  the LIMIT (`kg.sparql_text.QueryText.plain`);
- one subject's star around a constant under an outer LIMIT within the row cap: patterns that
  all share one subject variable, one of them fixing its object to an IRI (not a type, which
  matches a whole class), OPTIONAL stars on the same subject, FILTERs without EXISTS, DISTINCT
  and ORDER BY: the engine looks the anchor up in its index and each other pattern per row, so
  the work is that of one actor's or place's reports however big the store is.

Everything else (sorts and aggregates over the store, products, paths, sub-queries) runs in a
query worker, so that it answers 503 at the time limit.
"""
from __future__ import annotations

import functools

from kg.sparql_text import keyword, read_query

__all__ = ["runs_inline"]

_TYPE = ("a", "rdf:type", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")
_TERMS = ("var", "iri", "word", "string", "number")
_MODIFIERS = ("ORDER", "BY", "ASC", "DESC", "LIMIT", "OFFSET")


def runs_inline(text: str, max_rows: int) -> bool:
    """True when `text` is cheap by its shape (see the module's docstring).

    >>> runs_inline("SELECT * { ?s ?p ?o } LIMIT 10", 100)
    True
    >>> q = "SELECT ?e ?d { ?e <http://e.org/actor> <http://e.org/a1> OPTIONAL { ?e <http://e.org/date> ?d } }"
    >>> runs_inline(q + " ORDER BY ?d LIMIT 100", 1000), runs_inline(q + " ORDER BY ?d", 1000)
    (True, False)
    >>> runs_inline("SELECT ?e { ?e a <http://e.org/Event> } ORDER BY ?e LIMIT 10", 1000)
    False
    """
    read = read_query(text)
    if read.limit is None or read.limit > max_rows or read.form != "SELECT":
        return False
    return read.plain or (len(text) < 20_000 and _star(text))


@functools.lru_cache(maxsize=512)
def _star(text: str) -> bool:
    toks = read_query(text).tokens
    start = next((i for i, t in enumerate(toks) if t.kind == "open"), None)
    if start is None or any(t.text == "(" for t in toks[:start]):  # expressions in the projection
        return False
    end = next(i for i in range(start, len(toks)) if toks[i].kind == "close" and toks[i].depth == 0) \
        if any(t.kind == "close" and t.depth == 0 for t in toks[start:]) else None
    if end is None or not all(keyword(t, *_MODIFIERS) or t.kind in ("var", "number") or t.text in "()"
                              for t in toks[end + 1:]):
        return False
    subject, anchored, i = None, False, start + 1
    while i < end:
        tok = toks[i]
        if keyword(tok, "OPTIONAL") and toks[i + 1].kind == "open":
            i += 2
            continue
        if tok.kind == "close" or tok.text == ".":
            i += 1
            continue
        if keyword(tok, "FILTER"):
            i, ok = _skip_filter(toks, i + 1)
            if not ok:
                return False
            continue
        if tok.kind != "var" or subject not in (None, tok.text):
            return False
        subject = tok.text
        i, found = _pairs(toks, i + 1, end, top=tok.depth == 1)
        if found is None:
            return False
        anchored = anchored or found
    return anchored


def _pairs(toks, i: int, end: int, *, top: bool) -> tuple[int, bool | None]:
    """Read `pred obj (, obj)* (; pred obj ...)*`; (index after it, whether it fixes an object IRI) or None."""
    found = False
    while i < end:
        predicate = toks[i]
        if predicate.kind not in ("iri", "word") or i + 1 >= end or toks[i + 1].kind not in _TERMS:
            return i, None
        i += 1
        while True:
            value = toks[i]
            found = found or (top and value.kind in ("iri", "word") and predicate.text not in _TYPE
                              and not keyword(value, "OPTIONAL", "FILTER"))
            i += 1
            if i < end and toks[i].text == "," and toks[i + 1].kind in _TERMS:
                i += 1
                continue
            break
        if i < end and toks[i].text == ";":
            i += 1
            continue
        return i, found
    return i, found


def _skip_filter(toks, i: int) -> tuple[int, bool]:
    """Index after `FILTER (...)` and whether it is only an expression (no EXISTS, no braces)."""
    if i >= len(toks) or toks[i].text != "(":
        return i, False
    level = 0
    while i < len(toks):
        level += toks[i].text == "("
        level -= toks[i].text == ")"
        if keyword(toks[i], "EXISTS") or toks[i].kind in ("open", "close"):
            return i, False
        i += 1
        if level == 0:
            return i, True
    return i, False
