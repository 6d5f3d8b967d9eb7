"""The fact base holds every quantity the report prints, each faithful to its words."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import zhongyuan as zy
from zhongyuan.factbase import report

FACTS = zy.load_facts()


def sentence_of(quote: str) -> str:
    """The sentence of the cleaned report that contains quote."""
    text, start = report.cleaned_text(), report.locate(quote).start
    begin = max(text.rfind(ch, 0, start) for ch in "。\n") + 1
    end = min((i for i in (text.find(ch, start) for ch in "。\n") if i >= 0), default=len(text))
    return text[begin:end]


def test_every_number_in_the_report_is_a_fact_or_a_listed_non_quantity():
    missing = zy.uncovered_numbers()
    assert missing.empty, f"numbers no fact accounts for:\n{missing[['number', 'context']]}"


def test_every_fact_accounts_for_a_number_and_none_is_counted_twice():
    cov = zy.number_coverage()
    by_fact = cov[cov["covered_by"] == "fact"]["ref"]
    assert set(by_fact) == set(FACTS["id"])
    assert by_fact.is_unique


def test_the_fact_base_has_one_row_per_quantity():
    assert 65 <= len(FACTS) <= 90
    assert FACTS["id"].is_unique and FACTS["quote"].is_unique


def test_each_fact_stands_in_the_section_it_claims():
    for id_, row in FACTS.iterrows():
        assert report.locate(row["quote"]).section == row["section"], id_


def test_qualifiers_follow_the_words_of_the_quote():
    for id_, row in FACTS.iterrows():
        q = row["quote"]
        expected = ("about" if "左右" in q else
                    "nearly" if re.search(r"近\d", q) else
                    "over" if re.search(r"超\d|余", q) else
                    "at_least" if q.endswith("以上") else "exact")
        assert row["qualifier"] == expected, (id_, q)


def test_estimates_are_exactly_the_figures_the_report_calls_expected():
    for id_, row in FACTS.iterrows():
        said_expected = "预计" in sentence_of(row["quote"])
        assert (row["status"] == "estimate") == said_expected, id_


def test_january_to_november_figures_are_those_the_text_dates_so():
    headline = report.locate("在一般公共预算收入方面").paragraph
    for id_, row in FACTS.iterrows():
        in_headline = report.locate(row["quote"]).paragraph == headline
        dated = "1~11月" in sentence_of(row["quote"])
        jan_nov = row["period"] == "2024-01..2024-11"
        assert jan_nov == (in_headline or dated), id_
        assert (row["period_basis"] == "stated") == (dated or row["status"] == "estimate"), id_


def test_city_figures_are_the_ones_the_report_attributes_to_the_city():
    city = FACTS[FACTS["area"] == "郑州市"]
    assert set(city["id"]) == {"city_fixed_asset_investment_growth", "city_retail_sales_growth"}
    assert all(q.startswith("全市(") for q in city["quote"])


def test_gaps_are_in_percentage_points_and_growth_in_percent():
    assert (FACTS.loc[FACTS["measure"] == "gap", "unit"] == "个百分点").all()
    assert (FACTS.loc[FACTS["measure"] == "growth", "unit"] == "%").all()
    assert all("增长" in sentence_of(q) for q in FACTS.loc[FACTS["measure"] == "growth", "quote"])


def test_loaders_give_the_schema_types():
    assert FACTS["value"].dtype == "float64"
    for col in ("section", "area", "measure", "qualifier", "period_basis", "status", "unit"):
        assert isinstance(FACTS[col].dtype, pd.CategoricalDtype), col
    assert list(FACTS["qualifier"].cat.categories) == ["exact", "about", "nearly", "over", "at_least"]
    assert FACTS.loc["budget_revenue", "value"] == 47.6


@pytest.mark.parametrize("loader, minimum", [(zy.load_honours, 20), (zy.load_glossary, 50)])
def test_the_other_tables_load_and_quote_the_report(loader, minimum):
    table = loader()
    assert len(table) >= minimum
    assert all(report.find_all(q) for q in table["quote"])


def test_the_glossary_has_the_terms_the_report_leans_on():
    terms = set(zy.load_glossary()["term_zh"])
    for term in ["项目为王", "一路四街", "四个中心", "两新", "四上单位", "专精特新", "小巨人", "链主",
                 "众创空间", "高效办成一件事", "第一议题", "五持续一提升", "十必须", "八项措施", "新质生产力"]:
        assert term in terms, term


def test_local_terms_the_report_leaves_open_say_so():
    g = zy.load_glossary().set_index("term_zh")
    for term in ["一路四街", "四个中心", "五持续一提升", "十必须", "八项措施"]:
        assert g.loc[term, "content_stated"] == "no"
        assert "not" in g.loc[term, "explanation_en"], term


def test_every_fact_quote_stands_once_in_its_section():
    prov = zy.coverage.quote_provenance()
    assert (prov["occurrences"] == 1).all() and prov["agrees"].all()


def test_every_note_has_its_chinese_twin():
    import re

    for name in ("facts", "honours", "units"):
        table = zy.load_table(name)
        for _, row in table.iterrows():
            en, zh = row["note"], row["note_zh"]
            assert pd.isna(en) == pd.isna(zh), (name, row.iloc[0])
            if not pd.isna(zh):
                assert re.search(r"[\u4e00-\u9fff]", zh), (name, row.iloc[0])


def _cell(table: str, row_id: str, col: str) -> str:
    from zhongyuan.factbase.load import load_table
    t = load_table(table)
    t = t.set_index("id") if "id" in t.columns else t
    return str(t.loc[row_id, col])


@pytest.mark.parametrize("table, row_id, col, must, must_not", [
    # the 撬动 sentence states no subject; the measures are its objects (zh E2)
    ("facts", "vouchers_leveraged_consumption", "note", "states no subject", "subject is"),
    ("facts", "vouchers_leveraged_consumption", "note_zh", "省略主语", "主语是"),
    ("readings", "leverage_credited_to", "readings", "states no subject", "one subject"),
    ("readings", "leverage_credited_to", "readings_zh", "省略主语", "一个主语"),
    # the report does not say what area 252万平方米 measures; facts and derived agree (zh U4)
    ("facts", "area_delivered", "note_zh", "未说明面积口径", "建筑面积"),
    ("derived", "area_delivered_per_household", "note_zh", "未说明面积口径", "建筑面积"),
    ("facts", "area_delivered", "subject_en", "area", "floor area"),
    ("derived", "area_delivered_per_household", "note", "which area measure", "floor area"),
    # 托老 is day care for the elderly (en 21)
    ("facts", "elderly_care_beds", "subject_en", "elderly day-care", "elderly and day care"),
    # GRP growth is real, the others nominal, as context (zh O1)
    ("facts", "gdp_growth_estimate", "note", "comparable prices", "\0"),
    ("facts", "gdp_growth_estimate", "note_zh", "背景（非报告内容）：按统计制度，地区生产总值增速按可比价格计算", "\0"),
    ("glossary", "regional_gdp", "explanation_zh", "可比价格", "\0"),
    # investment levels and growth rates have often not reconciled since 2018-2019 (zh O2)
    ("derived", "fixed_asset_investment_base", "note_zh", "固定资产投资尤其如此。2018—2019年", "\0"),
    # China Development Bank is a development-finance institution (zh E3)
    ("glossary", "special_loans_policy_loans", "explanation_zh", "开发性、政策性金融机构",
     "政策性银行（如国家开发银行）"),
    # the R&D super-deduction no longer needs the SME register (zh M5)
    ("glossary", "tech_based_sme", "explanation_zh", "入库", "加计扣除"),
])
def test_wording_found_by_fresh_readers_stays_fixed(table, row_id, col, must, must_not):
    text = _cell(table, row_id, col)
    assert must in text and must_not not in text, f"{table}:{row_id}:{col}: {text}"
