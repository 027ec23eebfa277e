"""Event frames from parsed articles: the extractor seam and the default rule-based extractor.

`Extractor` is the rules (`kg.extract.rules.RulesExtractor`); `get_extractor(name)` returns the one
a setting names (`Settings.extractor`), and `FrameExtractor` is the protocol a second one implements.
"""
from __future__ import annotations

from .base import EXTRACTORS, FrameExtractor, get_extractor
from .merge import merge_frames
from .rules import RulesExtractor as Extractor

__all__ = ["Extractor", "FrameExtractor", "EXTRACTORS", "get_extractor", "merge_frames"]
