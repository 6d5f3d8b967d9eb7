"""Teaching and presenting: exercises with checked solutions, student copies without them,
reading mode on the site, a deck per notebook that works offline, a handout PDF per edition."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pikepdf
import pytest

from zhongyuan.build.pages import TEXT as PAGE_WORDS
from zhongyuan.build.slides import HEIGHT, WIDTH
from zhongyuan.build.teach import is_exercise, solution_spans, student_copy
from zhongyuan.present.editions import keep_language
from zhongyuan.present.navigation import contents, notebook_paths

PATHS = notebook_paths()
THEMED = [p for p in PATHS if "01" <= p.name[:2] <= "08"]
LABEL = re.compile(r":label:\s*(\S+)")


def _nb(path: Path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", THEMED, ids=lambda p: p.name)
def test_every_exercise_has_a_solution_that_asserts_its_answer(path):
    nb = _nb(path)
    en = [c for c in nb.cells if is_exercise(c) and "lang-en" in c.metadata.get("tags", [])]
    labels = [LABEL.search(c.source).group(1) for c in en]
    assert 2 <= len(labels) <= 4, f"{path.name}: {len(labels)} exercises (2 to 4 expected)"
    assert len(set(labels)) == len(labels) and all(lb.startswith(f"ex-{path.name[:2]}-") for lb in labels)
    spans = {re.search(r"solution-start\}\s*(\S+)", nb.cells[a].source).group(1): (a, b)
             for a, b in solution_spans(nb)}
    assert set(spans) == set(labels), f"{path.name}: solutions for {sorted(spans)}, exercises {labels}"
    for label, (a, b) in spans.items():
        code = [c for c in nb.cells[a:b] if c.cell_type == "code"]
        assert code and all("solution" in c.metadata.get("tags", []) for c in code), (path.name, label)
        assert any(re.search(r"^\s*assert\b", c.source, re.M) for c in code), f"{path.name} {label}: no assert"
        assert not any(o.get("output_type") == "error" for c in code for o in c.outputs), (path.name, label)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_student_copies_hold_no_solution_and_a_cell_for_each_answer(path, lang):
    nb = nbformat.from_dict(keep_language(_nb(path), lang))
    copy = student_copy(nb, lang)
    text = json.dumps(copy.cells, ensure_ascii=False)
    assert "solution-start" not in text and "solution-end" not in text
    assert not any("solution" in c.metadata.get("tags", []) for c in copy.cells)
    assert not any(c.get("outputs") for c in copy.cells if c.cell_type == "code")
    for i, cell in enumerate(copy.cells):
        if is_exercise(cell):
            assert "answer" in copy.cells[i + 1].metadata.get("tags", []), (path.name, i)
    # and the narrative does not speak of solutions the copy does not have
    spoken = [c.source for c in copy.cells if c.cell_type == "markdown" and not is_exercise(c)
              and re.search(r"\b[Ss]olutions?\b|参考答案|每个答案", c.source)]
    assert not spoken, f"{path.name} ({lang}): {spoken[0][:200]}"
    # the solutions' own code is gone: none of its lines survives in the copy
    for a, b in solution_spans(nb):
        for cell in nb.cells[a:b]:
            if cell.cell_type == "code" and cell.source.strip():
                assert cell.source not in text


def test_reading_mode_collapses_every_code_cell(built):
    from bs4 import BeautifulSoup

    for lang in ("en", "zh"):
        for path in PATHS:
            soup = BeautifulSoup((built / lang / f"{path.stem}.html").read_text(encoding="utf-8"), "html.parser")
            inputs = soup.select(".cell_input")
            assert inputs, f"{lang}/{path.stem}: no code cells on the page"
            loose = [i for i in inputs if not i.find_parent("details")
                     and "tag_teach-code" not in " ".join(i.find_parent(class_="cell")["class"])]
            assert not loose, f"{lang}/{path.stem}: {len(loose)} code cells shown open"
            prompt = "显示代码" if lang == "zh" else "Show code"
            assert soup.find(string=re.compile(prompt)), f"{lang}/{path.stem}: toggle not labelled {prompt!r}"


def _decks(built: Path) -> list[Path]:
    return sorted(built.glob("*/slides/*.slides.html"))


def test_every_notebook_has_a_deck_in_each_edition_and_a_contents_page(built):
    for lang in ("en", "zh"):
        names = {p.name for p in (built / lang / "slides").glob("*.slides.html")}
        # and the meeting deck (zhongyuan.build.meeting), which the browser checks below take too
        assert names == {f"{p.stem}.slides.html" for p in PATHS} | {"meeting.slides.html"}, lang
        index = (built / lang / "slides" / "index.html").read_text(encoding="utf-8")
        assert all(n in index for n in names)


# Each slide, shown at 1280x720 (transitions off), is checked by CHECK, a JavaScript body that
# sees the slide `s`, its number `i` and the list `out` of problems.
WALK = """async () => {
    Reveal.configure({transition: 'none', backgroundTransition: 'none'});
    const out = [];
    for (const [i, s] of Reveal.getSlides().entries()) {
        const idx = Reveal.getIndices(s); Reveal.slide(idx.h, idx.v);
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        CHECK
    }
    return out; }"""

# Every visible element of every slide lies within the slide's box.
OUTSIDE = WALK.replace("CHECK", """
        const box = s.closest('.slides').getBoundingClientRect();
        for (const e of s.querySelectorAll('*')) {
            if (e.closest('aside.notes')) continue;
            const r = e.getBoundingClientRect(), style = getComputedStyle(e);
            if (!r.width || !r.height || style.visibility === 'hidden') continue;
            const out_ = r.top < box.top - 2 || r.left < box.left - 2;
            if (out_ || r.bottom > box.bottom + 2 || r.right > box.right + 2) {
                const at = [r.left, r.top, r.right, r.bottom].map(Math.round);
                out.push(`slide ${i + 1}: <${e.tagName.toLowerCase()}> at ${at[0]},${at[1]}-${at[2]},${at[3]}`
                         + ` outside ${Math.round(box.width)}x${Math.round(box.height)}`);
                break;
            }
        }""")


def outside_the_slide(page) -> list[str]:
    return page.evaluate(OUTSIDE)


# Charts whose words do not fit a slide at 18 px, by deck, with the size they are allowed:
# 07's keywords by part, six panels of ten labelled bars in English (the Chinese fits 18 px).
KNOWN_SMALL = {"en/slides/07_language.slides.html": 16}


def _known_small(deck: str, problem: str) -> bool:
    px = problem.rsplit("chart text ", 1)[-1].removesuffix(" px")
    return deck in KNOWN_SMALL and px.replace(".", "").isdigit() and float(px) >= KNOWN_SMALL[deck] - 0.1


# Every chart on a slide is the picture drawn for the slide, and its smallest text, at the
# scale the slide shows it, is at least 18 px (readable from the back of a room); a table's
# text at least 16 px.
SMALL_TEXT = WALK.replace("CHECK", """
        const scale = s.closest('.slides').getBoundingClientRect().width / 1280;  // the viewport's own scale
        for (const img of s.querySelectorAll('.jp-RenderedImage img')) {
            if (!img.classList.contains('slide-chart')) {
                out.push(`slide ${i + 1}: a chart not drawn for the slide`);
                continue;
            }
            const shown = img.getBoundingClientRect().width / img.naturalWidth / scale * parseFloat(img.dataset.minPx);
            if (!(shown >= 17.9)) out.push(`slide ${i + 1}: chart text ${shown.toFixed(1)} px`);
        }
        // a table's text, at the zoom that fits the slide (a long table was read at 9 px)
        const zoom = parseFloat(s.style.zoom || 1);
        for (const cell of s.querySelectorAll('td, th')) {
            if (cell.closest('aside.notes')) continue;
            const px = parseFloat(getComputedStyle(cell).fontSize) * zoom;
            if (px < 15.9) { out.push(`slide ${i + 1}: table text ${px.toFixed(1)} px`); break; }
        }""")


def test_decks_open_offline_fit_the_slide_and_show_speaker_notes(built, context):
    """`context` is the guarded browser context of conftest: a deck that asks the network
    for anything fails. Playwright's default viewport is the slide's size, 1280x720."""
    problems = []
    for deck in _decks(built):
        page = context.new_page()
        assert page.viewport_size == {"width": WIDTH, "height": HEIGHT}
        page.goto(deck.as_uri(), wait_until="load")
        page.wait_for_function("document.querySelector('.reveal.ready')")
        page.evaluate("window.Reveal = window.Reveal || require('reveal.js/dist/reveal.js')")  # loaded by require.js
        name = deck.relative_to(built)
        total = page.evaluate("Reveal.getTotalSlides()")
        if total < 3:
            problems.append(f"{name}: {total} slides")
        problems += [f"{name}: {o}" for o in outside_the_slide(page)]
        problems += [f"{name}: {o}" for o in page.evaluate(SMALL_TEXT) if not _known_small(str(name), o)]
        if page.locator(".reveal aside.notes").count() == 0:
            problems.append(f"{name}: no speaker notes")
        else:
            with context.expect_page(timeout=10_000) as popup:
                page.keyboard.press("s")
            notes = popup.value
            notes.wait_for_load_state()
            if "speaker" not in notes.content().lower():
                problems.append(f"{name}: the notes view did not open")
            notes.close()
        page.close()
    assert not problems, "\n".join(problems[:30])


# The same deck, driven as a presenter does: the default transition on, one slide after the
# next. A slide measured while it slides in was once zoomed to 39% for good (the walk above,
# transitions off, never saw it): each slide must end at the zoom the still walk gives it.
ZOOMS = """async (moving) => {
    if (!moving) Reveal.configure({transition: 'none', backgroundTransition: 'none'});
    const zooms = [];
    for (const s of Reveal.getSlides()) {
        const idx = Reveal.getIndices(s);
        const arrived = new Promise(r => { Reveal.on('slidetransitionend', r, {once: true}); setTimeout(r, 2000); });
        Reveal.slide(idx.h, idx.v);
        if (moving) await arrived;
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        zooms.push(s.style.zoom || '1');
    }
    return zooms; }"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_slide_that_slides_in_is_shown_at_its_fitted_size(built, context, lang):
    zooms = {}
    for moving in (True, False):
        page = context.new_page()
        page.goto((built / lang / "slides" / "meeting.slides.html").as_uri(), wait_until="load")
        page.wait_for_function("document.querySelector('.reveal.ready')")
        page.evaluate("window.Reveal = window.Reveal || require('reveal.js/dist/reveal.js')")
        zooms[moving] = page.evaluate(ZOOMS, moving)
        page.close()
    assert zooms[True] == zooms[False], f"{lang} meeting deck: zoom per slide, moving vs still: {zooms}"


