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


# 2. A period stated once for a run of figures ----------------------------------------------

def test_a_period_at_the_head_of_a_paragraph_dates_every_figure_of_it():
    text = "上半年,全镇完成投资4.5亿元,增长6%。规上企业新增3家。外贸进出口增长12%。"
    assert set(periods(text).values()) == {"2023-01..2023-06"}


def test_a_period_in_a_later_sentence_dates_that_sentence_only():
    text = "项目建设提速。上半年,全镇完成投资4.5亿元,增长6%。新签约项目8个。"
    assert periods(text) == {"4.5": "2023-01..2023-06", "6": "2023-01..2023-06", "8": "2023"}


def test_a_sentence_that_states_its_own_period_overrides_the_paragraphs():
    text = "前三季度,全镇税收增长5%。9月当月,税收增长11%。外贸增长7%。"
    assert periods(text) == {"5": "2023-01..2023-09", "11": "2023-09..2023-09", "7": "2023-01..2023-09"}


def test_a_list_sentence_broken_across_lines_keeps_its_period():
    """A line that ends inside a sentence (after ; , 、) runs on into the next line."""
    text = "全年,全镇完成投资4.5亿元,增长6%;\n外贸进出口1.2亿元,增长12%;\n城镇新增就业800人。"
    assert set(periods(text, 2022).values()) == {"2022"}
    text = "前8个月,全镇完成投资4.5亿元;\n外贸进出口1.2亿元。"
    assert periods(text) == {"4.5": "2023-01..2023-08", "1.2": "2023-01..2023-08"}


def test_the_period_of_a_list_head_dates_its_items():
    text = ("1-9月,全镇主要指标完成情况如下:\n(一)工业产值完成30亿元,增长8%。\n(二)外贸进出口增长4%。\n"
            "三、下一步工作\n新建标准厂房2万平方米。")
    assert periods(text) == {"30": "2023-01..2023-09", "8": "2023-01..2023-09", "4": "2023-01..2023-09",
                             "2": "2023"}


def test_a_paragraph_that_goes_on_with_the_one_before_keeps_its_period():
    text = "1-8月,全镇完成税收2.3亿元。\n其中,8月份完成税收0.4亿元。\n分行业看,建筑业税收增长15%。"
    assert periods(text) == {"2.3": "2023-01..2023-08", "0.4": "2023-08..2023-08", "15": "2023-08..2023-08"}


def test_a_new_paragraph_on_a_new_subject_does_not_keep_a_paragraphs_period():
    text = "各位代表:现在报告工作。\n工作回顾\n上半年,全镇完成税收2.3亿元。\n民生实事\n新建口袋公园6个。"
    assert periods(text) == {"2.3": "2023-01..2023-06", "6": "2023"}
    text = "各位代表:现在报告工作。\n上半年,全镇完成税收2.3亿元。\n新建口袋公园6个。"
    assert periods(text)["6"] == "2023"


def test_the_articles_first_sentence_dates_the_whole_article():
    text = ("本报讯(记者 张三)前5个月,全镇经济运行平稳。\n全镇完成工业产值30亿元,增长8%。\n"
            "二、消费。社会消费品零售总额增长6%。")
    assert set(periods(text).values()) == {"2023-01..2023-05"}


def test_a_title_with_months_dates_the_article():
    text = "全镇前5个月经济运行简况\n记者 张三\n全镇完成工业产值30亿元,增长8%。"
    assert set(periods(text).values()) == {"2023-01..2023-05"}
    # a work report's title names its year, not a period of its figures
    assert set(periods("某镇2024年政府工作报告\n全镇税收增长5%。", 2023).values()) == {"2023"}


# 3. Balances, changes since the start of the year, running totals ---------------------------

def test_a_balance_is_a_stock_at_the_date_it_is_stated_for():
    text = "截至6月末,全镇存款余额86亿元,同比增长7%;贷款余额41亿元。"
    assert periods(text) == {"86": "..2023-06", "7": "..2023-06", "41": "..2023-06"}
    assert at("年末,全镇存款余额86亿元。", "86")["period"] == "..2023"
    assert at("1-6月,全镇存款余额86亿元。", "86")["period"] == "..2023-06"


