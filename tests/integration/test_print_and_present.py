"""Teaching and presenting on paper and live (issue 22): the teacher's guide, the exercise
sheet and the answer key, the reader (handout.pdf) without solutions, with no number or id
broken and no nearly empty page, a PDF of every deck, and the notebooks `make lab LANG=..`
opens for RISE. Read from the site the `built` fixture builds once per run."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from zhongyuan.build import guide, rise
from zhongyuan.build.pages import HANDOUT
from zhongyuan.build.transforms import plain_text
from zhongyuan.factbase.load import load_facts
from zhongyuan.factbase.paths import ROOT
from zhongyuan.present.editions import cell_lang

LANGS = ["en", "zh"]


def _text(pdf: Path, mode: str = "-raw") -> str:
    """pdftotext's text: -raw, in the order it is drawn (the bundled CJK font is embedded as
    Type 3 glyphs, whose boxes throw -layout's and the default order out where hanzi and
    Latin share a line); -layout, as it stands on the page."""
    return subprocess.run(["pdftotext", mode, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _squeeze(text: str) -> str:
    """Text without whitespace and with straight quotes: a sentence as it runs over lines."""
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return re.sub(r"\s+", "", text)


def _opening(markdown: str, chars: int = 40) -> str:
    """The first words of a Markdown text as print shows them, squeezed."""
    return _squeeze(plain_text(markdown))[:chars]


def _exercises(built: Path, lang: str) -> list[guide.Exercise]:
    return guide.exercises(rise.executed_copies(built, lang))


def _solution_opening(e: guide.Exercise) -> str:
    prose = [c["source"] for c in e.solution if c["cell_type"] == "markdown" and c["source"].strip()]
    assert prose, f"{e.label}: a solution without prose"
    return _opening(prose[0])


# -- the guide ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_exercise_has_an_estimate_in_each_guide(lang):
    """Minutes, level, work and what it practises for every exercise of the notebooks, in the
    guide's data file of each language, and no estimate for an exercise that does not exist."""
    import nbformat

    from zhongyuan.present.editions import keep_language

    english = {p.name: keep_language(nbformat.read(p, as_version=4), "en")
               for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))}
    headings = {e.label: e.heading for e in guide.exercises(english)}
    estimates = guide.estimates(lang)
    assert set(estimates) == set(headings), sorted(set(estimates) ^ set(headings))
    for label, e in estimates.items():
        assert 5 <= e["minutes"] <= 30 and e["level"] in (1, 2, 3) and e["work"] in ("paper", "python"), label
        assert e["practises"].strip(), label
        # labels follow the exercises' order: one moved, its label names another exercise
        assert e["heading"] == headings[label], f"guide.{lang}.md: {label} is now {headings[label]!r}"
        assert {k: e[k] for k in ("minutes", "level", "work")} == {
            k: guide.estimates("en")[label][k] for k in ("minutes", "level", "work")}, label
    if lang == "zh":  # written in Chinese, not English with Chinese words in it
        for label, e in estimates.items():
            assert not re.search(r"[A-Za-z]{3,}", e["practises"]), (label, e["practises"])


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_is_linked_and_names_every_exercise_as_the_site_numbers_it(built, lang):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((built / lang / "guide.html").read_text(encoding="utf-8"), "html.parser")
    main = page.select_one("main") or page
    text = " ".join(main.get_text(" ", strip=True).split())
    found = _exercises(built, lang)
    assert len(found) >= 20
    for e in found:  # each exercise linked under its site number, beside its estimate
        name = guide.exercise_name(e.number, lang)
        links = [a for a in main.select(f'a[href$="#{e.label}"]') if a.get_text(strip=True) == name]
        assert links, f"{lang} guide: no link '{name}' to {e.label}"
    for a in main.select(f'a[href$="#{found[0].label}"]'):  # the site's own number for it
        target = BeautifulSoup((built / lang / a["href"].split("#")[0]).read_text(encoding="utf-8"), "html.parser")
        assert guide.exercise_name(found[0].number, lang) in target.select_one(f"#{found[0].label}").get_text()
    pack = f"zhongyuan-class-pack-{lang}.zip"
    assert any(a["href"].endswith(pack) for a in main.select("a[href]")), f"{lang} guide: no link to the class pack"
    for pdf in (guide.SHEET, guide.ANSWERS):
        assert main.select(f'a[href="{pdf}"]'), f"{lang} guide: no link to {pdf}"
    assert "90" in text and ("make lab LANG=" + lang) in text and "?print-pdf" in text
    if lang == "zh":
        assert "What each notebook teaches" not in text and "各笔记本教什么" in text
        hanzi = len(re.findall(r"[\u4e00-\u9fff]", text))
        latin = len(re.findall(r"\b[A-Za-z]{4,}\b", text))
        assert hanzi > 10 * latin, (hanzi, latin)  # Chinese, with titles' English ids and commands only
    for page_name in ("index.html", "downloads.html"):
        html = (built / lang / page_name).read_text(encoding="utf-8")
        assert 'href="guide.html"' in html, f"{lang}/{page_name}: no link to the guide"


