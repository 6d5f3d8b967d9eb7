"""Every PDF of an edition, printed by one browser launched once: the reader (handout.pdf,
zhongyuan.build.handout), the brief (zhongyuan.build.brief), the exercise sheet and the answer
key (zhongyuan.build.sheets) and a PDF of every deck (reveal.js's print view, `?print-pdf`, one
slide a page).

What was printed is kept as the handout's parts are (a workspace.Kept, keyed on the bytes
printed, this module, the handout's and the browser's version): after an edit to one
notebook, its deck and its part of the reader are printed again, and the sheet and the key
only if its exercises changed.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import re
import shutil
from pathlib import Path

from . import handout

_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
# reveal.js's print view, one page a slide: it measures a slide before the deck's own script
# zooms one taller than 720 px to fit (sphinx/slides/offline.html.j2), and would otherwise
# give that slide a second page, its title alone on the first.
PRINT_VIEW = "?print-pdf&pdfMaxPagesPerSlide=1"
READY = "document.querySelector('.reveal.ready') && document.querySelectorAll('.pdf-page').length > 0"
# A deck's hanzi in the bundled CJK font (as the reader's), its Latin in the deck's own.
DECK_FONT = """(css) => document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style); })"""
NO_MARGIN = {"top": "0", "bottom": "0", "left": "0", "right": "0"}
_DECK_LINK = re.compile(r'(<a href="([^"/]+)\.slides\.html">.*?</a>)')


def print_edition(site: Path, lang: str, parts: list[tuple[str, str]], kept, title: str, tabs: int,
                  executable: Path | None, sheets: dict[str, tuple[str, str]]) -> None:
    """The reader from the pages `parts` (see handout.build_handout), the brief, each of
    `sheets` ({PDF name: (title, HTML)}) beside it, and site/slides/NAME.pdf for every deck
    site/slides/NAME.slides.html, which the decks' contents page then links. All at once, in
    one browser: what is left to print after an edit (a part, a deck) is printed side by side."""
    from .brief import print_brief

    async def run():
        async with handout.chromium(executable) as browser:
            common = handout._digest(_CODE, handout._CODE, browser.version, lang)
            decks = sorted((site / "slides").glob("*.slides.html"))
            _, printed, _, *done = await asyncio.gather(
                handout.print_handout(browser, site, lang, parts, kept, title, tabs),
                print_decks(browser, decks, kept, common, tabs),
                print_brief(browser, site, lang, kept),
                *(print_html(browser, page, site / name, kept, lang, heading, common)
                  for name, (heading, page) in sheets.items()))
        print(f"site: {lang} exercise sheet and answer key, {sum(done)} of {len(done)} printed; "
              f"decks as PDF, {printed} of {len(decks)} printed", flush=True)
        link_deck_pdfs(site / "slides")
    handout._run(run())


async def print_html(browser, page: str, dest: Path, kept, lang: str, title: str, common: str) -> bool:
    """dest: the HTML `page` printed on A4 (the reader's margins, fonts and tables), numbered
    "page N of M", with its title as bookmark; whether it had to be printed (not kept)."""
    import pikepdf

    part = kept.path(handout._digest(common, page), ".pdf")
    printed = not part.exists()
    if printed:
        source = handout._scratch(part, ".html")
        source.write_text(page, encoding="utf-8")
        tab = await browser.new_page()
        try:
            await tab.goto(source.as_uri(), wait_until="load")
            await handout.prepare_for_paper(tab)
            await handout._save(tab, part, print_background=True)
        finally:
            await tab.close()
            source.unlink(missing_ok=True)
    with pikepdf.open(part) as pdf:
        pages = len(pdf.pages)
    numbers = await handout.numbered(browser, [False] * pages, lang, kept, common)
    handout.join_kept(kept, [part], [title], numbers, dest, title)
    return printed


async def print_decks(browser, decks: list[Path], kept, common: str, tabs: int = handout.TABS) -> int:
    """NAME.pdf beside each deck NAME.slides.html, one slide a page; how many were printed
    (the others were kept from before)."""
    files = [kept.path(handout._digest(common, "deck", d.read_bytes()), ".pdf") for d in decks]
    todo = [(d, f) for d, f in zip(decks, files) if not f.exists()]
    printed = len(todo)
    await asyncio.gather(*(_deck_printer(browser, todo) for _ in range(min(tabs, len(todo)))))
    for deck, pdf in zip(decks, files):
        shutil.copy2(pdf, deck.with_name(deck.name.removesuffix(".slides.html") + ".pdf"))
    return printed


def deck_font_css() -> str:
    from ..present.style import font_path

    return (f'@font-face {{ font-family: "ZY CJK"; src: url("{font_path().as_uri()}"); '
            f"unicode-range: {handout.CJK_RANGE}; }}\n"
            '.reveal .slides, .reveal .slides * '
            '{ font-family: "ZY CJK", "Source Sans Pro", Helvetica, sans-serif !important; }\n')


async def _deck_printer(browser, todo: list[tuple[Path, Path]]) -> None:
    """One tab printing decks from the shared to-do list in reveal.js's print view."""
    tab = await browser.new_page()
    await tab.add_init_script(script=f"({DECK_FONT})({json.dumps(deck_font_css())})")
    try:
        while todo:
            deck, pdf = todo.pop(0)
            await tab.goto(deck.as_uri() + PRINT_VIEW, wait_until="load")
            await tab.wait_for_function(READY)
            await tab.evaluate("document.fonts.ready.then(() => true)")
            await handout._save(tab, pdf, prefer_css_page_size=True, print_background=True, margin=NO_MARGIN)
    finally:
        await tab.close()


def link_deck_pdfs(slides: Path) -> None:
    """The decks' contents page (slides/index.html) with a "PDF" link beside every deck that
    has one."""
    index = slides / "index.html"
    if not index.exists():
        return
    page = index.read_text(encoding="utf-8")

    def add(m):
        pdf = f"{m.group(2)}.pdf"
        return f'{m.group(1)} · <a href="{pdf}">PDF</a>' if (slides / pdf).exists() else m.group(1)

    if 'href="' in page and ".pdf\">PDF</a>" not in page:
        index.write_text(_DECK_LINK.sub(add, page), encoding="utf-8")
