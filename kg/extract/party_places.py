"""Places in a party's position: names the model took for people or organisations that are places
here, towns named alone before a group noun, and capitals that stand for their governments."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .containers import named_feature
from .party_words import PLACE_VERBS, SPEAKING, kind_of_name

__all__ = ["lone_town", "place_like", "bare_place", "capital_for_country", "addressed", "site_name", "ADDRESSING"]

SITES = frozenset({"camp", "base", "post", "outpost", "checkpoint", "station", "barracks", "airbase", "garrison",
                   "prison", "compound", "depot"})
# sites that belong to a place, not to a party: 'the Mandera border crossing', 'Mucojo beach',
# 'the Bakara market' name where they are even without 'the'
PLACE_SITES = frozenset({"crossing", "beach", "market", "bridge", "junction", "roundabout", "port", "harbour",
                         "harbor", "dam", "pass", "valley", "forest"})

# verbs of saying, asking, blaming and dealing: a capital as their subject or object stands for
# its government ("Pristina said", "accused Belgrade of", "called on Kinshasa to", "recalled its
# ambassador from Bangkok"); a capital attacked, entered or visited stays a place
ADDRESSING = SPEAKING | frozenset({"accuse", "blame", "criticise", "criticize", "condemn", "denounce", "demand",
                                   "ask", "press", "reject", "welcome", "praise", "thank", "summon", "recall",
                                   "expel", "invite", "deny", "threaten", "vow", "pledge", "insist", "refuse",
                                   "respond", "reply", "appeal", "sanction", "protest", "dismiss"})
ADDRESSING_PREPS = frozenset({"on", "to", "against", "from", "with"})


def addressed(token: Token) -> bool:
    """Whether `token` is the subject or addressee of a verb of `ADDRESSING`."""
    verb = token.head
    if token.dep_ == "pobj" and token.head.lower_ in ADDRESSING_PREPS:
        verb = token.head.head
        if token.head.lower_ == "from" and verb.lemma_.lower() not in ("recall", "expel", "withdraw"):
            return False
    elif token.dep_ not in ("nsubj", "dobj"):
        return False
    return verb.pos_ == "VERB" and verb.lemma_.lower() in ADDRESSING



def capital_for_country(r, token: Token) -> bool:
    """A national capital standing for its government (`r`: the `PartyResolver`): the subject or
    addressee of a verb of `ADDRESSING` ("accused Belgrade of", "called on Pristina to")."""
    ent = r.entity(token)
    if ent is None or ent.label_ != "GPE" or not addressed(token):
        return False
    place = r.place_of(ent)
    capital = r.capital(place.country) if place is not None and place.country else None
    return capital is not None and (capital.geonames == place.geonames if place.geonames else
                                    capital.label == place.label)


def site_name(ent: Span) -> bool:
    """'the Mariri ranger camp', 'the Halane base camp': a name the model tagged ORG or PERSON that names a
    site (a camp, base, post, prison ...), not a party; the party is whose the site is, if said."""
    head = ent.root
    while head.dep_ == "compound" and head.head != head:
        head = head.head
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or ent[0].lower_ == "the"
    word = head.lemma_.lower()
    return head != ent.root and word in SITES | PLACE_SITES and not any(t.lemma_.lower() in SITES for t in ent) \
        and (definite or word in PLACE_SITES) and not ent.text.isupper() and kind_of_name(ent.text) == "other"
    # not 'a National Guard checkpoint', 'a BGP post', 'a Guarani-Kaiowá camp': whose they are


def place_like(r, token: Token) -> bool:
    """A name the model tagged PERSON or ORG that is a place here: 'captured T', 'in T', 'T district'."""
    ent = r.entity(token)
    if ent is None or ent.label_ not in ("PERSON", "ORG") or len(ent) > 3 or r.dictionary.lookup(ent.text):
        return False
    if r.place_of(ent) is None:
        return False
    head = ent.root.head
    before = r.doc[ent.start - 1] if ent.start > 0 else None
    cue = before is not None and before.lower_ in ("in", "near", "at", "from", "into", "outside", "around",
                                                   "toward", "towards", "of", "across", "to")
    after = r.doc[ent.end] if ent.end < len(r.doc) else None
    feature_word = after is not None and after.lemma_.lower() in ("district", "province", "town", "city",
                                                                  "village", "state", "county", "region")
    taken = ent.root.dep_ == "dobj" and head.lemma_.lower() in PLACE_VERBS
    return cue or feature_word or taken or lone_town(r, ent) or named_feature(r.doc, ent) is not None
    # 'a curfew on Djibo and Arbinda communes'


def bare_place(r, token: Token) -> bool:
    """A town or a people named alone before a coordinated group noun: 'Zawiya [and Misrata militias]'."""
    ent = r.entity(token)
    if ent is None or ent.label_ not in ("GPE", "LOC", "NORP"):
        return False
    place = r.place_of(ent) if ent.label_ != "NORP" else None
    return ent.label_ == "NORP" or (place is not None and place.feature != "country")


def lone_town(r, ent: Span) -> bool:
    """'the attack on Cabaret': a one-word 'person' that is a town of the story's country and
    no surname of anyone the article names in full (who would then be speaking or acting)."""
    if len(ent) != 1 or ent.label_ != "PERSON" or r.home is None:
        return False
    place = r.place_of(ent)
    if place is None or place.country != r.home or place.feature not in ("city", "town", "village", "locality"):
        return False
    word = ent.text.lower()
    if any(e.label_ == "PERSON" and len(e) > 1 and word in e.text.lower().split() for e in r.ents.values()):
        return False
    root = ent.root
    return not (root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEAKING)
