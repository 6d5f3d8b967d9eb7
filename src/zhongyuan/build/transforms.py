"""What a notebook's page needs beyond its cells: alt text for every chart (the paragraph
before it), links between notebooks pointed at their pages, and whether it was executed."""
from __future__ import annotations

import re

import nbformat

from ..present.navigation import GLOSSARY_LINK
from ..present.style import SLIDE_MIME


def draws_chart(cell) -> bool:
    """Whether a notebook cell's outputs hold a chart (a PNG image)."""
    return cell.cell_type == "code" and any("image/png" in o.get("data", {}) for o in cell.outputs)


def describe_charts(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give every chart alt text: the narrative paragraph just before it, which says what the
    chart shows (the collection's convention). MyST-NB reads it from the cell's mystnb.image
    options (site pages), the slide template from the cell's alt (slides)."""
    said = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            said = plain_text(cell.source.strip().split("\n\n")[-1])
        if draws_chart(cell):
            cell.metadata["alt"] = said
            cell.metadata.setdefault("mystnb", {})["image"] = {"alt": said}
    return nb


def plain_text(markdown: str) -> str:
    """Markdown as one line of plain text: links keep their words; bold, code and heading
    marks go."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"^#+\s*", "", text.replace("**", "").replace("`", ""), flags=re.M)
    return " ".join(text.split())


_NB_LINK = re.compile(r"\]\((\d\d_[\w-]+)\.ipynb(#[^)]*)?\)")


def link_pages(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Point Markdown outputs' links to sibling notebooks (nav, contents) at their pages.

    Markdown cells' links are resolved by MyST; outputs' are passed through as written.
    """
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                text = _NB_LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", data["text/markdown"])
                data["text/markdown"] = text.replace(f"]({GLOSSARY_LINK})", "](glossary.html)")
    return nb


def has_outputs(nb: nbformat.NotebookNode) -> bool:
    return any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def without_slide_pictures(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy without the pictures drawn for the decks: pages and downloads show the chart
    as the notebook draws it."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            out.get("data", {}).pop(SLIDE_MIME, None)
            out.get("metadata", {}).pop(SLIDE_MIME, None)
    return nb
