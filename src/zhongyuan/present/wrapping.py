"""Chart labels wrapped onto lines: English at spaces, Chinese between words (jieba's, with
the glossary's terms as words), never inside a number; used by the charts and by the slide
pictures, which wrap the same labels to another width."""
from __future__ import annotations

import re
import textwrap

from ..analysis.text import tokenizer


def wrap(text: str, lang: str, width: int = 30) -> str:
    """Wrap a label: at spaces in English; in Chinese into lines of even length. A line
    break already in the label (before its period) is kept."""
    if "\n" in text:
        return "\n".join(wrap(line, lang, width) for line in text.split("\n"))
    if lang == "en":
        return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text
    # Units that must not be split: a run of digits, Latin letters or punctuation, or a word
    # (jieba's, with the glossary's terms as words), so that no line breaks inside a word
    units = [word for run in re.findall(r"[0-9A-Za-z.,%()~–\-]+|[\u4e00-\u9fff]+|.", text)
             for word in (tokenizer().lcut(run) if "\u4e00" <= run[0] <= "\u9fff" else [run])]
    merged: list[str] = []  # closing marks stay with what they close, opening with what follows
    for unit in units:
        if merged and (unit[0] in ")）”》，、；：,." or merged[-1][-1] in "(（“《"):
            merged[-1] += unit
        else:
            merged.append(unit)
    units = merged
    width //= 2
    lines = len(_fill(units, width))  # as few lines as words allow, then as even as they allow
    shortest = -(-len(text) // lines)  # a word longer than a line makes this more than width
    step = next((step for step in range(shortest, max(shortest, width) + 1) if len(_fill(units, step)) <= lines),
                max(shortest, width))
    return "\n".join(_fill(units, step))


def _fill(units: list[str], width: int) -> list[str]:
    """Units laid into lines of at most `width` characters (a longer unit alone on its line)."""
    out, line = [], ""
    for unit in units:
        if line and len(line) + len(unit) > width:
            out.append(line)
            line = ""
        line += unit
    return out + [line]
