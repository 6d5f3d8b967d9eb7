"""The built site, opened in headless Chromium as a reader would: served from 127.0.0.1,
and from file://.

The site (both editions) is built once per test run by tests/conftest.py. Every page is
visited: no console error, every internal link and image resolves, charts are visible, the
home, glossary, facts and downloads pages show their tables, the search finds Chinese
terms. (Every deck is opened in test_teaching.py.) Every browser context is guarded (conftest.guard): a request
beyond loopback is blocked, recorded and fails the test, and the host resolver knows no
name but localhost. The files themselves are scanned for remote references too.
Screenshots go to test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import nbformat
import pytest

import zhongyuan as zy
from zhongyuan.build import pages, search, site, teach, transforms
from zhongyuan.factbase.paths import ROOT
from zhongyuan.present import navigation

NOTEBOOK_PAGES = {p.stem for p in navigation.notebook_paths()}
ARTIFACTS = ROOT / "test-artifacts"
DECKS = [f"{lang}/slides/{p.stem}.slides.html" for lang in ("en", "zh") for p in navigation.notebook_paths()]


def html_pages(built: Path) -> list[str]:
    return sorted(str(p.relative_to(built)) for p in built.glob("*/*.html"))


def test_the_site_holds_only_the_editions_and_the_landing_page(built):
    assert sorted(p.name for p in built.iterdir()) == ["en", "index.html", "zh"]


def test_both_editions_have_every_page(built):
    for lang in ("en", "zh"):
        names = {p.name for p in (built / lang).glob("*.html")}
        assert {"index.html", "glossary.html", "facts.html", "downloads.html", "search.html"} <= names
        assert {f"{p.stem}.html" for p in navigation.notebook_paths()} <= names
        assert all((built / deck).exists() for deck in DECKS)
        assert list((built / lang / "_downloads").rglob("zhongyuan-2024.xlsx"))
        downloads = (built / lang / "downloads.html").read_text(encoding="utf-8")
        for p in navigation.notebook_paths():  # a student copy and the executed notebook of each
            assert downloads.count(f">{p.name}<") + downloads.count(f"{p.name}</span>") >= 2, p.name
        assert len(list((built / lang / "_downloads").rglob("*.ipynb"))) == 2 * len(navigation.notebook_paths())


# -- nothing from the network: the files ------------------------------------------------------

REMOTE = r"""(?:https?:|wss?:)?//(?!(?:127\.0\.0\.1|localhost)[:/])"""
# What makes a page load something: tags' src, srcset, poster and data; <link href>; CSS
# url() and @import (in files, <style> and style=""); in scripts, a remote string literal
# (not one inside an escaped string of HTML: href=\"https://...\" is a link in a message).
HTML_LOADS = re.compile(
    r"""<(?:script|img|source|iframe|video|audio|embed|track|input)\b[^>]*?\s(?:src|poster)\s*=\s*["']?\s*(?P<a>[^"'\s>]+)"""
    r"""|<link\b[^>]*?\shref\s*=\s*["']?(?P<b>[^"'\s>]+)"""
    r"""|<object\b[^>]*?\sdata\s*=\s*["']?(?P<c>[^"'\s>]+)"""
    r"""|srcset\s*=\s*["'](?P<d>[^"']+)""", re.I)
CSS_LOADS = re.compile(r"""@import\s+(?:url\()?\s*["']?(?P<a>[^"')\s;]+)|url\(\s*["']?(?P<b>[^"')\s]+)""", re.I)
JS_REMOTE = re.compile(r"""(?<![\\=])["'`]((?:https?:)?//(?!(?:www\.)?w3\.org/|127\.0\.0\.1|localhost)"""
                       r"""[a-z0-9-]+(?:\.[a-z0-9-]+)+/[^"'`\s]*)""", re.I)


def _refs(pattern: re.Pattern, text: str) -> list[str]:
    out = []
    for m in pattern.finditer(text):
        ref = next(v for v in m.groupdict().values() if v)
        out += [part.strip().split(" ")[0] for part in ref.split(",")] if "srcset" in m.group(0).lower() else [ref]
    return out


