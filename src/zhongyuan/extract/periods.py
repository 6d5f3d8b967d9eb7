"""Periods: which months a figure covers, read from the words around it.

The genre dates its figures with a small vocabulary, each resolved against a year:

* month ranges: 1-8月, 1~8月份, 1至8月, 元至八月, 年初至8月底, 前8个月 (January to August);
* quarters and halves: 一季度, 二季度, 前三季度, 四季度, 上半年, 下半年; a single month, 8月份;
* 全年 (the whole year), and a year alone used as an adverb (2021年, 全区...);
* as-of dates: 截至8月底, 8月末, 截至2022年底, 三季度末: a flow up to that date (1-8月) or a
  stock at it (..2023-08: see `Span.stock`);
* open periods: 今年以来, 年初以来, 截至目前: the end is not printed, so the period is `*`;
* relative years: 今年/本年, 去年/上年, 前年, 明年, counted from the year the text was written
  (`written_year`: its dateline, or the year of its title), not from the year of its figures:
  a 2023 work report reviewing 2022 says 今年 for 2023.

A period printed as the base of a comparison is not the figure's period: 比上年, 较2022年同期,
与去年同期相比, 比1-7月提高 (`events` skips them).

How far a period reaches depends on where and how it is written (see `events` and scan.py):

* 2024年1~11月份(下同), and a period that opens a paragraph (元至九月,全县完成...): to the end of
  the paragraph (scan.py carries it further: into a list the paragraph introduces, and into
  paragraphs that continue it);
* a period that opens a clause (1-10月份,全区完成...; 预计全年:...; 1-8月规上工业增加值...):
  to the end of the sentence, and on into sentences that begin with 其中 ("of which");
* a period joined to the figure by 的 (由二季度的第12位): that figure only;
* a period used as an adjective (三季度经济指标, 第四季度各项指标): no figure, but the
  quarter is remembered for a later 当季 ("that quarter").

Periods are written as the labels write them: 2021-01..2021-10, 2022 (a whole year),
..2024 (a total up to 2024, or a stock at its end), ..2023-08 (a stock at the end of August);
* where the text gives no way to tell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import value_of
from .vocab import AREAS, BASE_BEFORE, INDICATOR_HEADS, PERIOD_VERBS

_CN = "[一二三四五六七八九十]"
_MONTH = rf"(?:\d{{1,2}}|{_CN}{{1,2}})"
_REL = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
_QUARTERS = {"前三季度": (1, 9), "前三个季度": (1, 9), "一至三季度": (1, 9), "1-3季度": (1, 9),
             "前两季度": (1, 6), "前二季度": (1, 6), "前两个季度": (1, 6), "上半年": (1, 6),
             "下半年": (7, 12), "第一季度": (1, 3), "一季度": (1, 3), "第二季度": (4, 6),
             "二季度": (4, 6), "第三季度": (7, 9), "三季度": (7, 9), "第四季度": (10, 12),
             "四季度": (10, 12)}
_QUARTER_WORDS = "|".join(re.escape(q) for q in sorted(_QUARTERS, key=len, reverse=True))
_AREA_WORDS = "|".join(AREAS)

PERIOD = re.compile(
    # (the lookahead only fails fast where no period word can start)
    r"(?=[截\d今去上本前明元年一二三四五六七八九十第下全当以至目])"
    r"(?:(?P<upto>截至|截止到|截止至|截止)\s*)?"
    r"(?:(?:(?P<year>\d{4})\s*年|(?P<rel>今年|去年|上年|本年|前年|明年))\s*)?(?:"
    rf"(?P<m1>元|年初|{_MONTH})\s*(?:月份?)?\s*[-~～—–－至到]\s*(?P<m2>{_MONTH})\s*月份?(?P<end1>底|末)?"
    rf"|前\s*(?P<firstn>{_MONTH})\s*个?\s*月份?"
    rf"|(?P<q>{_QUARTER_WORDS})(?P<qend>末|底)?"
    r"|(?P<full>全年)"
    r"|(?P<this>当季|本季度)"
    r"|(?P<since>以来|至今)"
    r"|(?P<yend>年底|年末|(?<=年)[底末])"  # 年底; 2022年底, 今年底
    rf"|(?P<m>{_MONTH})\s*月(?P<mend>底|末|份)?(?:当月)?(?!\s*[\d{_CN[1:-1]}]+\s*[日号])"
    r")"
    r"|(?P<yearonly>\d{4})\s*年(?=\s*(?:[,,::]|" + _AREA_WORDS + "))"
    r"|(?P<relonly>今年|去年|本年|前年|明年)(?=\s*(?:[,,::]|" + _AREA_WORDS + "))"
    r"|(?P<now>截至目前|截止目前|截至当前|截至发稿时?|截至现在|目前)(?=\s*[,,])"
    r"|年初以来")
_NOT_ADVERB_AFTER_FULL = re.compile(r"的|目标|任务|计划")  # 全年目标任务: not a period
SAME_BELOW = re.compile(r"\s*[((]\s*下同\s*[))]")
ADVERBIAL = re.compile(r"\s*(?:[,,::]|" + _AREA_WORDS + ")")
# A period written straight before a verb or an indicator's name opens its clause as
# 1-8月, does (1-8月完成投资..., 上半年规上工业增加值...); before any other noun it is an
# adjective (三季度经济指标, 第四季度各项指标) and dates no figure.
OPENS_CLAUSE = re.compile(r"\s*(?:" + "|".join(PERIOD_VERBS + INDICATOR_HEADS) + ")")
BASE_AFTER = re.compile(r"\s*(?:同期|相比|相较)")
_BASE_BEFORE = re.compile("(?:" + "|".join(BASE_BEFORE) + r")\s*$")
CUMULATIVE = re.compile(r"累计|连续|历年")
# 累计 after a period is that period's total (前8个月累计完成投资 is January to August);
# 连续 and 历年 always run over years.
RUNS_OVER_YEARS = re.compile(r"连续|历年")
_DATELINE = re.compile(r"((?:19|20)\d\d)\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2})")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年[^。\n]{0,20}?(?:政府工作报告|工作报告)")


@dataclass(frozen=True)
class Span:
    """The months a period covers in one year. `asof`: written as a date (截至8月底, 8月末),
    so a stock is at its end and a flow runs from January; `open`: its end is not printed."""
    year: int | None
    first: int
    last: int
    asof: bool = False
    open: bool = False

    def flow(self) -> str:
        """The period of a figure summed over the span: 2023-01..2023-08, 2023 (whole year)."""
        if self.open or self.year is None:
            return "*"
        first = 1 if self.asof else self.first
        if (first, self.last) == (1, 12):
            return f"{self.year}"
        return f"{self.year}-{first:02d}..{self.year}-{self.last:02d}"

    def stock(self) -> str:
        """The period of a stock (a balance) at the span's end: ..2023-08, ..2023 (year end)."""
        if self.open or self.year is None:
            return "*"
        return f"..{self.year}" if self.last == 12 else f"..{self.year}-{self.last:02d}"

    def since_start(self) -> str:
        """A change since the start of the year (较年初净增) up to the span's end."""
        return Span(self.year, 1, self.last, False, self.open).flow()


