"""No label calls a figure "for the year" when the report gives it no period.

51 figures stand in sentences without a period (period_basis `unstated`); the meeting was on
30 December, so no full-year actual could exist, and how far (下同) reaches is a reading
(readings.csv, xiatong_reach). Their labels say "period not stated" in every place a
reader meets them: charts, tiles, tables, prose.
"""
from __future__ import annotations

import json
import re

import matplotlib
import pytest

matplotlib.use("Agg")

import zhongyuan as zy  # noqa: E402
from zhongyuan import charts, i18n, narrate  # noqa: E402
from zhongyuan.build.run import notebook_paths  # noqa: E402

# a figure at a point in time (a destocking cycle) has a date, not a period: "time not stated"
NOT_STATED = {"en": "(?:period|time) not stated", "zh": "未注明时段|时点未注明"}
FACTS = zy.load_facts()
UNSTATED = list(FACTS.index[FACTS["period_basis"] == "unstated"])
DERIVED = zy.derived_figures()
UNSTATED_DERIVED = list(DERIVED.index[DERIVED["period_basis"] == "unstated"])


def test_there_are_figures_without_a_stated_period():
    assert len(UNSTATED) >= 40 and "report_year" not in set(FACTS["period_basis"].astype(str))


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_label_of_an_unstated_figure_says_so(lang):
    rows = charts.plot_rows(UNSTATED + UNSTATED_DERIVED, lang, with_period=True)
    for _, row in rows.iterrows():
        assert re.search(NOT_STATED[lang], row["label"]), row["id"]
        assert re.search(NOT_STATED[lang], narrate.fmt(row["id"], "period", lang)), row["id"]
    table = charts.fact_table(UNSTATED, lang=lang)
    assert table[i18n.column("period", lang)].str.contains(NOT_STATED[lang]).all()


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_tiles_of_unstated_figures_say_so(lang):
    import matplotlib.pyplot as plt

    ids = UNSTATED[:6]
    fig = charts.tiles(ids, "tiles", lang)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert sum(bool(re.search(NOT_STATED[lang], t)) for t in texts) == len(ids)
    assert not any(re.search(r"(?<!full )year 2024|全年", t) for t in texts)
    plt.close(fig)


def test_a_bare_year_is_the_full_year_only_where_the_report_says_so():
    assert i18n.period_label("2024", "en", "stated") == "full year 2024"
    assert i18n.period_label("2024", "zh", "stated") == "2024年全年"
    assert "year" not in i18n.period_label("2024", "en", None)
    for basis in ("unstated",):
        assert re.search(NOT_STATED["en"], i18n.period_label("2024", "en", basis))
    assert i18n.period_label("2024", "zh", "unstated", "point") == "2024年（时点未注明）"


def _texts(nb: dict):
    """(cell number, text) of every markdown cell and every text output of a notebook."""
    for n, cell in enumerate(nb["cells"], start=1):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            yield n, source
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for kind in ("text/markdown", "text/plain", "text/html"):
                if kind in data:
                    yield n, "".join(data[kind])
            if "text" in out:
                yield n, "".join(out["text"])


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_notebooks_never_call_an_undated_figure_a_full_year_one(path):
    """'year 2024' alone is the label an unstated period used to get; 'full year', 'whole year'
    and 全年 are said of the two estimates (预计) only."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for n, text in _texts(nb):
        assert not re.search(r"(?<!full )(?<!whole )\byear 2024\b", text), (path.name, n, "year 2024")
        for m in re.finditer(r"full[- ]year|whole year|全年", text):
            near = text[max(0, m.start() - 300): m.end() + 300]
            assert re.search(r"estimat|预计|forecast|expect", near), (path.name, n, near)
