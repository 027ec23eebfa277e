"""Which place an event took place at: the most specific place connected to its trigger.

Place mentions are collected by distance from the trigger in the dependency parse (skipping
other clauses and the parties' own names), a container written beside a site ('(Tripoli)') gives
way to the site, a bearing ('south of X') counts as farther, 'the town' points back to the
nearest town named, and a sentence's locative phrases serve when the trigger's clause names none.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from ..model import Place
from ..precision import place_precision
from .geo import FEATURE_RANK
from .groups import group_of, noun_lemma
from .names import name_key
from .party_places import site_name
from .containers import FEATURE_WORDS, named_feature
from .places import PlaceFinder
from .syntax import PLACE_NOUNS, child, entity_span

__all__ = ["PlaceAttacher"]

PLACE_ANAPHORS = frozenset({"town", "city", "village"})
# 'the airport', 'the camp': the nearest site of that kind named before ("the military section of the airport")
SITE_ANAPHORS = {"airport": ("airport", "airfield", "airbase"), "airbase": ("airport", "airbase", "airfield", "base"),
                 "base": ("base", "airbase", "airport"), "camp": ("camp",), "port": ("port",)}
SKIP_FOR_PLACE = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "ccomp", "parataxis", "relcl", "advcl", "mark",
                            "poss", "npadvmod"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "inside", "into", "across", "on", "from", "to",
                      "toward", "towards", "along", "through", "within", "off", "over", "between", "of"})


def _names_the_place(ent: Span) -> bool:
    """'the provincial capital, Tayabamba', 'the town, Kidal': a name (tagged ORG or PERSON) in
    apposition to a word for a place is that place."""
    root = ent.root
    return root.dep_ == "appos" and (noun_lemma(root.head) in PLACE_NOUNS or root.head.lower_ in FEATURE_WORDS)


def _definite(token: Token) -> bool:
    """'the town', 'this village': a place told before ('a village' is a new one)."""
    det = child(token, "det")
    return det is not None and det.lower_ in ("the", "this", "that")


def _site(token: Token) -> Token:
    """The noun a place name stands under: 'town' for 'Kobo town', 'parts' for 'parts of Tigray',
    'airport' for "the capital's airport" (the phrase that is coordinated with its neighbours)."""
    for _ in range(4):
        if token.dep_ in ("compound", "nmod", "amod", "poss") and token.head.pos_ in ("NOUN", "PROPN"):
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            token = token.head.head
        else:
            break
    return token


def _owner_of_named(span, named: set[int]) -> bool:
    """"Hodeida's Jabal Ras area", "Tripoli's Tajoura district": the owner of a frame noun that
    carries a name of its own contains that named place, whatever the gazetteer ranks them."""
    if not isinstance(span, Span):
        return False
    root = span.root
    return root.dep_ == "poss" and root.head.i in named and root.head.lower_ in FEATURE_WORDS


class PlaceAttacher:
    """Place attachment for one article, over its `PlaceFinder`."""

    def __init__(self, finder: PlaceFinder):
        self.f = finder
        self.depth: dict[int, int] = {}

    def has_place(self, verb: Token) -> bool:
        """A place is named in the verb's own prepositional phrases."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in LOCATIVE:
                for t in prep.subtree:
                    if t.ent_type_ in ("GPE", "LOC", "FAC"):
                        return True
        return False

    def candidates(self, roots: list[Token], entity, skip: set[int] = frozenset()) -> list:
        """Place mentions by distance from the trigger, skipping other clauses and the parties.

        `entity(token)` gives the entity span a token is part of."""
        found: list[tuple[int, int, object]] = []
        frontier = [(r, 0) for r in roots]
        seen: set[int] = set()
        while frontier:
            token, depth = frontier.pop(0)
            if token.i in seen or depth > 7:
                continue
            seen.add(token.i)
            ent = entity(token)
            if ent is not None and (ent.label_ in ("GPE", "LOC", "FAC", "PERSON") or site_name(ent)
                                    or _names_the_place(ent) or named_feature(self.f.doc, ent)) and (
                    token.dep_ != "poss" or noun_lemma(token.head) in PLACE_NOUNS) \
                    and token.i not in skip and not self._container(ent) and not self._names_party(ent) \
                    and (ent.label_ != "PERSON" or self._locative(ent) or site_name(ent)):
                parts = self._listed(ent)
                for part in parts or [ent]:
                    if self.f.place_of(part) is not None:
                        found.append((depth + self._relative(ent), part.start, part))
            elif token.lower_ == "capital" and (token.dep_ in ("pobj", "dobj") or token.dep_ == "poss" and noun_lemma(
                    token.head) in PLACE_NOUNS) and not any(
                    c.dep_ in ("appos", "compound") or (c.ent_type_ in ("GPE", "LOC") and self._capital_of(c) is None)
                    for c in token.children):
                # "in the capital": the country's; "Tigray's capital, Mekele" names its own
                found.append((depth, token.i, token))
            elif token.lemma_.lower() in PLACE_ANAPHORS and token.dep_ in ("pobj", "dobj") and \
                    _definite(token) and not any(c.dep_ in ("prep", "compound", "appos", "amod")
                                                                 for c in token.children):
                earlier = self._earlier_place(token)
                if earlier is not None:
                    found.append((depth + 1, token.i, earlier))
            elif token.lemma_.lower() in SITE_ANAPHORS and token.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and \
                    _definite(token) and not any(c.dep_ in ("compound", "appos", "poss") or c.ent_type_
                                                 for c in token.children):
                earlier = self._earlier_site(token, SITE_ANAPHORS[token.lemma_.lower()])
                if earlier is not None:
                    found.append((depth + 1, token.i, earlier))
            for c in token.children:
                if c.dep_ == "poss" and noun_lemma(token) in PLACE_NOUNS:
                    pass  # "Tripoli's airport": the owner of a site is its place
                elif c.dep_ in SKIP_FOR_PLACE or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                    continue
                feature = token if c.lower_ == "of" else token.head if token.lower_ == "of" else None
                naming = feature is not None and feature.lower_ in FEATURE_WORDS and not any(
                    g.dep_ == "compound" for g in feature.children)  # "near the village of La Victoria": one
                # name, one step (not "the Abu Salim district of Tripoli", whose 'of' names the container)
                frontier.append((c, depth + (0 if naming else 1)))
        ordered, kept = [], set()
        for depth, _, span in sorted(found, key=lambda f: (f[0], f[1])):
            key = (span.start, span.end) if isinstance(span, Span) else span.i
            if key in kept:
                continue
            kept.add(key)
            self.depth[id(span)] = depth
            ordered.append(span)
        return ordered

    def locative(self, sent: Span, entity, skip: set[int] = frozenset()) -> list:
        """Places of a sentence's locative phrases ('in X', 'near X'), for an event whose own
        clause names none: short notes often put the place last, attached anywhere."""
        out = []
        for ent in self.f.ents:
            if not sent.start <= ent.start < sent.end:
                continue
            if ent.label_ not in ("GPE", "LOC", "FAC", "PERSON") or ent.root.i in skip or self._container(ent) \
                    or self._names_party(ent) or (ent.label_ == "PERSON" and not self._locative(ent)):
                continue
            head = ent.root
            while head.dep_ in ("compound", "amod", "appos", "conj") and head.head != head:
                head = head.head
            if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "pobj":
                head = head.head.head  # "in PD12 of Herat city": the site is in the city
            before = self.f.doc[ent.start - 1] if ent.start > 0 else None
            dangling = before is not None and before.lower_ in ("in", "near", "at") and not any(
                c.dep_ == "pobj" for c in before.children)  # "in Antsirabe, ..." with the town read as a subject
            if (dangling or head.dep_ == "pobj" and head.head.lower_ in (
                    "in", "near", "at", "outside", "around", "inside", "across", "into")) \
                    and self.f.place_of(ent) is not None:
                self.depth[id(ent)] = 9
                out.append(ent)
        return out

    def _locative(self, ent: Span) -> bool:
        """'in Al Hadba', 'Pamoli village': a name the model took for a person, used as a place."""
        before = self.f.doc[ent.start - 1] if ent.start > 0 else None
        after = self.f.doc[ent.end] if ent.end < len(self.f.doc) else None
        return (before is not None and before.lower_ in ("in", "near", "at", "outside", "of", "around", "into")) or (
            after is not None and after.lower_ in FEATURE_WORDS)

    def _capital_of(self, token: Token) -> Place | None:
        """The capital of the country `token` names ('Somalia' in "Somalia's capital"), else None."""
        ent = entity_span(token)
        place = self.f.place_of(ent) if ent is not None else None
        return self.f.gaz.capital(place.country) if place is not None and place.feature == "country" else None

    def _listed(self, ent: Span) -> list[Span]:
        """'the towns of Zvečan and Leposavić', tagged one organisation: each name its own place."""
        if ent.label_ in ("GPE", "LOC") or not any(t.lower_ == "and" for t in ent) \
                or named_feature(self.f.doc, ent) is None:
            return []
        parts, start = [], ent.start
        for t in list(ent) + [None]:
            if t is None or t.lower_ in ("and", ","):
                end = t.i if t is not None else ent.end
                if end > start:
                    parts.append(Span(self.f.doc, start, end, label="GPE"))
                start = end + 1
        return parts if len(parts) > 1 else []

    def _names_party(self, ent: Span) -> bool:
        """'forces of Azerbaijan', 'militias from Misrata', 'the police of X': a party's name, not a site."""
        head = ent.root
        if head.dep_ in ("compound", "amod") and group_of(head.head) is not None:
            return True  # "the Saudi coalition force", "Zawiya militias"
        while head.dep_ in ("compound", "conj") and head.head != head:
            head = head.head
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ not in ("of", "from"):
            return False
        owner = prep.head
        if prep.lower_ == "of" and owner.lower_ in FEATURE_WORDS:
            return False  # "the community of Pinzándaro": a place's own name, though communities are parties too
        return owner.pos_ in ("NOUN", "PROPN") and (group_of(owner) is not None or owner.ent_type_ in ("ORG", "NORP"))

    def _container(self, ent: Span) -> bool:
        """'(Tripoli)' after 'Ayn Zarah', ', Ghor' after 'Chaghcharan district': the container of a
        named site, not a site itself (the site carries it as a region)."""
        before = self.f.text[max(0, ent.start_char - 90): ent.start_char]
        if re.search(r"\([^()]*$", before):  # inside parentheses
            return bool(re.search(r"[A-Z]\w+[^()]*\([^()]*$", before))
        root = ent.root
        return root.dep_ == "appos" and root.head.ent_type_ in ("GPE", "LOC", "FAC")

    @staticmethod
    def _relative(span) -> int:
        """A place named only as a bearing ('close to X', 'south of X') counts as farther away."""
        token = span if isinstance(span, Token) else span.root
        prep = token.head
        if prep.dep_ == "prep" and prep.head.pos_ in ("ADJ", "ADV") or prep.lower_ in ("near", "outside"):
            return 2
        return 0

    def _earlier_place(self, token: Token) -> Span | None:
        """'the town', 'the city': the nearest town or city named before, or just after, in the story."""
        best = None
        for ent in self.f.ents:
            if ent.label_ not in ("GPE", "LOC") or ent.start == token.i:
                continue
            place = self.f.place_of(ent)
            if place is None or place.feature in ("country", "admin1", "region", "province", "sea"):
                continue
            distance = token.i - ent.start if ent.start < token.i else 3 * (ent.start - token.i)
            if distance < 200 and (best is None or distance < best[0]):
                best = (distance, ent)
        return best[1] if best else None

    def _earlier_site(self, token: Token, features: tuple[str, ...]) -> Span | None:
        """'the airport': the nearest earlier named place of one of `features`, within a few sentences."""
        best = None
        for ent in self.f.ents:
            if ent.start >= token.i or token.i - ent.start > 300:
                continue
            place = self.f.place_of(ent)
            if place is not None and place.feature in features:
                best = ent
        return best

    def _placed_at(self, place: Place, others: list[Place]) -> Place:
        """An unlisted place with no container written beside it, put at the nearest other place
        the event's clause names in the same country (a town or a division, not the country)."""
        host = next((o for o in others if o.lat is not None and o.feature != "country"
                     and o.country == place.country), None)
        if host is None:
            return place
        self.f.precision[(place.label, host.label)] = place_precision(host.feature) or "region"
        return replace(place, lat=host.lat, lon=host.lon, admin1=host.admin1 or (
            host.label if host.feature == "admin1" else None), admin2=host.admin2, within=host.label)

    def pick(self, spans: list) -> list[Place]:
        """The most specific place, or each of several coordinated places."""
        places: list[tuple[int, Place, object]] = []
        for span in spans:
            if isinstance(span, Token):  # "the capital", "Somalia's capital"
                owner = next((c for c in span.children if c.dep_ == "poss"), None)
                cap = self._capital_of(owner) if owner is not None else self.f.capital()
                if cap:
                    places.append((FEATURE_RANK.get("city", 1), cap, span))
                continue
            place = self.f.place_of(span)
            if place is not None:
                rank = FEATURE_RANK.get(place.feature or "city", 1)
                head = span.root.head
                if head.lower_ == "of" and head.head.lemma_.lower() in FEATURE_WORDS:
                    rank = min(rank, FEATURE_RANK.get(FEATURE_WORDS[head.head.lemma_.lower()], rank))
                places.append((rank, place, span))
        if not places:
            return []
        def contains(outer: Place) -> bool:  # another candidate lies in `outer`
            names = {outer.label, *outer.aliases}
            names |= {n for q in places for n in (q[1].within, q[1].admin1, q[1].admin2)
                      if n and name_key(n) in {name_key(m) for m in names}}  # 'Paez' is 'Páez'
            return any(q[1] != outer and (q[1].within in names or (q[1].admin2 in names and outer.feature != "city"
                                                                   or q[1].admin2 in names and q[1].label != outer.label)
                                          or (q[1].admin1 in names and outer.feature in ("admin1", "region", "province")))
                       for q in places) or (outer.feature == "country" and any(
                           q[1].country == outer.country and q[1].feature != "country" for q in places))
        named = {p[2].root.head.i for p in places if isinstance(p[2], Span) and p[2].root.dep_ == "compound"}
        kept = [p for p in places if not contains(p[1]) and not _owner_of_named(p[2], named)]
        places = kept or places  # 'Mucojo in Macomia district', 'near Ormara in Gwadar district': the site
        order = {id(p[2]): i for i, p in enumerate(places)}
        scored = sorted(places, key=lambda p: (self.depth.get(id(p[2]), 0) + 2 * p[0]
                                               + 3 * (p[1].lat is None and p[0] >= 2),  # an area the gazetteer
                                               order[id(p[2])]))  # lacks ('the island of Negros') locates nothing
        _, best, span = scored[0]
        if best.lat is None:  # "in Ayacucho, ... in the Dorregaray neighbourhood": at the named town
            best = self._placed_at(best, [p[1] for p in scored[1:]])
        token = span if isinstance(span, Token) else span.root
        sites = set(_site(token).conjuncts)  # "around Kobo town, parts of southern Tigray and areas of Fanti"
        group = [p for p in places if not isinstance(p[2], Token) and (
            p[2].root in token.conjuncts or _site(p[2].root) in sites)]
        return [best] + [p[1] for p in group if p[1] != best]
