"""The RDF dataset a query runs on, as SPARQL 1.1 says (Query §13.2, Protocol §2.1.4).

- The protocol's `default-graph-uri` / `named-graph-uri`, when either is given, make the dataset
  exactly: the default graph is the merge of the graphs named by the first (empty without one),
  and only the graphs named by the second can be matched by ``GRAPH`` (none without one). They
  override the query's own clauses.
- Else the query's ``FROM`` / ``FROM NAMED`` clauses do the same (a query with only ``FROM
  NAMED`` has an empty default graph).
- Else the default graph is the union of all named graphs, and every named graph can be matched.

The default graph made from named graphs is their RDF *merge*: its blank nodes are its own, so a
graph that is both a default and a named graph of the query does not share blank nodes between
the two (the W3C tests dataset-09 and dataset-10 expect this; the store's own graphs hold no
blank nodes, so only such a query pays for the copy `merged_store` makes).
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pyoxigraph as ox

from ..errors import QueryError
from ..sparql_text import keyword, read_query

__all__ = ["has_dataset_clause", "dataset_clause_graphs", "dataset_kwargs", "merged_store"]


def has_dataset_clause(sparql: str) -> bool:
    """True when a query names its dataset with FROM or FROM NAMED (a keyword found only in a
    dataset clause, in the grammar; strings, IRIs and comments are skipped).

    >>> has_dataset_clause("SELECT * FROM <http://e.org/g> { ?s ?p ?o }")
    True
    >>> has_dataset_clause('SELECT * { ?s <http://e.org/FROM> "FROM" } # FROM')
    False
    """
    return any(keyword(t, "FROM") for t in read_query(sparql).tokens)


def dataset_clause_graphs(sparql: str, base_iri: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The IRIs of the query's FROM and FROM NAMED clauses (``FROM NAMED? iri`` in the grammar),
    resolved against the prologue's BASE and PREFIXes and `base_iri`.

    (Read with the project's lexer: rdflib's parser, run in a request thread, keeps that thread's
    frames, and with them pyoxigraph's results, alive in its parse cache.)

    >>> dataset_clause_graphs("PREFIX : <http://e.org/> SELECT * FROM :a FROM NAMED <b> { ?s ?p ?o }", "http://e.org/")
    (('http://e.org/a',), ('http://e.org/b',))
    """
    toks = read_query(sparql).tokens
    base, prefixes = base_iri or "", {}
    for i, tok in enumerate(toks[:-1]):
        following = toks[i + 1]
        if keyword(tok, "BASE") and following.kind == "iri":
            base = urljoin(base, following.text[1:-1])
        elif keyword(tok, "PREFIX") and following.kind == "word" and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            prefixes[following.text.rstrip(":")] = urljoin(base, toks[i + 2].text[1:-1])
    default, named = [], []
    for i, tok in enumerate(toks):
        if not keyword(tok, "FROM"):
            continue
        j = i + 1 + (i + 1 < len(toks) and keyword(toks[i + 1], "NAMED"))
        if j >= len(toks):
            raise QueryError("malformed SPARQL: FROM must be followed by an IRI")
        iri = toks[j].text
        if toks[j].kind == "iri":
            iri = urljoin(base, iri[1:-1])
        elif toks[j].kind == "word" and iri.split(":", 1)[0] in prefixes:
            prefix, local = iri.split(":", 1)
            iri = prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
        else:
            raise QueryError(f"malformed SPARQL: FROM must be followed by an IRI, not {iri!r}")
        (named if j > i + 1 else default).append(iri)
    return tuple(default), tuple(named)


def _nodes(iris) -> list:
    try:
        return [ox.NamedNode(g) for g in iris]
    except ValueError as exc:
        raise QueryError(f"not a valid graph IRI: {exc}") from None


def dataset_kwargs(sparql: str, default_graphs=None, named_graphs=None) -> dict:
    """The dataset arguments of pyoxigraph's `Store.query` for a query and the protocol's graphs."""
    if default_graphs or named_graphs:
        return {"default_graph": _nodes(default_graphs or ()), "named_graphs": _nodes(named_graphs or ())}
    if has_dataset_clause(sparql):
        return {}  # pyoxigraph reads the clauses itself
    return {"use_default_graph_as_union": True}


def _explicit(sparql: str, base_iri, default_graphs, named_graphs) -> tuple[list[str], list[str]] | None:
    if default_graphs or named_graphs:
        return list(default_graphs or ()), list(named_graphs or ())
    if has_dataset_clause(sparql):
        return tuple(map(list, dataset_clause_graphs(sparql, base_iri)))
    return None


def merged_store(store: ox.Store, sparql: str, base_iri=None, default_graphs=None, named_graphs=None):
    """(store, dataset arguments) to run the query with: `store` and `dataset_kwargs` unless a
    graph that holds blank nodes is both a default and a named graph of the query; then an
    in-memory copy of the dataset whose default graph has blank nodes of its own."""
    explicit = _explicit(sparql, base_iri, default_graphs, named_graphs)
    if explicit is None:
        return store, dataset_kwargs(sparql, default_graphs, named_graphs)
    default, named = explicit
    shared = [node.value for node in _nodes(sorted(set(default) & set(named)))]
    if not any(store.query(f"ASK {{ GRAPH <{g}> {{ ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }} }}")
               for g in shared):
        return store, dataset_kwargs(sparql, default_graphs, named_graphs)
    copy = ox.Store()

    def own(term, part: int):
        return ox.BlankNode(f"m{part}x{term.value}") if isinstance(term, ox.BlankNode) else term

    for part, graph in enumerate(dict.fromkeys(default)):
        copy.extend(ox.Quad(own(q.subject, part), q.predicate, own(q.object, part), ox.DefaultGraph())
                    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    for graph in dict.fromkeys(named):
        copy.extend(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    return copy, {"default_graph": ox.DefaultGraph(), "named_graphs": _nodes(dict.fromkeys(named))}
