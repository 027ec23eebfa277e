"""CAMEO event codes to PLOVER types, kept as data in `kg/importers/data/cameo-plover.tsv`.

A code takes the PLOVER type of its longest listed prefix: roots map as
`ontology/event-types.ttl` says, and a few sub-codes are exceptions (055 apologise is
CONCEDE, 057 sign an agreement is AGREE, 0874 retreat is RETREAT, 191 blockade is COERCE).
Root 01 (make a public statement) has no PLOVER type.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

__all__ = ["CAMEO_PLOVER_FILE", "cameo_table", "plover_for_cameo"]

CAMEO_PLOVER_FILE = Path(__file__).parent / "data" / "cameo-plover.tsv"


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, str | None]:
    """CAMEO code prefix -> PLOVER type (None: no type)."""
    with CAMEO_PLOVER_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["code"].strip(): (row["plover"].strip() or None) for row in rows}


def plover_for_cameo(code: str) -> str | None:
    """The PLOVER type of a CAMEO event code, or None (root 01, or not a CAMEO code).

    >>> [plover_for_cameo(c) for c in ("0874", "0871", "080", "057", "190", "1912", "010", "99")]
    ['RETREAT', 'RETREAT', 'CONCEDE', 'AGREE', 'ASSAULT', 'COERCE', None, None]
    """
    code = (code or "").strip()
    if not code.isdigit():
        return None
    table = cameo_table()
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return None
