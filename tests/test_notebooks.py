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


def _allowed_numbers() -> set[float]:
    """Numbers prose may state: fact values, derived figures and their rounding intervals,
    and calendar words (years, months, the report's date)."""
    import math

    import zhongyuan as zy
    from zhongyuan.derive import fact_interval

    facts, derived = zy.load_facts(), zy.derived_figures()
    allowed = set(facts["value"])
    for _, f in facts.iterrows():
        i = fact_interval(f)
        allowed |= {round(i.low, 6), round(i.high, 6)}
    for col in ("value", "low", "high"):
        for v in derived[col]:
            if math.isfinite(v):
                allowed |= {round(v, d) for d in range(0, 3)}
    return allowed | {2023.0, 2024.0, 1.0, 11.0, 12.0, 30.0}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_numbers_typed_in_prose_are_in_the_fact_base(path):
    import re

    allowed = _allowed_numbers()
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"\]\([^)]*\)|`[^`]*`", "", cell.source)  # link targets, code spans
        for m in re.finditer(r"(?<![\w.-])\d+(?:\.\d+)?", text):
            assert round(float(m.group()), 6) in allowed, (
                f"{path.name}: {m.group()!r} in prose is no fact, derived figure or date: "
                f"render it from the fact base instead ({text[max(0, m.start() - 40):m.end() + 20]!r})")
