"""The pages each edition generates from data (home, glossary, fact tables, readings and
context, downloads) as MyST Markdown, and the words they share.

Text from the tables goes through `md_escape`, so a quote with `<script>` in it, say, is shown
as text, never run as markup.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..present import words
from .markdown import md_escape, md_table  # noqa: F401  (the pages' own, and tests')

TEXT = words.group("site")

HANDOUT = "handout.pdf"  # the whole edition as one PDF, beside index.html


def edition_context(sphinx_language: str) -> dict:
    lang = "zh" if sphinx_language.startswith("zh") else "en"
    other = "zh" if lang == "en" else "en"
    return {"edition": lang, "title": "Zhongyuan 2024" if lang == "en" else "中原区2024",
            "announcement": f'<a href="../{other}/index.html">{TEXT["other"][lang]}</a>'}


def _t(key: str, lang: str) -> str:
    return TEXT[key][lang]


def home_page(lang: str, notebooks: list[tuple[str, str]]) -> str:
    from ..factbase.report import metadata
    from ..present.charts import period_of, plot_rows, value_label
    from ..present.narrate import fmt

    m = metadata()
    pairs = [("budget_revenue", "budget_revenue_growth"), ("fixed_asset_investment", "fixed_asset_investment_growth"),
             ("retail_sales", "retail_sales_growth"), ("services_revenue", "services_revenue_growth")]
    rows = []
    for level, growth in pairs:
        lv, gr = plot_rows([level, growth], lang).to_dict("records")
        rows.append({("indicator" if lang == "en" else "指标"): lv["label"],
                     ("level" if lang == "en" else "数值"): fmt(level, lang=lang) + ("†" if lv["readings"] else ""),
                     ("growth" if lang == "en" else "同比增长"): value_label(gr, lang),
                     ("period" if lang == "en" else "时段"): period_of(lv, lang)})
    intro = (f"{md_escape(m['headline_en'])}\n\n{md_escape(m['meeting_en'])}, {m['date']}. "
             f"{md_escape(m['speaker_en'] + ', ' + m['office_en'])}." if lang == "en" else
             f"{md_escape(m['headline_zh'])}\n\n{md_escape(m['meeting_zh'])}，{m['date']}。"
             f"{md_escape(m['office_zh'] + m['speaker_zh'])}{md_escape(m['mandate_zh'])}。")
    toc = "\n".join(Path(n).stem for n, _ in notebooks)
    other = "zh" if lang == "en" else "en"
    # the brief (issue 22, zhongyuan.build.brief): a sentence linking it, and first in the contents
    from .brief import PAGE, say
    from .brief import title as brief_title
    brief = say("home_link", lang, brief=f"{{doc}}`{brief_title(lang)} <{PAGE}>`")
    return (f"# {_t('home', lang)}\n\n{intro}\n\n<a href=\"../{other}/index.html\">{_t('other', lang)}</a>\n\n"
            f"{brief}\n\n"
            f"## {_t('headline', lang)}\n\n{md_table(rows)}\n"
            f"## {_t('contents', lang)}\n\n```{{toctree}}\n:maxdepth: 1\n\n"
            f"{PAGE}\n{toc}\nglossary\nfacts\nreadings\nguide\ndownloads\n```\n")  # guide: the teacher's (issue 22)


GLOSSARY_KINDS = {k: v["zh"] for k, v in words.group("glossary_kinds").items()}
GLOSSARY_SCOPES = {k: v["zh"] for k, v in words.group("glossary_scopes").items()}


def glossary_page(lang: str) -> str:
    """Every term: in English, its English name, pinyin and an explanation for a foreign
    reader; in Chinese, an explanation written for a Chinese reader. Each term's two tags (its
    kind, and where it comes from: nationwide, Henan, Zhengzhou, the district, or not stated)
    are explained once at the top: a tag is never the level of whoever confers a title."""
    from ..factbase.load import load_glossary

    parts = [f"# {_t('glossary', lang)}\n", md_escape(words.word("glossary_page", "tags", lang)) + "\n"]
    for _, g in load_glossary().iterrows():
        tags = (f"{md_escape(words.word('glossary_kinds', g['kind'], lang))} · "
                f"{md_escape(words.word('glossary_tags', g['scope'], lang))}")
        if lang == "en":
            head = f"{md_escape(g['term_zh'])} · {md_escape(g['term_en'])}"
            text = g["explanation_en"]
        else:
            head = md_escape(g["term_zh"])
            text = g["explanation_zh"]
        meta = f"*{md_escape(g['pinyin'])}* · {tags}"
        quote = "原文：" if lang == "zh" else "The report: "
        parts.append(f"({g['id']})=\n## {head}\n\n{meta}\n\n{md_escape(text)}\n\n> {quote}{md_escape(g['quote'])}\n")
    return "\n".join(parts)


def facts_page(lang: str) -> str:
    from ..analysis.derive import derived_figures
    from ..factbase.load import load_facts
    from ..factbase.report import metadata
    from ..present import i18n
    from ..present.charts import fact_table

    zh = lang == "zh"
    note = "note_zh" if zh else "note"
    parts = [f"# {_t('facts', lang)}\n",
             ("每个数值都注明了单位、时段、限定词（左右、近、超、余、以上）和报告原文。"
              "† 表示该数值所依据的原文可有不同理解，见[解读登记表](readings.md)。\n" if zh else
              "Every figure with its unit, period, hedge (左右, 近, 超, 余, 以上) and the report's words. "
              "† marks a figure resting on a sentence that can be read more than one way: see "
              "[the readings register](readings.md).\n")]
    for s in metadata()["sections"]:
        table = fact_table(section=s["id"], lang=lang)
        if table.empty:
            continue
        heading = s["heading_zh"] or "开篇"  # the opening has no heading: 开篇, as in the notebooks
        table[i18n.column("note", lang)] = load_facts().loc[table.index, note].fillna("")
        parts.append(f"## {md_escape(heading if zh else s['title_en'])}\n\n"
                     + md_table(table.reset_index(names="编号" if zh else "id").to_dict("records")))
    parts.append("## " + ("荣誉、称号、排名与进展" if zh else "Honours, designations, rankings, milestones")
                 + "\n\n" + md_table(honours_rows(lang)))
    d = derived_figures()
    base = words.group("base_units")

    def converted(m):  # 8亿元 (= 800,000,000 yuan) -> 8亿元（=800000000元）; 12203户 (= 12,203 households) -> 12203户
        number, unit, value, base_unit = m.group(1), m.group(2), m.group(3).replace(",", ""), base[m.group(4)]["zh"]
        same = float(number) == float(value) and unit == base_unit
        return f"{number}{unit}" if same else f"{number}{unit}（={value}{base_unit}）"

    def formula(computed: str) -> str:
        """The arithmetic in the edition's words: in Chinese, base units in Chinese, ÷ and −."""
        if not zh:
            return computed
        computed = re.sub(r"([\d.]+)(\S*?) \(= ([\d,.]+) ([^)]+)\)", converted, computed)
        return computed.replace(" / ", " ÷ ").replace(" - ", " − ")

    def bound(x: float) -> str:  # a true minus sign, as the notebooks print it
        return ("∞" if x > 0 else "−∞") if abs(x) == float("inf") else str(round(x, 2)).replace("-", "−")

    heads = (["编号", "推算数据", "时段", "算式", "数值", "单位", "下限", "上限", "说明"] if zh else
             ["id", "derived figure", "period", "computed", "value", "unit", "low", "high", "note"])
    rows = [dict(zip(heads, [r["id"], r["subject_zh" if zh else "subject_en"],
                             i18n.period_label(r["period"], lang, r["period_basis"]), formula(r["computed"]),
                             i18n.number_label(round(r["value"], 2), r["qualifier"], lang=lang), r["unit"],
                             bound(r["low"]), bound(r["high"]),
                             r["note_zh" if zh else "note"]]))
            for _, r in d.iterrows()]
    parts.append("## " + ("推算数据（报告未直接列出）" if zh else "Derived figures (not printed in the report)")
                 + "\n\n" + md_table(rows))
    return "\n".join(parts)


