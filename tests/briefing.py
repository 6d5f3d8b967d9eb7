"""What the tests of the brief and the meeting deck share (tests/unit/test_brief_content.py,
tests/integration/test_brief.py): the numbers a text may state, runs of the other language,
and what makes a title a sentence."""
from __future__ import annotations

import re

# A number, not glued to a letter, digit, underscore or point before it (a hanzi does not
# shield it: 高于全市4.6个百分点); a sign where it stands alone (−2.9).
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])[−-]?\d+(?:[.,]\d+)*")
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z'’-]+(?:[ ,;:]+[A-Za-z][a-z'’-]+){2,}")
CHINESE_CLAUSE = re.compile(r"[\u4e00-\u9fff]{2,}[，。；：！？][\u4e00-\u9fff]{2,}")
QUOTED = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》")
NAMES = ("PDF", "CSV", "Chromium")  # names a Chinese text may carry in Latin letters
FILE = re.compile(r"[\w./-]+\.(?:csv|json|ipynb|html|pdf|xlsx|txt|py)\b")
ID = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


def renderings(lang: str) -> list[str]:
    """Every way the brief may state a figure: each fact and derived figure as narrate
    renders it for `lang` (whole, bare value, period), and the values the brief computes
    and passes by name (the meeting's date and year, counts over the fact base, the
    interval of the implied city growth, to one decimal); longest first."""
    import zhongyuan as zy
    from zhongyuan.factbase.report import metadata, zh_date
    from zhongyuan.present.narrate import fmt

    facts, derived, register = zy.load_facts(), zy.derived_figures(), zy.load_readings()
    ids = list(facts.index) + list(derived.index)
    out = {fmt(i, part, lang) for i in ids for part in (None, "value", "period")}
    date = metadata()["date"]
    city = derived.loc["city_budget_revenue_growth"]
    out |= {date, zh_date(date), date[:4], str(int(date[:4]) + 1), str(len(facts)), str(len(derived)),
            str(int((facts["period_basis"].astype(str) == "unstated").sum())),
            str(int((register["used"].astype(str) == "none").sum())),
            f"{city['low']:.1f}".replace("-", "−"), f"{city['high']:.1f}".replace("-", "−")}
    return sorted(out, key=len, reverse=True)


def stray_numbers(text: str, lang: str, quoted: tuple[str, ...] = ()) -> list[str]:
    """The numbers of `text` that are no figure of the fact base as narrate renders it
    (nor a value the brief computes from it), each with its context. `quoted`: text taken
    from the data as it is (the readings register's questions), left out."""
    text = " ".join(text.split())
    for q in sorted(quoted, key=len, reverse=True):
        text = text.replace(" ".join(q.split()), " ")
    text = re.sub(r"\b(Fig\.|图) ?\d+", " ", text)  # Sphinx's figure numbers
    for r in renderings(lang):
        text = re.sub(rf"(?<![\d.]){re.escape(r)}(?![\d]|\.\d)", " ", text)
    return [text[max(0, m.start() - 30):m.end() + 20] for m in NUMBER.finditer(text)]


def english_runs(text: str) -> list[str]:
    """Three English words in a row, in a text that should be Chinese (names, file names and
    ids left out)."""
    for name in NAMES:
        text = text.replace(name, " ")
    text = ID.sub(" ", FILE.sub(" ", text))
    return [m.group() for m in ENGLISH_RUN.finditer(text)]


def chinese_clauses(text: str) -> list[str]:
    """Chinese clauses joined by Chinese punctuation, outside quotes, in a text that should be
    English."""
    return [m.group() for m in CHINESE_CLAUSE.finditer(QUOTED.sub(" ", text))]


VERBS = {"is", "are", "was", "were", "grew", "fell", "rose", "gives", "give", "holds", "hold", "reports",
         "run", "runs", "states", "state", "prints", "print", "comes", "come", "stay", "stays", "outgrew"}
PREDICATES = ("增长", "下降", "增加", "减少", "是", "为", "有", "未", "没有", "完成", "实现", "带动", "撬动",
              "获", "新增", "成立", "来自", "高于", "低于", "给出", "列出", "注明")


def is_sentence(title: str, lang: str) -> bool:
    """Whether a slide title states a finding as a sentence, not a topic: in English six
    words or more with a finite verb (or a past tense); in Chinese eight hanzi or more with
    a predicate."""
    title = title.replace("¶", "").strip()
    if lang == "en":
        words = re.findall(r"[A-Za-z][A-Za-z'-]*", title)
        return len(title.split()) >= 6 and (title[0].isupper() or title[0].isdigit()) and (
            any(w.lower() in VERBS or w.lower().endswith("ed") for w in words))
    return len(re.findall(r"[\u4e00-\u9fff]", title)) >= 8 and any(p in title for p in PREDICATES)
