"""Notebooks to present live in JupyterLab with RISE (jupyterlab-rise), one edition at a time:
`make lab LANG=zh` (or LANG=en) opens them.

They are the edition's notebooks as `make report` executed them (one language, outputs in
it), taken from the built site's downloads (build/site/LANG/_downloads), and written to
build/lab/LANG with what RISE needs to show findings rather than code: every code cell's
input hidden (JupyterLab's jupyter.source_hidden), a code cell with no slide type, or with
nothing to show, marked to be skipped, a box of the readings register beside a chart moved
to the speaker notes (as the site's decks do), and RISE's settings in the notebook's
metadata (white theme, no cell selected on a new slide, long slides scroll, and a style that
keeps the hidden inputs' placeholders off the slides). The committed
notebooks, which hold both languages, are never touched.

    python -m zhongyuan.build.rise zh build/lab/zh   # what make lab LANG=zh runs first
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

from ..factbase.paths import ROOT
from ..present.editions import cell_lang
from .slides import _notes_beside_charts, slide_type

SITE = ROOT / "build" / "site"
# JupyterLab shows a hidden input as a placeholder with the code's first line, which RISE
# sets in large type: RISE's overlay (HTML it puts on every slide) carries the style that
# hides it, the output prompts, and pandas' row of the index's name, and sets tables as the
# site's decks do, for the back of a room.
STYLE = ("<style>.jp-CodeCell .jp-Cell-inputWrapper:has(.jp-InputPlaceholder) { display: none !important; }"
         " .jp-OutputPrompt { visibility: hidden; }"
         " .jp-RenderedHTMLCommon table, .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th"
         " { font-size: 20px !important; }"
         " .jp-RenderedHTMLCommon thead tr:nth-child(2):last-child { display: none; }</style>")
SETTINGS = {"theme": "white", "transition": "none", "auto_select": "none", "scroll": True,
            "start_slideshow_at": "beginning", "enable_chalkboard": False, "overlay": STYLE}


def for_rise(nb: nbformat.NotebookNode, lang: str) -> nbformat.NotebookNode:
    """A copy of an executed single-language notebook in which no code is shown as a slide."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if slide_type(cell) is None or not cell.get("outputs"):
            cell.metadata["slideshow"] = {"slide_type": "skip"}
        cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    _notes_beside_charts(nb, lang)
    nb.metadata["rise"] = dict(SETTINGS)
    return nb


def shows_code(cell) -> bool:
    """Whether RISE would show this cell's code on a slide."""
    return (cell.cell_type == "code" and slide_type(cell) not in ("skip", "notes")
            and not cell.metadata.get("jupyter", {}).get("source_hidden"))


def executed_copies(site: Path, lang: str) -> dict[str, nbformat.NotebookNode]:
    """The edition's executed notebooks among its downloads (the student copies, also
    there, have no outputs), by file name, in reading order."""
    found = {}
    for path in sorted((site / lang / "_downloads").rglob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if any(c.get("outputs") for c in nb.cells if c.cell_type == "code"):
            found[path.name] = nb
    return dict(sorted(found.items()))


def write_lab_copies(lang: str, dest: Path, site: Path = SITE) -> list[Path]:
    """dest/NN_name.ipynb for every executed notebook of the edition, made for RISE; dest
    is emptied first (what JupyterLab saved there last time is gone)."""
    copies = executed_copies(site, lang)
    if not copies:
        raise FileNotFoundError(f"no executed notebooks of the {lang} edition in {site / lang}: "
                                "run `make report` first")
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    written = []
    for name, nb in copies.items():
        nb = for_rise(nb, lang)
        others = [c for c in nb.cells if cell_lang(c) not in (None, lang)]
        if others:  # the site's copies hold one language; never present two
            raise ValueError(f"{name}: {len(others)} cells of another language than {lang}")
        nbformat.write(nb, dest / name)
        written.append(dest / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="An edition's executed notebooks, made for presenting with RISE")
    parser.add_argument("lang", choices=("en", "zh"))
    parser.add_argument("dest", type=Path)
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: build/site)")
    args = parser.parse_args(argv)
    try:
        written = write_lab_copies(args.lang, args.dest, args.site)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written)} notebooks of the {args.lang} edition, made for RISE, in {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
