"""Exercises that make students work (issue 22): no exercise's answer is printed above it.

The answer of an exercise is what its solution asserts: every number a solution's `assert`
compares with `==` (or `math.isclose`) as a literal, for instance `== 32`, `round(x, 1) == 46.8`
or `(round(low, 1), round(high, 1)) == (-3.0, -2.8)`. One assert is one answer; a tuple is
given away only if all its numbers are. The page above an exercise is what the committed
notebook's English edition shows before it, the exercise's own prompt included: every Markdown
cell's source and every code cell's output (streams, Markdown, plain text, HTML tables with their
tags stripped, and the plain-text summary of each chart). The student copy runs the same narrative
cells, so it prints the same outputs in the same places.

A number counts as printed when it stands as a number of its own: 32 in "32家" or "32 (derived)",
not in 2032, 3.32 or 32.5; 46.8 also as 46.80; a negative with either minus sign or none
("−2.9", "-2.9", "fell 2.9"); thousands with or without separators (20790, 20,790).

A reasoning exercise whose solution asserts no literal number is skipped here, with its reason.
"""
from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import nbformat
import pytest

from zhongyuan.build.teach import is_exercise, solution_spans
from zhongyuan.present.editions import keep_language
from zhongyuan.present.navigation import notebook_paths

LABEL = re.compile(r"^\s*:label:\s*(\S+)", re.M)
START = re.compile(r"```\{solution-start\}\s*(\S+)")
TAG = re.compile(r"<[^>]+>")


# -- what a solution asserts -----------------------------------------------------------------

