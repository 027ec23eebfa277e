"""Refuse SPARQL that would crash or swamp the engine before it runs: a 400 that says why.

Measured on pyoxigraph 0.5 (bench/README.md, "Reliability"): a few thousand nested brackets,
or ~10,000 chained operators (`UNION`, `&&`, `!`), overflow the parser's stack and kill the
whole server (SIGSEGV); planning takes ~n^4 in the triple patterns (100: 1.5 s, 200: 23 s,
1,000: hours, and cannot be interrupted); and patterns that share no variable multiply: three
copies of `?s ?p ?o` over the seed store are 1.7e10 rows, and `ORDER BY` over them takes
1.6 GB in two seconds. So a query may nest at most MAX_DEPTH brackets, hold at most
MAX_TOKENS tokens and MAX_TERMS terms in its patterns (VALUES data is free), and no group may
fall into unrelated sets of patterns (a cartesian product). A query this module cannot follow
is passed on: the engine's own parser then gives the error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .protocol import Token, tokens

__all__ = ["QueryShapeError", "check_query", "check_update", "MAX_DEPTH", "MAX_TOKENS", "MAX_TERMS"]

MAX_DEPTH = 64
MAX_TOKENS = 3000
MAX_TERMS = 300
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DATA_KEYWORDS = ("VALUES", "DATA")
_ENDS_TRIPLES = ("OPTIONAL", "MINUS", "GRAPH", "SERVICE", "FILTER", "BIND", "VALUES")
_AGGREGATES = ("COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT")


class QueryShapeError(ValueError):
    """A query the engine should not be given; the message says what to change."""


class _Lost(Exception):
    """The text is not SPARQL this module can follow; let the engine report it."""


def _significant(text: str) -> list[Token]:
    """The tokens of `text` with numbers merged (the lexer yields `12.5` as four tokens)."""
    out: list[Token] = []
    end = -1
    for tok in tokens(text):
        if tok.start < end:
            continue
        if tok.kind == "other" and (tok.text.isdigit() or tok.text == "."):
            match = _NUMBER.match(text, tok.start)
            if match and any(c.isdigit() for c in match.group()):
                end = match.end()
                out.append(Token("number", match.group(), tok.start, tok.depth))
                continue
        out.append(tok)
    return out


def _word(tok: Token, *words: str) -> bool:
    return tok.kind == "word" and tok.text.upper() in words


def _check_size(toks: list[Token]) -> None:
    """Nesting depth of all brackets, and the token count outside VALUES and DATA blocks."""
    depth = deepest = counted = 0
    data_at = None  # the depth of the data block we are in
    expecting_data = False
    for tok in toks:
        if tok.text in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
            if tok.text == "{" and expecting_data and data_at is None:
                data_at, expecting_data = depth, False
        elif tok.text in ("}", ")", "]"):
            if data_at == depth and tok.text == "}":
                data_at = None
            depth -= 1
        if data_at is None:
            counted += 1
            expecting_data = expecting_data or _word(tok, *_DATA_KEYWORDS)
    if deepest > MAX_DEPTH:
        raise QueryShapeError(f"the query nests brackets {deepest} levels deep; at most {MAX_DEPTH} are accepted")
    if counted > MAX_TOKENS:
        raise QueryShapeError(f"the query has {counted} tokens outside VALUES data; at most {MAX_TOKENS} are "
                              "accepted: put long lists of values in a VALUES block or split the query")


@dataclass
class _Factor:
    """Something a group joins: the variables it binds and whether it may yield many rows."""

    variables: set[str]
    free: bool
    start: int
    end: int


@dataclass
class _Walk:
    """A pass over the tokens of a query, group by group."""

    toks: list[Token]
    text: str
    terms: int = 0
    factors: list = field(default_factory=list)

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

    def variables(self, i: int, j: int) -> set[str]:
        return {t.text[1:] for t in self.toks[i:j] if t.kind == "var"}

    def group(self, i: int) -> tuple[int, bool, set[str]]:
        """Check the group opening at i; (index after it, may it yield many rows, its variables)."""
        start, i = i, i + 1
        if _word(self.at(i), "SELECT"):
            return self.subquery(start, i)
        factors: list[_Factor] = []
        while self.at(i).text != "}":
            tok = self.at(i)
            if tok.text == "{":
                j, free, names = self.group(i)
                while _word(self.at(j), "UNION"):
                    j, more_free, more = self.group(j + 1)
                    free, names = free or more_free, names | more
                factors.append(_Factor(names, free, i, j))
            elif _word(tok, "OPTIONAL"):
                j, free, names = self.group(i + 1)
                factors.append(_Factor(names, free, i, j))
            elif _word(tok, "MINUS"):
                j = self.group(i + 1)[0]
            elif _word(tok, "GRAPH", "SERVICE"):
                k = i + 1 + _word(self.at(i + 1), "SILENT")
                j, free, names = self.group(k + 1)
                factors.append(_Factor(names | self.variables(k, k + 1), free, i, j))
            elif _word(tok, "FILTER"):
                j = self.filter(i + 1)
            elif _word(tok, "BIND"):
                j = self.skip_brackets(i + 1)
                factors.append(_Factor(self.variables(i, j), False, i, j))
            elif _word(tok, "VALUES"):
                k = i + 1
                while self.at(k).text != "{":
                    k += 1
                j = self.skip_brackets(k)
                factors.append(_Factor(self.variables(i, k), False, i, j))
            elif tok.text == ".":
                j = i + 1
            else:
                j = self.triples(i)
                subject = self.toks[i]
                factors.append(_Factor(self.variables(i, j), subject.kind == "var" or subject.text in ("[", "("),
                                       i, j))
            i = j
        self.product(factors)
        names = set().union(*(f.variables for f in factors)) if factors else set()
        return i + 1, any(f.free for f in factors), names

    def subquery(self, start: int, i: int) -> tuple[int, bool, set[str]]:
        """`{ SELECT ... WHERE { ... } modifiers }`: one factor; one row when it aggregates without GROUP BY."""
        k = i
        while self.at(k).text != "{":
            k = self.skip_brackets(k) if self.at(k).text == "(" else k + 1
        aggregated = any(_word(t, *_AGGREGATES) for t in self.toks[i:k])
        j, free, _names = self.group(k)
        grouped = False
        while self.at(j).text != "}":
            grouped = grouped or _word(self.at(j), "GROUP")
            j = self.skip_brackets(j) if self.at(j).text in ("(", "{") else j + 1
        return j + 1, free and not (aggregated and not grouped), self.variables(start, j)

    def filter(self, i: int) -> int:
        """Skip a filter's constraint (checking the groups of EXISTS inside it)."""
        if _word(self.at(i), "NOT"):
            i += 1
        if _word(self.at(i), "EXISTS"):
            return self.group(i + 1)[0]
        if self.at(i).text != "(":
            i += 1  # a function call: FILTER regex(...)
        end = self.skip_brackets(i)
        for k in range(i, end):
            if _word(self.toks[k], "EXISTS") and self.toks[k + 1].text == "{":
                self.group(k + 1)
        return end

    def triples(self, i: int) -> int:
        """Index after a block of triple patterns; counts its terms (`,` and `;` repeat terms)."""
        while True:
            tok = self.at(i)
            if tok.text in (".", "}", "{") or _word(tok, *_ENDS_TRIPLES):
                return i
            if tok.text in ("(", "["):
                j = self.skip_brackets(i)
                self.terms += (j - i) * (3 if tok.text == "(" else 1)  # a list item is two patterns
                i = j
                continue
            self.terms += 2 if tok.text in (",", ";") else 1
            i += 1

    def product(self, factors: list[_Factor]) -> None:
        """Refuse a group whose many-row parts share no variable (directly or through others)."""
        owner: dict[str, int] = {}
        parent = list(range(len(factors)))

        def root(n: int) -> int:
            while parent[n] != n:
                parent[n] = parent[parent[n]]
                n = parent[n]
            return n

        for n, factor in enumerate(factors):
            for name in factor.variables:
                if name in owner:
                    parent[root(n)] = root(owner[name])
                else:
                    owner[name] = n
        free: dict[int, _Factor] = {}
        for n, factor in enumerate(factors):
            if factor.free:
                free.setdefault(root(n), factor)
        if len(free) > 1:
            first, second = list(free.values())[:2]
            raise QueryShapeError(
                f"the patterns {self.snippet(first)} and {self.snippet(second)} share no variable, so every "
                "result of one would be paired with every result of the other (a cartesian product); "
                "link them through a variable or ask two queries")

    def snippet(self, factor: _Factor) -> str:
        start, end = self.toks[factor.start].start, self.toks[factor.end - 1].start + len(self.toks[factor.end - 1].text)
        text = " ".join(self.text[start:end].split())
        return repr(text if len(text) <= 60 else text[:57] + "...")


def check_query(text: str) -> None:
    """Raise QueryShapeError when a query is too deep, too long, too big to plan or a cartesian product."""
    toks = _significant(text)
    _check_size(toks)
    walk = _Walk(toks, text)
    try:
        starts = [i for i, t in enumerate(toks) if t.text == "{" and t.depth == 0]
        if starts and starts[0] > 0 and _word(toks[starts[0] - 1], "CONSTRUCT"):
            starts = starts[1:]  # CONSTRUCT { template } WHERE { pattern }
        if starts:
            walk.group(starts[0])
    except _Lost:
        return
    if walk.terms > MAX_TERMS:
        raise QueryShapeError(f"the query's patterns hold {walk.terms} terms; at most {MAX_TERMS} are accepted "
                              "(planning time grows steeply with the number of patterns): split the query")


def check_update(text: str) -> None:
    """Raise QueryShapeError when an update nests too deeply or is too long outside its DATA blocks."""
    _check_size(_significant(text))
