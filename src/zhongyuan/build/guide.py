"""The teacher's guide of an edition (guide.html), and what the exercise sheet and the answer
key are made from: every exercise of the edition, numbered as the site numbers it.

The guide's words are data, one file a language: templates/guide.LANG.md, MyST Markdown with
a front matter of the short words the code puts elsewhere (the downloads page, the sheet,
the key) and, per exercise label, the estimate a teacher plans with (minutes, level, whether
it needs Python, what it practises). Its body holds {{placeholders}} filled from the
edition's notebooks:

    {{notebook:01}}     the notebook's title, linked to its page
    {{deck:01}}         its deck (and the deck's PDF when one was printed)
    {{exercise:ex-01-1}}  "Exercise 1", linked to the exercise (the site's number)
    {{exercises:01}}    the notebook's exercises, linked, or a dash
    {{exercise_table}}  every exercise with its estimate
    {{pack}} {{sheet}} {{answers}} {{handout}} {{decks}}   the downloads

A line whose placeholder names a notebook or an exercise the edition lacks is left out, so
a guide is written for any set of notebooks (a test's two, say) without failing the build.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..present import words
from .teach import is_exercise, solution_spans

TEMPLATES = Path(__file__).parent / "templates"
PAGE = "guide"  # guide.md in the sources, guide.html on the site
SHEET, ANSWERS = "exercises.pdf", "answers.pdf"  # beside handout.pdf
_SLOT = re.compile(r"\{\{(\w+)(?::([\w-]+))?\}\}")
_FENCED = re.compile(r"^(?P<head>.*?)^[ \t]*```\{exercise\}[^\n]*\n(?P<body>.*?)^[ \t]*```[ \t]*$", re.M | re.S)
_OPTION = re.compile(r"^:([\w-]+):[ \t]*(.*)$", re.M)
_SOLVES = re.compile(r"solution-start\}\s*(\S+)")


@functools.cache
def template(lang: str) -> tuple[dict, str]:
    """(front matter, body) of templates/guide.LANG.md."""
    import yaml

    text = (TEMPLATES / f"guide.{lang}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def say(key: str, lang: str, **values) -> str:
    """One of the guide's short words (its front matter) in `lang`."""
    text = template(lang)[0][key]
    return text.format(**values) if values else text


@dataclass
class Exercise:
    number: int  # as the site numbers it: in reading order across the edition
    label: str  # ex-01-1
    notebook: str  # 01_headline_indicators.ipynb
    heading: str  # the heading above it in the notebook
    prompt: str  # Markdown, without the directive and its options
    solution: list = field(default_factory=list)  # the cells between solution-start and -end


def exercises(executed: dict) -> list[Exercise]:
    """Every exercise of an edition's executed notebooks (one language each, in reading
    order), with its solution's cells."""
    found, number = [], 1
    for name, nb in executed.items():
        cells = nb["cells"]
        spans = {}
        for a, b in solution_spans(nb):
            m = _SOLVES.search(cells[a]["source"])
            if m:
                spans[m.group(1)] = cells[a + 1:b]
        for cell in cells:
            if not is_exercise(cell):
                continue
            m = _FENCED.search(cell["source"])
            head, body = (m.group("head"), m.group("body")) if m else ("", cell["source"])
            options = dict(_OPTION.findall(body))
            label = options.get("label", f"exercise-{number}")
            heading = " ".join(line.lstrip("#").strip() for line in head.splitlines() if line.strip())
            found.append(Exercise(number, label, name, heading, _OPTION.sub("", body).strip(),
                                  list(spans.get(label, []))))
            number += 1
    return found


def estimates(lang: str) -> dict[str, dict]:
    """Per exercise label: minutes, level (1 to 3), work (paper or python), practises."""
    return template(lang)[0]["exercises"]


def exercise_name(number: int, lang: str) -> str:
    """"Exercise 8" / "练习 8", as the site titles it."""
    return words.word("teaching", "exercise", lang, n=number).rstrip(".")


