"""Find the actor a person means: by IRI, canonical label, alias or a near spelling.

Names are compared after `normalise` (Unicode-folded, case-folded, curly quotes and
runs of spaces unified). A name that is one actor's label or alias resolves; one that several
actors carry is ambiguous. Fuzzy matching uses `difflib.SequenceMatcher` ratios over all
labels and aliases; a fuzzy match is accepted only when it is close (ratio ≥ 0.85) and
clearly ahead of the next actor (by 0.1), otherwise `UnknownNodeError` lists up to five
candidates: first the actors with a name holding every word of the one given ("Zawiya":
Zawiya militias), shortest first, then the near spellings, best first.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
import weakref

import networkx as nx

from ..errors import UnknownNodeError

__all__ = ["normalise", "resolve_actor", "suggest", "containing", "name_index"]

ACCEPT, MARGIN, CUTOFF, SUGGESTIONS = 0.85, 0.1, 0.6, 5
_INDEXES: "weakref.WeakKeyDictionary[nx.Graph, tuple[int, dict]]" = weakref.WeakKeyDictionary()
_WORDS: "weakref.WeakKeyDictionary[nx.Graph, tuple[int, dict]]" = weakref.WeakKeyDictionary()
_WORD = re.compile(r"\w+")


def normalise(name: str) -> str:
    """The form names are compared in.

    >>> normalise("  Haftar’s   FORCES ")
    "haftar's forces"
    >>> normalise("Qaşr Bin Ghashīr")
    'qasr bin ghashir'
    """
    text = str(name).replace("’", "'").replace("‘", "'").replace("`", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


def name_index(G: nx.Graph) -> dict[str, list]:
    """Normalised label or alias → sorted actor nodes carrying it (event nodes are skipped).

    Built once per graph object and kept while the graph lives (projections are not
    changed after they are built; a changed graph with a new node count is re-indexed).
    """
    cached = _INDEXES.get(G)
    if cached is not None and cached[0] == G.number_of_nodes():
        return cached[1]
    index: dict[str, set] = {}
    for node, data in G.nodes(data=True):
        if data.get("bipartite") == 1:
            continue
        for name in [data.get("label") or str(node), *(data.get("aliases") or ())]:
            index.setdefault(normalise(name), set()).add(node)
    result = {name: sorted(nodes) for name, nodes in index.items()}
    _INDEXES[G] = (G.number_of_nodes(), result)
    return result


def _words(G: nx.Graph) -> dict[str, dict]:
    """Word of a normalised name → {actor node: length of its shortest name holding the word}."""
    cached = _WORDS.get(G)
    if cached is not None and cached[0] == G.number_of_nodes():
        return cached[1]
    words: dict[str, dict] = {}
    for name, nodes in name_index(G).items():
        for word in set(_WORD.findall(name)):
            found = words.setdefault(word, {})
            for node in nodes:
                found[node] = min(found.get(node, len(name)), len(name))
    _WORDS[G] = (G.number_of_nodes(), words)
    return words


def containing(G: nx.Graph, query: str, limit: int = SUGGESTIONS) -> list:
    """The actor nodes with a label or alias holding every word of `query` as a word, by the length
    of that name (then IRI).

    >>> G = nx.Graph()
    >>> G.add_node("z", label="Zawiya militias"); G.add_node("m", label="Misrata militias")
    >>> G.add_node("j", label="Zawiya Joint Force", aliases=["Zawiya and Misrata joint force"])
    >>> containing(G, "zawiya"), containing(G, "Misrata"), containing(G, "Tripoli")
    (['z', 'j'], ['m', 'j'], [])
    """
    words = _WORD.findall(normalise(query))
    index = _words(G)
    if not words or any(w not in index for w in words):
        return []
    found = dict(index[words[0]])
    for word in words[1:]:
        other = index[word]
        found = {n: max(size, other[n]) for n, size in found.items() if n in other}
    return sorted(found, key=lambda n: (found[n], str(n)))[:limit]


def _label(G: nx.Graph, node) -> str:
    return G.nodes[node].get("label") or str(node)


def suggest(query: str, names: dict[str, list], limit: int = SUGGESTIONS) -> list[tuple[float, object]]:
    """(ratio, node) for the nodes whose names are closest to `query`, best first, one per node.

    >>> suggest("zawia militia", {"zawiya militias": ["z"], "misrata militias": ["m"], "lna": ["l"]})
    [(0.9285714285714286, 'z'), (0.6896551724137931, 'm')]
    """
    key = normalise(query)
    matcher = difflib.SequenceMatcher(b=key, autojunk=False)
    best: dict = {}
    for name, nodes in names.items():
        matcher.set_seq1(name)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio < CUTOFF:
            continue
        for node in nodes:
            if ratio > best.get(node, 0.0):
                best[node] = ratio
    ranked = sorted(best.items(), key=lambda item: (-item[1], str(item[0])))
    return [(ratio, node) for node, ratio in ranked[:limit]]


def resolve_actor(G: nx.Graph, name: str):
    """The actor node of `G` that `name` means.

    Parameters
    ----------
    G : networkx graph
        A projection (nodes with ``label`` and ``aliases``).
    name : str
        A node IRI, a canonical label, an alias (``skos:altLabel``) or a near spelling.

    Returns
    -------
    node
        The node (actor IRI).

    Raises
    ------
    UnknownNodeError
        When nothing matches closely enough, or several actors share the name; its
        ``suggestions`` holds up to five labels.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("id/lna", label="Libyan National Army", aliases=["LNA", "Haftar’s forces"])
    >>> G.add_node("id/zm", label="Zawiya militias", aliases=[])
    >>> resolve_actor(G, "lna"), resolve_actor(G, "Haftar's forces"), resolve_actor(G, "Zawiya militia")
    ('id/lna', 'id/lna', 'id/zm')
    >>> resolve_actor(G, "Zawiya")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownNodeError: unknown actor 'Zawiya'; did you mean Zawiya militias?
    >>> resolve_actor(G, "Misrata")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownNodeError: unknown actor 'Misrata'
    """
    if name in G and G.nodes[name].get("bipartite") != 1:
        return name
    names = name_index(G)
    exact = names.get(normalise(name))
    if exact and len(exact) == 1:
        return exact[0]
    if exact:
        labels = sorted({_label(G, n) for n in exact})[:SUGGESTIONS]
        raise UnknownNodeError(f"actor name {name!r} is ambiguous: it may mean {', '.join(labels)}", labels)
    close = suggest(name, names)
    if close and close[0][0] >= ACCEPT and (len(close) == 1 or close[1][0] <= close[0][0] - MARGIN):
        return close[0][1]
    labels = []
    for node in [*containing(G, name), *(node for _ratio, node in close)]:
        if _label(G, node) not in labels:
            labels.append(_label(G, node))
    labels = labels[:SUGGESTIONS]
    hint = f"; did you mean {', '.join(labels)}?" if labels else ""
    raise UnknownNodeError(f"unknown actor {name!r}{hint}", labels)
