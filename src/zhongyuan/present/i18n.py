"""Words the charts and tables share, in English and Chinese; periods and qualifiers as text."""
from __future__ import annotations

import re

LANGS = ("en", "zh")

WORDS = {
    "source": {"en": "Source", "zh": "资料来源"},
    "report": {"en": "Zhongyuan District 2024 economic work report, {date}",
               "zh": "中原区2024年经济工作报告（{date}）"},
    "facts": {"en": "fact ids", "zh": "事实编号"},
    "derived": {"en": "derived (not printed in the report)", "zh": "推算（报告未直接列出）"},
    "derived_short": {"en": "derived", "zh": "推算"},
    "hatched": {"en": "hatched", "zh": "斜线填充"},
    "estimate": {"en": "estimate", "zh": "预计"},
    "not_stated": {"en": "not stated", "zh": "未列出"},
    "district": {"en": "Zhongyuan District", "zh": "中原区"},
    "city": {"en": "Zhengzhou city", "zh": "郑州市"},
    "growth": {"en": "year-on-year growth", "zh": "同比增长"},
    "honours": {"en": "honours ids", "zh": "荣誉编号"},
    "entries": {"en": "entries", "zh": "项"},
    "reading": {"en": "† an open question of the readings register bears on this figure: "
                      "what it covers, overlaps or is credited with (data/readings.csv)",
                "zh": "† 该数值涉及解读登记表中的未决问题：涵盖范围、是否重叠或归功于何者（见data/readings.csv）"},
    "context_body": {"en": "body known from context", "zh": "评定机构据背景资料"},
    "qualifiers": {"en": "≈ about, < nearly, > over, ≥ at least, ≤ at most",
                   "zh": "≈ 左右，< 近，> 超/余，≥ 以上，≤ 至多"},
}

# Column headers of the display tables, and the values of the status vocabulary.
COLUMNS = {
    "figure": {"en": "figure", "zh": "数值"}, "what": {"en": "what", "zh": "指标"},
    "area": {"en": "area", "zh": "地区"}, "period": {"en": "period", "zh": "时段"},
    "status": {"en": "status", "zh": "数据性质"}, "readings": {"en": "open readings", "zh": "待解读问题"},
    "quote": {"en": "the report's words", "zh": "报告原文"}, "note": {"en": "note", "zh": "说明"},
    "who": {"en": "who", "zh": "对象"}, "what_honour": {"en": "what", "zh": "内容"},
    "kind": {"en": "kind", "zh": "类别"}, "scope": {"en": "scope word as printed", "zh": "报告原词"},
    "scope_class": {"en": "scope (our classification)", "zh": "范围（本项目归类）"},
    "body": {"en": "awarding body", "zh": "授予或评定机构"},
    "term": {"en": "term", "zh": "术语"}, "pinyin": {"en": "pinyin", "zh": "拼音"},
    "term_en": {"en": "English", "zh": "英文"}, "explanation": {"en": "explanation", "zh": "释义"},
}
STATUS = {"actual": {"en": "actual", "zh": "实际数"}, "estimate": {"en": "estimate", "zh": "预计数"}}


def column(key: str, lang: str) -> str:
    return COLUMNS[key][check_lang(lang)]


AREAS = {"中原区": "district", "郑州市": "city"}

# The honours table's vocabularies, for chart labels. Scope is what the report prints
# (全国 is a list's reach, not an awarding body's level); body kinds say who awarded.
SCOPES = {"national": {"en": "national", "zh": "国家层面"},
          "provincial": {"en": "provincial", "zh": "省级层面"},
          "provincial_or_municipal": {"en": "provincial or municipal", "zh": "省级或市级"},
          "municipal": {"en": "municipal", "zh": "市级层面"},
          "district": {"en": "district", "zh": "区内"},
          "unstated": {"en": "scope not stated", "zh": "未注明范围"}}
BODY_KINDS = {"government": {"en": "a government body", "zh": "政府部门"},
              "party": {"en": "a Party body", "zh": "党的机关"},
              "media": {"en": "a media group", "zh": "媒体机构"},
              "consultancy": {"en": "a consultancy", "zh": "咨询机构"},
              "not_stated": {"en": "awarding body not stated", "zh": "未注明评定机构"},
              "none": {"en": "nothing awarded (events, milestones)", "zh": "非评选（活动、进展）"}}
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


def period_label(period: str, lang: str, basis: str | None = None) -> str:
    """2024-01..2024-11 -> 'Jan–Nov 2024' / '2024年1~11月'; ..2024 -> 'cumulative to 2024'.

    A bare year is the whole year only where the report states it (basis 'stated'); where
    it states no period (basis 'unstated') the year is only the outer bound and says so.
    """
    check_lang(lang)
    if basis == "unstated" and re.fullmatch(r"\d{4}", period):
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


def number_label(value: float, qualifier: str = "exact", unit: str = "", decimals: int | None = None) -> str:
    """A value as a chart label: qualifier mark, number as printed, unit ('≈5%', '>200万人次')."""
    if decimals is None or decimals != decimals:  # None, or NaN from a DataFrame column
        text = f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"
    else:
        text = f"{value:.{int(decimals)}f}"
    text = text.replace("-", "−")
    return f"{MARKS[qualifier]}{text}{unit}"


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
