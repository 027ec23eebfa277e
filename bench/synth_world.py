"""A synthetic conflict world as the project's own records: actors, places, articles, event frames.

`bench/synth_store.py` writes these records as the RDF `kg ingest` writes; this module only
decides what happens. Everything is drawn from `random.Random(seed)`, so the same arguments
always give the same world and the same articles.

How it is shaped (so that the views and benchmarks see what real data looks like):

- **activity is heavy-tailed**: actor *i* takes part with weight 1/(i + 10) (Zipf-like, as in news
  coverage), so a few actors are in thousands of events and most in a handful;
- **places and actors belong to countries** (`COUNTRIES`: real centroids on four continents,
  places scattered around them); an article is about one country, its parties come from that
  country's actors, one in twenty-five from an international one;
- **sides**: each actor has a camp; events within a camp are mostly cooperation, across camps
  mostly conflict (`kg.graph.signs`), so pairs have a sign mix and the signed graph has sides;
- **time**: articles are spread over `years` from `start`; an event happens on its article's day
  or up to two days before; about 6% of events are undated, a few dated only to the month;
- some events have no target (a protest, a deployment), a few no actor; assaults may state dead;
- one article in fifty is reprinted by a second outlet under a line of its own (a syndicated copy,
  which `kg.syndication` links and resolution counts once).
"""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from itertools import accumulate
from typing import Iterator

from kg.model import Actor, Article, EventFrame, Origin, Place

__all__ = ["COUNTRIES", "World", "articles"]

# ISO3: (latitude, longitude, spread in degrees, share of the articles)
COUNTRIES = {
    "LBY": (27.0, 17.0, 3.0, 12), "SDN": (15.0, 30.0, 3.0, 10), "SYR": (35.0, 38.0, 1.5, 10),
    "YEM": (15.5, 47.5, 2.0, 8), "MLI": (17.0, -4.0, 3.0, 6), "NGA": (9.0, 8.0, 3.0, 8),
    "SOM": (6.0, 46.0, 2.5, 6), "AFG": (34.0, 66.0, 2.5, 7), "IRQ": (33.0, 44.0, 2.0, 6),
    "UKR": (49.0, 32.0, 3.5, 9), "ETH": (9.0, 39.0, 3.0, 5), "COD": (-3.0, 23.0, 4.0, 5),
    "MMR": (21.0, 96.0, 3.0, 4), "COL": (4.0, -73.0, 3.0, 2), "MEX": (23.0, -102.0, 4.0, 2),
}
KINDS = (("armed_group", 30), ("state_force", 15), ("government", 10), ("civilians", 12), ("person", 15),
         ("media", 3), ("other", 10), ("international_organisation", 2))
FEATURES = (("city", 2), ("town", 5), ("village", 3), ("district", 1))
# PLOVER types by sign (kg.graph.signs), with how often each comes up; the verb a sentence uses.
TYPES = {
    "cooperation": (("CONSULT", 30, "met"), ("AGREE", 20, "agreed with"), ("SUPPORT", 20, "backed"),
                    ("COOPERATE", 15, "cooperated with"), ("AID", 10, "sent aid to"), ("CONCEDE", 5, "conceded to")),
    "conflict": (("ASSAULT", 35, "attacked"), ("COERCE", 15, "detained members of"), ("ACCUSE", 15, "accused"),
                 ("THREATEN", 10, "threatened"), ("PROTEST", 10, "protested against"), ("REJECT", 10, "rejected"),
                 ("SANCTION", 5, "sanctioned")),
    "unsigned": (("REQUEST", 40, "called on"), ("MOBILIZE", 40, "deployed against"), ("RETREAT", 20, "withdrew from")),
}
CAMEO = {"AGREE": "057", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06", "AID": "07",
         "RETREAT": "087", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
         "SANCTION": "16", "MOBILIZE": "15", "COERCE": "17", "ASSAULT": "19"}
# the sign mix of a pair: (cooperation, conflict, unsigned) for parties of one camp, and of two
SAME_CAMP, OTHER_CAMP = (70, 20, 10), (12, 78, 10)
RETRIEVED = datetime(2024, 1, 1, tzinfo=timezone.utc)


def _picker(rng: random.Random, table):
    """A function drawing one row of (value, weight, ...) rows."""
    rows, weights = list(table), list(accumulate(row[1] for row in table))
    return lambda: rng.choices(rows, cum_weights=weights)[0]