def honours_rows(lang: str) -> list[dict]:
    """The honours table of the facts page: the scope as the report prints it with what the
    word bounds (全国（榜单范围）, 全国 (the list's reach)), never a level of our own making, and
    each row's note (who compiled a list, what the report leaves unsaid)."""
    from ..present.charts import honours_table

    return honours_table(lang=lang).reset_index(names="编号" if lang == "zh" else "id").to_dict("records")


def readings_page(lang: str) -> str:
    """The readings register and the outside context, each set apart from the report's words."""
    from ..factbase.load import load_context
    from ..present import i18n
    from ..present.notes import LABELS, readings_table

    zh = lang == "zh"
    page = words.group("readings_page")
    parts = [f"# {page['title'][lang]}\n", page["intro"][lang] + "\n"]
    parts.append(md_table(readings_table(lang).reset_index(names=page["id"][lang]).to_dict("records")))
    label = LABELS["context"][lang]
    parts.append(f"## {label}\n\n{page['context_intro'][lang]}\n")
    for _, c in load_context().iterrows():
        title, context, basis = (md_escape(c[k]) for k in (("title_zh", "context_zh", "basis_zh") if zh
                                                          else ("title_en", "context_en", "basis")))
        parts.append(f"(context-{c['id']})=\n### {title}\n\n> **{label}{'。' if zh else '.'}** "
                     f"{context}\n>\n> *{basis}*"
                     + i18n.aside(md_escape(c["about"].replace(";", ", ")), lang) + "\n")
    return "\n".join(parts)


