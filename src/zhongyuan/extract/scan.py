"""One pass over a text: every printed quantity with its meaning (see quantities())."""
from __future__ import annotations

import re
from bisect import bisect_right

from . import periods
from .numbers import FIGURE, UNIT, base_of, is_arabic, split_multiplier, value_of
from .vocab import (
    AFTER,
    AREAS,
    BASE_UNITS,
    BEFORE,
    CATEGORY_NOUNS,
    CHENG_VALUE,
    CHENG_WORDS,
    CHINESE_MEASURE,
    CONTINUATION,
    DECLINE,
    ESTIMATE,
    GROWTH,
    INSIDE,
    LEAD_WORDS,
    RANK_CONTEXT,
    REACHED,
    SHARE_UNITS,
    STOCK_WORDS,
    TARGET,
    TRAIL_WORDS,
)

COLUMNS = ["start", "end", "number", "value", "unit", "qualifier", "period", "status", "measure",
           "subject", "area", "quote", "period_basis"]

_CJK = re.compile(r"[\u3400-\u9fff]")
# Not quantities: dates, years, and what stands inside quotation marks or a title (slogans,
# names of campaigns and documents: “1339”战略, 《十六条政策措施》).
_CLOCK = r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"  # a time stamp after a date: 2025-04-15 14:43
_BLOCKED = re.compile(
    r"(?=[\d“‘《「『\"])"  # (fails fast where none of these can start)
    r"(?:\d{4}\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2}" + _CLOCK +
    r"|(?<!\d)(?:1[89]|20|21)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号]" + _CLOCK + r")?)?"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*[日号]" + _CLOCK +
    r"|“[^“”\n]{0,40}”|‘[^‘’\n]{0,40}’|《[^《》\n]{0,60}》|「[^「」\n]{0,40}」|『[^『』\n]{0,40}』"
    r'|"[^"\n]{0,40}")')
# Rarer frames, each looked for only in a text that has its key word: read counts (阅读量:
# 1.2万), anniversaries (建党100周年: a date), 两位数 (double-digit: the number of digits, not
# a figure), and campaigns named by their length (决战100天, 大干一百天, 30天攻坚行动).
_CN_COUNT = "(?:\\d+|[一二三四五六七八九十百]+)"
_FRAMES = [
    (("浏览", "阅读", "点击", "访问"), re.compile(r"(?:浏览|阅读|点击|访问)(?:量|次数|数)?\s*[::]?\s*\d[\d.,]*\s*万?")),
    (("周年",), re.compile(_CN_COUNT + r"\s*周年")),
    (("位数",), re.compile(r"[一二两三四五六七八九十\d]\s*位数")),
    (("决战", "冲刺", "大干", "奋战", "鏖战", "会战", "决胜"),
     re.compile(r"(?:决战|冲刺|大干|奋战|鏖战|会战|决胜)\s*" + _CN_COUNT + r"\s*[天日]")),
    (("攻坚", "行动", "会战", "冲刺", "竞赛"),
     re.compile(_CN_COUNT + r"\s*[天日]\s*(?:攻坚|行动|会战|大会战|冲刺|专项行动|竞赛)")),
]
_SENTENCE_END = re.compile(r"[。!?!?]+")
# Stocks, counted at a date: balances (余额) and totals on the books; a change of a stock
# since the start of the year (较年初净增) is a flow from January.
_STOCK = re.compile("|".join(STOCK_WORDS))
_FLOW_OF_STOCK = re.compile(r"新增|净增|增加|减少|新登记|新设立|新注册")
_SINCE_START = re.compile(r"(?:较|比|与)\s*年初")
_MORE_OR_LESS = re.compile(r"(?:多增|少增|多减|少减)\s*$")
_PERIOD_KIND = re.compile("连续|历年|累计|年初|" + "|".join(STOCK_WORDS))
# A clause that is only a change (同比增长 before its figure) speaks of the figure before it.
_BARE_CHANGE = re.compile(r"\s*(?:同比|环比|比上年|较上年|比去年|较去年)?\s*(?:增长|下降|增加|减少|提高|回落)了?\s*$")
_RUNS_ON = ",,;;、"
_OF_WHICH = re.compile(r"\s*其中")
# A paragraph that goes on with the one before it (其中, 同时, 分行业看...): the period in
# force at the end of that paragraph still holds. Any other paragraph starts a new subject.
_CONTINUES = re.compile(r"\s*(?:" + "|".join(CONTINUATION) + r"|从[^,,。]{1,8}看|分[^,,。]{1,6}看)")
# The marker of a list item (1. / (1) / ① / (一) / 一、 / 一是 / 第一,).
_ITEM = re.compile(r"\s*(?:[((]?\d{1,2}[))、.．]|[((][一二三四五六七八九十]{1,3}[))]|[一二三四五六七八九十]{1,3}[、是]"
                   r"|[①②③④⑤⑥⑦⑧⑨⑩]|第[一二三四五六七八九十]{1,3}[,,、是])")
