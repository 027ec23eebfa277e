"""The curated actor dictionary and demonyms, kept as data in `kg/extract/data/`."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ..model import ACTOR_KINDS, ROLES, Actor
from .names import name_key

__all__ = ["ActorDictionary", "load_dictionary"]

DATA = Path(__file__).parent / "data"


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return len(letters) <= 6 and letters.isupper()


class ActorDictionary:
    """Look actors up by canonical name or alias, and demonyms by adjective.

    Acronyms ('LNA', 'US') match only in capitals, other names modulo case and transliteration.
    """

    def __init__(self, actors: list[dict], demonyms: list[dict]):
        self.actors: dict[str, Actor] = {}
        self.exact: dict[str, str] = {}
        self.keys: dict[str, str] = {}
        for row in actors:
            label, kind = row["label"].strip(), row["kind"].strip()
            if kind not in ACTOR_KINDS:
                raise ValueError(f"actors.tsv: {label}: unknown kind {kind!r}")
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            country = (row.get("country") or "").strip() or None
            affiliation, role = (row.get("affiliation") or "").strip() or None, (row.get("role") or "").strip() or None
            if role is not None and (role not in ROLES or affiliation is None):
                raise ValueError(f"actors.tsv: {label}: role {role!r} needs an affiliation and is one of "
                                 f"{', '.join(ROLES)} (empty: a member)")
            self.actors[label] = Actor(label, kind, country, aliases, affiliation, role=role,
                                       generic=kind == "civilians" and country is None)  # "Protesters": per country
            for name in (label, *aliases):
                if _acronym(name):
                    self.exact.setdefault(name, label)
                else:
                    self.keys.setdefault(name_key(name), label)
        self.demonyms: dict[str, tuple[str, str]] = {}
        for row in demonyms:
            self.demonyms.setdefault(row["demonym"].strip().lower(), (row["iso3"].strip(), row["country"].strip()))
        self.starters = {k.split()[0] for k in self.keys} | {k.split()[0].lower() for k in self.exact}
        self.governments = {a.country: a for a in reversed(list(self.actors.values()))
                            if a.kind == "government" and a.country}

    def lookup(self, surface: str) -> Actor | None:
        """The actor a surface form names, or None.

        >>> d = load_dictionary()
        >>> d.lookup("LNA").label
        'Libyan National Army'
        >>> d.lookup("lna") is None
        True
        """
        surface = surface.strip()
        if surface.lower().startswith("the "):
            surface = surface[4:]
        label = self.exact.get(surface) or self.exact.get(surface.replace(".", ""))
        if label is None and not _acronym(surface):
            label = self.keys.get(name_key(surface))
        return self.actors.get(label) if label else None

    def get(self, label: str | None) -> Actor | None:
        """The actor with this canonical label."""
        return self.actors.get(label) if label else None

    def demonym(self, word: str) -> tuple[str, str] | None:
        """(ISO3, country name) for a demonym such as 'Libyan', else None."""
        return self.demonyms.get(word.strip().lower())

    def demonym_of(self, iso3: str | None) -> str | None:
        """The first listed demonym of a country ('LBY' -> 'Libyan')."""
        if not hasattr(self, "_by_country"):
            self._by_country = {}
            for word, (code, _name) in self.demonyms.items():
                self._by_country.setdefault(code, word)
        word = self._by_country.get(iso3 or "")
        return " ".join(w.capitalize() for w in word.split()) if word else None

    def country_actor(self, iso3: str) -> Actor | None:
        """The government actor of a country, when the dictionary has one."""
        return self.governments.get(iso3)


@lru_cache(maxsize=1)
def load_dictionary() -> ActorDictionary:
    """The shipped actor dictionary (built once per process)."""
    return ActorDictionary(_rows(DATA / "actors.tsv"), _rows(DATA / "demonyms.tsv"))
