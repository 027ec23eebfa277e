"""A remote store: any SPARQL 1.1 Query + Update server (Virtuoso, Fuseki, GraphDB, Oxigraph, Neptune).

Opened by `open_store("sparql+http://host:port/path")`. The path is the query endpoint; the
update endpoint and the optional Graph Store Protocol endpoint come from the URL's `update=` and
`gsp=` parameters, else `KG_STORE_UPDATE_URL` / `KG_STORE_GSP_URL`, else a convention (below).
Credentials come from `KG_STORE_USER` / `KG_STORE_PASSWORD` (HTTP Basic, or Digest when the
server asks for it).

Virtuoso keeps a `geo:wktLiteral` as a geometry of its own in single precision; its points are
read back as the WKT conflict-kg wrote (`_point`).

Union default graph: queries are sent as written and rely on the *server* treating its default
graph as the union of all named graphs (Virtuoso, GraphDB and Neptune do so out of the box;
start Oxigraph with `--union-default-graph`; set `tdb2:unionDefaultGraph true` in Fuseki). The
store's own bookkeeping (hashes, graph list, counts) uses explicit `GRAPH` patterns and so does
not depend on that setting. Only named graphs are counted; conflict-kg never writes the default graph.
"""
from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from typing import Mapping
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox
import requests

from ..errors import QueryError, StoreError
from ..mapping.namespaces import CKG
from ..text import safe_output
from .base import GRAPH_FORMATS, RESULT_FORMATS, Store, inline_values, query_form
from .batch import _iri, replace_update

__all__ = ["SparqlStore", "endpoints_from_url"]

_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_GRAPHS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
           "nquads": ox.RdfFormat.N_QUADS, "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}
_ACCEPT_GRAPH = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
_HASH = str(CKG.contentHash)
# Graphs a server keeps for itself. Virtuoso lists its schema graph here even when it is
# private (its DISTINCT ?g shortcut skips the permission check that every other query makes).
SYSTEM_GRAPHS = ("_:", "http://www.openlinksw.com/schemas/virtrdf#")
_MAX_GET = 6000  # longer queries go as a form-encoded POST (never as a direct POST: Virtuoso hangs on it)


def endpoints_from_url(url: str, environ: Mapping[str, str] | None = None) -> tuple[str, str, str | None]:
    """(query, update, gsp) endpoint URLs from a `sparql+http(s)://` location.

    Without an explicit update endpoint: `…/query` → `…/update` (Oxigraph, Fuseki),
    `…/repositories/ID` → `…/repositories/ID/statements` (GraphDB, RDF4J), else the query URL
    itself (Virtuoso, Neptune).

    >>> endpoints_from_url("sparql+http://h:7878/query", {})
    ('http://h:7878/query', 'http://h:7878/update', None)
    >>> endpoints_from_url("sparql+https://h/repositories/kg?gsp=/repositories/kg/rdf-graphs/service", {})[1:]
    ('https://h/repositories/kg/statements', 'https://h/repositories/kg/rdf-graphs/service')
    """
    environ = os.environ if environ is None else environ
    if not re.match(r"^sparql\+https?://", url):
        raise StoreError(f"not a SPARQL store location: {url!r} (expected sparql+http://host:port/path)")
    parts = urlsplit(url[len("sparql+"):])
    if not parts.hostname:
        raise StoreError(f"store location {url!r} names no host")
    params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    query = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))
    update = params.get("update") or environ.get("KG_STORE_UPDATE_URL")
    if update:
        update = urljoin(query, update)
    elif parts.path.endswith("/query"):
        update = query[: -len("query")] + "update"
    elif re.search(r"/repositories/[^/]+/?$", parts.path):
        update = query.rstrip("/") + "/statements"
    else:
        update = query
    gsp = params.get("gsp") or environ.get("KG_STORE_GSP_URL") or None
    return query, update, urljoin(query, gsp) if gsp else None


_GEOMETRY = "http://www.openlinksw.com/schemas/virtrdf#Geometry"
_WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"


def _point(text: str) -> str:
    """A point as Virtuoso gives back a WKT literal (its own single-precision geometry type,
    'POINT(13.180000305176 32.889999389648)') written as conflict-kg writes WKT: at most 5
    decimals ('POINT(13.18 32.89)'), so that the store reads back what was written.

    >>> _point("POINT(13.180000305176 32.889999389648)")
    'POINT(13.18 32.89)'
    """
    found = re.fullmatch(r"\s*POINT\s*\(\s*(\S+)\s+(\S+)\s*\)\s*", text, re.IGNORECASE)
    if not found:
        return text
    try:
        return "POINT(" + " ".join(format(Decimal(str(round(float(v), 5))), "f") for v in found.groups()) + ")"
    except ValueError:
        return text