@dataclass(frozen=True)
class Event:
    start: int
    end: int
    span: Span | None  # None for 当季 (the quarter last named) and an open period's reach
    reach: str  # "paragraph", "sentence", "next" (the next figure), "clause", "none"

    @property
    def period(self) -> str:
        return self.span.flow() if self.span else "*"

    @property
    def months(self) -> tuple[int, int] | None:
        return (self.span.first, self.span.last) if self.span else None


def _month(text: str) -> int:
    return 1 if text in ("元", "年初") else int(value_of(text))


def _span(year: int | None, first: int, last: int) -> str:
    return Span(year, first, last).flow()


def written_year(text: str, year: int | None) -> int | None:
    """The year the text was written, for 今年/去年: the first full date in its head
    (a dateline, a speech's date, a time stamp), else the year its title names
    (2023年政府工作报告), else `year`."""
    head = text[:400]
    m = _DATELINE.search(head) or _TITLE_YEAR.search(head)
    return int(m.group(1)) if m else year


def _resolve(m: re.Match, year: int | None, written: int | None) -> int | None:
    if m.group("year") or m.group("yearonly"):
        return int(m.group("year") or m.group("yearonly"))
    rel = m.group("rel") or m.group("relonly")
    if rel:
        base = written if written is not None else year
        return base + _REL[rel] if base is not None else None
    return year


