"""Ranking a name's candidates with the document's context, Mordecai-style, with plain features.

Each candidate gets a score, a weighted sum of the features below; the weights are chosen by
hand so that each rule the gazetteer promises holds with room to spare (tests/test_geo_rank.py):

======================  ======  ==============================================================
feature                 weight  why
======================  ======  ==============================================================
first story country      5.0    the dateline's country: a village there beats a city abroad
other story country      4.0    countries the story names
containing region        3.0    "X, Y province": Y is the candidate's admin1/admin2
region is its country    2.0    "X (Nigeria)" when Nigeria is not already a story country
feature word agrees      3.0    'Kaduna state' -> the admin1; 'Gwoza district' -> the admin2 or
                                its namesake seat town
... loosely              1.5    'county' said of a first-level division (Kenya's counties)
feature word clashes    -1.5    'state' said of a town
log10 population         0.8    per factor of ten: Tripoli, Libya over Tripoli, Lebanon
main name                3.0    matched the main name, not only an alternate name
log2 alternate names     0.15   how well known a place is (Mordecai's alt_name_length)
country                  8.0    'Egypt' is Egypt, whatever small place also has that alias; a
                                country's ISO, common and news short names ('DR Congo') count
                                as its main names
country alias            5.0    instead, for a country named by another alias ('Silla', once
                                Korea, or 'Salvador'): no population term, so Salvador, Brazil,
                                and Silla, Spain, win
admin1                   1.5    a state over a same-named village (not over a town of 100,000 or
                                more abroad: 'Gaza' is the city, not Mozambique's province)
capital                  3.0    a capital named exactly beats a town of the story's country
curated                  7.0    hand-kept places (they have no population): general geography
                                comes before a same-named division; 1.0 for merged GeoNames ones
namesake seat           -4.0    a division whose seat town is also a candidate: the bare name
                                means the town ('Kaduna'), the feature word brings it back
near a resolved place    2.0    times exp(-km / 150) to the nearest place already resolved
region clash            -2.0    the regions name divisions of its country, and it lies in none
far from the story      -1.0    per 1,000 km beyond 1,000 km from the nearest story country's
                                centre (at most -4): 'Logo' in a Congo story is not in Finland
======================  ======  ==============================================================

`choose` (what `resolve` returns) takes the best candidate unless the context contradicts it
or cannot tell. It returns None when the regions name divisions of the candidate's country and
it lies in none of them (`Regions.clash`), unless it is a country or a capital; and, with nothing
in the context supporting it (no story country, containing region or nearby place), when

- story countries are given and it is more than `FAR_KM` from all of them (or has no position),
  unless it is a country, a capital, or a town or first-level division named by its main name that
  has 100,000 people or no namesake abroad ('Kunduz' or 'Tigray' in a Libya story; 'Logo' in a Congo
  story is not Lohja, Finland, whose Swedish name is Lojo);
- story countries are given, it is small (under 50,000 people, not a capital or curated place)
  and matched only an alternate name (Sevan, Armenia, was once 'Elenovka');
- it is a town that matched only an alternate name and has under 1,000 people;
- it is small, or far from the story, and a candidate in another country comes within `MARGIN`
  of its score ('As Sabaa' in a Libya story: Saaba, Burkina Faso, or Sabah, Malaysia?).
"""
from __future__ import annotations

import math
from typing import NamedTuple

from .kinds import FEATURE_WORDS, SEAT_WORDS, Candidate, GeoContext, place_key, strip_type
from .regions import Regions, km

__all__ = ["WEIGHTS", "FAR_KM", "MARGIN", "SMALL", "Scored", "score_candidates", "choose"]

WEIGHTS = {"country_first": 5.0, "country_other": 4.0, "region": 3.0, "region_country": 2.0,
           "feature_match": 3.0, "feature_loose": 1.5, "feature_clash": -1.5, "population": 0.8, "primary": 3.0,
           "prominence": 0.15, "country": 8.0, "country_alias": 5.0, "admin1": 1.5, "capital": 3.0, "curated": 7.0,
           "curated_merged": 1.0, "seat": -4.0, "near": 2.0, "region_clash": -2.0, "far": -1.0}
NEAR_KM = 150.0
FAR_KM = 1500.0
MARGIN = 1.0
SMALL = 50_000
BIG = 100_000  # a town this big, named by its main name, may be mentioned from anywhere
_DIVISIONS = ("admin1", "admin2")


_SUPPORT = ("country_first", "country_other", "region", "region_country", "near")


class Scored(NamedTuple):
    """A candidate with its score, its feature values and what the context said about it."""

    score: float
    candidate: Candidate
    features: dict[str, float]  # feature -> value; the score is their sum weighted by WEIGHTS
    supported: bool  # a story country, a containing region or a nearby resolved place backs it
    capital: bool
    far_km: float  # to the nearest story country's centre (0 in one or without any; inf unplaced)
    clash: bool  # the regions place it elsewhere (`Regions.clash`)


