"""One edition of the static site: executed notebooks as pages, the generated pages, data
files, student copies, decks and (when a browser is found) the handout, built by Sphinx in the
edition's workspace."""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from ..factbase.paths import data_dir
from ..present.navigation import title
from . import browser, guide, sheets
from .brief import write_brief
from .classpack import class_pack
from .meeting import DECK as MEETING_DECK
from .meeting import write_meeting_deck
from .pages import HANDOUT, TEXT, _t, downloads_page, facts_page, glossary_page, home_page, landing_page, readings_page  # noqa: F401
from .printing import print_edition
from .slides import write_decks
from .teach import exercise_count, reading_mode, student_copy
from .transforms import describe_charts, has_outputs, link_pages, without_slide_pictures
from .workspace import Workspace

CONF_DIR = Path(__file__).parent / "sphinx"
SPHINX_LANG = {"en": "en", "zh": "zh_CN"}
CLASS_PACK = "zhongyuan-class-pack-{lang}.zip"


def prepare() -> None:
    """What every edition's build needs first and shares, done ahead in an edition worker
    (zhongyuan.build.run) while the notebooks still run: Sphinx and its extensions, the
    browser's driver and the PDF library imported, the class pack's pins read."""
    import importlib

    for module in ("sphinx.cmd.build", "sphinx.application", "myst_nb", "sphinx_book_theme", "sphinx_exercise",
                   "sphinx_togglebutton", "playwright.async_api", "pikepdf", "zhongyuan.present.charts"):
        importlib.import_module(module)
    from .classpack import constraints

    constraints()


def write_data_files(ws, lang: str = "en") -> list[tuple[str, str, str]]:
    """The data package, and an Excel workbook of every table, into the workspace's
    _files/data: (file name, path in the sources, what it is) of each."""
    import pandas as pd

    from ..factbase.load import load_table
    from ..factbase.schema import descriptor, table_names

    zh = lang == "zh"
    files = []
    for res in descriptor()["resources"]:
        ws.write(f"_files/data/{res['path']}", (data_dir() / res["path"]).read_bytes())
        files.append((res["path"], f"_files/data/{res['path']}", res.get("title_zh" if zh else "title", res["name"])))
    for name, what in (("datapackage.json", "数据包描述文件（Frictionless Data Package）" if zh else
                        "Frictionless Data Package descriptor"),
                       ("report.json", "报告元数据与排版修复记录" if zh else "the report's metadata and repairs")):
        ws.write(f"_files/data/{name}", (data_dir() / name).read_bytes())
        files.append((name, f"_files/data/{name}", what))
    workbook = ws.keep(ws.src / "_files" / "data" / "zhongyuan-2024.xlsx")
    if ws.fresh or not workbook.exists():  # the workspace's key covers data/ and the code
        with pd.ExcelWriter(workbook, engine="openpyxl") as xlsx:
            for name in table_names():
                table = load_table(name)
                for col in table.columns:
                    if isinstance(table[col].dtype, pd.CategoricalDtype):
                        table[col] = table[col].astype(str)
                table.to_excel(xlsx, sheet_name=name, index=False)
    files.append(("zhongyuan-2024.xlsx", "_files/data/zhongyuan-2024.xlsx",
                  "全部数据表，每表一个工作表" if zh else "every table, one sheet each"))
    return files


