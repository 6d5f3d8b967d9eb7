"""Offline reveal.js decks from the notebooks' own slide metadata.

Each notebook marks its cells with `slideshow.slide_type` (slide, subslide, fragment, notes,
skip, -), the convention RISE and nbconvert share, so one deck serves live presenting in
JupyterLab and the static deck on the site. A slide is one finding: a title that says it,
the chart or a few figures, the source; the narrative goes into speaker notes ("notes").
Everything a deck loads is local: reveal.js from sphinx-revealjs, require.js and jQuery from
nbclassic; no MathJax, no mermaid, no web fonts.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import nbformat

from ..present import words
from ..present.navigation import title
from .transforms import describe_charts, draws_chart

CONF_DIR = Path(__file__).parent / "sphinx"
WIDTH, HEIGHT = 1280, 720  # the slide size every deck is laid out for (and tested at)
DECKS = {lang: words.word("decks", "title", lang) for lang in words.LANGS}
OPEN_NOTES = {lang: words.word("decks", "open_notes", lang) for lang in words.LANGS}
HTML_LANG = {"en": "en", "zh": "zh-CN"}


def slide_type(cell) -> str | None:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def has_slides(nb) -> bool:
    """Whether the notebook's author marked its slides (any cell starts a slide)."""
    return any(slide_type(c) == "slide" for c in nb["cells"])


def _mark_by_headings(nb) -> None:
    """For a notebook without slide metadata: a slide per ## section, a subslide per chart."""

    for cell in nb.cells:
        first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
        kind = "slide" if cell.cell_type == "markdown" and first.startswith(("# ", "## ")) else "-"
        if draws_chart(cell):
            kind = "subslide"
        cell.metadata["slideshow"] = {"slide_type": kind}


def write_slides(nb: nbformat.NotebookNode, dest: Path, stem: str, lang: str = "en") -> Path:
    """One deck, dest/stem.slides.html, from an executed single-language notebook in `lang`:
    the page's language and title are the edition's (the notebook's title, not nbconvert's
    "Notebook slides")."""
    from nbconvert import SlidesExporter

    nb = describe_charts(nbformat.from_dict(nb))
    deck_title = title(nb, stem, lang)
    nb.metadata["title"] = deck_title
    if not has_slides(nb):
        _mark_by_headings(nb)
    for cell in nb.cells:
        if cell.cell_type == "code" and not cell.outputs:
            cell.metadata["slideshow"] = {"slide_type": "skip"}  # inputs are hidden: an empty slide
    _notes_beside_charts(nb, lang)
    _prompts(nb)
    _short_tables(nb, lang)
    _ids_to_notes(nb)
    assets = _slide_assets(dest)
    exporter = SlidesExporter(template_name="reveal", exclude_input=True, exclude_output_prompt=True,
                              reveal_url_prefix="reveal.js", reveal_theme="white",
                              reveal_width=str(WIDTH), reveal_height=str(HEIGHT),
                              reveal_number="c",  # slide numbers from 1, as the teacher's guide counts
                              require_js_url=assets["require"], jquery_url=assets["jquery"],
                              language_code=lang,  # ISO 639-1 only (zh-CN warns, becomes en)
                              template_file=str(CONF_DIR / "slides" / "offline.html.j2"))
    body, _ = exporter.from_notebook_node(nb)
    # the template appends an English " slides" to the title
    body = body.replace(f"<title>{html.escape(deck_title, quote=False)} slides</title>",
                        f"<title>{html.escape(deck_title, quote=False)} · {DECKS[lang]}</title>", 1)
    # nbconvert takes ISO 639-1 codes only: the page's own language (zh-CN) set here
    body = re.sub(r'<html lang="[^"]*">', f'<html lang="{HTML_LANG[lang]}">', body, count=1)
    # a link to another notebook goes to its page, one folder up (the deck has no .ipynb beside it)
    body = re.sub(r'href="(\d\d_\w+)\.ipynb(#[^"]*)?"', r'href="../\1.html\2"', body)
    out = dest / f"{stem}.slides.html"
    out.write_text(body, encoding="utf-8")
    return out


NOTES_MAX = 600  # characters of speaker notes on a slide: prompts, not a script
SENTENCE = re.compile(r"(.+?(?:[.!?](?=\s|$)|[。！？]))", re.S)
READINGS = re.compile(r"(?:A|甲)[:：]")  # a paragraph of readings: A: … B: …


def _prompts(nb) -> None:
    """Speaker notes as prompts: each paragraph's first sentence, one to a line, until the
    slide's notes reach NOTES_MAX characters (the page beside the deck has the whole text)."""
    budget = NOTES_MAX - 50  # room for what the notes view adds between prompts
    left = budget
    for cell in nb.cells:
        if slide_type(cell) in ("slide", "subslide"):
            left = budget
        if slide_type(cell) != "notes":
            continue
        if cell.cell_type == "markdown":
            cell.source, left = _first_sentences(cell.source, left)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"], left = _first_sentences(data["text/markdown"], left)


