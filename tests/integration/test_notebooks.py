"""Every notebook is committed clean; each edition, as the site build executed it, ran
cleanly, and the Chinese one is in Chinese (nbval compares the English edition, the committed
one, with its outputs; tests/integration/test_snapshots.py compares both editions' outputs with
tests/snapshots/); no number in the prose of either language is typed by hand.
"""
from __future__ import annotations

import ast
import functools
import math
import re

import nbformat
import pytest

import visible
from zhongyuan.present import navigation

NOTEBOOKS = navigation.notebook_paths()
HANZI = re.compile(r"[\u3400-\u9fff]")


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


# -- each edition, as the site build executed it ----------------------------------------------

def mostly_chinese(markdown: str) -> bool:
    """More hanzi than Latin letters, link targets and code aside: English prose carries
    hanzi too (47.6亿元 (4.76 billion yuan)), so one hanzi proves nothing."""
    text = re.sub(r"\]\([^)]*\)|`[^`]*`", "", markdown)
    return len(HANZI.findall(text)) > len(re.findall(r"[A-Za-z]", text))


def _chinese_problems(nb, source) -> list[str]:
    """What is not in Chinese in the Chinese edition: a chart without Chinese (every chart has
    a source line, 资料来源 in Chinese); once the notebook carries both languages, Markdown
    from md() that is not mostly Chinese."""
    problems, bilingual = [], any("lang-zh" in c.metadata.get("tags", []) for c in source.cells)
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data and "资料来源" not in data.get("text/plain", ""):
                problems.append(f"cell {i}: a chart with no Chinese source line: {data.get('text/plain', '')[:200]}")
            if bilingual and "text/markdown" in data and not mostly_chinese(data["text/markdown"]):
                problems.append(f"cell {i}: English prose in the Chinese edition: {data['text/markdown'][:120]}")
    return problems


_executed = functools.cache(visible.executed_notebooks)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_edition_ran_cleanly_in_its_language(built, path, lang):
    """The notebook as the build ran it for the edition (no run of its own: the site's
    executed download): no error, warning or stderr, and the Chinese edition in Chinese.
    Its outputs are compared with tests/snapshots/LANG/notebooks/ by test_snapshots.py."""
    nb = _executed(built, lang).get(path.stem)
    assert nb is not None, f"{path.name} is not among the {lang} edition's executed notebooks"
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{out.get('ename')}: {out.get('evalue')}"
            text = out.get("text", "") if out.output_type == "stream" else ""
            assert "Warning" not in text and "missing from font" not in text, text
            assert not (out.output_type == "stream" and out.name == "stderr"), text
    if lang == "zh":
        problems = _chinese_problems(nb, nbformat.read(path, as_version=4))
        assert not problems, "\n".join(problems)


# -- numbers typed in prose --------------------------------------------------------------------

# A number: not glued to a Latin letter, digit, underscore or point before it (a hanzi before
# it does not shield it: 高于全市4.6个百分点); a sign only where it stands alone (−2.9, not the
# hyphen of 2024-12-30); thousands separators kept (12,203).
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])([−-])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
PROSE_FUNCTIONS = {"md", "render"}


def _allowed_numbers() -> set[float]:
    """Numbers prose may state: fact values, derived figures and their rounding intervals,
    numbers of the listed non-quantities (years, dates, ordinals), and calendar words."""
    import zhongyuan as zy
    from zhongyuan.analysis.derive import fact_interval

    facts, derived = zy.load_facts(), zy.derived_figures()
    allowed = set(facts["value"])
    for _, f in facts.iterrows():
        i = fact_interval(f)
        allowed |= {round(i.low, 6), round(i.high, 6)}
    for col in ("value", "low", "high"):
        for v in derived[col]:
            if math.isfinite(v):
                allowed |= {round(v, d) for d in range(0, 3)}
    for quote in zy.load_non_quantities()["quote"]:
        allowed |= {float(n) for n in re.findall(r"\d+", quote)}
    return allowed | {2023.0, 2024.0, 1.0, 11.0, 12.0, 30.0}


