"""Who holds the people a story says 'were arrested', 'were detained' or 'were released'.

Reporters name the police once ("Police fired tear gas and arrested dozens") and then tell later
arrests and releases in the passive ("Two opposition leaders were also detained"). The
annotation guidelines give such agentless custody acts to the police the article is about; this
module does that, and only when the article names exactly one state force acting against people
(a story with the army and the police both making arrests leaves the passive ones unsigned).
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Actor, EventFrame

__all__ = ["custody_keeper", "sign_custody"]

CUSTODY = frozenset({"arrest", "detain", "release", "free", "jail", "imprison", "hold", "round", "apprehend"})
KEEPER_WORDS = ("police", "security", "gendarmerie", "intelligence")


def custody_keeper(frames: list[EventFrame]) -> Actor | None:
    """The one police or security force the article shows coercing people, or None."""
    keepers = {f.actor.label: f.actor for f in frames if f.action == "COERCE" and f.actor is not None
               and f.actor.kind == "state_force" and any(w in f.actor.label.lower() for w in KEEPER_WORDS)}
    return next(iter(keepers.values())) if len(keepers) == 1 else None


def sign_custody(frames: list[EventFrame], lemma_of) -> list[EventFrame]:
    """Frames with the agentless custody acts given to the article's one keeper.

    `lemma_of(frame)` is the trigger's lemma ('detain' for 'were detained')."""
    keeper = custody_keeper(frames)
    if keeper is None:
        return frames
    out = []
    for f in frames:
        if f.actor is None and "passive voice" in f.evidence and f.action in ("COERCE", "CONCEDE") \
                and lemma_of(f) in CUSTODY and f.target is not None and f.target.kind != "state_force":
            f = replace(f, actor=keeper, evidence=f.evidence + ("custody by the story's police",))
        out.append(f)
    return out