def remote_references(built: Path) -> list[str]:
    """Every remote reference a page of the site loads: in the HTML pages, and in the CSS and
    scripts they load (followed through @import), each named with the file it is in."""
    found, seen = [], set()
    queue = [p for p in built.rglob("*.html")]
    while queue:
        path = queue.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            styles = " ".join(re.findall(r"<style\b[^>]*>(.*?)</style>", text, re.S | re.I)
                              + re.findall(r"""style\s*=\s*"([^"]*)\"""", text, re.I))
            refs = _refs(HTML_LOADS, text) + _refs(CSS_LOADS, styles)
            inline = " ".join(re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S | re.I))
            found += [f"{path.relative_to(built)}: script {u}" for u in JS_REMOTE.findall(inline)]
        elif path.suffix == ".css":
            refs = _refs(CSS_LOADS, text)
        else:  # a script
            found += [f"{path.relative_to(built)}: {u}" for u in JS_REMOTE.findall(text)]
            continue
        for ref in refs:
            ref = htmllib.unescape(ref)
            if re.match(REMOTE, ref):
                found.append(f"{path.relative_to(built)}: {ref}")
            elif not ref.startswith(("data:", "#", "javascript:")):
                target = (path.parent / unquote(urlparse(ref).path)).resolve()
                if target.suffix in (".css", ".js"):
                    queue.append(target)
    return found


def test_nothing_is_loaded_from_the_network(built):
    """Remote src, srcset, <link href>, CSS url() and @import, and script literals, in
    every page and in the styles and scripts they load."""
    found = remote_references(built)
    assert not found, "\n".join(found)


def test_the_remote_scan_sees_every_kind_of_reference(tmp_path):
    (tmp_path / "a.css").write_text("@import url(b.css); body { color: red }")
    (tmp_path / "b.css").write_text("@font-face { src: url('https://fonts.example.org/x.woff2') }")
    (tmp_path / "c.js").write_text("fetch('https://api.example.org/data.json'); const ns = 'http://www.w3.org/2000/svg';")
    (tmp_path / "page.html").write_text(
        "<link rel=stylesheet href=a.css><link rel=preload href='//cdn.example.org/x.js'>"
        "<script src=c.js></script><img srcset='local.png 1x, https://img.example.org/2x.png 2x'>"
        "<style>@import 'https://css.example.org/s.css';</style><div style=\"background: url(http://i.example.org/b.png)\">"
        "<a href='https://example.org/'>a link is not a load</a><img src='http://127.0.0.1:8000/ok.png'>")
    found = sorted(remote_references(tmp_path))
    assert found == sorted([
        "b.css: https://fonts.example.org/x.woff2", "c.js: https://api.example.org/data.json",
        "page.html: //cdn.example.org/x.js", "page.html: https://img.example.org/2x.png",
        "page.html: https://css.example.org/s.css", "page.html: http://i.example.org/b.png"])


def test_the_browser_guard_blocks_and_records_remote_requests(context, tmp_path):
    page_file = tmp_path / "page.html"
    page_file.write_text("<link rel=stylesheet href='https://fonts.example.org/f.css'>"
                         "<script>fetch('https://api.example.org/x').catch(() => {})</script>")
    page = context.new_page()
    page.goto(page_file.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    recorded = sorted(context.remote)
    context.remote.clear()  # seen: this test is about the guard itself
    assert recorded == ["https://api.example.org/x", "https://fonts.example.org/f.css"]


# -- every page, in the browser ---------------------------------------------------------------

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


def expected_text(rel: str) -> list[str]:
    """What a page must show (a blank or half-built page lacks it): the home page its
    headline figures and contents, the glossary every term, the facts page every fact id,
    the downloads page every notebook, a notebook page its title."""
    lang, name = rel.split("/")[0], Path(rel).stem
    if name == "index":
        rows = zy.charts.plot_rows(["budget_revenue", "retail_sales_growth"], lang)
        return [zy.charts.value_label(r, lang) for _, r in rows.iterrows()] + [pages.TEXT["headline"][lang]]
    if name == "glossary":
        return list(zy.load_glossary()["term_zh"])
    if name == "facts":
        return list(zy.load_facts().index) + list(zy.derived_figures().index)
    if name == "downloads":
        return [p.name for p in navigation.notebook_paths()] + ["zhongyuan-2024.xlsx"]
    if name in NOTEBOOK_PAGES:  # its title in the edition's language
        return [navigation.title(nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4), name, lang)]
    return []