_CLAUSE_END = re.compile(r"[,,;;::。!?!?\n]")
_QUALIFIER_BEFORE = re.compile("(?:" + "|".join(sorted(BEFORE, key=len, reverse=True)) + r")了?$")
_AT_LEAST_BEFORE = re.compile(r"至少$")
_DECLINE = re.compile("(?:" + "|".join(DECLINE) + r")了?\s*$"
                      r"|低于(?:" + "|".join(AREAS) + r")?(?:平均水平|平均)?\s*$")
_GROWTH = re.compile("|".join(GROWTH))
_RATE = re.compile(r"(?<!增长)率|占比|比重|占|计划的|目标的|任务的")
# 个百分点 after 同比增长 is a growth rate printed in points (当季同比增长15.4个百分点); after
# anything else (高于全市, 提高, 收窄, 拉动) it is a difference between two rates.
_GROWTH_POINTS = re.compile(r"(?:同比|环比)(?:增长|下降)了?\s*$")
_RANK_BEFORE = re.compile("(?:" + "|".join(RANK_CONTEXT) + r")[^,,;;。]{0,2}$")
# 这一, 每一, 统一, 过去一年, 近一年: words and phrases, not counts.
_NOT_A_COUNT_BEFORE = re.compile(r"(?:[这那每同统唯之任某哪]|过去|近)$")
# Shares of a whole printed as a ratio: 三次产业结构比为14.6:42.7:42.7 is one figure (its
# first part the value, the whole ratio its number as printed).
_RATIO_CHAIN = re.compile(r"\d+(?:\.\d+)?(?:\s*[::︰]\s*\d+(?:\.\d+)?)+")
_SHARED_UNIT = re.compile(r"[、和与及]\s*(?:[一二三四五六七八九十]|[\d.])+\s*(%|％|个百分点)")
_CHENG_WORD = re.compile(f"[{CHENG_WORDS}]")
_AREA = re.compile("|".join(AREAS))
_LEAD = re.compile("^(?:" + "|".join(sorted(LEAD_WORDS, key=len, reverse=True)) + ")+")
_TRAIL = re.compile("(?:" + "|".join(sorted(TRAIL_WORDS, key=len, reverse=True)) + ")+$")
_ESTIMATE = re.compile("|".join(ESTIMATE))
# What may stand before a word that leads its sentence: places, period words, connectives.
_LEADS = re.compile(r"(?:[\s,,;;::。!?]|其中|同时|此外|另外|经测算|据测算|" + "|".join(AREAS)
                    + r"|全年|今年|本年|明年|上半年|下半年|[一二三四]季度|前三季度)*$")
