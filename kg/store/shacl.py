"""A fast SHACL checker compiled from a shapes graph, for the SHACL Core subset our shapes use.

`compile_shapes(shapes)` reads every node shape of a shapes graph (`ontology/shapes.ttl`
stays the one source of truth) into plain Python checks; `Shapes.check(graph)` returns the
validation results pyshacl gives (focus node, path, value, constraint and sh:message, with the
nested results of sh:node as details) in about a millisecond for an article graph, where pyshacl
takes twenty or more. Supported: sh:targetClass and sh:targetSubjectsOf; predicate paths; sh:in,
sh:class, sh:datatype, sh:nodeKind, sh:minLength, sh:pattern, sh:minInclusive, sh:maxInclusive,
sh:minCount, sh:maxCount, sh:lessThan and sh:node. A shapes graph using anything else (another
target, a path expression, sh:or, sh:sparql, a severity...) raises UnsupportedShapeError, and
`kg.store.validate` then falls back to pyshacl. tests/test_shacl.py checks the results against
pyshacl's for every constraint of ontology/shapes.ttl and for random edits of a graph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from rdflib import RDF, RDFS, SH, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

__all__ = ["UnsupportedShapeError", "Violation", "Shapes", "compile_shapes"]

_TYPE, _SUBCLASS = RDF.type, RDFS.subClassOf
_SHAPE_KEYS = {RDF.type, RDFS.label, RDFS.comment, SH.targetClass, SH.targetSubjectsOf, SH.property,
               SH.path, SH.message, SH.name, SH.description}
_KINDS = {SH.IRI: (URIRef,), SH.Literal: (Literal,), SH.BlankNode: (BNode,), SH.BlankNodeOrIRI: (BNode, URIRef),
          SH.IRIOrLiteral: (URIRef, Literal), SH.BlankNodeOrLiteral: (BNode, Literal)}


class UnsupportedShapeError(ValueError):
    """The shapes graph uses SHACL this checker does not implement (validate with pyshacl)."""


class Violation(NamedTuple):
    """One validation result: what failed, where, and the shape's sh:message."""

    focus: Node
    path: URIRef | None
    value: Node | None
    constraint: str
    message: str
    details: tuple = ()  # for sh:node, the nested shape's results for the value


class _Index:
    """An article graph as subject -> predicate -> objects, read once."""

    def __init__(self, graph: Graph):
        self.out: dict = {}
        for s, p, o in graph:
            self.out.setdefault(s, {}).setdefault(p, []).append(o)
        self._supers: dict[Node, set] = {}

    def values(self, node: Node, path: URIRef) -> list:
        return self.out.get(node, {}).get(path, [])

    def subjects_of(self, path: URIRef) -> list:
        return [s for s, props in self.out.items() if path in props]

    def is_instance(self, node: Node, cls: URIRef) -> bool:
        """SHACL instance: rdf:type/rdfs:subClassOf* in the data graph."""
        return not isinstance(node, Literal) and any(cls in self.supers(t) for t in self.values(node, _TYPE))

    def supers(self, cls: Node) -> set:
        if cls not in self._supers:
            found, todo = {cls}, [cls]
            while todo:
                for up in self.values(todo.pop(), _SUBCLASS):
                    if up not in found:
                        found.add(up)
                        todo.append(up)
            self._supers[cls] = found
        return self._supers[cls]


def _compare(v: Node, bound: Literal) -> int | None:
    """-1, 0 or 1 as v is below, equal to or above `bound`; None if they do not compare."""
    if not isinstance(v, Literal) or v.value is None or isinstance(v.value, str) != isinstance(bound.value, str):
        return None
    try:
        return (v.value > bound.value) - (v.value < bound.value)
    except TypeError:
        return None


def _less_than(a: Node, b: Node) -> bool:
    """sh:lessThan as pyshacl has it: IRIs and strings compare as text, other literals by value."""
    if isinstance(a, BNode) or isinstance(b, BNode):
        return False
    (a_text, a), (b_text, b) = (
        (True, str(x)) if isinstance(x, URIRef) or isinstance(getattr(x, "value", None), str) else (False, x)
        for x in (a, b))
    if a_text != b_text:
        return False
    try:
        return bool(a < b)
    except TypeError:
        return False


def _datatype(dt: URIRef) -> Callable:
    """The test of sh:datatype `dt` (as pyshacl: a plain literal is an xsd:string; ill-typed fails)."""
    if dt == XSD.string:
        plain = (None, dt)
        return lambda v, ix: isinstance(v, Literal) and v.datatype in plain and v.language is None
    if dt == RDF.langString:
        return lambda v, ix: isinstance(v, Literal) and v.language is not None
    return lambda v, ix: isinstance(v, Literal) and v.datatype == dt and not getattr(v, "ill_typed", False)


def _text(v: Node) -> str | None:
    return None if isinstance(v, BNode) else str(v)


def _each(test: Callable) -> Callable:
    """A check that fails every value node for which `test(value, index)` is false."""
    return lambda ix, focus, values: [(v, ()) for v in values if not test(v, ix)]


def _nested(shape: "_Shape") -> Callable:
    return lambda ix, focus, values: [(v, d) for v in values if (d := tuple(shape.results(ix, v)))]


