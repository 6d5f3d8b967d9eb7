"""The brief: two to four A4 pages per edition for a meeting or a class (issue 22), as a page
of the site (brief.html) and, when a browser is found, a PDF (brief.pdf) printed by the
handout's machinery.

What the text is, the report's key findings (each one sentence with its figure, period and
hedge), two or three charts, what the report does not let one judge and where to read more.
Its words are templates in templates/brief.csv (key, en, zh), md()-style: every figure is a
{fact_id} placeholder rendered by zhongyuan.present.narrate for the edition, and a value
computed here (a count, the meeting's date) is passed by name. No figure is typed.

The charts are drawn here, with the package's chart helpers, for the page and for the
meeting deck (zhongyuan.build.meeting), which shares them. Each carries its source line
inside its own picture, where a slide, which shows the picture's area only, keeps it too.
"""
from __future__ import annotations

import csv
import functools
import io
import re
import textwrap
from pathlib import Path

from ..present import words

TEMPLATES = Path(__file__).parent / "templates"
FILE = TEMPLATES / "brief.csv"
PAGE, PDF = "brief", "brief.pdf"  # brief.html and brief.pdf, beside index.html
IMAGES = "brief"  # the charts' folder among the page sources
_NAMED = re.compile(r"\{([a-z][a-z0-9_]*)(?::[^{}]*)?\}")


# -- the words --------------------------------------------------------------------------------

@functools.cache
def templates(path: Path = FILE) -> dict[str, dict[str, str]]:
    """{key: {"en": ..., "zh": ...}} of a template file; a row missing a language, or a key
    given twice, is refused with its line."""
    table: dict[str, dict[str, str]] = {}
    with Path(path).open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if not (row["key"] and row["en"] and row["zh"]):
                raise ValueError(f"{path}:{line}: a template needs its key, en and zh")
            if row["key"] in table:
                raise ValueError(f"{path}:{line}: {row['key']} is defined twice")
            table[row["key"]] = {"en": row["en"], "zh": row["zh"]}
    return table


def say(key: str, lang: str, path: Path = FILE, **values) -> str:
    """One template rendered for the edition by narrate.text (which refuses a pair whose
    languages name different figures); of `values`, those the template names are used."""
    from ..present.narrate import text

    pair = templates(path)[key]
    named = set(_NAMED.findall(pair["en"])) | set(_NAMED.findall(pair["zh"]))
    return text(pair["en"], pair["zh"], lang, **{k: v for k, v in values.items() if k in named})


def title(lang: str) -> str:
    """The brief's title in `lang`."""
    return say("title", lang, report=(words.word("site", "home", "en"), words.word("site", "home", "zh")))


def values() -> dict:
    """What the templates name that is not a fact: the report's metadata (as (en, zh)
    pairs where the languages differ), counts over the fact base, the derived interval of
    the city's budget revenue growth."""
    from ..analysis.derive import derived_figures
    from ..factbase.load import load_facts
    from ..factbase.report import metadata, zh_date

    m, facts, derived = metadata(), load_facts(), derived_figures()
    year = int(m["date"][:4])
    city = derived.loc["city_budget_revenue_growth"]
    return dict(
        report=(words.word("site", "home", "en"), words.word("site", "home", "zh")),
        date=(m["date"], zh_date(m["date"])), year=year, next_year=year + 1,
        speaker=(m["speaker_en"], m["speaker_zh"]), office=(m["office_en"], m["office_zh"]),
        meeting=(m["meeting_en"], m["meeting_zh"]), byline_printed=m["byline_zh"],
        byline=(f"{m['byline_zh']}, “{m['byline_en']}”", m["byline_zh"]),
        n_facts=len(facts), n_unstated=int((facts["period_basis"].astype(str) == "unstated").sum()),
        n_derived=len(derived), n_open=len(open_readings()),
        low=float(city["low"]), high=float(city["high"]))


