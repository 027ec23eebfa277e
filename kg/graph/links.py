"""Typed links between actors, beside their events: membership, leadership and command.

The store says them with ``ckg:memberOf``, ``ckg:leads`` and ``ckg:commands`` (`kg.mapping.affiliations`:
the actor dictionary's affiliations and roles, "Khalifa Haftar's forces", ACLED's "Haftar Faction").
A projection links two of its actors by them as it links them by events: each edge of the actor
graph holds ``events`` and, when the two are so linked, ``links`` (dicts of ``kind``, ``source``,
``target``, in the direction the store states them), and its ``weight`` counts both. A link is a tie
of cooperation (`kg.graph.camps` counts it as one cooperation event). Only actors the projection
already holds (those of its events) are linked: a link adds no actor.

Between two actors the most specific kind is kept: a commander is also a member of the force
(`ckg:memberOf` and `ckg:commands` are both stored), and the link says "command".
"""
from __future__ import annotations

import networkx as nx

from ..mapping.namespaces import CKG

__all__ = ["KINDS", "link_queries", "fetch_links", "add_links", "link_text", "describe_links", "edge_kinds"]

# kind -> (property, the verb that joins source and target), least specific first
KINDS: dict[str, tuple[str, str]] = {"membership": (str(CKG.memberOf), "is a member of"),
                                     "leadership": (str(CKG.leads), "leads"),
                                     "command": (str(CKG.commands), "commands")}
_RANK = {kind: rank for rank, kind in enumerate(KINDS)}


def link_queries() -> dict[str, str]:
    """Kind -> SELECT DISTINCT ``?source ?target`` of the links of that kind, over all graphs.

    >>> print(link_queries()["command"])
    SELECT DISTINCT ?source ?target WHERE { ?source <https://w3id.org/conflict-kg/ontology#commands> ?target }
    """
    return {kind: f"SELECT DISTINCT ?source ?target WHERE {{ ?source <{prop}> ?target }}"
            for kind, (prop, _verb) in KINDS.items()}


def fetch_links(store, actors) -> list[tuple[str, str, str]]:
    """(source, kind, target) of the typed links between two of `actors` (IRIs), sorted; one per
    ordered pair, of the most specific kind.

    >>> from kg.graph.sample import sample_store
    >>> fetch_links(sample_store(), {"https://w3id.org/conflict-kg/id/actor/khalifa-haftar",
    ...                              "https://w3id.org/conflict-kg/id/actor/libyan-national-army"})
    [('https://w3id.org/conflict-kg/id/actor/khalifa-haftar', 'membership', 'https://w3id.org/conflict-kg/id/actor/libyan-national-army')]
    """
    actors = set(actors)
    best: dict[tuple[str, str], str] = {}
    for kind, sparql in link_queries().items():
        for row in store.select(sparql):
            pair = (row["source"], row["target"])
            if pair[0] != pair[1] and pair[0] in actors and pair[1] in actors and \
                    _RANK[kind] > _RANK.get(best.get(pair, ""), -1):
                best[pair] = kind
    return sorted((s, kind, t) for (s, t), kind in best.items())


def add_links(G: nx.Graph, links: list[tuple[str, str, str]]) -> None:
    """Add typed links to an actor projection `G` (both ends must be nodes of it).

    An undirected graph joins the two actors' edge (made when they share no event); a directed one
    the edge from source to target. Each link adds one to the edge's ``weight``.

    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b"])
    >>> add_links(G, [("a", "command", "b")])
    >>> G.edges["a", "b"]
    {'events': [], 'weight': 1, 'types': [], 'links': [{'kind': 'command', 'source': 'a', 'target': 'b'}]}
    """
    for source, kind, target in links:
        if source not in G or target not in G:
            continue
        if not G.has_edge(source, target):
            G.add_edge(source, target, events=[], weight=0, types=[])
        data = G.edges[source, target]
        data.setdefault("links", []).append({"kind": kind, "source": source, "target": target})
        data["weight"] = data.get("weight", 0) + 1


def _label(G: nx.Graph, node) -> str:
    return G.nodes[node].get("label") or str(node) if node in G else str(node)


def link_text(G: nx.Graph, link: dict) -> str:
    """A link in words: 'Khalifa Haftar commands Libyan National Army'.

    >>> G = nx.Graph()
    >>> G.add_node("h", label="Khalifa Haftar"); G.add_node("l", label="Libyan National Army")
    >>> link_text(G, {"kind": "membership", "source": "h", "target": "l"})
    'Khalifa Haftar is a member of Libyan National Army'
    """
    return f"{_label(G, link['source'])} {KINDS[link['kind']][1]} {_label(G, link['target'])}"


def describe_links(G: nx.Graph, data: dict) -> list[dict]:
    """The links of an edge as plain data: ``kind, source, target, source_label, target_label, text``."""
    return [{**link, "source_label": _label(G, link["source"]), "target_label": _label(G, link["target"]),
             "text": link_text(G, link)} for link in data.get("links", ())]


def edge_kinds(data: dict) -> list[str]:
    """What an edge stands for: its links' kinds (most specific first), then ``event`` if it has events.

    >>> edge_kinds({"events": [{"action": "ASSAULT"}], "links": [{"kind": "membership"}]})
    ['membership', 'event']
    >>> edge_kinds({"events": [{"action": "ASSAULT"}]})
    ['event']
    """
    kinds = sorted({link["kind"] for link in data.get("links", ())}, key=lambda k: -_RANK[k])
    return kinds + (["event"] if data.get("events") else [])
