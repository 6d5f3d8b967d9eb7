"""Prose rendered from facts; the main job's notebook handling; a light `import zhongyuan`."""
from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from zhongyuan.build import execute, run
from zhongyuan.present import navigation
from zhongyuan.present.narrate import render


def test_prose_numbers_come_from_the_fact_base():
    text = render("{budget_revenue}, {four_centres_events}, {gdp_growth_estimate}, "
                  "{budget_revenue_gap_vs_city}, {city_budget_revenue_growth}")
    assert text == ("47.6亿元 (4.76 billion yuan), nearly 400场, about 5%, "
                    "4.6 percentage points, −2.9%")
    with pytest.raises(KeyError):
        render("{no_such_fact}")


def test_import_zhongyuan_is_light():
    code = ("import sys, zhongyuan; "
            "print(sorted(m for m in ('pandas', 'matplotlib', 'pylopdf_fonts_zh_cn', 'jieba', 'sphinx') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _notebook(tmp_path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "01_test.ipynb"
    nbformat.write(nb, path)
    return path


def test_parameters_are_injected_after_the_parameters_cell(tmp_path):
    nb = nbformat.read(_notebook(tmp_path, 'LANG = "en"', "print(LANG)"), as_version=4)
    out = execute.parameterize(nb, LANG="zh")
    assert [c.source.splitlines()[-1] for c in out.cells] == ['LANG = "en"', "LANG = 'zh'", "print(LANG)"]
    assert "injected-parameters" in out.cells[1].metadata["tags"]  # shown on the page, as run
    assert len(nb.cells) == 2  # the original is untouched
    # a value the notebook already has is not injected: the English pages show it as written
    assert [c.source for c in execute.parameterize(nb, LANG="en").cells] == ['LANG = "en"', "print(LANG)"]


def test_a_failing_notebook_names_its_cell(tmp_path):
    path = _notebook(tmp_path, 'LANG = "en"', "x = 1", "1 / 0")
    with pytest.raises(execute.NotebookFailed, match=r"01_test\.ipynb: cell 3 \('1 / 0'\) raised ZeroDivisionError"):
        execute.execute(path, LANG="zh")  # numbered as in the file: the injected cell is not counted


def test_navigation_links_neighbours_and_the_overview(tmp_path):
    for name in ("00_overview.ipynb", "01_a.ipynb", "02_b.ipynb"):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# Title {name[:2]}")]
        nbformat.write(nb, tmp_path / name)
    middle = navigation.nav("01_a.ipynb", tmp_path).data
    assert middle == ("← Previous: [Title 00](00_overview.ipynb) · [Contents](00_overview.ipynb) · "
                      "Next: [Title 02](02_b.ipynb) → · [Glossary](../data/glossary.csv)")
    assert navigation.nav("00_overview.ipynb", tmp_path).data.startswith("Next: [Title 01](01_a.ipynb) →")


def test_a_failing_build_names_the_cell_and_keeps_the_previous_site(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell('LANG = "en"'),
                nbformat.v4.new_code_cell("raise RuntimeError('boom')")]
    nb.cells[1].metadata["tags"] = ["parameters"]
    nbformat.write(nb, folder / "00_broken.ipynb")
    previous = tmp_path / "build" / "site"
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("the previous site")
    with pytest.raises(execute.NotebookFailed, match=r"00_broken\.ipynb: cell 3 .*RuntimeError: boom"):
        run.build(out=tmp_path / "build", jobs=1, folder=folder)
    assert (previous / "index.html").read_text() == "the previous site"
    leftovers = sorted(p.name for p in (tmp_path / "build").iterdir())
    assert leftovers == [".lock", "site"]  # no half-built folder left behind
