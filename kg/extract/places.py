"""Where an event happened: the story's countries, each place mention's reading, and attachment.

A mention is resolved with the story's context (`GeoContext`): the countries of its dateline and
of its unambiguous place mentions, the containing places written beside it ("Ayn Zarah
(Tripoli)", "Maymana city, Faryab", "Gwoza in Borno state") and the word the text uses for it
("Kaduna state", "the village of Bambofa"); a village the gazetteer lacks is put at the
containing place the text names with it. Which place an event takes is `attach`.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import Article, Place
from ..precision import place_precision
from .dateline import US_STATE_ABBREVIATIONS
from .geo import GeoContext, Gazetteer
from .party_places import site_name
from .containers import DIVISION_FEATURES, FEATURE_WORDS, named_feature, regions_beside

__all__ = ["PlaceFinder"]



class PlaceFinder:
    """Place resolution for one article."""

    def __init__(self, gazetteer: Gazetteer, doc: Doc, article: Article, dateline: str | None, demonym=None,
                 actor_country=None):
        self.gaz, self.doc, self.article = gazetteer, doc, article
        self.ents: tuple[Span, ...] = tuple(doc.ents)  # read once: doc.ents and doc.text rebuild on each call
        self.text = doc.text
        self.demonym = demonym or (lambda word: None)  # 'Afghan' -> ('AFG', 'Afghanistan')
        self.actor_country = actor_country or (lambda name: None)  # 'LNA' -> 'LBY' (the dictionary's)
        self._cache: dict[tuple[int, int], Place | None] = {}
        self.countries = self._countries(dateline)
        self.home: str | None = None
        self.precision: dict[tuple[str, str], str] = {}  # (name, container) -> precision of an approximate place

    # -- the story -------------------------------------------------------------------------
    def _countries(self, dateline: str | None) -> tuple[str, ...]:
        found: list[str] = []
        for line in (self.article.dateline, dateline):
            for part in reversed(re.sub(r"\(.*?\)", "", line or "").split(",")):
                part = part.strip()
                code = "USA" if part in US_STATE_ABBREVIATIONS else self.gaz.country_code(part) if part else None
                place = None if code else self.gaz.resolve(part.title() if part.isupper() else part)
                if code or (place is not None and place.country):
                    found.append(code or place.country)
                    break
        for ent in self.ents:
            if ent.label_ in ("GPE", "LOC", "NORP"):
                code = self.gaz.country_code(ent.text)
                if code is None and (ent.label_ == "NORP" or len(ent) == 1):  # 'Nigerien', tagged GPE or NORP
                    code = (self.demonym(ent.text) or (None,))[0]
                if code:
                    found.append(code)
        for ent in self.ents:  # then the countries of the known parties named ('the GNA', 'Boko Haram')
            if ent.kb_id_ in ("actor", "place+actor"):
                code = self.actor_country(ent.text)
                if code:
                    found.append(code)
        for ent in self.ents:  # last, the countries of names that lie in one country only
            if ent.label_ in ("GPE", "LOC") and ent.text[:1].isupper():
                words = ent.text.split()
                while len(words) > 1 and words[-1].lower() in FEATURE_WORDS:  # "Hyderabad city" is Hyderabad
                    words = words[:-1]
                countries = {c.place.country for c in self.gaz.candidates(" ".join(words))}
                if len(countries) == 1 and None not in countries:
                    found.append(countries.pop())
        return tuple(dict.fromkeys(found))

    def decide_home(self) -> str | None:
        """The country the story is about: the one its places name most, the dateline's on a tie."""
        counts: dict[str, int] = {}
        for ent in self.ents:
            if ent.label_ in ("GPE", "LOC"):
                place = self.place_of(ent)
                if place is not None and place.country:
                    counts[place.country] = counts.get(place.country, 0) + (1 if place.feature == "country" else 2)
        if not counts:
            self.home = self.countries[0] if self.countries else None
            self._cache.clear()  # readings made before the home country was known
            return self.home
        order = {c: i for i, c in enumerate(self.countries)}
        if self.countries:  # the dateline breaks ties: wire copy is often filed from a neighbouring hub
            counts[self.countries[0]] = counts.get(self.countries[0], 0) + 1
        self.home = min(counts, key=lambda c: (-counts[c], order.get(c, 99), c))
        self._cache.clear()  # readings made before the home country was known ('Bunari village')
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
        if words[-1].lower_ in FEATURE_WORDS:  # "the United States", "the United Arab Emirates": a country's
            country = self.gaz.resolve(strip_the(span.text))  # name, not a division word after a name
            if country is not None and country.feature == "country":
                return country if country.label == span.text else _with_alias(country, span.text)
        while len(words) > 1 and words[-1].lower_ in FEATURE_WORDS:  # "Kaduna state", "Sozma Qala district"
            feature = FEATURE_WORDS[words[-1].lower_]
            words = words[:-1]
        while words and words[0].lower_ in ("the",):
            words = words[1:]
        if not words:
            return None
        name = self.doc[words[0].i: words[-1].i + 1].text
        inside: tuple[str, ...] = ()
        if "," in name and not name.startswith(","):  # one entity for "Nis, Serbia": the site, and its container
            name, *rest = [p.strip() for p in name.split(",")]
            inside = tuple(p for p in rest if p and " and " not in p)  # not "Cachambi, Andarai, Meier and Alemao"
        after = self.doc[span.end] if span.end < len(self.doc) else None
        before = self.doc[span.start - 1] if span.start > 0 else None
        if feature is None and after is not None and after.lower_ in FEATURE_WORDS:
            feature = FEATURE_WORDS[after.lower_]
        if feature is None and before is not None and before.lower_ == "of" and span.start > 1 and \
                self.doc[span.start - 2].lower_ in FEATURE_WORDS:
            feature = FEATURE_WORDS[self.doc[span.start - 2].lower_]  # "the village of Bambofa"
        context = GeoContext(countries=self._context_countries(), regions=inside + self._regions(span), feature=feature)
        whole = strip_the(span.text)
        place = (self.gaz.resolve(whole, context) if feature in SITE_FEATURES and whole != name else None) \
            or self.gaz.resolve(name, context)  # "Khartoum International Airport" is a name, not a town's airport
        well_known = place is None and self._well_known(name)
        place = place or well_known or None
        foreign = place is not None and context.countries and place.country not in context.countries \
            and place.feature != "country" and not well_known  # 'Albayda' in a Yemen story is not Albaida, Spain
        if (place is None or foreign) and name[:1].isupper() and span.label_ in ("GPE", "LOC", "FAC") and len(name) > 3 \
                and context.countries:  # a respelling is only trusted inside the story's countries ('Kuku' is no Qukou)
            place = self.gaz.respelled(name, context, divisions=feature in DIVISION_FEATURES) or place  # 'Garabulli'
        if place is not None and self._contained_abroad(place, context):
            place = None  # 'Vicente Lopez (Buenos Aires)' is not Vicente, Mexico: the container decides
        if foreign and place is not None and place.country not in context.countries and context.feature in (
                "village", "district", "camp"):
            place = None  # "the village of Los Laureles" in a Honduras story: a village the gazetteer lacks
            # there, not a namesake abroad (a foreign village is written with its country)
        if place is None:
            return self._approximate(span, name, context)
        if place.label != span.text:
            place = _with_alias(place, span.text)
        return place

    def _well_known(self, name: str) -> Place | None:
        """A town of 50,000 or more that alone bears `name` as its main name ('Kherson' in a story
        whose parties are Russian), when the story's context found none: other candidates match
        only alternate names."""
        primary = [c for c in self.gaz.candidates(name) if c.primary and c.place.feature == "city"]
        if len(primary) == 1 and primary[0].population >= 50_000:
            return primary[0].place
        return None

    def _contained_abroad(self, place: Place, context: GeoContext) -> bool:
        """The text writes a container beside the name that lies in another country than the
        reading (a division or town the gazetteer knows, not a bare country)."""
        if not context.regions or place.feature == "country" or place.country is None:
            return False  # a sea or a range ('the Black Sea city of Batumi') has no country to clash
        first = context.regions[0]
        words = first.split()
        while len(words) > 1 and words[-1].lower() in FEATURE_WORDS:
            words = words[:-1]
        container = self.gaz.resolve(" ".join(words), GeoContext(countries=context.countries,
                                                                 regions=context.regions[1:]))
        return container is not None and container.feature != "country" and container.country is not None \
            and container.country != place.country and place.label != container.label

    def _approximate(self, span: Span, name: str, context: GeoContext) -> Place | None:
        """A place the gazetteer lacks, put at the containing place the text names with it:
        'Pamoli village (Beni, Nord-Kivu)' lies at Beni. Without a container, a name the text
        calls a village, district or camp is kept with its country only (no coordinates)."""
        capital = name[:1].isupper() or re.match(r"(?:al|el|ad|as|ar|an|ash|at|az|ed|es)-[A-Z]", name) is not None
        site = span.label_ in ("ORG", "PERSON", "FAC") and (site_name(span) or named_feature(self.doc, span) is not None)
        # 'the Mariri ranger camp', 'the village of Vizcatán del Ené' (tagged ORG)
        if (span.label_ not in ("GPE", "LOC", "FAC", "PERSON") and not site) or not capital or self.demonym(name) or (
                name.isupper() and len(name) < 5 and context.feature is None):  # 'UN', but 'the PK5 district'
            return None
        countries = context.countries
        for n, region in enumerate(context.regions):
            base = GeoContext(countries=countries, regions=context.regions[n + 1:])  # what contains it
            words = region.split()
            while len(words) > 1 and words[-1].lower() in FEATURE_WORDS:  # "Macomia district"
                words = words[:-1]
            container = self.gaz.resolve(" ".join(words), base) or self.gaz.respelled(" ".join(words), base)
            if container is not None and container.lat is None and container.country:
                countries = (container.country, *[c for c in countries if c != container.country])
                continue  # a division without coordinates still says which country the next one is in
            if container is not None and container.lat is not None:
                self.precision[(name, container.label)] = place_precision(container.feature) or "region"
                return Place(name, container.lat, container.lon, None, container.country,
                             context.feature or "locality", (span.text,), None,
                             container.admin1 or (container.label if container.feature == "admin1" else None),
                             container.admin2 or (container.label if container.feature == "admin2" else None),
                             within=container.label)  # the event's precision is the container's
        if (context.feature in ("village", "town", "district", "county", "camp") or span.kb_id_ == "place?" or site) \
                and (span.label_ in ("GPE", "LOC") or site) and self.home:
            area = context.feature in ("region", "admin1", "province", "country", "sea", "mountain", "river")
            container = None if area else self._sentence_container(span)  # "the island of Negros" lies in no town
            if container is not None:  # "in the West Zone of Rio de Janeiro, ... a shoot-out in Cidade de Deus
                self.precision[(name, container.label)] = place_precision(container.feature) or "region"  # neighborhood"
                return Place(name, container.lat, container.lon, None, container.country,
                             context.feature or "locality", (span.text,), None, container.admin1, container.admin2,
                             within=container.label)
            return Place(name, None, None, None, self.home, context.feature or "camp", (span.text,))
        return None

    def _sentence_container(self, span: Span) -> Place | None:
        """The nearest town or division of the story's country named in the same sentence as a
        small place the gazetteer lacks: where the text puts it, at that place's precision."""
        sent = span.sent
        best: tuple[tuple[bool, int], Place] | None = None
        for ent in self.ents:
            if ent.start < sent.start or ent.end > sent.end or ent.label_ not in ("GPE", "LOC") \
                    or (ent.start, ent.end) == (span.start, span.end):
                continue
            first, *rest = [p.strip() for p in strip_the(ent.text).split(",")]  # "Londrina, Parana"
            place = self.gaz.resolve(first, GeoContext(countries=self._context_countries(), regions=tuple(rest)))
            if place is None or place.lat is None or place.country != self.home or place.feature == "country":
                continue
            distance = (place.feature in ("admin1", "region"), abs(ent.start - span.start))  # a town first
            if best is None or distance < best[0]:
                best = (distance, place)
        return best[1] if best else None

    def _context_countries(self) -> tuple[str, ...]:
        if self.home and self.home not in self.countries[:1]:
            return (self.home, *self.countries)
        return self.countries

    def _regions(self, span: Span) -> tuple[str, ...]:
        return regions_beside(self.doc, self.text, span)

    def is_country(self, token: Token, ent: Span | None) -> bool:
        if ent is None or ent.label_ != "GPE":
            return False
        place = self.place_of(ent)
        return place is not None and place.feature == "country"

    def capital(self) -> Place | None:
        iso3 = self.home or (self.countries[0] if self.countries else None)
        return self.gaz.capital(iso3) if iso3 else None


def _with_alias(place: Place, surface: str) -> Place:
    from dataclasses import replace

    return replace(place, aliases=(surface, *[a for a in place.aliases if a != surface]))


SITE_FEATURES = frozenset({"airport", "camp", "base", "port", "crossing"})  # sites named with their feature word


def strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text
