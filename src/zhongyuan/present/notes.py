"""The register's questions and outside context, as a reader meets them in a notebook.

    notes.reading("concerts_among_events", LANG)   # the question, the readings, what we do
    notes.context("four_centres_venues", LANG)     # labelled: not from the report
    notes.readings_table(LANG)                     # the whole register

Context is set apart from the report's own words: it is a blockquote that begins with its
label, so a page or a slide can never pass it off as the report.
"""
from __future__ import annotations

import pandas as pd

from ..factbase.load import load_context, load_readings
from . import words
from .i18n import check_lang

LABELS = words.group("register")
_ZH_LETTERS = dict(zip("ABCDE", "甲乙丙丁戊"))


def _label(key: str, lang: str) -> str:
    return LABELS[key][check_lang(lang)]


def _used(row: pd.Series, lang: str) -> str:
    if row["used"] == "none":
        return _label("none", lang)
    return row["used"] if lang == "en" else _ZH_LETTERS[row["used"]]


def context(id_: str, lang: str):
    """One row of data/context.csv as a labelled blockquote (Markdown output)."""
    from IPython.display import Markdown

    row = load_context().loc[id_]
    text = row["context_en"] if lang == "en" else row["context_zh"]
    basis = row["basis_zh"] if lang == "zh" else row["basis"]
    stop, sep = ("。", "：") if lang == "zh" else (".", ": ")
    return Markdown(f"> **{_label('context', lang)}{stop}** {text}\n>\n> *{_label('basis', lang)}{sep}{basis}*")


def reading(id_: str, lang: str):
    """One question of the readings register as Markdown: the words, the question, the
    readings and what the collection does."""
    from IPython.display import Markdown

    r = load_readings().loc[id_]
    zh = lang == "zh"
    sep = "：" if zh else ": "
    return Markdown(
        f"> **{_label('reading', lang)}** (`{id_}`){sep}“{_inner(r['quote'], zh)}”\n>\n"
        f"> {r['question_zh'] if zh else r['question']}\n>\n"
        f"> {r['readings_zh'] if zh else r['readings']}\n>\n"
        f"> *{_label('used', lang)}{sep}{_used(r, lang)}{'。' if zh else '. '}{r['why_zh'] if zh else r['why']}*")


def _inner(quote: str, zh: bool) -> str:
    """A quote set inside “…”: Chinese turns its own inner quotation marks to ‘…’."""
    return quote.replace("“", "‘").replace("”", "’") if zh else quote


def readings_table(lang: str) -> pd.DataFrame:
    """The whole register for display, in the edition's language."""
    r = load_readings()
    zh = lang == "zh"
    heads = [words.word("register_columns", k, check_lang(lang))
             for k in ("quote", "question", "readings", "used", "why", "affects")]
    out = pd.DataFrame({
        heads[0]: r["quote"],
        heads[1]: r["question_zh"] if zh else r["question"],
        heads[2]: r["readings_zh"] if zh else r["readings"],
        heads[3]: [_used(row, lang) for _, row in r.iterrows()],
        heads[4]: r["why_zh"] if zh else r["why"],
        heads[5]: r["affects"].str.replace(";", ", "),
    }, index=r.index)
    return out
