"""Word classes and small helpers over spaCy tokens, shared by the rule-based extractor."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .groups import group_of, noun_lemma

__all__ = ["CLAUSE_DEPS", "MODALS", "SPEECH_NOUNS", "child", "children", "pobj", "obj_class", "owned", "owner_of", "is_passive",
           "shared_passive", "direct_object", "entity_span", "subtree_has", "misread_clause"]

CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "xcomp", "ccomp", "acl", "relcl", "pcomp", "parataxis", "csubj"})
MODALS = frozenset({"could", "would", "might", "may", "should", "will", "shall", "can", "must", "'ll", "'d", "wo",
                    "ca"})
AID = frozenset({"aid", "food", "medicine", "assistance", "supply", "relief", "fuel", "vaccine", "help", "grain",
                 "water", "tent", "shelter", "donation", "fund", "cash", "dollar", "euro", "pound", "yuan", "franc",
                 "rupee", "shilling", "naira", "loan", "grant", "ration", "kit", "blanket", "parcel", "package",
                 "medication", "flour", "rice", "meal", "voucher", "nutrition", "item"})
# ("gave 50 million euros in aid")
WEAPONS = frozenset({"weapon", "arm", "arms", "drone", "missile", "ammunition", "tank", "rocket", "munition", "shell",
                     "mortar", "grenade", "bomb", "artillery", "projectile", "round", "bullet", "explosive", "mine",
                     "molotov", "cocktail", "stone", "rock", "gun", "rifle", "firearm", "ied"})
RESULT_VERBS = frozenset({"find", "leave", "discover", "see", "report", "feel"})  # "found killed", "left wounded"
INTRANSITIVE = frozenset({"fight", "clash", "battle", "retaliate", "respond", "flee", "escape", "return", "retreat",
                          "withdraw", "surrender", "resist", "die", "regroup", "advance", "march", "protest"})
SPEECH_NOUNS = frozenset({"statement", "communique", "communiqué", "message", "tweet", "post", "letter", "video",
                          "declaration", "resolution", "speech", "address", "note", "notice", "release"})
UNITS = frozenset({"detachment", "contingent", "company", "battalion", "platoon", "squadron", "regiment", "unit",
                   "column", "convoy", "division", "brigade"})
ARMS = frozenset({"infantry", "army", "police", "rifle", "commando", "military", "marine", "paratrooper", "tank",
                  "artillery", "cavalry", "mechanised", "mechanized", "armoured", "armored", "special", "reserve",
                  "gendarmerie", "engineer", "airborne", "border"})  # a unit's arm of service
SANCTIONS = frozenset({"sanction", "embargo", "zone", "curfew", "ban", "blockade", "restriction", "tariff",
                       "lockdown", "measure"})
PLACE_NOUNS = frozenset({
    "town", "city", "village", "district", "area", "region", "province", "capital", "airport", "base", "port",
    "neighbourhood", "neighborhood", "territory", "border", "crossing", "camp", "outskirts", "suburb",
    "checkpoint", "hospital", "school", "market", "building", "road", "highway", "palace", "headquarters",
    "compound", "bridge", "hill", "oilfield", "field", "refinery", "terminal", "station", "barracks", "airbase",
    "academy", "ministry", "parliament", "embassy", "prison", "garrison", "stronghold", "position", "outpost",
    "house", "home", "residence", "mosque", "church", "temple", "office", "hotel", "bank", "shop", "store",
    "street", "square", "junction", "roundabout", "street", "post", "facility", "plant", "dam", "mine", "farm",
    "vehicle", "car", "truck", "bus", "train", "ship", "boat", "aircraft", "plane", "helicopter", "depot",
    "warehouse", "university", "clinic", "kindergarten", "county", "state", "municipality", "commune",
    "locality", "settlement", "hamlet", "quarter", "zone", "front", "frontline", "line", "valley", "mountain",
    "forest", "island", "coast", "village", "centre", "center", "site", "court", "dormitory", "tower",
    "route", "rail", "rails", "railway", "motorway", "expressway", "avenue", "lane", "track", "port", "harbour",
    "harbor", "entrance", "gate"})


def child(token: Token, *deps: str) -> Token | None:
    """The first child of `token` with one of `deps`."""
    return next((c for c in token.children if c.dep_ in deps), None)


def children(token: Token, *deps: str) -> list[Token]:
    """Every child of `token` with one of `deps`."""
    return [c for c in token.children if c.dep_ in deps]


def pobj(prep: Token | None) -> Token | None:
    """The object of a preposition."""
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def is_passive(verb: Token) -> bool:
    """'were captured', 'was reported': a passive subject or auxiliary."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def entity_span(token: Token) -> Span | None:
    """The entity a token is part of, read from its IOB tags (`doc.ents` rebuilds every span)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_, kb_id=doc[start].ent_kb_id_)


def direct_object(verb: Token) -> Token | None:
    """The verb's object, or the one it shares with the next verb ('beat and detained three
    supporters'), when nothing else follows it."""
    obj = child(verb, "dobj")
    if obj is None and not any(c.dep_ == "prep" and c.i > verb.i for c in verb.children):
        obj = next((child(c, "dobj") for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                    and child(c, "nsubj") is None), None)
    return obj


