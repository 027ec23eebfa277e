"""Count hostile inputs per class: a pytest plugin that `bench/reliability.py` loads.

A test names its class with ``@pytest.mark.reliability("class")`` (or a module's ``pytestmark``).
Each test counts as the inputs it tried: the examples Hypothesis ran, else what it reported with
`tried(n)` (a test that loops over n inputs), else one; it counts one failed input when it fails.
Without the plugin (``-p tests.reliability``), `tried` does nothing.
"""
from __future__ import annotations

import json
import os
import re

import pytest

__all__ = ["tried"]

_EXAMPLES = re.compile(r"(\d+) passing(?: examples?)?, (\d+) failing")
_state: dict = {"item": None, "counts": {}, "rows": []}


def tried(n: int = 1) -> None:
    """Count `n` more inputs tried by the running test."""
    item = _state["item"]
    if item is not None:
        _state["counts"][item] = _state["counts"].get(item, 0) + n


def _examples(item) -> int | None:
    found = _EXAMPLES.findall(getattr(item, "hypothesis_statistics", "") or "")
    return sum(int(p) + int(f) for p, f in found) if found else None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """After each test: its class, the inputs it tried, and whether it failed."""
    outcome = yield
    report = outcome.get_result()
    marker = item.get_closest_marker("reliability")
    if marker is None or (report.when != "call" and not report.failed):
        return  # a test is counted once: at its call, or when its setup or teardown fails
    tried_here = _examples(item) or _state["counts"].get(item.nodeid) or 1
    _state["rows"].append({"class": marker.args[0], "test": item.nodeid, "tried": tried_here,
                           "failed": int(report.failed)})


def pytest_runtest_setup(item):
    """Note the running test, for `tried`."""
    _state["item"] = item.nodeid


def pytest_sessionfinish(session):
    """Write the counts to $KG_RELIABILITY_OUT (JSON Lines), when it is set."""
    out = os.environ.get("KG_RELIABILITY_OUT")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            for row in _state["rows"]:
                handle.write(json.dumps(row) + "\n")
