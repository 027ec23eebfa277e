"""Open-world parties: the actor a noun phrase names, with or without a dictionary entry.

A phrase is resolved, in order, as a pronoun or definite description (`coref`), a quantity of a
group ("hundreds of teachers"), a named entity (dictionary first, else the name itself), a
dictionary phrase ("Afghan security forces"), or a group noun with its modifiers (`groups`).
The dictionary enriches (canonical labels, aliases, affiliation) but never gates.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.tokens import Doc, Span, Token

from ..model import Actor, Place
from .acronyms import article_acronyms
from .coref import GROUP_PRONOUNS, PERSON_PRONOUNS, Mentions, speaker_token
from .dictionary import ActorDictionary
from .groups import DROPPED_MODIFIERS, QUALIFIERS, group_of, load_groups, noun_lemma
from .national_bodies import national_body, owned_body
from .party_places import bare_place, capital_for_country, place_like, site_name
from .names import name_key
from .parties_groups import GroupNamer
from .party_words import CALENDAR, TITLES, both_sides, kind_of_name, partisans_of, strip_det

__all__ = ["PartyResolver"]

QUANTITIES = frozenset({"one", "some", "many", "most", "all", "part", "dozens", "hundreds", "thousands", "scores",
                        "number", "group", "band", "crowd", "dozen", "hundred", "thousand", "couple", "handful",
                        "member", "members", "unit", "contingent", "squad", "team", "batch", "wave", "rest",
                        "several", "none", "each", "both", "two", "three", "four", "five", "majority", "remnants",
                        "remnant", "elements", "element"})
REPRESENTATIVES = frozenset({"leader", "delegation", "delegate", "representative", "envoy", "commander", "chief",
                             "head", "spokesman", "spokeswoman", "spokesperson", "official", "officials",
                             "member", "fighter", "soldier", "supporter", "loyalist", "remnant", "element",
                             "cadre", "faction"})
VEHICLES = frozenset({"vehicle", "truck", "pickup", "car", "jeep", "tank", "motorcycle", "motorbike", "boat",
                      "bus", "lorry", "van", "plane", "airplane", "aeroplane", "ship",
                      # weapons, whose owner the modifier names: 'a Taliban antiaircraft gun', 'army mortars'
                      "gun", "antiaircraft", "anti-aircraft", "rocket", "missile", "mortar", "shell", "launcher",
                      "cannon", "howitzer", "bomb", "mine", "ied", "grenade", "rifle", "weapon", "battery"})
SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson"})
class PartyResolver:
    """Resolve the actor a token's phrase refers to, remembering mentions for coreference.

    `place_of` maps an entity span to its geocoded Place (the article's context decides);
    `home` is the ISO3 code of the country the story is about.
    """

    def __init__(self, doc: Doc, dictionary: ActorDictionary, place_of: Callable[[Span], Place | None],
                 home: str | None = None, country_place: Callable[[str], Place | None] = lambda iso3: None,
                 capital: Callable[[str], Place | None] = lambda iso3: None):
        self.doc, self.dictionary, self.place_of, self.home = doc, dictionary, place_of, home
        self.place_of_country, self.capital = country_place, capital
        self.ents: dict[int, Span] = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        self.mentions = Mentions(doc)
        self.people: dict[str, Actor] = {}  # surname key -> person
        self.acronyms = article_acronyms(doc)  # "Frontline Medical Aid (FMA)": 'FMA' -> the name
        self.groups = GroupNamer(self)
        for token in doc:  # every mention in document order, for pronouns and short names
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod", "poss"):
                actor = self.resolve(token, pronouns=False)
                if actor is not None:
                    self.mentions.add(token.i, actor)
                    for other in self.groups.split(token):  # "Thai and Cambodian troops": both are told
                        if other != actor:
                            self.mentions.add(token.i, other)

    def entity(self, token: Token) -> Span | None:
        return self.ents.get(token.i) if token.ent_iob_ != "O" else None

    # -- one phrase ------------------------------------------------------------------------
    def resolve(self, token: Token, *, military: bool = False, pronouns: bool = True) -> Actor | None:
        """The actor of the phrase headed by `token`, or None.

        `military`: the phrase is the object of an armed act, so a commander stands for his forces.
        """
        actor = self._resolve(token, pronouns)
        if actor is not None and military and actor.kind == "person" and actor.affiliation:
            return self.dictionary.get(actor.affiliation) or actor
        return actor

    def _resolve(self, token: Token, pronouns: bool) -> Actor | None:
        low = token.lower_
        if token.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if not pronouns or low in ("who", "which", "that", "itself", "themselves"):
                return None
            subject = speaker_token(token)
            speaker = self.resolve(subject, pronouns=False) if subject is not None else None
            if token.dep_ == "poss" and speaker is not None and not speaker.generic and low in ("his", "her"):
                return speaker  # "one of Haftar's commanders said his forces": the body he speaks for
            return self.mentions.pronoun(token, speaker)
        if token.pos_ == "NUM" or low in QUANTITIES or noun_lemma(token) in REPRESENTATIVES:
            inner = self._of_object(token)
            if inner is not None:
                actor = self._resolve(inner, pronouns) or self.untagged_name(inner, owned=True)
                if actor is not None:  # "remnants of the Shining Path", the name untagged
                    return actor
            named = next((a for c in token.children if c.i < token.i and self.entity(c) is None
                          for a in [self.untagged_name(c, modifier=True)] if a is not None), None)
            if named is not None:
                return named  # "Imbonerakure members"
            if token.pos_ == "NUM" or low in QUANTITIES - {"member", "members", "unit", "group"}:
                return None
        if noun_lemma(token) == "counterpart":  # "his Polish counterpart": that country's side
            for c in token.children:
                demonym = self.dictionary.demonym(c.text) if c.dep_ in ("amod", "compound", "nmod") else None
                if demonym is not None:
                    return self.country_actor(demonym[0], demonym[1])
        if token.lower_ == "military" and token.pos_ == "ADJ" and self.home:  # 'a military base': the home army
            return self.groups.national(self.home, load_groups()["military"], "")
        if token.dep_ in ("amod", "compound", "nmod", "npadvmod") and group_of(token) is None:
            demonym = self.dictionary.demonym(token.text.split("-")[0])
            if demonym is not None:  # 'Russian airstrikes', 'Saudi-led': the country
                return self.country_actor(demonym[0], demonym[1])
        actor = self._named(token)
        if actor is None and self.entity(token) is None:
            actor = self.untagged_name(token)
        if actor is None and pronouns:
            actor = self.mentions.definite(token)
        if actor is None and token.pos_ in ("NOUN", "PROPN"):
            actor = self.groups.name(token, pronouns)
        if actor is None and noun_lemma(token) in VEHICLES:  # "rebel vehicles", "army trucks": whose they are
            actor = next((a for c in token.children if c.dep_ in ("compound", "amod", "poss") and c.i < token.i
                          for a in [self._resolve(c, pronouns)] if a is not None), None)
        if actor is None and token.pos_ in ("ADJ", "NOUN") and token.i + 1 < len(self.doc):
            ent = self.entity(self.doc[token.i + 1])  # "by the paramilitary Rapid Support Forces", misparsed
            if ent is not None and ent.start == token.i + 1 and ent.label_ in ("ORG", "PERSON", "NORP"):
                actor = self._named(ent.root)
        return actor

    def counted(self, token: Token | None) -> Token | None:
        """The people a quantity word counts ('hundreds of lime growers' -> 'growers'), else the token."""
        if token is not None and token.lower_ in QUANTITIES:
            return self._of_object(token) or token
        return token

    def _of_object(self, token: Token) -> Token | None:
        words = ("of", "from", "for") if noun_lemma(token) in REPRESENTATIVES else ("of", "from")  # "a spokesman for X"
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in words:
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None

    def _named(self, token: Token) -> Actor | None:
        """A named entity, or a phrase the dictionary knows ('Afghan security forces')."""
        if token.pos_ != "PROPN" or self.entity(token) is None:
            start = min([token.i] + [c.left_edge.i for c in token.lefts
                                     if c.dep_ in ("det", "compound", "amod", "poss", "nmod")])
            hit = self.dictionary.lookup(strip_det(self.doc[start: token.i + 1].text))
            if hit:
                return hit
        ent = self.entity(token)
        if ent is None or ent.label_ not in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
            return None
        if ent.root.i != token.i and ent.label_ != "PERSON" and token.i < ent.root.i \
                and token.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod", "det"):
            return None  # a modifier inside a longer name (not a head the parser split from it: 'of the IS Sahel Province')
        text = strip_det(ent.text)
        if ent.label_ == "ORG" and any(t.tag_ == "POS" for t in ent) and not _possessive_name(ent):
            owner = next((t for t in ent if t.dep_ == "poss"), None)
            if owner is None or owner.i != token.i:
                body, group = national_body(self, ent, owner, token), group_of(token)
                if body is None and group is not None and group.kind in ("state_force", "armed_group"):
                    return None  # "Haftar's forces" tagged as one ORG: the group rules read the possessive
                return body or Actor(text, kind_of_name(text))  # "the Ombudsman's Office": a name
            text = strip_det(self.doc[ent.start: owner.i + 1].text)  # "Al-Shabaab's attack": Al-Shabaab
        if text in self.acronyms and ent.label_ != "PERSON":  # the article's own short name for a body
            return self._defined(text)
        hit = self.dictionary.lookup(text) or self._lookup_without_group_noun(ent) \
            or partisans_of(self.dictionary, text)
        if hit:
            return hit
        if len(ent) == 1 and ent.label_ != "PERSON" and name_key(text) in self.people:
            return self.people[name_key(text)]  # "Adil blamed" after "spokesman Adil Shah Adil": a surname, mis-tagged
        if ent.label_ == "PERSON":
            if self.place_like(token) or site_name(ent):
                return None
            return self._spokesman_of(token) or self.person(TITLES.sub("", text))
        if ent.label_ == "ORG":
            text = re.sub(r"\s*\([^)]*$", "", text).strip()  # 'Movement for Democratic Change (MDC'
            if len(text) < 2 or text.isdigit() or self.place_like(token) or site_name(ent):
                return None
            owner = next((c for c in ent.root.children if c.dep_ == "poss" and c.i < ent.start), None)
            body = owned_body(self, owner, text) if owner is not None else None
            return body or Actor(text, kind_of_name(text))
        if ent.label_ == "NORP":
            opposed = re.sub(r"^(?:anti|counter)-", "", text)
            if opposed != text:  # "an anti-Maoist operation": the Maoists it is against
                plural = opposed + "s" if opposed.endswith("ist") else opposed
                return self.dictionary.lookup(opposed) or self.dictionary.lookup(plural) \
                    or Actor(plural, "armed_group" if plural.endswith("s") else "other")
            if self.dictionary.demonym(text) is not None:
                return None  # 'Sudanese' alone names no party; as a modifier the group rules read it
            return Actor(text, "armed_group" if text.endswith("s") else "other")
        if ent.label_ == "GPE" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos",
                                                  "agent"):
            place = self.place_of(ent)
            if place is not None and place.feature == "country":
                return self.country_actor(place.country, place.label)
            if place is not None and capital_for_country(self, token):
                country = self.place_of_country(place.country)  # "accused Belgrade of", "Pristina said"
                return self.country_actor(place.country, country.label if country else place.country)
        return None

    def untagged_name(self, token: Token, modifier: bool = False, owned: bool = False) -> Actor | None:
        """'Imbonerakure attacked ...', 'Imbonerakure members beat ...': a capitalised name the
        model left untagged, in a party's position (or, with `modifier`, qualifying a group noun;
        with `owned`, the body whose members are meant: 'remnants of the Shining Path') is the
        party of that name (unless it is a place, a date or a title)."""
        deps = ("compound", "amod", "nmod") if modifier else ("nsubj", "nsubjpass", "pobj", "dobj", "conj")
        if token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper() or token.is_upper and len(token) < 3 \
                or token.i == token.sent.start and (not modifier or token.lower_ in QUALIFIERS | DROPPED_MODIFIERS) \
                or token.dep_ not in deps or group_of(token) is not None \
                or any(c.dep_ == "det" and not (owned and c.lower_ == "the") for c in token.children):
            return None
        if token.dep_ == "pobj" and token.head.dep_ != "agent" and not (owned and token.pos_ == "PROPN"):
            return None
        start = min([token.i] + [c.i for c in token.lefts
                                 if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.text[:1].isupper())])
        text = self.doc[start: token.i + 1].text
        place = self.place_of(Span(self.doc, start, token.i + 1, label="GPE"))
        if len(text) < 3 or any(t.ent_type_ for t in self.doc[start: token.i + 1]) or TITLES.match(text + " ") \
                or text.lower() in CALENDAR or place is not None and place.lat is not None and place.within is None:
            return None  # a place the gazetteer knows (not one only put beside the place named after it)
        if text in self.acronyms:  # "the Armed Police Battalion (APBn) ... APBn members"
            return self._defined(text)
        return self.dictionary.lookup(text) or Actor(text, kind_of_name(text))

    def _defined(self, short: str) -> Actor:
        """The party an article's short name stands for: what its full name resolves to there."""
        full, head = self.acronyms[short]
        known = self.dictionary.lookup(full)
        if known is not None:
            return known
        named = self._resolve(self.doc[head], pronouns=False) if self.doc[head].text != short else None
        return named or self.dictionary.lookup(short) or Actor(full, kind_of_name(full))

    def _lookup_without_group_noun(self, ent: Span) -> Actor | None:
        """'ISWAP fighters' tagged as one ORG: the body is the name before the group noun."""
        if len(ent) > 1 and group_of(ent[-1]) is not None:
            return self.dictionary.lookup(strip_det(ent[:-1].text))
        return None

    def country_name(self, actor: Actor) -> str | None:
        """The name of the country a country-actor stands for ('Sudan'), else None."""
        place = self.place_of_country(actor.country) if actor.country else None
        return place.label if place is not None else None

    def country_actor(self, iso3: str | None, name: str) -> Actor:
        """A country as a party: its government in the dictionary, else the country by name."""
        return (self.dictionary.country_actor(iso3) if iso3 else None) or Actor(name, "government", iso3)

    def place_like(self, token: Token) -> bool:
        """A name the model tagged PERSON or ORG that is a place here (`party_places.place_like`)."""
        return place_like(self, token)

    def _spokesman_of(self, token: Token) -> Actor | None:
        """'X, a Taliban spokesman': the body the person speaks for."""
        for child in token.children:
            if child.dep_ == "appos" and noun_lemma(child) in SPOKES:
                for mod in child.children:
                    if mod.dep_ in ("compound", "amod", "nmod") and mod.pos_ == "PROPN":
                        body = self.dictionary.lookup(mod.text)
                        if body is not None and body.kind != "person":
                            return body
        return None

    def person(self, name: str) -> Actor:
        """A person by name; a later surname alone is the same person."""
        parts = name.split()
        key = name_key(parts[-1]) if parts else name_key(name)
        known = self.people.get(key)
        if known and len(parts) == 1:
            return known
        actor = self.dictionary.lookup(name) or Actor(name, "person")
        if len(parts) > 1 or key not in self.people:
            self.people[key] = actor
        return actor

    # -- coordination ------------------------------------------------------------------------
    def resolve_all(self, token: Token | None, *, military: bool = False) -> list[Actor]:
        """The actors of a phrase and the phrases coordinated with it, split: 'Egyptian and
        Sudanese officials', 'Zawiya and Misrata militias', 'the army and police'."""
        if token is None:
            return []
        if token.lower_ in ("they", "them", "their"):
            subject = speaker_token(token)  # "militias from A and B said they had mobilized": both
            if subject is not None and subject.pos_ != "PRON":
                return self.resolve_all(subject, military=military)
        if both_sides(token):
            sides = self.mentions.sides(token.i)
            if sides:
                return sides
        heads = [token, *[c for c in token.conjuncts if c.i > token.i]]
        last = heads[-1]
        out: list[Actor] = []
        for head in heads:
            if head != last and head.pos_ == "PROPN" and group_of(last) is not None \
                    and bare_place(self, head) \
                    and not any(c.dep_ in ("compound", "amod") for c in head.children if c.i < head.i):
                found = self.groups.with_modifier(last, head)  # "Zawiya [and Misrata] militias"
                found = [found] if found else []
            elif (named := self._named_one(head, military)) is not None:
                found = [named]  # "the activist Mamadou Bah", "one opposition leader, MP Oumar Sarr"
            else:
                found = self.groups.split(head, military) or [self.resolve(head, military=military)]
            for actor in found:
                if actor is not None and actor not in out:
                    out.append(actor)
        return out

    def _named_one(self, token: Token, military: bool) -> Actor | None:
        """The person a singular common noun is named as in apposition, else None."""
        if token.tag_ != "NN":
            return None
        name = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        title = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if name is None and title is not None:  # "the head of the Council, army chief Abdel Fattah al-Burhan"
            name = next((g for g in title.children if g.dep_ == "appos" and g.ent_type_ == "PERSON"), None)
        return self.resolve(name, military=military) if name is not None else None


def _possessive_name(ent: Span) -> bool:
    """"New People's Army", "Kurdistan Workers' Party", "Lord's Resistance Army": a name whose
    possessive is its own (capitalised words follow it), not "Haftar's forces"."""
    pos = next(t for t in ent if t.tag_ == "POS")
    after = [t for t in ent if t.i > pos.i]
    return bool(after) and all(t.text[:1].isupper() for t in after)
