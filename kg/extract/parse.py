"""Shared vocabulary of the extractor: word classes and small helpers over spaCy tokens."""
from __future__ import annotations

from spacy.tokens import Token

from .actors import FORCE_NOUNS

CLAUSE_DEPS = {"ROOT", "conj", "advcl", "xcomp", "ccomp", "acl", "relcl", "pcomp", "parataxis", "csubj"}
MODALS = {"could", "would", "might", "may", "should", "will", "shall", "can", "must", "'ll", "'d", "wo", "ca"}
OCCUR = {"erupt", "break", "occur", "take", "continue", "rage", "hit", "strike", "kill", "flare", "resume",
         "intensify", "escalate", "begin", "start"}
ANNOUNCE = {"announce", "declare", "say", "vow", "state"}
FUTURE_MODS = {"upcoming", "scheduled", "planned", "proposed", "expected", "future", "next", "possible",
               "potential", "would-be"}
PAIRED = {"AGREE", "CONSULT", "COOPERATE"}  # coordinated parties: actor and target, not a joint actor
STATEMENTS = {"ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "AGREE"}
AT_DATELINE = {"COERCE", "PROTEST"}  # street-level acts a dateline city may place
ALLEGE = {"accuse", "allege", "deny", "blame", "suspect", "charge"}
PLACE_ANAPHORS = {"town", "city", "village"}
VIOLENCE_NOUNS = {"fighting", "violence", "war", "conflict", "unrest", "bombardment", "shelling", "bombing"}
TALLY_VERBS = {"kill", "wound", "injure", "displace", "maim"}
UNSIGNED = {"ASSAULT", "PROTEST", "COERCE"}  # types coded even when the text names nobody
WH_WORDS = {"where", "how", "why", "whether", "when"}
SKIP_FOR_PLACE = {"nsubj", "nsubjpass", "csubj", "agent", "ccomp", "parataxis", "relcl", "advcl", "mark",
                  "poss", "npadvmod"}
GENERIC_FIGHT = {"fight", "battle", "clash", "engage"}
TARGET_PREPS = {"on", "against", "with", "upon"}
AIMING = {"fire", "shoot", "aim", "lob", "strike", "hurl", "throw"}  # verbs whose 'at' names a target
TEMPORAL_DEPS = {"npadvmod", "tmod", "prep", "advmod", "obl", "nmod"}
TROOPS = {"troop", "troops", "force", "forces", "soldier", "fighter", "reinforcement", "unit", "militia",
          "army", "battalion", "brigade", "personnel", "marine", "warship", "jet", "warplane"}
AID = {"aid", "food", "medicine", "assistance", "supply", "supplies", "relief", "fuel", "vaccine", "help"}
WEAPONS = {"weapon", "arm", "arms", "drone", "missile", "ammunition", "tank", "rocket", "munition"}
SANCTIONS = {"sanction", "embargo", "zone", "curfew", "ban", "blockade", "restriction", "tariff"}
PLACE_NOUNS = {"town", "city", "village", "district", "area", "region", "province", "capital", "airport",
               "base", "port", "neighbourhood", "neighborhood", "territory", "border", "crossing", "camp",
               "outskirts", "suburb", "checkpoint", "hospital", "school", "market", "building", "road", "highway",
               "palace", "headquarters", "compound", "bridge", "hill", "oilfield", "field", "refinery",
               "terminal", "station", "barracks", "airbase", "academy", "ministry", "parliament", "embassy",
               "prison", "garrison", "stronghold", "position", "outpost"}


def obj_class(token: Token | None) -> str | None:
    if token is None:
        return None
    lemma = token.lemma_.lower()
    if lemma in TROOPS:
        return "troops"
    if lemma in AID:
        return "aid"
    if lemma in WEAPONS:
        return "weapon"
    if lemma in SANCTIONS:
        return "sanction"
    if lemma in PLACE_NOUNS or token.ent_type_ in ("GPE", "LOC", "FAC"):
        return "place"
    if token.ent_type_ in ("PERSON", "ORG", "NORP") or lemma in FORCE_NOUNS:
        return "person"
    return None


def owned(token: Token | None) -> bool:
    """'RSF bases', "Haftar's positions": a site named by its owner, so the owner is the target."""
    return token is not None and any(c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "PRON")
                                     for c in token.children)


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
