"""After an edit to one notebook, make report redoes only what the edit touched (its page, its
deck, its part of the handout) and never shows an old page: the edition's workspace
(zhongyuan.build.workspace), Sphinx's incremental build in it, the kept decks and printed parts."""
from __future__ import annotations

import base64
import os
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from zhongyuan.build import site
from zhongyuan.build.workspace import Workspace


def test_a_source_written_again_with_the_same_bytes_keeps_its_time(tmp_path):
    with Workspace(tmp_path / "ws", "k") as ws:
        page = ws.write("a.md", "# A\n")
        os.utime(page, ns=(1, 1))  # as if written long ago
    with Workspace(tmp_path / "ws", "k") as ws:
        assert not ws.fresh
        ws.write("a.md", "# A\n")
        assert page.stat().st_mtime_ns == 1  # Sphinx will not read it again
        ws.write("a.md", "# A, edited\n")
        assert page.stat().st_mtime_ns > 1 and page.read_text() == "# A, edited\n"


def test_sources_an_earlier_build_wrote_and_this_one_did_not_are_removed(tmp_path):
    with Workspace(tmp_path / "ws", "k") as ws:
        ws.write("00_a.ipynb", "{}")
        ws.write("_files/old.csv", "x")
    with Workspace(tmp_path / "ws", "k") as ws:
        ws.write("00_a.ipynb", "{}")
        ws.keep(ws.src / "_files" / "kept.xlsx")
        ws.remove_unwritten()
        assert sorted(str(p.relative_to(ws.src)) for p in ws.src.rglob("*") if p.is_file()) == ["00_a.ipynb"]


def test_a_new_key_or_an_unfinished_build_empties_the_workspace(tmp_path):
    with Workspace(tmp_path / "ws", "k") as ws:
        ws.write("a.md", "a")
    with Workspace(tmp_path / "ws", "other key") as ws:  # data/, src/, the lock or a title changed
        assert ws.fresh and not (ws.src / "a.md").exists()
        ws.write("a.md", "a")
    with pytest.raises(KeyboardInterrupt):
        with Workspace(tmp_path / "ws", "other key") as ws:
            ws.write("a.md", "half")
            raise KeyboardInterrupt  # Ctrl-C, a Sphinx error, a kill: pages may be half-written
    with Workspace(tmp_path / "ws", "other key") as ws:
        assert ws.fresh and not (ws.src / "a.md").exists()


def _executed(name: str, title: str, said: str):
    """An executed single-language notebook: a title, a sentence, a cell that printed `said`."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}", metadata={"slideshow": {"slide_type": "slide"}}),
                nbformat.v4.new_markdown_cell("What the cell below prints."),
                nbformat.v4.new_code_cell(f"print({said!r})", execution_count=1,
                                          outputs=[nbformat.v4.new_output("stream", name="stdout", text=said + "\n")])]
    return nb


def _png(colour: str) -> str:
    """A small chart picture, base64 as a notebook holds it: a block of this colour."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 80), colour).save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


