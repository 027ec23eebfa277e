"""Refuse SPARQL that would crash or swamp the engine before it runs: a 400 that says why.

Measured on pyoxigraph 0.5 (bench/README.md, "Reliability"): a few thousand nested brackets,
or ~10,000 chained operators, overflow the parser's stack and kill the whole server (SIGSEGV);
planning takes ~n^4 in the triple patterns (100: 1.5 s, 200: 23 s, 1,000: hours). So a query
may nest at most MAX_DEPTH brackets, hold at most MAX_TOKENS tokens (VALUES data is free) and
MAX_TERMS terms in its patterns.

Cartesian products are priced, not banned (`cost.py` finds them and sizes them against the
store's N quads): a product the engine streams stops at LIMIT or at the row cap and runs; any
other (sorted, counted, filtered, inside OPTIONAL, MINUS, EXISTS or a sub-query) is computed in
full and refused when its rows exceed what the engine does within the time limit
(SORT_ROWS_PER_SECOND with ORDER BY, JOIN_ROWS_PER_SECOND otherwise; bench/README.md). A query
these modules cannot follow is passed on: the engine's own parser then gives the error.
"""
from __future__ import annotations

from kg.sparql_text import read_query

from .cost import products

__all__ = ["QueryShapeError", "check_query", "check_update",
           "MAX_DEPTH", "MAX_TOKENS", "MAX_TERMS", "SORT_ROWS_PER_SECOND", "JOIN_ROWS_PER_SECOND"]

MAX_DEPTH = 64
MAX_TOKENS = 3000
MAX_TERMS = 300
SORT_ROWS_PER_SECOND = 20_000  # pyoxigraph 0.5.13 sorted 11 million product rows in 212 s (52,000/s)
JOIN_ROWS_PER_SECOND = 1_000_000  # and counted them in 2.5 s (4.4 million/s); both with headroom


class QueryShapeError(ValueError):
    """A query the engine should not be given; the message says what to change."""


def _check_size(text: str) -> None:
    read = read_query(text)
    if read.depth > MAX_DEPTH:
        raise QueryShapeError(f"the query nests brackets {read.depth} levels deep; at most {MAX_DEPTH} are accepted")
    if read.size > MAX_TOKENS:
        raise QueryShapeError(f"the query has {read.size} tokens outside VALUES data; at most {MAX_TOKENS} are "
                              "accepted: put long lists of values in a VALUES block or split the query")


def check_query(text: str, *, quads=100_000, timeout: float = 10.0) -> None:
    """Raise QueryShapeError when a query is too deep, too long, too big to plan, or multiplies
    unrelated patterns into more rows than a store of `quads` quads computes in `timeout` seconds.
    `quads` may be a function: it is called only when the query holds a product to price.

    >>> check_query("SELECT * { ?a ?b ?c . ?d ?e ?f } LIMIT 10")
    >>> check_query("SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    api.guard.QueryShapeError: the patterns '?a ?b ?c' and '?d ?e ?f' share no variable, ...
    """
    _check_size(text)
    terms, found = products(text)
    if terms > MAX_TERMS:
        raise QueryShapeError(f"the query's patterns hold {terms} terms; at most {MAX_TERMS} are accepted "
                              "(planning time grows steeply with the number of patterns): split the query")
    for product in found:
        if product.streamed:
            continue
        quads = quads() if callable(quads) else quads
        rate = SORT_ROWS_PER_SECOND if product.sorted else JOIN_ROWS_PER_SECOND
        size, budget = product.size(quads), rate * timeout
        if size > budget:
            raise QueryShapeError(
                f"the patterns {product.parts[0]} and {product.parts[1]} share no variable, so every result of "
                f"one is paired with every result of the other (a cartesian product of about {size:.2g} rows "
                f"over this store's {quads:,} quads); {'sorting' if product.sorted else 'computing'} that many "
                f"takes longer than the time limit of {timeout:g} s: link them through a variable, drop "
                "ORDER BY/GROUP BY/DISTINCT/FILTER so that LIMIT can stop it early, or ask two queries")


def check_update(text: str) -> None:
    """Raise QueryShapeError when an update nests too deeply or is too long outside its DATA blocks."""
    _check_size(text)
