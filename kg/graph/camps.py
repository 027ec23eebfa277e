"""Camps: the sides of the signed actor graph, where cooperation draws actors together and conflict
keeps them apart.

Each pair of actors gets a net sign from its events (`kg.graph.signs`): its cooperation events
minus its conflict events, where a typed link (a membership, leadership or command:
`kg.graph.links`) counts as one cooperation event: a commander and his army are one side. The camps are a partition that minimises the frustration of
structural balance, the net conflict inside camps plus the net cooperation between them
(Doreian & Mrvar's criterion with equal weights, which is correlation clustering): it starts from
the Louvain communities of the net-cooperation graph and moves one actor at a time to the camp
its net ties favour most, a new camp of its own included (Doreian & Mrvar's relocation method),
until no move lowers the frustration. So an actor stays in a camp only while its cooperation
there outweighs its fighting there, and a pair that fights as often as it agrees (a ceasefire
between enemies) is drawn neither way. Where the criterion is indifferent (an actor tied to no
one in its camp, and to no one in another), the enemy of an enemy is a friend (Heider's
structural balance): the actor joins the camp holding most of its enemies' enemies. Only parties
to the conflict take sides this way: civilians and media (`VICTIM_KINDS`), whom every side may
attack, neither join a camp by it nor make the ones who attack them allies. Such moves change no
frustration; relocation and balance alternate until neither moves anyone.

References: P. Doreian and A. Mrvar, "A partitioning approach to structural balance", Social
Networks 18 (1996) 149-168; N. Bansal, A. Blum and S. Chawla, "Correlation clustering", Machine
Learning 56 (2004) 89-113; F. Heider, "Attitudes and cognitive organization", J. Psychology 21
(1946) 107-112; V. Blondel et al., "Fast unfolding of communities in large networks",
J. Stat. Mech. (2008) P10008 (Louvain, the starting partition).
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .signs import signed_weights

__all__ = ["camps", "summary", "MAX_PASSES", "VICTIM_KINDS"]

VICTIM_KINDS = frozenset({"civilians", "media"})  # attacked by every side: a common victim makes no allies

MAX_PASSES = 100  # passes over all actors (each move strictly improves the partition; few are needed)


def _pairs(G: nx.Graph, index: dict) -> dict[tuple[int, int], tuple[int, int]]:
    """(i, j) with i < j -> (cooperation, conflict) events between the two, either direction; each
    typed link counts as a cooperation event."""
    pairs: dict[tuple[int, int], list[int]] = {}
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        c, f = signed_weights(data.get("events", ()))
        c += len(data.get("links", ()))
        key = tuple(sorted((index[u], index[v])))
        total = pairs.setdefault(key, [0, 0])
        total[0] += c
        total[1] += f
    return {k: (c, f) for k, (c, f) in pairs.items()}


def _start(size: int, positive: dict[tuple[int, int], int], seed: int, resolution: float) -> list[int]:
    """Each actor's camp in the Louvain communities of the net-cooperation graph."""
    H = nx.Graph()
    H.add_nodes_from(range(size))
    H.add_weighted_edges_from((i, j, w) for (i, j), w in sorted(positive.items()))
    parts = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed) \
        if H.number_of_edges() else [{i} for i in range(size)]
    camp = [0] * size
    for number, part in enumerate(sorted(parts, key=min)):
        for i in part:
            camp[i] = number
    return camp


def _relocate(camp: list[int], ties: list[dict[int, int]]) -> list[int]:
    """Move actors, in order, to the camp with the largest net tie to them (a new camp scores 0),
    while a move strictly raises it; ties keep the actor where it is."""
    fresh = max(camp, default=-1) + 1
    for _ in range(MAX_PASSES):
        moved = False
        for i, neighbours in enumerate(ties):
            pull: defaultdict[int, int] = defaultdict(int)
            for j, w in neighbours.items():
                pull[camp[j]] += w
            here = pull.get(camp[i], 0)
            best, where = max(((w, -c) for c, w in pull.items()), default=(0, 0))
            if max(best, 0) <= here:
                continue
            if best > 0:
                camp[i] = -where
            else:  # every camp it is tied to pulls it less than being alone
                camp[i], fresh = fresh, fresh + 1
            moved = True
        if not moved:
            break
    return camp


def _balance(camp: list[int], ties: list[dict[int, int]], sides: list[bool]) -> bool:
    """Move each actor that takes `sides` and is tied to no one in its camp to the untied camp
    holding most of its enemies' enemies (more than its own camp does); True when anyone moved.
    Each move adds same-camp pairs with a common enemy, so the passes end."""
    moved = False
    for _ in range(MAX_PASSES):
        changed = False
        for i, neighbours in enumerate(ties):
            enemies = [e for e, w in neighbours.items() if w < 0 and sides[e]]
            if not sides[i] or not enemies or any(camp[j] == camp[i] for j in neighbours):
                continue
            tied = {camp[j] for j in neighbours}
            kin: defaultdict[int, set] = defaultdict(set)  # camp -> its members that are enemies of i's enemies
            for e in enemies:
                for m, w in ties[e].items():
                    if w < 0 and m != i and sides[m]:
                        kin[camp[m]].add(m)
            here = len(kin.get(camp[i], ()))
            best, where = max(((len(found), -c) for c, found in kin.items() if c not in tied), default=(0, 0))
            if best > here:
                camp[i], changed = -where, True
        moved |= changed
        if not changed:
            break
    return moved