def build_edition(lang: str, executed: dict[str, nbformat.NotebookNode], work: Path, out: Path,
                  workspace: Path | None = None, key: str = "", jobs: int = 2) -> None:
    """Build one edition (pages, decks, handout) into out/LANG.

    With a workspace folder (make report: build/cache/edition-LANG), valid while `key` (what
    every page shares) is unchanged, Sphinx reads and writes only the pages whose sources
    changed, and unchanged decks and printed parts of the handout are reused; without one,
    everything is built afresh in work/. The handout prints up to `jobs` pages at once.
    """
    from sphinx.cmd.build import build_main

    printer = browser.find()  # None: the site without its PDF
    decks_from = executed  # the decks show the charts drawn for the slide
    executed = {name: without_slide_pictures(nb) for name, nb in executed.items()}
    with Workspace(workspace or work / f"edition-{lang}", key) as ws:
        contents = []
        for name, nb in executed.items():
            if not has_outputs(nb):
                raise RuntimeError(f"{name} ({lang}) has no outputs: it was never executed")
            page = reading_mode(describe_charts(link_pages(nbformat.from_dict(nb))))
            ws.write(name, nbformat.writes(page) + "\n")
            contents.append((name, title(nb, Path(name).stem, lang)))
        files = write_data_files(ws, lang)
        copies, first = {}, 1  # exercises numbered across the edition, as the site numbers them
        for name, nb in executed.items():
            copies[name] = student_copy(nb, lang, first)
            first += exercise_count(nb)
        students = [ws.write(f"_files/students/{name}", nbformat.writes(nb) + "\n") for name, nb in copies.items()]
        pack = ws.write(f"_files/class-pack/{CLASS_PACK.format(lang=lang)}", class_pack(lang, copies))
        runs = [ws.write(f"_files/executed/{name}", nbformat.writes(nb) + "\n") for name, nb in executed.items()]
        relative = [str(p.relative_to(ws.src)) for p in students + runs]
        # the meeting deck (issue 22) first, after the decks' contents page
        slides = (["slides/index.html", f"slides/{MEETING_DECK}"]
                  + [f"slides/{Path(n).stem}.slides.html" for n in executed])
        ws.write("index.md", home_page(lang, contents))
        ws.write("glossary.md", glossary_page(lang))
        ws.write("facts.md", facts_page(lang))
        ws.write("readings.md", readings_page(lang))
        # the teacher's guide (issue 22): what each notebook teaches, a class plan, the exercises
        ws.write(f"{guide.PAGE}.md", guide.guide_page(lang, contents, executed, str(pack.relative_to(ws.src)),
                                                    printed=printer is not None))
        has_exercises = bool(guide.exercises(executed))
        write_brief(ws, lang, contents, pdf=printer is not None)  # the brief (issue 22): brief.md and its charts
        ws.write("downloads.md", downloads_page(lang, files, relative[:len(students)], relative[len(students):], slides,
                                                  handout=printer is not None, pack=str(pack.relative_to(ws.src)),
                                                  brief=printer is not None,
                                                  teaching=guide.downloads_section(lang, printer is not None, slides,
                                                                                   has_exercises)))
        ws.remove_unwritten()
        # MyST-NB writes jupyter_execute/ beside the output folder: build one level down.
        html = ws.out / lang
        code = build_main(["-b", "html", "-q", "-W", "--keep-going", "-c", str(CONF_DIR),
                           "-D", f"language={SPHINX_LANG[lang]}", "-d", str(ws.doctrees), str(ws.src), str(html)])
        if code:
            raise RuntimeError(f"Sphinx failed for the {lang} edition (exit {code}); see the messages above")
        # A copy, not links: the next build's Sphinx rewrites its pages in place, and the site
        # in use must not change under its readers.
        site = Path(shutil.copytree(html, out / lang))
        # the meeting deck (issue 22), kept in the workspace, listed first on the decks' contents page
        meeting = write_meeting_deck(site / "slides", lang, ws.folder / "meeting")
        write_decks(decks_from, site / "slides", lang, ws.decks, first=[meeting])
        on_paper = [("index", _t("home", lang)), *((Path(n).stem, t) for n, t in contents),
                    *((page, _t(page, lang)) for page in ("glossary", "facts", "readings"))]
        if printer is None:
            print(f"site: {lang} handout skipped (no browser), and the exercise sheet, answer key and decks' PDFs",
                  flush=True)
        else:
            # one browser prints the reader, the brief, the exercise sheet and answer key, and every deck
            titles = dict(contents)
            papers = {guide.SHEET: (guide.say("sheet_title", lang), sheets.sheet_html(executed, lang, titles)),
                      guide.ANSWERS: (guide.say("answers_title", lang), sheets.key_html(executed, lang, titles))}
            print_edition(site, lang, on_paper, ws.handout, _t("home", lang), jobs, printer,
                          papers if has_exercises else {})