_ITEM_END = re.compile(r"[;;]")
_NOT_WORDS = re.compile(r"[\s“”‘’\"《》()()]")
_NOUN_AFTER = re.compile(r"[\u3400-\u9fff“”]{1,12}")
_VERB_AFTER_NOUN = re.compile(r"完成|实现|建成|复工|具备|签订|喜获|落实")
_NOT_A_FIGURE_AFTER = re.compile(r"来|以来|性")
_CN_DIGIT = re.compile("[零〇一二两三四五六七八九]")
_YEARS = re.compile(r"\d{4}")
_IN_PARENS = re.compile(r"(?:" + "|".join(AREAS) + r")\s*[((]\s*$")
_YEAR_WORD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?![\d一二三四五六七八九十元]{1,2}\s*[-~～—–至到月])")
_ARABIC_FIGURE = re.compile(r"\d[\d.,]*\s?(?:" + UNIT + r")?(?:左右|及?以上|以内|及?以下)?[)）]?")
# 目标 alone is not enough: 完成全年目标任务, 实现了合格县的目标 report what was done.
_TARGET = re.compile("|".join(TARGET) + r"|目标[是为::]")
# A threshold names a category, it is not a figure: 5000万元以上项目 (projects of 50 million
# yuan and more), 年营收2000万元及以上的企业, 60岁以上老人, 超10亿元项目. An amount followed by
# 以上/以下 (or after 超) and then, within a few characters, by the noun of what it sorts.
_THRESHOLD_AFTER = re.compile(r"(?:\s*(?:及|\(含\)|（含）)?\s*(?:以上|以下))?\s*的?[^,,;;。:!?、\d\s]{0,8}?(?:"
                              + "|".join(CATEGORY_NOUNS) + ")")
_OVER_BEFORE = re.compile(r"(?:超|超过|过)$")
# A figure followed by 的...目标 (突破500亿元的目标, 增长8%左右的预期目标) is a target itself,
# unless its sentence says the target was reached (实现了, 提前...完成): then it is an actual.
_OF_TARGET = re.compile(r"\s*的[^,,;;。:!?\d]{0,6}?目标")
_REACHED = re.compile("|".join(REACHED))
# The year a target is set for: a year named earlier in its sentence (到2025年), the end of a
# five-year plan (“十四五”末: 2025), or 明年.
_TARGET_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?![\d一二三四五六七八九十元]{1,2}\s*[-~～—–至到月])"
                          r"|十([一二三四五六七八九])五[”\"]?\s*(?:规划)?(?:末|期末|时期末|收官)|(今年|明年)")
