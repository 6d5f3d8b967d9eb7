"""The chart kinds the notebooks repeat, in the house style.

Every chart built here has a title with its period, one unit per axis, qualifiers marked
before the numbers, derived figures hatched and labelled, and a source line naming the
report, its date and the fact ids drawn. `lang` is "en" or "zh".
"""
from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.patches import Patch

from ..analysis.derive import derived_figures, printed_decimals, reading_ids
from ..factbase.load import load_facts, load_units
from ..factbase.report import metadata
from . import i18n
from .style import COLOURS, ensure_house_style
from .wrapping import wrap as _wrap

HATCH = "////"


def plot_rows(ids: list[str], lang: str, with_period: bool = False) -> pd.DataFrame:
    """Facts and derived figures by id, as rows ready to draw.

    Columns: id, label, value, unit, unit_label, qualifier, period, period_basis, status,
    derived, decimals, readings (the open readings it rests on, to be marked †), printed (a
    fact as the report prints it, hedge and unit included: 近400场).
    with_period appends each row's period to its label, for charts that mix periods.
    """
    ensure_house_style()  # every helper draws from these rows
    facts, derived, units = load_facts(), derived_figures(), load_units()
    rows = []
    for id_ in ids:
        printed = None
        if id_ in facts.index:
            f, is_derived = facts.loc[id_], False
            decimals = printed_decimals(f["value"], f["quote"])
            number = "" if decimals is None else f"{f['value']:.{decimals}f}"
            printed = i18n.as_printed(str(f["quote"]), number, str(f["unit"]))
        elif id_ in derived.index:
            f, is_derived = derived.loc[id_], True
            decimals = 0 if float(f["value"]).is_integer() else 1
        else:
            raise KeyError(f"{id_!r} is neither a fact nor a derived figure")
        unit = str(f["unit"])
        unit_label = unit if lang == "zh" or unit not in units.index else units.loc[unit, "unit_en"]
        rows.append(dict(
            id=id_, label=f["subject_zh"] if lang == "zh" else f["subject_en"],
            value=float(f["value"]), unit=unit, unit_label=unit_label,
            qualifier=str(f["qualifier"]), period=str(f["period"]), period_basis=str(f["period_basis"]),
            status=str(f.get("status", "actual")), derived=is_derived, decimals=decimals,
            timing=f.get("timing") if isinstance(f.get("timing"), str) else None,
            readings=open_readings(f), printed=printed))
        if with_period:  # the period on a line of its own: no brackets inside brackets
            rows[-1]["label"] += f"\n{period_of(rows[-1], lang)}"
    return pd.DataFrame(rows)


def open_readings(row: pd.Series) -> list[str]:
    """The readings a figure rests on that the collection leaves open (used = none), to be
    marked on charts and tables. A period question is already marked by the period label
    where that says 'period not stated'."""
    from ..factbase.load import load_readings

    register = load_readings()
    out = []
    for r in reading_ids(row):
        if register.loc[r, "used"] != "none":
            continue
        if register.loc[r, "kind"] == "period" and str(row["period_basis"]) == "unstated":
            continue
        out.append(r)
    return out


def period_of(row, lang: str) -> str:
    """A row's period as a label ('Jan–Nov 2024', '2024, period not stated')."""
    return i18n.period_label(row["period"], lang, row["period_basis"], row.get("timing"))


def _one_unit(rows: pd.DataFrame) -> str:
    units = rows["unit"].unique()
    if len(units) != 1:
        raise ValueError(f"one axis, one unit: got {list(units)}; draw them on separate axes")
    return rows["unit_label"].iloc[0]


def value_label(row: pd.Series, lang: str) -> str:
    """'about 5%', 'nearly 400', '−2.9% (derived)': the hedge in words, percent signs kept,
    other units left to the axis; in Chinese the figure as the report prints it (5%左右)."""
    suffix = "%" if row["unit"] == "%" else ""
    text = i18n.number_label(row["value"], row["qualifier"], suffix, row["decimals"], lang, row.get("printed"))
    if row["status"] == "estimate":
        text += i18n.aside(i18n.word("estimate", lang), lang)
    if row["derived"]:
        text += i18n.aside(i18n.word("derived_short", lang), lang)
    if len(row["readings"]):
        text += "†"
    return text


