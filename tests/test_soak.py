"""A short run of bench/soak.py: concurrent queries, API calls and ingests on loopback lose nothing."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SOAK = Path(__file__).resolve().parents[1] / "bench" / "soak.py"


@pytest.mark.slow
def test_soak_short_run_loses_nothing(seeded_store_dir):
    done = subprocess.run([sys.executable, str(SOAK), "--seconds", "40", "--store", str(seeded_store_dir), "--json"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    summary = json.loads(done.stdout)
    assert summary["lost"] == 0, summary
    assert summary["errors"] == 0, summary["failures"]
    assert summary["requests"] > 500 and summary["by_kind"]["ingest"] >= 10
    assert summary["articles_after"] == summary["articles_before"] + summary["articles_added"]
    assert done.returncode == 0
