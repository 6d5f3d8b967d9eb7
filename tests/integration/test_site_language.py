"""Each edition reads in its own language: no English prose on a Chinese page, no Chinese
prose on an English page.

What is not prose is left out: code (inputs, <pre>, <code>), ids, file names, quotes of the
report (“…”), tables on English pages (they quote the report column by column) and the
names listed below. Three English words in a row on a Chinese page are English prose; a
Chinese clause joined to another by Chinese punctuation on an English page is Chinese prose.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# Latin-letter names that may stand in Chinese text (software, formats, standards).
NAMES = ["Frictionless Data Package", "Sphinx", "JupyterLab", "Jupyter", "reveal.js", "pandas",
         "matplotlib", "jieba", "Excel", "CSV", "JSON", "PDF", "Python", "MyST", "pypinyin",
         "Noto Sans SC", "SIL Open Font License"]
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z'’-]+(?:[ ,;:]+[A-Za-z][a-z'’-]+){2,}")
CHINESE_CLAUSES = re.compile(r"[\u4e00-\u9fff]{2,}[，。；：！？][\u4e00-\u9fff]{2,}")
QUOTED = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》|\"[^\"]*\"")
SKIP = ("_static", "_sources", "_images", "_files", "slides", "genindex.html", "search.html")


def pages(site: Path, lang: str) -> list[Path]:
    return [p for p in sorted((site / lang).rglob("*.html"))
            if not any(part in SKIP for part in p.relative_to(site / lang).parts)]


def visible_text(path: Path, lang: str) -> list[str]:
    """The page's prose: article text without code, ids and (on English pages) tables and
    quotes; image alt texts count as prose."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("article") or soup.find("main") or soup.body
    for tag in main.find_all(["script", "style", "pre", "code", "kbd", "samp"]):
        tag.decompose()
    for tag in main.select(".cell_input, .highlight, .headerlink, .toggle-button"):
        tag.decompose()
    if lang == "en":
        for tag in main.find_all(["table", "blockquote"]):
            tag.decompose()
    texts = [main.get_text(" ")] + [img.get("alt", "") for img in main.find_all("img")]
    out = []
    for text in texts:
        for name in NAMES:
            text = text.replace(name, " ")
        text = re.sub(r"\b[\w.-]+\.(?:csv|json|ipynb|html|xlsx|txt|py)\b", " ", text)  # file names
        text = re.sub(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", " ", text)  # ids
        out.append(QUOTED.sub(" ", text) if lang == "en" else text)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_is_in_its_editions_language(built, lang):
    found = pages(built, lang)
    assert len(found) >= 12, f"only {len(found)} pages in the {lang} edition"
    faults = []
    for page in found:
        for text in visible_text(page, lang):
            pattern = ENGLISH_RUN if lang == "zh" else CHINESE_CLAUSES
            faults += [f"{page.relative_to(built)}: {m.group()!r}" for m in pattern.finditer(text)]
    assert not faults, f"{len(faults)} runs of the other language, e.g.:\n" + "\n".join(faults[:25])


def test_the_language_check_sees_english_on_a_chinese_page(tmp_path):
    """The check itself: English prose in a Chinese page, or Chinese prose in an English one,
    is found; a quote, a code span and an id are not."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>一般公共预算收入完成<code>budget revenue grew fast</code>"
                    "，见budget_revenue_growth。The city fell sharply.</p></article></body></html>",
                    encoding="utf-8")
    assert [m.group() for m in ENGLISH_RUN.finditer(visible_text(page, "zh")[0])] == ["The city fell sharply"]
    page.write_text("<html><body><article><p>Revenue “一般公共预算收入完成47.6亿元，同比增长1.7%” rose. "
                    "全市下降，区里增长。</p></article></body></html>", encoding="utf-8")
    assert [m.group() for m in CHINESE_CLAUSES.finditer(visible_text(page, "en")[0])] == ["全市下降，区里增长"]
