"""Importers of coded-event datasets: ACLED exports and GDELT event files, one named graph per file.

`import_file(store, "acled" | "gdelt", path)` reads, maps (PLOVER types, canonical actors,
gazetteer places), checks and stores a file, then resolves its events with the rest;
`kg import acled|gdelt FILE` (`kg.importers.cli.register`) does the same from the command line.
"""
from __future__ import annotations

from .load import import_file
from .records import ImportedEvent, ImportSummary, dataset_iri, imported_event_iri

__all__ = ["import_file", "ImportedEvent", "ImportSummary", "dataset_iri", "imported_event_iri"]
