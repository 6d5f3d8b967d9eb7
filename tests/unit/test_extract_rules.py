"""The extractor's rules, class by class, on sentences written for these tests.

None of these sentences is taken from a labelled text: each shows one convention of the
genre (how reports date, hedge and frame their figures) in words of our own, so that a rule
is tested for what it is meant to do and not for one report's wording. The classes are
those of issue 23; docs/extractor.md explains each.
"""
from __future__ import annotations

import pytest

from zhongyuan.extract import scan


def rows(text: str, year: int | None = 2023) -> list[dict]:
    return scan(text, year)


def at(text: str, number: str, year: int | None = 2023) -> dict:
    """The one row whose printed number is `number`."""
    found = [r for r in scan(text, year) if r["number"] == number]
    assert len(found) == 1, (text, number, scan(text, year))
    return found[0]


def periods(text: str, year: int | None = 2023) -> dict[str, str]:
    return {r["number"]: r["period"] for r in scan(text, year)}


# 1. The genre's period words ------------------------------------------------------------------

@pytest.mark.parametrize("text, period", [
    ("1-7月,全镇完成税收2.3亿元。", "2023-01..2023-07"),
    ("1~7月份,全镇完成税收2.3亿元。", "2023-01..2023-07"),
    ("1至7月,全镇完成税收2.3亿元。", "2023-01..2023-07"),
    ("1月至7月,全镇完成税收2.3亿元。", "2023-01..2023-07"),
    ("元至七月,全镇完成税收2.3亿元。", "2023-01..2023-07"),
    ("年初至7月底,全镇完成税收2.3亿元。", "2023-01..2023-07"),
    ("前7个月,全镇完成税收2.3亿元。", "2023-01..2023-07"),
    ("前七个月,全镇完成税收2.3亿元。", "2023-01..2023-07"),
    ("一季度,全镇完成税收2.3亿元。", "2023-01..2023-03"),
    ("第二季度,全镇完成税收2.3亿元。", "2023-04..2023-06"),
    ("前三季度,全镇完成税收2.3亿元。", "2023-01..2023-09"),
    ("前三个季度,全镇完成税收2.3亿元。", "2023-01..2023-09"),
    ("四季度,全镇完成税收2.3亿元。", "2023-10..2023-12"),
    ("上半年,全镇完成税收2.3亿元。", "2023-01..2023-06"),
    ("下半年,全镇完成税收2.3亿元。", "2023-07..2023-12"),
    ("全年完成税收2.3亿元。", "2023"),
    ("7月份,全镇完成税收2.3亿元。", "2023-07..2023-07"),
    ("截至7月底,全镇完成税收2.3亿元。", "2023-01..2023-07"),
    ("2022年1-7月,全镇完成税收2.3亿元。", "2022-01..2022-07"),
])
def test_period_words_of_the_genre(text, period):
    assert at(text, "2.3")["period"] == period


def test_a_period_phrase_is_not_a_quantity():
    """前7个月 and 前三个季度 print a number and a unit, but they name months, not a duration."""
    assert [r["number"] for r in rows("前7个月,全镇税收增长5%。")] == ["5"]
    assert [r["number"] for r in rows("前三个季度,全镇税收增长5%。")] == ["5"]


def test_a_period_written_straight_before_its_verb_or_indicator_opens_the_clause():
    assert at("1-7月完成税收2.3亿元,增长5%。", "5")["period"] == "2023-01..2023-07"
    assert at("上半年规上工业产值增长9%。", "9")["period"] == "2023-01..2023-06"
    # but a period used as an adjective of another noun dates nothing
    assert at("二季度经济形势好转,税收增长5%。", "5")["period"] == "2023"


@pytest.mark.parametrize("text, period", [
    ("今年,全镇税收增长5%。", "2024"),
    ("本年,全镇税收增长5%。", "2024"),
    ("去年,全镇税收增长5%。", "2023"),
    ("今年上半年,全镇税收增长5%。", "2024-01..2024-06"),
    ("去年全年,全镇税收增长5%。", "2023"),
])
def test_relative_years_count_from_the_year_the_text_was_written(text, period):
    """A work report given in 2024 reviews 2023 (the figures' year, passed as `year`);
    its 今年 is 2024, its 去年 2023."""
    report = "(2024年1月20日在镇人民代表大会上)\n" + text
    assert at(report, "5", 2023)["period"] == period


def test_written_year_comes_from_a_dateline_or_a_titles_year():
    from zhongyuan.extract.periods import written_year

    assert written_year("某镇2024年政府工作报告\n各位代表:...", 2023) == 2024
    assert written_year("发布时间:2025-03-02 08:15\n本报讯...", 2024) == 2025
    assert written_year("各位代表:现在我代表镇政府报告工作。", 2023) == 2023


@pytest.mark.parametrize("text", [
    "全镇税收增长5%,比上年提高1个百分点。",
    "全镇税收较2022年同期增长5%。",
    "与去年同期相比,全镇税收增长5%。",
    "全镇税收增长5%,比1-6月回落1个百分点。",
])
def test_a_period_named_as_the_base_of_a_comparison_is_not_the_figures(text):
    assert set(periods(text).values()) == {"2023"}


def test_an_open_period_gives_no_end_month():
    """今年以来 and 截至目前 run to a month the text does not print."""
    assert at("今年以来,全镇完成税收2.3亿元。", "2.3")["period"] == "*"
    assert at("截至目前,全镇完成税收2.3亿元。", "2.3")["period"] == "*"
    # 以来 after an event is not a period at all
    assert at("建镇以来,全镇累计植树1200万株。", "1200")["period"] == "..2023"


def test_the_year_of_a_text_that_names_only_a_base_is_the_year_after_it():
    from zhongyuan.extract.periods import infer_year

    assert infer_year("全镇税收较2022年同期增长5%,较2022年同期多1.1亿元。") == 2023