def open_readings():
    """The readings register's questions the project leaves open (used = none)."""
    from ..factbase.load import load_readings

    register = load_readings()
    return register[register["used"].astype(str) == "none"]


# -- the charts -------------------------------------------------------------------------------

GROWTH = ["budget_revenue_growth", "fixed_asset_investment_growth", "retail_sales_growth", "services_revenue_growth"]
CITY = ["city_budget_revenue_growth", "city_fixed_asset_investment_growth", "city_retail_sales_growth", None]
LEVELS = ["budget_revenue", "fixed_asset_investment", "retail_sales", "services_revenue"]


class Chart:
    """One chart of the brief and the deck: its kind (bars, bases, compare, intervals or
    tiles), the figures it draws, the fact whose period its title carries (None where its
    bars' periods differ: each bar then carries its own), its size on a page (inches: A4 less
    its margins is about 7.2 wide; a slide redraws it at its own) and the width its bars'
    labels are wrapped at."""

    def __init__(self, kind: str, ids: list[str], period: str | None = None, size=(7.2, 3), wrap: int = 44):
        self.kind, self.ids, self.period, self.size, self.wrap = kind, ids, period, size, wrap

    def draw(self, ax, lang: str):
        """The chart on `ax`; returns the rows drawn (charts.plot_rows)."""
        import pandas as pd

        from ..present import charts

        if self.kind == "compare":  # the district against the city, where the report gives one
            district = [i for i in self.ids if i in GROWTH]
            charts.compare_chart(ax, [(d, CITY[GROWTH.index(d)]) for d in district], lang)
            labels = charts.plot_rows(district, lang)["label"].str.replace(" (implied)", "")
            ax.set_yticks(range(len(district))[::-1], [charts._wrap(label, lang, 44) for label in labels])
            return pd.concat([charts.plot_rows(district, lang),
                              charts.plot_rows([i for i in self.ids if i not in district], lang)])
        if self.kind == "intervals":
            charts.interval_chart(ax, self.ids, lang)
            return charts.plot_rows(self.ids, lang)
        rows = charts.plot_rows(self.ids, lang, with_period=self.period is None)
        if self.kind == "bases":  # a derived year-earlier level: its period alone, under its indicator's
            rows["label"] = [charts.period_of(r, lang) if r["derived"] else r["label"] for _, r in rows.iterrows()]
        charts.bar_chart(ax, rows, lang)
        # a slide is wide: labels on fewer, longer lines than the notebooks'
        ax.set_yticks(range(len(rows))[::-1], [charts._wrap(label, lang, self.wrap) for label in rows["label"]])
        return rows


CHARTS = {
    "growth": Chart("compare", GROWTH + CITY[:3], "budget_revenue_growth", (7.2, 2.7)),
    "growth4": Chart("bars", GROWTH, "budget_revenue_growth"),
    "city": Chart("compare", GROWTH[:3] + CITY[:3], "budget_revenue_growth"),
    "bases": Chart("bases", [i for g in LEVELS for i in (g, f"{g}_base")], size=(7.2, 3.3), wrap=70),
    "estimates": Chart("bars", ["gdp_growth_estimate", "retail_sales_growth_estimate", "retail_sales_growth"],
                       size=(7.2, 2.3), wrap=60),
    "beyond": Chart("bars", ["tech_transactions_growth", "service_zone_revenue_growth", "new_market_entities_growth"],
                    "tech_transactions_growth"),
    "audit": Chart("intervals", ["fixed_asset_investment_gap_check", "retail_sales_gap_check"],
                   "budget_revenue_growth"),
    "projects": Chart("tiles", ["key_projects", "key_projects_investment", "key_projects_completion_rate",
                                "key_projects_plan", "signed_key_projects", "signed_projects_planned_investment"]),
    "consumption": Chart("tiles", ["four_centres_events", "four_centres_concerts", "four_centres_visits",
                                   "four_centres_consumption", "consumption_vouchers",
                                   "vouchers_leveraged_consumption"]),
    "livelihood": Chart("tiles", ["special_loans", "projects_delivered", "area_delivered", "households_rehoused",
                                  "new_classes", "new_school_places"]),
}


