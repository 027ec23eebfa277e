"""How each PLOVER type behaves in extraction, read from `lexicon/types.tsv` (one row per type)."""
from __future__ import annotations

import csv
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from .lexicon import PLOVER_CAMEO

__all__ = ["TypeBehaviour", "behaviour", "load_types"]

PATH = Path(__file__).parent / "lexicon" / "types.tsv"


@dataclass(frozen=True)
class TypeBehaviour:
    """The per-type switches of the extractor; see the comments at the top of types.tsv."""

    plover: str
    paired: bool = False
    statement: bool = False
    unsigned: bool = False
    military: bool = False
    fatalities: bool = False
    at_dateline: bool = False
    needs_target: bool = False
    internal: bool = False
    scene: bool = False


_FLAGS = [f.name for f in fields(TypeBehaviour) if f.name != "plover"]


@lru_cache(maxsize=1)
def load_types(path: Path = PATH) -> dict[str, TypeBehaviour]:
    """Every PLOVER type's behaviour; a bad row raises ValueError naming file and line.

    >>> load_types()["ASSAULT"].unsigned, load_types()["CONSULT"].needs_target
    (True, True)
    """
    table: dict[str, TypeBehaviour] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), row in zip(lines[1:], reader):
        where = f"{path.name}:{number}"
        plover = row["plover"]
        if plover not in PLOVER_CAMEO or plover in table:
            raise ValueError(f"{where}: unknown or repeated PLOVER type {plover!r}")
        values = {}
        for flag in _FLAGS:
            value = (row.get(flag) or "").strip()
            if value not in ("yes", "no"):
                raise ValueError(f"{where}: {flag} must be yes or no, not {value!r}")
            values[flag] = value == "yes"
        table[plover] = TypeBehaviour(plover, **values)
    if missing := set(PLOVER_CAMEO) - set(table):
        raise ValueError(f"{path.name}: no row for {sorted(missing)}")
    return table


def behaviour(plover: str) -> TypeBehaviour:
    """The behaviour of one PLOVER type."""
    return load_types()[plover]