def _first_sentences(text: str, left: int) -> tuple[str, int]:
    """The first sentence of each paragraph of text (a list, a quote box: of each item) that
    fits in `left` characters, as a list of prompts; and what is left."""
    prompts = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:[-*>]|\d+\.)\s)", text):
        plain = re.sub(r"^\s*(?:[-*>]\s*)+|^\s*\d+\.\s+", "", paragraph.strip()).replace("\n", " ").strip()
        plain = re.sub(r"\*\*|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", plain)  # a prompt needs no emphasis
        if not plain or plain.startswith(("#", "|", "```", "<")):
            continue
        if READINGS.match(plain):  # the readings side by side: one of them alone would choose
            continue
        sentences = [m.group(1) for m in SENTENCE.finditer(plain)] or [plain]
        sentence = sentences[0].strip()
        if len(sentence) < 35 and len(sentences) > 1:  # a label ("Context (not from the report).")
            sentence += ("" if sentence[-1] in "。！？" else " ") + sentences[1].strip()
        shown = len(re.sub(r"\]\([^)]*\)|[*_`\[]", "", sentence))  # as the notes view shows it
        if shown > left:
            break
        prompts.append(f"- {sentence}")
        left -= shown
    return "\n".join(prompts) + "\n", left


TABLE_ROWS = 8  # a table on a slide: as many rows as a room reads at 20 px (the text test checks)


ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")  # a fact's, an honour's or a question's id
CELL_CHARS = 90  # a table cell's text on a slide: longer text is cut, with an ellipsis


def _short_tables(nb, lang: str) -> None:
    """A table on a slide, made to be read at 20 px: its first TABLE_ROWS rows and a line
    saying how many more the page has; each cell's text cut at CELL_CHARS (the page has it
    whole); ids allowed to break after _ and ; (a long table, zoomed to fit, was read at 9 px)."""
    for cell in nb.cells:
        if slide_type(cell) in ("notes", "skip"):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            table = data.get("text/html", "")
            body = re.search(r"(<tbody>)(.*?)(</tbody>)", table, re.S)
            if not body:
                continue
            rows = re.findall(r"<tr[\s>].*?</tr>", body.group(2), re.S)
            index = [re.search(r"<th[^>]*>(.*?)</th>", r, re.S) for r in rows]
            names = [i.group(1).strip() if i else "" for i in index]
            if rows and all(ID.fullmatch(n) for n in names) and any("_" in n for n in names):
                # an index of ids: for the notes and the page, not the room (ids only in notes)
                rows = [re.sub(r"<th[^>]*>.*?</th>", "", r, count=1, flags=re.S) for r in rows]
                head = re.search(r"<thead>.*?</thead>", table, re.S)
                if head:
                    trimmed = re.sub(r"(<tr[^>]*>\s*)<th[^>]*>.*?</th>", r"\1", head.group(0), flags=re.S)
                    table = table[:head.start()] + trimmed + table[head.end():]
                    body = re.search(r"(<tbody>)(.*?)(</tbody>)", table, re.S)
            table, rows = _without_id_columns(table, rows)
            body = re.search(r"(<tbody>)(.*?)(</tbody>)", table, re.S)
            kept = "".join(rows[:TABLE_ROWS])
            if len(rows) > TABLE_ROWS:
                more = words.word("decks", "more_rows", lang, n=len(rows) - TABLE_ROWS)
                kept += f'<tr><td colspan="99"><em>{html.escape(more)}</em></td></tr>'
            kept = re.sub(r">([^<]+)<", lambda m: f">{_cell_text(m.group(1))}<", kept)
            data["text/html"] = table[:body.start(2)] + kept + table[body.end(2):]


def _ids_to_notes(nb) -> None:
    """An id in parentheses after what it names ("(`xiatong_reach`)", a register box's) is
    left off the slide: ids are for the notes and the page."""
    def off(text: str) -> str:
        return re.sub(r"\s?[(（]`[a-z][a-z0-9_]*`[)）]", "", text)

    for cell in nb.cells:
        if slide_type(cell) in ("notes", "skip"):
            continue
        if cell.cell_type == "markdown":
            cell.source = off(cell.source)
        for output in cell.get("outputs", []):
            if "text/markdown" in output.get("data", {}):
                output["data"]["text/markdown"] = off(output["data"]["text/markdown"])


IDS = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:[;；]\s*[a-z][a-z0-9]*(?:_[a-z0-9]+)+)*")  # ids, ;-separated
CELL = re.compile(r"<t([hd])[^>]*>.*?</t\1>", re.S)