HEADINGS = {"en": ["Glossary", "The fact tables", "Readings and context"],
            "zh": ["术语表", "事实表", "解读登记表与背景说明"]}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_handout_embeds_its_fonts_and_has_every_part(built, lang, printer, poppler):
    pdf = built / lang / "handout.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), fonts  # the 'emb' column
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    for heading in HEADINGS[lang]:
        assert heading in text, f"{lang} handout: no {heading!r}"
    titles = [t for _, t in contents(lang=lang)]
    flat = " ".join(text.split()).replace("’", "'")  # Sphinx sets apostrophes as ’
    for title in titles:
        assert title.replace("’", "'") in flat, f"{lang} handout: no notebook {title!r}"
    assert len([p for p in pages if p.strip()]) >= len(titles) + len(HEADINGS[lang])
    # numbered once over the whole, though printed in parts: page k says k (and of how many)
    pages = [p for p in pages if p.strip()]
    for k, page in enumerate(pages, 1):
        number = f"page {k} of {len(pages)}" if lang == "en" else f"第 {k} 页"
        assert number in " ".join(page.split()), f"{lang} handout, page {k}: no {number!r}"
    with pikepdf.open(pdf) as doc, doc.open_outline() as outline:  # a bookmark per part
        marks = [item.title for item in outline.root]
        starts = [pikepdf.Page(item.destination[0]) for item in outline.root]
        # the two parts made of wide tables are printed landscape, the rest portrait
        landscape = [m for m, page in zip(marks, starts) if page.mediabox[2] > page.mediabox[3]]
    assert marks[1:1 + len(titles)] == titles and marks[-3:] == [
        PAGE_WORDS[k][lang] for k in ("glossary", "facts", "readings")], f"{lang} handout bookmarks: {marks}"
    assert landscape == [PAGE_WORDS[k][lang] for k in ("facts", "readings")], landscape
    # the hanzi, page numbers' included, are set in the bundled font, whatever the machine has:
    # Chromium embeds that OpenType (CFF) font as unnamed Type 3 glyphs, and no system CJK font
    assert "Type 3" in fonts and not re.search(r"WenQuanYi|Droid|CJK|Heiti|SimSun|Ming", fonts), fonts


