"""What a query costs before it runs: its cartesian products, each priced as N**scans * rows.

A group whose parts share no variable yields the product of their sizes: each part that scans
the store counts as the store's size (N quads), a VALUES block as its rows, a bound subject as
one, a `*` or `+` path between two variables as N times PATH_FAN_OUT. A VALUES variable that is
UNDEF in some row links nothing, nor do the inputs of a BIND (only its output variable), so
neither disguises a product. A product is `streamed` when the engine stops it at LIMIT or the
row cap: in the outermost WHERE, with no FILTER over it and no ORDER BY, GROUP BY, aggregate or
DISTINCT; any other is computed in full. `guard.py` decides what to refuse.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

from kg.sparql_text import Token, keyword, read_query

__all__ = ["Product", "products", "PATH_FAN_OUT"]

PATH_FAN_OUT = 10
_ENDS_TRIPLES = ("OPTIONAL", "MINUS", "GRAPH", "SERVICE", "FILTER", "BIND", "VALUES")
_AGGREGATES = ("COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT")
_MATERIALISE = ("ORDER", "GROUP", "HAVING", "DISTINCT", "REDUCED") + _AGGREGATES


class _Lost(Exception):
    """The text is not SPARQL this module can follow; let the engine report it."""


@dataclass(frozen=True)
class Product:
    """A cartesian product in a query: N**scans * rows rows, computed in full unless `streamed`."""

    scans: int
    rows: int
    streamed: bool
    sorted: bool
    parts: tuple

    def size(self, quads: int) -> float:
        """Its rows over a store of `quads` quads."""
        return float(max(quads, 1)) ** self.scans * self.rows


@dataclass
class _Factor:
    """Something a group joins: the variables it links by, and its size as N**scans * rows."""

    links: set
    scans: int
    rows: int
    start: int
    end: int


@dataclass
class _Walk:
    """A pass over the tokens of a query, group by group, collecting its products."""

    toks: tuple
    text: str
    terms: int = 0
    found: list = field(default_factory=list)

    def at(self, i: int) -> Token:
        if i >= len(self.toks):
            raise _Lost()
        return self.toks[i]

    def skip_brackets(self, i: int) -> int:
        """Index after the bracketed block opening at i."""
        opening = self.at(i).text
        closing = {"(": ")", "[": "]", "{": "}"}.get(opening)
        if closing is None:
            raise _Lost()
        level = 0
        while True:
            tok = self.at(i)
            level += tok.text == opening
            level -= tok.text == closing
            i += 1
            if level == 0:
                return i

    def variables(self, i: int, j: int) -> set:
        return {t.text[1:] for t in self.toks[i:j] if t.kind == "var"}

    def group(self, i: int, streamed: bool) -> tuple[int, _Factor]:
        """Check the group opening at i; (index after it, the group as one factor)."""
        start, i = i, i + 1
        if keyword(self.at(i), "SELECT"):
            return self.subquery(start, i)
        factors: list[_Factor] = []
        filtered = False
        while self.at(i).text != "}":
            tok = self.at(i)
            if tok.text == "{":
                j, part = self.group(i, False)
                while keyword(self.at(j), "UNION"):
                    j, more = self.group(j + 1, False)
                    part = _Factor(part.links | more.links, max(part.scans, more.scans), part.rows + more.rows, i, j)
                factors.append(_Factor(part.links, part.scans, part.rows, i, j))
            elif keyword(tok, "OPTIONAL"):
                j, part = self.group(i + 1, False)
                factors.append(_Factor(part.links, part.scans, part.rows, i, j))
            elif keyword(tok, "MINUS"):
                j = self.group(i + 1, False)[0]
            elif keyword(tok, "GRAPH", "SERVICE"):
                k = i + 1 + keyword(self.at(i + 1), "SILENT")
                j, part = self.group(k + 1, False)
                factors.append(_Factor(part.links | self.variables(k, k + 1), part.scans, part.rows, i, j))
            elif keyword(tok, "FILTER"):
                j, filtered = self.filter(i + 1), True
            elif keyword(tok, "BIND"):
                j = self.skip_brackets(i + 1)
                factors.append(_Factor(self.variables(j - 2, j), 0, 1, i, j))  # `AS ?v )`: only ?v links
            elif keyword(tok, "VALUES"):
                j, factor = self.values(i)
                factors.append(factor)
            elif tok.text == ".":
                j = i + 1
            else:
                j = self.triples(i)
                factors.append(self.pattern(i, j))
            i = j
        whole = self.product(factors, streamed and not filtered, start)
        whole.end = i + 1
        return i + 1, whole

    def pattern(self, i: int, j: int) -> _Factor:
        """A block of triple patterns: one scan unless its subject is fixed, more for `*`/`+` paths."""
        subject = self.toks[i]
        scans = int(subject.kind == "var" or subject.text in ("[", "("))
        texts = [t.text for t in self.toks[i:j]]
        path = any(t in ("*", "+") for t in texts) and scans and self.toks[j - 1].kind == "var"
        return _Factor(self.variables(i, j), scans, PATH_FAN_OUT if path else 1, i, j)

    def values(self, i: int) -> tuple[int, _Factor]:
        """A VALUES block: as many rows as it holds; a variable UNDEF in any row links nothing."""
        k = i + 1
        while self.at(k).text != "{":
            k += 1
        names = [t.text[1:] for t in self.toks[i + 1:k] if t.kind == "var"]
        j = self.skip_brackets(k)
        undef: set = set()
        if self.at(i + 1).text == "(":
            rows = 0
            for row in _rows(self.toks[k + 1:j - 1]):
                rows += 1
                undef.update(n for n, value in zip(names, row) if keyword(value, "UNDEF"))
        else:
            row = _terms(self.toks[k + 1:j - 1])
            rows = len(row)
            if any(keyword(t, "UNDEF") for t in row):
                undef.update(names)
        return j, _Factor(set(names) - undef, 0, max(rows, 1), i, j)

    def subquery(self, start: int, i: int) -> tuple[int, _Factor]:
        """`{ SELECT ... WHERE { ... } modifiers }`: its own query; one row when it aggregates ungrouped."""
        k = i
        while self.at(k).text != "{":
            k = self.skip_brackets(k) if self.at(k).text == "(" else k + 1
        head = self.toks[i:k]
        j, part = self.group(k, False)
        grouped, limit = False, None
        while self.at(j).text != "}":
            grouped = grouped or keyword(self.at(j), "GROUP")
            if keyword(self.at(j), "LIMIT") and self.at(j + 1).kind == "number":
                limit = int(float(self.at(j + 1).text))
            j = self.skip_brackets(j) if self.at(j).text in ("(", "{") else j + 1
        scans, rows = part.scans, part.rows
        if any(keyword(t, *_AGGREGATES) for t in head) and not grouped:
            scans, rows = 0, 1
        elif limit is not None:
            scans, rows = 0, max(1, min(limit, rows * 10 ** 9))
        return j + 1, _Factor(self.variables(start, j + 1), scans, rows, start, j + 1)

    def filter(self, i: int) -> int:
        """Skip a filter's constraint (checking the groups of EXISTS inside it)."""
        if keyword(self.at(i), "NOT"):
            i += 1
        if keyword(self.at(i), "EXISTS"):
            return self.group(i + 1, False)[0]
        if self.at(i).text != "(":
            i += 1  # a function call: FILTER regex(...)
        end = self.skip_brackets(i)
        for k in range(i, end):
            if keyword(self.toks[k], "EXISTS") and self.toks[k + 1].text == "{":
                self.group(k + 1, False)
        return end

    def triples(self, i: int) -> int:
        """Index after a block of triple patterns; counts its terms (`,` and `;` repeat terms)."""
        while True:
            tok = self.at(i)
            if tok.text in (".", "}", "{") or keyword(tok, *_ENDS_TRIPLES):
                return i
            if tok.text in ("(", "["):
                j = self.skip_brackets(i)
                self.terms += (j - i) * (3 if tok.text == "(" else 1)  # a list item is two patterns
                i = j
                continue
            self.terms += 2 if tok.text in (",", ";") else 1
            i += 1

    def product(self, factors: list[_Factor], streamed: bool, start: int) -> _Factor:
        """Join a group's factors; record a product when parts that share no variable multiply."""
        parent = list(range(len(factors)))

        def root(n: int) -> int:
            while parent[n] != n:
                parent[n] = parent[parent[n]]
                n = parent[n]
            return n

        owner: dict = {}
        for n, factor in enumerate(factors):
            for name in factor.links:
                if name in owner:
                    parent[root(n)] = root(owner[name])
                else:
                    owner[name] = n
        parts: dict = {}
        for n, factor in enumerate(factors):  # a connected part is as big as its biggest factor
            scans, rows, first = parts.get(root(n), (0, 1, factor))
            parts[root(n)] = (max(scans, factor.scans), max(rows, factor.rows), first)
        many = [p for p in parts.values() if p[0] or p[1] > 1]
        scans, rows = sum(p[0] for p in many), math.prod(p[1] for p in many)
        if len(many) > 1:
            many.sort(key=lambda p: (p[0], p[1]), reverse=True)
            self.found.append(Product(scans, rows, streamed, False, (self.snippet(many[0][2]), self.snippet(many[1][2]))))
        end = factors[-1].end if factors else start + 1
        return _Factor(set().union(*(f.links for f in factors)) if factors else set(), scans, rows, start, end)

    def snippet(self, factor: _Factor) -> str:
        last = self.toks[factor.end - 1]
        text = " ".join(self.text[self.toks[factor.start].start:last.start + len(last.text)].split())
        return repr(text if len(text) <= 60 else text[:57] + "...")


