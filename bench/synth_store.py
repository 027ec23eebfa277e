"""Write a synthetic conflict-kg store: N events over A actors, P places and Y years.

What happens comes from `bench/synth_world.py` (heavy-tailed activity, countries with real
coordinates, camps that give pairs a cooperation/conflict mix, undated events). This module
writes it as `kg ingest` would: the quads of `kg.mapping.to_rdf.graph_from_frames`, split as
`kg.store` splits them (one graph per article with its events and content hash; each actor
and place described once, in its own graph, `prov:wasDerivedFrom` each article that uses it),
then the ontology graph, the story links of syndicated copies (the test of `kg.syndication`)
and the happenings (`kg.resolve.cluster` over the events as resolution reads them). The N-Quads
are written with string formatting, not rdflib, and bulk-loaded (streamed: one article at a
time; only what resolution needs of each event is kept), which is what makes it fast: 100,000
events in well under a minute, where `kg`'s own write path takes several.
`tests/test_synth_store.py` checks that the result equals, quad for quad, the store that `kg`'s
own write path (`article_ntriples`, `put_article`, `after_write`) makes of the same articles.

Usage::

    python bench/synth_store.py --out DIR --actors 10000 --events 100000 --seed 1
    python bench/synth_store.py --events 1000 --nquads sample.nq    # only write the N-Quads

Actor IRIs are `id/actor/synthetic-actor-N` (actor N is the N-th most active), places
`id/place/geonames-{9000000 + N}`.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth_world import World, articles  # noqa: E402

from kg.mapping.iris import (ONTOLOGY_GRAPH, actor_iri, actor_label, article_iri, description_graph,  # noqa: E402
                             event_iri, extraction_iri, place_iri)
from kg.model import Article, EventFrame, Extraction  # noqa: E402
from kg.precision import place_precision  # noqa: E402
from kg.resolve import RESOLVED_GRAPH, Report, cluster  # noqa: E402
from kg.resolve.happenings import happenings_from  # noqa: E402
from kg.store.validate import ontology_graph  # noqa: E402
from kg.syndication.link import STORIES_GRAPH  # noqa: E402
from kg.syndication.sketch import THRESHOLD, band_keys, jaccard, shingles  # noqa: E402

__all__ = ["EXTRACTION", "Collected", "article_quads", "trailing_quads", "generate", "build_store", "main"]

CKG = "https://w3id.org/conflict-kg/ontology#"
PLOVER = "https://w3id.org/conflict-kg/plover/"
CAMEO = "https://w3id.org/conflict-kg/cameo/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
PROV = "http://www.w3.org/ns/prov#"
WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#"
GEO = "http://www.opengis.net/ont/geosparql#"
XSD = "http://www.w3.org/2001/XMLSchema#"
KINDS = {"person": "Person", "armed_group": "ArmedGroup", "state_force": "StateForce", "government": "Government",
         "international_organisation": "InternationalOrganisation", "civilians": "Civilians", "media": "Media",
         "other": "OtherActor"}
EXTRACTION = Extraction("synth_store", "1", None)  # the events were made up here, not extracted: say so


def _lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def _decimal(value: float, places: int) -> str:
    return _typed(Decimal(str(round(value, places))), "decimal")


def _coordinate(value: float) -> str:
    return format(Decimal(str(round(value, 5))), "f")


def _actor_triples(actor) -> tuple[str, list[str]]:
    iri = f"<{actor_iri(actor)}>"
    lines = [f"{iri} {TYPE} <{CKG}Actor>", f"{iri} {LABEL} {_lit(actor_label(actor))}",
             f"{iri} <{CKG}kind> <{CKG}{KINDS.get(actor.kind, 'OtherActor')}>"]
    if actor.country:
        lines.append(f"{iri} <{CKG}country> {_lit(actor.country)}")
    lines += [f"{iri} {ALT} {_lit(alias)}" for alias in actor.aliases if alias != actor.label]
    return iri, lines


def _place_triples(place, out: dict | None = None) -> dict[str, list[str]]:
    """IRI -> triples of `place` (first) and of every place it lies in, as `kg.mapping.places.add_place`
    writes them (the gazetteer's hierarchy: ``geo:sfWithin`` each division and the country)."""
    from kg.extract.geo import load_gazetteer

    out = {} if out is None else out
    iri = f"<{place_iri(place)}>"
    if iri in out:
        return out
    other_names, containers = load_gazetteer().hierarchy(place)
    geometry = f"<{place_iri(place)}/geometry>"
    lines = out[iri] = [f"{iri} {TYPE} <{CKG}Place>", f"{iri} {LABEL} {_lit(place.label)}"]
    lines += [f"{iri} {ALT} {_lit(alias)}" for alias in dict.fromkeys((*place.aliases, *other_names))
              if alias != place.label]
    if place.country:
        lines.append(f"{iri} <{CKG}country> {_lit(place.country)}")
    if place.geonames:
        lines.append(f"{iri} <{CKG}geonamesId> {_typed(int(place.geonames), 'integer')}")
    if place.lat is not None and place.lon is not None:
        wkt = f"POINT({_coordinate(place.lon)} {_coordinate(place.lat)})"
        lines += [f"{iri} <{WGS84}lat> {_decimal(place.lat, 5)}", f"{iri} <{WGS84}long> {_decimal(place.lon, 5)}",
                  f"{iri} <{GEO}hasGeometry> {geometry}", f"{geometry} {TYPE} <{GEO}Geometry>",
                  f'{geometry} <{GEO}asWKT> "{wkt}"^^<{GEO}wktLiteral>']
    for outer in containers:
        outer_iri = f"<{place_iri(outer)}>"
        _place_triples(outer, out)
        if outer_iri != iri:
            lines.append(f"{iri} <{GEO}sfWithin> {outer_iri}")
    return out


def _article_lines(article: Article, art: str, bands: list[str]) -> list[str]:
    lines = [f"{art} {TYPE} <{CKG}Article>", f"{art} <{CKG}sourceId> {_lit(article.id)}",
             f"{art} <{CKG}text> {_lit(article.text)}", f"{art} <{CKG}published> {_typed(article.published, 'date')}",
             f"{art} <{CKG}contentHash> {_lit(article.content_hash)}"]
    for prop, value in (("title", article.title), ("outlet", article.outlet), ("dateline", article.dateline)):
        if value:
            lines.append(f"{art} <{CKG}{prop}> {_lit(value)}")
    run = f"<{extraction_iri(article.id, EXTRACTION)}>"
    lines += [f"{run} {TYPE} <{CKG}Extraction>", f"{run} {LABEL} {_lit(f'{EXTRACTION.extractor} {EXTRACTION.version}')}",
              f"{run} <{CKG}extractor> {_lit(EXTRACTION.extractor)}",
              f"{run} <{CKG}extractorVersion> {_lit(EXTRACTION.version)}", f"{art} <{PROV}wasGeneratedBy> {run}"]
    origin = article.origin
    if origin is not None:
        retrieval = f"<{article_iri(article.id)}/retrieval>"
        lines += [f"{art} <{CKG}retrievedBy> {retrieval}", f"{retrieval} {TYPE} <{CKG}Retrieval>",
                  f"{retrieval} <{CKG}inputFormat> {_lit(origin.format)}"]
        if origin.file:
            lines.append(f"{retrieval} <{CKG}sourceFile> {_lit(origin.file)}")
        if origin.retrieved is not None:
            lines.append(f"{retrieval} <{PROV}endedAtTime> {_typed(origin.retrieved.isoformat(), 'dateTime')}")
    lines += [f"{art} <{CKG}minhashBand> {_lit(key)}" for key in bands]
    return lines


def _event_lines(frame: EventFrame, art: str) -> tuple[str, list[str]]:
    ev = f"<{event_iri(frame)}>"
    lines = [f"{ev} {TYPE} <{CKG}Event>", f"{ev} <{CKG}action> <{PLOVER}{frame.action}>",
             f"{ev} <{CKG}cameo> <{CAMEO}{frame.cameo[:2]}>", f"{ev} <{CKG}reportedIn> {art}",
             f"{ev} <{CKG}trigger> {_lit(frame.trigger)}", f"{ev} <{CKG}evidence> {_lit(frame.sentence)}",
             f"{ev} <{CKG}charStart> {_typed(frame.start, 'integer')}", f"{ev} <{CKG}charEnd> {_typed(frame.end, 'integer')}",
             f"{ev} <{CKG}confidence> {_decimal(frame.confidence, 2)}", f"{ev} <{CKG}modality> {_lit(frame.modality)}",
             f'{ev} <{CKG}source> "extracted"']
    dated = frame.date_precision or ("day" if frame.date else None)
    placed = frame.place_precision or (place_precision(frame.place.feature) if frame.place else None)
    if dated:
        lines.append(f"{ev} <{CKG}datePrecision> {_lit(dated)}")
    if placed:
        lines.append(f"{ev} <{CKG}placePrecision> {_lit(placed)}")
    if frame.fatalities is not None:
        lines.append(f"{ev} <{CKG}fatalities> {_typed(int(frame.fatalities), 'integer')}")
    if frame.date:
        lines.append(f"{ev} <{CKG}date> {_typed(frame.date, 'date')}")
    return ev, lines


@lru_cache(maxsize=None)
def _actor(actor) -> str:
    return str(actor_iri(actor))


@lru_cache(maxsize=None)
def _place(place) -> str:
    return str(place_iri(place))


class Collected:
    """What the graphs written after the articles need: each article's band keys and text, and
    each event as resolution reads it (`kg.resolve.Report`)."""

    def __init__(self):
        self.bands: dict[str, list[str]] = {}
        self.texts: dict[str, str] = {}
        self.reports: list[Report] = []

    def add(self, art: str, article: Article, frames: list[EventFrame], bands: list[str]) -> None:
        self.bands[art], self.texts[art] = bands, article.text
        for frame in frames:
            place = frame.place
            self.reports.append(Report(
                str(event_iri(frame)), art, frame.action, frame.date,
                frame.date_precision or ("day" if frame.date else None),
                _actor(frame.actor) if frame.actor else None, _actor(frame.target) if frame.target else None,
                _place(place) if place else None, place.label if place else None,
                place.lat if place else None, place.lon if place else None, place.geonames if place else None,
                place.country if place else None, frame.place_precision or (place_precision(place.feature) if place else None),
                "extracted", frame.modality, frame.fatalities))


def article_quads(article: Article, frames: list[EventFrame], described: set[str], cache: dict,
                  collected: Collected) -> list[str]:
    """The N-Quads of one article graph and of the descriptions it uses (each entity's triples
    written with its first article; `described` holds those already written, `cache` the triples
    of each actor and place)."""
    art = f"<{article_iri(article.id)}>"
    bands = band_keys(article.text)
    collected.add(art[1:-1], article, frames, bands)
    own = _article_lines(article, art, bands)
    used: dict[str, list[str]] = {}
    for frame in frames:
        ev, lines = _event_lines(frame, art)
        own += lines
        parties = [("actor", a) for a in frame.actors] + [("target", t) for t in frame.targets]
        for prop, actor in parties:
            iri, triples = cache.get(actor) or cache.setdefault(actor, _actor_triples(actor))
            used[iri[1:-1]] = triples
            own += [f"{ev} <{CKG}{prop}> {iri}", f"{art} <{CKG}mentions> {iri}"]
        if frame.place is not None:
            described_places = cache.get(frame.place) or cache.setdefault(frame.place, _place_triples(frame.place))
            used.update((node[1:-1], triples) for node, triples in described_places.items())
            iri = next(iter(described_places))
            own += [f"{ev} <{CKG}place> {iri}", f"{art} <{CKG}mentions> {iri}"]
    quads = [f"{line} {art} ." for line in own]
    for entity, triples in used.items():
        graph = f"<{description_graph(entity)}>"
        if entity not in described:
            described.add(entity)
            quads += [f"{line} {graph} ." for line in triples]
        quads.append(f"{graph} <{PROV}wasDerivedFrom> {art} {graph} .")
    return quads


def _stories(collected: Collected) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The copies of one story (`kg.syndication.link`: a shared band key, then shingle sets at
    least THRESHOLD alike) and each linked article's story (the first IRI of its copies)."""
    holders: dict[str, list[str]] = {}
    for art, keys in collected.bands.items():
        for key in keys:
            holders.setdefault(key, []).append(art)
    pairs = {tuple(sorted((a, b))) for arts in holders.values() for a in arts for b in arts if a < b}
    sets: dict[str, set[str]] = {}

    def shingled(art: str) -> set[str]:
        return sets.get(art) or sets.setdefault(art, shingles(collected.texts[art]))

    links = sorted((a, b) for a, b in pairs if jaccard(shingled(a), shingled(b)) >= THRESHOLD)
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return links, {g: root(g) for g in parent}


def trailing_quads(collected: Collected) -> Iterator[str]:
    """The graphs `kg ingest` writes after the articles: the ontology, the story links of
    syndicated copies and the happenings (`kg.resolve`'s own rule and records)."""
    graph = f"<{ONTOLOGY_GRAPH}>"
    yield "".join(f"{line[:-1]}{graph} .\n" for line in ontology_graph().serialize(format="nt").splitlines()
                  if line.strip())
    links, stories = _stories(collected)
    graph = f"<{STORIES_GRAPH}>"
    yield "".join(f"<{a}> <{CKG}sameStoryAs> <{b}> {graph} .\n<{b}> <{CKG}sameStoryAs> <{a}> {graph} .\n"
                  for a, b in links)
    # `cluster` never puts two types in one happening (`kg.resolve.rule.compatible`, and a copy's
    # key holds the type): clustering the reports of each type apart gives the same groups, faster
    by_type: dict[str, list[Report]] = {}
    for report in collected.reports:
        by_type.setdefault(report.action, []).append(report)
    groups = [group for action in sorted(by_type) for group in cluster(by_type[action], stories)]
    graph, lines = f"<{RESOLVED_GRAPH}>", []
    for h in happenings_from(groups, stories):
        node = f"<{h.iri}>"
        lines += [f"{node} {TYPE} <{CKG}Happening> {graph} .", f"{node} {LABEL} {_lit(h.label)} {graph} .",
                  f"{node} <{CKG}mentionCount> {_typed(h.mention_count, 'integer')} {graph} .",
                  f"{node} <{CKG}sourceCount> {_typed(h.source_count, 'integer')} {graph} ."]
        lines += [f"{node} <{CKG}source> {_lit(source)} {graph} ." for source in h.sources]
        lines += [f"{node} <{PROV}wasDerivedFrom> <{g}> {graph} ." for g in h.graphs]
        if h.fatalities is not None:
            lines.append(f"{node} <{CKG}fatalities> {_typed(h.fatalities, 'integer')} {graph} .")
        lines += [f"<{r.iri}> <{CKG}reportOf> {node} {graph} ." for r in h.reports]
        if len(lines) > 20_000:
            yield "\n".join(lines) + "\n"
            lines = []
    yield "\n".join(lines) + "\n" if lines else ""


def generate(events: int, actors: int, places: int, *, years: int = 5, start: date = date(2019, 1, 1),
             per_article: int = 10, seed: int = 1) -> Iterator[str]:
    """N-Quads text: one article (and the descriptions it brings) at a time, then the graphs that
    follow the articles (`trailing_quads`)."""
    world = World(actors, places, years, start, seed)
    described: set[str] = set()
    cache: dict = {}
    collected = Collected()
    for article, frames in articles(world, events, per_article=per_article, seed=seed):
        yield "\n".join(article_quads(article, frames, described, cache, collected)) + "\n"
    yield from trailing_quads(collected)


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
    """Bulk-load the generated quads into a new store directory `out`."""
    import pyoxigraph as ox

    path = Path(out)
    if path.exists() and any(path.iterdir()):
        raise SystemExit(f"--out {out}: the directory is not empty; give a new directory")
    path.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(path))
    reader = io.BufferedReader(_Reader(generate(**kwargs)), buffer_size=1 << 20)
    store.bulk_load(input=reader, format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events to write (default 1,000,000)")
    parser.add_argument("--actors", type=int, default=50_000, help="distinct actors (default 50,000)")
    parser.add_argument("--places", type=int, default=10_000, help="distinct places (default 10,000)")
    parser.add_argument("--years", type=int, default=5, help="years the event dates span, from 2019-01-01 (default 5)")
    parser.add_argument("--per-article", type=int, default=10, help="events per article graph on average (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="store directory to create (must not hold a store yet)")
    target.add_argument("--nquads", help="write the N-Quads to this file ('-' for stdout) instead of a store")
    args = parser.parse_args(argv)
    for name in ("events", "actors", "places", "years", "per_article"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1, got {getattr(args, name)}")
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
