"""SPARQL text as conflict-kg reads it: one lexer, and what the store, API and CLI need from it.

The lexer skips strings, IRIs and comments, reads numbers whole and tracks brace depth, so a
keyword is found only where the grammar allows it. On it: the query form, the prologue's
prefixes, nesting depth, SERVICE and LOAD, USING clauses from the protocol, variable bindings
by VALUES, and `read_query`, which reads everything a request needs from a query in one pass
(and remembers the last texts it read, so a query asked again costs a dictionary look-up).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator, Mapping, NamedTuple

__all__ = ["Token", "tokens", "keyword", "QueryText", "read_query", "query_form", "uses_service", "uses_load", "dataset_clauses", "with_using", "term", "with_values", "inline_values"]

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_LEX = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<number>\d*\.\d+(?:[eE][+-]?\d+)?|\d+\.\d*[eE][+-]?\d+|\d+(?:[eE][+-]?\d+)?)
  | (?P<word>(?:[^\W\d](?:[\w.-]*[\w-])?)?:(?:(?:[\w:%-]|\\.)(?:(?:[\w.:%-]|\\.)*(?:[\w:%-]|\\.))?)?
             |[^\W\d][\w-]*)
  | (?P<open>\{) | (?P<close>\}) | (?P<space>\s+) | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


class Token(NamedTuple):
    """One lexical token: its kind, text, offset and the brace depth it sits at."""

    kind: str
    text: str
    start: int
    depth: int


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a SPARQL text (comments and spaces dropped).

    >>> [t.text for t in tokens('SELECT * { ?s <p> "SERVICE", 1.5e3 } # SERVICE')]
    ['SELECT', '*', '{', '?s', '<p>', '"SERVICE"', ',', '1.5e3', '}']
    >>> [t.kind for t in tokens('?s ex:p.')]
    ['var', 'word', 'other']
    """
    depth = 0
    for match in _LEX.finditer(text):
        kind = match.lastgroup
        if kind in ("comment", "space"):
            continue
        if kind == "close":
            depth -= 1
        yield Token(kind, match.group(), match.start(), depth)
        if kind == "open":
            depth += 1


def keyword(token: Token, *words: str) -> bool:
    """True when `token` is one of the keywords `words` (upper case), in any case."""
    return token.kind == "word" and token.text.upper() in words


@dataclass(frozen=True)
class QueryText:
    """What one pass over a query tells: its tokens and form, and the facts the service checks.

    `limit` is the solution modifier of the outermost query (None without one); `depth` the
    deepest nesting of (), [] and {}; `size` the tokens outside VALUES and DATA blocks; `plain`
    says the query is only patterns (no FILTER, OPTIONAL, MINUS, sub-query, path operator,
    ORDER BY, GROUP BY, aggregate or DISTINCT), so the engine streams it and stops at LIMIT.
    """

    tokens: tuple
    form: str
    prefixes: dict
    limit: int | None
    depth: int
    size: int
    service: bool
    load: bool
    empty: bool
    plain: bool


_DATA = ("VALUES", "DATA")
_NOT_PLAIN = {"FILTER", "OPTIONAL", "MINUS", "EXISTS", "SERVICE", "ORDER", "GROUP", "HAVING", "DISTINCT",
              "REDUCED", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "BIND", "UNION"}


