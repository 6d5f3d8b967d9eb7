"""Numbers in prose, rendered from the fact base so the narrative can never go stale.

    md(en="Budget revenue reached {budget_revenue}, up {budget_revenue_growth}.",
       zh="一般公共预算收入完成{budget_revenue}，同比增长{budget_revenue_growth}。")

One template per language, with the same placeholders. Each {id} becomes the fact (or
derived figure) in that language's way: English says the qualifier in words and adds the
amount in yuan ('nearly 400场', '47.6亿元 (4.76 billion yuan)'); Chinese prints the figure
as the report does, hedge and all ('近400场', '5%左右', '20余名'). Unknown ids raise KeyError.
`{id:period}` gives the period as a label, `{id:quote}` the report's words, `{id:value}`
the bare number.

A value computed in the notebook is passed by name, never pasted into the template:

    md(en="The draft is right at {right} of {labelled} places.",
       zh="标注的{labelled}处数字中，底稿对了{right}处。", right=66, labelled=71)

`{name}` shows it as it is, `{name:.1f}` with a format; a value that differs by language is
given as a pair: name=("26 of 71", "71处中的26处"). Both templates name the same ids and
values, or the sentence is refused.
"""
from __future__ import annotations

import re

from ..analysis.derive import derived_figures, printed_decimals
from ..factbase.load import load_facts, load_units
from .i18n import LANGS, as_printed, check_lang, period_label

WORDS = {"exact": "", "about": "about ", "nearly": "nearly ", "over": "more than ",
         "at_least": "at least ", "at_most": "at most "}
# Chinese hedges as the report places them: before (近, 超) or after (左右, 以上) the figure.
ZH_HEDGE = {"exact": ("", ""), "about": ("", "左右"), "nearly": ("近", ""), "over": ("超", ""),
            "at_least": ("", "以上"), "at_most": ("", "以内")}
_FIELD = re.compile(r"\{([a-z][a-z0-9_]*)(?::([\w.,%+-]+))?\}")


def _yuan(amount: float) -> str:
    for size, name in ((1e9, "billion"), (1e6, "million")):
        if amount >= size:
            return f"{amount / size:,.6g} {name} yuan"  # 261.5亿元 -> 26.15 billion
    return f"{amount:,.0f} yuan"


def fmt(id_: str, part: str | None = None, lang: str = "en") -> str:
    """One figure as prose in `lang`. part: None (the figure), 'period', 'quote', 'value'."""
    check_lang(lang)
    facts = load_facts()
    is_fact = id_ in facts.index
    if is_fact:
        row = facts.loc[id_]
        decimals = printed_decimals(row["value"], row["quote"])
    else:
        row = derived_figures().loc[id_]
        decimals = 0 if float(row["value"]).is_integer() else 1
    if part == "period":
        timing = row.get("timing") if isinstance(row.get("timing"), str) else None
        return period_label(str(row["period"]), lang, str(row["period_basis"]), timing)
    if part == "quote":
        if not is_fact:
            raise KeyError(f"{id_!r} is derived: it has no words in the report")
        return f"“{row['quote']}”"
    number = f"{row['value']:.{decimals or 0}f}"
    if part == "value":
        return number.replace("-", "−")
    unit, qualifier = str(row["unit"]), str(row["qualifier"])
    if lang == "zh":
        printed = as_printed(str(row["quote"]), number if decimals is not None else "", unit) if is_fact else None
        if printed:
            return printed
        before, after = ZH_HEDGE[qualifier]
        return f"{before}{number.replace('-', '−')}{unit}{after}"
    number = number.replace("-", "−")
    units = load_units()
    if unit not in units.index:  # a derived unit (倍, 公顷, 元)
        return f"{WORDS[qualifier]}{number}{unit}"
    u = units.loc[unit]
    # English prose: percentage points and durations read better in English; counts keep
    # the printed measure word; money adds its amount in yuan.
    shown = f" {u['unit_en']}" if u["dimension"] in ("ratio_difference", "duration") else unit
    if shown.endswith("s") and number == "1":  # 1 percentage point, 1 year
        shown = shown[:-1]
    text = f"{WORDS[qualifier]}{number}{shown}"
    if u["base_unit"] == "yuan":
        text += f" ({_yuan(float(number.replace('−', '-')) * u['factor'])})"  # as shown, no more digits
    return text


def render(template: str, lang: str = "en", **values) -> str:
    """The template with each {id} a figure of the fact base and each {name} a given value."""
    def field(m: re.Match) -> str:
        name, spec = m.group(1), m.group(2)
        if name not in values:
            return fmt(name, spec, lang)
        value = values[name]
        if isinstance(value, tuple):  # (en, zh)
            value = value[LANGS.index(lang)]
        text = format(value, spec or "")
        return text.replace("-", "−") if isinstance(value, (int, float)) else text
    return _FIELD.sub(field, template)


def notebook_lang() -> str:
    """The LANG the running notebook set (its papermill parameter), else English."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - IPython ships with the kernel
        shell = None
    return check_lang(shell.user_ns.get("LANG", "en")) if shell is not None else "en"


def text(en: str, zh: str | None = None, lang: str | None = None, **values) -> str:
    """md()'s sentence as a plain string, for a table cell, a tick label or a title: the
    template of the notebook's language rendered, with md()'s checks."""
    templates = {"en": en, "zh": zh}
    fields = {t: sorted(_FIELD.findall(s)) for t, s in templates.items() if s is not None}
    if zh is not None and fields["en"] != fields["zh"]:
        raise ValueError(f"md(): the English and Chinese templates name different figures: "
                         f"{fields['en']} vs {fields['zh']}")
    unused = sorted(set(values) - {name for name, _ in fields["en"]})
    if unused:
        raise ValueError(f"md(): values given but named in no template: {unused}")
    lang = check_lang(lang or notebook_lang())
    if templates[lang] is None:
        raise ValueError("md(): this notebook runs in Chinese but the sentence has no zh= template")
    return render(templates[lang], lang, **values)


def md(en: str, zh: str | None = None, lang: str | None = None, **values):
    """Render the template of the notebook's language as Markdown output.

    Both templates must name the same figures and values: a sentence whose Chinese twin
    drops or adds a number is refused, so the two editions cannot drift apart; so is a value
    given but named in neither.
    """
    from IPython.display import Markdown

    return Markdown(text(en, zh, lang, **values))


__all__ = ["LANGS", "fmt", "md", "render", "text"]
