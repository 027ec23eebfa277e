"""SHACL validation of article graphs against `ontology/shapes.ttl` (pyshacl)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from ..errors import ValidationError

__all__ = ["ONTOLOGY_DIR", "shapes_graph", "ontology_graph", "validate"]

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once."""
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology and the event-type schemes, parsed once."""
    g = Graph()
    for name in ("ckg.ttl", "event-types.ttl"):
        g.parse(ONTOLOGY_DIR / name, format="turtle")
    return g


def validate(graph: Graph) -> None:
    """Raise ValidationError with pyshacl's report when `graph` does not conform."""
    from pyshacl import validate as shacl

    conforms, _report_graph, report = shacl(graph, shacl_graph=shapes_graph(), inference="none",
                                           advanced=True, allow_warnings=True)
    if not conforms:
        first = next((line.strip() for line in report.splitlines() if "Message:" in line), "see report")
        raise ValidationError(f"graph does not conform to the SHACL shapes: {first}", report)
