"""What a reader sees of the built site, as plain text: an edition's executed notebooks (their
outputs), its generated pages (the article, not the theme around it) and its decks (each
slide's title, body and speaker notes).

The text is stable: no hashes (file names under _downloads/ and _images/ are never shown,
only link text and alt text), and tests/sanitize.cfg's replacements (memory addresses,
timings) are applied, the same ones nbval applies to the committed notebooks. tests/snapshots/
holds it (tests/integration/test_snapshots.py).
"""
from __future__ import annotations

import configparser
import functools
import re
from pathlib import Path

import nbformat

SANITIZE_CFG = Path(__file__).with_name("sanitize.cfg")


@functools.cache
def sanitizers() -> tuple[tuple[re.Pattern, str], ...]:
    """tests/sanitize.cfg's replacements, as nbval reads them (--nbval-sanitize-with)."""
    cfg = configparser.ConfigParser()
    cfg.read(SANITIZE_CFG, encoding="utf-8")
    return tuple((re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections())


def sanitize(text: str) -> str:
    for pattern, replacement in sanitizers():
        text = pattern.sub(replacement, text)
    return text


# -- notebooks -----------------------------------------------------------------------------

def notebook_text(nb) -> str:
    """Every output of an executed notebook as text, cell by cell: streams, Markdown (prose
    from md()), text/plain (tables in full, and figures as style.figure_summary() lists what
    they draw). Code cells are numbered among the code cells the reader's file has (the
    build's injected parameters are not counted)."""
    parts, number = [], 0
    for cell in nb.cells:
        if cell.cell_type != "code" or "injected-parameters" in cell.metadata.get("tags", []):
            continue
        number += 1
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                parts.append(f"## code cell {number}: {out.name}\n{out.text}")
            elif out.output_type in ("display_data", "execute_result"):
                data = out.get("data", {})
                kind = next((m for m in ("text/markdown", "text/plain") if m in data), None)
                if kind:
                    parts.append(f"## code cell {number}: {kind}\n{data[kind]}")
            else:
                parts.append(f"## code cell {number}: {out.output_type} {out.get('ename')}: {out.get('evalue')}")
    return sanitize("\n".join(p.rstrip("\n") for p in parts) + "\n")


def executed_notebooks(site: Path, lang: str) -> dict[str, nbformat.NotebookNode]:
    """The notebooks as the build executed them for an edition, by stem: the edition's
    downloads (_downloads/<hash>/NN_name.ipynb) hold each notebook twice, the student copy
    (no outputs) and the executed one."""
    found = {}
    for path in sorted((site / lang / "_downloads").rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if any(c.get("outputs") for c in nb.cells if c.cell_type == "code"):
            assert path.stem not in found, f"two executed {path.name} among the {lang} downloads"
            found[path.stem] = nb
    return found


# -- pages and decks -----------------------------------------------------------------------

BLOCK = {"address", "article", "aside", "caption", "dd", "details", "div", "dl", "dt", "fieldset",
         "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "p",
         "section", "summary", "table", "tbody", "tfoot", "thead", "ul"}
HEADINGS = {f"h{n}": n for n in range(1, 7)}
CHROME = ".headerlink, .anchor-link, .toggle-button, script, style, template, noscript"


def _soup(html: str):
    from bs4 import BeautifulSoup

    html = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+", "data:", html)  # embedded images
    return BeautifulSoup(html, "lxml")


def _inline(node) -> str:
    """A node's text on one line; an image counts by its alt text."""
    from bs4 import NavigableString

    if isinstance(node, NavigableString):
        return str(node)
    if node.name == "img":
        return f"[image: {node.get('alt', '').strip()}]"
    if node.name == "br":
        return " "
    return "".join(_inline(c) for c in node.children)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def lines(node) -> list[str]:
    """A node's visible text, one line per block: headings as Markdown (## ...), list items
    with '- ', table rows with ' | ' between cells, quotes with '> ', preformatted text as
    it is."""
    from bs4 import Comment, NavigableString

    out, inline = [], []

    def flush():
        text = _one_line("".join(inline))
        if text:
            out.append(text)
        inline.clear()

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            inline.append(str(child))
        elif child.name in HEADINGS:
            flush()
            out.append("#" * HEADINGS[child.name] + " " + _one_line(_inline(child)))
        elif child.name == "tr":
            flush()
            out.append(" | ".join(_one_line(_inline(c)) for c in child.find_all(["th", "td"], recursive=False)))
        elif child.name == "li":
            flush()
            inner = lines(child) or [""]
            out += ["- " + inner[0]] + ["  " + s for s in inner[1:]]
        elif child.name == "blockquote":
            flush()
            out += [("> " + s).rstrip() for s in lines(child)]
        elif child.name == "pre":
            flush()
            out += [s.rstrip() for s in child.get_text().strip("\n").splitlines()]
        elif child.name in BLOCK:
            flush()
            out += lines(child)
        else:
            inline.append(_inline(child))
    flush()
    return out


def page_text(html: str) -> str:
    """The article of a page the build made (Sphinx's <article>, else <main>, else the
    body): its headings, paragraphs, lists, tables and image alt texts, without the theme's
    navigation, header, footer or heading anchors."""
    soup = _soup(html)
    main = soup.find("article") or soup.find("main") or soup.body
    for tag in main.select(CHROME):
        tag.decompose()
    return sanitize("\n".join(lines(main)) + "\n")


def deck_text(html: str) -> str:
    """A reveal.js deck, slide by slide (slide H.V: horizontal and vertical position, as
    reveal.js numbers them): the slide's title and body, then its speaker notes."""
    soup = _soup(html)
    for tag in soup.select(CHROME):
        tag.decompose()
    slides = soup.select_one(".reveal .slides")
    if slides is None:  # the decks' contents page
        return page_text(html)
    out = []
    for h, column in enumerate(slides.find_all("section", recursive=False), 1):
        stack = column.find_all("section", recursive=False) or [column]
        for v, slide in enumerate(stack, 1):
            notes = [n.extract() for n in slide.select("aside.notes")]
            out.append(f"=== slide {h}.{v}")
            out += lines(slide)
            for n in notes:
                out += ["notes: " + s for s in lines(n)]
    return sanitize("\n".join(out) + "\n")