def bar_chart(ax, rows: pd.DataFrame, lang: str, colour: str | None = None):
    """Horizontal bars, one per row, in one unit; derived rows hatched."""
    unit = _one_unit(rows)
    y = range(len(rows))[::-1]
    for yi, (_, row) in zip(y, rows.iterrows()):
        face = COLOURS["derived"] if row["derived"] else (colour or COLOURS["district"])
        if row["status"] == "estimate" and not row["derived"]:
            face = COLOURS["estimate"]
        ax.barh(yi, row["value"], color=face, edgecolor=colour or COLOURS["district"],
                hatch=HATCH if row["derived"] else None, height=0.6)
        ax.annotate(value_label(row, lang), (max(row["value"], 0), yi), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)  # right of zero, off the bar
    ax.set_yticks(list(y), [_wrap(lbl, lang) for lbl in rows["label"]])
    ax.set_xlabel(unit)
    ax.margins(x=0.25)
    ax.axvline(0, color=COLOURS["muted"], lw=0.8)
    return ax


def compare_chart(ax, pairs: list[tuple[str, str | None]], lang: str):
    """District against city, indicator by indicator: pairs of (district id, city id or None).

    The city's figure may be a fact, a derived figure (hatched) or absent ('not stated').
    """
    district = plot_rows([d for d, _ in pairs], lang)
    unit = _one_unit(pd.concat([district] + [plot_rows([c], lang) for _, c in pairs if c]))
    h = 0.38
    for i, (_, row) in enumerate(district.iterrows()):
        yi = len(pairs) - 1 - i
        ax.barh(yi + h / 2, row["value"], height=h, color=COLOURS["district"])
        ax.annotate(value_label(row, lang), (max(row["value"], 0), yi + h / 2), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
        city_id = pairs[i][1]
        if city_id is None:
            ax.barh(yi - h / 2, 0, height=h)  # keeps the row's space so the note shows
            ax.annotate(f"{i18n.word('city', lang)}{_colon(lang)}{i18n.word('not_stated', lang)}", (0, yi - h / 2),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=8,
                        color=COLOURS["muted"])
            continue
        c = plot_rows([city_id], lang).iloc[0]
        ax.barh(yi - h / 2, c["value"], height=h,
                color=COLOURS["derived"] if c["derived"] else COLOURS["city"],
                edgecolor=COLOURS["city"] if not c["derived"] else COLOURS["muted"],
                hatch=HATCH if c["derived"] else None)
        ax.annotate(value_label(c, lang), (max(c["value"], 0), yi - h / 2), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    labels = [_wrap(lbl.replace(" (implied)", ""), lang) for lbl in district["label"]]
    ax.set_yticks(range(len(pairs))[::-1], labels)
    ax.set_xlabel(unit)
    ax.axvline(0, color=COLOURS["muted"], lw=0.8)
    ax.margins(x=0.3)
    handles = [Patch(color=COLOURS["district"], label=i18n.word("district", lang)),
               Patch(color=COLOURS["city"], label=i18n.word("city", lang)),
               Patch(facecolor=COLOURS["derived"], edgecolor=COLOURS["muted"], hatch=HATCH,
                     label=i18n.word("city", lang) + i18n.aside(i18n.word("derived_short", lang), lang))]
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1, 1), ncol=3,
              frameon=False, fontsize=8.5)
    return ax


def title(fig_or_ax, text: str, period: str | None, lang: str, basis: str | None = None) -> None:
    """A title that carries the period: 'Headline indicators · Jan–Nov 2024'. period=None
    for a chart whose bars differ in period (each bar then carries its own) or that measures
    the text itself."""
    full = text if period is None else f"{text} · {i18n.period_label(period, lang, basis)}"
    if hasattr(fig_or_ax, "suptitle"):
        fig_or_ax.suptitle(full, x=0.01, ha="left", fontsize=13)
    else:
        fig_or_ax.set_title(full)