class World:
    """The fixed population the articles are drawn from: actors, their camps, places, days."""

    def __init__(self, actors: int, places: int, years: int, start: date, seed: int):
        rng = random.Random(seed)
        countries = list(COUNTRIES)
        shares = list(accumulate(COUNTRIES[c][3] for c in countries))
        kind = _picker(rng, KINDS)
        self.actors: list[Actor] = []
        self.camps: list[int] = []
        self.pools: dict[str | None, tuple[list[int], list[float]]] = {}
        members: dict[str | None, list[int]] = {c: [] for c in [*countries, None]}
        for i in range(actors):
            k = kind()[0]
            country = None if k == "international_organisation" else rng.choices(countries, cum_weights=shares)[0]
            aliases = (f"SA{i}",) if i % 5 == 0 else ()
            self.actors.append(Actor(f"Synthetic Actor {i}", k, country, aliases))
            self.camps.append(rng.randrange(3))
            members[country].append(i)
        for country, pool in members.items():  # activity 1/(rank + 10), rank = the actor's number
            self.pools[country] = (pool, list(accumulate(1.0 / (i + 10) for i in pool)))
        feature = _picker(rng, FEATURES)
        self.places: dict[str, list[Place]] = {c: [] for c in countries}
        for i in range(places):
            country = countries[i % len(countries)] if i < len(countries) else rng.choices(countries, cum_weights=shares)[0]
            lat, lon, spread, _share = COUNTRIES[country]
            self.places[country].append(Place(
                f"Synthetic Place {i}", round(lat + rng.uniform(-spread, spread), 5),
                round(lon + rng.uniform(-spread, spread), 5), 9_000_000 + i, country, feature()[0]))
        self.countries, self.shares = countries, shares
        self.days = [start + timedelta(days=d) for d in range(365 * years)]

    def party(self, rng: random.Random, country: str) -> int:
        """An actor of `country` (one time in twenty-five an international one), by activity."""
        pool, weights = self.pools[None] if rng.random() < 1 / 25 and self.pools[None][0] else self.pools[country]
        if not pool:
            pool, weights = self.pools[country] if self.pools[country][0] else self.pools[None]
        return rng.choices(pool, cum_weights=weights)[0]


def _type(rng: random.Random, pickers: dict, mix: tuple[int, int, int]) -> tuple[str, str]:
    sign = rng.choices(("cooperation", "conflict", "unsigned"), weights=mix)[0]
    action, _weight, verb = pickers[sign]()
    return action, verb


def articles(world: World, events: int, *, per_article: int = 10, seed: int = 1) -> Iterator[tuple[Article, list[EventFrame]]]:
    """The articles, each with its event frames, until `events` frames are written.

    An article holds `per_article` events on average (between half and one and a half times
    as many); the last one holds what is left.
    """
    rng = random.Random(seed + 1)
    pickers = {sign: _picker(rng, rows) for sign, rows in TYPES.items()}
    done = number = 0
    low, high = max(1, per_article // 2), max(1, per_article + per_article // 2)
    while done < events:
        n = min(rng.randint(low, high), events - done)
        article, frames = _article(world, rng, pickers, number, n)
        yield article, frames
        done += n
        number += 1
        if done < events and len(frames) <= events - done and rng.random() < 0.02:
            yield _copy(article, frames)
            done += len(frames)


def _copy(article: Article, frames: list[EventFrame]) -> tuple[Article, list[EventFrame]]:
    """The article as a second outlet reprints it: a line of its own first, then the same text."""
    line = "Reprinted from Synthetic Wire. "
    copy = replace(article, id=f"{article.id}-copy", text=line + article.text, outlet="Synthetic Daily",
                   origin=replace(article.origin, file="synthetic-copies.jsonl"))
    shift = len(line)
    return copy, [replace(f, article_id=copy.id, start=f.start + shift, end=f.end + shift,
                          trigger_start=f.trigger_start + shift) for f in frames]


def _article(world: World, rng: random.Random, pickers: dict, number: int, n: int) -> tuple[Article, list[EventFrame]]:
    article_id = f"synthetic-{number}"
    country = rng.choices(world.countries, cum_weights=world.shares)[0]
    published = world.days[rng.randrange(len(world.days))]
    places = world.places[country]
    text, frames = f"Synthetic report {number} from {country}.", []
    for _k in range(n):
        actor_i = world.party(rng, country) if rng.random() < 0.97 else None
        target_i = world.party(rng, country) if rng.random() < 0.8 else None
        if target_i == actor_i:
            target_i = None
        if actor_i is None and target_i is None:
            actor_i = world.party(rng, country)
        if actor_i is not None and target_i is not None:
            same = world.camps[actor_i] == world.camps[target_i]
            action, verb = _type(rng, pickers, SAME_CAMP if same else OTHER_CAMP)
        else:
            action, verb = _type(rng, pickers, (20, 50, 30))
        actor = world.actors[actor_i] if actor_i is not None else None
        target = world.actors[target_i] if target_i is not None else None
        place = places[rng.randrange(len(places))] if places and rng.random() < 0.85 else None
        start = len(text) + 1
        subject = actor.label if actor else "Unknown forces"
        trigger_start = start + len(subject) + 1
        sentence = f"{subject} {verb} {target.label if target else 'positions'}" + (f" in {place.label}" if place else "") + "."
        text = f"{text} {sentence}"
        roll = rng.random()
        day = None if roll < 0.06 else published - timedelta(days=rng.randrange(3))
        precision = "month" if 0.06 <= roll < 0.08 else None
        if precision == "month":
            day = day.replace(day=1)
        dead = rng.choice((1, 2, 3, 5, 8, 12, 20)) if action == "ASSAULT" and rng.random() < 0.4 else None
        frames.append(EventFrame(article_id, action, CAMEO[action], verb.split()[0], sentence, start, start + len(sentence),
                                 trigger_start, actor, target, place, day, round(rng.uniform(0.3, 1.0), 2),
                                 "asserted" if rng.random() < 0.97 else "negated", fatalities=dead,
                                 date_precision=precision))
    origin = Origin("jsonl", file=f"synthetic.jsonl:{number + 1}", retrieved=RETRIEVED)
    return Article(article_id, text, published, title=f"Synthetic report {number}", outlet="Synthetic Wire",
                   origin=origin), frames
