"""Sphinx configuration for the collection's site (one edition per build; see zhongyuan.build.site).

The edition comes from `language` (-D language=en or zh_CN). Everything the pages load is
local: no CDN, no web fonts, no widget manager.
"""
from zhongyuan.build.pages import edition_context
from zhongyuan.build.search import BigramSearch
from zhongyuan.present.words import word

project = "Zhongyuan District 2024 economic work report"
author = "the zhongyuan project"
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

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["zhongyuan.css"]
html_favicon = "_static/favicon.svg"
html_title = "Zhongyuan 2024"
html_search_language = "en"        # replaced by BigramSearch: hanzi indexed as pairs
html_copy_source = False
html_show_sourcelink = False


def setup(app):
    app.add_search_language(BigramSearch)
    app.connect("config-inited", _edition, priority=400)  # before extensions read the config


def _edition(app, config):
    context = edition_context(config.language)
    config.html_context = {"default_mode": "light", **context}
    config.html_title = context["title"]
    zh = context["edition"] == "zh"  # reading mode's toggles speak the edition's language
    lang = "zh" if zh else "en"
    config.nb_code_prompt_show = word("reading_mode", "code_show", lang)
    config.nb_code_prompt_hide = word("reading_mode", "code_hide", lang)
    config.togglebutton_hint = word("reading_mode", "hint_show", lang)
    config.togglebutton_hint_hide = word("reading_mode", "hint_hide", lang)
    config.html_theme_options = {
        "announcement": context["announcement"],
        "show_toc_level": 2,
        "use_download_button": False,
        "use_fullscreen_button": False,
    }