def summary(G: nx.Graph, camp: dict) -> dict:
    """A partition of `G`'s actors (node -> camp number) as listed by `camps`: each camp with its
    members and its own cooperation and conflict events, and the shares of conflict inside camps
    and of cooperation across them (any partition: `kg.graph.communities` measures Louvain's too).

    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", events=[{"action": "ASSAULT"}, {"action": "AGREE"}, {"action": "ASSAULT"}])
    >>> G.add_edge("b", "c", events=[{"action": "AID"}])
    >>> result = summary(G, {"a": 0, "b": 0, "c": 1})
    >>> result["frustration"], result["cooperation_across"], result["communities"][0]["frustration"]
    (1.0, 0.5, 0.6666666666666666)
    """
    nodes = list(G)
    return _summary(G, nodes, camp, _pairs(G, {n: i for i, n in enumerate(nodes)}))


def _summary(G: nx.Graph, nodes: list, camp: dict, pairs: dict) -> dict:
    """`summary`, with the pairs of `_pairs` already counted."""
    inside: defaultdict[int, list[int]] = defaultdict(lambda: [0, 0])
    across = [0, 0]
    for (i, j), (c, f) in pairs.items():
        totals = inside[camp[nodes[i]]] if camp[nodes[i]] == camp[nodes[j]] else across
        totals[0] += c
        totals[1] += f
    members: defaultdict[int, list] = defaultdict(list)
    for node in nodes:
        data = G.nodes[node]
        members[camp[node]].append({"node": node, "label": data.get("label") or str(node), "kind": data.get("kind")})
    groups = []
    for number, found in members.items():
        found.sort(key=lambda m: (m["label"], str(m["node"])))
        c, f = inside[number] if number in inside else (0, 0)
        groups.append({"size": len(found), "members": found, "cooperation": c, "conflict": f,
                       "frustration": f / (c + f) if c + f else None})
    groups.sort(key=lambda g: (-g["size"], g["members"][0]["label"], str(g["members"][0]["node"])))
    conflict = sum(f for _c, f in pairs.values())
    cooperation = sum(c for c, _f in pairs.values())
    return {"count": len(groups), "frustration": (conflict - across[1]) / conflict if conflict else None,
            "cooperation_across": across[0] / cooperation if cooperation else None,
            "communities": [{"id": i, **g} for i, g in enumerate(groups)]}


def camps(G: nx.Graph, seed: int = 42, resolution: float = 1.0) -> dict:
    """The camps of the actor graph, largest first, and how often each fights itself.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        An actor projection; each edge's ``events`` (with ``action``) give its signs.
    seed : int
        Seed of the Louvain run that gives the starting partition.
    resolution : float
        Louvain's resolution for the starting partition.

    Returns
    -------
    dict
        ``method`` ("signed"), ``count``, ``frustration`` (the share of conflict events that lie
        inside camps; None without conflict events), ``cooperation_across`` (the share of
        cooperation events between camps; None without any) and ``communities``: largest first
        (ties by first label), each ``{"id", "size", "members", "cooperation", "conflict",
        "frustration"}``, with members ``{"node", "label", "kind"}`` sorted by label and
        ``frustration`` the share of conflict among the camp's own signed events (None when it
        has none).

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> from kg.graph.project import actor_graph
    >>> result = camps(actor_graph(sample_store()))
    >>> for camp in result["communities"]:  # Haftar is a member of the LNA; the militias share an enemy
    ...     print([m["label"] for m in camp["members"]])
    ['Antonio Guterres', 'Khalifa Haftar', 'Libyan National Army']
    ['Misrata militias', 'Zawiya militias']
    ['Government of National Accord']
    >>> result["frustration"], result["cooperation_across"]
    (0.0, 0.0)
    """
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    pairs = _pairs(G, index)
    ties: list[dict[int, int]] = [{} for _ in nodes]
    for (i, j), (c, f) in pairs.items():
        if c != f:
            ties[i][j] = ties[j][i] = c - f
    camp = _relocate(_start(len(nodes), {k: c - f for k, (c, f) in pairs.items() if c > f}, seed, resolution), ties)
    sides = [G.nodes[n].get("kind") not in VICTIM_KINDS for n in nodes]
    for _ in range(MAX_PASSES):
        if not _balance(camp, ties, sides):
            break
        camp = _relocate(camp, ties)
    return {"method": "signed", **_summary(G, nodes, dict(zip(nodes, camp)), pairs)}
