"""Word shingles, their Jaccard similarity, and MinHash LSH band keys of a text (datasketch).

Two texts are copies of one story when the Jaccard similarity of their sets of `SHINGLE`-word
shingles is at least `THRESHOLD`. The figure was measured on constructed syndicated pairs
(reprints, trims, house-style edits, added intros) against independent reports of the same
events and unrelated stories: `eval/syndication.py`, results in bench/README.md
("Syndicated copies"). Candidates are found by LSH: a text's MinHash signature (`NUM_PERM`
permutations) is cut into bands; two texts sharing a band are candidates, then compared exactly.

>>> a = ("Rebels attacked an army post near the town of Sokolo on Thursday, killing nine soldiers, officials said. "
...      "The army said it had sent reinforcements to the area and that the attackers fled north.")
>>> round(jaccard(shingles(a), shingles(a.replace("Thursday", "Wednesday"))), 2)
0.82
>>> len(band_keys(a)) == BANDS
True
>>> band_keys("Too short to sketch.")
[]
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

__all__ = ["SHINGLE", "THRESHOLD", "NUM_PERM", "SCHEME", "BANDS", "ROWS", "MIN_SHINGLES", "KEY", "shingles", "jaccard",
           "band_keys"]

SHINGLE = 3  # words per shingle
THRESHOLD = 0.4  # Jaccard similarity of shingle sets from which two texts are one story
NUM_PERM = 120  # MinHash permutations
SCHEME = "affine32"  # datasketch's permutation scheme, named so that keys stay the same across its versions
# LSH bands x rows per band (= NUM_PERM): a pair at Jaccard 0.4 shares a band with p = 1 - (1 - 0.4^3)^40 = 0.93,
# at 0.5 with p = 0.995; an unrelated pair (Jaccard 0.02) with p = 0.0003
BANDS, ROWS = 40, 3
MIN_SHINGLES = 20  # shorter texts are never linked (two one-line items say too little to be one story)
VERSION = "m1"  # changes with SHINGLE, NUM_PERM, BANDS or ROWS: keys of another version never match
KEY = re.compile(rf"^{VERSION}-[0-9]{{1,2}}-[0-9a-f]{{16}}$")  # what a stored band key looks like
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The set of `SHINGLE`-word shingles of `text`, lower-cased, punctuation ignored.

    >>> sorted(shingles("Rebels shelled the town, officials said."))[:2]
    ['rebels shelled the', 'shelled the town']
    """
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations  # drawn once: making them costs more than hashing


def band_keys(text: str) -> list[str]:
    """The LSH band keys of `text` ('m1-3-9f2c…', one per band), or [] for a text of fewer than
    `MIN_SHINGLES` shingles."""
    from datasketch import MinHash

    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return []
    sketch = MinHash(num_perm=NUM_PERM, seed=1, permutations=_permutations(), scheme=SCHEME)
    sketch.update_batch([s.encode("utf-8") for s in sorted(found)])
    values = sketch.hashvalues
    return [f"{VERSION}-{band}-{hashlib.sha1(values[band * ROWS:(band + 1) * ROWS].tobytes()).hexdigest()[:16]}"
            for band in range(BANDS)]