def test_every_link_in_a_deck_and_its_notes_leads_to_a_file(built):
    """Links in speaker notes too: a notebook's link to another notebook (X.ipynb) must lead
    to that notebook's page, beside the decks' folder."""
    broken = []
    for deck in _decks(built):
        for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', deck.read_text(encoding="utf-8")):
            if not (deck.parent / href).exists():
                broken.append(f"{deck.relative_to(built)}: {href}")
    assert not broken, "\n".join(broken)


def test_speaker_notes_are_prompts_not_a_script(built):
    """Under 600 characters of notes a slide (a fresh lecturer found 68 of 160 slides over
    it, one of 3,791): the notes view is read at a glance while presenting."""
    from bs4 import BeautifulSoup

    from zhongyuan.build.slides import NOTES_MAX

    long = []
    for deck in _decks(built):
        soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        for i, s in enumerate((s for s in soup.select(".slides section") if not s.find("section")), 1):
            n = sum(len(a.get_text(" ", strip=True)) for a in s.select("aside.notes"))
            if n > NOTES_MAX:
                long.append(f"{deck.relative_to(built)}: slide {i}: {n} characters of notes")
    assert not long, "\n".join(long)


def test_the_chinese_decks_show_ids_only_in_their_notes(built):
    """On a Chinese slide an id (budget_revenue, wancheng_sense) is English in front of a room:
    ids go to the speaker notes (issue 22); tables on slides drop their columns of ids."""
    from bs4 import BeautifulSoup

    from zhongyuan.build.slides import IDS

    shown = []
    for deck in sorted((built / "zh" / "slides").glob("*.slides.html")):
        # an id broken for the line (budget_<wbr>revenue) is still an id
        soup = BeautifulSoup(re.sub(r"<wbr\s*/?>", "", deck.read_text(encoding="utf-8")), "html.parser")
        for i, s in enumerate((s for s in soup.select(".slides section") if not s.find("section")), 1):
            # a column name a student types, in code font beside its Chinese name, may stay
            for notes in s.select("aside.notes, script, style, code"):
                notes.decompose()
            shown += [f"{deck.name}: slide {i}: {m.group(0)}" for m in IDS.finditer(s.get_text(" "))]
    assert not shown, "\n".join(shown[:20])
