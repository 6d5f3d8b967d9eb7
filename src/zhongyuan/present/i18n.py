"""Words the charts and tables share, in English and Chinese (from the catalogue,
words.csv); periods and qualifiers as text."""
from __future__ import annotations

import re

from ..factbase.numerals import CHINESE
from . import words

LANGS = ("en", "zh")

WORDS = words.group("chart")

# Column headers of the display tables, and the values of the status vocabulary.
COLUMNS = words.group("columns")
STATUS = words.group("status")


def column(key: str, lang: str) -> str:
    return COLUMNS[key][check_lang(lang)]


AREAS = {"中原区": "district", "郑州市": "city"}

# The honours table's vocabularies, for chart labels. Scope is what the report prints
# (全国 is a list's reach, not an awarding body's level); body kinds say who awarded.
SCOPES = words.group("scopes")
BODY_KINDS = words.group("body_kinds")
BODY_SOURCES = words.group("body_sources")  # how a body is known: named in the report, from context
KINDS = words.group("honour_kinds")

# A hedge is said in words, never a symbol (a Chinese reader takes "<8亿元" for "anything
# under 8亿"): each qualifier's template in each language (the catalogue's "hedges").
HEDGES = words.group("hedges")

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"LANG must be one of {LANGS}, not {lang!r}")
    return lang


def word(key: str, lang: str, **fmt) -> str:
    return WORDS[key][check_lang(lang)].format(**fmt)


def area(name: str, lang: str) -> str:
    return word(AREAS[name], lang)


def period_label(period: str, lang: str, basis: str | None = None, timing: str | None = None) -> str:
    """2024-01..2024-11 -> 'Jan–Nov 2024' / '2024年1~11月'; ..2024 -> 'cumulative to 2024'.

    A bare year is the whole year only where the report states it (basis 'stated'); where
    it states no period (basis 'unstated') the year is only the outer bound and says so. A
    figure at a point in time (timing 'point': a destocking cycle) has a date, not a period:
    '2024, time not stated'.
    """
    check_lang(lang)
    if basis == "unstated" and re.fullmatch(r"\d{4}", period):
        if timing == "point":
            return f"{period}, time not stated" if lang == "en" else f"{period}年（时点未注明）"
        return f"{period}, period not stated" if lang == "en" else f"{period}年（未注明时段）"
    m = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", period)
    if m and m.group(1) == m.group(3):
        y, a, b = m.group(1), int(m.group(2)), int(m.group(4))
        return f"{_MONTHS[a - 1]}–{_MONTHS[b - 1]} {y}" if lang == "en" else f"{y}年{a}~{b}月"
    m = re.fullmatch(r"\.\.(\d{4})", period)
    if m:
        return f"cumulative to {m.group(1)}" if lang == "en" else f"截至{m.group(1)}年累计"
    if re.fullmatch(r"\d{4}", period):
        if basis == "stated":
            return f"full year {period}" if lang == "en" else f"{period}年全年"
        return period if lang == "en" else f"{period}年"
    return period


def number_label(value: float, qualifier: str = "exact", unit: str = "", decimals: int | None = None,
                 lang: str = "en", printed: str | None = None) -> str:
    """A value as a label, its hedge in words: 'about 5%', 'nearly 400', 'over 200万人次';
    in Chinese the figure as the report prints it (`printed`, from the fact's quote: 近400场,
    百余项, 5%左右), else hedge words where the report puts them (近400, 10亿元以上)."""
    if check_lang(lang) == "zh" and isinstance(printed, str) and printed:  # NaN: a derived figure
        return printed
    if decimals is None or decimals != decimals:  # None, or NaN from a DataFrame column
        text = f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"
    else:
        text = f"{value:.{int(decimals)}f}"
    return HEDGES[qualifier][lang].format(number=text.replace("-", "−"), unit=unit)


def as_printed(quote: str, number: str, unit: str) -> str | None:
    """The figure exactly as the report prints it in a quote (hedge, number, 余, unit and
    trailing hedge), or None if the quote does not print it that way; number "" matches a
    Chinese numeral (百余项)."""
    figure = re.escape(number) if number else CHINESE.pattern
    m = re.search(rf"(近|超)?{figure}(余)?{re.escape(unit)}(左右|以上)?", quote)
    return m.group() if m else None


# Tables in the edition's language. The stored report text has ASCII punctuation; a Chinese
# edition shows the report's words with the full-width punctuation of print.
FULL_WIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ";": "；", ":": "："})


def aside(text: str, lang: str) -> str:
    """A parenthetical after a word: ' (text)' in English, '（text）' in Chinese."""
    return f"（{text}）" if check_lang(lang) == "zh" else f" ({text})"


def say(en, zh, lang: str):
    """The edition's words for a label or a header."""
    return zh if check_lang(lang) == "zh" else en


def full_width(table, lang: str):
    """A table's text cells and index in full-width punctuation in Chinese; English unchanged."""
    if check_lang(lang) == "en":
        return table
    fix = lambda v: v.translate(FULL_WIDTH) if isinstance(v, str) else v  # noqa: E731
    return table.map(fix).rename(index=fix)


def headed(table, en, zh, lang: str):
    """The table with its column headers in the edition's language."""
    return full_width(table.set_axis(say(en, zh, lang), axis=1), lang)
