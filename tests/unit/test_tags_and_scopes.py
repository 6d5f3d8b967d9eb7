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
    assert found >= {"zhongyuan_wonder_tour", "sixteen_measures_strong_start", "grassroots_party_brand_year",
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
