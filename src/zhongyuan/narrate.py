"""Numbers in prose, rendered from the fact base so the narrative can never go stale.

    md("Budget revenue reached {budget_revenue}, up {budget_revenue_growth}.")

Each {id} becomes the fact (or derived figure) as printed, with its qualifier in words:
'47.6亿元 (4.76 billion yuan)', 'nearly 400场', 'about 5%'. Unknown ids raise KeyError.
"""
from __future__ import annotations

import re

from .derive import derived_figures, printed_decimals
from .load import load_facts, load_units

WORDS = {"exact": "", "about": "about ", "nearly": "nearly ", "over": "more than ",
         "at_least": "at least ", "at_most": "at most "}
_FIELD = re.compile(r"\{([a-z][a-z0-9_]*)(?::(\w+))?\}")


def _yuan(amount: float) -> str:
    for size, name in ((1e9, "billion"), (1e6, "million")):
        if amount >= size:
            return f"{amount / size:,.6g} {name} yuan"  # 261.5亿元 -> 26.15 billion
    return f"{amount:,.0f} yuan"


def fmt(id_: str, part: str | None = None) -> str:
    """One figure as prose. part: None (value), 'period', 'quote', 'value' (bare number)."""
    facts = load_facts()
    if id_ in facts.index:
        row = facts.loc[id_]
        decimals = printed_decimals(row["value"], row["quote"])
    else:
        row = derived_figures().loc[id_]
        decimals = 0 if float(row["value"]).is_integer() else 1
    if part == "period":
        return str(row["period"])
    if part == "quote":
        return f"“{row['quote']}”"
    number = f"{row['value']:.{decimals or 0}f}".replace("-", "−")
    if part == "value":
        return number
    unit, units = str(row["unit"]), load_units()
    if unit not in units.index:  # a derived unit (倍, 公顷, 元)
        return f"{WORDS[str(row['qualifier'])]}{number}{unit}"
    u = units.loc[unit]
    # English prose: percentage points and durations read better in English; counts keep
    # the printed measure word; money adds its amount in yuan.
    shown = f" {u['unit_en']}" if u["dimension"] in ("ratio_difference", "duration") else unit
    text = f"{WORDS[str(row['qualifier'])]}{number}{shown}"
    if u["base_unit"] == "yuan":
        text += f" ({_yuan(row['value'] * u['factor'])})"
    return text


def render(template: str) -> str:
    return _FIELD.sub(lambda m: fmt(m.group(1), m.group(2)), template)


def md(template: str):
    """Render a template as Markdown output in a notebook."""
    from IPython.display import Markdown

    return Markdown(render(template))
