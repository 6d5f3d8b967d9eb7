"""The execution cache of `make report` (zhongyuan.build.cache): a rebuild reuses what did not
change and reruns what did, and can never serve a stale result.

The builds run on a scratch copy of the project (src/, data/, uv.lock, two small notebooks),
imported through PYTHONPATH, so that its data, its helpers and its notebooks can be edited
without touching the real ones. Sphinx is replaced by a stand-in that writes each notebook's
printed output as its page: what is tested is which runs and editions are reused, and the
real site build costs far more than the notebooks here (tests/test_site.py builds it)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from zhongyuan.build import cache
from zhongyuan.factbase.paths import ROOT

CODE = ('from zhongyuan import probe_helper\nfrom zhongyuan.factbase.paths import data_dir\n'
        'print("{name}", "helper", probe_helper.VALUE, "units", len((data_dir() / "units.csv").read_bytes()))')


def _notebook(folder: Path, name: str, code: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    en = nbformat.v4.new_markdown_cell(f"# Notebook {name}", metadata={"tags": ["lang-en"]})
    zh = nbformat.v4.new_markdown_cell(f"# 笔记本 {name}", metadata={"tags": ["lang-zh"]})
    params = nbformat.v4.new_code_cell('LANG = "en"', metadata={"tags": ["parameters"]})
    nb.cells = [en, zh, params, nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, folder / f"{name}.ipynb")


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "data", root / "data")
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copy2(ROOT / name, root / name)
    (root / "src" / "zhongyuan" / "probe_helper.py").write_text("VALUE = 1\n")
    (root / "notebooks").mkdir()
    for name in ("00_a", "01_b"):
        _notebook(root / "notebooks", name, CODE.format(name=name))
    return root


# python -m zhongyuan.build, with each edition's pages written by a stand-in for Sphinx
MAIN = """
import sys
from pathlib import Path

from zhongyuan.build import run, site
def build_edition(lang, executed, work, out, *rest):
    (out / lang).mkdir(parents=True)
    for name, nb in executed.items():
        text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
        (out / lang / (Path(name).stem + ".html")).write_text(text, encoding="utf-8")


