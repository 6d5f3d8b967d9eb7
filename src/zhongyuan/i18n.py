"""Words the charts and tables share, in English and Chinese; periods and qualifiers as text."""
from __future__ import annotations

import re

LANGS = ("en", "zh")

WORDS = {
    "source": {"en": "Source", "zh": "资料来源"},
    "report": {"en": "Zhongyuan District 2024 economic work report, {date}",
               "zh": "中原区2024年经济工作报告({date})"},
    "facts": {"en": "fact ids", "zh": "事实编号"},
    "derived": {"en": "derived (not printed in the report)", "zh": "推算(报告未直接列出)"},
    "derived_short": {"en": "derived", "zh": "推算"},
    "hatched": {"en": "hatched", "zh": "斜线填充"},
    "estimate": {"en": "estimate", "zh": "预计"},
    "not_stated": {"en": "not stated", "zh": "未列出"},
    "district": {"en": "Zhongyuan District", "zh": "中原区"},
    "city": {"en": "Zhengzhou city", "zh": "郑州市"},
    "growth": {"en": "year-on-year growth", "zh": "同比增长"},
    "honours": {"en": "honours ids", "zh": "荣誉编号"},
    "entries": {"en": "entries", "zh": "项"},
    "qualifiers": {"en": "≈ about, < nearly, > over, ≥ at least, ≤ at most",
                   "zh": "≈ 左右,< 近,> 超/余,≥ 以上,≤ 至多"},
}

AREAS = {"中原区": "district", "郑州市": "city"}

# The honours table's vocabularies, for chart labels.
LEVELS = {"national": {"en": "national", "zh": "国家级"},
          "provincial": {"en": "provincial", "zh": "省级"},
          "provincial_or_municipal": {"en": "provincial or municipal", "zh": "省级或市级"},
          "municipal": {"en": "municipal", "zh": "市级"},
          "district": {"en": "district", "zh": "区级"},
          "unstated": {"en": "level not stated", "zh": "未注明级别"}}
KINDS = {"honour": {"en": "honour", "zh": "荣誉"}, "designation": {"en": "designation", "zh": "认定"},
         "ranking": {"en": "ranking", "zh": "排名"}, "milestone": {"en": "milestone", "zh": "进展"}}

# How each qualifier is marked before a number (DESIGN.md: ≈, >, <, ≥).
MARKS = {"exact": "", "about": "≈", "nearly": "<", "over": ">", "at_least": "≥", "at_most": "≤"}

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"LANG must be one of {LANGS}, not {lang!r}")
    return lang


def word(key: str, lang: str, **fmt) -> str:
    return WORDS[key][check_lang(lang)].format(**fmt)


def area(name: str, lang: str) -> str:
    return word(AREAS[name], lang)


def period_label(period: str, lang: str) -> str:
    """2024-01..2024-11 -> 'Jan–Nov 2024' / '2024年1~11月'; ..2024 -> 'cumulative to 2024'."""
    check_lang(lang)
    m = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", period)
    if m and m.group(1) == m.group(3):
        y, a, b = m.group(1), int(m.group(2)), int(m.group(4))
        return f"{_MONTHS[a - 1]}–{_MONTHS[b - 1]} {y}" if lang == "en" else f"{y}年{a}~{b}月"
    m = re.fullmatch(r"\.\.(\d{4})", period)
    if m:
        return f"cumulative to {m.group(1)}" if lang == "en" else f"截至{m.group(1)}年累计"
    if re.fullmatch(r"\d{4}", period):
        return f"year {period}" if lang == "en" else f"{period}年"
    return period


def number_label(value: float, qualifier: str = "exact", unit: str = "", decimals: int | None = None) -> str:
    """A value as a chart label: qualifier mark, number as printed, unit ('≈5%', '>200万人次')."""
    if decimals is None:
        text = f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"
    else:
        text = f"{value:.{decimals}f}"
    text = text.replace("-", "−")
    return f"{MARKS[qualifier]}{text}{unit}"
