"""Speaker notes as prompts (zhongyuan.build.slides._first_sentences): short, and never
saying less than the page in a way that changes what it says."""
from zhongyuan.build.slides import NOTES_MAX, _first_sentences

BOX = """> **An open question of the readings register** (`x`): “原文”
> Are the 38 concerts among the 400 events?
> A: yes, a concert is an event. B: no, they are counted apart.
> The project's treatment: left open. Both are shown.

> **Context (not from the report).** Since 2022 the policy has funded delivery. More follows.

A long paragraph whose first sentence is the prompt. Its second sentence is left to the page."""


def test_a_prompt_is_each_paragraphs_first_sentence():
    notes, _ = _first_sentences(BOX, NOTES_MAX)
    assert "- A long paragraph whose first sentence is the prompt." in notes
    assert "left to the page" not in notes and "**" not in notes


def test_one_reading_is_never_given_without_the_other():
    notes, _ = _first_sentences(BOX, NOTES_MAX)
    assert "A: yes" not in notes and "B: no" not in notes
    assert "left open" in notes


def test_a_labels_sentence_keeps_what_it_labels():
    notes, _ = _first_sentences(BOX, NOTES_MAX)
    assert "- Context (not from the report). Since 2022 the policy has funded delivery." in notes
    zh, _ = _first_sentences("> 背景（非报告内容）。 2022年以来，国家政策支持。报告没有。", NOTES_MAX)
    assert zh.strip() == "- 背景（非报告内容）。2022年以来，国家政策支持。"


def test_the_notes_stop_at_the_budget():
    notes, left = _first_sentences("\n\n".join(f"Sentence number {i} is here." for i in range(100)), 120)
    assert len(notes) < 160 and left >= 0


def _table_cell(index: list[str], column: list[str]):
    import nbformat
    import pandas as pd

    frame = pd.DataFrame({"value": range(len(index)), "question": column}, index=index)
    cell = nbformat.v4.new_code_cell("t", metadata={"slideshow": {"slide_type": "-"}})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": frame.to_html(), "text/plain": "t"})]
    nb = nbformat.v4.new_notebook()
    nb.cells = [cell]
    return nb


def test_a_slides_table_keeps_a_named_index_and_drops_ids():
    from zhongyuan.build.slides import TABLE_ROWS, _short_tables

    named = _table_cell(["recall", "precision"], ["a", "b"])  # a score's name is not an id (09's slide)
    _short_tables(named, "en")
    assert "recall" in named.cells[0].outputs[0]["data"]["text/html"]
    ids = _table_cell([f"fact_{i}" for i in range(TABLE_ROWS + 3)], [f"question_{i}" for i in range(TABLE_ROWS + 3)])
    _short_tables(ids, "en")
    shown = ids.cells[0].outputs[0]["data"]["text/html"]
    assert "fact_" not in shown and "question_" not in shown and "<th>value</th>" in shown
    assert "… and 3 more rows on the page" in shown