def chart(name: str, lang: str):
    """The chart `name` of CHARTS in `lang`, titled from the templates, its source line
    (the report, what hatching and † mean where it shows them) inside the picture."""
    import matplotlib.pyplot as plt

    from ..present import charts
    from ..present.narrate import fmt
    from ..present.style import ensure_house_style

    ensure_house_style()
    spec = CHARTS[name]
    heading = say(f"chart_{name}", lang)
    if spec.kind == "tiles":  # figures that share no unit
        fig = charts.tiles(spec.ids, heading, lang)
        rows = charts.plot_rows(spec.ids, lang)
    else:
        fig, ax = plt.subplots(figsize=spec.size)
        rows = spec.draw(ax, lang)
        full = heading if spec.period is None else f"{heading} · {fmt(spec.period, 'period', lang)}"
        fig.suptitle(full, x=0.01, ha="left", fontsize=13)
    _source_inside(fig, rows, lang, hatched=spec.kind != "tiles")
    return fig


def _source_inside(fig, rows, lang: str, hatched: bool) -> None:
    """The source line at the foot of the figure's own area: a chart helper's line below the
    area (which a slide's picture would cut off) is replaced, and the layout leaves room."""
    from ..present import charts, i18n
    from ..present.style import COLOURS

    parts = [charts._credit(lang)]
    if rows["derived"].any():
        parts.append(i18n.word("derived", lang) + (i18n.aside(i18n.word("hatched", lang), lang) if hatched else ""))
    if rows["readings"].map(len).any():
        parts.append(i18n.word("reading", lang))
    for t in [t for t in fig.texts if t.get_position()[1] < 0]:
        t.remove()
    text = " · ".join(parts)
    lines = (textwrap.wrap(text, 120) if lang == "en" else
             [text[i:i + 62] for i in range(0, len(text), 62)])
    fig.get_layout_engine().set(rect=(0, 0.035 + 0.055 * len(lines), 1, 0.965 - 0.055 * len(lines)))
    fig.text(0.01, 0.01, "\n".join(lines), ha="left", va="bottom", fontsize=7.5, color=COLOURS["muted"])


def png(fig, dpi: int = 150) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


# -- the page ---------------------------------------------------------------------------------

PAGE_CHARTS = ("growth", "estimates", "bases")
# The page's own style, on screen and on paper: the theme's print title (3em, centred) and
# its printed contents would take half the first page of a brief that must fit on two to four.
STYLE = """<style>
img.zy-brief-chart { display: block; width: 100%; max-width: 46rem; height: auto; }
.zy-brief-note { color: #555; }
@media print {
  .zy-brief-pdf, .zy-brief-lead, #jb-print-toc { display: none !important; }  /* said on screen only */
  #jb-print-docs-body h1 { font-size: 17pt !important; text-align: left !important; margin: 0 0 6pt 0 !important; }
  h2 { font-size: 13pt; margin: 9pt 0 3pt 0 !important; }
  p, li { font-size: 9.5pt; line-height: 1.3; margin-top: 0; margin-bottom: 2.5pt; }
  li, figure { break-inside: avoid; } li:has(ul) { break-inside: auto; } figure { margin: 3pt 0 6pt 0; }
  figcaption, figcaption p { font-size: 8.5pt !important; color: #444 !important; }
  li > ul { columns: 2; column-gap: 14pt; }  /* the open readings */
  li > ul > li { font-size: 8pt; line-height: 1.2; margin-bottom: 1.5pt; }
}
</style>"""


