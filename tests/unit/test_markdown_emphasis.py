"""Bold and italic markers in the notebooks' prose render as emphasis, never as literal asterisks.

CommonMark closes ** only where it is right-flanking: a closing ** after a full-width full stop
and before a hanzi (**没有总量。**只列出…) is not, and the page, the deck's notes and the handout
then print the asterisks. Chinese prose closes the bold before the stop (**没有总量**。) or puts a
space after it."""
from __future__ import annotations

import json
import re

import pytest
from markdown_it import MarkdownIt

from zhongyuan.present.navigation import notebook_paths

PARSER = MarkdownIt("commonmark")
CODE = re.compile(r"`[^`]*`")


def stray_asterisks(markdown: str) -> list[str]:
    """The lines of the rendered text that still hold ** (code spans aside)."""
    html = PARSER.render(CODE.sub("", markdown))
    return [line for line in html.splitlines() if "**" in line]


def test_a_bold_closed_after_a_full_stop_before_a_hanzi_is_found():
    assert stray_asterisks("- **没有地区生产总值总量。**只列出预计增速")
    assert not stray_asterisks("- **没有地区生产总值总量**。只列出预计增速")
    assert not stray_asterisks("- **没有时段。** 本部分的数字")
    assert not stray_asterisks("区里**推荐**融纬勘测")


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_prose_cells_render_their_emphasis(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    stray = [f"cell {i}: {line}" for i, c in enumerate(cells) if c["cell_type"] == "markdown"
             for line in stray_asterisks("".join(c["source"]))]
    assert not stray, f"{path.name}: ** printed as text:\n" + "\n".join(stray)
