"""Queries in reader processes: an engine crash, a runaway or a memory blow-up costs one request.

pyoxigraph can abort the whole process (a Rust panic, docs/known-engine-bugs.md), cannot stop a
query that sorts or counts before its first row, and bounds no query's memory. A `ReaderPool`
therefore runs queries in child processes (`kg.store.reader_main`), each holding a
read-only view of the embedded store:

- a reader that dies (the engine aborted, or it ran out of its memory bound) fails that one query
  with `EngineCrashError`, and a fresh reader replaces it; other queries never share its process;
- at the deadline the reader running the query is killed (SIGKILL), so its CPU and memory are
  released at once (`QueryTimeoutError`), and replaced;
- each reader's address space is bounded (RLIMIT_AS) to what it holds after opening the store plus
  `MEMORY_MB`: an allocation past it fails, and the engine aborts that reader only.

A reader reopens its view when the writer's `generation` has moved on, so it sees every write
acknowledged before the query was sent. Readers end with the process that started them.
"""
from __future__ import annotations

import os
import pickle
import queue
import select
import struct
import subprocess
import sys
import tempfile
import threading
import time

from ..errors import QueryError

__all__ = ["MEMORY_MB", "EngineCrashError", "QueryTimeoutError", "ReadersBusyError", "ReaderPool", "isolated"]

MEMORY_MB = 1024  # the address space a query may add to a reader's
START_SECONDS = 30  # a reader that is not ready by then is given up
_HEADER = struct.Struct("!Q")
_METHODS = {"query": "query", "bounded_query": "bounded_query"}  # what a reader is asked to run


class EngineCrashError(QueryError):
    """The query engine died while running a query (`memory` tells an exhausted memory bound)."""

    def __init__(self, message: str, *, memory: bool = False):
        self.memory = memory
        super().__init__(message)


class QueryTimeoutError(QueryError):
    """The query ran past its deadline and was stopped."""


class ReadersBusyError(QueryError):
    """Every reader is running a query."""


def _send(fd: int, payload) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    data = _HEADER.pack(len(data)) + data
    while data:
        data = data[os.write(fd, data):]


def _read_exactly(fd: int, n: int, deadline: float | None) -> bytes | None:
    """`n` bytes from `fd`, None at end of file; raises TimeoutError past `deadline`."""
    parts, left = [], n
    while left:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _receive(fd: int, deadline: float | None = None):
    """The next message on `fd`, None at end of file; raises TimeoutError past `deadline`."""
    head = _read_exactly(fd, _HEADER.size, deadline)
    body = None if head is None else _read_exactly(fd, _HEADER.unpack(head)[0], deadline)
    return None if body is None else pickle.loads(body)


class _Reader:
    """One reader process, its pipes and the file its stderr goes to."""

    def __init__(self, path: str, memory_mb: int, generation: int):
        self.generation = generation  # the writer's when the reader opened the store (or earlier)
        self.log = tempfile.TemporaryFile()
        env = {**os.environ, "RUST_BACKTRACE": "0"}
        self.process = subprocess.Popen([sys.executable, "-m", "kg.store.reader_main", path, str(memory_mb)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, env=env)
        try:
            self.ready = _receive(self.process.stdout.fileno(), time.monotonic() + START_SECONDS) == "ready"
        except (TimeoutError, EOFError, pickle.UnpicklingError):
            self.ready = False

    def run(self, job: dict, deadline: float | None):
        """The reader's answer to `job`; raises QueryTimeoutError or EngineCrashError (the reader is then dead)."""
        try:
            _send(self.process.stdin.fileno(), job)
            answer = _receive(self.process.stdout.fileno(), deadline)
        except TimeoutError:
            self.kill()
            raise QueryTimeoutError("the query was stopped: it ran past its time limit") from None
        except (BrokenPipeError, pickle.UnpicklingError, EOFError):
            answer = None
        if answer is None:
            raise self._death()
        return answer

    def _death(self) -> EngineCrashError:
        status = self.process.wait()
        self.log.seek(0)
        said = self.log.read()[-4000:].decode("utf-8", "replace")
        if "memory allocation of" in said or "MemoryError" in said:
            return EngineCrashError(f"the query needed more memory than a query may use ({MEMORY_MB} MB) and was "
                                    "stopped; narrow it or add LIMIT", memory=True)
        why = f"signal {-status}" if status < 0 else f"exit status {status}"
        lines = [x.strip() for x in said.splitlines() if x.strip()]
        at = next((i for i, x in enumerate(lines) if "panicked at" in x), None)
        line = lines[at + 1] if at is not None and at + 1 < len(lines) else ""
        return EngineCrashError(f"the query engine crashed on this query ({why}{': ' + line[:200] if line else ''}); "
                                "nothing else was affected (see docs/known-engine-bugs.md)")

    def alive(self) -> bool:
        return self.ready and self.process.poll() is None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.log):
            try:
                stream.close()
            except OSError:
                pass


