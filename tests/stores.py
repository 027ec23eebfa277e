"""Store backends for tests: the embedded store and real SPARQL servers started on loopback.

`oxigraph_server` and `virtuoso_server` are session fixtures: each starts its server once on
free 127.0.0.1 ports in a temp dir, waits until it answers, and always stops it. `store` is
parametrized over every backend and hands each test an empty store. A test module uses them
by importing them: `from tests.stores import oxigraph_server, store, virtuoso_server`.

A server that is not installed, or does not start, skips its tests with the reason (set
`KG_REQUIRE_SERVERS=1`, as CI should, to make that an error instead). The launchers are plain
context managers, so benchmarks use them too.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from kg.store import open_store

BACKENDS = ["oxigraph", "oxigraph-server", "virtuoso"]
SERVER_FIXTURES = {"oxigraph-server": "oxigraph_server", "virtuoso": "virtuoso_server"}
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "kgtest", "kgtest-secret"
PRIVATE_GRAPHS = "http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs"
# Make the anonymous SPARQL user able to update, drop the demo graphs, and hide Virtuoso's own
# schema graph (virtrdf#) so that the union default graph holds only conflict-kg's graphs
# (private graphs are invisible to users without permissions on them; the first call
# switches graph-level security on, and must come before the group is created).
VIRTUOSO_SETUP = f"""
GRANT SPARQL_UPDATE TO "SPARQL";
SPARQL CLEAR GRAPH <http://www.w3.org/ns/ldp#>;
SPARQL CLEAR GRAPH <http://localuriqaserver/sparql>;
SPARQL CLEAR GRAPH <http://www.w3.org/2002/07/owl#>;
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
DB.DBA.RDF_GRAPH_GROUP_CREATE ('{PRIVATE_GRAPHS}', 1);
DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE_GRAPHS}', 'http://www.openlinksw.com/schemas/virtrdf#');
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 15, 0);
DB.DBA.USER_CREATE ('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}');
GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{VIRTUOSO_USER}', 0, 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{VIRTUOSO_USER}', 15, 0);
"""


@dataclass
class Server:
    """A running server: its store location (for `open_store`), process and data directory."""

    name: str
    location: str
    process: subprocess.Popen
    directory: Path
    log: Path
    sql_port: int | None = None


class ServerUnavailable(RuntimeError):
    """The server is not installed or did not start; the message says why."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerUnavailable(f"exited with status {process.returncode}: {_tail(log)}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise ServerUnavailable(f"did not answer on {url} within {seconds:g} s: {_tail(log)}")


