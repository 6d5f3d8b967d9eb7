"""The brief and the meeting deck as the build makes them (issue 22): a page and a 2-4-page A4
PDF per edition, linked from the home and downloads pages, in the edition's language, every
figure a rendering of the fact base; a meeting deck per language of ten to twelve slides,
titled with findings, listed first among the decks. The decks' browser checks (every element
within 1280x720, chart text at least 18 px, notes open offline) are test_teaching's, which
takes every slides/*.slides.html, the meeting deck's included."""
from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest
from bs4 import BeautifulSoup

from briefing import chinese_clauses, english_runs, is_sentence, stray_numbers
from zhongyuan.build import brief, meeting
from zhongyuan.present.narrate import fmt
from zhongyuan.present.navigation import notebook_paths

LANGS = ["en", "zh"]
A4 = (595.3, 841.9)  # points


def _article(path) -> BeautifulSoup:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("article") or soup.find("main")
    for tag in main.find_all(["script", "style"]):
        tag.decompose()
    return main


@pytest.mark.parametrize("lang", LANGS)
def test_the_brief_is_a_page_linked_from_home_and_downloads(built, lang):
    site = built / lang
    assert (site / "brief.html").exists()
    for page in ("index.html", "downloads.html"):
        hrefs = [a.get("href", "") for a in BeautifulSoup((site / page).read_text(encoding="utf-8"),
                                                           "html.parser").find_all("a")]
        assert any(h.split("#")[0] == "brief.html" for h in hrefs), f"{lang}/{page}: no link to brief.html"
    article = _article(site / "brief.html")
    assert len(article.select("figure img")) == len(brief.PAGE_CHARTS)
    assert article.find("h1").get_text(" ", strip=True).rstrip("#¶ ") == brief.title(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_of_the_brief_is_a_fact_rendered_as_narrate_renders_it(built, lang):
    article = _article(built / lang / "brief.html")
    text = " ".join([article.get_text(" ")] + [img.get("alt", "") for img in article.find_all("img")])
    register = tuple(brief.open_readings()["question_zh" if lang == "zh" else "question"])
    stray = stray_numbers(text, lang, register)
    assert not stray, f"{lang} brief: numbers that are no rendered figure of the fact base: {stray}"
    # the headline figures are there as narrate renders them, hedge and all
    for id_ in ("budget_revenue", "services_revenue_growth", "gdp_growth_estimate", "city_budget_revenue_growth",
                "four_centres_events", "vouchers_leveraged_consumption"):
        assert fmt(id_, lang=lang) in " ".join(text.split()), f"{lang} brief: no {fmt(id_, lang=lang)!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_brief_pdf_has_two_to_four_a4_pages_in_its_language(built, lang, printer, poppler):
    pdf = built / lang / "brief.pdf"
    with pikepdf.open(pdf) as doc:
        sizes = [tuple(float(x) for x in page.mediabox[2:]) for page in doc.pages]
    assert 2 <= len(sizes) <= 4, f"{lang} brief: {len(sizes)} pages"
    assert all(abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 for w, h in sizes), sizes
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert brief.title(lang) in flat and brief.say("h_findings", lang) in flat
    hanzi, latin = len(re.findall(r"[\u4e00-\u9fff]", text)), len(re.findall(r"[A-Za-z]+", text))
    if lang == "zh":  # Chinese, with no English sentence
        assert hanzi > 1500 and not english_runs(text), english_runs(text)[:10]
    else:  # English, Chinese only as terms and quotes
        assert latin > 3 * hanzi and not chinese_clauses(flat), chinese_clauses(flat)[:10]
    downloads = (built / lang / "downloads.html").read_text(encoding="utf-8")
    assert 'href="brief.pdf"' in downloads


def _deck(built, lang) -> BeautifulSoup:
    return BeautifulSoup((built / lang / "slides" / meeting.DECK).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", LANGS)
def test_the_meeting_deck_has_ten_to_twelve_slides_titled_with_findings(built, lang):
    soup = _deck(built, lang)
    assert soup.html["lang"] == {"en": "en", "zh": "zh-CN"}[lang]
    slides = soup.select(".reveal .slides > section")
    assert 10 <= len(slides) <= 12, f"{lang}: {len(slides)} slides"
    titles = [s.find(["h1", "h2", "h3"]).get_text(" ", strip=True).rstrip("¶ ") for s in slides]
    assert all(is_sentence(t, lang) for t in titles), [t for t in titles if not is_sentence(t, lang)]
    assert fmt("services_revenue_growth", lang=lang) in titles[1]  # the result first
    for s in slides:
        notes = s.find("aside", class_="notes")
        assert notes is not None and len(notes.get_text(" ", strip=True)) <= 600, titles[slides.index(s)]
        for n in s.find_all("aside"):
            n.decompose()
        shown = s.get_text(" ", strip=True)
        assert not stray_numbers(shown, lang), stray_numbers(shown, lang)
        if lang == "zh":
            assert not english_runs(shown) and not re.search(r"\b[a-z]+_[a-z_]+\b", shown), shown
    charts = soup.select("img.slide-chart")
    assert len(charts) >= 6 and all(float(img["data-min-px"]) >= 18 for img in charts)
    index = BeautifulSoup((built / lang / "slides" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select("li a")[0]["href"] == meeting.DECK  # listed first


def test_every_slide_deck_the_browser_tests_take_includes_the_meeting_deck(built):
    decks = sorted(built.glob("*/slides/*.slides.html"))  # as test_teaching's _decks
    assert {d.parent.parent.name for d in decks if d.name == meeting.DECK} == set(LANGS)
    assert len(decks) == len(LANGS) * (len(notebook_paths()) + 1)