class ReaderPool:
    """At most `size` queries at once, in reader processes over the embedded store at `path`.

    With `respawn`, one reader more than `size` is kept ready, so that a query sent right after a
    reader was killed or died does not wait for a replacement to start; without it (one command,
    one query), no reader is started after the first ones.
    """

    def __init__(self, path: str, *, size: int = 2, memory_mb: int = MEMORY_MB, wait: float = 1.0,
                 generation=lambda: 0, respawn: bool = True):
        self.path, self.memory_mb, self.wait, self.size, self.respawn = str(path), memory_mb, wait, size, respawn
        self.generation = generation  # the writer's write count: a reader that opened before it reopens
        self._idle: queue.Queue = queue.Queue()
        self._slots = threading.BoundedSemaphore(size)
        self._closed, self._starting, self._lock = False, 0, threading.Lock()
        self.started = 0  # readers started, the replacements included
        for _ in range(size + respawn):
            self._replace()

    def _replace(self) -> None:
        """Start a reader in a thread of its own and make it idle once it is ready."""
        if self._closed or (not self.respawn and self.started >= self.size):
            return

        def start():
            if self._closed:
                return
            try:
                reader = _Reader(self.path, self.memory_mb, self.generation())
            finally:
                with self._lock:
                    self._starting -= 1
            self.started += 1
            if reader.alive() and not self._closed:
                self._idle.put(reader)
                return
            reader.kill()
            if not self._closed:
                time.sleep(1.0)
                self._replace()

        with self._lock:
            self._starting += 1
        threading.Thread(target=start, name="kg-reader-start", daemon=True).start()

    def bounded_query(self, sparql: str, fmt: str, *, deadline: float | None = None, **kwargs) -> tuple[bytes, bool]:
        """`OxigraphStore.bounded_query` in a reader: its answer, the QueryError it would raise, or
        one of this module's errors; a reader that opened the store before the last write reopens it."""
        return self._call("bounded_query", sparql, fmt, deadline=deadline, **kwargs)

    def query(self, sparql: str, fmt: str, **kwargs) -> bytes:
        """`OxigraphStore.query` in a reader (no row cap, no deadline), as `bounded_query`."""
        return self._call("query", sparql, fmt, **kwargs)

    def _call(self, method: str, sparql: str, fmt: str, *, deadline: float | None = None, **kwargs):
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not self._slots.acquire(timeout=self.wait if left is None else min(self.wait, left)):
            raise ReadersBusyError(f"all {self.size} query readers are busy; retry later")
        try:
            return self._in_reader(method, sparql, fmt, deadline, kwargs)
        finally:
            self._slots.release()

    def _in_reader(self, method: str, sparql: str, fmt: str, deadline: float | None, kwargs: dict):
        wait = START_SECONDS if self._starting else self.wait  # a replacement is on its way
        try:
            reader = self._idle.get(timeout=wait if deadline is None else max(0.0, min(wait, deadline - time.monotonic())))
        except queue.Empty:
            raise ReadersBusyError(f"all {self.size} query readers are busy or starting; retry later") from None
        generation = self.generation()
        job = {"method": method, "sparql": sparql, "fmt": fmt, "reopen": generation != reader.generation,
               "kwargs": kwargs,
               "deadline_in": None if deadline is None else deadline - time.monotonic()}
        reader.generation = generation
        try:
            answer = reader.run(job, deadline)
        except QueryError:
            reader.kill()
            self._replace()
            raise
        if not reader.alive():
            reader.kill()
            self._replace()
        elif self._closed:
            reader.kill()
        else:
            self._idle.put(reader)
        kind, result = answer
        if kind == "ok":
            return result
        raise QueryError(result)

    def close(self) -> None:
        """Stop every idle reader (running ones stop when their query returns)."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return


def isolated(store):
    """An embedded store on disk as one reader over it (for `kg query`: a query that crashes the
    engine is then one clear error); the store is closed. Other stores are returned as they are."""
    from .oxigraph import OxigraphStore

    if not isinstance(store, OxigraphStore) or store.path is None:
        return store
    path = store.path
    store.close()  # the reader opens it read-only
    return ReaderPool(path, size=1, respawn=False)
