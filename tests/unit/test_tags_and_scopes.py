"""Tags and scopes that say no more than the report (issue 21): a glossary tag never asserts a
level its own explanation leaves open, and the honours table of the facts page gives the scope
word the report prints with what it bounds, never a level of the collection's own making."""
from __future__ import annotations

import re

import pytest

import zhongyuan as zy
from zhongyuan.build import pages

GLOSSARY = zy.load_glossary()

# An explanation that says the report leaves the level, the issuer or the meaning open.
# (Which of two winners holds which level, 众创空间, is a question about them, not the term.)
LEFT_OPEN_EN = re.compile(r"which level launched|at what level|which body issued|who gives the award|"
                          r"refers to the district or|which is meant, the report does not say", re.I)
LEFT_OPEN_ZH = re.compile(r"由哪一级|奖项级别|由哪一机关|指中原地区还是中原区|所指为何")


@pytest.mark.parametrize("row", list(GLOSSARY.itertuples()), ids=list(GLOSSARY["id"]))
def test_no_tag_asserts_a_level_its_explanation_leaves_open(row):
    if LEFT_OPEN_EN.search(row.explanation_en) or LEFT_OPEN_ZH.search(row.explanation_zh):
        assert row.scope == "not_stated", f"{row.id}: tagged {row.scope!r}, but its explanation leaves it open"


def test_the_rows_that_leave_a_level_open_are_found():
    """The patterns above still find the rows they were written for (a reworded explanation
    would otherwise make the test pass for nothing)."""
    found = {r.id for r in GLOSSARY.itertuples()
             if LEFT_OPEN_EN.search(r.explanation_en) or LEFT_OPEN_ZH.search(r.explanation_zh)}
    assert found >= {"sixteen_measures_strong_start", "grassroots_party_brand_year",
                     "ai_agent", "service_expansion_navigator"}, found


def test_a_ranking_is_not_a_designation_and_the_four_centres_are_the_citys():
    g = GLOSSARY.set_index("term_zh")
    assert g.loc["全国创新百强区", "kind"] == "ranking"
    assert g.loc["四个中心", "scope"] == "municipal"
    assert "Context (not from the report)" in g.loc["四个中心", "explanation_en"]  # the tag rests on context


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_glossary_page_explains_its_tags_in_words(lang):
    page = pages.glossary_page(lang)
    intro = page.split("\n(", 1)[0]  # before the first term's anchor
    assert ("never the level" if lang == "en" else "不表示授予称号者的级别") in intro.replace("\\", "")
    assert "not\\_stated" not in page and "· local" not in page and "· national" not in page


def test_every_printed_scope_word_says_what_it_bounds():
    h = zy.load_honours()
    printed = h["scope_printed"].fillna("") != ""
    for col in ("scope_of_en", "scope_of_zh"):
        said = h[col].fillna("") != ""
        assert (printed == said).all(), list(h.index[printed != said])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_honours_table_shows_the_scope_as_printed_and_the_notes(lang):
    rows = pages.honours_rows(lang)
    text = str(rows)
    assert "国家层面" not in text and "scope (our classification)" not in text
    top100 = next(r for r in rows if r["id" if lang == "en" else "编号"] == "innovation_top100")
    assert ("全国 (the list's reach)" if lang == "en" else "全国（榜单范围）") in top100.values()
    assert any("87" in str(v) or "名次" in str(v) or "position" in str(v) for v in top100.values())  # its note


def test_the_wonder_tour_is_tagged_by_its_organisers_and_the_agent_city_is_gone():
    """中原奇妙游: the context note names the province and the city as organisers, so its 中原
    is Henan (tagged provincial, no longer 'district or region?'); 智能体: the Zhengzhou usage
    had no source and is dropped, the AI sense kept."""
    g = GLOSSARY.set_index("id")
    assert g.loc["zhongyuan_wonder_tour", "scope"] == "provincial"
    assert not LEFT_OPEN_EN.search(g.loc["zhongyuan_wonder_tour", "explanation_en"])
    assert "智能体城市" not in g.loc["ai_agent", "explanation_en"] + g.loc["ai_agent", "explanation_zh"]


def test_a_body_from_context_has_a_context_note():
    """body_source 'context' prints 'body known from context': only where a context note
    (context.csv, with its basis) bears on the honour. A body the collection guessed with no
    source is 'not stated'."""
    h, context = zy.load_honours(), zy.load_context()
    noted = {i for about in context["about"] for i in about.split(";")}
    from_context = set(h.loc[h["body_source"].astype(str) == "context", "id"])
    assert from_context <= noted, sorted(from_context - noted)
    unsourced = h[h["awarding_body_en"].str.contains("attribution", na=False)]
    assert set(unsourced["id"]) <= noted, list(unsourced["id"])


UNCONFIRMED_EN = re.compile(r"unconfirmed|not confirmed|could not be confirmed|no named (public )?source", re.I)
UNCONFIRMED_ZH = re.compile(r"未能.{0,12}核实|未经核实")


def test_every_row_naming_the_credit_cups_organiser_says_it_is_unconfirmed():
    """The collection's attribution of the Xinhua Credit Cup to China Economic Information
    Service has no named source: each row that states it says so, in both languages."""
    rows = [(f"glossary:{r.id}", r.explanation_en, r.explanation_zh) for r in GLOSSARY.itertuples()]
    rows += [(f"honours:{r.id}", f"{r.awarding_body_en} {r.note}", f"{r.awarding_body_zh} {r.note_zh}")
             for r in zy.load_honours().itertuples()]
    rows += [(f"context:{r.id}", r.context_en + r.basis, r.context_zh + r.basis_zh)
             for r in zy.load_context().itertuples()]
    naming = [(w, en, zh) for w, en, zh in rows
              if "中国经济信息社" in f"{en}{zh}" or "Economic Information Service" in en]
    assert len(naming) >= 3  # the glossary entry, the honour, the context note
    for where, en, zh in naming:
        assert UNCONFIRMED_EN.search(en) and UNCONFIRMED_ZH.search(zh), where


def test_the_historic_blocks_say_the_designation_predates_2024():
    """The context note dates the second batch to May 2021: the honours say plainly, as
    context, that the designation was not obtained in 2024."""
    h = zy.load_honours().set_index("id")
    for i in ("ersha_historic_block", "cotton_mill_3_historic_block"):
        assert "not obtained in 2024" in h.loc[i, "note"] and "Context" in h.loc[i, "note"]
        assert "并非2024年取得" in h.loc[i, "note_zh"] and "背景" in h.loc[i, "note_zh"]


def test_a_chart_label_says_when_a_body_is_the_collections_unconfirmed_attribution():
    """'body known from context' would state flatly what no named source confirmed: an
    attributed body is labelled as the collection's attribution, in both languages."""
    from zhongyuan.present.charts import _honour_label

    h = zy.load_honours()
    attributed = h[h["body_source"].astype(str) == "attributed"]
    assert "credit_case_xinhua_cup" in set(attributed["id"])
    for _, row in attributed.iterrows():
        assert "unconfirmed" in _honour_label(row, "en") and "未核实" in _honour_label(row, "zh")
        assert "from context" not in _honour_label(row, "en") and "据背景资料" not in _honour_label(row, "zh")
