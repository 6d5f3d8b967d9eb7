"""The built site, opened in headless Chromium from localhost as a reader would.

The site (both editions) is built once per test run by tests/conftest.py and served on
127.0.0.1. Every page is visited: no console error, every internal link and image resolves,
charts are visible, nothing is fetched from the network, the slides run offline, the
search finds Chinese terms. Screenshots go to test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse


import pytest

from zhongyuan import run, site
from zhongyuan.paths import ROOT

NOTEBOOK_PAGES = {p.stem for p in run.notebook_paths()}
ARTIFACTS = ROOT / "test-artifacts"


def pages(built: Path) -> list[str]:
    return sorted(str(p.relative_to(built)) for p in built.glob("*/*.html"))


def test_the_site_holds_only_the_editions_and_the_landing_page(built):
    assert sorted(p.name for p in built.iterdir()) == ["en", "index.html", "zh"]


def test_both_editions_have_every_page(built):
    for lang in ("en", "zh"):
        names = {p.name for p in (built / lang).glob("*.html")}
        assert {"index.html", "glossary.html", "facts.html", "downloads.html", "search.html"} <= names
        assert {f"{p.stem}.html" for p in run.notebook_paths()} <= names
        assert (built / lang / "slides" / "00_overview.slides.html").exists()
        assert list((built / lang / "_downloads").rglob("zhongyuan-2024.xlsx"))
        downloads = (built / lang / "downloads.html").read_text(encoding="utf-8")
        for p in run.notebook_paths():  # a student copy and the executed notebook of each
            assert downloads.count(f">{p.name}<") + downloads.count(f"{p.name}</span>") >= 2, p.name
        assert len(list((built / lang / "_downloads").rglob("*.ipynb"))) == 2 * len(run.notebook_paths())


def test_nothing_is_loaded_from_the_network(built):
    remote = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")
    for page in built.rglob("*.html"):
        hits = [m.group() for m in remote.finditer(page.read_text(encoding="utf-8", errors="replace"))]
        assert not [h for h in hits if "src=" in h], f"{page}: loads {hits}"


def _open(context, url: str):
    """A page navigating to url, recording console errors, failed requests and HTTP errors."""
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("requestfailed", lambda r: page.errors.append(f"failed {r.url}"))
    page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="commit")  # returns once navigation starts: pages load side by side
    return page


def _page_problems(page, rel: str, built: Path, server: str) -> list[str]:
    page.wait_for_load_state("load")
    problems = []
    if Path(rel).stem in NOTEBOOK_PAGES:  # a notebook page shows its charts
        charts = page.locator("img[src*='_images']")
        if charts.count() == 0 or not charts.first.is_visible():
            problems.append(f"{rel}: no visible chart")
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        url = urlparse(urljoin(server + rel, href))
        if url.scheme in ("http", "https") and url.netloc == urlparse(server).netloc:
            target = built / unquote(url.path.lstrip("/"))
            if not (target.exists() or (target / "index.html").exists()):
                problems.append(f"{rel}: broken link {href}")
    broken = page.eval_on_selector_all(
        "img", "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src.slice(0, 80))")
    problems += [f"{rel}: image not shown {b}" for b in broken]
    return problems + [f"{rel}: {e}" for e in page.errors]


def test_every_page_loads_cleanly_with_links_and_images(built, server, browser):
    problems = []
    context = browser.new_context()  # one context: the theme's assets load once, from cache
    every = pages(built)
    for i in range(0, len(every), 6):  # six pages at a time: 14 s one by one, 8 s like this
        opened = [(rel, _open(context, server + rel)) for rel in every[i:i + 6]]
        for rel, page in opened:
            problems += _page_problems(page, rel, built, server)
            page.close()
    context.close()
    assert every and not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("query", ["固定资产投资", "投资"])
def test_search_finds_chinese_terms(server, browser, lang, query):
    page = browser.new_page()
    page.goto(f"{server}{lang}/search.html?q={query}")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15000)
    found = " ".join(results.all_inner_texts())
    assert "01_headline" in " ".join(results.locator("a").evaluate_all("els => els.map(e => e.href)"))
    assert results.count() >= 2, found
    page.close()


def test_screenshots_of_home_and_a_notebook_in_each_edition(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in ("en", "zh"):
        for name in ("index", "01_headline_indicators"):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server}{lang}/{name}.html", wait_until="networkidle")
            shot = ARTIFACTS / f"{lang}-{name}.png"
            page.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
            page.close()


def test_slides_open_offline(server, browser, built):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(r.url))
    page.goto(f"{server}en/slides/00_overview.slides.html", wait_until="networkidle")
    assert page.locator(".reveal .slides section").count() > 3
    page.wait_for_selector(".reveal.ready", timeout=15000)  # reveal.js initialised from the local copy
    assert not errors, errors
    page.close()


def test_charts_are_described_by_the_sentence_before_them(built):
    """Alt text for screen readers: on the pages and the slides, not a file name or
    nbconvert's 'No description has been provided for this image'."""
    files = list(built.glob("*/slides/*.slides.html")) + [
        built / lang / f"{stem}.html" for lang in ("en", "zh") for stem in NOTEBOOK_PAGES]
    for path in files:
        html = path.read_text(encoding="utf-8")
        images = re.findall(r"<img [^>]*(?:_images/|data:image/png)[^>]*>", html)
        alts = [re.search(r'alt="([^"]*)"', i) for i in images]
        assert images and all(a and len(a.group(1)) > 20 for a in alts), path
        assert not any(a.group(1).endswith(".png") or "No description" in a.group(1) for a in alts), path


def test_text_from_the_tables_is_escaped(data_copy, tmp_path):
    """Text from the tables that carries <script> is shown as text on the facts page."""
    from sphinx.cmd.build import build_main

    path = data_copy / "facts.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("A plan at signing", "<script>alert(1)</script> A plan at signing")  # a note
    text = text.replace("general public budget revenue,", "<b>general</b> public budget revenue,", 1)
    path.write_text(text, encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text(site.facts_page("en"), encoding="utf-8")
    assert build_main(["-b", "html", "-q", "-c", str(site.CONF_DIR), str(src), str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "&lt;b&gt;general&lt;/b&gt;" in html and "<b>general</b>" not in html


def test_student_copies_keep_code_and_headings_only():
    import nbformat

    nb = nbformat.read(run.notebook_paths()[0], as_version=4)
    copy = site.student_copy(nb)
    assert all(not c.get("outputs") for c in copy.cells if c.cell_type == "code")
    assert all(line.startswith("#") or line.endswith("?")
               for c in copy.cells if c.cell_type == "markdown" for line in c.source.splitlines())
    assert sum(c.cell_type == "code" for c in copy.cells) == sum(c.cell_type == "code" for c in nb.cells)


def test_bigram_search_splitting():
    assert site.bigrams("固定资产投资") == ["固定", "定资", "资产", "产投", "投资"]
    assert site.bigrams("GDP增长") == ["GDP", "增长"]
    assert site.bigrams("中") == ["中"]


def test_links_between_notebooks_point_at_pages():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x")]
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "text/markdown": "← [A](00_overview.ipynb) · [B](01_headline_indicators.ipynb#levels) · [G](../data/glossary.csv)",
        "text/plain": "<Markdown>"})]
    out = site.link_pages(nb).cells[0].outputs[0]["data"]["text/markdown"]
    assert out == "← [A](00_overview.html) · [B](01_headline_indicators.html#levels) · [G](glossary.html)"