def source_line(fig, ids: list[str], lang: str, hatched: bool = True) -> None:
    """The source under the chart: report, date, fact ids, honours ids, derived figures with
    their formulas, and what the qualifier marks mean. hatched=False where derived figures
    are labelled rather than hatched (tiles)."""
    from ..factbase.load import load_honours

    derived, honours = derived_figures(), load_honours()
    honour_ids = [i for i in ids if i in honours.index]
    fact_ids = [i for i in ids if i not in derived.index and i not in honours.index]
    formulas = [f"{i} = {derived.loc[i, 'formula']}" for i in ids if i in derived.index]
    fact_ids += [s for i in ids if i in derived.index
                 for s in derived.loc[i, "sources"].split(",") if s not in fact_ids]
    parts = [_credit(lang), f"{i18n.word('facts', lang)}{_colon(lang)}{', '.join(dict.fromkeys(fact_ids))}"]
    if not fact_ids:
        parts.pop()
    if honour_ids:
        parts.append(f"{i18n.word('honours', lang)}{_colon(lang)}{', '.join(honour_ids)}")
    if formulas:
        how = i18n.aside(i18n.word("hatched", lang), lang) if hatched else ""
        parts.append(f"{i18n.word('derived', lang)}{how}{_colon(lang)}" + "; ".join(formulas))
    marked = sorted({r for i in ids if i not in honours.index for r in open_readings(_figure(i))})
    if marked:
        parts.append(f"{i18n.word('reading', lang)}{_colon(lang)}{', '.join(marked)}")
    # on a slide: the report and what the marks mean; the ids and formulas stay on the page
    short = [_credit(lang)] + [p.split(_colon(lang))[0] for p in parts[1:] if not p.startswith(
        (i18n.word("facts", lang), i18n.word("honours", lang)))]
    _write_source(fig, parts, lang, short)


def _figure(id_: str) -> pd.Series:
    """A fact or a derived figure, by id."""
    facts = load_facts()
    return facts.loc[id_] if id_ in facts.index else derived_figures().loc[id_]


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _credit(lang: str) -> str:
    """'Source: <the report>, <its date>', the start of every source line."""
    from ..factbase.report import zh_date

    date = metadata()["date"]
    report = i18n.word("report", lang, date=zh_date(date) if lang == "zh" else date)
    return f"{i18n.word('source', lang)}{_colon(lang)}{report}"


def _write_source(fig, parts: list[str], lang: str, short: list[str] | None = None) -> None:
    text = "\n".join(textwrap.wrap(" · ".join(parts), 150 if lang == "en" else 120))
    line = fig.text(0.01, -0.01, text, ha="left", va="top", fontsize=7.5, color=COLOURS["muted"])
    # what style.slide_png shows instead, on a slide's figure: shorter lines (the text is larger)
    line.zy_slide_text = "\n".join(textwrap.wrap(" · ".join(short or parts), 110 if lang == "en" else 60))


def levels_and_growth(level_ids: list[str], pairs: list[tuple[str, str | None]], heading: str,
                      lang: str):
    """Two panels for a set of indicators: their levels (one unit) and their growth against
    the city's. Returns the figure, titled with the period and carrying its source line."""
    import matplotlib.pyplot as plt

    levels = plot_rows(level_ids, lang)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.4))
    bar_chart(left, levels, lang)
    compare_chart(right, pairs, lang)
    title(fig, heading, levels["period"].iloc[0], lang, levels["period_basis"].iloc[0])
    source_line(fig, level_ids + [i for pair in pairs for i in pair if i], lang)
    return fig


