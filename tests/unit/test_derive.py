"""Derived figures: hand-computed values, intervals and the report's own arithmetic."""
from __future__ import annotations

import math

import pytest

import zhongyuan as zy
from zhongyuan.factbase.interval import Interval

D = zy.derived_figures()


def test_city_budget_revenue_growth_is_implied_negative():
    row = D.loc["city_budget_revenue_growth"]
    assert row["value"] == pytest.approx(1.7 - 4.6) == pytest.approx(-2.9)
    assert (row["low"], row["high"]) == pytest.approx((1.65 - 4.65, 1.75 - 4.55))
    assert row["area"] == "郑州市" and row["sources"] == "budget_revenue_growth,budget_revenue_gap_vs_city"
    assert row["computed"] == "1.7 - 4.6"


def test_the_reports_gaps_agree_with_its_growth_rates():
    checks = zy.arithmetic_checks()
    assert checks.loc["fixed_asset_investment_gap_check", "value"] == pytest.approx(3.9)
    assert checks.loc["retail_sales_gap_check", "value"] == pytest.approx(1.0)
    assert checks["consistent"].all()


def test_a_wrong_stated_gap_is_caught():
    facts = zy.load_facts().copy()
    facts.loc["retail_sales_gap_vs_city", "value"] = 2.0
    assert not zy.arithmetic_checks(facts).loc["retail_sales_gap_check", "consistent"]


@pytest.mark.parametrize("id_, expected", [
    ("budget_revenue_base", 47.6 / 1.017),
    ("fixed_asset_investment_base", 261.5 / 1.09),
    ("retail_sales_base", 282.4 / 1.057),
    ("services_revenue_base", 397.4 / 1.188),
    ("key_projects_plan", 178 / 1.02),
    ("innovative_sme_target", 32.0),
    ("places_per_new_class", 20790 / 444),
    ("residential_land_supply_ha", 1528 / 15),
])
def test_hand_computed_values(id_, expected):
    assert D.loc[id_, "value"] == pytest.approx(expected, rel=1e-9)
    assert D.loc[id_, "low"] <= D.loc[id_, "value"] <= D.loc[id_, "high"]


def test_bases_are_for_the_year_before():
    assert D.loc["budget_revenue_base", "period"] == "2023-01..2023-11"
    assert D.loc["budget_revenue_base", "low"] == pytest.approx(47.55 / 1.0175)
    assert D.loc["budget_revenue_base", "high"] == pytest.approx(47.65 / 1.0165)


def test_hedged_sources_give_one_sided_results():
    at_least = Interval.printed(10, 0, "at_least") / Interval.printed(900, 0, "exact")
    assert math.isinf(at_least.high) and at_least.low == pytest.approx(10 / 900.5)
    per_visit = D.loc["four_centres_consumption_per_visit"]
    assert per_visit["value"] == pytest.approx(400) and per_visit["qualifier"] == "at_most"


def test_no_figure_credits_the_leveraged_consumption_to_the_vouchers_alone():
    # readings.csv (leverage_credited_to): what 撬动 credits is open, and no ratio is computed
    register = zy.load_readings().loc["leverage_credited_to"]
    assert register["used"] == "none" and "no leverage ratio is computed" in register["why"]
    for _, row in D.iterrows():
        sources = set(row["sources"].split(","))
        assert not {"vouchers_leveraged_consumption", "consumption_vouchers"} <= sources, row["id"]


def test_derived_figures_are_as_dated_as_their_least_dated_source():
    facts = zy.load_facts()
    for _, row in D.iterrows():
        bases = {facts.loc[s, "period_basis"] for s in row["sources"].split(",")}
        if "unstated" in bases:
            assert row["period_basis"] == "unstated", row["id"]
    assert D.loc["key_projects_plan", "period_basis"] == "unstated"  # annual or Jan–Nov: open
    assert "key_projects_plan_period" in D.loc["key_projects_plan", "readings"]


def test_every_derived_figure_names_real_sources():
    facts = zy.load_facts()
    for _, row in D.iterrows():
        assert all(s in facts.index for s in row["sources"].split(",")), row["id"]
        assert row["formula"] and row["subject_en"] and row["subject_zh"]


def test_unit_conversions():
    base = zy.to_base_units().set_index("id")
    assert base.loc["budget_revenue", "value_base"] == pytest.approx(4.76e9)
    assert base.loc["residential_land_supply", "value_base"] == pytest.approx(1528 * 10000 / 15)
    assert base.loc["area_delivered", "value_base"] == pytest.approx(2.52e6)
    assert base.loc["parking_spaces", "value_base"] == pytest.approx(11000)
    assert base.loc["budget_revenue", "base_unit"] == "yuan"


def test_interval_arithmetic():
    a, b = Interval(1.65, 1.75), Interval(4.55, 4.65)
    assert (a - b) == Interval(1.65 - 4.65, 1.75 - 4.55)
    assert (Interval(2, 4) / Interval(1, 2)) == Interval(1, 4)
    assert Interval.printed(9, 0, "exact") == Interval(8.5, 9.5)
    assert Interval.printed(400, 0, "nearly") == Interval(0, 400)
    assert math.isinf(Interval.printed(200, 0, "over").high)
    with pytest.raises(ZeroDivisionError):
        Interval(1, 2) / Interval(-1, 1)