class _Story:
    """What the context says, prepared once for all the candidates of a name."""

    def __init__(self, name: str, rows, context: GeoContext, lookup, centres: dict):
        self.key, self.context = place_key(name), context
        self.regions = Regions(context.regions, lookup) if context.regions else None
        self.word = (context.feature or "").lower()
        self.kinds, self.loose = FEATURE_WORDS.get(self.word, (None, None))
        self.towns = [c.place for c, _, _ in rows if c.place.feature == "city"]
        self.town_sizes = [(c.place, c.population) for c, _, _ in rows if c.place.feature == "city" and c.primary]
        self.centres = [centres[c] for c in context.countries if centres.get(c, (None,))[0] is not None]

    def far(self, p) -> float:
        """Km from the place to the nearest story country's centre (0 in one; inf without a position)."""
        if not self.centres or p.country in self.context.countries:
            return 0.0
        if p.lat is None:
            return math.inf
        return min(km(p.lat, p.lon, lat, lon) for lat, lon in self.centres)

    def big_town_abroad(self, p) -> bool:
        """A town of 100,000 people or more in another country has the division's name ('Gaza', a
        city of Palestine and a province of Mozambique): the bare name is no more the division's."""
        return any(t.country != p.country and t.label.lower() == strip_type(p.label).lower()
                   and pop >= BIG for t, pop in self.town_sizes)

    def is_seat(self, p) -> bool:
        """A division whose namesake town is also a candidate ('Kaduna' state and city)."""
        return p.feature in _DIVISIONS and any(
            t.country == p.country and getattr(t, p.feature) == p.label
            and place_key(t.label) == place_key(strip_type(p.label)) for t in self.towns)

    def word_fits(self, p) -> str:
        """The feature that says how the text's word fits the place: match, loose or clash."""
        seat = self.word in SEAT_WORDS and p.feature == "city" and p.admin2 \
            and place_key(strip_type(p.admin2)) == self.key
        return "feature_match" if p.feature in self.kinds or seat else \
            "feature_loose" if p.feature in self.loose else "feature_clash"


def _features(c: Candidate, alts: int, capital: bool, story: _Story, far: float, clash: bool) -> dict[str, float]:
    """The candidate's feature values (the keys of WEIGHTS; absent ones are 0)."""
    p, context = c.place, story.context
    alias_only = p.feature == "country" and not c.primary  # 'Silla' (Korea), 'Salvador' (El Salvador)
    f = {"population": 0.0 if alias_only else math.log10(c.population + 1), "prominence": math.log2(1 + alts),
         "primary": float(c.primary), "capital": float(capital),
         "country": float(p.feature == "country" and c.primary), "country_alias": float(alias_only),
         "admin1": float(p.feature == "admin1" and not story.big_town_abroad(p)),  # 'Gaza' is the city
         "curated": float(c.curated and c.population == 0),
         "curated_merged": float(c.curated and c.population > 0), "region_clash": float(clash),
         "far": min(4.0, (far - 1000.0) / 1000.0) if far > 1000.0 else 0.0}
    if p.country and p.country in context.countries:
        f["country_first" if p.country == context.countries[0] else "country_other"] = 1.0
    if story.regions is not None:
        if story.regions.inside(p):
            f["region"] = 1.0
        elif p.country in story.regions.countries and p.country not in context.countries:
            f["region_country"] = 1.0
    if context.near and p.lat is not None:
        f["near"] = math.exp(-min(km(p.lat, p.lon, lat, lon) for lat, lon in context.near) / NEAR_KM)
    if story.kinds is not None:
        f[story.word_fits(p)] = 1.0
    elif story.is_seat(p):
        f["seat"] = 1.0
    return f


def score_candidates(name: str, rows, context: GeoContext, lookup, centres: dict) -> list[Scored]:
    """Each row scored with the context, best first.

    `rows` are (Candidate, number of alternate names, is a capital); `lookup(name)` gives the rows
    of another name (for the context's regions); `centres` maps ISO3 to a country's (lat, lon).
    """
    story = _Story(name, rows, context, lookup, centres)
    out = []
    for c, alts, capital in rows:
        far = story.far(c.place)
        clash = story.regions is not None and story.regions.clash(c.place)
        f = _features(c, alts, capital, story, far, clash)
        support = sum(WEIGHTS[k] * f[k] for k in _SUPPORT if k in f)
        score = sum(WEIGHTS[k] * v for k, v in f.items())
        out.append(Scored(score, c, f, support >= 1.0, capital, far, clash))
    out.sort(key=lambda t: -t.score)
    return out


def choose(scored: list[Scored]) -> Candidate | None:
    """The best candidate, or None when the context contradicts it or cannot tell (see above)."""
    if not scored:
        return None
    best = scored[0]
    c, p = best.candidate, best.candidate.place
    if best.clash and p.feature != "country" and not best.capital:
        return None
    if best.supported:
        return c
    small = p.feature in ("city", "admin2") and c.population < SMALL and not c.curated and not best.capital
    rival = next((r.score for r in scored[1:] if r.candidate.place.country != p.country), None)
    protected = p.feature == "country" or best.capital or (
        p.feature in ("city", "admin1") and c.primary and (c.population >= BIG or rival is None))
    if best.far_km > FAR_KM and not protected:
        return None
    if best.far_km > 0 and small and not c.primary:
        return None
    if p.feature == "city" and small and not c.primary and c.population < 1000:
        return None
    if (small or best.far_km > FAR_KM) and rival is not None and best.score - rival < MARGIN:
        return None
    return c