def _terms(toks) -> list:
    """The first token of each RDF term in a run of tokens (datatypes, language tags and signs skipped)."""
    out, i = [], 0
    while i < len(toks):
        tok = toks[i]
        if tok.text == "^":
            i += 3 if i + 1 < len(toks) and toks[i + 1].text == "^" else 1
            continue
        i += 2 if tok.text == "@" else 1
        if tok.text not in ("+", "-", "@"):
            out.append(tok)
    return out


def _rows(toks) -> list:
    """The rows of a `VALUES (?a ?b) { (1 2) (UNDEF 3) }` block, each a list of terms."""
    rows, current = [], None
    for tok in toks:
        if tok.text == ")" and current is not None:
            rows.append(_terms(current))
        current = [] if tok.text == "(" else None if tok.text == ")" else current
        if current is not None and tok.text != "(":
            current.append(tok)
    return rows


def products(text: str) -> tuple[int, tuple]:
    """The terms in a query's patterns and its cartesian products; remembered for short texts.

    >>> [p.scans for p in products("SELECT * { ?a ?b ?c . ?d ?e ?f }")[1]]
    [2]
    >>> products("SELECT * { ?a ?b ?c . ?c ?e ?f }")
    (6, ())
    """
    return _products_cached(text) if len(text) < 20_000 else _products(text)


def _products(text: str) -> tuple:
    toks = read_query(text).tokens
    walk = _Walk(toks, text)
    try:
        starts = [i for i, t in enumerate(toks) if t.text == "{" and t.depth == 0]
        if starts and starts[0] > 0 and keyword(toks[starts[0] - 1], "CONSTRUCT"):
            starts = starts[1:]  # CONSTRUCT { template } WHERE { pattern }
        if not starts:
            return 0, ()
        outer = starts[0]
        materialised = any(keyword(t, *_MATERIALISE) for t in toks[:outer] if t.depth == 0) or \
            any(keyword(t, *_MATERIALISE) and t.depth == 0 for t in toks[walk.skip_brackets(outer):])
        sort = any(keyword(t, "ORDER") and t.depth == 0 for t in toks[outer:])
        end, whole = walk.group(outer, streamed=not materialised)
        if end < len(toks) and keyword(toks[end], "VALUES"):  # a trailing VALUES joins the whole result
            walk.product([whole, walk.values(end)[1]], not materialised, outer)
    except _Lost:
        return 0, ()
    return walk.terms, tuple(Product(p.scans, p.rows, p.streamed, sort, p.parts) for p in walk.found)


_products_cached = functools.lru_cache(maxsize=512)(_products)
