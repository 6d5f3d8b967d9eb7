"""Sphinx configuration for the collection's site (one edition per build; see zhongyuan.build.site).

The edition comes from `language` (-D language=en or zh_CN). Everything the pages load is
local: no CDN, no web fonts, no widget manager.

The theme's interface speaks the edition's language. Sphinx loads the themes' own catalogues
for zh_CN (pydata-sphinx-theme's "zh", sphinx-book-theme's "zh_CN"), and they are used where
they translate a string (搜索, 亮色, 公告, 目录). Three kinds of string they leave in English,
which is why English showed on Chinese pages: strings their catalogues leave untranslated
("Color mode", "System Settings"; the book theme's catalogue has no "Search", so its search
box said "Search..."), strings the templates print without marking them for translation
(aria-label "Announcement", "Main", "Page"; the sidebar buttons' titles) and strings written
into code (myst-nb's and sphinx-togglebutton's aria-label "Toggle hidden content"). The words
for those are the `theme` group of present/words.csv (the English as the theme prints it, and
the edition's); the author in the footer is the `site` group's `author`.
"""
import gettext
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from zhongyuan.build.pages import edition_context
from zhongyuan.build.search import BigramSearch
from zhongyuan.present.words import group, word

project = "Zhongyuan District 2024 economic work report"
author = "the zhongyuan project"   # per edition: _edition
language = "en"

# No math in the notebooks, so no MathJax: a page that gained math would load it from a
# CDN, and tests/test_site.py fails on any http(s) asset.
extensions = ["myst_nb", "sphinx_exercise", "sphinx_togglebutton"]
exclude_patterns = ["_files/**", "jupyter_execute/**", "**/.ipynb_checkpoints"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}

nb_execution_mode = "off"          # zhongyuan.run executed them already
nb_ipywidgets_js = {}              # no require.js, no widgets manager from a CDN
nb_merge_streams = True
myst_heading_anchors = 3

# A list of this configuration's own: the themes add their template folders to it as they
# start, and into Sphinx's shared default they would stay there for the next build in the
# same process, whose configuration would then differ from the last one's, so that Sphinx
# wrote every page again instead of only the changed ones (tests/integration/test_incremental.py).
templates_path = []

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["zhongyuan.css"]
html_favicon = "_static/favicon.svg"
html_title = "Zhongyuan 2024"
html_search_language = "en"        # replaced by BigramSearch: hanzi indexed as pairs
html_copy_source = False
html_show_sourcelink = False

# Attributes the theme and the extensions write in English whatever the language: the
# interface words of the edition replace their values after the build (_interface).
INTERFACE_ATTRIBUTES = re.compile(r'\b(aria-label|title|placeholder)="([^"<>]*)"')
WRITTEN_IN_CODE = ("togglebutton.js",)  # sphinx-togglebutton's button, made in the browser


def setup(app):
    app.add_search_language(BigramSearch)
    app.add_post_transform(SolutionTitles)
    app.connect("config-inited", _edition, priority=400)  # before extensions read the config
    app.connect("builder-inited", _interface_catalogue)
    app.connect("builder-inited", _style_sheets_first)
    app.connect("html-page-context", _reader_tables)
    app.connect("build-finished", _interface)


class SolutionTitles(SphinxPostTransform):
    """A solution's title in the edition's word order: sphinx-exercise writes "Solution to"
    before the link to its exercise, which in Chinese reads 解答 练习 1; words.csv's
    teaching.solution_to puts the linked exercise where {exercise} stands (练习 1 参考答案)."""

    default_priority = 25  # after sphinx-exercise resolves the titles (21) and links (22)

    def run(self, **kwargs):
        from sphinx_exercise.nodes import solution_node

        before, _, after = word("teaching", "solution_to", _lang(self.config)).partition("{exercise}")
        for node in self.document.findall(solution_node):
            title = node.children[0] if node.children else None
            links = [] if title is None else [c for c in title.children if isinstance(c, nodes.reference)]
            if len(links) != 1:
                continue  # not a title with its exercise's link
            link = links[0]
            link.children = [nodes.Text(" ".join(link.astext().split()))]
            title.children = []
            for part in (nodes.Text(before) if before else None, link, nodes.Text(after) if after else None):
                if part is not None:
                    title += part
            node["title"] = title.astext()


PANDAS_TABLE = re.compile(r'<table[^>]*class="dataframe"[^>]*>.*?</table>', re.S)