def _tail(log: Path) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").strip().splitlines()[-5:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def oxigraph_binary() -> str | None:
    """The `oxigraph` server binary (PyPI package `oxigraph`), next to this Python or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@contextlib.contextmanager
def run_oxigraph(directory: Path):
    """Run `oxigraph serve --union-default-graph` on a free loopback port; stop it on exit."""
    binary = oxigraph_binary()
    if not binary:
        raise ServerUnavailable("the oxigraph server is not installed (pip install oxigraph)")
    port, log = free_port(), directory / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "serve", "--location", str(directory / "db"), "--bind",
                                    f"127.0.0.1:{port}", "--union-default-graph"],
                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait(f"http://127.0.0.1:{port}/query", process, log, 30)
        yield Server("oxigraph-server", f"sparql+http://127.0.0.1:{port}/query", process, directory, log)
    finally:
        _stop(process)


def virtuoso_ini(directory: Path, http_port: int, sql_port: int, *, buffers: int = 20000,
                 max_rows: int = 1_000_000, dirs: str = "") -> str:
    """A minimal virtuoso.ini keeping everything in `directory`, listening on loopback only.

    `max_rows` is raised from Virtuoso's 10,000 (ResultSetMaxRows cuts results silently, with
    HTTP 200). MaxQueryCostEstimationTime is left unset on purpose: with it, the endpoint compiles
    INSERT DATA into SQL and fails ("generated SQL text has exceeded 10000 lines") on graphs of
    more than about a thousand triples, instead of loading them as one constant.
    """
    d = directory
    return f"""[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}{", " + dirs if dirs else ""}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {buffers * 3 // 4}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 8
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 600
"""


def isql(server: Server, script: str, *, timeout: float = 120) -> str:
    """Run SQL statements through isql as dba; raise ServerUnavailable on an error."""
    binary = shutil.which("isql-vt") or shutil.which("isql")
    done = subprocess.run([binary, f"127.0.0.1:{server.sql_port}", "dba", "dba"], input=script,
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or "*** Error" in done.stdout:
        raise ServerUnavailable(f"isql failed: {(done.stdout + done.stderr)[-800:]}")
    return done.stdout


@contextlib.contextmanager
def run_virtuoso(directory: Path, **ini):
    """Run Debian's virtuoso-t in the foreground on free loopback ports; stop it on exit."""
    binary = shutil.which("virtuoso-t")
    if not binary or not (shutil.which("isql-vt") or shutil.which("isql")):
        raise ServerUnavailable("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    http_port, sql_port = free_port(), free_port()
    (directory / "virtuoso.ini").write_text(virtuoso_ini(directory, http_port, sql_port, **ini))
    log = directory / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "-f", "-c", str(directory / "virtuoso.ini")], cwd=directory,
                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait(f"http://127.0.0.1:{http_port}/sparql", process, log, 60)
        server = Server("virtuoso", f"sparql+http://127.0.0.1:{http_port}/sparql", process, directory, log,
                        sql_port)
        isql(server, VIRTUOSO_SETUP)
        yield server
    finally:
        _stop(process)


_SERVERS: dict[str, Server | str] = {}  # one of each per test session, whichever module asks first


def _session_server(launcher, name: str, request, tmp_path_factory) -> Server:
    if name not in _SERVERS:
        stack = contextlib.ExitStack()
        try:
            _SERVERS[name] = stack.enter_context(launcher(tmp_path_factory.mktemp(name)))
            request.config.add_cleanup(stack.close)  # stopped at the end of the session
        except ServerUnavailable as exc:
            _SERVERS[name] = f"{name} backend skipped: {exc}"
            print(f"\n{_SERVERS[name]}", file=sys.stderr)
    server = _SERVERS[name]
    if isinstance(server, str):
        if os.environ.get("KG_REQUIRE_SERVERS") == "1":
            pytest.fail(server)
        pytest.skip(server)
    return server


@pytest.fixture(scope="session")
def oxigraph_server(request, tmp_path_factory) -> Server:
    """The Oxigraph HTTP server, started once per session."""
    return _session_server(run_oxigraph, "oxigraph-server", request, tmp_path_factory)


@pytest.fixture(scope="session")
def virtuoso_server(request, tmp_path_factory) -> Server:
    """Virtuoso, started once per session."""
    return _session_server(run_virtuoso, "virtuoso", request, tmp_path_factory)


def wipe(kg_store) -> None:
    """Drop every named graph the store shows (never DROP ALL: Virtuoso keeps system graphs)."""
    graphs = kg_store.graphs()
    if graphs:
        kg_store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """An empty store of each backend: embedded on a temp dir, Oxigraph server, Virtuoso."""
    if request.param == "oxigraph":
        kg_store = open_store(str(tmp_path / "store"))
    else:
        server = request.getfixturevalue(SERVER_FIXTURES[request.param])
        kg_store = open_store(server.location)
        wipe(kg_store)
    yield kg_store
    kg_store.close()


@pytest.fixture(params=list(SERVER_FIXTURES))
def remote_store(request):
    """An empty store on each SPARQL server (Oxigraph, Virtuoso)."""
    server = request.getfixturevalue(SERVER_FIXTURES[request.param])
    kg_store = open_store(server.location)
    wipe(kg_store)
    yield kg_store
    kg_store.close()
