"""Whom a statement about an act is aimed at: whoever the article says did the act.

"MONUSCO condemns the attack carried out by CODECO militiamen against the site"; "The Borno State
Government condemned the attack", the attackers named paragraphs before; "UNMISS welcomes the
agreement reached in Malakal between Nuer and Shilluk leaders". A condemnation, a rejection or a
welcome of an act (its object an event noun, cue ``about TYPE``) is aimed at the party the article
names as doing the nearest such act told before it (a welcome: in its own sentence). The guidelines
code the accused only when named: an act whose doer is never named leaves no target, and nor does
one's own act ("Haftar justified the offensive"). A statement whose object names its owner
("condemned Haftar's offensive") already has its target.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import EventFrame

__all__ = ["statement_targets", "AIMED"]

AIMED = {"ACCUSE": None, "REJECT": None, "SUPPORT": 0}  # statements aimed at whoever did what they are about, and
# how many sentences back that act may be told: a condemnation or rejection names the doer the article
# named ("The Borno State Government condemned the attack", told paragraphs before; GUIDELINES: "target =
# the accused if named"); a welcome only one its own sentence names (a side welcomes its own deeds)


def statement_targets(frames: list[EventFrame]) -> list[EventFrame]:
    """`frames` (in text order) with target-less statements about an act aimed at its doer."""
    starts = sorted({f.start for f in frames})
    index = {s: i for i, s in enumerate(starts)}  # sentence order among the sentences with events
    out = []
    for f in frames:
        about = next((cue[6:] for cue in f.evidence if cue.startswith("about ")), None)
        if f.action in AIMED and f.target is None and about is not None:
            here, reach = index[f.start], AIMED[f.action]
            back = len(starts) if reach is None else reach
            told = [g for g in frames if g.action == about and g.actor is not None and g is not f
                    and not _own_side(g.actor, f.actor) and 0 <= here - index[g.start] <= back
                    and (g.start == f.start or not g.actor.generic)  # 'gunmen' sentences before are nobody named
                    and (g.start < f.start or g.start == f.start)]
            if told:
                act = min(told, key=lambda g: (here - index[g.start], abs(g.trigger_start - f.trigger_start)))
                f = replace(f, target=act.actor, co_targets=act.co_actors,
                            evidence=f.evidence + ("doer of the act it is about",))
        out.append(f)
    return out


def _own_side(doer, speaker) -> bool:
    """The speaker did the act, or leads or belongs to the body that did ('Haftar justified the
    offensive' of the LNA he commands): a statement about one's own act is aimed at nobody."""
    return speaker is not None and (doer == speaker or doer.label in (speaker.label, speaker.affiliation)
                                    or speaker.label == doer.affiliation)
