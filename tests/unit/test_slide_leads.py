"""A slide whose text ends with a colon promises what follows it: that must be on the slide.

A deck is made from the notebook's own cells (zhongyuan.build.slides): a cell marked `skip`
stays on the page and is left off the deck, and `notes` go to the speaker. A slide that ends
"…drafts one row per printed figure:" while the table after it is skipped shows the audience
a colon and nothing (a fresh reader's finding on deck 09).
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).parents[2] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type") or "-"


def dangling_colons(nb, lang: str) -> list[str]:
    """The slides of the `lang` edition whose shown text ends with a colon and has nothing
    shown after it: (cell id, last words) each."""
    other = "lang-zh" if lang == "en" else "lang-en"
    cells = [c for c in nb.cells if other not in c.metadata.get("tags", [])]
    found, waiting = [], None
    for cell in cells:
        kind = slide_type(cell)
        if kind in ("slide", "subslide") and waiting:
            found.append(waiting)
            waiting = None
        if kind in ("skip", "notes"):
            continue
        if cell.cell_type == "code":
            waiting = None  # a table or chart follows on the slide
        elif cell.cell_type == "markdown" and "solution" not in cell.source:
            text = cell.source.rstrip()
            waiting = (cell.get("id"), text[-40:]) if text.endswith((":", "：")) else None
    if waiting:
        found.append(waiting)
    return [f"{cid}: …{tail!r}" for cid, tail in found]


def test_a_skipped_table_after_a_colon_is_found():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("## A draft\n\nIt drafts one row per figure:"),
                nbformat.v4.new_code_cell("table"), nbformat.v4.new_markdown_cell("## Next")]
    nb.cells[0].metadata = {"slideshow": {"slide_type": "slide"}, "tags": ["lang-en"]}
    nb.cells[1].metadata = {"slideshow": {"slide_type": "skip"}}
    nb.cells[2].metadata = {"slideshow": {"slide_type": "slide"}, "tags": ["lang-en"]}
    assert len(dangling_colons(nb, "en")) == 1
    nb.cells[1].metadata = {"slideshow": {"slide_type": "-"}}  # the table on the slide
    assert dangling_colons(nb, "en") == []


@pytest.mark.parametrize("path", NOTEBOOKS,
                         ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_slide_ends_with_a_colon_and_nothing_after_it(path, lang):
    assert not dangling_colons(nbformat.read(path, as_version=4), lang)