def test_a_change_since_the_start_of_the_year_is_a_gap_from_january():
    text = "6月末,全镇贷款余额41亿元,较年初净增3.5亿元,比年初增长9.3%。"
    assert (at(text, "3.5")["period"], at(text, "3.5")["measure"]) == ("2023-01..2023-06", "gap")
    assert (at(text, "9.3")["period"], at(text, "9.3")["measure"]) == ("2023-01..2023-06", "growth")
    assert at("截至9月底,全镇存款余额比年初减少2亿元。", "2")["value"] == -2


def test_stocks_on_the_books_and_their_flows():
    text = "截至6月底,全镇实有经营主体1.6万户,新增经营主体900户。"
    assert periods(text) == {"1.6": "..2023-06", "900": "2023-01..2023-06"}


def test_a_running_total_is_for_the_months_of_its_paragraph():
    """累计 in a paragraph dated 1-6月 sums those months; with no period in force it is a
    total up to now (..2023), and 连续/历年 always run over years."""
    assert at("1-6月,全镇累计接待游客35万人次。", "35")["period"] == "2023-01..2023-06"
    assert at("全年累计接待游客70万人次。", "70")["period"] == "2023"
    assert at("全镇累计建成农村公路300公里。", "300")["period"] == "..2023"
    assert at("1-6月,全镇连续3年获评平安乡镇。", "3")["period"] == "..2023"


# 4. Targets and plans -----------------------------------------------------------------------

@pytest.mark.parametrize("text, number", [
    ("力争全镇税收增长8%。", "8"),
    ("确保粮食产量稳定在3万吨以上。", "3"),
    ("今年的预期目标是:全镇税收增长8%左右。", "8"),
    ("朝着工业产值突破60亿元的目标迈进。", "60"),
    ("全镇税收增长8%左右的预期目标。", "8"),
    ("我们将重点办好五件民生实事。", "五"),
    ("项目投产后将新增税收3000万元。", "3000"),
])
def test_words_of_a_target_make_a_target(text, number):
    assert at(text, number)["status"] == "target"


def test_a_target_has_its_own_year():
    assert at("力争到2027年,全镇工业产值突破80亿元。", "80")["period"] == "2027"
    assert at("到2027年工业产值突破80亿元。", "80")["period"] == "2027"
    row = at("到“十五五”末,全镇规上企业达到60家。", "60", 2026)
    assert (row["status"], row["period"]) == ("target", "2030")
    assert at("力争明年税收增长8%。", "8")["period"] == "2024"
    text = "(2024年1月9日)\n2024年全镇发展的主要预期目标是:工业产值增长9%。"
    assert (at(text, "9")["status"], at(text, "9")["period"]) == ("target", "2024")


def test_a_target_reached_is_an_actual_about_a_target():
    text = "提前两年完成了工业产值突破60亿元的目标。"
    assert at(text, "两")["status"] == "actual" and at(text, "两")["measure"] == "duration"
    assert at(text, "60")["status"] == "actual"
    assert at("实现了税收增长8%的年度目标。", "8")["status"] == "actual"
    # a deadline already past dates a running total, it sets no target
    assert at("到2022年底,全镇累计建成充电桩400个。", "400")["status"] == "actual"


def test_a_campaign_named_by_its_length_is_no_figure():
    assert [r["number"] for r in rows("开展“奋战60天”专项行动,新开工项目12个。")] == ["12"]
    assert [r["number"] for r in rows("开展大干90天活动,新开工项目12个。")] == ["12"]
    assert [r["number"] for r in rows("打响30天攻坚行动,新开工项目12个。")] == ["12"]
    # a duration that is not a name stays
    assert at("用45天完成征迁。", "45")["measure"] == "duration"


# 5. The article's frame ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "2024-05-06 09:12 来源:镇融媒体中心",
    "发布时间:2024年05月06日 09:12:30 阅读量:2.4万",
    "浏览次数:1862",
    "今年恰逢撤乡建镇30周年。",
    "主要指标保持两位数增长。",
    "全镇规模以上企业营收增长较快。",
])
def test_the_frame_of_an_article_has_no_figures(text):
    assert rows(text) == []


def test_thresholds_that_name_a_category_are_not_amounts():
    text = "全镇500万元以上项目投资增长9%,新签约亿元以上项目4个,超5亿元项目2个。"
    assert [r["number"] for r in rows(text)] == ["9", "4", "2"]
    assert [r["number"] for r in rows("年营收2000万元及以上的商贸企业18家。")] == ["18"]
    assert [r["number"] for r in rows("全镇80岁以上老人共860人。")] == ["860"]


