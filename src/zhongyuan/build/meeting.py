"""The meeting deck (issue 22): the report's findings in a dozen slides per language, result
first, for a talk of about ten minutes, besides the per-notebook decks.

Every title is a finding as a sentence; a slide shows one chart drawn for the slide (the
brief's charts, zhongyuan.build.brief, through present.style.slide_png: 1280x720, no text
under 18 px) or a few lines; speaker notes are prompts with the fact ids. The words are
templates in templates/meeting.csv (key, en, zh), rendered from the fact base like the
brief's. The deck is a notebook made here and turned into reveal.js by the per-notebook
decks' own exporter and template (zhongyuan.build.slides.write_slides), so it is offline and
laid out, and tested, like them.
"""
from __future__ import annotations

import base64
import shutil
from pathlib import Path

import nbformat

from . import brief
from .brief import TEMPLATES

FILE = TEMPLATES / "meeting.csv"
STEM = "meeting"
DECK = f"{STEM}.slides.html"

# (key in meeting.csv, chart of brief.CHARTS or None), in the order shown: the headline first
SLIDES = [("cover", None), ("headline", "growth4"), ("city", "city"), ("bases", "bases"),
          ("estimates", "estimates"), ("projects", "projects"), ("consumption", "consumption"),
          ("beyond", "beyond"), ("livelihood", "livelihood"), ("audit", "audit"), ("limits", None),
          ("more", None)]


STYLE = "<style>.reveal .jp-InputPrompt, .reveal .jp-OutputPrompt { display: none; }</style>"


def say(key: str, lang: str, **values) -> str:
    return brief.say(key, lang, FILE, **values)


def has(key: str) -> bool:
    return key in brief.templates(FILE)


def _links(lang: str) -> dict[str, str]:
    """The last slide's links, relative to slides/."""
    from ..present import words

    return dict(brief=f"[{say('link.brief', lang)}](../{brief.PAGE}.html)",
                notebooks=f"[{say('link.notebooks', lang)}](../index.html)",
                facts=f"[{words.word('site', 'facts', lang)}](../facts.html)",
                readings=f"[{words.word('site', 'readings', lang)}](../readings.html)")


def _chart_cell(name: str, lang: str, draw: bool = True) -> nbformat.NotebookNode:
    """A code cell (its input never shown) whose output is the chart drawn for the slide;
    draw=False: an empty picture (the deck's words alone, for the fast tests)."""
    import matplotlib.pyplot as plt

    from ..present.style import SLIDE_MIME, slide_png

    picture, smallest = b"", 0.0
    if draw:
        fig = brief.chart(name, lang)
        try:
            picture, smallest = slide_png(fig)
        finally:
            plt.close(fig)
    data = base64.b64encode(picture).decode()
    out = nbformat.v4.new_output("display_data", data={"image/png": data, SLIDE_MIME: data, "text/plain": name},
                                 metadata={SLIDE_MIME: {"min_px": round(smallest, 1)}})
    return nbformat.v4.new_code_cell("", outputs=[out], metadata={"slideshow": {"slide_type": "-"}})


def meeting_notebook(lang: str, charts: bool = True) -> nbformat.NotebookNode:
    """The deck as a single-language notebook in the convention the decks are made from:
    a markdown cell starting each slide, the chart, any lines, the notes (charts=False:
    the charts' pictures left empty)."""
    values = {**brief.values(), **_links(lang)}

    def md(source: str, kind: str):
        return nbformat.v4.new_markdown_cell(source, metadata={"slideshow": {"slide_type": kind}})

    cells = []
    for key, chart in SLIDES:
        title = f"{'#' if key == 'cover' else '###'} {say(f'{key}.title', lang, **values)}"
        if key == "cover":  # this deck only: titles and lines flush with the charts, not behind an empty prompt
            title = f"{STYLE}\n\n{title}"
        cells.append(md(title, "slide"))
        ids = brief.CHARTS[chart].ids if chart else []
        if chart:
            cells.append(_chart_cell(chart, lang, charts))
        if has(f"{key}.body"):
            cells.append(md(say(f"{key}.body", lang, **values), "-"))
        notes = say(f"{key}.notes", lang, **values)
        if ids:
            notes += "\n\n" + say("ids", lang, ids=("、" if lang == "zh" else ", ").join(ids))
        cells.append(md(notes, "notes"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                        "language_info": {"name": "python"}})
    return nb


def write_meeting_deck(dest: Path, lang: str, kept: Path | None = None) -> tuple[str, str]:
    """dest/meeting.slides.html in `lang`; returns (its file name, its entry on the decks'
    contents page). kept: a folder of the edition's workspace (emptied whenever data/ or src/,
    all the deck is made from, changes), where the deck made by an earlier build is reused
    from."""
    from .slides import write_slides

    entry = (DECK, say("deck", lang, n=len(SLIDES)))
    done = Path(kept) / f"{STEM}-{lang}.slides.html" if kept else None
    if done is not None and done.exists():
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(done, dest / DECK)
        return entry
    out = write_slides(meeting_notebook(lang), dest, STEM, lang)
    if done is not None:
        done.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(out, done)
    return entry