def reader_table(table: str) -> str:
    """One of pandas' HTML tables as a reader reads it: the index's name in the header row
    (pandas puts it on a second header row of its own, under an empty corner), and no column
    of row numbers 0, 1, 2... (pandas' default index, which means nothing to a reader)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(table, "html.parser")
    head = soup.find("thead")
    rows = head.find_all("tr", recursive=False) if head else []
    if len(rows) == 2:
        top, names = (r.find_all(["th", "td"], recursive=False) for r in rows)
        if (top and names and not top[0].get_text(strip=True) and names[0].get_text(strip=True)
                and not any(c.get_text(strip=True) for c in names[1:])):
            top[0].string = names[0].get_text(strip=True)
            rows[1].decompose()
    body = soup.find("tbody")
    lines = body.find_all("tr", recursive=False) if body else []
    firsts = [line.find(["th", "td"], recursive=False) for line in lines]
    header = head.find("tr").find(["th", "td"], recursive=False) if head and head.find("tr") else None
    if (lines and all(f is not None and f.name == "th" for f in firsts)
            and [f.get_text(strip=True) for f in firsts] == [str(i) for i in range(len(lines))]
            and (header is None or not header.get_text(strip=True))
            and all(len(line.find_all(["th", "td"], recursive=False)) > 1 for line in lines)):
        for cell in firsts + ([header] if header is not None else []):
            cell.decompose()
    return str(soup)


def _reader_tables(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'class="dataframe"' in body:
        context["body"] = PANDAS_TABLE.sub(lambda m: reader_table(m.group(0)), body)


def _style_sheets_first(app):
    """myst-nb's and sphinx-exercise's style sheets in _static before any page is written.
    They copy them when the build has finished, so a page written in a fresh build links them
    without the checksum (?v=...) that Sphinx adds when the file is there, and the same page
    written again later links them with it: the first rebuild after a fresh build then found
    the home page changed and printed it again."""
    from myst_nb.sphinx_ext import add_global_html_resources
    from sphinx_exercise import copy_asset_files

    (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)
    copy_asset_files(app, None)


def _lang(config) -> str:
    return edition_context(config.language)["edition"]


def theme_catalogue(language: str) -> gettext.NullTranslations:
    """pydata-sphinx-theme's own catalogue for `language` (its zh one serves zh_CN)."""
    import pydata_sphinx_theme

    locale = Path(pydata_sphinx_theme.__file__).parent / "locale"
    return gettext.translation("sphinx", locale, languages=[language], fallback=True)


def interface_words(lang: str) -> dict[str, str]:
    """{the theme's English string: the edition's}, from words.csv's `theme` group."""
    return {w["en"]: w[lang] for w in group("theme").values()}


class _Words(gettext.NullTranslations):
    """A catalogue of the edition's interface words, consulted after the themes' own."""

    def __init__(self, words: dict[str, str]):
        super().__init__()
        self.words = words

    def gettext(self, message):
        return self.words.get(message, message)


def _edition(app, config):
    context = edition_context(config.language)
    config.html_context = {"default_mode": "light", **context}
    config.html_title = context["title"]
    zh = context["edition"] == "zh"  # reading mode's toggles speak the edition's language
    lang = "zh" if zh else "en"
    config.author = word("site", "author", lang)
    config.nb_code_prompt_show = word("reading_mode", "code_show", lang)
    config.nb_code_prompt_hide = word("reading_mode", "code_hide", lang)
    config.togglebutton_hint = word("reading_mode", "hint_show", lang)
    config.togglebutton_hint_hide = word("reading_mode", "hint_hide", lang)
    config.html_theme_options = {
        "announcement": context["announcement"],
        "show_toc_level": 2,
        "use_download_button": False,
        "use_fullscreen_button": False,
        # the book theme would say translation("Search") + "..." from its own catalogue,
        # which has no Chinese "Search"; pydata-sphinx-theme's has (搜索)
        "search_bar_text": theme_catalogue(config.language).gettext("Search") + "…",
    }


def _interface_catalogue(app):
    """The edition's words behind the themes' catalogues: a string they translate keeps
    their translation, one they leave in English gets ours."""
    if _lang(app.config) != "en":
        app.translator.add_fallback(_Words(interface_words(_lang(app.config))))


def _interface(app, exception):
    """Interface strings the theme's templates and the extensions' code write in English
    (no catalogue is asked for them), in the edition's language: the themes' translation
    where their catalogues have one (公告), else the edition's word."""
    if exception is not None or _lang(app.config) == "en" or app.builder.format != "html":
        return
    known = interface_words(_lang(app.config))

    def said(match):
        text = match.group(2)
        if text not in known and app.translator.gettext(text) == text:
            return match.group(0)
        return f'{match.group(1)}="{app.translator.gettext(text)}"'

    out = Path(app.outdir)
    for path in [*out.rglob("*.html"), *(out / "_static" / name for name in WRITTEN_IN_CODE)]:
        if not path.is_file() or "_sources" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        new = INTERFACE_ATTRIBUTES.sub(said, text)
        if new != text:
            path.write_text(new, encoding="utf-8")
