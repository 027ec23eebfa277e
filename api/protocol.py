"""SPARQL text as the protocol sees it: a lexer, SERVICE/LOAD refusal, USING from the protocol.

The lexer skips strings, IRIs and comments and tracks brace depth, so a keyword is found only
where the grammar allows it. A SERVICE keyword is confirmed by rdflib's parser (a
`ServiceGraphPattern` in the parse tree); when rdflib cannot parse the text the lexer's word
stands, so a query Oxigraph accepts but rdflib does not is still refused.
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

__all__ = ["Token", "tokens", "query_form", "uses_service", "uses_load", "dataset_clauses", "with_using"]

_LEX = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<word>[A-Za-z_][\w.-]*:?[\w.:%-]*|:[\w.:%-]*)
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

    >>> [t.text for t in tokens('SELECT * { ?s <p> "SERVICE" } # SERVICE')]
    ['SELECT', '*', '{', '?s', '<p>', '"SERVICE"', '}']
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


def _keyword(token: Token, word: str) -> bool:
    return token.kind == "word" and token.text.upper() == word


def query_form(text: str) -> str:
    r"""'SELECT', 'ASK', 'CONSTRUCT' or 'DESCRIBE': the first query keyword after the prologue.

    >>> query_form("PREFIX ex: <http://e.org/ns#> # a comment\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    for tok in tokens(text):
        if tok.kind == "word" and tok.text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return tok.text.upper()
    return "SELECT"


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

    >>> uses_service("SELECT * { SERVICE <http://e.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * { ?s <http://e.org/SERVICE> "SERVICE" }')
    False
    """
    if not any(_keyword(t, "SERVICE") for t in tokens(text)):
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
    return any(_keyword(t, "LOAD") and t.depth == 0 for t in tokens(text))


def dataset_clauses(update: str) -> bool:
    """True when an update names its own dataset with USING or WITH.

    >>> dataset_clauses("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    True
    """
    return any(t.depth == 0 and (_keyword(t, "USING") or _keyword(t, "WITH")) for t in tokens(update))


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
        if tok.depth == 0 and _keyword(tok, "WHERE"):
            if previous is not None and _keyword(previous, "DELETE"):
                end = _block_end(toks, i + 1)
                body = update[toks[i + 1].start:end]
                out.append(update[last:tok.start] + body + " " + clause)
                last = tok.start
            else:
                out.append(update[last:tok.start] + clause)
                last = tok.start
        previous = tok
    out.append(update[last:])
    return "".join(out)


def _block_end(toks: list[Token], i: int) -> int:
    """Offset just after the brace block that starts at token i."""
    if i >= len(toks) or toks[i].kind != "open":
        raise ValueError("DELETE WHERE must be followed by { ... }")
    depth = toks[i].depth
    for tok in toks[i + 1:]:
        if tok.kind == "close" and tok.depth == depth:
            return tok.start + 1
    raise ValueError("unbalanced braces in DELETE WHERE")
