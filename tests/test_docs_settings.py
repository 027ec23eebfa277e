"""Every setting is documented in the README's configuration table, and nothing else is
(in the manner of datasette's test_docs.py). The remote store's own variables (`KG_STORE_USER`
and the rest) are documented with the remote store and are not `Settings` fields yet (issue 16)."""
from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from kg.config import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_docs_settings_readme_table_lists_every_setting():
    section = README.read_text(encoding="utf-8").split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(KG_[A-Z_]+)` \|", section, flags=re.M))
    settings = {f"KG_{f.name.upper()}" for f in fields(Settings)}
    assert documented == settings, {"undocumented": sorted(settings - documented),
                                    "not settings": sorted(documented - settings)}


def test_docs_settings_every_setting_has_help():
    assert all(text.strip() for text in Settings.documented().values())
