"""Draft the fact table of a Chinese local-government report: every printed quantity.

    from zhongyuan.extract import quantities
    quantities(text, year=2021)   # one row per figure, columns as in COLUMNS

Rows: `start`/`end` (offsets of the printed number in `text`, 第 and 余 included: 第12,
百余), `number` as printed, `value` (signed: 同比下降12% -> -12), `unit` as printed (亿元,
个百分点; empty for 全市第一), `qualifier`, `period`, `status`, `measure`, `subject`, `area`,
`quote` (the clause) and `period_basis` (stated, carried, unstated, cumulative: how the
period was found). `year` is the year of the figures where the text does not say; without
it the year is read from the text (periods.infer_year).

Rules, not a model: the vocabularies are in vocab.py, numbers in numbers.py, periods in
periods.py, the pass that puts them together in scan.py. Scores against hand labels:
score.py and benchmarks/extract_eval.py. docs/extractor.md describes the rules class by
class, the scores on development and unseen texts, and what a reviewer checks first.
"""
from __future__ import annotations

from .scan import COLUMNS, scan

__all__ = ["COLUMNS", "quantities", "scan"]


def quantities(text: str, year: int | None = None):
    """The draft fact table of `text` as a DataFrame, one row per printed quantity."""
    import pandas as pd

    return pd.DataFrame(scan(text, year), columns=COLUMNS)
