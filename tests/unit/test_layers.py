"""The package's layers, one way down: build -> present -> analysis -> factbase, and extract
reading only the fact base (the contracts in pyproject.toml, checked by import-linter, which
sees imports inside functions too); and no module importing itself round a loop."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

from zhongyuan.factbase.paths import ROOT

LINT = Path(sys.executable).parent / "lint-imports"


def _lint(src: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([str(LINT), str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=src.parent, capture_output=True, text=True, env=env)


def test_every_import_goes_down_the_layers():
    out = _lint(ROOT / "src")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "3 kept, 0 broken" in out.stdout


def test_an_upward_import_inside_a_function_breaks_the_contract(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "zhongyuan", src / "zhongyuan", ignore=shutil.ignore_patterns("__pycache__"))
    load = src / "zhongyuan" / "factbase" / "load.py"
    load.write_text(load.read_text() + "\n\ndef _sneak():\n    from ..build import run  # noqa: F401\n")
    out = _lint(src)
    assert out.returncode != 0
    assert "zhongyuan.factbase.load -> zhongyuan.build.run" in out.stdout, out.stdout[-3000:]


def _cycles(graph, modules: set[str]) -> list[list[str]]:
    """Every loop of direct imports among modules (depth-first search, one loop per back edge)."""
    found, state = [], {}

    def visit(m, path):
        state[m] = "open"
        for n in sorted(graph.find_modules_directly_imported_by(m) & modules):
            if state.get(n) == "open":
                found.append(path[path.index(n):] + [n])
            elif n not in state:
                visit(n, path + [n])
        state[m] = "done"

    for m in sorted(modules):
        if m not in state:
            visit(m, [m])
    return found


def test_no_module_imports_itself_round_a_loop():
    graph = grimp.build_graph("zhongyuan")
    # a package's __init__ hands names on (zy.load_facts): its imports of its own parts are
    # not a layer's dependency on itself
    modules = {m for m in graph.modules if not graph.find_children(m)}
    assert _cycles(graph, modules) == []