# -- the exercise sheet and the answer key -------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_sheet_has_every_exercise_and_no_solution_and_the_key_every_solution(built, lang, printer, poppler):
    found = _exercises(built, lang)
    sheet, key = (built / lang / guide.SHEET, built / lang / guide.ANSWERS)
    sheet_text, key_text = _squeeze(_text(sheet)), _squeeze(_text(key))
    positions = []
    for e in found:
        name = _squeeze(guide.exercise_name(e.number, lang))
        prompt = _opening(e.prompt)
        assert name in sheet_text and prompt in sheet_text, f"{lang} sheet: no {name} ({e.label})"
        positions.append(sheet_text.index(prompt))
        assert _solution_opening(e) not in sheet_text, f"{lang} sheet: the solution of {e.label}"
        assert prompt in key_text and _solution_opening(e) in key_text, f"{lang} key: no solution of {e.label}"
    assert positions == sorted(positions), f"{lang} sheet: exercises out of their order"
    for pdf, most in ((sheet, len(found) // 2 + 2), (key, len(found))):
        with pikepdf.open(pdf) as doc:
            assert 2 <= len(doc.pages) <= most, f"{pdf.name} ({lang}): {len(doc.pages)} pages"
    downloads = (built / lang / "downloads.html").read_text(encoding="utf-8")
    assert f'href="{guide.SHEET}"' in downloads and f'href="{guide.ANSWERS}"' in downloads


# -- the reader --------------------------------------------------------------------------------

READER_PAGES = {"en": 230, "zh": 180}  # 274 and 202 when it printed every solution, every table kept whole


@pytest.mark.parametrize("lang", LANGS)
def test_the_reader_has_the_exercises_but_no_solution(built, lang, printer, poppler):
    text = _squeeze(_text(built / lang / HANDOUT))
    for e in _exercises(built, lang):
        assert _opening(e.prompt) in text, f"{lang} reader: exercise {e.label} missing"
        assert _solution_opening(e) not in text, f"{lang} reader: the solution of {e.label} is printed"


@pytest.mark.parametrize("lang", LANGS)
def test_the_reader_breaks_no_id_or_number_and_has_no_nearly_empty_page(built, lang, printer, poppler):
    pdf = built / lang / HANDOUT
    pages = _text(pdf, "-layout").split("\f")[:-1]
    with pikepdf.open(pdf) as doc, doc.open_outline() as outline:
        total = len(doc.pages)
        starts = [doc.pages.index(pikepdf.Page(item.destination[0])) for item in outline.root]
        pictured = [bool(page.get_images()) for page in doc.pages]
        facts_part = range(starts[-2], starts[-1])  # the fact tables, landscape
    assert total == len(pages) <= READER_PAGES[lang], f"{lang} reader: {total} pages"
    last_of_part = {s - 1 for s in starts[1:]} | {total - 1}
    thin = [i + 1 for i, page in enumerate(pages)
            if len([line for line in page.splitlines() if line.strip()]) < 8 and not pictured[i]
            and i not in last_of_part]
    assert not thin, f"{lang} reader: nearly empty pages {thin}"
    # every id of the fact tables, and every number of the report's words quoted there, whole
    drawn = _text(pdf).split("\f")
    flat = " | ".join(" ".join(line.split()) for i in facts_part for line in drawn[i].splitlines())
    broken = [i for i in load_facts().index if i not in flat]
    numbers = {n for quote in load_facts()["quote"] for n in re.findall(r"\d+(?:\.\d+)?", quote) if len(n) >= 3}
    broken += [n for n in sorted(numbers) if n not in flat]
    assert not broken, f"{lang} reader: broken across lines in the fact tables: {broken[:20]}"


# -- the decks as PDF --------------------------------------------------------------------------

def _slides(deck: Path) -> int:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
    return sum(1 for s in soup.select(".reveal .slides section") if not s.find("section"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_deck_has_a_pdf_with_a_page_a_slide_linked_from_the_decks_and_downloads(built, lang, printer):
    slides = built / lang / "slides"
    decks = sorted(slides.glob("*.slides.html"))
    assert decks
    index = (slides / "index.html").read_text(encoding="utf-8")
    downloads = (built / lang / "downloads.html").read_text(encoding="utf-8")
    for deck in decks:
        pdf = slides / (deck.name.removesuffix(".slides.html") + ".pdf")
        assert pdf.exists(), f"no {pdf.relative_to(built)}"
        with pikepdf.open(pdf) as doc:
            assert len(doc.pages) == _slides(deck), f"{pdf.relative_to(built)}: {len(doc.pages)} pages"
            box = doc.pages[0].mediabox
            assert box[2] > box[3], f"{pdf.relative_to(built)}: not landscape"
        assert f'href="{pdf.name}"' in index, f"{lang} decks' page: no link to {pdf.name}"
        assert f'href="slides/{pdf.name}"' in downloads, f"{lang} downloads: no link to {pdf.name}"


# -- live in JupyterLab ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_notebooks_for_rise_show_no_code_and_one_language(built, lang, tmp_path):
    written = rise.write_lab_copies(lang, tmp_path / lang, site=built)
    assert sorted(p.name for p in written) == sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    import nbformat

    for path in written:
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert any(c.outputs for c in code), f"{path.name}: not executed"
        shown = [c.source.splitlines()[0] for c in nb.cells if rise.shows_code(c) and c.source.strip()]
        assert not shown, f"{path.name}: code on a slide: {shown[:3]}"
        assert all(c.metadata.get("slideshow", {}).get("slide_type") for c in code), path.name
        assert {cell_lang(c) for c in nb.cells} <= {None, lang}, f"{path.name}: another language"
        params = "\n".join(c.source for c in code
                           if {"parameters", "injected-parameters"} & set(c.metadata.get("tags", [])))
        assert re.findall(r"^LANG = [\"'](\w+)[\"']", params, re.M)[-1] == lang, path.name
        # RISE shows a hidden input's placeholder (the code's first line) unless styled away
        assert nb.metadata["rise"]["theme"] == "white" and ".jp-InputPlaceholder" in nb.metadata["rise"]["overlay"]


def test_make_lab_with_a_language_opens_that_editions_copies_and_without_one_the_notebooks():
    dry = subprocess.run(["make", "-n", "lab", "LANG=zh"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "zhongyuan.build.rise zh build/lab/zh" in dry and re.search(r"jupyterlab .*\s+build/lab/zh", dry, re.S)
    # the locale's LANG (from the environment) is not an edition
    dry = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "LANG": "C.UTF-8"}).stdout
    assert "zhongyuan.build.rise" not in dry and "notebooks/" in dry
