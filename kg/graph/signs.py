"""The sign of each PLOVER type: whether an event draws its parties together or sets them apart.

This table is the one place the signs live (camps, the network view and the exports read it).
Cooperation: AGREE, CONSULT, SUPPORT, COOPERATE, AID, CONCEDE. Conflict: ASSAULT, COERCE,
THREATEN, ACCUSE, SANCTION, REJECT, PROTEST. REQUEST, MOBILIZE and RETREAT are unsigned: asking,
deploying and withdrawing say nothing of whose side an actor is on (the PLOVER quad classes of
`ontology/event-types.ttl` count REQUEST and MOBILIZE as conflict and RETREAT as cooperation; the
sides of a conflict are read more strictly here).
"""
from __future__ import annotations

from ..mapping.namespaces import PLOVER_TYPES

__all__ = ["COOPERATION", "CONFLICT", "SIGNS", "sign", "sign_name", "signed_weights"]

COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE"})
CONFLICT = frozenset({"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION", "REJECT", "PROTEST"})
SIGNS: dict[str, int] = {t: 1 if t in COOPERATION else -1 if t in CONFLICT else 0 for t in PLOVER_TYPES}
_NAMES = {1: "cooperation", -1: "conflict", 0: "unsigned"}


def sign(action: str) -> int:
    """+1 for a cooperation type, -1 for a conflict type, 0 for an unsigned one.

    >>> sign("AGREE"), sign("ASSAULT"), sign("REQUEST")
    (1, -1, 0)
    """
    return SIGNS.get(action, 0)


def sign_name(action: str) -> str:
    """'cooperation', 'conflict' or 'unsigned'.

    >>> sign_name("AID"), sign_name("PROTEST"), sign_name("MOBILIZE")
    ('cooperation', 'conflict', 'unsigned')
    """
    return _NAMES[sign(action)]


def signed_weights(events) -> tuple[int, int]:
    """(cooperation, conflict): how many of `events` (dicts with ``action``) are of each sign.

    >>> signed_weights([{"action": "AGREE"}, {"action": "ASSAULT"}, {"action": "ASSAULT"}, {"action": "REQUEST"}])
    (1, 2)
    """
    cooperation = conflict = 0
    for event in events:
        s = SIGNS.get(event["action"], 0)
        if s > 0:
            cooperation += 1
        elif s < 0:
            conflict += 1
    return cooperation, conflict
