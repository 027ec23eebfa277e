"""What a filter's names and codes stand for in the store: the places and the parties it keeps.

Listings (`kg.queries.events`) and projections (`kg.graph.queries`) both ask `scope` first, so
that a filter means the same in both:

- ``place``: the places it names (the IRI itself, or every place with that label or alias,
  compared as `kg.graph.lookup.normalise` does) and every place inside them: each place states
  ``geo:sfWithin`` each division and the country it lies in (`kg.mapping.places`), so one hop
  finds them all;
- ``country``: the places whose ``ckg:country`` is the code (every level of the hierarchy
  states its country, the country's own place included);
- ``party_country``: the actors whose ``ckg:country`` is the code.

Both place filters together keep the places in both sets.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import UnknownNodeError
from ..filters import Filters, is_iri
from ..store import Store
from .select import iri, select, values

__all__ = ["Scope", "scope", "place_iris", "places_within"]

_NAMES = """SELECT DISTINCT ?place ?name WHERE {
  ?place a ckg:Place . { ?place rdfs:label ?name } UNION { ?place skos:altLabel ?name }
}"""


@dataclass(frozen=True)
class Scope:
    """The places an event's ``ckg:place`` must be one of, and the actors one of whom must be its
    actor or target; None where the filters do not restrict them (an empty tuple keeps nothing)."""

    places: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None

    @property
    def empty(self) -> bool:
        """True when no event can pass."""
        return self.places == () or self.parties == ()


def place_iris(store: Store, place: str, *, strict: bool = True) -> tuple[str, ...]:
    """The place IRIs `place` names: the IRI itself, or every place with that label or alias.

    Raises
    ------
    UnknownNodeError
        When none match and `strict`; its ``suggestions`` holds up to five place names. Without
        `strict`, no place matches: ``()``.

    Examples
    --------
    >>> from kg.graph.sample import sample_store
    >>> place_iris(sample_store(), "az zawiyah")
    ('https://w3id.org/conflict-kg/id/place/geonames-2216885',)
    >>> place_iris(sample_store(), "Tripolis")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownNodeError: unknown place 'Tripolis'; did you mean Tripoli?
    """
    from ..graph.lookup import normalise, suggest

    rows = [(r["place"], r["name"]) for r in select(store, _NAMES)]
    if is_iri(place) and any(p == place for p, _name in rows):
        return (place,)
    key = normalise(place)
    found = sorted({p for p, name in rows if normalise(name) == key})
    if found or not strict:
        return tuple(found)
    names: dict[str, list] = {}
    for _p, name in rows:
        names.setdefault(normalise(name), []).append(name)
    close = [sorted(names[n])[0] for _r, n in suggest(place, {n: [n] for n in names})]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownNodeError(f"unknown place {place!r}{hint}", close)


def places_within(store: Store, places) -> tuple[str, ...]:
    """`places` and every place that lies inside one of them (``geo:sfWithin``), sorted."""
    places = sorted(set(places))
    if not places:
        return ()
    rows = select(store, f"SELECT DISTINCT ?inner WHERE {{ {values('outer', map(iri, places))} "
                         f"?inner geo:sfWithin ?outer }}")
    return tuple(sorted(set(places) | {r["inner"] for r in rows}))


def _with_country(store: Store, kind: str, code: str) -> set[str]:
    """The places or actors (`kind`: ``Place``, ``Actor``) whose ``ckg:country`` is `code`."""
    rows = select(store, f"SELECT DISTINCT ?node WHERE {{ {values('code', [code])} "
                         f"?node ckg:country ?code ; a ckg:{kind} }}")
    return {r["node"] for r in rows}


def scope(store: Store, filters: Filters, *, strict: bool = False) -> Scope:
    """The places and parties `filters` keep in `store`; `strict`: an unknown place name is an error
    (`place_iris`), else it keeps nothing."""
    places = None
    if filters.place:
        places = set(places_within(store, place_iris(store, filters.place, strict=strict)))
    if filters.country:
        inside = _with_country(store, "Place", filters.country)
        places = inside if places is None else places & inside
    parties = _with_country(store, "Actor", filters.party_country) if filters.party_country else None
    return Scope(None if places is None else tuple(sorted(places)),
                 None if parties is None else tuple(sorted(parties)))
