"""Periods: which months a figure covers, read from the words around it.

A report states a period once and lets it stand for several figures. How far it reaches
depends on where and how it is written (see `events`):

* 2024年1~11月份(下同), and a period that opens a paragraph (元至九月,全县完成...):
  to the end of the paragraph;
* a period that opens a clause (1-10月份,全区完成...; 预计全年:...): to the end of the
  sentence, and on into sentences that begin with 其中 ("of which");
* a period joined to the figure by 的 (由二季度的第12位): that figure only;
* a period used as an adjective (三季度经济指标, 第四季度各项指标): no figure, but the
  quarter is remembered for a later 当季 ("that quarter").

Periods are written as the labels write them: 2021-01..2021-10, 2022 (a whole year),
..2024 (a total up to 2024); * where the text gives no way to tell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import value_of
from .vocab import AREAS

_CN = "[一二三四五六七八九十]"
_MONTH = rf"(?:\d{{1,2}}|{_CN}{{1,2}})"
_YEAR = r"(?:(?P<year>\d{4})\s*年|(?P<rel>今年|去年|上年|本年))?"
_QUARTERS = {"前三季度": (1, 9), "前三个季度": (1, 9), "一至三季度": (1, 9), "前两季度": (1, 6),
             "前二季度": (1, 6), "上半年": (1, 6), "下半年": (7, 12),
             "第一季度": (1, 3), "一季度": (1, 3), "第二季度": (4, 6), "二季度": (4, 6),
             "第三季度": (7, 9), "三季度": (7, 9), "第四季度": (10, 12), "四季度": (10, 12)}
_QUARTER_WORDS = "|".join(sorted(_QUARTERS, key=len, reverse=True))

PERIOD = re.compile(
    _YEAR + r"\s*(?:"
    rf"(?P<m1>元|{_MONTH})\s*(?:月份?)?\s*[-~～—–至到]\s*(?P<m2>{_MONTH})\s*月份?"
    rf"|(?P<q>{_QUARTER_WORDS})"
    r"|(?P<full>全年)"
    r"|(?P<this>当季|本季度)"
    rf"|(?P<m>{_MONTH})\s*月份?(?!\s*[\d{_CN[1:-1]}]+\s*[日号])"
    r")"
    r"|(?P<yearonly>\d{4})\s*年(?=\s*(?:[,,::]|" + "|".join(AREAS) + "))"
    r"|(?P<relonly>今年|去年)(?=\s*(?:[,,::]))")
SAME_BELOW = re.compile(r"\s*[((]\s*下同\s*[))]")
ADVERBIAL = re.compile(r"\s*(?:[,,::]|" + "|".join(AREAS) + ")")
CUMULATIVE = re.compile(r"累计|连续|历年")


@dataclass(frozen=True)
class Event:
    start: int
    end: int
    period: str
    reach: str  # "paragraph", "sentence", "next" (the next figure), "clause", "none"
    months: tuple[int, int] | None  # for 当季


def _month(text: str) -> int:
    return 1 if text == "元" else int(value_of(text))


def _span(year: int | None, first: int, last: int) -> str:
    if year is None:
        return "*"
    return f"{year}-{first:02d}..{year}-{last:02d}" if (first, last) != (1, 12) else f"{year}"


def events(text: str, start: int, end: int, year: int | None, first_sentence_end: int) -> list[Event]:
    """The period expressions of one paragraph (text[start:end]), in order."""
    out = []
    for m in PERIOD.finditer(text, start, end):
        y = year
        if m.group("year") or m.group("yearonly"):
            y = int(m.group("year") or m.group("yearonly"))
        elif (m.group("rel") or m.group("relonly")) in ("去年", "上年") and year:
            y = year - 1
        months: tuple[int, int] | None = None
        if m.group("m1"):
            months = (_month(m.group("m1")), _month(m.group("m2")))
        elif m.group("q"):
            months = _QUARTERS[m.group("q")]
        elif m.group("m"):
            months = (_month(m.group("m")),) * 2
        elif m.group("full") or m.group("yearonly") or m.group("relonly"):
            months = (1, 12)
        after = m.end()
        below = SAME_BELOW.match(text, after, end)
        if m.group("this"):
            out.append(Event(m.start(), m.end(), "", "clause", None))
            continue
        if months is None or not 1 <= months[0] <= months[1] <= 12:
            continue
        period = _span(y, *months)
        if below:
            reach = "paragraph"
        elif ADVERBIAL.match(text, after, end) or (
                m.group("full") and not re.match(r"的|目标|任务|计划", text[after:after + 2])):
            reach = "paragraph" if m.start() < first_sentence_end else "sentence"
        elif text.startswith("的", after):
            reach = "next"
        else:
            reach = "none"
        out.append(Event(m.start(), (below.end() if below else after), period, reach, months))
    return out


def quarter_period(months: tuple[int, int] | None, year: int | None) -> str:
    return _span(year, *months) if months else "*"


def cumulative(period: str, year: int | None) -> str:
    """累计 / 连续: a total up to the end of the current period (..2024)."""
    end_year = re.findall(r"\d{4}", period)
    y = end_year[-1] if end_year else (str(year) if year else None)
    return f"..{y}" if y else "*"


def infer_year(text: str) -> int | None:
    """The year the figures refer to, if the caller does not say: the year of the first
    period that names one (2024年1~11月份), else the year most often printed."""
    for m in PERIOD.finditer(text):
        if m.group("year") and (m.group("m1") or m.group("q")):
            return int(m.group("year"))
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)\s*年", text)
    if not years:
        return None
    return int(max(set(years), key=lambda y: (years.count(y), y)))
