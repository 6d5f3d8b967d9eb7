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


# The theme's interface on a Chinese page: the text around the article (header, sidebars,
# footer) and the words tooltips and screen readers get (title, aria-label, placeholder),
# on every page of the edition, and the label sphinx-togglebutton gives its buttons in the
# browser. Latin letters there only as the link to the other edition, key names and the
# names above (a heading in the page's contents: 讲义（PDF，可打印）).
INTERFACE_ALLOWED = ("English edition", "Ctrl", "JavaScript", "TF-IDF", "TextRank", *NAMES)
INTERFACE_ATTRIBUTES = ("title", "aria-label", "placeholder")


def interface_text(path: Path) -> list[str]:
    """What the theme, not the article, says on a page: its attributes' values anywhere,
    and the visible text outside the article."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    said = [tag.get(a) for tag in soup.find_all(True) for a in INTERFACE_ATTRIBUTES if tag.get(a)]
    for article in soup.find_all("article"):
        article.decompose()
    return said + [soup.get_text(" ")]


def english_words(text: str) -> list[str]:
    for name in INTERFACE_ALLOWED:
        text = text.replace(name, " ")
    text = re.sub(r"\b[\w.-]+\.(?:csv|json|ipynb|html|pdf|zip)\b", " ", text)  # file names
    return re.findall(r"[A-Za-z]{2,}(?:[ .…'-]+[A-Za-z]{2,})*[.…]*", text)


def test_the_themes_interface_on_chinese_pages_is_in_chinese(built):
    """No "System Settings", "Search...", "Toggle hidden content" or "作者： the zhongyuan
    project" on a Chinese page: the themes' own translations where they have them, the
    edition's words (present/words.csv, groups theme and site) for the rest."""
    found = [p for p in sorted((built / "zh").rglob("*.html"))
             if not any(part in ("_static", "_sources", "_images", "_files", "slides")
                        for part in p.relative_to(built / "zh").parts)]
    assert len(found) >= 12
    faults = [f"{page.relative_to(built)}: {w!r}" for page in found for text in interface_text(page)
              for w in english_words(text)]
    script = (built / "zh" / "_static" / "togglebutton.js").read_text(encoding="utf-8")
    faults += [f"_static/togglebutton.js: {label!r}" for label in re.findall(r'aria-label="([^"]*)"', script)
               if english_words(label)]
    assert not faults, f"{len(faults)} English interface strings on Chinese pages, e.g.:\n" + "\n".join(
        sorted(set(faults))[:25])


def test_the_interface_check_sees_the_themes_english(tmp_path):
    """The check itself: the theme's English around a Chinese article, in the footer or in
    an attribute, is found; the article, the link to the English edition and key names are not."""
    page = tmp_path / "page.html"
    page.write_text('<html><body><header><a href="../en/index.html">English edition</a> <kbd>Ctrl</kbd>'
                    '<input placeholder="Search..."/><button title="System Settings"></button></header>'
                    '<article><p>The article is checked elsewhere.</p><summary aria-label="Toggle hidden content">'
                    '显示代码</summary></article><footer>作者： the zhongyuan project</footer></body></html>',
                    encoding="utf-8")
    words = [w for text in interface_text(page) for w in english_words(text)]
    assert words == ["Search...", "System Settings", "Toggle hidden content", "the zhongyuan project"]


def test_the_derived_figures_formulas_on_the_chinese_fact_page_are_in_chinese():
    """The fact page's derived-figure arithmetic in Chinese: 8亿元（=800000000元）÷ 200万人次
    （=2000000人次）, never "yuan", "person-times" or "households"."""
    from zhongyuan.build import pages

    page = pages.facts_page("zh")
    rows = [line.split(" | ") for line in page[page.index("## 推算数据"):].splitlines() if line.startswith("| ")]
    column = rows[0].index("算式")
    formulas = [row[column].replace("\\", "") for row in rows[1:]]
    assert len(formulas) >= 10 and any("（=" in f for f in formulas)
    english = [f for f in formulas if re.search(r"[A-Za-z]{2,}", f)]
    assert not english, english


def test_pandas_tables_read_as_tables():
    """On the site a pandas table has one header row, its index's name in the corner where
    pandas leaves it blank, and no column of row numbers 0, 1, 2... (sphinx/conf.py's
    reader_table); a table whose corner holds the columns' name is left as it is."""
    import importlib.util

    import pandas as pd

    spec = importlib.util.spec_from_file_location("site_conf", Path(__file__).parents[2] / "src" / "zhongyuan"
                                                  / "build" / "sphinx" / "conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)

    def header_rows(html):
        return [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
                for tr in BeautifulSoup(html, "html.parser").find("thead").find_all("tr")]

    def first_cells(html):
        return [tr.find(["th", "td"]).get_text(strip=True)
                for tr in BeautifulSoup(html, "html.parser").find("tbody").find_all("tr")]

    named = pd.DataFrame({"数值": [1, 2]}, index=pd.Index(["甲", "乙"], name="指标")).to_html()
    assert header_rows(named) == [["", "数值"], ["指标", ""]]
    assert header_rows(conf.reader_table(named)) == [["指标", "数值"]]
    numbered = pd.DataFrame({"词": ["完成", "增长"], "次数": [9, 9]}).to_html()
    assert first_cells(numbered) == ["0", "1"]
    assert header_rows(conf.reader_table(numbered)) == [["词", "次数"]]
    assert first_cells(conf.reader_table(numbered)) == ["完成", "增长"]
    crossed = pd.crosstab(pd.Series(["a", "b"], name="部分"), pd.Series(["x", "y"], name="类别")).to_html()
    assert header_rows(conf.reader_table(crossed)) == header_rows(crossed)
    page = f"<p>前文</p>{named}<p>后文</p>"
    assert conf.PANDAS_TABLE.sub(lambda m: conf.reader_table(m.group(0)), page).count("<tr") == 3
