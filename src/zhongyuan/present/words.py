"""The words every edition shows, in English and Chinese, kept as data: words.csv beside this
file, one row a word (group, key, en, zh). Chart labels, table headers, the site's page titles,
navigation, the register's labels, the decks' and the handout's fixed words: a translator or
an editor changes them there, not in code. A word may hold {placeholders}, filled by word()."""
from __future__ import annotations

import csv
import functools
from pathlib import Path

LANGS = ("en", "zh")
FILE = Path(__file__).with_name("words.csv")


@functools.cache
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    """{group: {key: {"en": ..., "zh": ...}}}; a row missing a language is refused."""
    table: dict[str, dict[str, dict[str, str]]] = {}
    with FILE.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if not (row["group"] and row["key"] and row["en"] and row["zh"]):
                raise ValueError(f"{FILE}:{line}: a word needs its group, key, en and zh")
            words = table.setdefault(row["group"], {})
            if row["key"] in words:
                raise ValueError(f"{FILE}:{line}: {row['group']}.{row['key']} is defined twice")
            words[row["key"]] = {"en": row["en"], "zh": row["zh"]}
    return table


def group(name: str) -> dict[str, dict[str, str]]:
    """One group of words: {key: {"en": ..., "zh": ...}}."""
    return catalogue()[name]


def word(name: str, key: str, lang: str, **values) -> str:
    """One word in `lang`, its {placeholders} filled from values."""
    if lang not in LANGS:
        raise ValueError(f"LANG must be one of {LANGS}, not {lang!r}")
    text = catalogue()[name][key][lang]
    return text.format(**values) if values else text
