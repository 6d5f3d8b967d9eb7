"""The exercise sheet and the answer key of an edition, as HTML pages for Chromium to print
(zhongyuan.build.printing): made from the executed notebooks' exercise and solution cells
(zhongyuan.build.guide.exercises), numbered as the site numbers them.

The sheet holds every exercise's heading and prompt, the notebook it reads, the minutes the
teacher's guide estimates, and ruled room to answer in (more room for longer exercises); no
solution. The key holds every exercise again, with its worked solution as the site shows it:
the solution's prose and what its code printed (text, tables, charts), not the code.
"""
from __future__ import annotations

import html
import re

from .guide import estimates, exercise_name, exercises, say, template
from .handout import font_css

CSS = """
body { font-size: 10.5pt; line-height: 1.45; color: #111; margin: 0; }
header { border-bottom: 1.2pt solid #234; padding-bottom: 6pt; margin-bottom: 12pt; }
h1 { font-size: 19pt; margin: 0; }
.edition { color: #444; margin: 2pt 0 0; }
.who { display: flex; gap: 12mm; margin: 10pt 0 2pt; }
.who span { flex: 1; border-bottom: 0.6pt solid #333; padding-bottom: 1pt; }
.note { font-size: 9pt; color: #444; margin: 6pt 0 0; }
section.exercise { margin: 0 0 14pt; }
.sheet section.exercise { break-inside: avoid; }
h2 { font-size: 12.5pt; margin: 0 0 1pt; break-after: avoid; }
.meta { font-size: 8.5pt; color: #555; margin: 0 0 4pt; break-after: avoid; }
.prompt p { margin: 0 0 4pt; }
.key .prompt { background: #f2f4f7; border-left: 2.5pt solid #8aa0b8; padding: 4pt 8pt; margin: 0 0 6pt;
  break-inside: avoid; }
.room { margin-top: 2pt; }
.room div { height: 8mm; border-bottom: 0.6pt solid #b8b8b8; }
h3 { font-size: 10.5pt; margin: 6pt 0 2pt; color: #234; break-after: avoid; }
.solution p { margin: 0 0 5pt; }
.solution blockquote { border-left: 2pt solid #c9a227; margin: 4pt 0; padding: 2pt 8pt; background: #fbf8ee; }
.solution img { max-width: 100%; height: auto; break-inside: avoid; }
.solution pre { white-space: pre-wrap; font-size: 8.5pt; }
table { border-collapse: collapse; font-size: 8pt; margin: 4pt 0 8pt; width: auto; max-width: 100%; }
th, td { border-bottom: 0.5pt solid #ccc; padding: 2pt 4pt; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { border-bottom: 1pt solid #555; }
tr { break-inside: avoid; }
.zy-nobr { white-space: nowrap; }
code { font-size: 92%; background: #f2f2f2; padding: 0 2px; border-radius: 2px; }
"""
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S)  # on paper a link is its words


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    return _LINK.sub(r"\1", MarkdownIt("commonmark", {"html": True}).enable("table").render(text))


def _room(minutes: int | None) -> int:
    """Ruled lines to answer in: more for an exercise that takes longer."""
    return max(4, min(10, 2 + (minutes or 10) // 3))


def _page(kind: str, lang: str, title: str, note: str, body: str) -> str:
    who = "" if kind == "key" else (f"<div class='who'><span>{html.escape(say('name_line', lang))}</span>"
                                    f"<span>{html.escape(say('date_line', lang))}</span></div>")
    return ("<!doctype html><html lang='{0}'><head><meta charset='utf-8'><title>{1}</title><style>{2}{3}</style>"
            "</head><body class='{4}'><header><h1>{1}</h1><p class='edition'>{5}</p>{6}<p class='note'>{7}</p>"
            "</header>{8}</body></html>").format(
        "zh-CN" if lang == "zh" else "en", html.escape(title), font_css(), CSS, kind,
        html.escape(say("edition", lang)), who, html.escape(note), body)


def _head(e, lang: str, titles: dict[str, str]) -> str:
    est = estimates(lang).get(e.label, {})
    meta = [say("from_notebook", lang, number=e.notebook[:2], title=titles.get(e.notebook, e.notebook))]
    if est:
        meta.append(say("minutes", lang, n=est["minutes"]))
        meta.append(template(lang)[0]["work"][est["work"]])
    name = exercise_name(e.number, lang)
    sep = "：" if lang == "zh" else ": "
    return (f"<h2>{html.escape(name)}{sep if e.heading else ''}{html.escape(e.heading)}</h2>"
            f"<p class='meta'>{html.escape(' · '.join(m for m in meta if m))}</p>")


def sheet_html(executed: dict, lang: str, titles: dict[str, str]) -> str:
    """The exercise sheet: every exercise of the edition, numbered, with room to answer.
    titles: each notebook's title by file name."""
    parts = []
    for e in exercises(executed):
        lines = _room(estimates(lang).get(e.label, {}).get("minutes"))
        parts.append(f"<section class='exercise' id='{html.escape(e.label)}'>{_head(e, lang, titles)}"
                     f"<div class='prompt'>{_markdown(e.prompt)}</div>"
                     f"<div class='room'>{'<div></div>' * lines}</div></section>")
    return _page("sheet", lang, say("sheet_title", lang), say("sheet_note", lang), "".join(parts))


def _outputs(cell) -> str:
    """What a solution's code cell printed, as the page shows it: Markdown, tables, charts,
    printed text; never the code, nor warnings."""
    shown = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "text/markdown" in data:
            shown.append(_markdown(_text(data["text/markdown"])))
        elif "text/html" in data:
            shown.append(_LINK.sub(r"\1", _text(data["text/html"])))
        elif "image/png" in data:
            shown.append(f"<img src='data:image/png;base64,{_text(data['image/png']).strip()}' alt=''>")
        elif out.get("output_type") == "stream" and out.get("name") == "stdout":
            shown.append(f"<pre>{html.escape(_text(out['text']))}</pre>")
    return "".join(shown)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def key_html(executed: dict, lang: str, titles: dict[str, str]) -> str:
    """The answer key: every exercise of the edition with its worked solution."""
    parts = []
    for e in exercises(executed):
        solution = "".join(_markdown(_text(c["source"])) if c["cell_type"] == "markdown" else _outputs(c)
                           for c in e.solution)
        parts.append(f"<section class='exercise' id='{html.escape(e.label)}'>{_head(e, lang, titles)}"
                     f"<div class='prompt'>{_markdown(e.prompt)}</div>"
                     f"<h3>{html.escape(say('solution', lang))}</h3><div class='solution'>{solution}</div></section>")
    return _page("key", lang, say("answers_title", lang), say("answers_note", lang), "".join(parts))