def brief_page(lang: str, notebooks: list[tuple[str, str]], pdf: bool, images: dict[str, str]) -> str:
    """brief.md for the edition: notebooks are (source file, title) of the edition's
    notebooks (linked under "where to read more"); images {chart name: path among the
    sources}; pdf: whether brief.pdf is printed beside the page."""
    from .markdown import md_escape

    v = values()

    def t(key, **more):
        return say(key, lang, **v, **more)

    def figure(name):
        caption = t(f"caption_{name}")
        return (f"```{{figure}} {images[name]}\n:alt: {caption}\n:class: zy-brief-chart\n\n{caption}\n```\n")

    zh = lang == "zh"
    links = dict(
        # a role's text is literal (no Markdown escapes), and a title holds no backtick or <
        notebooks=("、" if zh else " · ").join(f"{{doc}}`{heading} <{Path(n).stem}>`" for n, heading in notebooks),
        facts=f"{{doc}}`{words.word('site', 'facts', lang)} <facts>`",
        readings=f"{{doc}}`{words.word('site', 'readings', lang)} <readings>`",
        downloads=words.word("site", "downloads", lang),  # no link: on paper a link's list item goes
        deck='<a href="slides/meeting.slides.html">slides/meeting.slides.html</a>',
        pdf=f'<a href="{PDF}">{PDF}</a>')
    findings = ["f_growth", "f_city", "f_city_fell", "f_estimates", "f_projects", "f_consumption", "f_beyond",
                "f_housing", "f_schools"]
    out = [STYLE, "", f"# {title(lang)}", "", f"<p class=\"zy-brief-note zy-brief-lead\">{t('lead')}</p>", ""]
    if pdf:
        out += [f"<p class=\"zy-brief-pdf\">{t('pdf', pdf=links['pdf'])}</p>", ""]
    out += [f"## {t('h_text')}", "", t("text"), "", t("claims"), "",
            f"## {t('h_findings')}", "", f"<p class=\"zy-brief-note\">{t('findings_note')}</p>", ""]
    for n, key in enumerate(findings, 1):
        out.append(f"{n}. {t(key)}")
        if key == "f_city_fell":
            out += ["", figure("growth")]
        if key == findings[-1]:  # after the text, which fills the page the first chart leaves
            out += ["", figure("estimates")]
    out += ["", f"## {t('h_limits')}", ""]
    for key in ("l_base", "l_denominators", "l_estimates", "l_periods", "l_sources", "l_readings"):
        out.append(f"- {t(key)}")
    question = "question_zh" if zh else "question"
    out += [""] + [f"  - {md_escape(q)}" for q in open_readings()[question]]
    out += ["", figure("bases"), "", f"## {t('h_more')}", ""]
    out += [f"- {t(key, **links)}" for key in ("more_notebooks", "more_facts", "more_readings", "more_deck")]
    return "\n".join(out) + "\n"


def write_brief(ws, lang: str, notebooks: list[tuple[str, str]], pdf: bool) -> None:
    """brief.md and its charts into the workspace's sources. The charts are drawn again only
    in a fresh workspace (its key covers data/ and src/, all they are drawn from)."""
    images = {}
    for name in PAGE_CHARTS:
        rel = f"{IMAGES}/{name}.png"
        path = ws.src / rel
        if ws.fresh or not path.exists():
            import matplotlib.pyplot as plt

            fig = chart(name, lang)
            ws.write(rel, png(fig))
            plt.close(fig)
        else:
            ws.keep(path)
        images[name] = rel
    ws.write(f"{PAGE}.md", brief_page(lang, notebooks, pdf, images))


async def print_brief(browser, site: Path, lang: str, kept) -> bool:
    """site/brief.pdf printed from site/brief.html with the handout's machinery (its print
    style, fonts, page numbers and kept parts: reprinted only when the page or an image
    changed), in the edition's open browser (zhongyuan.build.printing); whether it was printed."""
    from . import handout

    files, numbers, printed = await handout._print_all(site, lang, [PAGE], kept, 1, browser=browser)
    handout.join_kept(kept, files, [title(lang)], numbers, site / PDF, title(lang))
    print(f"site: {lang} brief {'printed' if printed else 'reused'}", flush=True)
    return bool(printed)