def _page_problems(page, rel: str, built: Path, base: str) -> list[str]:
    page.wait_for_load_state("load")
    problems = []
    if Path(rel).stem in NOTEBOOK_PAGES:  # a notebook page shows its charts
        charts = page.locator("img[src*='_images']")
        if charts.count() == 0 or not charts.first.is_visible():
            problems.append(f"{rel}: no visible chart")
    shown = _words(page.inner_text("main")) if page.locator("main").count() else ""
    problems += [f"{rel}: does not show {w!r}" for w in expected_text(rel) if _words(str(w)) not in shown]
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    if Path(rel).stem == "index":  # the contents: every notebook's page
        problems += [f"{rel}: no link to {n}.html" for n in sorted(NOTEBOOK_PAGES)
                     if not any(h.split("#")[0].endswith(f"{n}.html") for h in hrefs)]
    for href in hrefs:
        url = urlparse(urljoin(base + rel, href))
        if url.scheme == "file" or (url.scheme in ("http", "https") and url.netloc == urlparse(base).netloc):
            target = (built / unquote(url.path.lstrip("/")) if url.scheme != "file" else Path(unquote(url.path)))
            if not (target.exists() or (target / "index.html").exists()):
                problems.append(f"{rel}: broken link {href}")
    broken = page.eval_on_selector_all(
        "img", "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src.slice(0, 80))")
    problems += [f"{rel}: image not shown {b}" for b in broken]
    return problems + [f"{rel}: {e}" for e in page.errors]


def _visit(context, base: str, built: Path, every: list[str], ignore=lambda e: False) -> list[str]:
    problems = []
    for i in range(0, len(every), 6):  # six pages at a time: 14 s one by one, 8 s like this
        opened = [(rel, _open(context, base + rel)) for rel in every[i:i + 6]]
        for rel, page in opened:
            problems += [p for p in _page_problems(page, rel, built, base) if not ignore(p)]
            page.close()
    return problems


def test_every_page_loads_cleanly_shows_its_content_links_and_images(built, server, context):
    every = html_pages(built)  # one context: the theme's assets load once, from cache
    problems = _visit(context, server, built, every)
    assert len(every) >= 2 * (len(NOTEBOOK_PAGES) + 5) and not problems, "\n".join(problems)


def test_the_site_opens_from_file_urls(built, context):
    """As the README says, the site works opened as files: pages, images, links, slides.
    (Search snippets need a server: Sphinx fetches them, which file:// forbids.)"""
    wanted = [f"{lang}/{name}.html" for lang in ("en", "zh")
              for name in ("index", "glossary", "facts", "downloads", "01_headline_indicators")]
    problems = _visit(context, built.as_uri() + "/", built, wanted)
    page = context.new_page()
    page.goto((built / "index.html").as_uri())
    page.wait_for_url("**/en/index.html")  # the landing page forwards to the English edition
    page.close()
    for deck in DECKS[:1]:
        problems += _deck_problems(context, built.as_uri() + "/" + deck)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("query", ["固定资产投资", "投资"])
def test_search_finds_chinese_terms(server, context, lang, query):
    page = context.new_page()
    page.goto(f"{server}{lang}/search.html?q={query}")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15000)
    found = " ".join(results.all_inner_texts())
    assert "01_headline" in " ".join(results.locator("a").evaluate_all("els => els.map(e => e.href)"))
    assert results.count() >= 2, found
    page.close()


def test_screenshots_of_home_and_a_notebook_in_each_edition(server, context):
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in ("en", "zh"):
        for name in ("index", "01_headline_indicators"):
            page = context.new_page()
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{server}{lang}/{name}.html", wait_until="networkidle")
            shot = ARTIFACTS / f"{lang}-{name}.png"
            page.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
            page.close()


def _deck_problems(context, url: str) -> list[str]:
    page = _open(context, url)
    page.wait_for_load_state("networkidle")
    problems = []
    try:
        page.wait_for_selector(".reveal.ready", timeout=15000)  # reveal.js ran, from the local copy
    except Exception:  # noqa: BLE001 - reported below with the rest
        problems.append(f"{url}: reveal.js never became ready")
    if page.locator(".reveal .slides section").count() <= 3:
        problems.append(f"{url}: {page.locator('.reveal .slides section').count()} slides")
    if page.locator(".reveal .slides img").count() == 0:
        problems.append(f"{url}: no chart on any slide")
    problems += [f"{url}: {e}" for e in page.errors]
    page.close()
    return problems


# -- alt text ---------------------------------------------------------------------------------

