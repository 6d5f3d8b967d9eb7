"""What every chart helper draws, checked against the tables themselves.

Expected values are read from the CSV files with the csv module and computed here by hand
(1.7 − 4.6 = −2.9), not through zhongyuan's loaders or derive.py, so a bar of the wrong
length fails even when the helper and the figure it was given agree with each other.
"""
from __future__ import annotations

import csv
import re
from collections import Counter

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import zhongyuan as zy  # noqa: E402
from zhongyuan import charts, i18n, style  # noqa: E402
from zhongyuan.factbase.paths import data_dir  # noqa: E402


def _table(name: str) -> dict[str, dict]:
    with open(data_dir() / f"{name}.csv", encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


FACTS = _table("facts")
WORD = {"exact": "", "about": "about ", "nearly": "nearly ", "over": "over ", "at_least": "at least "}
SYMBOLS = re.compile("[≈<>≥≤]")  # a hedge is never a symbol


def value(id_: str) -> float:
    return float(FACTS[id_]["value"])


def bars(ax) -> list[Rectangle]:
    """The bars of an axes in drawing order (legend handles are not among them)."""
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def texts(artist) -> list[str]:
    return [" ".join(t.get_text().split()) for t in artist.texts]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_bar_chart_draws_each_value_with_its_mark_and_hatches_derived_bars():
    fig, ax = plt.subplots()
    charts.bar_chart(ax, charts.plot_rows(["four_centres_events"], "en"), "en")
    (bar,) = bars(ax)
    assert bar.get_width() == value("four_centres_events") and not bar.get_hatch()
    assert texts(ax)[0].startswith(f"nearly {value('four_centres_events'):g}")  # 近400场: in words

    fig, ax = plt.subplots()
    charts.bar_chart(ax, charts.plot_rows(["key_projects_plan", "key_projects_investment"], "en"), "en")
    plan, done = bars(ax)
    expected_plan = value("key_projects_investment") / (value("key_projects_completion_rate") / 100)
    assert plan.get_width() == pytest.approx(expected_plan) and plan.get_hatch() == charts.HATCH
    assert done.get_width() == value("key_projects_investment") and not done.get_hatch()
    assert plan.get_y() > done.get_y()  # the first row on top
    plan_label, done_label = texts(ax)
    assert plan_label.startswith(f"{expected_plan:.1f}") and "derived" in plan_label
    assert done_label.startswith(f"{value('key_projects_investment'):g}") and "derived" not in done_label
    assert ax.get_xlabel() == zy.load_units().loc[FACTS["key_projects_investment"]["unit"], "unit_en"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compare_chart_draws_district_and_city_and_the_implied_city_rate_below_zero(lang):
    pairs = [("budget_revenue_growth", "city_budget_revenue_growth"),
             ("fixed_asset_investment_growth", "city_fixed_asset_investment_growth"),
             ("retail_sales_growth", "city_retail_sales_growth"),
             ("services_revenue_growth", None)]
    fig, ax = plt.subplots()
    charts.compare_chart(ax, pairs, lang)
    drawn = [(round(b.get_y() + b.get_height() / 2, 6), b.get_width(), b.get_hatch()) for b in bars(ax)]
    drawn = [(w, h) for _, w, h in sorted(drawn, reverse=True)]  # top to bottom
    city_budget = value("budget_revenue_growth") - value("budget_revenue_gap_vs_city")  # 1.7 − 4.6
    assert city_budget == pytest.approx(-2.9)
    expected = [
        (value("budget_revenue_growth"), None), (city_budget, charts.HATCH),
        (value("fixed_asset_investment_growth"), None), (value("city_fixed_asset_investment_growth"), None),
        (value("retail_sales_growth"), None), (value("city_retail_sales_growth"), None),
        (value("services_revenue_growth"), None), (0.0, None),  # no city figure: an empty row
    ]
    assert [(pytest.approx(w), h or None) for w, h in expected] == [(w, h or None) for w, h in drawn]
    labels = texts(ax)
    derived = i18n.word("derived_short", lang)
    assert any(t.startswith("−2.9%") and derived in t for t in labels), labels  # (推算) or （推算）
    assert any(t.startswith(f"{value('budget_revenue_growth'):g}%") for t in labels), labels
    assert any(t.startswith(i18n.word("city", lang)) and t.endswith(i18n.word("not_stated", lang))
               for t in labels), labels
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    bracket = "（{}）" if lang == "zh" else " ({})"  # Chinese text takes full-width brackets
    assert legend == [i18n.word("district", lang), i18n.word("city", lang),
                      i18n.word("city", lang) + bracket.format(derived)]


def test_levels_and_growth_titles_the_period_and_names_every_id_in_its_source_line():
    level_ids = ["budget_revenue", "fixed_asset_investment", "retail_sales", "services_revenue"]
    fig = charts.levels_and_growth(level_ids, [("budget_revenue_growth", "city_budget_revenue_growth")],
                                   "Headline", "en")
    left, right = fig.axes[:2]
    assert [b.get_width() for b in bars(left)] == [value(i) for i in level_ids]
    assert [b.get_width() for b in bars(right)] == [value("budget_revenue_growth"), pytest.approx(-2.9)]
    assert fig._suptitle.get_text() == "Headline · Jan–Nov 2024"
    source = texts(fig)[-1].replace(" ", "")
    assert source.startswith("Source:newsreport(记者唐善普)oftheZhongyuanDistrict2024economicworkreport,2024-12-30")
    for id_ in level_ids + ["budget_revenue_growth", "budget_revenue_gap_vs_city"]:
        assert id_ in source
    assert "derived(notprintedinthereport)(hatched):city_budget_revenue_growth=" \
           "budget_revenue_growth-budget_revenue_gap_vs_city" in source


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiles_show_the_printed_number_its_mark_unit_and_period(lang):
    ids = ["households_rehoused", "four_centres_visits", "gdp_growth_estimate", "places_per_new_class"]
    fig = charts.tiles(ids, "T", lang)
    shown = [texts(ax) for ax in fig.axes[:len(ids)]]
    units = zy.load_units()
    for id_, tile in zip(ids[:3], shown):
        f = FACTS[id_]
        # English: the hedge in words; Chinese: the figure as the report prints it (近400场)
        number = i18n.as_printed(f["quote"], f"{float(f['value']):g}", f["unit"]) if lang == "zh" else \
            f"{WORD[f['qualifier']]}{float(f['value']):g}"
        # the unit once: in the figure as printed (Chinese), or on the line under it (English)
        unit = f["unit"] if lang == "zh" else units.loc[f["unit"], "unit_en"]
        assert tile[0].rstrip("†") == number and tile[1] == ("" if unit in number else unit), tile  # † an open reading
        assert unit in tile[0] + tile[1]
        assert not SYMBOLS.search(tile[0])
        assert i18n.period_label(f["period"], lang, f["period_basis"]) in tile[3]
    assert i18n.word("estimate", lang) in shown[2][3]
    assert i18n.word("derived_short", lang) in shown[3][3]  # a derived tile says so
    per_class = value("new_school_places") / value("new_classes")
    assert float(re.sub(r"^\D+|\D+$", "", shown[3][0])) == pytest.approx(per_class, abs=0.05)
    assert all(not ax.axison for ax in fig.axes)  # tiles, not an axis shared by two units


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_honours_by_body_counts_the_honours_table(lang):
    honours = _table("honours")
    fig = charts.honours_by_body(None, "Honours", lang)
    ax = fig.axes[0]
    counts = Counter(h["body_kind"] for h in honours.values())
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    drawn = {tick: bar.get_width() for tick, bar in zip(ticks, bars(ax))}
    assert drawn == {i18n.BODY_KINDS[kind][lang]: n for kind, n in counts.items()}
    names = "".join(texts(ax)).replace("\n", "").replace(" ", "")
    for h in honours.values():
        who = h["who_zh"] if lang == "zh" else h["who_en"]
        what = h["what_zh"] if lang == "zh" else h["what_en"]
        assert who.replace(" ", "") in names or what.replace(" ", "") in names, who
    source = texts(fig)[-1].replace("\n", "").replace(" ", "")
    assert all(i in source for i in honours)  # every honours id cited


def test_ranked_bars_draw_the_series_in_order_with_labels():
    terms = pd.Series([12, 7.5, 3], index=["甲", "乙", "丙"])
    fig, ax = plt.subplots()
    charts.ranked_bars(ax, terms, label_format="{:g}")
    drawn = sorted(bars(ax), key=lambda b: -b.get_y())
    assert [b.get_width() for b in drawn] == [12, 7.5, 3]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["甲", "乙", "丙"]
    assert texts(ax) == ["12", "7.5", "3"]


def test_interval_chart_draws_the_intervals_rounding_leaves():
    fig, ax = plt.subplots()
    charts.interval_chart(ax, ["budget_revenue_growth", "city_budget_revenue_growth"], "en")
    district, city = bars(ax)
    # 1.7% printed with one decimal: 1.65 to 1.75; the lead 4.6: 4.55 to 4.65
    assert (district.get_x(), district.get_x() + district.get_width()) == (pytest.approx(1.65), pytest.approx(1.75))
    assert (city.get_x(), city.get_x() + city.get_width()) == (pytest.approx(1.65 - 4.65), pytest.approx(1.75 - 4.55))
    assert city.get_x() + city.get_width() < 0 and city.get_hatch() == charts.HATCH and not district.get_hatch()
    dots = [(line.get_xdata()[0], line.get_marker()) for line in ax.lines]
    assert dots == [(value("budget_revenue_growth"), "o"), (pytest.approx(-2.9), "o")]
    assert texts(ax) == ["1.7% [1.65, 1.75]", "−2.9% (derived) [−3.00, −2.80]"]  # a true minus sign


def test_interval_chart_draws_a_check_beside_the_stated_figure():
    fig, ax = plt.subplots()
    charts.interval_chart(ax, ["retail_sales_gap_check"], "en")
    computed, stated = bars(ax)
    gap = value("retail_sales_growth") - value("city_retail_sales_growth")
    assert computed.get_hatch() == charts.HATCH and not stated.get_hatch()
    assert computed.get_x() < gap < computed.get_x() + computed.get_width()
    s = value("retail_sales_gap_vs_city")
    assert stated.get_x() < s < stated.get_x() + stated.get_width()
    assert any(t.startswith(f"stated {s:g}") for t in texts(ax))


def test_source_line_names_facts_honours_and_formulas():
    fig = plt.figure()
    charts.source_line(fig, ["budget_revenue", "city_budget_revenue_growth", "ersha_historic_block"], "zh")
    (text,) = [t.replace(" ", "").replace("：", ":") for t in texts(fig)]  # wrapped; colons by language
    assert text.startswith(f"{i18n.word('source', 'zh')}:记者唐善普对中原区2024年经济工作报告的报道")
    assert "2024年12月30日" in text.split("·")[0]  # the report's date, written as Chinese writes it
    assert "事实编号:budget_revenue,budget_revenue_growth,budget_revenue_gap_vs_city" in text
    assert "荣誉编号:ersha_historic_block" in text
    assert "(斜线填充):city_budget_revenue_growth=budget_revenue_growth-budget_revenue_gap_vs_city" in \
        text.replace("（", "(").replace("）", ")")
    assert not SYMBOLS.search(text)  # no legend of symbols: no symbols to explain


def test_source_note_credits_the_report_and_the_method():
    fig = plt.figure()
    charts.source_note(fig, "en", extra="top 10")
    (text,) = [" ".join(t.split()) for t in texts(fig)]
    assert text.startswith("Source: news report (记者 唐善普) of the Zhongyuan District 2024 economic work report, "
                           "2024-12-30 · words: jieba")
    assert text.endswith("· top 10")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fact_table_prints_each_figure_as_the_report_does(lang):
    table = charts.fact_table(section="projects", lang=lang)
    projects = [i for i, f in FACTS.items() if f["section"] == "projects"]
    assert list(table.index) == projects
    col = {k: i18n.column(k, lang) for k in ("figure", "what", "period", "quote")}
    text = zy.cleaned_text()
    for id_ in projects:
        f = FACTS[id_]
        number = table.loc[id_, col["figure"]].rstrip("†")  # † marks an open reading
        if lang == "zh":  # as the report prints it, hedge and all: 近400场, 超200万人次, 5%左右
            assert number in f["quote"] and number.endswith(("左右", "以上", f["unit"])), number
        else:
            assert number.startswith(WORD[f["qualifier"]]) and number.endswith(f["unit"]), number
            shown = number[len(WORD[f["qualifier"]]):-len(f["unit"])].replace("−", "-")
            assert float(shown) == float(f["value"])
        assert table.loc[id_, col["quote"]] == f["quote"] and f["quote"] in text
        assert table.loc[id_, col["what"]] == (f["subject_zh"] if lang == "zh" else f["subject_en"])
        assert table.loc[id_, col["period"]] == i18n.period_label(f["period"], lang, f["period_basis"])


def test_honours_and_glossary_tables_show_the_tables_rows():
    honours, glossary = _table("honours"), _table("glossary")
    for lang in ("en", "zh"):
        h = charts.honours_table(lang=lang)
        assert list(h[i18n.column("quote", lang)]) == [r["quote"] for r in honours.values()]
        assert [w.startswith(r["who_zh" if lang == "zh" else "who_en"])
                for w, r in zip(h[i18n.column("who", lang)], honours.values())] == [True] * len(honours)
        g = charts.glossary_table(lang=lang)
        assert list(g.index) == [r["term_zh"] for r in glossary.values()]
        assert list(g[i18n.column("explanation", lang)]) == [
            r[f"explanation_{lang}"] or r["explanation_en"] for r in glossary.values()]


def test_title_always_carries_the_period():
    fig, ax = plt.subplots()
    charts.title(ax, "Key projects", "2024-01..2024-11", "en")
    charts.title(fig, "重点项目", "..2024", "zh")
    assert ax.get_title(loc="left") == "Key projects · Jan–Nov 2024"  # the house style's place
    assert fig._suptitle.get_text() == "重点项目 · 截至2024年累计"


def test_figure_summary_lists_what_a_chart_draws():
    """The text nbval compares for every chart in the notebooks (style.figure_summary)."""
    fig, ax = plt.subplots(figsize=(11, 4.4))
    charts.compare_chart(ax, [("budget_revenue_growth", "city_budget_revenue_growth")], "zh")
    charts.title(ax, "增长", "2024-01..2024-11", "zh")
    summary = style.figure_summary(fig).splitlines()
    assert summary[0] == "Figure 1100x440 px, 1 axes"
    assert "  bar x=0 w=−2.9 y=−0.38 h=0.38 hatch ////" in summary
    assert any(line.startswith("  text '−2.9%") and "推算" in line for line in summary), summary
    assert "axes 1: title '增长 · 2024年1~11月' xlabel '%'" in summary
    assert any(line.startswith("  yticks: 一般公共预算收入") for line in summary)


@pytest.mark.parametrize("kind", ["value labels", "tiles", "fact tables"])
def test_no_hedge_is_a_symbol_in_the_chinese_edition(kind):
    """Every fact and derived figure, as the Chinese edition labels it: 近400场, never <400场."""
    ids = list(FACTS) + list(zy.derived_figures().index)
    if kind == "value labels":
        shown = [charts.value_label(r, "zh") for _, r in charts.plot_rows(ids, "zh").iterrows()]
    elif kind == "tiles":
        fig = charts.tiles(ids, "T", "zh")
        shown = [t for ax in fig.axes for t in texts(ax)]
    else:
        shown = list(charts.fact_table(list(FACTS), lang="zh")[i18n.column("figure", "zh")])
    bad = [s for s in shown if SYMBOLS.search(s)]
    assert not bad, bad[:10]
    hedged = [i for i, f in FACTS.items() if f["qualifier"] != "exact"]
    if kind == "fact tables":  # each hedged figure prints its hedge word as the report does
        table = charts.fact_table(hedged, lang="zh")[i18n.column("figure", "zh")]
        assert all(re.search("近|超|余|左右|以上", s) for s in table), list(table)


# Words the third reading found broken across a chart label's lines (规模以上营利性服/务业,
# 计/划, 郑/州市, 认/定), and every glossary term.
UNBROKEN = ["规模以上营利性服务业", "计划", "郑州市", "认定", "一般公共预算收入", "创新型中小企业"]


def test_chinese_labels_break_between_words_not_inside_one_unbroken():
    facts = zy.load_facts()
    words = UNBROKEN + list(pd.read_csv(data_dir() / "glossary.csv")["term_zh"])
    labels = [charts.plot_rows([i], "zh", with_period=True)["label"].iloc[0] for i in facts.index]
    checked = 0
    for label in labels:
        wrapped = charts._wrap(label, "zh", 24)
        assert wrapped.replace("\n", "") == label.replace("\n", "")
        for word in words:
            if word in label and len(word) <= 12:  # a longer word than a line must break
                checked += 1
                assert word in wrapped, f"{word!r} broken in {wrapped!r}"
    assert checked > 20
    # and the lines are as even as the words allow: no line of one or two characters
    assert charts._wrap("郑州市一般公共预算收入增速（推算）", "zh") == "郑州市一般公共预算收入\n增速（推算）"


def test_a_word_longer_than_a_line_is_wrapped_without_failing():
    """A word of 19 hanzi in lines of 5: it stands on a line of its own (once raised
    StopIteration inside the slide pictures' formatter, printing a traceback on 07's slides)."""
    from zhongyuan.present.wrapping import wrap

    text = "中国国际微纳技术暨复合材料创新发展论坛"
    assert wrap(text, "zh", 10).replace("\n", "") == text