def downloads_page(lang: str, files: list[tuple[str, str, str]], students: list[str], runs: list[str],
                   slides: list[str], handout: bool = True, pack: str | None = None, brief: bool = False,
                   teaching: str = "") -> str:
    """brief: whether brief.pdf was printed beside the brief's page (issue 22). teaching: the
    part on teaching and presenting (zhongyuan.build.guide.downloads_section), after the slides."""
    zh = lang == "zh"
    lines = [f"# {_t('downloads', lang)}\n"]
    lines += [f"- {{download}}`{name} <{path}>`: {md_escape(what)}" for name, path, what in files]
    lines.append("\n## " + ("学生版笔记本（已清除输出）" if zh else "Notebooks for students (outputs cleared)") + "\n")
    if pack:  # everything a class needs, in one download
        what = md_escape(words.word("teaching", "class_pack", lang))
        lines.append(f"- **{{download}}`{Path(pack).name} <{pack}>`**: {what}")
    lines += [f"- {{download}}`{Path(p).name} <{p}>`" for p in students]
    lines.append("\n## " + ("本版本执行后的笔记本（仅中文）" if zh else
                              "The notebooks as executed for this edition (English only)") + "\n")
    lines += [f"- {{download}}`{Path(p).name} <{p}>`" for p in runs]
    lines.append(f"\n## {_t('slides', lang)}\n")
    lines += [f'- <a href="{p}">{Path(p).name}</a>' for p in slides]  # not Sphinx documents
    lines.append(teaching)
    lines.append(f"\n## {_t('handout', lang)}\n")
    lines.append(f'- <a href="{HANDOUT}">{HANDOUT}</a>' if handout else _t("no_handout", lang))
    # the brief (issue 22): its page, and its PDF when a browser printed one
    from .brief import PAGE, PDF, say
    lines.append(f"\n## {say('downloads_heading', lang)}\n")
    lines.append(f"- {{doc}}`{say('downloads_page', lang)} <{PAGE}>`")
    lines.append(f'- <a href="{PDF}">{PDF}</a>' if brief else f"- {_t('no_handout', lang)}")
    return "\n".join(lines) + "\n"


def landing_page() -> str:
    return ("<!doctype html><html><head><meta charset='utf-8'>"
            "<meta http-equiv='refresh' content='0; url=en/index.html'><link rel='icon' href='data:,'>"
            "<title>Zhongyuan 2024</title></head><body>"
            "<p><a href='en/index.html'>English edition</a> · <a href='zh/index.html'>中文版</a></p>"
            "</body></html>")
