"""Figures the report implies but does not print, computed from the fact base.

Each derived figure is defined once, below, by a formula over fact ids. From that one
formula come its value (printed figures), its interval (what the report's rounding and
qualifiers allow), the ids it uses, and the arithmetic written out with the numbers.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from ..factbase.interval import Interval
from ..factbase.load import load_facts, load_readings, load_table, load_units
from ..factbase.numerals import ARABIC
from ..factbase.paths import cached_per_data


def specs() -> list[dict]:
    """The derived figures' definitions (data/derived.csv), each as a dict of its filled
    columns: id, kind, area, formula, subject_en/_zh, note/_zh, and where set unit, checks,
    readings, period, period_basis; base_units is a bool."""
    rows = []
    for _, row in load_table("derived").iterrows():
        spec = {k: v for k, v in row.items() if not pd.isna(v) and v != ""}
        spec["base_units"] = spec["base_units"] == "true"
        spec.setdefault("unit", None)
        spec.setdefault("note", "")
        spec.setdefault("note_zh", "")
        rows.append(spec)
    return rows


_ID = re.compile(r"[a-z][a-z0-9_]*")


def printed_decimals(value: float, quote: str) -> int | None:
    """Decimals of the value as printed in its quote (None for a Chinese numeral)."""
    for m in ARABIC.finditer(quote):
        if float(m.group()) == value:
            return len(m.group().partition(".")[2])
    return None


def reading_ids(row: pd.Series) -> list[str]:
    """The readings-register ids a fact or derived figure rests on."""
    value = row.get("readings")
    return [] if pd.isna(value) else [r for r in str(value).split(";") if r]


def fact_interval(fact: pd.Series, factor: float = 1.0) -> Interval:
    """What a fact can mean given how it is printed, optionally in base units."""
    i = Interval.printed(fact["value"], printed_decimals(fact["value"], fact["quote"]),
                         fact["qualifier"])
    return i * factor


def _shift_year(period: str, years: int) -> str:
    return re.sub(r"\d{4}", lambda m: str(int(m.group()) + years), period)


def _printed(fact: pd.Series, units: pd.DataFrame | None = None) -> str:
    """The value as printed; with units, also its unit and its value in base units."""
    d = printed_decimals(fact["value"], fact["quote"])
    text = f"{fact['value']:.{d or 0}f}"
    if units is None:
        return text
    u = units.loc[fact["unit"]]
    return f"{text}{fact['unit']} (= {fact['value'] * u['factor']:,.0f} {u['base_unit']})"


def _qualifier(i: Interval, value: float) -> str:
    if math.isinf(i.high):
        return "at_least"
    if i.low == 0 and value > 0:
        return "at_most"
    return "exact"


def derived_figures(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every derived figure with its value, interval, formula, sources and (for checks) result.

    From the fact base as it is (computed once per version of the data), or from `facts`.
    """
    if facts is None:
        return _derived_from_data().copy()
    return _derive(facts)


@cached_per_data
def _derived_from_data() -> pd.DataFrame:
    return _derive(load_facts())


def _derive(facts: pd.DataFrame) -> pd.DataFrame:
    units = load_units()
    rows = []
    for spec in specs():
        ids = list(dict.fromkeys(_ID.findall(spec["formula"])))
        missing = [i for i in ids if i not in facts.index]
        if missing:
            raise KeyError(f"derived figure {spec['id']}: unknown fact id(s) {missing}")
        factor = {i: units.loc[facts.loc[i, "unit"], "factor"] if spec.get("base_units") else 1.0
                  for i in ids}
        points = {i: facts.loc[i, "value"] * factor[i] for i in ids}
        ranges = {i: fact_interval(facts.loc[i], factor[i]) for i in ids}
        value = eval(spec["formula"], {"__builtins__": {}}, points)  # formulas are ours, above
        interval = eval(spec["formula"], {"__builtins__": {}}, ranges)
        first = facts.loc[ids[0]]
        period = first["period"] if spec["kind"] != "base" else _shift_year(first["period"], -1)
        bases = {str(facts.loc[i, "period_basis"]) for i in ids}
        # a figure is only as dated as its least dated source
        basis = next((b for b in ("unstated", "cumulative", "carried") if b in bases), "stated")
        period, basis = spec.get("period", period), spec.get("period_basis", basis)
        # a derived figure inherits its sources' period questions; what a source includes or
        # is credited with bears on it only where its spec says so
        kinds = load_readings()["kind"]
        readings = [r for i in ids for r in reading_ids(facts.loc[i]) if kinds[r] == "period"]
        readings = ";".join(dict.fromkeys(filter(None, readings + [spec.get("readings", "")])))
        in_units = units if spec.get("base_units") else None
        row = dict(
            id=spec["id"], kind=spec["kind"], area=spec["area"],
            subject_en=spec["subject_en"], subject_zh=spec["subject_zh"],
            value=round(value, 10), low=interval.low, high=interval.high,
            unit=spec["unit"] or first["unit"], qualifier=_qualifier(interval, value),
            period=period, period_basis=basis, readings=readings, formula=spec["formula"],
            computed=_ID.sub(lambda m, u=in_units: _printed(facts.loc[m.group()], u), spec["formula"]),
            sources=",".join(ids), checks=spec.get("checks", ""), stated=math.nan,
            consistent=None, note=spec["note"], note_zh=spec["note_zh"])
        if spec.get("checks"):
            stated = facts.loc[spec["checks"]]
            row["stated"] = stated["value"]
            # Consistent if some reading of the printed figures gives the stated one.
            row["consistent"] = bool(fact_interval(stated).low <= interval.high
                                     and interval.low <= fact_interval(stated).high)
        rows.append(row)
    return pd.DataFrame(rows).set_index("id", drop=False).rename_axis(None)


def arithmetic_checks(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The report's own arithmetic: computed gap, stated gap, and whether they agree."""
    d = derived_figures(facts)
    return d[d["kind"] == "check"][["id", "computed", "value", "low", "high", "checks",
                                    "stated", "consistent"]]


def to_base_units(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each fact's value in base units (亿元 → yuan, 万平方米 → m², 亩 → m², 万人次 → person-times)."""
    facts = load_facts() if facts is None else facts
    units = load_units()
    u = units.loc[facts["unit"].astype(str)]
    return pd.DataFrame({
        "id": facts["id"], "value": facts["value"], "unit": facts["unit"],
        "value_base": facts["value"].to_numpy() * u["factor"].to_numpy(),
        "base_unit": u["base_unit"].to_numpy(),
    }, index=facts.index)