def _json_geometry(data: bytes) -> bytes:
    """SPARQL JSON results with Virtuoso's geometries as WKT literals (`_point`)."""
    if _GEOMETRY.encode() not in data:
        return data
    body = json.loads(data)
    for row in body.get("results", {}).get("bindings", []):
        for value in row.values():
            if value.get("datatype") == _GEOMETRY:
                value.update(datatype=_WKT, value=_point(value["value"]))
    return json.dumps(body).encode()


def _geometry(term):
    if isinstance(term, ox.Literal) and term.datatype.value == _GEOMETRY:
        return ox.Literal(_point(term.value), datatype=ox.NamedNode(_WKT))
    return term


def _message(response: requests.Response) -> str:
    text = re.sub(r"\s+", " ", response.text or "").strip()
    return text[:300] + ("…" if len(text) > 300 else "") or response.reason or "no message"


class SparqlStore(Store):
    """A store on a SPARQL 1.1 server; same interface and semantics as the embedded store."""

    batch_writes = True  # kg.store.batch writes many articles per request (one round trip)

    def __init__(self, query_url: str, update_url: str | None = None, *, gsp_url: str | None = None,
                 user: str | None = None, password: str | None = None, timeout: float = 300.0,
                 read_only: bool = False):
        self.query_url, self.update_url, self.gsp_url = query_url, update_url or query_url, gsp_url
        self.timeout, self.read_only = (5.0, timeout), read_only
        self._session = requests.Session()
        self._credentials = (user, password or "") if user else None
        self._session.auth = requests.auth.HTTPBasicAuth(*self._credentials) if self._credentials else None

    @classmethod
    def from_url(cls, url: str, *, read_only: bool = False, environ: Mapping[str, str] | None = None):
        """Open a `sparql+http(s)://` location, reading endpoints and credentials as the module says."""
        environ = os.environ if environ is None else environ
        query, update, gsp = endpoints_from_url(url, environ)
        return cls(query, update, gsp_url=gsp, user=environ.get("KG_STORE_USER") or None,
                   password=environ.get("KG_STORE_PASSWORD"), read_only=read_only,
                   timeout=float(environ.get("KG_STORE_TIMEOUT", 300)))

    # -- HTTP -------------------------------------------------------------------------------
    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        try:
            response = self._session.request(method, url, timeout=self.timeout, **kwargs)
            challenge = response.headers.get("WWW-Authenticate", "").lower()
            # Basic refused: try Digest (Virtuoso's /sparql-auth answers Basic with a bare 401)
            if response.status_code == 401 and self._credentials and not challenge.startswith("basic") \
                    and not isinstance(self._session.auth, requests.auth.HTTPDigestAuth):
                self._session.auth = requests.auth.HTTPDigestAuth(*self._credentials)
                response = self._session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout:
            raise StoreError(f"SPARQL endpoint {url} did not answer within {self.timeout[1]:g} s "
                             "(set KG_STORE_TIMEOUT to wait longer)") from None
        except requests.ConnectionError as exc:
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {exc.__class__.__name__}; "
                             "is the server running?") from None
        if response.status_code in (401, 403):
            raise StoreError(f"SPARQL endpoint {url} refused access (HTTP {response.status_code}): "
                             f"{_message(response)}; set KG_STORE_USER and KG_STORE_PASSWORD, and give "
                             "that user update rights")
        return response

    def _query(self, sparql: str, accept: str, *, default_graphs=None, named_graphs=None) -> requests.Response:
        params = [("query", sparql)] + [("default-graph-uri", g) for g in default_graphs or ()] \
            + [("named-graph-uri", g) for g in named_graphs or ()]
        headers = {"Accept": accept}
        if len(urlencode(params)) <= _MAX_GET:
            response = self._send("GET", self.query_url, params=params, headers=headers)
        else:
            response = self._send("POST", self.query_url, data=params, headers=headers)
        if response.status_code == 400:
            raise QueryError(f"malformed SPARQL (the server said: {_message(response)})")
        if not response.ok:
            raise QueryError(f"query failed: {self.query_url} answered HTTP {response.status_code}: "
                             f"{_message(response)}")
        return response

    def _update(self, sparql: str, what: str) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.query_url} was opened read-only; cannot {what}")
        response = self._send("POST", self.update_url, data={"update": sparql})
        if not response.ok:
            raise StoreError(f"{what} failed, nothing was changed: {self.update_url} answered "
                             f"HTTP {response.status_code}: {_message(response)}")
        self._changed()

    # -- the Store interface ----------------------------------------------------------------
    def write_update(self, sparql: str, what: str) -> None:
        self._update(sparql, f"writing {what}")

    def holds_graph(self, graph_iri: str) -> bool:
        return self.ask(f"ASK {{ GRAPH <{_iri(graph_iri)}> {{ ?s ?p ?o }} }}")

    def put_graph(self, graph_iri: str, ntriples: str) -> None:
        if self.gsp_url and not self.read_only:
            response = self._send("PUT", self.gsp_url, params={"graph": graph_iri}, data=ntriples.encode(),
                                  headers={"Content-Type": "application/n-triples"})
            if not response.ok:
                raise StoreError(f"writing graph {graph_iri} through {self.gsp_url} failed: "
                                 f"HTTP {response.status_code}: {_message(response)}")
            self._changed()
            return
        self._update(replace_update(graph_iri, ntriples), f"writing graph {graph_iri}")

    def article_hash(self, graph_iri: str) -> str | None:
        rows = self.select(f"SELECT ?h WHERE {{ GRAPH <{_iri(graph_iri)}> {{ <{graph_iri}> <{_HASH}> ?h }} }}")
        return rows[0]["h"] if rows else None

    def _graph_size(self, graph_iri: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{_iri(graph_iri)}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]) if rows else 0

    def select(self, sparql: str, bindings: Mapping[str, str] | None = None) -> list[dict]:
        if query_form(sparql) != "SELECT":
            raise QueryError("select() needs a SELECT query")
        data = _json_geometry(self._query(inline_values(sparql, bindings), RESULT_FORMATS["json"]).content)
        try:
            rows = json.loads(data)["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise QueryError(f"{self.query_url} did not answer with SPARQL JSON results") from None
        return [{k: ("_:" + v["value"]) if v["type"] == "bnode" else v["value"] for k, v in row.items()}
                for row in rows]

    def query(self, sparql: str, fmt: str, *, default_graphs=None, named_graphs=None) -> bytes:
        graph_form = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        if graph_form and fmt not in _GRAPHS:
            raise QueryError(f"a CONSTRUCT or DESCRIBE result cannot be written as {fmt!r}; "
                             f"use one of {', '.join(GRAPH_FORMATS)}")
        if not graph_form and fmt not in _RESULTS:
            raise QueryError(f"a SELECT or ASK result cannot be written as {fmt!r}; "
                             f"use one of {', '.join(RESULT_FORMATS)}")
        accept = _ACCEPT_GRAPH if graph_form else RESULT_FORMATS["json"]
        response = self._query(sparql, accept, default_graphs=default_graphs, named_graphs=named_graphs)
        try:  # re-serialised locally, so every backend writes each format the same way
            if not graph_form:
                parsed = ox.parse_query_results(_json_geometry(response.content), format=ox.QueryResultsFormat.JSON)
                return safe_output(parsed.serialize(format=_RESULTS[fmt]), fmt)
            kind = response.headers.get("Content-Type", "").split(";")[0].strip()
            source = ox.RdfFormat.TURTLE if kind == "text/turtle" else ox.RdfFormat.N_TRIPLES
            quads = [ox.Quad(q.subject, q.predicate, _geometry(q.object))
                     for q in ox.parse(response.content, format=source)]
            return safe_output(ox.serialize(quads, format=_GRAPHS[fmt]), fmt)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"{self.query_url} answered with results that do not parse: {exc}") from None

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.query_url} was opened read-only; cannot update it")
        response = self._send("POST", self.update_url, data={"update": sparql})
        if response.status_code == 400:
            raise QueryError(f"malformed SPARQL update (the server said: {_message(response)})")
        if not response.ok:
            raise StoreError(f"update failed: {self.update_url} answered HTTP {response.status_code}: "
                             f"{_message(response)}")
        self._changed()

    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"] for r in rows if not r["g"].startswith(SYSTEM_GRAPHS))

    def triple_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def close(self) -> None:
        self._session.close()
