"""Chinese renders with the bundled font and no missing glyph; without the font, a clear error."""
from __future__ import annotations

import builtins
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import zhongyuan as zy  # noqa: E402
from zhongyuan import charts, style  # noqa: E402

SAMPLE = "固定资产投资同比增长 −2.9% ≈ ≥ ≤ < > “四个中心” 1~11月 万平方米 亩 ·"


def test_chinese_text_renders_without_a_missing_glyph():
    zy.use_house_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a "Glyph ... missing" warning fails the test
        fig, ax = plt.subplots()
        ax.set_title(SAMPLE)
        ax.set_xlabel("亿元")
        fig.canvas.draw()
        plt.close(fig)
    assert matplotlib.rcParams["font.family"] == [style.FONT_FAMILY]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_headline_chart_draws_cleanly_in_both_languages(lang):
    zy.use_house_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = charts.levels_and_growth(
            ["budget_revenue", "retail_sales"],
            [("budget_revenue_growth", "city_budget_revenue_growth"), ("services_revenue_growth", None)],
            "T", lang)
        fig.canvas.draw()
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    plt.close(fig)
    joined = " ".join(" ".join(texts).split())  # the source line wraps
    assert ("1~11月" if lang == "zh" else "Jan–Nov 2024") in joined      # the period
    assert "city_budget_revenue_growth = budget_revenue_growth - budget_revenue_gap_vs_city" in joined
    # the source line, dated as each language writes it
    assert ("2024-12-30" if lang == "en" else "2024年12月30日") in joined
    assert ("推算" if lang == "zh" else "derived") in joined              # derived marked


def test_two_units_on_one_axis_are_refused():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="one axis, one unit"):
        charts.bar_chart(ax, charts.plot_rows(["budget_revenue", "budget_revenue_growth"], "en"), "en")
    plt.close(fig)


def test_a_missing_font_package_is_a_clear_error(monkeypatch):
    real_import = builtins.__import__

    def no_font(name, *args, **kwargs):
        if name == "pylopdf_fonts_zh_cn":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_font)
    with pytest.raises(zy.FontMissingError, match="pip install pylopdf-fonts-zh-cn"):
        zy.use_house_style()


def test_qualifier_marks():
    rows = charts.plot_rows(["four_centres_events", "four_centres_visits", "gdp_growth_estimate",
                             "vouchers_leveraged_consumption"], "en")
    labels = [charts.value_label(r, "en").rstrip("†") for _, r in rows.iterrows()]  # † an open reading
    assert labels == ["nearly 400", "over 200", "about 5% (estimate)", "at least 10"]
    zh = [charts.value_label(r, "zh").rstrip("†") for _, r in charts.plot_rows(
        ["four_centres_events", "four_centres_visits", "gdp_growth_estimate", "vouchers_leveraged_consumption"],
        "zh").iterrows()]
    assert zh == ["近400场", "超200万人次", "5%左右（预计）", "10亿元以上"]


def test_tiles_show_each_figure_with_its_own_unit_and_period():
    zy.use_house_style()
    fig = charts.tiles(["households_rehoused", "elevators_added", "gdp_growth_estimate"], "T", "en")
    texts = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    plt.close(fig)
    assert "12203" in texts and "households" in texts
    assert "cumulative to 2024" in texts and "estimate" in texts and "about 5" in texts


def test_fact_table_carries_marks_periods_and_quotes():
    from zhongyuan.present.i18n import column

    table = charts.fact_table(section="projects", lang="zh")
    assert table.loc["four_centres_events", column("figure", "zh")].rstrip("†") == "近400场"
    assert table.loc["budget_revenue", column("period", "zh")] == "2024年1~11月"
    assert table.loc["gdp_growth_estimate", column("status", "zh")] == "预计数"
    quotes = table[column("quote", "zh")]
    assert (quotes != "").all() and len(table) == (zy.load_facts()["section"] == "projects").sum()


def test_interval_chart_draws_one_unit_and_refuses_two():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    charts.interval_chart(ax, ["fixed_asset_investment_gap_check", "retail_sales_gap_check"], "en")
    assert len(ax.patches) == 4  # computed and stated interval for each check
    with pytest.raises(ValueError, match="one unit"):
        charts.interval_chart(ax, ["key_projects_plan", "innovative_sme_target"], "en")
    plt.close(fig)
