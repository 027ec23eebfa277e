"""The phrases a trigger's parties are read from (`Roles`), and the word classes that find them."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

__all__ = ["Roles", "HEARSAY_HEADS", "TARGET_PREPS", "TOPIC_VERBS", "CASUALTY", "FROM_VERBS", "FALL_TO", "WITH_VERBS", "GIVING",
           "AIMING", "OF_TARGET_NOUNS", "OF_AGENT_NOUNS", "ACTOR_DEMONYM_NOUNS"]

HEARSAY_HEADS = frozenset({"report", "say", "believe", "think", "understand", "know", "suspect", "allege",
                           "claim", "rumour", "rumor", "see", "expect"})
TARGET_PREPS = frozenset({"on", "against", "upon"})
CASUALTY = frozenset({"kill", "wound", "injure", "maim", "abduct", "kidnap", "target", "hit", "strike"})
FROM_VERBS = frozenset({"capture", "seize", "take", "retake", "recapture", "wrest", "liberate", "free", "regain",
                        "snatch", "grab"})
FALL_TO = frozenset({"fall", "surrender", "go"})  # "fell to X", "surrendered to X": X is the taker
WITH_VERBS = frozenset({"clash", "fight", "battle", "skirmish", "exchange", "engage", "meet", "talk", "negotiate",
                        "speak", "agree", "cooperate", "consult", "confer", "side", "stand", "work", "ally",
                        "sign", "discuss", "hold"})
# verbs of talking and agreeing: "on X" is what it is about ("met on Libya", "agreed on a ceasefire")
TOPIC_VERBS = frozenset({"meet", "talk", "negotiate", "speak", "agree", "consult", "confer", "discuss", "hold",
                         "brief", "comment", "vote", "deliberate", "decide", "report", "focus"})
GIVING = frozenset({"send", "deliver", "give", "provide", "supply", "ship", "donate", "hand", "transfer", "offer",
                    "extradite", "deport", "return",
                    "grant", "pledge", "extend", "airlift", "dispatch", "distribute", "airdrop",
                    "allocate"})  # "delivered air defence to Ukraine"
AIMING = frozenset({"fire", "shoot", "aim", "lob", "strike", "hurl", "throw", "pelt", "launch", "direct", "open",
                    "swing", "charge"})
OF_TARGET_NOUNS = frozenset({"abduction", "kidnapping", "arrest", "detention", "killing", "murder", "assassination",
                             "execution", "release", "capture", "bombing", "shelling", "siege", "blockade",
                             "occupation", "invasion", "torture", "rape", "beheading", "lynching", "massacre",
                             "expulsion", "deportation", "disappearance", "seizure", "looting", "burning",
                             "destruction", "evacuation", "withdrawal", "deployment", "dispersal", "rescue",
                             "recapture", "takeover", "storming"})
OF_AGENT_NOUNS = frozenset({"request", "call", "appeal", "demand", "invitation", "initiative", "order", "proposal",
                            "offer", "decision", "warning", "threat", "ultimatum", "condemnation", "protest"})
ACTOR_DEMONYM_NOUNS = frozenset({"airstrike", "strike", "raid", "offensive", "counteroffensive", "attack",
                                 "bombardment", "shelling", "bombing", "assault", "incursion", "invasion",
                                 "operation", "drone", "missile", "rocket", "shell", "artillery", "troop", "force",
                                 "advance", "withdrawal", "deployment", "counterattack", "sanction", "embargo",
                                 "aid", "crackdown", "blockade", "siege", "ambush", "fire"})


@dataclass
class Roles:
    """The phrases a trigger's parties are read from (heads; coordination is split later)."""

    actor: Token | None = None
    target: Token | None = None
    cues: list[str] = field(default_factory=list)
    target_is_owner: bool = False  # the target phrase is the owner of a site or of an event
