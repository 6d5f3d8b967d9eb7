"""Text from the tables as literal MyST Markdown: escaped, so a quote with `<script>` in it is
shown as text, never run as markup. Every generated page and the brief use it."""
from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~^$\"':;=/@%])")


def md_escape(text) -> str:
    """Text from the tables as literal Markdown: every ASCII punctuation mark escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def md_table(rows: list[dict]) -> str:
    """A GitHub-style table with every cell escaped."""
    if not rows:
        return ""
    cols = list(rows[0])
    lines = ["| " + " | ".join(md_escape(c) for c in cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(md_escape("" if r[c] is None else r[c]) for c in cols) + " |" for r in rows]
    return "\n".join(lines) + "\n"