COUNT_HEADS = frozenset({"dozens", "hundreds", "thousands", "scores", "tens", "group", "crowd", "number"})


def misread_clause(verb: Token) -> bool:
    """'Around 300 traders protested in X': a past tense the parser hung on a root noun as a
    participle (no agent, right after the noun) is the sentence's verb, the noun its subject; so
    when the noun hangs in apposition in a sentence with no verb at its root ("On 28 April, in
    Tecoman, Colima, about 50 musicians demonstrated")."""
    head = verb.head
    top = head
    while top.dep_ == "conj" and top.head != top and top.head.pos_ in ("NOUN", "PROPN"):
        top = top.head  # "The United States and its allies called Thursday for": the subject is coordinated
    dated = verb.i + 1 < len(verb.doc) and verb.nbor(1).head == verb and verb.nbor(1).ent_type_ == "DATE"
    # wire copy dates its verb: "The US and its allies called Thursday for", never a name ("a group called X")
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and head != verb \
        and (top.dep_ == "ROOT" or top.dep_ == "nsubj" and dated
             or top.dep_ == "appos" and top.sent.root.pos_ not in ("VERB", "AUX")) \
        and head.pos_ in ("NOUN", "PROPN") and child(verb, "agent") is None \
        and (verb.i == head.i + 1 or dated and verb.i == max(t.i for t in head.conjuncts + (head,)) + 1
             or top == head and head.lower_ in COUNT_HEADS and verb.nbor(-1).head.head == head)  # "Dozens of X protested"


def shared_passive(verb: Token) -> Token | None:
    """'was detained for six hours then released': a bare participle sharing a passive verb's
    subject; that subject, else None."""
    if verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "oprd") and verb.head.lemma_.lower() in RESULT_VERBS \
            and not any(c.dep_ in ("nsubj", "dobj", "aux") for c in verb.children):  # "was found killed"
        owner = verb.head
        return child(owner, "dobj") or child(owner, "nsubjpass") or shared_passive(owner) or child(owner, "nsubj")
    if verb.tag_ != "VBN" or verb.dep_ not in ("conj", "advcl") or not is_passive(verb.head) or any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "auxpass", "prt") for c in verb.children):
        return None
    if verb.lemma_.lower() in INTRANSITIVE:
        return None  # "were ambushed and fought back": the past tense, tagged as a participle
    return child(verb.head, "nsubjpass")


def subtree_has(token: Token, *ent_types: str) -> bool:
    return any(t.ent_type_ in ent_types for t in token.subtree)


