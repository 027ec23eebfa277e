"""Write a synthetic conflict-kg store: N events over A actors, P places and Y years.

The data follows the ontology (ontology/README.md) and the store layout of
`kg.store` (ontology/README.md, "Graphs"): one named graph per article, holding the
article, its events and the article's ckg:contentHash, and one description graph per
actor and place, written once and `prov:wasDerivedFrom` each article that uses it, as
after a real ingest.

Actor popularity is heavy-tailed (Zipf-like weights 1/(rank + 10)), as in news
coverage of conflicts, so a few actors take part in many events. Everything is drawn
from `random.Random(seed)`: the same arguments always give the same quads.

Usage::

    python bench/synth_store.py --events 1000000 --actors 50000 --places 10000 --out DIR [--seed 1]
    python bench/synth_store.py --events 1000 --nquads sample.nq      # only write N-Quads

The store is written with pyoxigraph's `Store.bulk_load`, streaming the N-Quads from
the generator (nothing is held in memory but one article at a time).
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import random
import sys
import time
from datetime import date, timedelta
from itertools import accumulate
from typing import Iterator

ID = "https://w3id.org/conflict-kg/id/"
CKG = "https://w3id.org/conflict-kg/ontology#"
PLOVER = "https://w3id.org/conflict-kg/plover/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#"
XSD = "http://www.w3.org/2001/XMLSchema#"

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
KINDS = ("Person", "ArmedGroup", "StateForce", "Government", "InternationalOrganisation",
         "Civilians", "Media", "OtherActor")
COUNTRIES = ("LBY", "SDN", "SYR", "YEM", "MLI", "NGA", "SOM", "AFG", "IRQ", "UKR", "ETH", "COD",
             "MOZ", "BFA", "NER", "TCD", "CAF", "SSD", "MMR", "PAK")


def _lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


class World:
    """The fixed population the events are drawn from: actors, places, dates."""

    def __init__(self, actors: int, places: int, years: int, start: date, seed: int):
        rng = random.Random(seed)
        self.actors = [
            (f"{ID}actor/synthetic-actor-{i}", f"Synthetic Actor {i}", KINDS[rng.randrange(len(KINDS))],
             COUNTRIES[rng.randrange(len(COUNTRIES))], f"SA{i}" if i % 5 == 0 else None)
            for i in range(actors)
        ]
        self.actor_weights = list(accumulate(1.0 / (rank + 10) for rank in range(actors)))
        self.places = [
            (f"{ID}place/geonames-{9_000_000 + i}", f"Synthetic Place {i}", COUNTRIES[rng.randrange(len(COUNTRIES))],
             round(rng.uniform(-35.0, 45.0), 5), round(rng.uniform(-20.0, 100.0), 5))
            for i in range(places)
        ]
        self.days = [(start + timedelta(days=d)).isoformat() for d in range(365 * years)]


def actor_quads(actor: tuple, graph: str) -> list[str]:
    iri, label, kind, country, alias = actor
    lines = [f"<{iri}> <{RDF_TYPE}> <{CKG}Actor> {graph} .",
             f"<{iri}> <{RDFS_LABEL}> {_lit(label)} {graph} .",
             f"<{iri}> <{CKG}kind> <{CKG}{kind}> {graph} .",
             f"<{iri}> <{CKG}country> {_lit(country)} {graph} ."]
    if alias:
        lines.append(f"<{iri}> <{ALT_LABEL}> {_lit(alias)} {graph} .")
    return lines


def place_quads(place: tuple, graph: str) -> list[str]:
    iri, label, country, lat, lon = place
    return [f"<{iri}> <{RDF_TYPE}> <{CKG}Place> {graph} .",
            f"<{iri}> <{RDFS_LABEL}> {_lit(label)} {graph} .",
            f"<{iri}> <{CKG}country> {_lit(country)} {graph} .",
            f"<{iri}> <{WGS84}lat> {_typed(lat, 'decimal')} {graph} .",
            f"<{iri}> <{WGS84}long> {_typed(lon, 'decimal')} {graph} ."]


def _described(iri: str) -> str:
    """The description graph of an actor or place (kg.mapping.iris.description_graph)."""
    return f"<{ID}graph/{iri[len(ID):]}>"


def article_lines(world: World, rng: random.Random, number: int, first_event: int, n_events: int,
                  seen: set[str] | None = None) -> list[str]:
    """The quads of one article graph holding events first_event .. first_event + n_events - 1,
    and of the descriptions it uses: written once (`seen` holds the IRIs already written), and
    each `prov:wasDerivedFrom` the article."""
    seen = set() if seen is None else seen
    article = f"{ID}article/synthetic-{number}"
    g = f"<{article}>"
    published = world.days[rng.randrange(len(world.days))]
    digest = hashlib.sha256(article.encode()).hexdigest()
    lines = [f"{g} <{RDF_TYPE}> <{CKG}Article> {g} .",
             f"{g} <{CKG}sourceId> {_lit(f'synthetic-{number}')} {g} .",
             f"{g} <{CKG}text> {_lit(f'Synthetic article {number}.')} {g} .",
             f"{g} <{CKG}published> {_typed(published, 'date')} {g} .",
             f"{g} <{CKG}contentHash> {_lit(digest)} {g} ."]
    actors: dict[int, tuple] = {}
    places: dict[int, tuple] = {}
    parties = rng.choices(range(len(world.actors)), cum_weights=world.actor_weights, k=2 * n_events)
    for k in range(n_events):
        number_ev = first_event + k
        event = f"<{ID}event/{number_ev:016x}>"
        action = TYPES[rng.randrange(len(TYPES))]
        lines += [f"{event} <{RDF_TYPE}> <{CKG}Event> {g} .",
                  f"{event} <{CKG}action> <{PLOVER}{action}> {g} .",
                  f"{event} <{CKG}reportedIn> {g} {g} .",
                  f"{event} <{CKG}trigger> {_lit(action.lower())} {g} .",
                  f"{event} <{CKG}charStart> {_typed(10 * k, 'integer')} {g} .",
                  f"{event} <{CKG}charEnd> {_typed(10 * k + 9, 'integer')} {g} .",
                  f"{event} <{CKG}confidence> {_typed(round(rng.uniform(0.3, 1.0), 2), 'decimal')} {g} .",
                  f"{event} <{CKG}modality> {_lit('asserted')} {g} ."]
        actor, target = parties[2 * k], parties[2 * k + 1]
        has_actor, has_target = rng.random() < 0.95, rng.random() < 0.8
        words = [f"Synthetic event {number_ev}:"]
        if has_actor:
            actors[actor] = world.actors[actor]
            lines.append(f"{event} <{CKG}actor> <{world.actors[actor][0]}> {g} .")
            words.append(world.actors[actor][1])
        words.append(action.lower())
        if has_target and target != actor:
            actors[target] = world.actors[target]
            lines.append(f"{event} <{CKG}target> <{world.actors[target][0]}> {g} .")
            words.append(world.actors[target][1])
        if rng.random() < 0.85:
            p = rng.randrange(len(world.places))
            places[p] = world.places[p]
            lines.append(f"{event} <{CKG}place> <{world.places[p][0]}> {g} .")
            words.append("in " + world.places[p][1])
        if rng.random() < 0.95:
            lines.append(f"{event} <{CKG}date> {_typed(world.days[rng.randrange(len(world.days))], 'date')} {g} .")
        lines.append(f"{event} <{CKG}evidence> {_lit(' '.join(words) + '.')} {g} .")
    for node, quads in [(a, actor_quads) for a in actors.values()] + [(p, place_quads) for p in places.values()]:
        described = _described(node[0])
        if node[0] not in seen:
            seen.add(node[0])
            lines += quads(node, described)
        lines.append(f"{described} <{DERIVED}> {g} {described} .")
    for a in actors.values():
        lines.append(f"{g} <{CKG}mentions> <{a[0]}> {g} .")
    return lines


def generate(events: int, actors: int, places: int, *, years: int = 5, start: date = date(2019, 1, 1),
             per_article: int = 10, seed: int = 1) -> Iterator[str]:
    """N-Quads lines, one article (a named graph of up to `per_article` events) at a time."""
    world = World(actors, places, years, start, seed)
    rng = random.Random(seed + 1)
    done = number = 0
    seen: set[str] = set()
    while done < events:
        n = min(per_article, events - done)
        yield "\n".join(article_lines(world, rng, number, done, n, seen)) + "\n"
        done += n
        number += 1


class _Reader(io.RawIOBase):
    """A binary file object over a generator of text chunks (so bulk_load can stream)."""

    def __init__(self, chunks: Iterator[str]):
        self._chunks, self._buffer, self._pos = chunks, b"", 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if self._pos >= len(self._buffer):
            parts, size = [], 0
            while size < len(target):
                chunk = next(self._chunks, None)
                if chunk is None:
                    break
                parts.append(chunk.encode("utf-8"))
                size += len(parts[-1])
            self._buffer, self._pos = b"".join(parts), 0
        n = min(len(target), len(self._buffer) - self._pos)
        target[:n] = self._buffer[self._pos:self._pos + n]
        self._pos += n
        return n


def build_store(out: str, **kwargs) -> None:
    """Bulk-load the generated quads into a pyoxigraph store directory `out`."""
    import pyoxigraph as ox
    from pathlib import Path

    if Path(out).exists() and any(Path(out).iterdir()):
        raise SystemExit(f"--out {out}: the directory is not empty; give a new directory")
    store = ox.Store(out)
    reader = io.BufferedReader(_Reader(generate(**kwargs)), buffer_size=1 << 20)
    store.bulk_load(input=reader, format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events to write (default 1,000,000)")
    parser.add_argument("--actors", type=int, default=50_000, help="distinct actors (default 50,000)")
    parser.add_argument("--places", type=int, default=10_000, help="distinct places (default 10,000)")
    parser.add_argument("--years", type=int, default=5, help="years the event dates span, from 2019-01-01 (default 5)")
    parser.add_argument("--per-article", type=int, default=10, help="events per article graph (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="store directory to create (must not hold a store yet)")
    target.add_argument("--nquads", help="write the N-Quads to this file ('-' for stdout) instead of a store")
    args = parser.parse_args(argv)
    kwargs = dict(events=args.events, actors=args.actors, places=args.places, years=args.years,
                  per_article=args.per_article, seed=args.seed)
    started = time.perf_counter()
    if args.nquads:
        handle = sys.stdout if args.nquads == "-" else open(args.nquads, "w", encoding="utf-8")
        with handle if handle is not sys.stdout else contextlib.nullcontext(handle):
            for chunk in generate(**kwargs):
                handle.write(chunk)
    else:
        build_store(args.out, **kwargs)
    print(f"wrote {args.events} events in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
