"""The old gazetteer interface, kept for callers not yet moved to `kg.extract.geo`.

Everything is answered by the worldwide index of `kg.extract.geo`; this module only adapts the
old shapes: ``names`` and ``starters`` (containers of name keys), ``candidates`` (entries with
``place``, ``population`` and ``curated``), ``resolve(name, countries)``, ``country_place``
and ``iso2``/``iso3``. The index has no population floor, so ``min_population`` is ignored.
New code should use `kg.extract.geo.load_gazetteer` and `GeoContext`.
"""
from __future__ import annotations

from functools import lru_cache

from ..model import Place
from .geo import FEATURE_RANK, Candidate, GeoContext
from .geo import Gazetteer as GeoGazetteer
from .geo import load_gazetteer as load_geo

__all__ = ["Gazetteer", "PlaceEntry", "load_gazetteer", "FEATURE_RANK"]

PlaceEntry = Candidate  # the old name of a candidate: it has .place, .population and .curated


class _Keys:
    """A read-only container of name keys answered by a test (``key in names``, ``starters | other``)."""

    def __init__(self, test):
        self._test = test

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and self._test(key)

    def __or__(self, other):
        return _Keys(lambda key: self._test(key) or key in other)

    __ror__ = __or__


class Gazetteer:
    """The old interface over a `kg.extract.geo.Gazetteer`; unknown attributes go to it."""

    def __init__(self, geo: GeoGazetteer | None = None):
        self.geo = geo or load_geo()
        self.iso3, self.iso2 = self.geo.iso3, self.geo.iso2
        self.names = _Keys(self.geo._known)
        self.starters = _Keys(self.geo._starts)
        self._countries: dict[str, Candidate] | None = None

    def __getattr__(self, name):
        return getattr(self.geo, name)

    def candidates(self, name: str) -> list[Candidate]:
        """Every place whose name or alternate name matches `name` modulo transliteration."""
        return self.geo.candidates(name)

    def resolve(self, name: str, countries: tuple[str, ...] = ()) -> Place | None:
        """The best place for `name` in a story about `countries` (see `kg.extract.geo.rank`).

        >>> load_gazetteer().resolve("Misrata", ("LBY",)).country
        'LBY'
        """
        return self.geo.resolve(name, GeoContext(countries=tuple(c for c in countries if c)))

    @property
    def country_place(self) -> dict[str, Candidate]:
        """ISO3 -> the country as an entry."""
        if self._countries is None:
            self._countries = {}
            for iso3 in self.iso2:
                place = self.geo.country(iso3)
                if place is not None:
                    self._countries[iso3] = Candidate(place, 0, True, False)
        return self._countries


@lru_cache(maxsize=1)
def _shared() -> Gazetteer:
    return Gazetteer()


def load_gazetteer(min_population: int = 5000) -> Gazetteer:
    """The shared gazetteer in its old shape (`min_population` is ignored: see the module docstring)."""
    return _shared()