def test_an_amount_with_a_hedge_and_no_category_is_a_figure():
    assert at("带动消费3亿元以上。", "3")["qualifier"] == "at_least"
    assert at("新增就业600人以上,新建道路12公里。", "600")["qualifier"] == "at_least"
    # a share of a category is a figure: 九成以上的村, 80%以上的企业
    assert at("85%以上的企业实现盈利。", "85")["qualifier"] == "at_least"


# 6. Proportions in words, and a structure printed as a ratio --------------------------------

@pytest.mark.parametrize("text, number, value, qualifier", [
    ("全镇九成农户参加了医保。", "九", 90, "exact"),
    ("七成以上的村建起了合作社。", "七", 70, "at_least"),
    ("群众满意率近九成。", "九", 90, "nearly"),
    ("超六成企业订单增长。", "六", 60, "over"),
    ("两成耕地实现了托管。", "两", 20, "exact"),
])
def test_tenths_in_words_are_shares_in_percent_with_the_unit_cheng(text, number, value, qualifier):
    row = at(text, number)
    assert (row["value"], row["unit"], row["qualifier"], row["measure"]) == (value, "成", qualifier, "rate")


@pytest.mark.parametrize("text", ["新公司成立于五月。", "一成不变的做法要改。", "游客三五成群。", "园区统一成为示范。"])
def test_cheng_in_words_is_no_proportion(text):
    assert rows(text) == []


def test_a_structure_printed_as_a_ratio_is_one_figure():
    text = "全镇三次产业结构调整为12.5:40.2:47.3。"
    (row,) = rows(text)
    assert (row["number"], row["value"], row["unit"]) == ("12.5:40.2:47.3", 12.5, "")
    assert text[row["start"]:row["end"]] == "12.5:40.2:47.3"


# 7. Status by hedge and by scope ------------------------------------------------------------

@pytest.mark.parametrize("text", ["全镇税收超过2亿元。", "全镇税收2亿元以上。", "全镇税收约2亿元。",
                                  "全镇税收近2亿元。", "全镇税收突破2亿元。"])
def test_a_hedge_does_not_make_an_estimate(text):
    assert at(text, "2")["status"] == "actual"


def test_yuji_covers_the_sentence_it_leads():
    text = "预计全年,全镇税收增长6%,工业产值增长9%;外贸增长3%。"
    assert [r["status"] for r in rows(text)] == ["estimate"] * 3
    text = "全镇预计完成税收2.3亿元,增长6%;外贸增长3%。"
    assert [r["status"] for r in rows(text)] == ["estimate"] * 3


def test_yuji_inside_a_list_item_covers_that_item_only():
    text = "全镇完成税收2.3亿元,增长6%;农民人均收入预计2.1万元,增长7%;登记失业率2.9%。"
    assert [r["status"] for r in rows(text)] == ["actual", "actual", "estimate", "estimate", "actual"]


def test_a_list_head_gives_its_status_to_the_items():
    text = "预计全年:\n全镇税收增长6%;\n工业产值增长9%。\n新建公园2个。"
    assert [r["status"] for r in rows(text)] == ["estimate", "estimate", "actual"]
    text = "主要预期目标是:\n1.全镇税收增长6%;\n2.工业产值增长9%。"
    assert [r["status"] for r in rows(text)] == ["target", "target"]


def test_a_target_word_reaches_to_the_end_of_its_sentence():
    text = "全镇税收增长6%,力争明年增长8%,工业产值增长10%。"
    assert [r["status"] for r in rows(text)] == ["actual", "target", "target"]


def test_an_open_lead_gives_way_to_the_first_months_its_paragraph_states():
    """今年以来 in a news lead, then 1-5月: the article's figures are January to May."""
    text = "本报讯 今年以来,全镇经济稳中有进。1-5月,全镇完成工业产值30亿元。\n外贸进出口增长6%。"
    assert periods(text) == {"30": "2023-01..2023-05", "6": "2023-01..2023-05"}


def test_more_or_less_than_a_year_before_is_a_gap():
    assert at("6月末,全镇贷款余额41亿元,同比多增2亿元。", "2")["measure"] == "gap"


def test_a_plan_with_no_year_is_for_the_year_the_report_is_given_in():
    text = "(2024年1月9日)\n过去一年,全镇税收增长6%。\n我们将重点办好五件民生实事。"
    assert periods(text, 2023) == {"6": "2023", "五": "2024"}
