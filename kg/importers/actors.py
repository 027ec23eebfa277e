"""Actors of imported events, linked to the canonical actors of the dictionary where they match.

ACLED names its actors from its own catalogue ("Military Forces of Libya (2014-) Libyan National
Army", "Protesters (Libya)"); GDELT gives CAMEO actor codes ("SDNMIL") and names ("SUDAN").
Each is tried against the actor dictionary in several forms before a new actor is made.

Generic groups (a class of people, not an organisation: "Civilians (Mexico)", "Rioters (India)",
"Unidentified Armed Group (Libya)", GDELT's "MEXCVL") are one actor per country: `Actor.generic`
with the country of the name's tail, else of the event (GDELT: of the actor code), so that
"Civilians (Mexico)" and "Civilians (Libya)" stay two actors (`kg.mapping.iris.actor_label`).
A name is generic when the dictionary says so (a civilians entry with no country) or when its
last word is a group noun of `kg/extract/data/groups.tsv` and ACLED gives it a country tail.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..extract.dictionary import ActorDictionary
from ..extract.groups import load_groups
from ..model import Actor
from .places import country_iso3

__all__ = ["acled_actor", "associated_actors", "faction_leader", "gdelt_actor", "ACLED_INTER_KINDS"]

# ACLED inter codes: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external or other forces.
ACLED_INTER_KINDS = {"1": "state_force", "2": "armed_group", "3": "armed_group", "4": "armed_group",
                     "5": "civilians", "6": "civilians", "7": "civilians", "8": "other"}
_YEARS = re.compile(r"\s*\((?:\d{4})-(?:\d{4})?\)\s*")
_TAIL = re.compile(r"^(.*?)\s*\(([^()]+)\)$")
_FORCES = re.compile(r"^(Military|Police) Forces of (.+)$")
_GOVERNMENT = re.compile(r"^Government of (.+)$")
_KIND_WORDS = (("Police", "state_force"), ("Military", "state_force"), ("Government", "government"),
               ("Protesters", "civilians"), ("Rioters", "civilians"), ("Civilians", "civilians"),
               ("Militia", "armed_group"), ("Armed Group", "armed_group"), ("Rebels", "armed_group"))


def _scoped(actor: Actor, country: str | None) -> Actor:
    """A generic dictionary actor ('Civilians') as the one of `country`; others as they are."""
    return replace(actor, country=country) if actor.generic and country and not actor.country else actor


def _group_kind(name: str) -> str | None:
    """The kind of party the group noun that ends `name` names ('Rioters', 'Unidentified Armed Group',
    'Women'), or None when its last word is no group noun ("Group" alone names no kind: other).

    >>> _group_kind("Fulani Ethnic Militia"), _group_kind("Women"), _group_kind("Asayish")
    ('armed_group', 'civilians', None)
    """
    words = name.lower().replace("/", " / ").split()
    if "/" in words:  # 'Refugees/IDPs': the first of the alternatives
        words = words[:words.index("/")]
    if not words:
        return None
    last = words[-1]
    forms = [last, last[:-1] if last.endswith("s") else last, last[:-3] + "y" if last.endswith("ies") else last,
             last[:-3] + "man" if last.endswith("men") else last]
    groups = load_groups()
    for form in forms:
        for key in (f"{words[-2]} {form}" if len(words) > 1 else form, form):
            if key in groups:
                return groups[key].kind
    return None


def _group_noun(name: str) -> bool:
    """Whether the last word of `name` is a group noun ('Rioters', 'Unidentified Armed Group').

    >>> _group_noun("Unidentified Armed Group"), _group_noun("Fulani Ethnic Militia"), _group_noun("Asayish")
    (True, True, False)
    """
    return _group_kind(name) is not None


def _lookup(dictionary: ActorDictionary, names) -> Actor | None:
    for name in names:
        found = dictionary.lookup(name) if name and name.strip() else None
        if found is not None:
            return found
    return None


def _alternatives(name: str) -> list[str]:
    """Other forms to try: each side of 'QSD: Syrian Democratic Forces', the first of 'A and/or B'."""
    out = []
    if ": " in name:
        out.extend(part.strip() for part in name.split(": ", 1))
    if " and/or " in name:
        first = name.split(" and/or ", 1)[0].strip()
        out.extend([first, *((_TAIL.match(first).group(1),) if _TAIL.match(first) else ())])
    return out


def _state(dictionary: ActorDictionary, branch: str, country: str) -> Actor:
    """'Military Forces of Sudan' -> Sudanese Armed Forces (by demonym forms), else a new actor."""
    iso3 = country_iso3(country)
    if branch == "Government":
        found = dictionary.country_actor(iso3) if iso3 else None
        return found or Actor(f"Government of {country}", "government", iso3)
    demonym = dictionary.demonym_of(iso3) if iso3 else None
    words = ("police", "police forces") if branch == "Police" else ("military", "army", "armed forces", "forces")
    found = _lookup(dictionary, [f"{demonym} {w}" for w in words] if demonym else [])
    if found is not None:
        return found
    if not demonym:
        return Actor(f"{branch} Forces of {country}", "state_force", iso3)
    return Actor(f"{demonym} {'police' if branch == 'Police' else 'armed forces'}", "state_force", iso3)


def acled_actor(name: str | None, inter: str | None, country: str | None,
                dictionary: ActorDictionary) -> Actor | None:
    """The actor an ACLED actor name stands for; `country` is the event's ISO alpha-3.

    >>> from kg.extract.dictionary import load_dictionary
    >>> acled_actor("Military Forces of Libya (2014-) Libyan National Army", "1", "LBY", load_dictionary()).label
    'Libyan National Army'
    >>> protesters = acled_actor("Protesters (Libya)", "6", "LBY", load_dictionary())
    >>> protesters.label, protesters.country, protesters.generic
    ('Protesters', 'LBY', True)
    >>> group = acled_actor("Unidentified Armed Group (Mexico)", "3", "MEX", load_dictionary())
    >>> group.label, group.kind, group.country, group.generic
    ('Unidentified Armed Group', 'armed_group', 'MEX', True)
    """
    name = (name or "").strip()
    if not name:
        return None
    parts = _YEARS.split(name, maxsplit=1)
    base, tail = parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""
    plain = _TAIL.match(base)
    short, where = (plain.group(1), plain.group(2)) if plain else (base, None)
    scope = (country_iso3(where) if where else country) or None  # a generic group's country; 'International': none
    found = _lookup(dictionary, [name, tail, base, short, *_alternatives(short), *_alternatives(tail)])
    if found is None and tail.endswith(" Faction"):
        leader = faction_leader(name, dictionary)  # "Haftar Faction": the force Haftar leads
        found = dictionary.get(leader.affiliation) if leader is not None else None
    if found is not None:
        return _scoped(found, scope)
    state = _FORCES.match(short) or _GOVERNMENT.match(short)
    if state is not None and not tail:
        branch, of = (state.group(1), state.group(2)) if state.re is _FORCES else ("Government", state.group(1))
        return _state(dictionary, branch, of)
    kind = ACLED_INTER_KINDS.get(str(inter or "").strip()) or next(
        (k for word, k in _KIND_WORDS if word.lower() in name.lower()), None) or _group_kind(short) or "other"
    iso3 = country_iso3(where) if where else None
    if iso3 and not tail and _group_noun(short):  # "Rioters (India)": the rioters of India
        return Actor(short, kind, iso3, generic=True)
    return Actor(name, kind, iso3 or (country if kind != "other" else None))


def faction_leader(name: str | None, dictionary: ActorDictionary) -> Actor | None:
    """The person an ACLED actor name calls its leader ("... (2014-) Haftar Faction"), when the
    dictionary knows them.

    >>> from kg.extract.dictionary import load_dictionary
    >>> faction_leader("Military Forces of Libya (2014-) Haftar Faction", load_dictionary()).label
    'Khalifa Haftar'
    >>> faction_leader("Military Forces of Libya (2014-) Libyan National Army", load_dictionary()) is None
    True
    """
    parts = _YEARS.split((name or "").strip(), maxsplit=1)
    tail = parts[1].strip() if len(parts) > 1 else ""
    if not tail.endswith(" Faction"):
        return None
    leader = dictionary.lookup(tail[: -len(" Faction")])
    return leader if leader is not None and leader.kind == "person" else None


def associated_actors(names: str | None, country: str | None, dictionary: ActorDictionary,
                      known: tuple = ()) -> tuple[Actor, ...]:
    """The actors of an ACLED ``assoc_actor_1`` or ``assoc_actor_2`` field: ``"; "``-separated names,
    each read as `acled_actor` reads one (its kind from its words), once each and none of `known`.

    >>> from kg.extract.dictionary import load_dictionary
    >>> [(a.label, a.country) for a in associated_actors("Civilians (Libya); Wagner Group; Civilians (Libya)",
    ...                                                   "LBY", load_dictionary())]
    [('Civilians', 'LBY'), ('Wagner Group', 'RUS')]
    """
    found: list[Actor] = []
    for name in (names or "").split(";"):
        actor = acled_actor(name, None, country, dictionary)
        if actor is not None and actor not in found and actor not in known:
            found.append(actor)
    return tuple(found)


# CAMEO actor type codes: the kind they stand for, and a word for a new actor's label.
_GDELT_TYPES = {"GOV": ("government", "government"), "MIL": ("state_force", "military"),
                "COP": ("state_force", "police"), "SPY": ("state_force", "intelligence services"),
                "REB": ("armed_group", "rebels"), "INS": ("armed_group", "insurgents"),
                "SEP": ("armed_group", "separatists"), "UAF": ("armed_group", "armed groups"),
                "OPP": ("other", "opposition"), "CVL": ("civilians", "civilians"), "REF": ("civilians", "refugees"),
                "MED": ("media", "media"), "JRN": ("media", "journalists"),
                "IGO": ("international_organisation", "international organisations"),
                "NGO": ("international_organisation", "non-governmental organisations")}


def gdelt_actor(code: str, name: str, country: str, types: tuple[str, ...],
                dictionary: ActorDictionary) -> Actor | None:
    """The actor of a GDELT actor code, name, CAMEO country code and type codes.

    >>> from kg.extract.dictionary import load_dictionary
    >>> gdelt_actor("SDNMIL", "RAPID SUPPORT FORCES", "SDN", ("MIL",), load_dictionary()).label
    'Rapid Support Forces'
    """
    code, name = (code or "").strip(), (name or "").strip()
    if not code and not name:
        return None
    iso3 = country if country and country_iso3(country) == country else None
    kind, word = next((_GDELT_TYPES[t] for t in types if t in _GDELT_TYPES), (None, None))
    demonym = dictionary.demonym_of(iso3) if iso3 else None
    found = _lookup(dictionary, [name.title(), f"{demonym} {word}" if demonym and word else None,
                                 word.capitalize() if kind == "civilians" else None])  # "Civilians", as ACLED's
    if found is None and iso3 and (kind == "government" or code == iso3):
        found = dictionary.country_actor(iso3)
    if found is not None:
        return _scoped(found, iso3)
    label = f"{demonym} {word}" if demonym and word else (name.title() or code)
    kind = kind or ("government" if iso3 and code == iso3 else "other")
    return Actor(label, kind, iso3, aliases=(code,) if code else ())