def guide_page(lang: str, contents: list[tuple[str, str]], executed: dict, pack: str, printed: bool) -> str:
    """guide.md: the template of `lang` filled from the edition. contents: (file name, title)
    of its notebooks in reading order; pack: the class pack's path in the sources; printed:
    whether a browser prints the PDFs (else the guide says they were not built)."""
    front, body = template(lang)
    by_number = {Path(n).name[:2]: (Path(n).stem, t) for n, t in contents}
    found = exercises(executed)
    by_label = {e.label: e for e in found}
    missing = say("not_printed", lang)

    def link(href: str, text: str) -> str:
        return f'<a href="{href}">{text}</a>'

    def exercise(label: str) -> str:
        e = by_label[label]
        return f"{{ref}}`{exercise_name(e.number, lang)} <{e.label}>`"

    colon, comma = ("：", "、") if lang == "zh" else (": ", ", ")

    def table() -> str:
        heads = front["table_heads"]
        rows = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        for e in found:
            est = estimates(lang).get(e.label)
            stem, title = by_number[e.notebook[:2]]
            plan = " · ".join([front["levels"][est["level"] - 1], say("minutes", lang, n=est["minutes"]),
                               front["work"][est["work"]]]) if est else "—"
            cells = [f"{exercise(e.label)}{colon}{e.heading}", f"{{doc}}`{e.notebook[:2]} <{stem}>`",
                     est["practises"] if est else "—", plan]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def resolve(kind: str, arg: str | None) -> str:
        if kind == "notebook":
            stem, title = by_number[arg]
            return f"{{doc}}`{title} <{stem}>`"
        if kind == "deck":
            stem, _ = by_number[arg]
            deck = link(f"slides/{stem}.slides.html", f"{say('deck', lang)} {arg}")
            return deck + (" · " + link(f"slides/{stem}.pdf", "PDF") if printed else "")
        if kind == "exercise":
            return exercise(arg)
        if kind == "exercises":
            stem, _ = by_number[arg]
            mine = [exercise(e.label) for e in found if e.notebook[:2] == arg]
            return comma.join(mine) or "—"
        if kind == "exercise_table":
            return table()
        if kind == "pack":
            return f"{{download}}`{Path(pack).name} <{pack}>`"
        if kind in ("sheet", "answers", "handout"):
            name = {"sheet": SHEET, "answers": ANSWERS, "handout": "handout.pdf"}[kind]
            return link(name, name) if printed and (found or kind == "handout") else f"{name} ({missing})"
        if kind == "decks":
            return link("slides/index.html", say("decks", lang))
        raise KeyError(kind)

    lines = []
    for line in body.splitlines():
        try:
            lines.append(_SLOT.sub(lambda m: resolve(m.group(1), m.group(2)), line))
        except KeyError:  # a notebook or an exercise this edition does not have
            continue
    return "\n".join(lines).strip() + "\n"


def downloads_section(lang: str, printed: bool, decks: list[str], has_exercises: bool) -> str:
    """The downloads page's part on teaching and presenting (Markdown): the guide, the
    exercise sheet and the answer key, every deck as a PDF; decks: the decks' paths under
    the site (slides/NN_name.slides.html)."""
    lines = [f"\n## {say('downloads_heading', lang)}\n", f"- {{doc}}`{say('title', lang)} <{PAGE}>`"]
    if not printed:
        lines.append(f"- {say('pdfs_not_printed', lang)}")
        return "\n".join(lines) + "\n"
    if has_exercises:
        lines += [f'- <a href="{SHEET}">{SHEET}</a>: {say("sheet", lang)}',
                  f'- <a href="{ANSWERS}">{ANSWERS}</a>: {say("answers", lang)}']
    pdfs = [d.removesuffix(".slides.html") + ".pdf" for d in decks if d.endswith(".slides.html")]
    if pdfs:
        lines.append(f"- {say('deck_pdfs', lang)}: " + ", ".join(f'<a href="{p}">{Path(p).name}</a>' for p in pdfs))
    return "\n".join(lines) + "\n"