def _strings(node) -> list[str]:
    """The text a template expression can have, with anything computed left blank."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts
        return ["".join(v.value if isinstance(v, ast.Constant) else " " for v in node.values)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _strings(node.left) or [" "] for b in _strings(node.right) or [" "]]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "replace"):
        return _strings(node.func.value)
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def templates(source: str) -> list[str]:
    """The literal text of every md()/render() template in a code cell, both languages
    (md(en=..., zh=...) or one positional template), with {placeholders} blanked out:
    those are rendered from the fact base."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in PROSE_FUNCTIONS:
            for arg in list(node.args) + [k.value for k in node.keywords]:
                out += [re.sub(r"\{[^{}]*\}", " ", s) for s in _strings(arg)]
    return out


def prose(nb) -> list[tuple[int, str]]:
    """(cell index, text) of every piece of prose: Markdown cells of either language, and
    the templates of md() in code cells. Link targets and code spans are left out."""
    pieces = []
    for i, cell in enumerate(nb.cells):
        texts = ([cell.source] if cell.cell_type == "markdown" else
                 templates(cell.source) if cell.cell_type == "code" and "md(" in cell.source or "render(" in cell.source
                 else [])
        pieces += [(i, re.sub(r"\]\([^)]*\)|`[^`]*`", "", t)) for t in texts]
    return pieces


def typed_numbers(text: str) -> list[tuple[float, str]]:
    """Each number in a text with its sign, and the words around it."""
    found = []
    for m in NUMBER.finditer(text):
        sign, whole, decimals = m.groups()
        before = text[max(0, m.start() - 2):m.start()]
        if re.fullmatch(r"[A-Za-z][−-]", before):
            continue  # part of a name: SHA-256, COVID-19
        standalone = sign and not re.match(r"[0-9]", before[-1:])  # not 2024-12-30's hyphens
        value = float(whole.replace(",", "") + (decimals or "")) * (-1 if standalone else 1)
        found.append((value, text[max(0, m.start() - 30):m.end() + 15]))
    return found


def test_english_prose_with_a_chinese_unit_is_not_chinese():
    assert not mostly_chinese("Budget revenue reached 47.6亿元 (4.76 billion yuan), up 1.7%.")
    assert mostly_chinese("一般公共预算收入完成47.6亿元，同比增长1.7%（GDP口径）。")
    assert mostly_chinese("下一篇： [主要指标](01_headline_indicators.ipynb) → · [术语表](../data/glossary.csv)")


def test_typed_numbers_are_found_next_to_hanzi():
    found = typed_numbers("高于全市4.6个百分点,完成率102%,超200万人次;城市−2.9%;2024-12-30;12,203户;SHA-256")
    assert [v for v, _ in found] == [4.6, 102, 200, -2.9, 2024, 12, 30, 12203]
    assert templates('md(en="up {x} and 7 more", zh="增长{x}," "另有8项" + f"{y}共9个")') == [
        "up   and 7 more", "增长 ,另有8项 共9个"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_numbers_typed_in_prose_are_in_the_fact_base(path):
    allowed = _allowed_numbers()
    nb = nbformat.read(path, as_version=4)
    stray = [f"{path.name} cell {i}: {value:g} in {context!r}" for i, text in prose(nb)
             for value, context in typed_numbers(text) if round(value, 6) not in allowed]
    assert not stray, ("numbers in prose that are no fact, derived figure, non-quantity or date "
                       "(render them from the fact base instead):\n" + "\n".join(stray))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chinese_prose_cells_are_in_chinese(path):
    nb = nbformat.read(path, as_version=4)
    english = [i for i, c in enumerate(nb.cells)
               if "lang-zh" in c.metadata.get("tags", []) and not HANZI.search(c.source)]
    assert not english, f"{path.name}: cells tagged lang-zh without a single hanzi: {english}"
