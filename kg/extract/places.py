"""Where an event happened: the story's countries, each place mention's reading, and attachment.

A mention is resolved with the story's context (`GeoContext`): the countries of its dateline and
of its unambiguous place mentions, the containing places written beside it ("Ayn Zarah
(Tripoli)", "Maymana city, Faryab", "Gwoza in Borno state") and the word the text uses for it
("Kaduna state", "the village of Bambofa"). An event takes the most specific place connected
to its trigger in the parse, or each of several coordinated places.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import Article, Place
from ..precision import place_precision
from .geo import FEATURE_RANK, GeoContext, Gazetteer
from .syntax import child, pobj

__all__ = ["PlaceFinder", "FEATURE_WORDS"]

FEATURE_WORDS = {"village": "village", "villages": "village", "town": "town", "towns": "town", "city": "city",
                 "cities": "city", "district": "district", "districts": "district", "county": "county",
                 "sub-county": "county", "state": "state", "province": "province", "region": "region",
                 "governorate": "province", "oblast": "province", "department": "province", "prefecture":
                 "province", "municipality": "town", "commune": "town", "locality": "village", "area": "area",
                 "camp": "camp", "neighbourhood": "district", "neighborhood": "district", "suburb": "district",
                 "wilaya": "province", "lga": "district", "township": "town", "zone": "region",
                 "division": "region", "settlement": "village", "hamlet": "village", "valley": "region",
                 "airport": "airport", "island": "region", "mountains": "mountain", "river": "river"}
PLACE_ANAPHORS = frozenset({"town", "city", "village"})
SKIP_FOR_PLACE = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "ccomp", "parataxis", "relcl", "advcl", "mark",
                            "poss", "npadvmod"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "inside", "into", "across", "on", "from", "to",
                      "toward", "towards", "along", "through", "within", "off", "over", "between", "of"})
_PAREN = re.compile(r"\s*\(([^()]{2,80})\)")


class PlaceFinder:
    """Place resolution for one article."""

    def __init__(self, gazetteer: Gazetteer, doc: Doc, article: Article, dateline: str | None, demonym=None):
        self.gaz, self.doc, self.article = gazetteer, doc, article
        self.demonym = demonym or (lambda word: None)  # 'Afghan' -> ('AFG', 'Afghanistan')
        self._cache: dict[tuple[int, int], Place | None] = {}
        self.countries = self._countries(dateline)
        self.home: str | None = None
        self.depth: dict[int, int] = {}
        self.precision: dict[tuple[str, str], str] = {}  # (name, container) -> precision of an approximate place

    # -- the story -------------------------------------------------------------------------
    def _countries(self, dateline: str | None) -> tuple[str, ...]:
        found: list[str] = []
        for line in (self.article.dateline, dateline):
            for part in reversed(re.sub(r"\(.*?\)", "", line or "").split(",")):
                part = part.strip()
                code = self.gaz.country_code(part) if part else None
                place = None if code else self.gaz.resolve(part.title() if part.isupper() else part)
                if code or (place is not None and place.country):
                    found.append(code or place.country)
                    break
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "LOC", "NORP"):
                code = self.gaz.country_code(ent.text)
                if code is None and ent.label_ == "NORP":
                    code = (self.demonym(ent.text) or (None,))[0]
                if code:
                    found.append(code)
        for ent in self.doc.ents:  # then the countries of names that lie in one country only
            if ent.label_ in ("GPE", "LOC") and ent.text[:1].isupper():
                countries = {c.place.country for c in self.gaz.candidates(ent.text)}
                if len(countries) == 1 and None not in countries:
                    found.append(countries.pop())
        return tuple(dict.fromkeys(found))

    def decide_home(self) -> str | None:
        """The country the story is about: the one its places name most, the dateline's on a tie."""
        counts: dict[str, int] = {}
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "LOC"):
                place = self.place_of(ent)
                if place is not None and place.country:
                    counts[place.country] = counts.get(place.country, 0) + (1 if place.feature == "country" else 2)
        if not counts:
            self.home = self.countries[0] if self.countries else None
            return self.home
        order = {c: i for i, c in enumerate(self.countries)}
        if self.countries:
            counts[self.countries[0]] = counts.get(self.countries[0], 0) + 3  # the dateline weighs more
        self.home = min(counts, key=lambda c: (-counts[c], order.get(c, 99), c))
        return self.home

    def dateline_place(self, dateline: str | None) -> Place | None:
        """The city a dateline names, when it lies in the story's country."""
        for line in (dateline, self.article.dateline):
            first = re.sub(r"\(.*?\)", "", (line or "").split(",")[0]).strip()
            if first and first.upper() != first.lower():
                place = self.gaz.resolve(first.title() if first.isupper() else first, GeoContext(self.countries))
                if place is not None and place.feature != "country" and place.country == self.home:
                    return place
        return None

    # -- one mention ------------------------------------------------------------------------
    def place_of(self, span: Span) -> Place | None:
        """The place an entity span names here, or None."""
        key = (span.start, span.end)
        if key not in self._cache:
            self._cache[key] = self._resolve(span)
        return self._cache[key]

    def _resolve(self, span: Span) -> Place | None:
        words = [t for t in span]
        feature = None
        while len(words) > 1 and words[-1].lower_ in FEATURE_WORDS:  # "Kaduna state", "Sozma Qala district"
            feature = FEATURE_WORDS[words[-1].lower_]
            words = words[:-1]
        while words and words[0].lower_ in ("the",):
            words = words[1:]
        if not words:
            return None
        name = self.doc[words[0].i: words[-1].i + 1].text
        after = self.doc[span.end] if span.end < len(self.doc) else None
        before = self.doc[span.start - 1] if span.start > 0 else None
        if feature is None and after is not None and after.lower_ in FEATURE_WORDS:
            feature = FEATURE_WORDS[after.lower_]
        if feature is None and before is not None and before.lower_ == "of" and span.start > 1 and \
                self.doc[span.start - 2].lower_ in FEATURE_WORDS:
            feature = FEATURE_WORDS[self.doc[span.start - 2].lower_]  # "the village of Bambofa"
        context = GeoContext(countries=self._context_countries(), regions=self._regions(span), feature=feature)
        place = self.gaz.resolve(name, context)
        if place is None:
            return self._approximate(span, name, context)
        if place.label != span.text:
            place = _with_alias(place, span.text)
        return place

    def _approximate(self, span: Span, name: str, context: GeoContext) -> Place | None:
        """A place the gazetteer lacks, put at the containing place the text names with it:
        'Pamoli village (Beni, Nord-Kivu)' lies at Beni. Without a container, a name the text
        calls a village, district or camp is kept with its country only (no coordinates)."""
        if span.label_ not in ("GPE", "LOC", "FAC", "PERSON") or not name[:1].isupper():
            return None
        base = GeoContext(countries=context.countries, regions=context.regions[1:])
        for region in context.regions:
            container = self.gaz.resolve(region, base)
            if container is not None and container.lat is not None:
                self.precision[(name, container.label)] = place_precision(container.feature) or "region"
                return Place(name, container.lat, container.lon, None, container.country,
                             context.feature or "locality", (span.text,), None,
                             container.admin1 or (container.label if container.feature == "admin1" else None),
                             container.admin2 or (container.label if container.feature == "admin2" else None),
                             within=container.label)  # the event's precision is the container's
        if context.feature in ("village", "town", "district", "county", "camp") and span.label_ in ("GPE", "LOC") \
                and self.home:
            return Place(name, None, None, None, self.home, context.feature, (span.text,))
        return None

    def _context_countries(self) -> tuple[str, ...]:
        if self.home and self.home not in self.countries[:1]:
            return (self.home, *self.countries)
        return self.countries

    def _regions(self, span: Span) -> tuple[str, ...]:
        """Containing places written beside a name: '(Tripoli)', '(Dagana, Hadjer-Lamis)', ', Ghor'."""
        text = self.doc.text
        rest = text[span.end_char: span.end_char + 90]
        found: list[str] = []
        m = _PAREN.match(rest)
        if m:
            found += [p.strip() for p in m.group(1).split(",") if p.strip()]
        else:
            m = re.match(r",\s+([A-Z][\w'’\- ]{2,40}?)(?:\s+(?:province|state|region|district|county|governorate))?"
                         r"(?=[.,;)]|\s*$)", rest)
            if m:
                found.append(m.group(1))
        root = span.root
        head = root.head
        if head.lower_ == "in" and head.head.ent_type_ in ("GPE", "LOC") and head.head.i < root.i:
            pass  # the name itself is the container of an earlier one
        for c in root.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "of"):
                obj = pobj(c)
                if obj is not None and obj.ent_type_ in ("GPE", "LOC"):
                    found.append(obj.text)
        return tuple(dict.fromkeys(found))

    def is_country(self, token: Token, ent: Span | None) -> bool:
        if ent is None or ent.label_ != "GPE":
            return False
        place = self.place_of(ent)
        return place is not None and place.feature == "country"

    def capital(self) -> Place | None:
        iso3 = self.home or (self.countries[0] if self.countries else None)
        return self.gaz.capital(iso3) if iso3 else None

    # -- attachment ------------------------------------------------------------------------
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
            if ent is not None and ent.label_ in ("GPE", "LOC", "FAC", "PERSON") and token.dep_ != "poss" \
                    and token.i not in skip and not self._container(ent) and not self._names_party(ent) \
                    and (ent.label_ != "PERSON" or self._locative(ent)):
                if self.place_of(ent) is not None:
                    found.append((depth + self._relative(ent), token.i, ent))
            elif token.lower_ == "capital" and token.dep_ == "pobj":
                found.append((depth, token.i, token))
            elif token.lemma_.lower() in PLACE_ANAPHORS and token.dep_ in ("pobj", "dobj") and \
                    child(token, "det") is not None and not any(c.dep_ in ("prep", "compound", "appos", "amod")
                                                                 for c in token.children):
                earlier = self._earlier_place(token)
                if earlier is not None:
                    found.append((depth + 1, token.i, earlier))
            for c in token.children:
                if c.dep_ in SKIP_FOR_PLACE or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                    continue
                frontier.append((c, depth + 1))
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
        for ent in sent.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC") or ent.root.i in skip or self._container(ent) \
                    or self._names_party(ent):
                continue
            head = ent.root
            while head.dep_ in ("compound", "amod", "appos", "conj") and head.head != head:
                head = head.head
            if head.dep_ == "pobj" and head.head.lower_ in ("in", "near", "at", "outside", "around", "inside",
                                                            "across", "into") and self.place_of(ent) is not None:
                self.depth[id(ent)] = 9
                out.append(ent)
        return out

    def _locative(self, ent: Span) -> bool:
        """'in Al Hadba', 'Pamoli village': a name the model took for a person, used as a place."""
        before = self.doc[ent.start - 1] if ent.start > 0 else None
        after = self.doc[ent.end] if ent.end < len(self.doc) else None
        return (before is not None and before.lower_ in ("in", "near", "at", "outside", "of", "around", "into")) or (
            after is not None and after.lower_ in FEATURE_WORDS)

    def _names_party(self, ent: Span) -> bool:
        """'forces of Azerbaijan', 'militias from Misrata', 'the police of X': a party's name, not a site."""
        head = ent.root
        while head.dep_ in ("compound", "conj") and head.head != head:
            head = head.head
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ not in ("of", "from"):
            return False
        owner = prep.head
        from .groups import group_of

        return owner.pos_ in ("NOUN", "PROPN") and (group_of(owner) is not None or owner.ent_type_ in ("ORG", "NORP"))

    def _container(self, ent: Span) -> bool:
        """'(Tripoli)' after 'Ayn Zarah', ', Ghor' after 'Chaghcharan district': the container of a
        named site, not a site itself (the site carries it as a region)."""
        before = self.doc.text[max(0, ent.start_char - 90): ent.start_char]
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
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "LOC") or ent.start == token.i:
                continue
            place = self.place_of(ent)
            if place is None or place.feature in ("country", "admin1", "region", "province", "sea"):
                continue
            distance = token.i - ent.start if ent.start < token.i else 3 * (ent.start - token.i)
            if distance < 200 and (best is None or distance < best[0]):
                best = (distance, ent)
        return best[1] if best else None

    def pick(self, spans: list) -> list[Place]:
        """The most specific place, or each of several coordinated places."""
        places: list[tuple[int, Place, object]] = []
        for span in spans:
            if isinstance(span, Token):  # "the capital"
                cap = self.capital()
                if cap:
                    places.append((FEATURE_RANK.get("city", 1), cap, span))
                continue
            place = self.place_of(span)
            if place is not None:
                rank = FEATURE_RANK.get(place.feature or "city", 1)
                head = span.root.head
                if head.lower_ == "of" and head.head.lemma_.lower() in FEATURE_WORDS:
                    rank = min(rank, FEATURE_RANK.get(FEATURE_WORDS[head.head.lemma_.lower()], rank))
                places.append((rank, place, span))
        if not places:
            return []
        order = {id(p[2]): i for i, p in enumerate(places)}
        scored = sorted(places, key=lambda p: (self.depth.get(id(p[2]), 0) + 2 * p[0], order[id(p[2])]))
        _, best, span = scored[0]
        token = span if isinstance(span, Token) else span.root
        group = [p for p in places if not isinstance(p[2], Token) and p[2].root in token.conjuncts]
        return [best] + [p[1] for p in group if p[1] != best]


def _with_alias(place: Place, surface: str) -> Place:
    from dataclasses import replace

    return replace(place, aliases=(surface, *[a for a in place.aliases if a != surface]))
