"""Mechanical checks of the third team-written evaluation set (eval/team3): the same checks as
eval/team's (`eval/team/check.py`), on this folder.

Usage (from /work/main):  .venv/bin/python eval/team3/check.py [DIR]
"""
import os
import runpy
import sys

if __name__ == "__main__":
    here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    checks = runpy.run_path(os.path.join(os.path.dirname(here.rstrip("/")), "team", "check.py"))
    sys.exit(0 if checks["check"](here) else 1)
