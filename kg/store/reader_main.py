"""A reader process of `kg.store.readers`: answers queries on a read-only view of one store.

Run as ``python -m kg.store.reader_main STORE MEMORY_MB`` by `ReaderPool`; reads pickled jobs on
stdin and writes pickled answers on stdout until stdin closes or its parent ends.
"""
from __future__ import annotations

import os
import sys
import threading
import time

from ..errors import QueryError
from .readers import _METHODS, _receive, _send

__all__: list[str] = []


def _bound_memory(memory_mb: int) -> None:
    import resource

    with open("/proc/self/status") as status:
        size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    limit = (size_kb * 1024) + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _end_with(parent: int) -> None:
    """End this reader within a second of its parent, even in the middle of a query (PR_SET_PDEATHSIG
    would follow the parent's thread that started the reader, which ends at once)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _main(path: str, memory_mb: int) -> None:
    """A reader: answer jobs from stdin on stdout until stdin closes."""
    from .oxigraph import OxigraphStore

    threading.Thread(target=_end_with, args=(os.getppid(),), daemon=True).start()
    jobs, answers = os.dup(0), os.dup(1)
    os.dup2(2, 1)  # a stray print must not corrupt the answers
    store = OxigraphStore(path, read_only=True)
    if sys.platform.startswith("linux"):
        _bound_memory(memory_mb)
    _send(answers, "ready")
    while (job := _receive(jobs)) is not None:
        if job["reopen"]:
            store.close()
            store = OxigraphStore(path, read_only=True)
        kwargs = job["kwargs"]
        if job["method"] == "bounded_query":
            kwargs["deadline"] = None if job["deadline_in"] is None else time.monotonic() + job["deadline_in"]
        try:
            answer = ("ok", getattr(store, _METHODS[job["method"]])(job["sparql"], job["fmt"], **kwargs))
        except QueryError as exc:
            answer = ("error", str(exc))
        except MemoryError:
            print("MemoryError", file=sys.stderr, flush=True)  # read by ReaderPool
            os._exit(3)
        _send(answers, answer)


if __name__ == "__main__":
    _main(sys.argv[1], int(sys.argv[2]))
