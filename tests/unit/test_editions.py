"""One notebook, two languages: every English prose cell has its Chinese twin beside it, with
the same headings, and each edition keeps its own language only."""
from __future__ import annotations

import json
import re

import pytest

from zhongyuan.present.editions import cell_lang, keep_language, twins
from zhongyuan.present.navigation import notebook_paths

NOTEBOOKS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in notebook_paths()}
HANZI = re.compile(r"[\u3400-\u9fff]")
# Outside code spans, links' targets and quotes, three English words in a row are English prose.
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z'’-]*(?:[ ,;:]+[A-Za-z][a-z'’-]*){2,}")


def _source(cell) -> str:
    return "".join(cell["source"])


# Cells that hold only directive markup, no prose (an exercise's solution-start and
# solution-end), are shared by both languages.
DIRECTIVE_ONLY = re.compile(r"\s*```\{solution-(?:start|end)\}[^\n]*\n(?::[\w-]+:[^\n]*\n)*```\s*")


def _headings(cell) -> list[int]:
    return [len(m.group(1)) for m in re.finditer(r"^(#+) ", _source(cell), re.M)]


def prose(text: str) -> str:
    """Markdown without code, link targets, ids in backticks and inline HTML."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]+>", " ", text)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_english_cell_has_a_chinese_twin_with_the_same_headings(name):
    nb = NOTEBOOKS[name]
    markdown = [c for c in nb["cells"] if c["cell_type"] == "markdown" and _source(c).strip()
                and not DIRECTIVE_ONLY.fullmatch(_source(c))]
    assert all(cell_lang(c) for c in markdown), f"{name}: a prose cell with no lang-en/lang-zh tag"
    pairs = twins(nb)
    assert pairs, f"{name}: no lang-en cells"
    for en, zh in pairs:
        assert zh is not None, f"{name}: cell {en + 1} (lang-en) has no lang-zh twin right after it"
        assert _headings(nb["cells"][en]) == _headings(nb["cells"][zh]), f"{name}: cells {en + 1}/{zh + 1}"
    assert sum(cell_lang(c) == "zh" for c in nb["cells"]) == len(pairs), f"{name}: a lang-zh cell without twin"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_chinese_cells_are_chinese_and_english_cells_english(name):
    for n, cell in enumerate(NOTEBOOKS[name]["cells"], start=1):
        text = prose(_source(cell))
        if cell_lang(cell) == "zh":
            assert HANZI.search(text), f"{name} cell {n}: a lang-zh cell with no Chinese"
            runs = [m.group() for m in ENGLISH_RUN.finditer(text)]
            assert not runs, f"{name} cell {n}: English prose in a Chinese cell: {runs[:3]}"
        elif cell_lang(cell) == "en":
            assert ENGLISH_RUN.search(text), f"{name} cell {n}: a lang-en cell with no English"


def test_an_edition_keeps_only_its_language():
    nb = NOTEBOOKS[next(iter(NOTEBOOKS))]
    for lang, other in (("en", "zh"), ("zh", "en")):
        kept = keep_language(nb, lang)["cells"]
        assert not any(cell_lang(c) == other for c in kept)
        assert sum(cell_lang(c) is None for c in kept) == sum(cell_lang(c) is None for c in nb["cells"])
        assert any(cell_lang(c) == lang for c in kept)


def test_a_student_copy_drops_the_sentences_about_solutions_and_nothing_else():
    from zhongyuan.build.teach import without_solutions

    text = ("Three exercises, from easy to hard. Try each before opening its solution: every solution\n"
            "is checked. The Plenum adopted a resolution on reform.\n")
    kept = "Three exercises, from easy to hard. The Plenum adopted a resolution on reform.\n"
    assert without_solutions(text, "en") == kept
    zh = "以下三道练习由易到难。请先自行作答，再展开参考答案：每个答案都核验。下文数字取自事实表。"
    assert without_solutions(zh, "zh") == "以下三道练习由易到难。下文数字取自事实表。"
