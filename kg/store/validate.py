"""SHACL validation of article graphs against `ontology/shapes.ttl`.

The shapes are compiled once per process into Python checks (`kg.store.shacl`): the same
results as pyshacl for the SHACL Core our shapes use, some twenty times faster, which matters
because every article graph is checked before it is stored. Should shapes.ttl ever use SHACL
the compiler does not implement, validation falls back to pyshacl (and a test fails, so that
the compiler gets extended).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from ..errors import ValidationError
from .shacl import Shapes, UnsupportedShapeError, Violation, compile_shapes

__all__ = ["ONTOLOGY_DIR", "shapes_graph", "ontology_graph", "compiled_shapes", "validate", "validate_pyshacl",
           "focus_nodes"]

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


@lru_cache(maxsize=1)
def compiled_shapes() -> Shapes | None:
    """The shapes compiled to Python checks, or None if they use SHACL the compiler lacks."""
    try:
        return compile_shapes(shapes_graph())
    except UnsupportedShapeError:
        return None


def _term(node: Node | None, limit: int = 80) -> str:
    text = "-" if node is None else node.n3(shapes_graph().namespace_manager)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _describe(v: Violation) -> str:
    """One violation on one line: its message, where, and why a nested shape failed."""
    why = "".join(f"; {d.message} ({_term(d.focus)}, path {_term(d.path)})" for d in v.details)
    value = "" if v.value is None else f", value {_term(v.value)}"
    return f"{v.message} (focus node {_term(v.focus)}, path {_term(v.path)}{value}{why})"


def _report(results: list[Violation], indent: str = "") -> list[str]:
    """A text report in pyshacl's layout, one block per result (nested results under Details)."""
    lines = []
    for v in results:
        lines += [f"{indent}Constraint Violation in {v.constraint[0].upper()}{v.constraint[1:]}ConstraintComponent:",
                  f"{indent}\tFocus Node: {_term(v.focus)}", f"{indent}\tResult Path: {_term(v.path)}",
                  f"{indent}\tValue Node: {_term(v.value)}", f"{indent}\tMessage: {v.message}"]
        if v.details:
            lines += [f"{indent}\tDetails:"] + _report(list(v.details), indent + "\t\t")
    return lines


def validate_pyshacl(graph: Graph) -> None:
    """validate() with pyshacl: the reference the compiled checks are tested against, and the fallback."""
    from pyshacl import validate as shacl

    conforms, _report_graph, report = shacl(graph, shacl_graph=shapes_graph(), inference="none",
                                           advanced=True, allow_warnings=True)
    if not conforms:
        first = next((line.strip() for line in report.splitlines() if "Message:" in line), "see report")
        raise ValidationError(f"graph does not conform to the SHACL shapes: {first}", report)


def validate(graph: Graph) -> None:
    """Raise ValidationError when `graph` does not conform to the shapes.

    The message gives the first violation (its sh:message, focus node, path and value) and how
    many there are; `error.report` lists them all.
    """
    shapes = compiled_shapes()
    if shapes is None:
        return validate_pyshacl(graph)
    results = shapes.check(graph)
    if results:
        more = len(results) - 1
        tail = f"; and {more} more violation{'s' if more > 1 else ''}" if more else ""
        report = ["Validation Report", "Conforms: False", f"Results ({len(results)}):"] + _report(results)
        raise ValidationError(f"graph does not conform to the SHACL shapes: {_describe(results[0])}{tail}",
                              "\n".join(report))


def focus_nodes(graph: Graph) -> set[Node] | None:
    """The focus nodes of `graph`'s violations (empty when it conforms); None when the shapes are
    checked by pyshacl, which this does not ask."""
    shapes = compiled_shapes()
    return None if shapes is None else {v.focus for v in shapes.check(graph)}
