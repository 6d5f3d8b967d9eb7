"""Where a notebook stands in the collection: the notebooks in reading order, their titles,
and the links every notebook's last cell shows (previous, contents, next, glossary)."""
from __future__ import annotations

from pathlib import Path

from ..factbase.paths import ROOT
from . import words
from .editions import cell_lang

NOTEBOOKS = ROOT / "notebooks"
GLOSSARY_LINK = "../data/glossary.csv"


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The collection's notebooks in reading order (numbered NN_name.ipynb)."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def title(nb, fallback: str, lang: str = "en") -> str:
    """The first level-1 heading of a notebook in `lang` (a NotebookNode or its plain JSON
    dict): headings of the other language's cells are skipped."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and cell_lang(cell) in (None, lang):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            for line in source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def contents(folder: Path = NOTEBOOKS, lang: str = "en") -> list[tuple[str, str]]:
    """(file name, title) of every notebook in reading order: the collection's contents.

    Read as plain JSON: importing nbformat alone costs most of a second in a kernel.
    """
    import json

    return [(p.name, title(json.loads(p.read_text(encoding="utf-8")), p.stem, lang))
            for p in notebook_paths(folder)]


NAV = words.group("nav")


def nav(name: str, folder: Path = NOTEBOOKS, lang: str | None = None):
    """Markdown links to the previous and next notebooks and back to the overview, in the
    notebook's language (its LANG)."""
    from IPython.display import Markdown

    from .narrate import notebook_lang

    lang = lang or notebook_lang()
    if not folder.is_dir():  # the package installed elsewhere (a class pack): the notebook's own folder
        folder = Path.cwd()
    entries = contents(folder, lang)
    names = [n for n, _ in entries]
    i = names.index(name)
    word = {k: v[lang] for k, v in NAV.items()}
    sep = ": " if lang == "en" else "："
    parts = []
    if i > 0:
        parts.append(f"{word['previous']}{sep}[{entries[i - 1][1]}]({entries[i - 1][0]})")
    if name != names[0]:
        parts.append(f"[{word['contents']}]({names[0]})")
    if i + 1 < len(entries):
        parts.append(f"{word['next']}{sep}[{entries[i + 1][1]}]({entries[i + 1][0]}) →")
    parts.append(f"[{word['glossary']}]({GLOSSARY_LINK})")  # the CSV in JupyterLab, a page on the site
    return Markdown(" · ".join(parts))
