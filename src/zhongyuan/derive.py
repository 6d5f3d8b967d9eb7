"""Figures the report implies but does not print, computed from the fact base.

Each derived figure is defined once, below, by a formula over fact ids. From that one
formula come its value (printed figures), its interval (what the report's rounding and
qualifiers allow), the ids it uses, and the arithmetic written out with the numbers.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from .interval import Interval
from .load import load_facts, load_readings, load_units
from .numerals import ARABIC
from .paths import cached_per_data

# kind: implied (a rate the report leaves out), check (the report's own arithmetic),
# base (the year-earlier level a growth rate implies), target (a plan a completion rate
# implies), ratio, conversion. base_units: evaluate with values in base units (yuan, m²).
DERIVED = [
    dict(id="city_budget_revenue_growth", kind="implied", area="郑州市", unit="%",
         formula="budget_revenue_growth - budget_revenue_gap_vs_city",
         subject_en="growth of Zhengzhou's general public budget revenue (implied)",
         subject_zh="全市一般公共预算收入增长（推算）",
         note="The report prints the district's growth and its lead over the city, not the city's rate: a lead larger than the district's growth means the city's revenue fell.", note_zh="报告列出的是中原区增速及其高于全市的幅度，而非全市增速：高出的幅度大于中原区自身增速，说明全市该项收入同比下降。"),
    dict(id="fixed_asset_investment_gap_check", kind="check", area="中原区", unit="个百分点",
         formula="fixed_asset_investment_growth - city_fixed_asset_investment_growth",
         checks="fixed_asset_investment_gap_vs_city",
         subject_en="district minus city growth of fixed-asset investment",
         subject_zh="固定资产投资增速差（验算）", note="", note_zh=""),
    dict(id="retail_sales_gap_check", kind="check", area="中原区", unit="个百分点",
         formula="retail_sales_growth - city_retail_sales_growth",
         checks="retail_sales_gap_vs_city",
         subject_en="district minus city growth of retail sales",
         subject_zh="社会消费品零售总额增速差（验算）", note="", note_zh=""),
    *[dict(id=f"{level}_base", kind="base", area="中原区", unit=None,
           formula=f"{level} / (1 + {level}_growth / 100)",
           subject_en=f"year-earlier level implied by the growth rate: {what}",
           subject_zh=f"{zh}上年同期（推算）",
           note="Official year-on-year growth is computed on a comparable basis; the published year-earlier figure may differ.", note_zh="官方同比增速按可比口径计算，公布的上年同期数可能与此不同。")
      for level, what, zh in [
          ("budget_revenue", "general public budget revenue", "一般公共预算收入"),
          ("fixed_asset_investment", "fixed-asset investment", "固定资产投资"),
          ("retail_sales", "retail sales of consumer goods", "社会消费品零售总额"),
          ("services_revenue", "revenue of for-profit services above designated size", "规模以上营利性服务业营收"),
          ("service_zone_revenue", "revenue of the Modern Service Industry Development Zone", "现代服务业开发区营收"),
          ("new_market_entities", "new market entities", "新增市场主体"),
      ]],
    dict(id="key_projects_plan", kind="target", area="中原区", unit="亿元",
         formula="key_projects_investment / (key_projects_completion_rate / 100)",
         subject_en="the plan against which the key projects' 102% is measured (implied; annual or January–November: not stated)",
         subject_zh="完成率102%所对应的计划投资（推算；年度还是1~11月，报告未明）",
         readings="key_projects_plan_period", period="2024", period_basis="unstated",
         note="The report never states the plan; 178亿元 at 102% implies it. Whether it is the annual plan or the plan for January–November is a reading (readings.csv): its period is not stated.", note_zh="报告未列出计划数；由178亿元和102%推算。是年度计划还是1~11月计划，存在不同理解（readings.csv），故时段未注明。"),
    dict(id="innovative_sme_target", kind="target", area="中原区", unit="家",
         formula="innovative_sme_certified / (innovative_sme_completion_rate / 100)",
         subject_en="target for provincial innovative SME certifications (implied)",
         subject_zh="省级创新型中小企业认定目标（推算）",
         note="The report never states the target; 40 at 125% implies it.", note_zh="报告未列出目标数；由40家和125%推算。"),
    dict(id="four_centres_consumption_per_visit", kind="ratio", area="中原区", unit="元", base_units=True,
         formula="four_centres_consumption / four_centres_visits",
         subject_en="consumption revenue per visit to the Four Centres",
         subject_zh="“四个中心”每人次带动消费（推算）",
         note="Nearly 8亿元 over more than 200万 visits: an upper bound.", note_zh="近8亿元除以超200万人次：所得为上限。"),
    dict(id="places_per_new_class", kind="ratio", area="中原区", unit="个",
         formula="new_school_places / new_classes",
         subject_en="new school places per new class",
         subject_zh="每个新增教学班的新增学位（推算）",
         note="Assumes the new places and the new classes describe the same schools; the report does not say.", note_zh="假定新增学位与新增教学班指的是同一批学校；报告未说明。"),
    dict(id="retail_sales_estimate_minus_jan_nov", kind="implied", area="中原区", unit="个百分点",
         formula="retail_sales_growth_estimate - retail_sales_growth",
         subject_en="full-year retail-sales growth expected, minus January–November growth",
         subject_zh="社会消费品零售总额全年预计增速与1~11月增速之差（推算）",
         note="A lower full-year rate than the January–November one implies December is expected to grow more slowly than the first eleven months; no monthly figure is printed.", note_zh="全年预计增速低于1~11月增速，意味着预计12月增速低于前11个月；报告未列出月度数据。"),
    dict(id="key_projects_investment_per_project", kind="ratio", area="中原区", unit="亿元",
         formula="key_projects_investment / key_projects",
         subject_en="investment completed per provincial or municipal key project (average)",
         subject_zh="省市重点项目平均完成投资（推算）",
         note="An average: the report gives no project's own figure.", note_zh="平均数：报告未列出单个项目的数据。"),
    dict(id="signed_investment_per_project", kind="ratio", area="中原区", unit="亿元",
         formula="signed_projects_planned_investment / signed_key_projects",
         subject_en="planned investment per signed key project (average)",
         subject_zh="签约重点项目平均计划投资（推算）",
         note="An average of plans at signing, not investment made.", note_zh="签约时计划投资的平均数，不是已完成投资。"),
    dict(id="consumption_vouchers_yi", kind="conversion", area="中原区", unit="亿元",
         formula="consumption_vouchers / 10000",
         subject_en="consumption vouchers issued (converted from 万元)",
         subject_zh="发放各类消费券（折合亿元）",
         note="A unit conversion only (1亿元 = 10000万元): the vouchers in the unit of the other money figures of the section.", note_zh="仅为单位换算（1亿元 = 10000万元），使消费券与本部分其他金额单位一致。"),
    dict(id="area_delivered_per_household", kind="ratio", area="中原区", unit="平方米", base_units=True,
         formula="area_delivered / households_rehoused",
         subject_en="floor area delivered divided by households who received new homes (a naive quotient, not the size of a home)",
         subject_zh="建成交付面积除以喜获新居户数（简单相除，并非户均住房面积）",
         readings="households_and_projects",
         note="What a careless reader computes. 252万平方米 is the floor area of 20 whole projects (the report does not say how much of it is housing rather than shops, parking or facilities), and it does not say that all 12203 households received their homes in those 20 projects: the quotient is no floor area per household.", note_zh="粗略相除的结果。252万平方米是20个项目的整体面积（报告未说明其中住宅占多少，商铺、车位、配套各占多少），报告也没有说12203户都在这20个项目中获得新居：该商不是户均住房面积。"),
    dict(id="residential_land_supply_ha", kind="conversion", area="中原区", unit="公顷", base_units=True,
         formula="residential_land_supply / 10000",
         subject_en="residential land supplied, in hectares",
         subject_zh="住宅用地供应（公顷）", note="1 亩 = 10000/15 m².", note_zh="1亩 = 10000/15平方米。"),
]

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
    for spec in DERIVED:
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
        row = dict(
            id=spec["id"], kind=spec["kind"], area=spec["area"],
            subject_en=spec["subject_en"], subject_zh=spec["subject_zh"],
            value=round(value, 10), low=interval.low, high=interval.high,
            unit=spec["unit"] or first["unit"], qualifier=_qualifier(interval, value),
            period=period, period_basis=basis, readings=readings, formula=spec["formula"],
            computed=_ID.sub(lambda m: _printed(facts.loc[m.group()],
                                                units if spec.get("base_units") else None),
                             spec["formula"]),
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
