"""Teaching: reading mode on the site, exercises with checked solutions, student copies.

Reading mode: every code cell of a page is collapsed behind a "show code" toggle (MyST-NB's
`hide-input` tag), except cells tagged `teach-code`, which teach the code itself. The
notebooks themselves are not changed: JupyterLab shows them whole.

Exercises (sphinx-exercise): a markdown cell opens ```{exercise}``` with a label; its
solution is a ```{solution-start} label``` cell, the worked solution (prose twins and code
cells tagged `solution`, whose asserts check the answer against the fact base) and a
```{solution-end}``` cell. Student copies keep the narrative, drop everything from
solution-start to solution-end, number each exercise as the site does and give it an empty
cell to answer in; they run in their edition's language.
"""
from __future__ import annotations

import re

import nbformat

from ..present import words

_START = re.compile(r"^\s*```\{solution-start\}", re.M)
_END = re.compile(r"^\s*```\{solution-end\}", re.M)
_EXERCISE = re.compile(r"^\s*```\{exercise\}", re.M)


def reading_mode(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Collapse every code cell's input behind a toggle, except cells tagged teach-code."""
    for cell in nb.cells:
        tags = cell.metadata.setdefault("tags", [])
        if cell.cell_type == "code" and "teach-code" not in tags and "hide-input" not in tags:
            tags.append("hide-input")
    return nb


def is_exercise(cell) -> bool:
    return cell.cell_type == "markdown" and bool(_EXERCISE.search(cell.source))


def solution_spans(nb) -> list[tuple[int, int]]:
    """(first, last) cell index of each solution block, solution-start to solution-end."""
    spans, start = [], None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        if _START.search(cell.source):
            start = i
        elif _END.search(cell.source) and start is not None:
            spans.append((start, i))
            start = None
    return spans


ANSWER = {lang: words.word("teaching", "answer", lang) + "\n" for lang in words.LANGS}
_LABEL = re.compile(r"^:label:.*$", re.M)
_FENCE = re.compile(r"^\s*```\{exercise\}[^\n]*\n|\n?```\s*$", re.M)


def exercise_count(nb) -> int:
    """Exercises in an executed edition (one language, so each exercise once)."""
    return sum(c["cell_type"] == "markdown" and bool(_EXERCISE.search(c["source"])) for c in nb["cells"])


def numbered(cell, number: int, lang: str):
    """An exercise as a student's notebook shows it: "Exercise N" (the site's number) and its
    prompt, without the MyST markup and its internal label."""
    body = _FENCE.sub("", _LABEL.sub("", cell.source)).strip()
    head = words.word("teaching", "exercise", lang, n=number)
    cell.source = f"**{head}** {body}" if "\n" not in body else f"**{head}**\n\n{body}"
    return cell


# A sentence of the narrative about the solutions (how they are checked, when to open them):
# a student's copy has none, so it says nothing of them.
SOLUTION_SENTENCE = {lang: r"(?=[^\s.:。：])[^.:。：\n]*(?:%s)[^.。]*[.。]"
                     % words.word("teaching", "solution_words", lang) for lang in words.LANGS}


def without_solutions(text: str, lang: str) -> str:
    """text with its sentences that speak of solutions taken out, a clause ending in a colon
    before one kept as a sentence ("Try each: every solution..." becomes "Try each.")."""
    sentence = SOLUTION_SENTENCE[lang]
    text = re.sub(r"[:：]\s*(?=[^.:。：\n]*(?:%s))" % words.word("teaching", "solution_words", lang),
                  "。" if lang == "zh" else ". ", text)
    text = re.sub(r"(?<=[.。])\s*" + sentence, "", text)  # after a sentence, with the space between
    return re.sub(r"^" + sentence + r"\s*", "", text, flags=re.M)  # at a paragraph's start


def student_copy(nb: nbformat.NotebookNode, lang: str = "en", first: int = 1) -> nbformat.NotebookNode:
    """What a student gets from an executed edition: the whole narrative and the code, in
    the edition's language (its parameters cell set to it), outputs cleared, every exercise
    numbered as on the site from `first` with an empty cell to answer in, and no solution."""
    nb = nbformat.from_dict(nb)
    hidden = {i for a, b in solution_spans(nb) for i in range(a, b + 1)}
    cells, number = [], first
    for i, cell in enumerate(nb.cells):
        tags = cell.metadata.get("tags", [])
        if i in hidden or "solution" in tags or "injected-parameters" in tags:
            continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if "parameters" in tags:  # runs in the edition's language, as the site showed it
                cell.source = re.sub(r'^LANG\s*=\s*"\w+"', f'LANG = "{lang}"', cell.source, flags=re.M)
            cells.append(cell)
        elif is_exercise(cell):
            cells.append(numbered(cell, number, lang))
            cells.append(nbformat.v4.new_code_cell(ANSWER[lang], metadata={"tags": ["answer"]}))
            number += 1
        elif cell.cell_type == "markdown" and "{solution-" not in cell.source:
            cell.source = without_solutions(cell.source, lang)
            cells.append(cell)
        else:
            cells.append(cell)
    nb.cells = cells
    return nb
