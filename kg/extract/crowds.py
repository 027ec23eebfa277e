"""Whom crowd control acts on: the crowd the story has just told of.

"Dozens of relatives gathered outside the prison, and police fired tear gas"; "Hundreds of miners
marched through Tayabamba. Police fired tear gas when they tried to enter the prefecture." Tear
gas, water cannon and baton charges are used on a crowd, and the story names the crowd in the
protest it tells in the same sentence or just before, not as the object of 'fired'. This module
gives such target-less crowd control the protesters of the nearest protest within
`CROWD_SENTENCES` sentences (the same sentence first).
"""
from __future__ import annotations

from dataclasses import replace

from ..model import EventFrame

__all__ = ["crowd_targets", "CROWD_CONTROL"]

CROWD_CONTROL = frozenset({"gas", "teargas", "tear-gas", "cannon", "cannons", "baton", "batons", "bullets",
                           "disperse", "dispersed", "dispersing", "pepper"})
CROWD_SENTENCES = 2  # the protest may be told this many sentences before


def crowd_targets(frames: list[EventFrame]) -> list[EventFrame]:
    """`frames` (in text order) with target-less crowd control aimed at the nearest protest's crowd."""
    starts = sorted({f.start for f in frames})
    index = {s: i for i, s in enumerate(starts)}  # sentence order among the sentences with events
    protests = [f for f in frames if f.action == "PROTEST" and f.actor is not None
                and f.actor.kind not in ("state_force", "government")]
    out = []
    for f in frames:
        if f.action == "COERCE" and f.target is None and f.actor is not None \
                and CROWD_CONTROL & set(f.trigger.lower().split()):
            here = index[f.start]
            near = [p for p in protests if 0 <= here - index[p.start] <= CROWD_SENTENCES and p.actor != f.actor]
            if near:
                crowd = min(near, key=lambda p: (here - index[p.start], abs(p.trigger_start - f.trigger_start)))
                f = replace(f, target=crowd.actor, evidence=f.evidence + ("crowd of the protest",))
        out.append(f)
    return out
