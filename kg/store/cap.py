"""Cap a serialised SPARQL result at `max_rows` rows (or triples), in its own format.

Used by stores that cannot stop a result as it streams (a SPARQL server answers in full):
each function takes the bytes the store produced and returns `(bytes, truncated)`; the kept
rows are the first ones, byte for byte as the store wrote them. A row whose variables are all
unbound is a row too (an empty line in TSV, `{}` in JSON).
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
    # Oxigraph writes each row as `<result>` (an empty row as `<result/>`); a literal cannot hold either.
    starts = sorted(i for marker in (b"<result>", b"<result/>") for i in _find_all(body, marker, limit + 1))
    if len(starts) <= limit:
        return body, False
    return body[:starts[limit]] + b"</results></sparql>", True


def _find_all(body: bytes, marker: bytes, most: int) -> list[int]:
    found, start = [], -1
    while len(found) < most:
        start = body.find(marker, start + 1)
        if start < 0:
            break
        found.append(start)
    return found


def _lines(body: bytes, limit: int, header: int) -> tuple[bytes, bool]:
    lines = body.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) - header <= limit:
        return body, False
    return b"".join(line + b"\n" for line in lines[: header + limit]), True


def _csv(body: bytes, limit: int) -> tuple[bytes, bool]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    if len(rows) - 1 <= limit:
        return body, False
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows[: limit + 1])
    return out.getvalue().encode("utf-8"), True


def cap_rows(body: bytes, fmt: str, limit: int) -> tuple[bytes, bool]:
    """Keep at most `limit` rows of a result serialised as `fmt`; say whether rows were dropped.

    >>> cap_rows(b'?x\\n"a"\\n\\n', "tsv", 1)
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
    """Re-serialise an N-Triples graph as `fmt` (any key of GRAPH_FORMATS)."""
    if fmt in ("ntriples", "nquads"):
        return ntriples
    import pyoxigraph as ox

    from ..text import safe_output
    from .oxigraph import RDF_FORMATS

    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return safe_output(ox.serialize((q.triple for q in triples), format=RDF_FORMATS[fmt]), fmt)
