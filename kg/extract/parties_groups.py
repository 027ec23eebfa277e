"""Name the party a group noun stands for, from its modifiers (see `groups` for the nouns)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Actor
from .groups import ARMED_KINDS, DROPPED_MODIFIERS, QUALIFIERS, Group, group_of, noun_lemma

if TYPE_CHECKING:  # pragma: no cover
    from .parties import PartyResolver

__all__ = ["GroupNamer"]

AIRBORNE = frozenset({"Air force", "Drones"})  # group labels of aircraft: flown by a country's forces

LOYAL = frozenset({"loyal", "allied", "affiliated", "aligned", "ally", "linked", "close", "backed", "sympathetic"})
BACKING = frozenset({"back", "support", "loyal", "follow", "lead", "command", "head"})  # "forces backing X", "led by X"
VAGUE_BODIES = frozenset({"group", "organisation", "organization", "agency", "committee", "council", "party",
                          "union", "coalition", "alliance", "movement", "minister", "president", "governor", "mayor",
                          "spokesman", "envoy", "delegation", "commander", "general", "official", "chief"})
ASSETS = frozenset({"drone", "warplane", "jet", "helicopter", "artillery", "convoy", "patrol", "unit", "battalion",
                    "brigade", "airman", "aircraft", "vessel", "warship", "gunboat", "member", "agent"})
NATIONAL_BODIES = frozenset({"court", "judiciary", "parliament", "senate", "ministry", "cabinet", "legislature"})
PERSON_ROLES = frozenset({"minister", "president", "governor", "mayor", "spokesman", "envoy", "commander",
                          "general", "chief", "leader", "ambassador", "premier", "chairman", "secretary"})


class GroupNamer:
    """Group nouns -> actors, for one article (uses its resolver for names, places, home)."""

    def __init__(self, resolver: "PartyResolver"):
        self.r = resolver

    # -- the modifiers of a group noun ---------------------------------------------------------
    def _body(self, child: Token) -> Actor | None:
        """The named body a modifier or a prepositional object names, if any."""
        ent = self.r.entity(child)
        if ent is not None and ent.label_ in ("ORG", "PERSON") or child.pos_ == "PROPN":
            body = self.r.dictionary.lookup(ent.text if ent is not None else child.text)
            if body is None and ent is not None and ent.label_ == "ORG":
                body = self.r.resolve(ent.root, pronouns=False)
            if body is None and ent is not None and ent.label_ == "PERSON" and not self.r.place_like(child):
                body = self.r.person(ent.text)
            return body
        return None

    def _place(self, child: Token):
        ent = self.r.entity(child)
        if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
            place = self.r.place_of(ent)
            if place is not None:
                return place, ent.text
        return None

    def _forces_of(self, owner: Actor, group: Group) -> Actor:
        """A person's or a country's armed forces; any other body as itself."""
        if owner.kind == "person":
            body = self.r.dictionary.get(owner.affiliation)
            return body or Actor(f"{owner.label} forces", "armed_group", owner.country)
        if owner.kind == "government" and owner.country and group.kind in ("state_force", "armed_group") and (
                owner == self.r.dictionary.country_actor(owner.country) or owner.label == self.r.country_name(owner)):
            return self.national(owner.country, group, owner.label)  # "Sudan's army": the Sudanese army
        return owner  # "forces loyal to the GNA": the GNA

    def led_coalition(self, leader: Actor) -> Actor:
        """'a coalition led by Saudi Arabia', 'the Saudi-led coalition': the dictionary's entry if any."""
        demonym = self.r.dictionary.demonym_of(leader.country) or leader.label
        label = f"{demonym}-led coalition"
        return self.r.dictionary.lookup(label) or Actor(label, "state_force", leader.country)

    def national(self, iso3: str, group: Group, fallback: str, qualifiers: str = "") -> Actor:
        """'Nigerian troops', 'Afghan security forces': the dictionary's entry when it has one."""
        demonym = self.r.dictionary.demonym_of(iso3)
        noun = " ".join(filter(None, [qualifiers, group.label.lower() if group.label != "Army" else "army"]))
        label = f"{demonym or fallback or iso3} {noun}"
        found = self.r.dictionary.lookup(label)
        if found is None and group.label in AIRBORNE and demonym:  # 'Turkish drones', 'Saudi warplanes'
            found = self.r.dictionary.lookup(f"{demonym} air force") or self.r.dictionary.lookup(f"{demonym} forces")
        return found or Actor(label, group.kind, iso3)

    def name(self, token: Token, pronouns: bool = True) -> Actor | None:
        """The party the group noun at `token` names, or None."""
        group = group_of(token)
        if group is None:
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            body = self.r.resolve(owner, pronouns=pronouns)
            if body is None and self._place(owner) is not None:
                return self.with_modifier(token, owner, group=group)  # "Tigray's rebels": Tigray rebels
            if body is None and noun_lemma(owner) in VAGUE_BODIES and group.armed:
                return self._bare(token, group, "")  # "the group's fighters": fighters, whose the story says
            return self._forces_of(body, group) if body is not None else None
        modifiers = sorted((c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i),
                           key=lambda c: c.i)
        qualifiers = [c.lower_ for c in modifiers if (c.lower_.startswith(("pro-", "anti-")) or c.lower_ in QUALIFIERS)
                      and self.r.entity(c) is None and c.lower_ not in group.label.lower().split()]
        stance = _split_stance(token)  # "pro - government" tokenised apart: one qualifier, 'pro-government'
        if stance is not None:
            qualifiers = [q for q in qualifiers if q != stance.split("-", 1)[1]] + [stance]
        for child in modifiers:
            actor = self.with_modifier(token, child, group=group, qualifiers=qualifiers)
            if isinstance(actor, Actor):
                return actor
        for child in token.children:
            actor = self._prepositional(token, child, group, pronouns)
            if actor is not None:
                return actor
        return self._bare(token, group, " ".join(qualifiers))

    def with_modifier(self, token: Token, child: Token, *, group: Group | None = None,
                      qualifiers: list[str] | None = None) -> Actor | None:
        """The party named by the group noun `token` qualified by the modifier `child`."""
        group = group or group_of(token)
        qualifiers = qualifiers if qualifiers is not None else []
        if group is None:
            return None
        low = child.lower_
        if low in DROPPED_MODIFIERS and self.r.entity(child) is None:
            return None
        demonym = self.r.dictionary.demonym(child.text)
        if demonym is not None:
            return self.national(demonym[0], group, child.text, " ".join(qualifiers))
        ent = self.r.entity(child)
        if ent is not None and ent.label_ == "NORP":  # 'Fulani herdsmen', 'Houthi rebels'
            body = self.r.dictionary.lookup(ent.text)
            if body is not None and body.kind not in ("government",):
                return body
            return Actor(f"{ent.text} {group.label.lower()}", group.kind)
        placed = self._place(child)
        if placed is not None:
            place, surface = placed
            if place.feature == "country":
                return self.national(place.country, group, surface, " ".join(qualifiers))
            return Actor(f"{surface} {group.label.lower()}", group.kind, place.country)
        inner = group_of(child) if child.pos_ == "NOUN" else None
        body_noun = inner or (group_of(child) if child.pos_ == "PROPN" and self.r.entity(child) is None else None)
        if body_noun is not None and body_noun.kind == "other" and group.armed and self.r.entity(child) is None:
            told = self.r.mentions.named_by(child)  # "coalition warplanes", "Alliance fighters": the one named before
            if told is not None:
                return told
        if inner is not None and inner.lemma not in ASSETS and inner.kind in ("state_force", "government", "armed_group"):
            body = self.name(child)  # "army drones", "junta aircraft", "police vehicles", "gang members"
            if body is not None:
                return body
        body = self._body(child) or (self.r.untagged_name(child, modifier=True) if self.r.entity(child) is None
                                     else None)  # "Imbonerakure fighters"
        if body is not None:
            if group.kind in ("civilians", "media") and body.kind not in ("civilians",):
                return Actor(f"{body.label} {group.label.lower()}", group.kind, body.country)
            return self._forces_of(body, group) if body.kind == "person" else body
        return None

    def _prepositional(self, token: Token, child: Token, group: Group, pronouns: bool) -> Actor | None:
        """'militias from Misrata', 'forces loyal to X', 'troops under X', 'fighters backing X'."""
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in ("back", "support"):
            return None  # "soldiers backed by Kenyan troops": helped by them, not theirs ("led by X" is X's)
        if child.dep_ == "amod" and child.lemma_.lower() in LOYAL or child.dep_ == "acl" and \
                child.lemma_.lower() in BACKING:
            prep = next((c for c in child.children if c.dep_ in ("prep", "agent") and c.lower_ in (
                "to", "with", "by", "behind", "of")), None)  # "loyal to X", "led by X"; not "backing X on Sunday"
            obj = next((g for g in child.children if g.dep_ == "dobj"), None) or next(
                (g for g in (prep.children if prep is not None else ()) if g.dep_ in ("pobj", "dobj")), None)
            owner = self.r.resolve(obj, pronouns=pronouns) if obj is not None else None
            if owner is not None and group.lemma == "coalition" and owner.kind == "government" and owner.country:
                return self.led_coalition(owner)  # "a coalition led by Saudi Arabia"
            return self._forces_of(owner, group) if owner is not None else None
        if child.dep_ != "prep" or child.lower_ not in ("from", "of", "under", "belonging"):
            return None  # "militants in Bunia", "a priest in Kaduna": where they were, not who they are
        obj = next((g for g in child.children if g.dep_ == "pobj"), None)
        if obj is None:
            return None
        if obj.lemma_.lower() in ("city", "town", "village", "district", "region", "area"):
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((g for g in of.children if g.dep_ == "pobj"), obj) if of is not None else obj
        placed = self._place(obj)
        if placed is not None and child.lower_ in ("from", "of", "in", "based"):
            place, surface = placed
            if place.feature == "country":
                return self.national(place.country, group, surface)
            names = [surface] + [p[1] for p in (self._place(c) for c in obj.conjuncts) if p]
            return Actor(f"{' and '.join(names)} {group.label.lower()}", group.kind, place.country)
        if child.lower_ in ("of", "under", "belonging", "from"):
            owner = self.r.resolve(obj, pronouns=pronouns)
            if child.lower_ == "from" and (owner is None or owner.generic or owner.kind not in ARMED_KINDS):
                return None  # "gunmen from the Islamic State West Africa Province" (a body that fights), not
                # "protesters from the teachers' union"
            if owner is not None and owner.kind != "civilians":
                return self._forces_of(owner, group)
        return None

    def _bare(self, token: Token, group: Group, qualifiers: str) -> Actor | None:
        """A group named by its noun (and stance words) only: scoped by the story's country."""
        home = self.r.home
        if group.lemma in ASSETS:
            return None  # 'drones hit the town': whose is not said
        if group.lemma in PERSON_ROLES:  # 'the interior minister', 'the envoy': a role of the story's country
            label = f"{qualifiers} {group.label.lower()}".strip().capitalize()
            return Actor(label, group.kind, home, generic=True)
        if group.lemma in VAGUE_BODIES and token.tag_ in ("NN", "NNP") and not qualifiers:
            if group.armed:  # 'an armed group', 'an unidentified armed group' (ACLED's name for them)
                unknown = any(c.lower_ in ("unidentified", "unknown") for c in token.children)
                return Actor("Unidentified armed group" if unknown else "Armed group", "armed_group", home,
                             generic=True)
            return None  # 'the group', 'the committee': nobody in particular ('the opposition coalition' is someone)
        if group.lemma in ("government", "administration", "regime", "authority") and home and not qualifiers:
            if group.lemma == "authority":
                return self.national(home, group, "")
            return self.r.country_actor(home, self.r.dictionary.demonym_of(home) or home)
        if group.kind in ("state_force", "government") and home and (
                group.kind == "state_force" or token.tag_ == "NNS" or group.lemma in NATIONAL_BODIES):
            return self.national(home, group, "", qualifiers)  # "a court" in a Zimbabwe story: a Zimbabwean court
        noun = group.label
        if token.tag_ == "NNS" and not noun.endswith("s") and " " not in noun and token.lower_.endswith("s"):
            noun = token.lower_.capitalize()  # "urged all parties": Parties, not one Party
        label = f"{qualifiers.capitalize()} {noun.lower()}" if qualifiers else noun
        kind = group.kind
        if kind == "civilians" and any(c.lower_ in ("armed", "masked", "hooded") for c in token.children):
            kind, label = "armed_group", f"Armed {group.label.lower()}"  # "armed men": gunmen
        return Actor(label, kind, home, generic=True)

    # -- coordinated modifiers --------------------------------------------------------------
    def split(self, token: Token, military: bool = False) -> list[Actor]:
        """'Egyptian and Sudanese officials', 'militias from the cities of Zawiya and Misrata' -> one
        actor each; [] when nothing is coordinated."""
        group = group_of(token)
        if group is None:
            return []
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("from", "of"):
                continue
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in ("city", "town", "village", "district", "region", "area"):
                of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else obj
            places = [p for p in (self._place(t) for t in ([obj, *obj.conjuncts] if obj is not None else []))
                      if p is not None]
            if len(places) > 1:  # "militias from Zawiya and Misrata", "the foreign ministers of Egypt and Turkey"
                return [self.national(place.country, group, surface) if place.feature == "country"
                        else Actor(f"{surface} {group.label.lower()}", group.kind, place.country)
                        for place, surface in places]
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i < token.i and \
                    any(c.dep_ == "conj" for c in child.children):
                out = []
                for mod in [child, *child.conjuncts]:  # a coordinated group noun is a party of its own
                    actor = self.r.resolve(mod, military=military) if group_of(mod) is not None \
                        else self.with_modifier(token, mod)
                    if actor is not None and actor not in out:
                        out.append(actor)
                return out if len(out) > 1 else []
        return []


def _split_stance(token: Token) -> str | None:
    """'pro-government' written as three tokens before the group noun ('pro', '-', 'government')."""
    doc = token.doc
    for i in range(max(token.left_edge.i, token.i - 6), token.i - 2):
        if doc[i].lower_ in ("pro", "anti") and doc[i + 1].text == "-" and doc[i + 2].is_alpha \
                and doc[i + 2].head.i in (token.i, doc[i + 2].i) and doc[i + 2].i < token.i:
            return f"{doc[i].lower_}-{doc[i + 2].lower_}"
    return None