def _read(text: str) -> QueryText:
    toks = tuple(tokens(text))
    form, names, limit = None, {}, None
    depth = deepest = size = 0
    data_at, expecting_data, service, load, plain, selects = None, False, False, False, True, 0
    for i, tok in enumerate(toks):
        if tok.kind == "other" and tok.text in "*+?/|^!" and data_at is None:
            plain = plain and tok.text == "*" and i > 0 and keyword(toks[i - 1], "SELECT")
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
            size += 1
            expecting_data = expecting_data or keyword(tok, *_DATA)
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        plain = plain and word not in _NOT_PLAIN
        selects += word == "SELECT"
        if form is None and word in FORMS:
            form = word
        elif form is None and word == "PREFIX" and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            names[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
        elif word == "SERVICE":
            service = True
        elif word == "LOAD" and tok.depth == 0:
            load = True
        elif word == "LIMIT" and depth == 0 and i + 1 < len(toks) and toks[i + 1].kind == "number":
            limit = int(toks[i + 1].text) if toks[i + 1].text.isdigit() else None
    return QueryText(toks, form or "SELECT", names, limit, deepest, size, service, load, not toks,
                     plain and selects <= 1)


_read_cached = functools.lru_cache(maxsize=512)(_read)


def read_query(text: str) -> QueryText:
    """Read a query once: tokens, form, prefixes, outer LIMIT, depth, size, SERVICE and LOAD.

    The last 512 texts under 20,000 characters are remembered.

    >>> q = read_query("PREFIX ex: <http://e.org/> SELECT * { ?s ex:p ?o } LIMIT 10")
    >>> q.form, q.prefixes, q.limit, q.depth, q.plain
    ('SELECT', {'ex': 'http://e.org/'}, 10, 1, True)
    >>> read_query("SELECT ?s { ?s <p>+ ?o } LIMIT 10").plain
    False
    """
    return _read_cached(text) if len(text) < 20_000 else _read(text)


def query_form(text: str) -> str:
    r"""'SELECT', 'ASK', 'CONSTRUCT' or 'DESCRIBE': the first query keyword after the prologue.

    >>> query_form("PREFIX ex: <http://e.org/ns#> # a comment\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    return read_query(text).form


def _parse_tree_has(node, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_parse_tree_has(v, name) for v in node.values())
    if isinstance(node, (list, tuple)) or hasattr(node, "asList"):
        return any(_parse_tree_has(child, name) for child in node)
    return False


def uses_service(text: str, *, update: bool = False) -> bool:
    """True when a query (or update) calls a remote endpoint with SERVICE.

    A SERVICE keyword is confirmed by rdflib's parser (a `ServiceGraphPattern` in the parse
    tree); when rdflib cannot parse the text the lexer's word stands.

    >>> uses_service("SELECT * { SERVICE <http://e.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * { ?s <http://e.org/SERVICE> "SERVICE" }')
    False
    """
    if not (_read(text) if update else read_query(text)).service:
        return False
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseUpdate(text) if update else parseQuery(text)
    except Exception:  # rdflib cannot read it (e.g. Oxigraph-only syntax): trust the lexer
        return True
    return _parse_tree_has(tree, "ServiceGraphPattern")


def uses_load(text: str) -> bool:
    """True when an update fetches a document with LOAD (the server would make the request).

    >>> uses_load("LOAD <http://e.org/data.ttl> INTO GRAPH <http://e.org/g>")
    True
    """
    return _read(text).load


def dataset_clauses(update: str) -> bool:
    """True when an update names its own dataset with USING or WITH.

    >>> dataset_clauses("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    True
    """
    return any(t.depth == 0 and keyword(t, "USING", "WITH") for t in tokens(update))


def with_using(update: str, graphs: list[str], named: list[str]) -> str:
    """Apply the protocol's using-graph-uri/using-named-graph-uri as USING clauses.

    Each DELETE/INSERT ... WHERE operation gets the clauses before its WHERE; the
    `DELETE WHERE { P }` short form is spelt out as `DELETE { P } USING ... WHERE { P }`.

    >>> with_using("INSERT { ?s a <C> } WHERE { ?s a <D> }", ["http://g/1"], [])
    'INSERT { ?s a <C> } USING <http://g/1> WHERE { ?s a <D> }'
    """
    if not graphs and not named:
        return update
    clause = " ".join([f"USING <{g}>" for g in graphs] + [f"USING NAMED <{g}>" for g in named]) + " "
    out, last, previous = [], 0, None
    toks = list(tokens(update))
    for i, tok in enumerate(toks):
        if tok.depth == 0 and keyword(tok, "WHERE"):
            if previous is not None and keyword(previous, "DELETE"):
                body = update[toks[i + 1].start:_block_end(toks, i + 1)] if i + 1 < len(toks) else ""
                if not body:
                    raise ValueError("DELETE WHERE must be followed by { ... }")
                out.append(update[last:tok.start] + body + " " + clause)
            else:
                out.append(update[last:tok.start] + clause)
            last = tok.start
        previous = tok
    out.append(update[last:])
    return "".join(out)


def _block_end(toks: list[Token], i: int) -> int:
    """Offset just after the brace block that starts at token i."""
    if toks[i].kind != "open":
        raise ValueError("DELETE WHERE must be followed by { ... }")
    depth = toks[i].depth
    for tok in toks[i + 1:]:
        if tok.kind == "close" and tok.depth == depth:
            return tok.start + 1
    raise ValueError("unbalanced braces in DELETE WHERE")


_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def term(value: str) -> str:
    """A value as a SPARQL term: `<iri>` stays an IRI (checked), anything else becomes a string literal.

    >>> term('<http://e.org/a>'), term('say "hi"')
    ('<http://e.org/a>', '"say \\\\"hi\\\\""')
    """
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if not iri or _BAD_IRI.search(iri):
            raise ValueError(f"not a valid IRI: {iri!r}")
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def with_values(sparql: str, bindings: Mapping[str, str] | None) -> str:
    """Bind variables by a trailing VALUES clause of serialised terms (never by splicing text).

    >>> with_values("SELECT ?o WHERE { ?s ?p ?o }", {"s": "<http://e.org/a>"}).splitlines()[-1]
    'VALUES (?s) { (<http://e.org/a>) }'
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise ValueError(f"not a variable name: {name!r}")
    row = " ".join(term(bindings[n]) for n in names)
    return f"{sparql}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}"


def inline_values(sparql: str, bindings: Mapping[str, str] | None) -> str:
    """Bind variables by a VALUES block at the start of the WHERE group (checked terms, no splicing).

    Unlike a trailing VALUES clause, which SPARQL joins *after* grouping (so that it does not
    restrict an aggregate query at all) and which Virtuoso rejects on a variable the query does
    not project, the block binds the variable for the whole pattern, on every backend.

    >>> inline_values("SELECT ?o WHERE { ?s ?p ?o }", {"s": "<http://e.org/a>"})
    'SELECT ?o WHERE { VALUES (?s) { (<http://e.org/a>) } ?s ?p ?o }'
    """
    if not bindings:
        return sparql
    block = with_values("", bindings).strip()
    for tok in tokens(sparql):
        if tok.kind == "open":
            end = tok.start + 1
            return f"{sparql[:end]} {block}{sparql[end:]}"
    raise ValueError("the query has no WHERE clause to bind variables in")
