"""No import cycles in kg/ and api/: the module-level import graph is acyclic, and every module
imports in a fresh interpreter, taken in either order (so none relies on another's side effect)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]


def modules() -> dict[str, Path]:
    found = {}
    for package in ("kg", "api"):
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def import_graph() -> nx.DiGraph:
    """Module -> module, for the imports a module runs when it is loaded (its top level; imports
    inside functions and `if TYPE_CHECKING:` blocks run later or never)."""
    known, graph = modules(), nx.DiGraph()
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        graph.add_node(name)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - max(node.level - 1, 0)] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                continue
            graph.add_edges_from((name, target) for target in targets if target in known and target != name)
    return graph


def test_import_graph_has_no_cycle():
    graph = import_graph()
    assert graph.number_of_nodes() > 100
    cycles = sorted(nx.simple_cycles(graph), key=len)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(cycle + cycle[:1]) for cycle in cycles[:5])


def test_import_graph_sees_a_cycle(tmp_path, monkeypatch):
    """The check can fail: two modules that import each other at their top level are a cycle."""
    (tmp_path / "kg").mkdir()
    (tmp_path / "api").mkdir()
    (tmp_path / "kg" / "__init__.py").write_text("")
    (tmp_path / "api" / "__init__.py").write_text("")
    (tmp_path / "kg" / "a.py").write_text("from . import b\n")
    (tmp_path / "kg" / "b.py").write_text("from .a import x\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert list(nx.simple_cycles(import_graph())) in ([["kg.a", "kg.b"]], [["kg.b", "kg.a"]])


def test_every_module_imports_alone_in_a_fresh_interpreter():
    names = sorted(name for name in modules() if not name.endswith("__main__"))
    script = ("import importlib, sys\nbad = []\nfor name in sys.argv[1:]:\n    try:\n"
              "        importlib.import_module(name)\n    except Exception as exc:\n"
              "        bad.append(f'{name}: {exc!r}')\nprint('\\n'.join(bad))\nsys.exit(1 if bad else 0)\n")
    for chunk in (names, list(reversed(names))):
        done = subprocess.run([sys.executable, "-c", script, *chunk], cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
