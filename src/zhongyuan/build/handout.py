"""The handout: one edition as one print-ready PDF, printed by headless Chromium.

Each page of the edition's site that belongs on paper (the home page, every notebook in
reading mode, the glossary, the fact tables, the readings) is printed on its own, two at a
time, by the Chromium the tests already drive; the parts are joined into one PDF (pikepdf),
with a bookmark per part and "page N of M" on every page, printed once over the whole. No
LaTeX and no second Sphinx build: paper shows what the site shows, with code inputs left out
rather than behind a toggle.

Printed parts are kept in the edition's workspace (make report: build/cache/edition-LANG/
handout, see zhongyuan.build.workspace), and a part is printed again only when its page, an
image or style sheet it loads, this module or the browser changed: after an edit
to one notebook, one part of each edition is printed. A part is keyed on the bytes it is
printed from, so an old print can never be served for a changed page.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import re
import shutil
from pathlib import Path

from ..present import words
from .cache import tree_digest

# Print layout: no theme chrome, each part on a new page, nothing collapsed or cut, code
# inputs (behind a toggle on the site) left out. The reader holds no solution (collapsed on
# the site; the answer key, zhongyuan.build.sheets, has them). Tables are laid out by their
# content and may run over a page (the theme keeps a table whole, which left pages 70% blank);
# a number, a unit after it or an id is never broken inside itself (FIT_JS marks them and
# shrinks a table's type until it fits the page).
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-announcement, .bd-footer,
.bd-footer-content, .bd-footer-article, .header-article, .prev-next-area, .headerlink,
details.hide.above-input, .bd-search, .skip-link, .toggle-button, .solution { display: none !important; }
html, body, .bd-container, .bd-container__inner, .bd-page-width, .bd-main, .bd-content,
.bd-article-container, .bd-article, article, .cell, .cell_output, .output {
  display: block !important; width: auto !important; max-width: none !important;
  margin-left: 0 !important; margin-right: 0 !important; padding-left: 0 !important;
  padding-right: 0 !important; overflow: visible !important; }
body { font-size: 10.5pt; }
img { max-width: 100% !important; height: auto !important; break-inside: avoid; }
table, .bd-main .bd-content table { width: 100% !important; table-layout: auto; font-size: 7.5pt;
  overflow-wrap: break-word; word-break: normal; break-inside: auto !important; }
tr { break-inside: avoid; }
.zy-nobr { white-space: nowrap; word-break: keep-all; overflow-wrap: normal; }
h1, h2, h3, h4 { break-after: avoid; break-inside: avoid; }
.toctree-wrapper ul, .toctree-wrapper li, .toctree-wrapper p { margin-top: 0; margin-bottom: 0; }
td, th { padding: 2px 3px !important; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
"""
# Before printing: open every collapsed block (notes, toggled admonitions); drop what paper
# cannot use (the link to the other edition, the downloads in the contents, the home page's
# list of its own two sections, a notebook's closing line of links to the previous and next
# notebooks); a link to another page of the site becomes plain text (on paper it would point
# at the build machine's files).
PREPARE_JS = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  document.querySelectorAll('a[href="glossary.html"]').forEach(a => {
    const p = a.closest('p'), nav = /^(\\d\\d_[\\w-]+|glossary)\\.html$/;
    if (p && [...p.querySelectorAll('a')].every(x => nav.test(x.getAttribute('href') || ''))) p.remove(); });
  document.querySelectorAll('a[href^="../"]').forEach(a => (a.closest('p') || a).remove());
  document.querySelectorAll('a[href="downloads.html"]').forEach(a => (a.closest('li') || a).remove());
  if (location.pathname.endsWith('/index.html')) document.getElementById('jb-print-toc')?.remove();
  document.querySelectorAll('a[href]').forEach(a => {
    if (!/^https?:/.test(a.getAttribute('href'))) a.removeAttribute('href'); });
}"""
# After the print style and the fonts are in: every number (with a unit the fact base knows
# and a hedge before or after it: 近400场, 47.6亿元, 5%左右), period (2024-01..2024-11) and id
# (budget_revenue_growth) in a table is marked as one unbreakable run; then a table wider than
# the page, laid out at the page's width, has its type reduced step by step down to MIN_PX.
# Returns the tables still too wide.
FIT_JS = """([units, minPx]) => {
  const run = '[0-9A-Za-z_.,:%+~/\u2212\u2013-]';  // the hyphen last: itself, not a range
  const token = new RegExp('(?:[近超约])?' + run + '*[0-9_]' + run + '*(?:' + units + ')?(?:余|多|以上|左右)?', 'g');
  document.querySelectorAll('td, th').forEach(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) if (!walker.currentNode.parentElement.closest('.zy-nobr')) texts.push(walker.currentNode);
    for (const node of texts) {
      const text = node.nodeValue, parts = document.createDocumentFragment();
      let last = 0;
      for (const m of text.matchAll(token)) {
        parts.append(text.slice(last, m.index));
        const span = document.createElement('span');
        span.className = 'zy-nobr';
        span.textContent = m[0];
        parts.append(span);
        last = m.index + m[0].length;
      }
      if (last) { parts.append(text.slice(last)); node.replaceWith(parts); }
    }
  });
  const page = (document.querySelector('.bd-article') || document.body).getBoundingClientRect().width;
  let wide = 0;
  document.querySelectorAll('table').forEach(table => {
    let size = parseFloat(getComputedStyle(table).fontSize);
    while (table.getBoundingClientRect().width > page + 1 && size > minPx) {
      size = Math.max(minPx, size - 0.5);
      table.style.setProperty('font-size', size + 'px', 'important');
    }
    if (table.getBoundingClientRect().width > page + 1) wide += 1;
  });
  // a row is kept on one page unless it is tall: moved whole, a row of 42 ids left a page blank
  document.querySelectorAll('tr').forEach(row => {
    if (row.getBoundingClientRect().height > 250) row.style.breakInside = 'auto'; });
  return wide;
}"""
MIN_PX = 7  # 5.25 pt: the smallest type a table is reduced to
PAGE_PX = {False: 688, True: 1017}  # A4's width inside the margins, portrait and landscape, in CSS px


def units_pattern() -> str:
    """The fact base's units, longest first, as a regular expression's alternatives."""
    import csv

    from ..factbase.paths import data_dir

    with (data_dir() / "units.csv").open(encoding="utf-8", newline="") as f:
        units = sorted({r["unit"] for r in csv.DictReader(f)} - {""}, key=len, reverse=True)
    return "|".join(re.escape(u) for u in units)


async def prepare_for_paper(tab, landscape: bool = False) -> int:
    """Lay a loaded page out as paper does (print media, the page's width), its fonts
    loaded, and fit its tables (FIT_JS): the tables still too wide."""
    await tab.emulate_media(media="print")
    await tab.set_viewport_size({"width": PAGE_PX[landscape], "height": 1000})
    await tab.evaluate("document.fonts.ready.then(() => true)")
    return await tab.evaluate(FIT_JS, [units_pattern(), MIN_PX])


MARGIN = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
FOOTER = {lang: words.word("handout", "footer", lang) for lang in words.LANGS}
# The bundled CJK font (the charts' own), for the hanzi only: the printed PDF never depends on
# what fonts the machine has, and a machine without a CJK font still prints Chinese.
CJK_RANGE = "U+2E80-2FDF, U+3000-30FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"


def font_css() -> str:
    from ..present.style import font_path

    return (f'@font-face {{ font-family: "ZY CJK"; src: url("{font_path().as_uri()}"); '
            f"unicode-range: {CJK_RANGE}; }}\n"
            'body, body * { font-family: "ZY CJK", var(--pst-font-family-base, sans-serif) !important; }\n'
            'pre, code, pre *, code * '
            '{ font-family: "ZY CJK", var(--pst-font-family-monospace, monospace) !important; }\n')


WIDE = {"facts", "readings"}  # parts printed landscape: their tables have 9 or 10 columns
TABS = 2  # pages printed at once: Chromium lays out and prints each on a core of its own
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a change here reprints all
_IMAGE = re.compile(rb'src="(_images/[^"]+)"')


def build_handout(site: Path, lang: str, parts: list[tuple[str, str]], kept, title: str = "",
                  tabs: int = TABS, executable: Path | None = None) -> Path:
    """site/handout.pdf from the pages site/NAME.html, parts being (NAME, title) in reading
    order; printed parts are kept in (and taken from) `kept`, a workspace.Kept; up to
    `tabs` pages (at most TABS) are printed at once. A browser of its own: print_handout
    prints with one already open (zhongyuan.build.printing: one for all of an edition's PDFs)."""
    async def alone():
        async with chromium(executable) as browser:
            return await print_handout(browser, site, lang, parts, kept, title, tabs)
    return _run(alone())


async def print_handout(browser, site: Path, lang: str, parts: list[tuple[str, str]], kept, title: str = "",
                        tabs: int = TABS) -> Path:
    """build_handout with an open browser."""
    # The Sphinx theme's a11y_pygments sets the root logger to INFO when imported: keep
    # pikepdf's greeting on import out of the build's output.
    logging.getLogger("pikepdf").setLevel(logging.WARNING)
    files, numbers, printed = await _print_all(site, lang, [n for n, _ in parts], kept, min(tabs, TABS),
                                               browser=browser)
    print(f"site: {lang} handout, {printed} of {len(files)} parts printed"
          + (f", {len(files) - printed} reused" if printed < len(files) else ""), flush=True)
    return join_kept(kept, files, [t for _, t in parts], numbers, site / "handout.pdf", title)


@contextlib.asynccontextmanager
async def chromium(executable: Path | None = None):
    """A headless browser (zhongyuan.build.browser's, with its switches) for as long as the
    block runs: one launch for many prints."""
    from playwright.async_api import async_playwright

    from .browser import launch

    async with async_playwright() as p:
        browser = await launch(p, executable)
        try:
            yield browser
        finally:
            await browser.close()


def _run(coroutine):
    """asyncio.run, or, where this thread already runs an event loop (in Jupyter, beside
    Playwright's sync API), asyncio.run in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


async def _print_all(site: Path, lang: str, names: list[str], kept, tabs: int,
                     executable: Path | None = None, browser=None) -> tuple[list[Path], Path, int]:
    """Each part's PDF (printed now, or kept from before), the page numbers' PDF, and how
    many parts were printed; in `browser` if one is open, else in one launched for this."""
    if browser is None:
        async with chromium(executable) as browser:
            return await _print_all(site, lang, names, kept, tabs, browser=browser)
    import pikepdf

    common = _digest(_CODE, browser.version, lang, tree_digest(site / "_static"))
    files = [kept.path(_part_key(common, site / f"{n}.html"), ".pdf") for n in names]
    todo = [(site / f"{n}.html", f, n in WIDE) for n, f in zip(names, files) if not f.exists()]
    printed = len(todo)
    await asyncio.gather(*(_printer(browser, todo) for _ in range(min(tabs, len(todo)))))
    wide = []  # for each page of the whole, whether it is landscape
    for name, f in zip(names, files):
        with pikepdf.open(f) as pdf:
            wide += [name in WIDE] * len(pdf.pages)
    numbers = await numbered(browser, wide, lang, kept, common)
    return files, numbers, printed


async def numbered(browser, wide: list[bool], lang: str, kept, common: str) -> Path:
    """The page numbers' PDF for pages the way round `wide` says (kept, or printed now)."""
    numbers = kept.path(_digest(common, "numbers", wide), ".pdf")
    if not numbers.exists():
        await _print_numbers(browser, wide, lang, numbers)
    return numbers


async def _printer(browser, todo: list[tuple[Path, Path, bool]]) -> None:
    """One tab printing pages from the shared to-do list until it is empty."""
    tab = await browser.new_page()
    while todo:
        page, pdf, landscape = todo.pop(0)
        await tab.goto(page.as_uri(), wait_until="load")
        size = "size: A4 landscape;" if landscape else "size: A4;"
        await tab.add_style_tag(content=font_css() + PRINT_CSS.replace("size: A4;", size))
        await tab.evaluate(PREPARE_JS)
        await prepare_for_paper(tab, landscape)
        await _save(tab, pdf, print_background=True, landscape=landscape)
    await tab.close()


async def _print_numbers(browser, wide: list[bool], lang: str, pdf: Path) -> None:
    """A blank page for each page of the whole, the same way round, each with the footer and
    its number at its foot: laid over the joined parts. Written as a page of its own (not
    Chromium's footer template, which cannot load a font) so the footer's hanzi use the
    bundled font."""
    total = len(wide)
    pages = "".join(
        f"<div class='{'wide' if w else 'tall'}'><p>{FOOTER[lang].format(n=i + 1, total=total)}</p></div>"
        for i, w in enumerate(wide))
    html = _scratch(pdf, ".html")
    html.write_text(
        "<!doctype html><meta charset='utf-8'><style>" + font_css() +
        "@page tall { size: A4 portrait; margin: 0; } @page wide { size: A4 landscape; margin: 0; }"
        "body { margin: 0; } div { position: relative; break-after: page; }"
        "div:last-child { break-after: auto; }"
        ".tall { page: tall; height: 297mm; width: 210mm; } .wide { page: wide; height: 210mm; width: 297mm; }"
        "p { position: absolute; bottom: 7mm; width: 100%; margin: 0; text-align: center;"
        " font-size: 8px; color: #666; }</style>" + pages, encoding="utf-8")
    tab = await browser.new_page()
    try:
        await tab.goto(html.as_uri(), wait_until="load")
        await tab.evaluate("document.fonts.ready.then(() => true)")
        await _save(tab, pdf, prefer_css_page_size=True, margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
    finally:
        await tab.close()
        html.unlink(missing_ok=True)


async def _save(tab, pdf: Path, **options) -> None:
    """Print the tab to pdf atomically: a killed build leaves a whole file or none."""
    tmp = _scratch(pdf, ".pdf")
    await tab.pdf(path=str(tmp), format="A4", **{"margin": MARGIN, **options})
    os.replace(tmp, pdf)


def _scratch(beside: Path, suffix: str) -> Path:
    """A new temporary file's path beside `beside` (.tmp-*, which the kept files' pruning
    removes if a killed build left it): its own for each print, as an edition's PDFs are printed
    at once and two may print the same file (the same page numbers)."""
    import tempfile

    fd, name = tempfile.mkstemp(prefix=f".tmp-{beside.stem}-", suffix=suffix, dir=beside.parent)
    os.close(fd)
    return Path(name)


def join_kept(kept, files: list[Path], titles: list[str], numbers: Path, dest: Path, title: str) -> Path:
    """_join, or the very PDF it made in an earlier build from the same parts (whose names
    are the keys of their contents), copied from `kept`: after an edit, only the PDFs
    with a part printed again are joined again."""
    done = kept.path(_digest("joined", *(f.name for f in files), *titles, numbers.name, title), ".pdf")
    if not done.exists():
        _join(files, titles, numbers, done, title)
    shutil.copy2(done, dest)
    return dest


def _join(files: list[Path], titles: list[str], numbers: Path, dest: Path, title: str) -> Path:
    """One PDF of the parts in order, numbered, with a bookmark at the start of each part."""
    import pikepdf

    out = pikepdf.new()
    parts = [pikepdf.open(f) for f in files]
    overlay = pikepdf.open(numbers)
    try:
        starts = []
        for part in parts:
            starts.append(len(out.pages))
            out.pages.extend(part.pages)
        if len(overlay.pages) != len(out.pages):
            raise RuntimeError(f"{dest}: {len(out.pages)} pages but {len(overlay.pages)} page numbers")
        for page, number in zip(out.pages, overlay.pages):
            page.add_overlay(number)
        with out.open_outline() as outline:
            outline.root.extend(pikepdf.OutlineItem(t, s) for t, s in zip(titles, starts))
        out.docinfo["/Title"] = title
        tmp = dest.with_name(f".tmp-{dest.name}")
        out.save(tmp)
        os.replace(tmp, dest)
    finally:
        for pdf in (*parts, overlay):
            pdf.close()
    return dest


def _part_key(common: str, page: Path) -> str:
    """The page's bytes and those of every image it shows, over what all parts share."""
    html = page.read_bytes()
    images = [(page.parent / m.decode()).read_bytes() for m in _IMAGE.findall(html)]
    return _digest(common, html, *images)


def _digest(*parts) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()