def _words(text: str) -> str:
    """Letters, digits and hanzi only: markup, punctuation and spacing aside."""
    text = re.sub(r"\]\([^)]*\)", "", htmllib.unescape(text))  # a link keeps its words
    return re.sub(r"[\W_]+", "", text)


def introductions(nb) -> list[str]:
    """For each chart of an executed notebook, the paragraph just before it: the last
    paragraph of the nearest Markdown cell above (the collection's convention)."""
    said, out = "", []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            said = cell.source.strip().split("\n\n")[-1]
        if cell.cell_type == "code" and any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            out.append(_words(said))
    return out


def _executed(built: Path, lang: str, stem: str):
    """The notebook as executed for an edition (its download; the student copy has no outputs)."""
    for path in (built / lang / "_downloads").rglob(f"{stem}.ipynb"):
        nb = nbformat.read(path, as_version=4)
        if transforms.has_outputs(nb):
            return nb
    raise AssertionError(f"no executed {stem}.ipynb among the {lang} downloads")


def test_each_chart_is_described_by_the_sentence_before_it(built):
    """Alt text for screen readers, on the pages and the slides: the paragraph that
    introduces the chart in the notebook as executed for that edition, chart by chart."""
    problems = []
    for lang in ("en", "zh"):
        for stem in sorted(NOTEBOOK_PAGES):
            expected = introductions(_executed(built, lang, stem))
            decks = [built / d for d in DECKS if d.startswith(f"{lang}/slides/{stem}.")]
            files = [built / lang / f"{stem}.html", *decks]
            for path in files:
                html = path.read_text(encoding="utf-8")
                images = re.findall(r"<img [^>]*(?:_images/|data:image/png)[^>]*>", html)
                # the HTML writer quotes an alt text with ' when the text holds a "
                alts = [_words((re.search(r"""alt=(["'])(.*?)\1""", i) or [None, None, ""])[2]) for i in images]
                if alts != expected:
                    problems.append(f"{path.relative_to(built)}: alt texts {[a[:40] for a in alts]} "
                                    f"!= introductions {[e[:40] for e in expected]}")
                if not all(len(a) > 20 for a in alts):
                    problems.append(f"{path.relative_to(built)}: an empty or short alt text")
    assert not problems, "\n".join(problems)


# -- pages generated from the tables ----------------------------------------------------------

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
    (src / "index.md").write_text(pages.facts_page("en"), encoding="utf-8")
    assert build_main(["-b", "html", "-q", "-c", str(site.CONF_DIR), str(src), str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "&lt;b&gt;general&lt;/b&gt;" in html and "<b>general</b>" not in html


def test_student_copies_keep_the_narrative_and_code_without_outputs_or_solutions():
    nb = nbformat.read(navigation.notebook_paths()[1], as_version=4)  # 01: it has exercises
    copy = teach.student_copy(nb, "zh", first=7)
    assert all(not c.get("outputs") for c in copy.cells if c.cell_type == "code")
    assert not any("solution" in c.metadata.get("tags", []) for c in copy.cells)
    kept = {c.source for c in copy.cells if c.cell_type == "markdown"}
    assert sum(1 for c in nb.cells if c.cell_type == "markdown" and c.source in kept) > 10  # the narrative
    exercises = [c.source for c in copy.cells if c.cell_type == "markdown" and c.source.startswith("**练习 ")]
    assert exercises and exercises[0].startswith("**练习 7**") and not any("{exercise}" in e for e in exercises)
    params = next(c for c in copy.cells if "parameters" in c.metadata.get("tags", []))
    assert 'LANG = "zh"' in params.source


def test_bigram_search_splitting():
    assert search.bigrams("固定资产投资") == ["固定", "定资", "资产", "产投", "投资"]
    assert search.bigrams("GDP增长") == ["GDP", "增长"]
    assert search.bigrams("中") == ["中"]


def test_links_between_notebooks_point_at_pages():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x")]
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "text/markdown": "← [A](00_overview.ipynb) · [B](01_headline_indicators.ipynb#levels) · "
                         "[G](../data/glossary.csv)",
        "text/plain": "<Markdown>"})]
    out = transforms.link_pages(nb).cells[0].outputs[0]["data"]["text/markdown"]
    assert out == "← [A](00_overview.html) · [B](01_headline_indicators.html#levels) · [G](glossary.html)"