# constraint -> (compiled parameter -> check(index, focus, values) -> [(failing value, details)])
_CHECKS: dict[URIRef, Callable] = {
    SH["in"]: lambda p: _each(lambda v, ix: v in p),
    SH["class"]: lambda p: _each(lambda v, ix: ix.is_instance(v, p)),
    SH.datatype: lambda p: _each(_datatype(p)),
    SH.nodeKind: lambda p: _each(lambda v, ix: isinstance(v, p)),
    SH.minLength: lambda p: _each(lambda v, ix: _text(v) is not None and len(_text(v)) >= p),
    SH.pattern: lambda p: _each(lambda v, ix: _text(v) is not None and p.search(_text(v)) is not None),
    SH.minInclusive: lambda p: _each(lambda v, ix: _compare(v, p) in (0, 1)),
    SH.maxInclusive: lambda p: _each(lambda v, ix: _compare(v, p) in (-1, 0)),
    SH.minCount: lambda p: lambda ix, focus, values: [(None, ())] if len(set(values)) < p else [],
    SH.maxCount: lambda p: lambda ix, focus, values: [(None, ())] if len(set(values)) > p else [],
    SH.lessThan: lambda p: lambda ix, focus, values: [  # every value below every value of the other property
        (v, ()) for v in values if not all(_less_than(v, o) for o in ix.values(focus, p))],
    SH.node: _nested,
}


@dataclass
class _Shape:
    """A node shape (path None) or property shape: its checks, message and property shapes."""

    iri: Node
    path: URIRef | None = None
    message: str = ""
    checks: list = field(default_factory=list)  # (constraint name, check)
    properties: list = field(default_factory=list)

    def results(self, ix: _Index, focus: Node) -> list[Violation]:
        values = [focus] if self.path is None else ix.values(focus, self.path)
        out = [Violation(focus, self.path, v, name, self.message or f"sh:{name} failed", details)
               for name, check in self.checks for v, details in check(ix, focus, values)]
        for prop in self.properties:
            out += prop.results(ix, focus)
        return out


def _parameter(shapes: Graph, kind: URIRef, value: Node, compiled: dict):
    if kind == SH["in"]:
        return frozenset(Collection(shapes, value))
    if kind == SH.pattern:
        return re.compile(str(value))
    if kind == SH.nodeKind and value in _KINDS:
        return _KINDS[value]
    if kind == SH.nodeKind:
        raise UnsupportedShapeError(f"unknown sh:nodeKind {value}")
    if kind == SH.node:
        return _compile(shapes, value, compiled)
    if kind in (SH.minCount, SH.maxCount, SH.minLength):
        return int(value)
    return value


def _compile(shapes: Graph, node: Node, compiled: dict) -> _Shape:
    if node in compiled:
        return compiled[node]
    shape = compiled[node] = _Shape(node, shapes.value(node, SH.path))
    if isinstance(shape.path, BNode):
        raise UnsupportedShapeError(f"{node}: only a single property IRI is supported as sh:path")
    messages = [str(m) for m in shapes.objects(node, SH.message)]
    shape.message = " / ".join(sorted(messages))
    for p, o in sorted(shapes.predicate_objects(node)):
        if p == SH.property and shapes.value(o, SH.path) is None:
            raise UnsupportedShapeError(f"{node}: a property shape without sh:path")
        elif p == SH.property:
            shape.properties.append(_compile(shapes, o, compiled))
        elif p in _CHECKS:
            shape.checks.append((p.fragment, _CHECKS[p](_parameter(shapes, p, o, compiled))))
        elif p not in _SHAPE_KEYS or (p == RDF.type and o not in (SH.NodeShape, SH.PropertyShape)):
            raise UnsupportedShapeError(f"{node}: {p.n3(shapes.namespace_manager)} is not supported")
    return shape


class Shapes:
    """The node shapes of a shapes graph with their targets, ready to check data graphs."""

    def __init__(self, shapes: Graph):
        for other in (SH.targetNode, SH.targetObjectsOf, SH.target):
            if (None, other, None) in shapes:
                raise UnsupportedShapeError(f"{other.n3(shapes.namespace_manager)} is not supported")
        compiled: dict = {}
        targeted = set(shapes.subjects(SH.targetClass)) | set(shapes.subjects(SH.targetSubjectsOf))
        self.targeted = [(_compile(shapes, node, compiled), sorted(shapes.objects(node, SH.targetClass)),
                          sorted(shapes.objects(node, SH.targetSubjectsOf))) for node in sorted(targeted)]
        self.shapes = list(compiled.values())

    def check(self, graph: Graph) -> list[Violation]:
        """Every validation result of `graph`, sorted (an empty list: it conforms)."""
        ix, out = _Index(graph), []
        for shape, classes, subjects_of in self.targeted:
            focus = {s for c in classes for s, types in ix.out.items()
                     if any(c in ix.supers(t) for t in types.get(_TYPE, ()))}
            focus.update(s for p in subjects_of for s in ix.subjects_of(p))
            for node in focus:
                out += shape.results(ix, node)
        return sorted(set(out), key=lambda v: tuple(str(x) for x in v))


def compile_shapes(shapes: Graph) -> Shapes:
    """Compile the node shapes of `shapes`; raise UnsupportedShapeError on SHACL not implemented here.

    >>> from rdflib import Namespace
    >>> EX = Namespace("http://e.org/")
    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> .
    ...     <http://e.org/S> a sh:NodeShape ; sh:targetClass <http://e.org/C> ;
    ...         sh:property [ sh:path <http://e.org/p> ; sh:minCount 1 ; sh:message "needs p" ] .''')
    >>> data = Graph().add((EX.x, RDF.type, EX.C))
    >>> [(str(v.focus), v.constraint, v.message) for v in compile_shapes(shapes).check(data)]
    [('http://e.org/x', 'minCount', 'needs p')]
    """
    return Shapes(shapes)