site.build_edition = build_edition
sys.exit(run.main(sys.argv[1:]))
"""


def _build(root: Path, **settings: str) -> dict[str, str]:
    """make report (English edition) on the scratch project: {notebook: hit|miss, 'site': ...}."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), **settings}
    env.pop("ZHONGYUAN_DATA", None)
    out = subprocess.run([sys.executable, "-c", MAIN, "--lang", "en"], cwd=root, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    found = dict(re.findall(r"^\[\d+/\d+\] en (\S+)\.ipynb: cache (hit|miss)", out.stdout, re.M))
    site = re.search(r"^site: en edition (unchanged|built)", out.stdout, re.M)
    found["site"] = site.group(1)
    return found


def _page(root: Path, name: str) -> str:
    return (root / "build" / "site" / "en" / f"{name}.html").read_text(encoding="utf-8")


def test_a_rebuild_reruns_exactly_what_changed(project):
    assert _build(project) == {"00_a": "miss", "01_b": "miss", "site": "built"}
    assert "00_a helper 1 units" in _page(project, "00_a")

    # nothing changed: nothing runs, the edition is reused as it was
    before = _page(project, "01_b")
    assert _build(project) == {"00_a": "hit", "01_b": "hit", "site": "unchanged"}
    assert _page(project, "01_b") == before

    # another browser (one installed since, or named): nothing reruns, the edition is built
    # again, so that its PDFs are printed by it (or, browser gone, not offered)
    browser = project / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    assert _build(project, ZHONGYUAN_BROWSER=str(browser)) == {"00_a": "hit", "01_b": "hit", "site": "built"}
    assert _build(project, ZHONGYUAN_BROWSER=str(browser)) == {"00_a": "hit", "01_b": "hit", "site": "unchanged"}

    # one notebook edited: that one reruns; the site is built again and shows the edit
    _notebook(project / "notebooks", "01_b", CODE.format(name="01_b edited"))
    assert _build(project) == {"00_a": "hit", "01_b": "miss", "site": "built"}
    assert "01_b edited helper 1" in _page(project, "01_b")

    # a helper in src/ edited: every notebook reruns, and sees the new code
    (project / "src" / "zhongyuan" / "probe_helper.py").write_text("VALUE = 2\n")
    assert _build(project) == {"00_a": "miss", "01_b": "miss", "site": "built"}
    assert "00_a helper 2 units" in _page(project, "00_a")

    # a data file edited (a trailing empty line, which loading tolerates): every notebook reruns
    size = len((project / "data" / "units.csv").read_bytes())
    with open(project / "data" / "units.csv", "a", encoding="utf-8") as f:
        f.write("\n")
    assert _build(project) == {"00_a": "miss", "01_b": "miss", "site": "built"}
    assert f"00_a helper 2 units {size + 1}" in _page(project, "00_a")


def test_the_key_covers_data_src_lock_python_and_titles(project, monkeypatch):
    """Each input of a run, changed alone, changes its key (in-process, without kernels)."""
    monkeypatch.setattr(cache, "SRC", project / "src")
    monkeypatch.setattr(cache, "LOCK", project / "uv.lock")
    monkeypatch.setenv("ZHONGYUAN_DATA", str(project / "data"))
    folder = project / "notebooks"
    nb = folder / "00_a.ipynb"

    def key(lang="en"):
        return cache.run_key(nb.read_bytes(), {"LANG": lang}, cache.environment_key([folder]))

    first = key()
    assert key() == first  # stable
    moved = project.parent / "moved elsewhere"  # a clone at another path: the same key
    shutil.copytree(project, moved)
    monkeypatch.setattr(cache, "SRC", moved / "src")
    monkeypatch.setattr(cache, "LOCK", moved / "uv.lock")
    monkeypatch.setenv("ZHONGYUAN_DATA", str(moved / "data"))
    assert cache.run_key(nb.read_bytes(), {"LANG": "en"}, cache.environment_key([moved / "notebooks"])) == first
    monkeypatch.setattr(cache, "SRC", project / "src")
    monkeypatch.setattr(cache, "LOCK", project / "uv.lock")
    monkeypatch.setenv("ZHONGYUAN_DATA", str(project / "data"))
    assert key("zh") != first  # the language
    changes = [
        lambda: (project / "uv.lock").write_text((project / "uv.lock").read_text() + "\n"),
        lambda: (project / "src" / "zhongyuan" / "build" / "sphinx" / "conf.py").write_text("# edited\n",
                                                                                           encoding="utf-8"),
        lambda: (project / "data" / "glossary.csv").write_bytes(
            (project / "data" / "glossary.csv").read_bytes() + b"\n"),
        lambda: _write(project / "data" / "reports" / "01_x.tsv", "needle\tvalue\n"),  # a labelled text
        lambda: _retitle(folder / "01_b.ipynb"),
        lambda: _notebook(folder, "00_a", "print(1)"),
    ]
    seen = {first}
    for change in changes:
        change()
        seen.add(key())
    assert len(seen) == 1 + len(changes)
    monkeypatch.setattr(cache.sys, "version", "3.99")
    assert key() not in seen  # another Python


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _retitle(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source = "# 新的标题"  # the Chinese title of a neighbour: its nav links change
    nbformat.write(nb, path)


def test_bytecode_and_packaging_metadata_are_not_inputs(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("x = 1\n")
    before = cache.tree_digest(tmp_path)
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "pkg.egg-info").mkdir()
    (tmp_path / "pkg.egg-info" / "SOURCES.txt").write_text("a.py\n")
    assert cache.tree_digest(tmp_path) == before
    (tmp_path / "pkg" / "a.py").write_text("x = 2\n")
    assert cache.tree_digest(tmp_path) != before


def test_the_store_writes_whole_entries_and_prunes_the_rest(tmp_path):
    store = cache.Store(tmp_path / "cache")
    assert store.get("k1") is None
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1")]
    store.put("k1", nb)
    store.put("k2", nb)
    (tmp_path / "cache" / ".tmp-left-by-a-killed-build.ipynb").write_text("{")
    assert store.get("k1").cells[0].source == "1"
    store.prune({"k1"})
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["k1.ipynb"]