_CN_ONES = "一二三四五六七八九"
# A deadline in the future (到2025年, 到“十四五”末) makes the figures after it targets for that year.
_DEADLINE = re.compile(r"到\s*(?:((?:19|20)\d\d)\s*年(?![\d一二三四五六七八九十]{1,2}\s*月)"
                       r"|[“\"]?十([一二三四五六七八九])五[”\"]?\s*(?:规划)?(?:末|期末|时期末))")


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Where no figure stands: dates, quotes and the frames, as disjoint sorted spans."""
    spans = [m.span() for m in _BLOCKED.finditer(text)]
    extra = [m.span() for keys, pattern in _FRAMES if any(k in text for k in keys)
             for m in pattern.finditer(text)]
    if not extra:
        return spans
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans + extra):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: a line with text, as these texts are stored, joined
    to the next when it breaks off inside a sentence (after , ; or 、: a list of figures
    copied across lines is one sentence)."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().rstrip()
        if not line.strip():
            continue
        if out and text[out[-1][0]:out[-1][1]].rstrip()[-1] in _RUNS_ON:
            out[-1] = (out[-1][0], m.start() + len(line))
        else:
            out.append((m.start(), m.start() + len(line)))
    return out


def _qualifier(before: str, inside: str, after: str) -> str:
    if after:
        return AFTER[after]
    if inside:
        return INSIDE[inside]
    m = _QUALIFIER_BEFORE.search(before)
    if m:
        return BEFORE[m.group().rstrip("了")]
    return "at_least" if _AT_LEAST_BEFORE.search(before) else "exact"


def _measure(unit: str, rank: bool, before: str) -> str:
    """The kind of figure, from its unit and the words just before it."""
    if rank:
        return "ranking"
    _, base = base_of(unit)
    kind = BASE_UNITS.get(base, ("", ""))[0] if base else ("" if not unit else "money")
    if base in ("%", "％", "‰", "成"):
        growth = [m.end() for m in _GROWTH.finditer(before)]
        rate = [m.end() for m in _RATE.finditer(before)]
        return "growth" if growth and (not rate or growth[-1] > rate[-1]) else "rate"
    if _SINCE_START.search(before) and kind in ("money", "count", "area", "physical"):
        return "gap"  # 较年初净增25亿元: a change since January, not a level
    if _MORE_OR_LESS.search(before):
        return "gap"  # 同比多增10亿元: how much more than a year before
    if kind == "ratio_difference":
        return "growth" if _GROWTH_POINTS.search(before) else "gap"
    if kind in ("money", "area", "physical"):
        return "level"
    if kind in ("count", "duration"):
        return kind
    return "other"


def _period_of(span: periods.Span | None, before: str, basis: str, after_stock: bool) -> str | None:
    """The period of one figure from the span in force, by what the figure is: a stock at
    the span's end (余额: ..2023-08), a change since the start of the year (较年初净增:
    2023-01..2023-08), a running total (累计 with no period in force, 连续, 历年: None, for
    the caller to make cumulative), else a flow over the span (2023-01..2023-08)."""
    if span is None:
        return "*"
    if not after_stock and not _PERIOD_KIND.search(before):
        return span.flow()  # the common case: nothing in the clause changes the kind
    if periods.RUNS_OVER_YEARS.search(before):
        return None
    if "累计" in before and basis == "unstated":
        return None
    if _SINCE_START.search(before):
        return span.since_start()
    if _STOCK.search(before) and not _FLOW_OF_STOCK.search(before):
        return span.stock()
    if after_stock and _BARE_CHANGE.match(before):
        return span.stock()  # 各项存款余额320亿元,同比增长10%: the growth of that balance
    if "累计" in before and (span.first, span.last) == (1, 12) and not span.asof and basis == "carried":
        return None  # a full year carried from far off does not date a running total
    return span.flow()


def _estimate_end(text: str, pos: int, sentence_ends: list[int], p_start: int) -> int:
    """Where the scope of 预计 at pos ends: its sentence's end if it leads the sentence
    (预计全年:..., 全县预计...), else the end of its list item (the next ; in the sentence)."""
    k = bisect_right(sentence_ends, pos)
    s_start = sentence_ends[k - 1] if k else p_start
    s_end = sentence_ends[k] if k < len(sentence_ends) else sentence_ends[-1]
    if _LEADS.match(text, s_start, pos):
        return s_end
    item = _ITEM_END.search(text, pos, s_end)
    return item.start() if item else s_end


def _target_year(m: re.Match, written: int | None) -> int | None:
    """The year of a _TARGET_YEAR or _DEADLINE match."""
    if m.group(1):
        return int(m.group(1))
    if m.group(2):  # the N-th five-year plan ends in 1955 + 5N (十四五: 2025)
        return 1955 + 5 * (10 + _CN_ONES.index(m.group(2)) + 1)
    if m.re is _DEADLINE or not written:
        return None
    return written + (m.group(3) == "明年")


def _cut(text: str, a: int, b: int, spans) -> str:
    """text[a:b] without the spans given (sorted by start): dates, quotes, period words."""
    out, pos = [], a
    for s, e in spans:
        if e <= pos or s >= b:
            continue
        if s > pos:
            out.append(text[pos:s])
        pos = e
    if pos < b:
        out.append(text[pos:b])
    return "".join(out)


def _subject(words: str, after: str, measure: str) -> str:
    """What is measured: the words before the figure (dates, quotes and period words cut
    out), less verbs, places and hedges; for a count printed before its noun (27个省市重点
    项目), the words after it."""
    words = _ARABIC_FIGURE.split(words)[-1]  # after the last figure of the clause
    words = _NOT_WORDS.sub("", words).lstrip("、")
    words = _LEAD.sub("", words)
    words = _TRAIL.sub("", words)
    words = _QUALIFIER_BEFORE.sub("", words)
    if not words and measure == "count":
        m = _NOUN_AFTER.match(after)
        words = _TRAIL.sub("", m.group()) if m else ""
        words = _VERB_AFTER_NOUN.split(words)[0]
    return words


class _Walk:
    """The periods one paragraph states, walked in order up to each figure (see periods.py
    for how far each reaches)."""

    def __init__(self, text, evs, sentence_ends, clause_ends, year):
        self.text, self.evs, self.year = text, evs, year
        self.sentence_ends, self.clause_ends = sentence_ends, clause_ends
        self.para = self.sent = self.next = self.clause = None  # (period, where it was stated)
        self.last_quarter = None
        self.sentence = -1
        self.i = 0

    def to(self, pos: int, s_i: int, s_start: int) -> None:
        if s_i != self.sentence:
            if self.sentence >= 0 and not _OF_WHICH.match(self.text, s_start):
                self.sent = None
            self.sentence = s_i
        evs = self.evs
        while self.i < len(evs) and evs[self.i].end <= pos:
            ev = evs[self.i]
            ev_s = bisect_right(self.sentence_ends, ev.start)
            ev_c = bisect_right(self.clause_ends, ev.start - 1)
            if ev.months and ev.months[1] - ev.months[0] == 2 and ev.months[0] % 3 == 1:
                self.last_quarter = ev.months
            if ev.reach == "paragraph":
                self.para, self.sent = (ev.span, ev_s), None
            elif ev.reach == "sentence":
                # kept only for a figure of its own sentence (and the 其中 sentences after it)
                self.sent = (ev.span, ev_s) if ev_s == s_i else None
            elif ev.reach == "next":
                self.next = (ev.span, ev_c)
            elif ev.reach == "clause":
                quarter = self.last_quarter
                self.clause = (periods.Span(self.year, *quarter) if quarter else None, ev_c)
            self.i += 1

    def period(self, c_i: int, s_i: int) -> tuple[bool, periods.Span | None, str]:
        """(stated, span, basis) for a figure in clause c_i of sentence s_i; stated is
        False when the paragraph has stated no period so far (a span of None is `*`)."""
        if self.next and self.next[1] == c_i:
            span, self.next = self.next[0], None
            return True, span, "stated"
        if self.clause and self.clause[1] == c_i:
            return True, self.clause[0], "stated"
        if self.sent:
            return True, self.sent[0], "stated"
        if self.para:
            return True, self.para[0], ("stated" if self.para[1] == s_i else "carried")
        return False, None, "unstated"

    def at_end(self, s_last: int) -> tuple[bool, periods.Span | None]:
        """The period in force after the paragraph's last sentence."""
        if self.sent and self.sent[1] == s_last:
            return True, self.sent[0]
        return (True, self.para[0]) if self.para else (False, None)


