"""One notebook, two languages: each prose cell is tagged `lang-en` or `lang-zh` and stands
beside its twin; code cells are shared. An edition keeps its own language's cells only."""
from __future__ import annotations

import copy

from .i18n import LANGS, check_lang


def cell_lang(cell) -> str | None:
    """The language a cell is tagged with (lang-en, lang-zh), or None for a shared cell."""
    tags = cell.get("metadata", {}).get("tags", [])
    found = [t[5:] for t in tags if t.startswith("lang-") and t[5:] in LANGS]
    return found[0] if found else None


def keep_language(nb, lang: str):
    """A copy of nb without the other languages' cells: what one edition shows and runs."""
    check_lang(lang)
    nb = copy.deepcopy(nb)
    nb["cells"] = [c for c in nb["cells"] if cell_lang(c) in (None, lang)]
    return nb


def twins(nb) -> list[tuple[int, int | None]]:
    """(index of each lang-en cell, index of the lang-zh cell right after it, or None)."""
    cells = nb["cells"]
    return [(i, i + 1 if i + 1 < len(cells) and cell_lang(cells[i + 1]) == "zh" else None)
            for i, c in enumerate(cells) if cell_lang(c) == "en"]
