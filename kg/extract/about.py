"""Whom a statement about an act is aimed at: whoever the sentence says did the act.

"MONUSCO condemns the attack carried out by CODECO militiamen against the site"; "UNMISS welcomes
the agreement reached in Malakal between Nuer and Shilluk leaders". A condemnation, a rejection
or a welcome of an act (its object an event noun, cue ``about TYPE``) is aimed at the party the
same sentence names as doing that act. The guidelines code the accused only when named: "The
governor condemned the attack", the attackers told sentences before, keeps no target. A statement
whose object names its owner ("condemned Haftar's offensive") already has its target.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import EventFrame

__all__ = ["statement_targets", "ABOUT_SENTENCES"]

ABOUT_SENTENCES = 0  # the act must be told in the statement's own sentence (GUIDELINES: "if named")
AIMED = frozenset({"ACCUSE", "REJECT", "SUPPORT"})  # statements aimed at whoever did what they are about


def statement_targets(frames: list[EventFrame]) -> list[EventFrame]:
    """`frames` (in text order) with target-less statements about an act aimed at its doer."""
    starts = sorted({f.start for f in frames})
    index = {s: i for i, s in enumerate(starts)}  # sentence order among the sentences with events
    out = []
    for f in frames:
        about = next((cue[6:] for cue in f.evidence if cue.startswith("about ")), None)
        if f.action in AIMED and f.target is None and about is not None:
            here = index[f.start]
            told = [g for g in frames if g.action == about and g.actor is not None and g is not f
                    and g.actor != f.actor and 0 <= here - index[g.start] <= ABOUT_SENTENCES
                    and (g.start < f.start or g.start == f.start)]
            if told:
                act = min(told, key=lambda g: (here - index[g.start], abs(g.trigger_start - f.trigger_start)))
                f = replace(f, target=act.actor, co_targets=act.co_actors,
                            evidence=f.evidence + ("doer of the act it is about",))
        out.append(f)
    return out
