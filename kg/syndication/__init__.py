"""Syndicated copies: the same story carried by several outlets, linked as one (`ckg:sameStoryAs`).

`sketch` turns a text into word shingles and MinHash LSH band keys (datasketch), stored with
each article (`ckg:minhashBand`) so that the store itself is the LSH index; `link` finds, after
a write, the stored articles that share a band with the changed ones, keeps those whose
shingle sets are similar enough (`sketch.THRESHOLD`, measured by `eval/syndication.py`), and
rewrites their links in the graph `id/graph/stories`. `stories_of` groups articles into
stories, so that resolution counts a story once however many copies report it.
"""
from __future__ import annotations

from .link import STORIES_GRAPH, link_copies, stories_of
from .sketch import THRESHOLD, band_keys, jaccard, shingles

__all__ = ["STORIES_GRAPH", "THRESHOLD", "band_keys", "jaccard", "link_copies", "shingles", "stories_of"]