def _charted(name: str, title: str, said: str, colour: str):
    """_executed, and a chart: its picture on the page and the one drawn for its slide."""
    from zhongyuan.present.style import SLIDE_MIME

    nb = _executed(name, title, said)
    picture = _png(colour)
    nb.cells += [nbformat.v4.new_markdown_cell("The chart below.", metadata={"slideshow": {"slide_type": "slide"}}),
                 nbformat.v4.new_code_cell("chart()", execution_count=2, outputs=[nbformat.v4.new_output(
                     "display_data", data={"image/png": picture, SLIDE_MIME: picture, "text/plain": "<Figure>"})])]
    return nb


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_an_edit_to_one_notebook_rebuilds_its_page_its_deck_and_its_part_only(tmp_path, capsys, printer, poppler):
    """01_b's sentence and chart change: its page, its deck, its part of the reader and its
    deck's PDF are made again, and no other PDF is printed: not 00_a's part or deck, not the
    meeting deck, the brief, the exercise sheet or the key, which do not show that chart."""
    executed = {"00_a.ipynb": _charted("00_a", "Notebook A", "first figure 11", "#1f77b4"),
                "01_b.ipynb": _charted("01_b", "Notebook B", "second figure 22", "#ff7f0e")}
    ws = tmp_path / "ws"
    site.build_edition("en", executed, tmp_path / "w1", tmp_path / "s1", ws, "k")
    first = capsys.readouterr().out
    decks = len(list((tmp_path / "s1" / "en" / "slides").glob("*.slides.html")))
    assert "6 of 6 parts printed" in first and f"decks as PDF, {decks} of {decks} printed" in first, first
    assert "brief printed" in first, first
    read = {p.name: p.stat().st_mtime_ns for p in (ws / "doctrees").glob("*.doctree")}
    written = {p.name: p.stat().st_mtime_ns for p in (ws / "out" / "en").glob("*.html")}
    kept_decks = set((ws / "decks").iterdir())

    executed["01_b.ipynb"] = _charted("01_b", "Notebook B", "second figure 33", "#2ca02c")
    site.build_edition("en", executed, tmp_path / "w2", tmp_path / "s2", ws, "k")
    said = capsys.readouterr().out
    assert "1 of 6 parts printed, 5 reused" in said, said
    assert f"decks as PDF, 1 of {decks} printed" in said, said
    assert "brief reused" in said and "exercise sheet and answer key, 0 of" in said, said
    before, after = (tmp_path / s / "en" / "slides" for s in ("s1", "s2"))
    reprinted = sorted(p.name for p in after.glob("*.pdf") if p.read_bytes() != (before / p.name).read_bytes())
    assert reprinted == ["01_b.pdf"], reprinted
    # of the edition's joined PDFs (the reader and the brief: this site has no exercises), only
    # the reader, which has a new part, was joined again (a join gives a new file ID each time)
    joined = sorted(p.name for p in (tmp_path / "s2" / "en").glob("*.pdf")
                    if p.read_bytes() != (tmp_path / "s1" / "en" / p.name).read_bytes())
    assert joined == ["handout.pdf"], joined
    new = tmp_path / "s2" / "en"
    page = (new / "01_b.html").read_text()
    assert "second figure 33" in page and "second figure 22" not in page
    shown = [(new / src).read_bytes() for src in re.findall(r'<img[^>]+src="(_images/[^"]+\.png)"', page)]
    assert shown == [base64.b64decode(_png("#2ca02c"))]  # the new chart, not the old one
    assert "second figure 33" in (new / "slides" / "01_b.slides.html").read_text()
    handout = _pdf_text(new / "handout.pdf")
    assert "second figure 33" in handout and "second figure 22" not in handout and "first figure 11" in handout
    # Sphinx read again the edited page, the downloads page (which offers the notebook's new
    # copies) and the teacher's guide (which offers the class pack, holding the new student
    # copy), no other; it wrote those pages again, the home page (whose contents list them),
    # the index and the search page, and no other (00_a's page, the glossary, the fact tables
    # are as they were)
    reread = {n for n, t in read.items() if (ws / "doctrees" / n).stat().st_mtime_ns != t}
    assert reread == {"01_b.doctree", "downloads.doctree", "guide.doctree"}, reread
    rewritten = {n for n, t in written.items() if (ws / "out" / "en" / n).stat().st_mtime_ns != t}
    assert rewritten == {"01_b.html", "downloads.html", "guide.html", "index.html", "genindex.html",
                         "search.html"}, rewritten
    assert len(kept_decks & set((ws / "decks").iterdir())) == 1 and len(list((ws / "decks").iterdir())) == 2
    # the site built before is a copy, untouched by the rebuild
    assert "second figure 22" in (tmp_path / "s1" / "en" / "01_b.html").read_text()

    # another key (data/, src/, the lock or a title changed): everything is built again
    site.build_edition("en", executed, tmp_path / "w3", tmp_path / "s3", ws, "k2")
    assert "6 of 6 parts printed" in capsys.readouterr().out

