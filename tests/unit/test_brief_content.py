"""The brief and the meeting deck (issue 22), their words without a browser or a build: the
templates type no figure and name the same figures in both languages, every finding gives its
period and keeps its hedge, each edition's text is in its language, the deck has ten to twelve
slides titled with sentences and speaker notes that are prompts."""
from __future__ import annotations

import re

import pytest

import zhongyuan as zy
from briefing import chinese_clauses, english_runs, is_sentence, stray_numbers
from zhongyuan.build import brief, meeting
from zhongyuan.present.narrate import fmt

FIELD = re.compile(r"\{([a-z][a-z0-9_]*)(?::([\w.,%+-]+))?\}")
FILES = [brief.FILE, meeting.FILE]
NOTEBOOKS = [("00_overview.ipynb", "Overview"), ("01_headline_indicators.ipynb", "Headline indicators")]
IMAGES = {name: f"brief/{name}.png" for name in brief.PAGE_CHARTS}


def _figures() -> set[str]:
    return set(zy.load_facts().index) | set(zy.derived_figures().index)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_templates_type_no_figure_and_name_the_same_figures_in_both_languages(path):
    named_values = set(brief.values()) | {"pdf", "notebooks", "facts", "readings", "downloads", "deck", "brief",
                                          "ids", "n"}
    for key, pair in brief.templates(path).items():
        en, zh = (sorted(FIELD.findall(pair[lang])) for lang in ("en", "zh"))
        assert en == zh, f"{path.name} {key}: en names {en}, zh {zh}"
        for lang in ("en", "zh"):  # a number is a placeholder, never typed
            typed = re.findall(r"\d+", FIELD.sub(" ", pair[lang]))
            assert not typed, f"{path.name} {key} ({lang}) types {typed}: render it from the fact base"
        unknown = {n for n, _ in en} - named_values - _figures()
        assert not unknown, f"{path.name} {key}: {unknown} is no fact, derived figure or value of the brief"


def test_a_hedged_figure_is_never_shown_without_its_hedge():
    facts = zy.load_facts()
    hedged = set(facts.index[facts["qualifier"].astype(str) != "exact"])
    for path in FILES:
        for key, pair in brief.templates(path).items():
            bare = {n for n, part in FIELD.findall(pair["en"]) if part == "value"} & hedged
            assert not bare, f"{path.name} {key}: {bare} shown as a bare value, without its hedge"


def test_each_finding_is_one_sentence_with_its_period():
    same = {"en": ("Over the same months", "full year"), "zh": ("同期", "全年")}
    for key, pair in brief.templates().items():
        if not key.startswith("f_"):
            continue
        ids = [n for n, _ in FIELD.findall(pair["en"]) if n in _figures()]
        for lang in ("en", "zh"):
            text = brief.say(key, lang, **brief.values())
            periods = {fmt(i, "period", lang) for i in ids}
            assert any(p in text for p in periods) or any(s in text for s in same[lang]), (key, lang, text)
            ends = re.findall(r"[.。]", re.sub(r"\d\.\d|\(.*?\)|（.*?）|“.*?”", "", text))
            assert ends in ([".", ], ["。"]), f"{key} ({lang}) is not one sentence: {text}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_brief_is_in_its_language_and_every_figure_is_the_fact_bases(lang):
    page = brief.brief_page(lang, NOTEBOOKS, True, IMAGES)
    assert page.count("```{figure}") == 3 and "brief.pdf" in page
    prose = re.sub(r"<style>.*?</style>|<[^>]+>|^:\w+:.*$|```\{figure\}.*$|^\d+\. |\{doc\}`([^<`]*)<[^>]*>`",
                   r"\1", page, flags=re.S | re.M)  # markup, a list's numbers and link targets left out
    if lang == "zh":
        assert not english_runs(prose), english_runs(prose)
    else:
        assert not chinese_clauses(prose), chinese_clauses(prose)
    register = brief.open_readings()["question_zh" if lang == "zh" else "question"]
    from zhongyuan.build.pages import md_escape

    stray = stray_numbers(prose, lang, tuple(md_escape(q) for q in register))
    assert not stray, f"numbers that are no rendered figure of the fact base: {stray}"
    for section in ("h_text", "h_findings", "h_limits", "h_more"):
        assert f"## {brief.say(section, lang)}" in page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_meeting_deck_has_ten_to_twelve_slides_of_findings_with_prompts(lang):
    nb = meeting.meeting_notebook(lang, charts=False)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    starts = [i for i, k in enumerate(kinds) if k == "slide"]
    assert 10 <= len(starts) <= 12
    titles = [re.sub(r"<style>.*?</style>", "", nb.cells[i].source, flags=re.S).strip().lstrip("#").strip()
              for i in starts]
    assert all(is_sentence(t, lang) for t in titles), [t for t in titles if not is_sentence(t, lang)]
    # result first: the first slide after the cover states the headline indicators' growth
    assert all(fmt(i, lang=lang) in titles[1] for i in ("services_revenue_growth", "budget_revenue_growth"))
    notes = [c.source for c in nb.cells if c.metadata["slideshow"]["slide_type"] == "notes"]
    assert len(notes) == len(starts) and all(len(n) <= 600 for n in notes), [len(n) for n in notes]
    shown = "\n".join(c.source for c in nb.cells if c.metadata["slideshow"]["slide_type"] != "notes"
                      and c.cell_type == "markdown")
    shown = re.sub(r"<style>.*?</style>|\]\([^)]*\)", "", shown, flags=re.S)
    if lang == "zh":  # ids, English or not, only in the notes
        assert not english_runs(shown) and not re.search(r"[a-z]+_[a-z_]+", shown), english_runs(shown)
    else:
        assert not chinese_clauses(shown), chinese_clauses(shown)
    assert not stray_numbers(shown, lang)
    charts = [c for c in nb.cells if c.cell_type == "code"]
    assert len(charts) >= 6 and all(c.outputs for c in charts)


def test_a_sentence_is_told_from_a_topic():
    assert is_sentence("In Jan–Nov 2024 all four headline indicators grew", "en")
    assert not is_sentence("Headline indicators", "en") and not is_sentence("The Four Centres and the vouchers", "en")
    assert is_sentence("2024年1~11月四项主要指标均为增长", "zh") and not is_sentence("主要指标与全市", "zh")


def test_a_broken_template_file_is_refused_naming_its_line(tmp_path):
    bad = tmp_path / "t.csv"
    bad.write_text("key,en,zh\na,A,甲\nb,B,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"t.csv:3: a template needs its key, en and zh"):
        brief.templates(bad)
