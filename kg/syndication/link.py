"""Keep the story links (`ckg:sameStoryAs`, graph `id/graph/stories`) in step with the articles.

After articles are written (or deleted), `link_copies` reads their band keys, finds the stored
articles sharing one (the store's own index on literals does the LSH lookup), compares the
candidates' shingle sets exactly, and replaces the links of the changed articles in one update.
Links are symmetric and stored both ways. `stories_of` groups articles linked directly or
through others into stories, for resolution (`kg.resolve`), which counts a story once.
"""
from __future__ import annotations

from typing import Iterable

from ..mapping.namespaces import CKG, ID
from ..resolve.reports import chunks, iri_term, values
from ..store import Store
from .sketch import KEY, THRESHOLD, jaccard, shingles

__all__ = ["STORIES_GRAPH", "link_copies", "stories_of", "copies_of"]

STORIES_GRAPH = str(ID["graph/stories"])
_SAME, _BAND, _TEXT = str(CKG.sameStoryAs), str(CKG.minhashBand), str(CKG.text)


def _column(store: Store, pattern: str, iris: list[str]) -> list[dict]:
    rows: list[dict] = []
    for chunk in chunks(sorted(set(iris))):
        rows.extend(store.select(f"SELECT ?g ?v WHERE {{ {values('g', chunk)} {pattern} }}"))
    return rows


def _candidates(store: Store, keys: set[str]) -> dict[str, set[str]]:
    """Band key -> the article graphs holding it."""
    found: dict[str, set[str]] = {}
    for chunk in chunks(sorted(k for k in keys if KEY.match(k))):  # only keys of our own form go into the query
        block = "VALUES ?v { " + " ".join(f'"{k}"' for k in chunk) + " }"
        for row in store.select(f"SELECT DISTINCT ?g ?v WHERE {{ {block} GRAPH ?g {{ ?g <{_BAND}> ?v }} }}"):
            found.setdefault(row["v"], set()).add(row["g"])
    return found


def copies_of(store: Store, graph_iris: Iterable[str]) -> set[tuple[str, str]]:
    """The pairs (changed article, other stored article) whose texts are one story, each pair once
    per direction it was found in."""
    bands: dict[str, set[str]] = {}
    for row in _column(store, f"GRAPH ?g {{ ?g <{_BAND}> ?v }}", list(graph_iris)):
        bands.setdefault(row["g"], set()).add(row["v"])
    holders = _candidates(store, {k for keys in bands.values() for k in keys})
    pairs = {(a, c) for a, keys in bands.items() for k in keys for c in holders.get(k, ()) if c != a}
    if not pairs:
        return set()
    texts = {row["g"]: shingles(row["v"]) for row in
             _column(store, f"GRAPH ?g {{ ?g <{_TEXT}> ?v }}", sorted({g for pair in pairs for g in pair}))}
    return {(a, c) for a, c in pairs if a in texts and c in texts and jaccard(texts[a], texts[c]) >= THRESHOLD}


def link_copies(store: Store, graph_iris: Iterable[str]) -> int:
    """Recompute the story links of these article graphs (just written, replaced or deleted);
    returns how many links (pairs) they now have."""
    graphs = sorted({str(g) for g in graph_iris})
    if not graphs:
        return 0
    links = {tuple(sorted(pair)) for pair in copies_of(store, graphs)}
    graph = iri_term(STORIES_GRAPH)
    ops = [f"DELETE {{ GRAPH {graph} {{ ?g <{_SAME}> ?o . ?o <{_SAME}> ?g }} }} "
           f"WHERE {{ {values('g', chunk)} GRAPH {graph} {{ ?g <{_SAME}> ?o }} }}" for chunk in chunks(graphs)]
    if links:
        triples = "\n".join(f"{iri_term(a)} <{_SAME}> {iri_term(b)} .\n{iri_term(b)} <{_SAME}> {iri_term(a)} ."
                            for a, b in sorted(links))
        ops.append(f"INSERT DATA {{ GRAPH {graph} {{\n{triples}\n}} }}")
    store.update(" ;\n".join(ops))
    return len(links)


def stories_of(store: Store, graph_iris: Iterable[str]) -> dict[str, str]:
    """Article graph -> its story (the first IRI of the articles linked to it, directly or through
    others), for every article of the stories of these graphs (the other copies too); an article
    without copies is left out."""
    graphs = sorted({str(g) for g in graph_iris})
    if not graphs:
        return {}
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    frontier, seen = graphs, set(graphs)
    while frontier:  # follow links until no new article turns up (a story's copies are few)
        found = []
        for row in _column(store, f"GRAPH {iri_term(STORIES_GRAPH)} {{ ?g <{_SAME}> ?v }}", frontier):
            a, b = root(row["g"]), root(row["v"])  # both now in `parent`
            if a != b:
                parent[max(a, b)] = min(a, b)
            if row["v"] not in seen:
                seen.add(row["v"])
                found.append(row["v"])
        frontier = found
    return {g: root(g) for g in parent}  # only linked articles entered `parent`
