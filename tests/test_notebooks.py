"""Every notebook is committed clean and runs in Chinese too. (nbval checks the English run.)"""
from __future__ import annotations

import nbformat
import pytest

from zhongyuan import run

NOTEBOOKS = run.notebook_paths()


def test_there_are_notebooks():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_overview.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_from_one_clean_run(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", cell.source
            assert not (out.output_type == "stream" and out.name == "stderr"), out.text
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and 'LANG = "en"' in tagged[0].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_runs_in_chinese_without_warnings(path):
    nb = run.execute(path, LANG="zh")
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error"
            text = out.get("text", "") if out.output_type == "stream" else ""
            assert "Warning" not in text and "missing from font" not in text, text
            assert not (out.output_type == "stream" and out.name == "stderr"), text