def _literal_numbers(node) -> list[float]:
    """The numbers a comparison operand states as literals: 32, -2.9, (46.73, 46.88), [32]."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return [node.value]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _literal_numbers(node.operand)
        return [-v for v in inner] if isinstance(node.op, ast.USub) else inner
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [v for element in node.elts for v in _literal_numbers(element)]
    return []


def asserted_answers(source: str) -> list[tuple[float, ...]]:
    """Each assert of a solution cell that states its answer as literal numbers: the numbers
    it compares with == (or math.isclose), one tuple per assert."""
    answers = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assert):
            continue
        numbers = []
        for sub in ast.walk(node.test):
            if isinstance(sub, ast.Compare) and all(isinstance(op, ast.Eq) for op in sub.ops):
                for operand in (sub.left, *sub.comparators):
                    numbers += _literal_numbers(operand)
            elif (isinstance(sub, ast.Call) and getattr(sub.func, "attr", getattr(sub.func, "id", None)) == "isclose"
                  and len(sub.args) >= 2):
                numbers += _literal_numbers(sub.args[0]) + _literal_numbers(sub.args[1])
        if numbers:
            answers.append(tuple(numbers))
    return answers


def printed(value: float) -> re.Pattern:
    """value as a page prints it, standing as a number of its own (see the module's docstring)."""
    magnitude = abs(value)
    if isinstance(value, int) or float(value).is_integer() and "." not in repr(value):
        whole, decimals = str(int(magnitude)), ""
    else:
        whole, _, decimals = repr(float(magnitude)).partition(".")
    grouped = f"{int(whole):,}"
    digits = re.escape(whole) if grouped == whole else f"(?:{re.escape(whole)}|{re.escape(grouped)})"
    tail = rf"\.{decimals}0*" if decimals else r"(?:\.0+)?"
    return re.compile(rf"(?<![\d.,]){digits}{tail}(?!\d|[.,]\d)")


def given_away(answer: tuple[float, ...], text: str) -> bool:
    return all(printed(v).search(text) for v in answer)


# -- what the page shows ---------------------------------------------------------------------

def cell_text(cell) -> str:
    """What a reader sees of a cell: a Markdown cell's source, a code cell's outputs."""
    if cell.cell_type == "markdown":
        return cell.source
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        data = out.get("data", {})
        for kind in ("text/markdown", "text/plain"):
            if kind in data:
                parts.append(data[kind])
        if "text/html" in data:
            parts.append(html.unescape(TAG.sub(" ", data["text/html"])))
    return "\n".join(parts)


def exercises(path: Path):
    """(label, text of the page up to and including the exercise's prompt, source of its
    solution's code) for each exercise of the committed notebook's English edition."""
    nb = keep_language(nbformat.read(path, as_version=4), "en")
    cells = nb["cells"]
    solutions = {START.search(cells[a].source).group(1): (a, b) for a, b in solution_spans(nb)}
    found = []
    for i, cell in enumerate(cells):
        if not is_exercise(cell):
            continue
        label = LABEL.search(cell.source).group(1)
        a, b = solutions[label]
        code = "\n".join(c.source for c in cells[a:b]
                         if c.cell_type == "code" and "solution" in c.metadata.get("tags", []))
        shown = "\n".join(cell_text(c) for c in cells[a:b + 1])
        found.append((label, "\n".join(cell_text(c) for c in cells[:i + 1]), code, shown))
    return found


# Notebooks whose exercises are checked here; each owner adds theirs (issue 22).
CHECKED = ["01_headline_indicators", "02_projects_and_consumption", "03_innovation",
           "04_livelihood", "05_reform_and_business_environment", "06_party_building",
           "07_language", "08_audit"]  # 09_other_reports has no exercise
CASES = [pytest.param(path, label, before, code, shown, id=label)
         for path in notebook_paths() if path.stem in CHECKED
         for label, before, code, shown in exercises(path)]


@pytest.mark.parametrize(("path", "label", "before", "code", "shown"), CASES)
def test_no_exercise_answer_is_printed_above_it(path, label, before, code, shown):
    answers = asserted_answers(code)
    if not answers:
        pytest.skip(f"{label}: a reasoning exercise; its solution asserts no literal number")
    for answer in answers:
        # the answer as the solution itself prints it: otherwise this check would look for a
        # form the page never uses, and pass for nothing
        assert given_away(answer, shown), f"{path.name} {label}: {answer} is not printed by its own solution"
        assert not given_away(answer, before), (
            f"{path.name} {label}: the answer {answer} is printed above the exercise: move the exercise "
            "before the analysis it asks for, or ask something the page does not state")


# A reasoning exercise has no number to look for: its answer is what its solution shows (a
# register question, a table of awarding bodies, what two figures do and do not tell). None of
# those outputs may stand, word for word, on the page above the exercise. Notebooks 02-06 moved
# such exercises before the analysis they ask for; each owner adds theirs.
REASONED = ["04_livelihood", "05_reform_and_business_environment", "06_party_building",
            "02_projects_and_consumption", "03_innovation",  # 01's four answers are numbers
            "07_language", "08_audit"]


def _solution_outputs(path: Path, label: str) -> list[str]:
    nb = keep_language(nbformat.read(path, as_version=4), "en")
    cells = nb["cells"]
    spans = {START.search(cells[a].source).group(1): (a, b) for a, b in solution_spans(nb)}
    a, b = spans[label]
    return [t for c in cells[a:b] if c.cell_type == "code" and (t := " ".join(cell_text(c).split()))]


@pytest.mark.parametrize(("path", "label", "before", "code", "shown"),
                         [c for c in CASES if c.values[0].stem in REASONED])
def test_no_reasoning_answer_is_shown_above_it(path, label, before, code, shown):
    if asserted_answers(code):
        pytest.skip(f"{label}: a numeric answer, checked by test_no_exercise_answer_is_printed_above_it")
    page = " ".join(before.split())
    outputs = _solution_outputs(path, label)
    assert outputs, f"{path.name} {label}: its solution shows nothing"
    for text in outputs:
        assert text not in page, f"{path.name} {label}: its solution's output is shown above it: {text[:120]}"


def test_the_checked_notebooks_have_their_exercises():
    found = {path.stem for path, *_ in (c.values for c in CASES)}
    assert found == set(CHECKED), found


def test_answers_are_read_from_the_asserts():
    source = ("assert target['value'] == count / (rate / 100) == 32\n"
              "assert whole == [32] and x < 7\n"
              "assert (round(lo, 1), round(hi, 1)) == (-3.0, -2.8)\n"
              "assert math.isclose(v, 46.8) and round(v, 10) > 0\n"
              "assert flag is True and checks['consistent'].all()\n")
    assert asserted_answers(source) == [(32,), (32,), (-3.0, -2.8), (46.8,)]


@pytest.mark.parametrize(("value", "text", "found"), [
    (32, "a target of 32家", True), (32, "32 (derived)", True), (32, "in 2032", False),
    (32, "3.32 or 32.5", False), (32, "32.0", True),
    (46.8, "46.80亿元", True), (46.8, "46.85", False), (46.8, "146.8", False),
    (-2.9, "−2.9%", True), (-2.9, "fell 2.9 points", True), (-3.0, "−3.0%", True), (-3.0, "3 places", False),
    (20790, "20,790 places", True), (20790, "20790个", True), (4.45, "4.45%", True),
])
def test_a_number_is_found_as_the_page_prints_it(value, text, found):
    assert bool(printed(value).search(text)) is found


def test_the_xiatong_exercise_accounts_for_every_fact():
    """08's exercise on how far (下同) reaches sorts the fact base into groups: its table's counts
    of facts (the derived figures' row apart) sum to the number of facts, so no figure is left
    out (the key projects' three figures, dated in their own sentence, once were)."""
    from bs4 import BeautifulSoup

    import zhongyuan as zy

    path = next(p for p in notebook_paths() if p.stem == "08_audit")
    nb = keep_language(nbformat.read(path, as_version=4), "en")
    tables = [out["data"]["text/html"] for cell in nb.cells if "solution" in cell.metadata.get("tags", [])
              for out in cell.get("outputs", []) if "reading A" in out.get("data", {}).get("text/html", "")]
    assert len(tables) == 1
    rows = BeautifulSoup(tables[0], "html.parser").find("tbody").find_all("tr")
    counts = {row.find("th").get_text(strip=True): int(row.find("td").get_text(strip=True)) for row in rows}
    facts = {label: n for label, n in counts.items() if not label.startswith("derived")}
    assert len(facts) == len(counts) - 1, counts
    assert sum(facts.values()) == len(zy.load_facts()), counts
