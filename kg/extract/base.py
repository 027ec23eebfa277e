"""The extractor seam: any object with `frames(doc, article)` can turn parsed articles into events.

`get_extractor(name)` returns the configured one (`Settings.extractor`, `KG_EXTRACTOR`); the rules
in `kg.extract.rules` are the default. Place, date and merge steps are plain functions and classes
(`places.PlaceFinder`, `dating.Dater`, `merge.merge_frames`) that a second extractor can reuse.
"""
from __future__ import annotations

from importlib import import_module
from typing import Protocol, runtime_checkable

from spacy.tokens import Doc

from ..errors import ExtractionError
from ..model import Article, EventFrame

__all__ = ["FrameExtractor", "EXTRACTORS", "get_extractor"]


@runtime_checkable
class FrameExtractor(Protocol):
    """Turns one parsed article into event frames; `name` and `version` go into its provenance."""

    name: str
    version: str

    def frames(self, doc: Doc, article: Article) -> list[EventFrame]:
        """Every asserted event of the article, each re-mention merged."""


# name -> "module:attribute" of a zero-argument factory
EXTRACTORS = {"rules": "kg.extract.rules:RulesExtractor"}
_CACHE: dict[str, FrameExtractor] = {}


def get_extractor(name: str = "rules") -> FrameExtractor:
    """The extractor registered as `name`, built once per process.

    >>> get_extractor("rules").name
    'rules'
    >>> get_extractor("nope")
    Traceback (most recent call last):
    ...
    kg.errors.ExtractionError: unknown extractor 'nope' (known: rules)
    """
    if name not in EXTRACTORS:
        raise ExtractionError(f"unknown extractor {name!r} (known: {', '.join(sorted(EXTRACTORS))})")
    if name not in _CACHE:
        module, attribute = EXTRACTORS[name].split(":")
        extractor = getattr(import_module(module), attribute)()
        if not isinstance(extractor, FrameExtractor):
            raise ExtractionError(f"extractor {name!r} does not implement frames(doc, article)")
        _CACHE[name] = extractor
    return _CACHE[name]
