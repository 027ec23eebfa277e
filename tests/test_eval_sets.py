"""The team-written evaluation sets stay well-formed (eval/team, eval/team2 and eval/team3: each
set's checks in eval/team/check.py)."""
from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"


@pytest.mark.parametrize("name", ["team", "team2", "team3"])
def test_eval_set_passes_its_checks(name, capsys):
    check = runpy.run_path(str(EVAL / "team" / "check.py"))["check"]
    assert check(str(EVAL / name)), capsys.readouterr().out