def tiles(ids: list[str], heading: str, lang: str, ncols: int = 3, units: dict[str, str] | None = None):
    """A grid of big-number tiles for figures that do not share a unit (never one axis).

    Each tile shows the value as printed with its qualifier mark and unit, what it measures
    and its period; derived figures are labelled. `units` replaces a tile's unit line where
    the measure word needs saying (件 of leads: 'leads (线索), not cases'). Returns the
    figure, with its source line.
    """
    import matplotlib.pyplot as plt

    rows = plot_rows(ids, lang)
    nrows = -(-len(rows) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.4 * ncols, 1.45 * nrows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, (_, row) in zip(axes.flat, rows.iterrows()):
        number = i18n.number_label(row["value"], row["qualifier"], "", row["decimals"], lang, row.get("printed"))
        number += "†" if row["readings"] else ""
        colour = COLOURS["estimate"] if row["status"] == "estimate" else COLOURS["district"]
        ax.text(0.02, 0.66, number, fontsize=20, color=colour, transform=ax.transAxes, va="center")
        unit = (units or {}).get(row["id"], row["unit_label"])
        if unit and unit in number:  # printed with the figure (183.51亿元, 5%左右): once is enough
            unit = ""
        ax.text(0.02, 0.40, unit, fontsize=8.5, color=COLOURS["muted"], transform=ax.transAxes, va="center")
        note = period_of(row, lang)
        if row["status"] == "estimate":
            note += f" · {i18n.word('estimate', lang)}"
        if row["derived"]:
            note += f" · {i18n.word('derived_short', lang)}"
        ax.text(0.02, 0.26, _wrap(row["label"], lang, 44), fontsize=8.5, transform=ax.transAxes, va="top")
        ax.text(0.02, 0.98, note, fontsize=7.5, color=COLOURS["muted"], transform=ax.transAxes, va="top")
    fig.suptitle(heading, x=0.01, ha="left", fontsize=13)
    source_line(fig, ids, lang, hatched=False)
    return fig


def fact_table(ids: list[str] | None = None, section: str | None = None, lang: str = "en") -> pd.DataFrame:
    """The facts (by ids, or all of a section) as a display table with their quotes, headed
    in the edition's language; † marks a figure resting on an open reading."""
    facts = load_facts()
    if ids is None:
        ids = list(facts.index[facts["section"] == section])
    rows = plot_rows(ids, lang).set_index("id")
    columns = {
        "figure": [i18n.number_label(r["value"], r["qualifier"], r["unit"], r["decimals"], lang, r["printed"])
                   + ("†" if r["readings"] else "") for _, r in rows.iterrows()],
        "what": rows["label"],
        "area": [facts.loc[i, "area"] if lang == "zh" else i18n.area(facts.loc[i, "area"], lang) for i in ids],
        "period": [period_of(r, lang) for _, r in rows.iterrows()],
        "status": [i18n.STATUS[s][lang] for s in rows["status"]],
        "readings": [", ".join(r) for r in rows["readings"]],
        "quote": [facts.loc[i, "quote"] for i in ids],
    }
    return pd.DataFrame({i18n.column(k, lang): v for k, v in columns.items()}, index=ids)


def honours_table(section: str | None = None, lang: str = "en", bodies_by: str | None = None,
                  headers: dict[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """Honours, designations, rankings and milestones (of one section, or all), for display:
    the scope as the report prints it, and the awarding body apart from it.

    bodies_by="who" or "what": instead, the table that asks who awarded them: each entry by
    its recipient (who; the rows keep their ids, for one recipient may hold several) or by
    what it is (which then names the rows), the scope as printed ('—' where none), the kind
    of body and how the body is known. headers: {column key: (en, zh)} for a header a
    notebook words its own way (05 asks who awarded *or evaluated*: 授予或评价机构).
    """
    from ..factbase.load import load_honours

    h = load_honours()
    if section is not None:
        h = h[h["section"] == section]
    if bodies_by is not None:
        return _honour_bodies(h, bodies_by, lang, headers or {})
    zh = lang == "zh"
    return pd.DataFrame({
        i18n.column("who", lang): h["who_zh"] if zh else h["who_en"] + " (" + h["who_zh"] + ")",
        i18n.column("what_honour", lang): h["what_zh"] if zh else h["what_en"],
        i18n.column("kind", lang): [i18n.KINDS[k][lang] for k in h["kind"]],
        # the report's own word and what it bounds (全国（榜单范围）), never a level of our own
        i18n.column("scope_as_printed", lang): [scope_as_printed(r, lang) for _, r in h.iterrows()],
        i18n.column("body", lang): h["awarding_body_zh"] if zh else h["awarding_body_en"],
        i18n.column("quote", lang): h["quote"],
        i18n.column("note", lang): h["note_zh" if zh else "note"].fillna(""),
    }, index=h.index)


def scope_as_printed(r: pd.Series, lang: str) -> str:
    """An honour's scope word as the report prints it, with what it bounds: 全国（榜单范围）,
    全国 (the list's reach); '—' where the report prints none."""
    printed = r["scope_printed"] if isinstance(r["scope_printed"], str) else ""
    if not printed:
        return "—"
    return f"{printed}（{r['scope_of_zh']}）" if lang == "zh" else f"{printed} ({r['scope_of_en']})"


def _honour_bodies(h: pd.DataFrame, by: str, lang: str, headers: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The honours `h` with how each awarding body is known (honours_table's bodies_by)."""
    if by not in ("who", "what"):
        raise ValueError(f"bodies_by must be 'who' or 'what', not {by!r}")

    def head(key: str) -> str:
        return i18n.say(*headers[key], lang) if key in headers else i18n.column(key, lang)

    name = head("who" if by == "who" else "what_honour")
    table = pd.DataFrame({
        name: h[f"{by}_{i18n.check_lang(lang)}"],
        head("scope_as_printed"): h["scope_printed"].fillna("—"),
        head("body_kind"): [i18n.BODY_KINDS[k][lang] for k in h["body_kind"].astype(str)],
        head("body_source"): [i18n.BODY_SOURCES[s][lang] for s in h["body_source"].astype(str)],
    }, index=h.index)
    return table.set_index(name) if by == "what" else table


def glossary_table(section: str | None = None, lang: str = "en") -> pd.DataFrame:
    """Glossary terms (those quoted in one section, or all): Chinese, pinyin, English, meaning."""
    from ..factbase.load import load_glossary
    from ..factbase.report import locate

    g = load_glossary()
    if section is not None:
        g = g[[locate(q).section == section for q in g["quote"]]]
    g = g.set_index("term_zh")
    if lang == "zh":  # a Chinese reader needs the pinyin and the explanation, not the English name
        out = pd.DataFrame({i18n.column("pinyin", lang): g["pinyin"],
                            i18n.column("explanation", lang): g["explanation_zh"]}, index=g.index)
    else:
        out = pd.DataFrame({i18n.column("pinyin", lang): g["pinyin"], i18n.column("term_en", lang): g["term_en"],
                            i18n.column("explanation", lang): g["explanation_en"]}, index=g.index)
    out.index.name = i18n.column("term", lang)
    return out


def honours_by_body(section: str | None, heading: str, lang: str):
    """Honours, designations, rankings and milestones counted by who awarded them (a
    government body, a media group, a consultancy, not stated, nothing awarded), each bar
    labelled with who received what and the scope the report prints. A list's 全国 is its
    scope, not the level of its compiler, so scope never decides the bar."""
    import matplotlib.pyplot as plt

    from ..factbase.load import load_honours

    ensure_house_style()
    h = load_honours()
    if section is not None:
        h = h[h["section"] == section]
    kinds = [k for k in i18n.BODY_KINDS if k in set(h["body_kind"])][::-1]
    counts = h["body_kind"].value_counts()
    fig, ax = plt.subplots(figsize=(10, 0.75 * len(kinds) + 1.6))
    for y, kind in enumerate(kinds):
        ax.barh(y, counts[kind], color=COLOURS["district"], height=0.6)
        rows = h[h["body_kind"] == kind]
        names = " · ".join(_honour_label(r, lang) for _, r in rows.iterrows())
        ax.annotate(_wrap(names, lang, 80), (counts[kind], y), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=8, color=COLOURS["text"])
    ax.set_yticks(range(len(kinds)), [i18n.BODY_KINDS[k][lang] for k in kinds])
    ax.set_xlim(0, counts.max() * 3.2)  # room for the names beside the bars
    ax.set_xticks(range(0, counts.max() + 1))
    ax.spines["bottom"].set_bounds(0, counts.max())
    ax.set_xlabel(i18n.word("entries", lang), loc="left")
    title(ax, heading, "2024", lang, "unstated")
    source_line(fig, list(h["id"]), lang)
    return fig


def _honour_label(r: pd.Series, lang: str) -> str:
    """Who received it ('Jintai Can Making'), or what it was where the district itself is the
    recipient ('listed among the top 100…'); then the scope as printed and, where the body is
    known only from context, a word saying so."""
    zh = lang == "zh"
    name = r["who_zh" if zh else "who_en"] if r["who_zh"] != "中原区" else r["what_zh" if zh else "what_en"]
    said = {"context": "context_body", "attributed": "attributed_body"}.get(r["body_source"])
    extra = f"{'，' if zh else ', '}{i18n.word(said, lang)}" if said else ""
    scope = i18n.SCOPES[r["scope"]][lang]
    if r["scope_printed"] and not pd.isna(r["scope_printed"]):  # 国家级 and 全国 are not the same claim
        scope = (f"报告写“{r['scope_printed']}”：{r['scope_of_zh']}" if zh
                 else f"printed {r['scope_printed']}: {r['scope_of_en']}")
    return name + i18n.aside(scope + extra, lang)


def ranked_bars(ax, terms: pd.Series, colour: str | None = None, label_format: str = "{:g}"):
    """Horizontal bars for a ranked series (index: terms, values: counts or weights), the
    first at the top, each labelled with its value."""
    y = list(range(len(terms)))[::-1]
    ax.barh(y, terms.to_numpy(), color=colour or COLOURS["district"], height=0.65)
    for yi, value in zip(y, terms.to_numpy()):
        ax.annotate(label_format.format(value), (value, yi), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8.5)
    ax.set_yticks(y, list(terms.index))
    ax.margins(x=0.18)
    return ax


def source_note(fig, lang: str, extra: str = "", words: bool = True) -> None:
    """The source line of a chart drawn from the report's text rather than from facts: the
    report, how its words were found (words=True), and anything extra."""
    method = ("words: jieba segmentation with the glossary as user dictionary, numbers removed, "
              "stop words of data/stopwords.csv" if lang == "en" else
              "词语：jieba分词（以术语表为用户词典），去除数字与data/stopwords.csv中的停用词")
    parts = [_credit(lang)] + ([method] if words else []) + ([extra] if extra else [])
    _write_source(fig, parts, lang)


def interval_chart(ax, ids: list[str], lang: str, with_period: bool = False):
    """The intervals the report's rounding and hedges leave, one row per figure (facts or
    derived figures, one unit): a bar from low to high, a dot at the value as computed.
    A check (derive kind "check") also shows the figure the report states, with its own
    interval, in grey just below its computed interval."""
    import math

    from ..analysis.derive import fact_interval

    facts, derived = load_facts(), derived_figures()
    rows = plot_rows(ids, lang, with_period=with_period)
    unit = _one_unit(rows)

    def span(id_):
        if id_ in facts.index:
            i = fact_interval(facts.loc[id_])
            return i.low, i.high
        return derived.loc[id_, "low"], derived.loc[id_, "high"]

    def draw(y, low, high, value, label, face, edge, hatch, marker):
        if not (math.isfinite(low) and math.isfinite(high)):
            raise ValueError(f"{label}: an open interval cannot be drawn here")
        ax.barh(y, high - low, left=low, height=0.24, color=face, edgecolor=edge, hatch=hatch)
        ax.plot([value], [y], marker, color=edge if marker == "o" else COLOURS["text"], ms=5)
        ax.annotate(f"{label}  [{low:.2f}, {high:.2f}]".replace("-", "−"), (high, y), xytext=(5, 0),
                    textcoords="offset points", va="center", fontsize=8.5)

    y = list(range(len(rows)))[::-1]
    for yi, (_, row) in zip(y, rows.iterrows()):
        stated = derived.loc[row["id"], "checks"] if row["derived"] else ""
        shift = 0.16 if stated else 0.0
        low, high = span(row["id"])
        draw(yi + shift, low, high, row["value"], value_label(row, lang), COLOURS["derived"],
             COLOURS["district"], HATCH if row["derived"] else None, "o")
        if stated:
            s_row = plot_rows([stated], lang).iloc[0]
            s_low, s_high = span(stated)
            word = "stated" if lang == "en" else "报告所列"
            draw(yi - shift, s_low, s_high, s_row["value"], f"{word} {value_label(s_row, lang)}",
                 COLOURS["city"], COLOURS["city"], None, "D")
    ax.set_yticks(y, [_wrap(lbl, lang, 34) for lbl in rows["label"]])
    ax.set_xlabel(unit)
    ax.use_sticky_edges = False  # let the margins apply on both sides of a bar's left edge
    ax.margins(x=0.5, y=0.2)
    return ax
