"""Account for every number printed in the report: a fact's quote covers it, or it is a
listed non-quantity (a year, a date, part of a name). Nothing may be left over."""
from __future__ import annotations

import pandas as pd

from ..factbase import report
from ..factbase.load import load_facts, load_non_quantities
from ..factbase.numerals import ARABIC, CHINESE_COUNT, chinese_to_number


def _spans(quotes, labels, values) -> list[tuple[int, int, str, float | None]]:
    """(start, end, label, value) for every occurrence of every quote in the cleaned text."""
    out, find_all = [], report.quote_finder()
    for quote, label, value in zip(quotes, labels, values):
        out += [(start, start + len(quote), label, value) for start in find_all(quote)]
    return out


def _as_number(text: str, script: str) -> float:
    return float(text) if script == "arabic" else float(chinese_to_number(text))


def number_coverage() -> pd.DataFrame:
    """One row per number printed in the cleaned report: where it is, what accounts for it.

    Scanned: every Arabic number, and every Chinese numeral standing before a measure
    word (百余项, 十六条). Columns: number, script ("arabic" / "chinese"), start, end,
    section, context, covered_by ("fact" / "non_quantity" / ""), ref (the fact id, or the
    non-quantity's kind).
    """
    text = report.cleaned_text()
    facts, nonq = load_facts(), load_non_quantities()
    # A fact accounts for a number only if it is the fact's value, not a bystander in its quote.
    spans = ([(s, e, "non_quantity", ref, None)
              for s, e, ref, _ in _spans(nonq["quote"], nonq["kind"], [None] * len(nonq))]
             + [(s, e, "fact", ref, v) for s, e, ref, v in _spans(facts["quote"], facts["id"], facts["value"])])
    rows = []
    found = [(m, "arabic") for m in ARABIC.finditer(text)]
    found += [(m, "chinese") for m in CHINESE_COUNT.finditer(text)]
    for m, script in sorted(found, key=lambda f: f[0].start()):
        number = _as_number(m.group(), script)
        hit = next(((by, ref) for s, e, by, ref, v in spans
                    if s <= m.start() and m.end() <= e and v in (None, number)), ("", ""))
        rows.append({
            "number": m.group(),
            "script": script,
            "start": m.start(),
            "end": m.end(),
            "section": report.locate_offset(m.start()).section,
            "context": text[max(0, m.start() - 8): m.end() + 8].replace("\n", " "),
            "covered_by": hit[0],
            "ref": hit[1],
        })
    return pd.DataFrame(rows)


def uncovered_numbers() -> pd.DataFrame:
    """Numbers no fact and no listed non-quantity accounts for (should be empty)."""
    cov = number_coverage()
    return cov[cov["covered_by"] == ""]


def quote_provenance() -> pd.DataFrame:
    """Each fact's quote: how often it occurs in the cleaned report, the section it stands
    in, and whether that is the section the fact claims."""
    facts = load_facts()
    hits = [len(report.find_all(q)) for q in facts["quote"]]
    found = [report.locate(q).section if n else "" for q, n in zip(facts["quote"], hits)]
    return pd.DataFrame({"quote": facts["quote"], "occurrences": hits, "section": facts["section"],
                         "found_in": found,
                         "agrees": [f == str(s) for f, s in zip(found, facts["section"])]},
                        index=facts.index)