def scan(text: str, year: int | None = None) -> list[dict]:
    """Every printed quantity of `text`, one dict per figure (see COLUMNS)."""
    year = year or periods.infer_year(text)
    written = periods.written_year(text, year)
    default = periods.Span(year, 1, 12) if year else None
    blocked = _blocked_spans(text)
    blocked_starts = [s for s, _ in blocked]
    ratios = [m.span() for m in _RATIO_CHAIN.finditer(text)]
    ratio_starts = [a for a, _ in ratios]
    rows: list[dict] = []
    article = title = None  # the period the article's title or first sentence states
    lead_seen = opens_list = in_list = False
    carried = None  # the period in force at the end of the paragraph before
    list_status = None  # the status a list head gives its items
    for p_start, p_end in _paragraphs(text):
        sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text, p_start, p_end)] + [p_end]
        clause_ends = [m.start() for m in _CLAUSE_END.finditer(text, p_start, p_end)] + [p_end]
        phrases: list[tuple[int, int]] = []
        evs = periods.events(text, p_start, p_end, year, sentence_ends[0], written, phrases)
        # Status marks: (where, what, where its scope ends). A target's words reach to the end
        # of their sentence; 预计 covers the whole sentence it leads, else only its list item
        # (to the next ;): 居民收入预计4.6万元,增长10%;失业率2.3% (the last is an actual).
        status_marks = sorted(
            [(m.start(), "estimate", _estimate_end(text, m.start(), sentence_ends, p_start))
             for m in _ESTIMATE.finditer(text, p_start, p_end)]
            + [(m.start(), "target", p_end) for m in _TARGET.finditer(text, p_start, p_end)]
            + [(m.start(), "target", p_end) for m in _DEADLINE.finditer(text, p_start, p_end)
               if year and _target_year(m, written) > year])
        walk = _Walk(text, evs, sentence_ends, clause_ends, year)
        # What this paragraph carries where it states nothing: the period in force at the end
        # of the paragraph before, if this one goes on with it (其中..., or an item of a list
        # that paragraph introduced); else the article's period; else the year, unstated.
        list_item = opens_list or (in_list and _ITEM.match(text, p_start))
        goes_on = carried is not None and (list_item or _CONTINUES.match(text, p_start))
        if opens_list:
            in_list = bool(_ITEM.match(text, p_start))
        elif not (in_list and _ITEM.match(text, p_start)):
            in_list = False
        if list_item and list_status:  # 预计全年: then the list: the items are estimates
            status_marks.insert(0, (p_start, list_status, p_end))
        head = article if lead_seen else title  # a title's period dates the lead too
        if goes_on:
            fallback = (carried[1], "carried")
        elif head is not None:
            fallback = (head[1], "carried")
        else:
            fallback = (default, "unstated")
        current_sentence = -1
        sentence_rows: list[dict] = []
        ratio_end = 0
        for m in FIGURE.finditer(text, p_start, p_end):
            start = m.start("rank") if m.group("rank") else m.start("num")
            num, unit = split_multiplier(m.group("num"), m.group("unit") or "")
            if _inside(blocked, blocked_starts, m.start("num")) or (phrases and any(
                    a <= m.start("num") < b for a, b in phrases)):
                continue
            s_i = bisect_right(sentence_ends, m.start("num"))
            c_i = bisect_right(clause_ends, m.start("num") - 1)
            s_start = sentence_ends[s_i - 1] if s_i else p_start
            c_start = (clause_ends[c_i - 1] + 1) if c_i else p_start
            c_start = max(c_start, s_start)
            c_end = clause_ends[c_i] if c_i < len(clause_ends) else p_end
            before = text[c_start:start]
            after_pos = m.end()
            rank = bool(m.group("rank"))
            arabic = is_arabic(num)
            # Is it a figure at all?
            if rank:
                if unit not in ("", "位", "名"):
                    continue
                nxt = text[after_pos:after_pos + 1]
                if unit != "位" and (_CJK.match(nxt) or not _RANK_BEFORE.search(text[c_start:start])):
                    continue
            elif not arabic:
                has_digit = _CN_DIGIT.search(num)
                if (unit not in CHINESE_MEASURE or (_NOT_A_COUNT_BEFORE.search(before) and not (
                        unit == "成" and before.endswith("近")))  # 近一年 is a phrase, 近九成 a share
                        or (not has_digit and not m.group("inside"))
                        or _NOT_A_FIGURE_AFTER.match(text, after_pos)):
                    continue
            elif not unit:
                # A bare number: a list number, a code, a year; but 7.8、9.2% share a unit,
                # and a ratio (0.4:35.8:63.8) is one figure, read at its first part.
                shared = _SHARED_UNIT.match(text, m.end(), m.end() + 12)
                r_i = bisect_right(ratio_starts, m.start()) - 1
                if shared:
                    unit = shared.group(1)
                elif r_i < 0 or ratios[r_i][1] <= m.start() or ratios[r_i][0] != m.start():
                    continue
                else:
                    ratio_end = ratios[r_i][1]
            if unit == "成" and (len(num) > 1 and not arabic or _CHENG_WORD.match(text, m.end("unit"))):
                continue  # 成立, 成为, 一成不变, 三五成群: words, not proportions
            if unit and unit not in SHARE_UNITS and (
                    m.group("after") in ("以上", "以下") or _OVER_BEFORE.search(before)
                    or text.startswith(("及以上", "及以下", "(含)以上"), m.end())):
                if _THRESHOLD_AFTER.match(text, m.end()):
                    continue  # 5000万元以上项目投资: a category, not an amount
            # Period: what the paragraph states up to this figure, else what it carries.
            walk.to(start, s_i, s_start)
            if s_i != current_sentence:
                current_sentence, sentence_rows = s_i, []
                last_stock = -1
            stated, span, basis = walk.period(c_i, s_i)
            if not stated:
                span, basis = fallback
            period = _period_of(span, before, basis, last_stock == s_i)
            if period is None:  # 累计 with no period of its own: a running total
                period, basis = periods.cumulative(span.flow() if span else "*", year), "cumulative"
            # Status: 预计 / 力争 earlier in the sentence; a year after the report's, a target.
            status = "actual"
            for pos, mark, until in status_marks:
                if s_start <= pos < start < until:
                    status = mark
            if status == "actual" and _OF_TARGET.match(text, m.end()) and not _REACHED.search(text, s_start, start):
                status = "target"
            years = _YEARS.findall(period)
            if year and years and int(years[0]) > year:
                status = "target"
            elif status == "target" and year and basis in ("unstated", "carried"):
                # 2013年的主要预期目标是:..., 到“十四五”末: a target's own year, named earlier
                ahead = [y for y in (_target_year(t, written) for t in _TARGET_YEAR.finditer(text, s_start, start))
                         if y and y > year]
                if ahead:
                    period, basis = str(ahead[0]), "stated"
                elif written and written > year and basis == "unstated":
                    period = str(written)  # a work report's plans are for the year it is given in
            # What it is.
            bare_before = before[:len(before)]
            qualifier = _qualifier(bare_before, m.group("inside") or "", m.group("after") or "")
            measure = _measure(unit, rank, before)
            in_parens = _IN_PARENS.search(before)
            if in_parens and measure in ("growth", "rate"):
                earlier = [r for r in sentence_rows if r["unit"] == unit]
                if earlier:
                    measure = earlier[-1]["measure"]
            value = value_of(num) * (CHENG_VALUE if unit == "成" else 1)
            printed_minus = before.endswith(("-", "−")) and not before[-2:-1].isdigit()  # 增长-3.5%
            if printed_minus or _DECLINE.search(_QUALIFIER_BEFORE.sub("", before)):
                value = -value
            areas = _AREA.findall(before)
            near = [sp for sp in phrases if sp[1] > c_start and sp[0] < start]
            k = bisect_right(blocked_starts, start) - 1
            while k >= 0 and blocked[k][1] > c_start:
                near.append(blocked[k])
                k -= 1
            words = _cut(text, c_start, start, sorted(near)) if near else before
            subject = _subject(words, text[after_pos:c_end], measure)
            if subject in ("", "和", "与", "及", "或", "、") and sentence_rows:  # 9807元和18817元
                subject = sentence_rows[-1]["subject"]
            end = m.end("inside") if m.group("inside") else m.end("num")
            if ratio_end:
                end, measure, ratio_end = ratio_end, "other", 0
            row = {"start": start, "end": end, "number": text[start:end], "value": value,
                   "unit": unit, "qualifier": qualifier, "period": period, "status": status,
                   "measure": measure, "subject": subject, "area": areas[-1] if areas else "",
                   "quote": text[c_start:c_end].strip(), "period_basis": basis}
            rows.append(row)
            sentence_rows.append(row)
            last_stock = s_i if period.startswith("..") and basis != "cumulative" else -1
        # The paragraph's end: what it hands on, and whether it is the article's head.
        walk.to(p_end, len(sentence_ends) - 1, sentence_ends[-2] if len(sentence_ends) > 1 else p_start)
        own = walk.at_end(len(sentence_ends) - 1)
        carried = own if own[0] else ((True, fallback[0]) if goes_on else None)
        opens_list = text[p_start:p_end].rstrip()[-1:] in (":", ":")
        # a list head's status (预计全年:, 主要预期目标是:) passes to its items as its period does
        last_start = sentence_ends[-2] if len(sentence_ends) > 1 else p_start
        list_status = next((mark for pos, mark, _ in reversed(status_marks) if pos >= last_start),
                           None) if opens_list else (list_status if list_item else None)
        if not lead_seen:
            if not _SENTENCE_END.search(text, p_start, p_end):
                # a title, byline or salutation line: a period with months in a title dates the
                # article (前8个月全县经济运行稳中有进); a line ending with a colon is no title
                if not opens_list and p_end - p_start <= 60:
                    title = title or next(((True, e.span) for e in evs if e.span and not e.span.open
                                           and e.span.last - e.span.first < 11), None)
            else:
                lead_seen = True
                article = next(((True, e.span) for e in evs if e.reach == "paragraph"
                                and e.start < sentence_ends[0]), title)
                if article and article[1] and article[1].open:
                    # 今年以来,...。1-8月,全县...: the lead's first dated figures date the article
                    article = next(((True, e.span) for e in evs if e.span and not e.span.open
                                    and e.reach in ("paragraph", "sentence")), article)
    return rows
