"""Tables as an edition shows them, in one call: headers and coded values in the edition's
language (from the catalogue, words.csv, or given as (en, zh) pairs), Chinese text in the
full-width punctuation of print."""
from __future__ import annotations

import pandas as pd

from . import words
from .i18n import check_lang, full_width
from .narrate import notebook_lang


def say(en, zh, lang: str | None = None):
    """The notebook's language's version of a label, a title or a list of them."""
    return zh if check_lang(lang or notebook_lang()) == "zh" else en


def show(frame: pd.DataFrame, headers: dict | None = None, codes=(), index: str | tuple | None = None,
         lang: str | None = None) -> pd.DataFrame:
    """frame as the edition shows it.

    headers: {column: (en, zh)} for a column the catalogue does not name; any other column
    named by a key of the catalogue's `columns` group gets that header. codes: columns whose
    values are codes of the catalogue's `codes` group (exact, about, actual, growth...),
    shown as words. index: the index's name, a catalogue key or an (en, zh) pair.
    """
    lang = check_lang(lang or notebook_lang())
    columns = words.group("columns")
    names = {**{c: columns[c][lang] for c in frame.columns if c in columns},
             **{c: say(*pair, lang=lang) for c, pair in (headers or {}).items()}}
    vocab = {k: v[lang] for k, v in words.group("codes").items()}
    out = frame.assign(**{c: frame[c].astype(str).map(lambda v: vocab.get(v, v)) for c in codes if c in frame})
    out = out.rename(columns=names)
    if index is not None:
        out = out.rename_axis(columns[index][lang] if isinstance(index, str) else say(*index, lang=lang))
    return full_width(out, lang)