def is_base(text: str, m: re.Match) -> bool:
    """比上年, 较2022年同期, 与去年同期相比, 高于上半年: the period a figure is compared with."""
    return bool(_BASE_BEFORE.search(text, max(0, m.start() - 4), m.start())
                or BASE_AFTER.match(text, m.end()))


def span_of(m: re.Match, year: int | None, written: int | None) -> Span | None:
    """The months of one PERIOD match, or None when it names none (当季) or is not a span."""
    y = _resolve(m, year, written)
    asof = bool(m.group("upto"))
    if m.group("since") and not (m.group("year") or m.group("rel")):
        return None  # 成立以来, 十八大以来: not a period of the figures
    if m.group(0) == "年初以来" or m.group("since") or m.group("now"):
        return Span(y, 1, 12, open=True)
    if m.group("m1"):
        first, last = _month(m.group("m1")), _month(m.group("m2"))
        asof = asof or bool(m.group("end1"))
    elif m.group("firstn"):
        first, last = 1, _month(m.group("firstn"))
    elif m.group("q"):
        first, last = _QUARTERS[m.group("q")]
        if m.group("qend"):
            asof = True
    elif m.group("m"):
        first = last = _month(m.group("m"))
        asof = asof or m.group("mend") in ("底", "末")
    elif m.group("full") or m.group("yearonly") or m.group("relonly") or m.group("yend"):
        first, last = 1, 12
        asof = asof or bool(m.group("yend"))
    elif m.group("rel") or m.group("year"):
        return None
    else:
        return None
    if not 1 <= first <= last <= 12:
        return None
    return Span(y, first, last, asof)


def events(text: str, start: int, end: int, year: int | None, first_sentence_end: int,
           written: int | None = None, spans: list | None = None) -> list[Event]:
    """The period expressions of one paragraph (text[start:end]), in order. `spans`, if
    given, receives the (start, end) of every period phrase, bases included: the numbers
    inside them (前8个月, 前三个季度) are not quantities."""
    out = []
    for m in PERIOD.finditer(text, start, end):
        if spans is not None:
            spans.append(m.span())
        if is_base(text, m):
            continue
        after = m.end()
        if m.group("this"):
            out.append(Event(m.start(), after, None, "clause"))
            continue
        span = span_of(m, year, written)
        if span is None:
            continue
        below = SAME_BELOW.match(text, after, end)
        opens = ADVERBIAL.match(text, after, end) or m.group("upto") or m.group("now") or (
            OPENS_CLAUSE.match(text, after, end) and not m.group("yearonly"))
        if below:
            reach = "paragraph"
        elif opens or (m.group("full") and not _NOT_ADVERB_AFTER_FULL.match(text, after)):
            reach = "paragraph" if m.start() < first_sentence_end else "sentence"
        elif text.startswith("的", after):
            reach = "next"
        else:
            reach = "none"
        out.append(Event(m.start(), (below.end() if below else after), span, reach))
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
    period that names one (2024年1~11月份), else the year most often printed; a year printed
    as a comparison's base (较2022年同期) votes for the year after it."""
    for m in PERIOD.finditer(text):
        if m.group("year") and (m.group("m1") or m.group("q") or m.group("firstn")) and not is_base(text, m):
            return int(m.group("year"))
    years = []
    for m in re.finditer(r"(?<!\d)((?:19|20)\d\d)\s*年", text):
        base = _BASE_BEFORE.search(text, max(0, m.start() - 4), m.start()) or BASE_AFTER.match(text, m.end())
        years.append(str(int(m.group(1)) + 1) if base else m.group(1))
    if not years:
        return None
    return int(max(set(years), key=lambda y: (years.count(y), y)))