def _without_id_columns(table: str, rows: list[str]) -> tuple[str, list[str]]:
    """The table and its body rows without the columns that hold nothing but ids (a fact's,
    a question's): on a slide ids are for the notes (the page keeps them)."""
    def text(cell: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()

    data = [re.findall(r"<td[^>]*>.*?</td>", r, re.S) for r in rows]
    if not data or len({len(d) for d in data}) != 1:
        return table, rows
    drop = {j for j in range(len(data[0]))
            if all(text(d[j]) in ("", "—") or IDS.fullmatch(text(d[j])) for d in data)
            and any(IDS.fullmatch(text(d[j])) for d in data)}
    if not drop:
        return table, rows

    def trimmed(row: str) -> str:  # the row without the dropped columns (counted from the right)
        count = len(CELL.findall(row))
        gone = {count - len(data[0]) + j for j in drop}
        index = iter(range(count))
        return CELL.sub(lambda m: "" if next(index) in gone else m.group(0), row)

    head = re.search(r"<thead>.*?</thead>", table, re.S)
    if head:
        new_head = re.sub(r"<tr[^>]*>.*?</tr>", lambda m: trimmed(m.group(0)), head.group(0), flags=re.S)
        table = table[:head.start()] + new_head + table[head.end():]
    return table, [trimmed(r) for r in rows]


def _cell_text(text: str) -> str:
    """A cell's text (HTML-escaped, as pandas writes it) cut to CELL_CHARS, with break
    opportunities after the _ and ; of ids."""
    plain = html.unescape(text)
    if len(plain) > CELL_CHARS:
        plain = plain[:CELL_CHARS - 1].rstrip() + "…"
    return html.escape(plain, quote=False).replace("_", "_<wbr>").replace(";", ";<wbr>")


def _notes_beside_charts(nb, lang: str) -> None:
    """A box of the readings register or of outside context on a slide that shows a chart
    goes to the speaker notes: on the slide it would push the chart below the bottom edge or
    shrink it past reading."""
    boxes = tuple(f"> **{words.word('register', k, lang)}" for k in ("reading", "context"))
    chart = False
    for cell in nb.cells:
        if slide_type(cell) in ("slide", "subslide"):
            chart = False
        chart = chart or draws_chart(cell)
        texts = [o.get("data", {}).get("text/markdown", "") for o in cell.get("outputs", [])]
        if chart and cell.cell_type == "code" and texts and all(t.startswith(boxes) for t in texts):
            cell.metadata["slideshow"] = {"slide_type": "notes"}


def _slide_assets(dest: Path) -> dict[str, str]:
    """Local copies of reveal.js, require.js and jQuery beside the slides (once)."""
    import nbclassic
    import sphinx_revealjs

    dest.mkdir(parents=True, exist_ok=True)
    reveal = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    if not (dest / "reveal.js").exists():
        shutil.copytree(reveal, dest / "reveal.js")
        components = Path(nbclassic.__file__).parent / "static" / "components"
        shutil.copy2(components / "requirejs" / "require.js", dest / "require.js")
        shutil.copy2(components / "jquery" / "dist" / "jquery.min.js", dest / "jquery.min.js")
    return {"require": "require.js", "jquery": "jquery.min.js"}


def deck_index(lang: str, decks: list[tuple[str, str]]) -> str:
    """slides/index.html: the contents page of an edition's decks, (file, title) each."""
    items = "\n".join(f'<li><a href="{html.escape(f)}">{html.escape(t)}</a></li>' for f, t in decks)
    title = DECKS[lang]
    back = "../index.html"
    return (f"<!doctype html><html lang=\"{HTML_LANG[lang]}\"><head><meta charset=\"utf-8\">"
            f"<link rel=\"icon\" href=\"data:,\"><title>{title}</title>"
            "<style>body{font-family:sans-serif;max-width:48em;margin:3em auto;line-height:1.6}</style>"
            f"</head><body><h1>{title}</h1><p>{OPEN_NOTES[lang]}</p><ol>{items}</ol>"
            f"<p><a href=\"{back}\">{'Home' if lang == 'en' else '首页'}</a></p></body></html>")


def write_decks(executed: dict[str, nbformat.NotebookNode], dest: Path, lang: str, kept,
                first: list[tuple[str, str]] = ()) -> list[str]:
    """Every notebook's deck and the contents page; returns the decks' paths under dest.

    A deck made before from the very same executed notebook is copied from `kept` (a
    workspace.Kept, emptied whenever src/ changes) instead of made again. `first`: (file,
    title) of decks made otherwise (the meeting deck), listed first on the contents page.
    """
    import hashlib

    decks = []
    _slide_assets(dest)
    for name, nb in executed.items():
        stem = Path(name).stem
        done = kept.path(hashlib.sha256(nbformat.writes(nb).encode()).hexdigest(), ".slides.html")
        if not done.exists():
            shutil.copy2(write_slides(nb, dest, stem, lang), done)
        out = Path(shutil.copy2(done, dest / f"{stem}.slides.html"))
        decks.append((out.name, title(nb, stem, lang)))
    (dest / "index.html").write_text(deck_index(lang, [*first, *decks]), encoding="utf-8")
    return [f for f, _ in decks]
