"""The handout: one edition as one print-ready PDF, printed by headless Chromium.

Sphinx builds the edition's sources once more as a single page (`singlehtml`: the home
page's contents, every notebook in reading mode, the glossary and the fact tables), and
Chromium, the browser the tests already drive, prints it with page numbers. No LaTeX.
Chromium embeds the fonts it draws with; the charts are PNGs drawn at print resolution.
"""
from __future__ import annotations

from pathlib import Path

# Print layout: no theme chrome, each part on a new page, nothing collapsed or cut.
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-announcement, .bd-footer,
.bd-footer-content, .bd-footer-article, .header-article, .prev-next-area, .headerlink,
details.hide > summary, .bd-search, .skip-link { display: none !important; }
html, body, .bd-container, .bd-container__inner, .bd-page-width, .bd-main, .bd-content,
.bd-article-container, .bd-article, article, .cell, .cell_output, .output {
  display: block !important; width: auto !important; max-width: none !important;
  margin-left: 0 !important; margin-right: 0 !important; padding-left: 0 !important;
  padding-right: 0 !important; overflow: visible !important; }
section > h1 { break-before: page; }
body { font-size: 10.5pt; }
img { max-width: 100% !important; height: auto !important; break-inside: avoid; }
table { width: 100% !important; table-layout: fixed; font-size: 7.5pt; overflow-wrap: anywhere; }
td, th { padding: 2px 3px !important; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
"""
FOOTER = {"en": "Zhongyuan District 2024 economic work report · page", "zh": "中原区2024年经济工作报告 · 第"}


def print_sources(src: Path, dest: Path) -> Path:
    """A copy of the site's sources for paper: code inputs removed rather than collapsed
    behind a toggle (a toggle means nothing on paper, and MyST-NB's toggle exists only in
    the HTML builder)."""
    import shutil

    import nbformat

    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("_files", "downloads.md"))
    index = dest / "index.md"  # files to download mean nothing on paper
    index.write_text(index.read_text(encoding="utf-8").replace("\ndownloads\n", "\n"), encoding="utf-8")
    for path in dest.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            if "hide-input" in tags:
                cell.metadata["tags"] = [t for t in tags if t != "hide-input"] + ["remove-input"]
        nbformat.write(nb, path)
    return dest


def build_sources(src: Path, work: Path, lang: str) -> Path:
    """The edition as one HTML page (Sphinx singlehtml), from the sources of its site."""
    from sphinx.cmd.build import build_main

    from .site import CONF_DIR, SPHINX_LANG

    src = print_sources(src, work / f"src-print-{lang}")
    out = work / f"single-{lang}" / lang
    code = build_main(["-b", "singlehtml", "-q", "-c", str(CONF_DIR), "-D", f"language={SPHINX_LANG[lang]}",
                       "-d", str(work / f"doctrees-single-{lang}"), str(src), str(out)])
    if code:
        raise RuntimeError(f"Sphinx (single page) failed for the {lang} edition (exit {code})")
    return out / "index.html"


def print_pdf(page: Path, pdf: Path, lang: str) -> Path:
    """Print a local page to PDF in headless Chromium, A4, page numbers in the footer."""
    from playwright.sync_api import sync_playwright

    from .browser import launch

    footer = ("<div style='font-size:8px;width:100%;text-align:center;color:#666'>"
              f"{FOOTER[lang]} <span class='pageNumber'></span>"
              + (" 页" if lang == "zh" else " of <span class='totalPages'></span>") + "</div>")
    with sync_playwright() as p:
        browser = launch(p)
        try:
            tab = browser.new_page()
            tab.goto(page.as_uri(), wait_until="load")
            tab.add_style_tag(content=PRINT_CSS)
            tab.evaluate("document.querySelectorAll('details').forEach(d => { if (!d.classList.contains('hide')) d.open = true; })")
            tab.pdf(path=str(pdf), format="A4", print_background=True, display_header_footer=True,
                    header_template="<span></span>", footer_template=footer,
                    margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
        finally:
            browser.close()
    return pdf


def build_handout(src: Path, work: Path, dest: Path, lang: str) -> Path:
    """dest/handout.pdf for one edition."""
    from .site import HANDOUT

    return print_pdf(build_sources(src, work, lang), dest / HANDOUT, lang)
