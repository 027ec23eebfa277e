"""Cap a serialised SPARQL result at `max_rows` rows (or triples), in its own format.

Each function takes the bytes the store produced and returns `(bytes, truncated)`; the kept
rows are the first ones, byte for byte as the store wrote them.
"""
from __future__ import annotations

import csv
import io
import json

__all__ = ["cap_rows", "graph_as"]


def _json(body: bytes, limit: int) -> tuple[bytes, bool]:
    data = json.loads(body)
    rows = data.get("results", {}).get("bindings")
    if rows is None or len(rows) <= limit:
        return body, False
    data["results"]["bindings"] = rows[:limit]
    return json.dumps(data, ensure_ascii=False).encode("utf-8"), True


def _xml(body: bytes, limit: int) -> tuple[bytes, bool]:
    # Oxigraph writes each row as `<result>`; a literal cannot contain it unescaped.
    marker, start = b"<result>", -1
    for _ in range(limit + 1):
        start = body.find(marker, start + 1)
        if start < 0:
            return body, False
    return body[:start] + b"</results></sparql>", True


def _lines(body: bytes, limit: int, header: int) -> tuple[bytes, bool]:
    lines = body.splitlines(keepends=True)
    rows = [line for line in lines[header:] if line.strip()]
    if len(rows) <= limit:
        return body, False
    return b"".join(lines[:header] + rows[:limit]), True


def _csv(body: bytes, limit: int) -> tuple[bytes, bool]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    if len(rows) - 1 <= limit:
        return body, False
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows[: limit + 1])
    return out.getvalue().encode("utf-8"), True


def cap_rows(body: bytes, fmt: str, limit: int) -> tuple[bytes, bool]:
    """Keep at most `limit` rows of a result serialised as `fmt`; say whether rows were dropped.

    >>> cap_rows(b'?x\\n"a"\\n"b"\\n', "tsv", 1)
    (b'?x\\n"a"\\n', True)
    >>> cap_rows(b'{"head": {}, "boolean": true}', "json", 1)
    (b'{"head": {}, "boolean": true}', False)
    """
    if fmt == "json":
        return _json(body, limit)
    if fmt == "xml":
        return _xml(body, limit)
    if fmt == "csv":
        return _csv(body, limit)
    if fmt == "tsv":
        return _lines(body, limit, header=1)
    if fmt in ("ntriples", "nquads"):
        return _lines(body, limit, header=0)
    return body, False


def graph_as(ntriples: bytes, fmt: str) -> bytes:
    """Re-serialise an N-Triples graph as `fmt` (turtle, rdfxml, jsonld, ntriples, nquads)."""
    if fmt in ("ntriples", "nquads"):
        return ntriples
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize((q.triple for q in triples), format=formats[fmt])