def obj_class(token: Token | None, place_like=None) -> str | None:
    """The lexicon's class of an object: troops, aid, weapon, sanction, place, person or None.

    `place_like` tells whether a PERSON-tagged name is really a place here.
    """
    if token is None:
        return None
    lemma = noun_lemma(token)
    group = group_of(token)
    if group is not None and group.armed and lemma not in ("drone", "warplane", "jet", "helicopter", "artillery",
                                                            "convoy", "patrol"):
        return "troops" if lemma in ("troop", "force", "soldier", "fighter", "reinforcement", "unit", "militia",
                                     "militiaman", "army", "battalion", "brigade", "marine", "commando",
                                     "paratrooper") else "person"
    if lemma in ("reinforcement", "personnel", "warship", "jet", "warplane"):
        return "troops"
    if lemma in UNITS:  # "a detachment of the National Force", "10 companies of the CRPF"
        if any(c.dep_ in ("compound", "amod") and c.lower_ in ARMS for c in token.children):
            return "troops"  # "an infantry company", "a police battalion"
        of = next((pobj(c) for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        armed = of is not None and ((group_of(of) is not None and group_of(of).armed) or of.ent_type_ == "ORG")
        if armed and obj_class(of) in ("troops", "person"):
            return "troops"
    if lemma in ("device", "charge", "package") and any(c.lemma_.lower() in ("explosive", "incendiary")
                                                       for c in token.children if c.dep_ in ("amod", "compound")):
        return "weapon"  # "dropped an explosive device on a post"
    if lemma in ("system", "battery", "launcher") and any(
            c.dep_ in ("compound", "amod", "nmod") and (c.lemma_.lower() in WEAPONS or c.lemma_.lower() in (
                "defence", "defense", "missile", "rocket")) for c in token.children):
        return "weapon"  # "an air defence system"
    if lemma in AID and (lemma != "item" or any(noun_lemma(c) in AID for c in token.children)) or (
            group is None and any(c.dep_ == "compound" and noun_lemma(c) in AID for c in token.children)):
        return "aid"  # "food rations", "relief items", "hygiene kits"; not "aid workers" (a group)
    if lemma in WEAPONS:
        return "weapon"
    if lemma in SANCTIONS:
        return "sanction"
    if token.ent_type_ == "PERSON" and place_like is not None and place_like(token):
        return "place"
    if lemma in PLACE_NOUNS or token.ent_type_ in ("GPE", "LOC", "FAC"):
        return "place"
    if token.ent_type_ in ("PERSON", "ORG", "NORP") or group is not None or token.pos_ == "PRON":
        return "person"
    if token.pos_ == "NUM" or lemma in ("one", "some", "several", "many", "most", "all", "none", "each"):
        named = next((c for c in token.children if c.dep_ == "appos"), None)  # "one of the two, deputy X"
        of = next((pobj(c) for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)  # "two of them"
        inner = named if named is not None else of
        return obj_class(inner, place_like) if inner is not None and inner.pos_ != "NUM" else None
    return None


def owner_of(token: Token | None) -> Token | None:
    """The owner a site is named by: "Haftar's positions", 'RSF bases', 'an army checkpoint',
    'positions of the Sudanese army'; None for other phrases."""
    if token is None or noun_lemma(token) not in SITES:
        return None
    for c in token.children:
        if c.dep_ == "poss" and c.ent_type_ not in ("GPE", "LOC", "FAC"):
            return c
        if c.dep_ in ("compound", "nmod", "amod") and c.i < token.i and c.ent_type_ not in ("GPE", "LOC", "FAC", "DATE") \
                and (c.pos_ == "PROPN" or c.lower_ in ("military", "army") or (
                    group_of(c) is not None and group_of(c).kind in ("state_force", "armed_group", "government", "other"))):
            return c  # 'RSF bases', 'an army checkpoint', 'a military base', 'junta positions'
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    obj = pobj(of)
    if obj is not None and (group_of(obj) is not None or obj.ent_type_ in ("ORG", "NORP", "PERSON")):
        return obj  # 'positions of the Sudanese army', 'a detention centre for migrants'
    return None


def owned(token: Token | None) -> bool:
    """'RSF bases', "Haftar's positions": a site named by its owner, so the owner is the target."""
    return owner_of(token) is not None


SITES = frozenset({"position", "base", "checkpoint", "post", "outpost", "camp", "convoy", "headquarters",
                   "stronghold", "garrison", "barracks", "airbase", "airfield", "depot", "positions", "line",
                   "vehicle", "patrol", "column", "facility", "installation", "compound", "office", "hideout",
                   "hideouts", "den", "trench", "bunker", "airport", "residence", "home", "house", "target",
                   "stronghold", "asset", "infrastructure", "unit", "troops", "boat", "ship", "center", "centre",
                   "shelter", "warehouse", "station",
                   # equipment a party is hit through: 'an Afghan forces plane', 'LNA fuel trucks'
                   "plane", "airplane", "aircraft", "helicopter", "jet", "warplane", "truck", "tank", "bus", "apc",
                   "pickup", "jeep", "tanker", "vessel", "warship", "gunboat"})
