"""Score the extractor against hand labels: this project's report and labelled texts.

A label is a figure at a place in a text. A predicted row finds its label when their
number spans overlap (the prediction may include 第 or 余). Then:

* recall and precision of (position, value, unit): a prediction is right when it stands on
  a labelled figure with the same value (signed) and the same printed unit;
* accuracy of qualifier, status and measure over the predictions that stand on a label,
  and of period over those whose label gives one (not *).

The labels: data/reports/NN_place.tsv (needles, see LABELS.md there), and for the
Zhongyuan report data/facts.csv, each fact's quote found in report.cleaned_text(): the
offsets of this report refer to the cleaned text, where quotes are defined (the raw text
splits some words at page breaks: 海外博\n\n士等20余名).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..factbase.paths import ROOT, data_dir
from .numbers import ARABIC, CN_NUMERAL, value_of
from .scan import scan

LABELLED = ROOT / "data" / "reports"
ATTRIBUTES = ("qualifier", "status", "measure", "period")


@dataclass
class Labelled:
    name: str
    text: str
    year: int | None
    gold: list[dict]  # start, end (the number), value, unit, qualifier, period, status, measure


@dataclass
class Score:
    name: str
    labels: int = 0
    predicted: int = 0
    correct: int = 0
    attribute_hits: dict = field(default_factory=lambda: {a: 0 for a in ATTRIBUTES})
    attribute_total: dict = field(default_factory=lambda: {a: 0 for a in ATTRIBUTES})
    misses: list = field(default_factory=list)  # labels with no right prediction
    extras: list = field(default_factory=list)  # predictions with no label
    wrong: list = field(default_factory=list)  # (attribute, label, prediction)

    @property
    def recall(self) -> float:
        return self.correct / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    def accuracy(self, attribute: str) -> float:
        n = self.attribute_total[attribute]
        return self.attribute_hits[attribute] / n if n else float("nan")

    def row(self) -> dict:
        return {"text": self.name, "labels": self.labels, "predicted": self.predicted,
                "correct": self.correct, "recall": self.recall, "precision": self.precision,
                **{a: self.accuracy(a) for a in ATTRIBUTES},
                "periods_labelled": self.attribute_total["period"]}

    def __add__(self, other: "Score") -> "Score":
        out = Score("overall", self.labels + other.labels, self.predicted + other.predicted,
                    self.correct + other.correct)
        for a in ATTRIBUTES:
            out.attribute_hits[a] = self.attribute_hits[a] + other.attribute_hits[a]
            out.attribute_total[a] = self.attribute_total[a] + other.attribute_total[a]
        out.misses, out.extras = self.misses + other.misses, self.extras + other.extras
        out.wrong = self.wrong + other.wrong
        return out


def number_span(snippet: str, value: float) -> tuple[int, int]:
    """Where, in a label's words, the labelled number is printed: the Arabic number of that
    value (|value|: a decline is printed unsigned), else the Chinese numeral (百余 -> 百)."""
    for pattern in (ARABIC, CN_NUMERAL):
        for m in re.finditer(pattern, snippet):
            try:
                if abs(value_of(m.group()) - abs(value)) < 1e-9:
                    return m.span()
            except ValueError:
                continue
    raise ValueError(f"{value:g} is not printed in {snippet!r}")


def read_labelled(txt: Path, year: int | None) -> Labelled:
    """A text and its .tsv of needles (each occurs once in the text)."""
    text = txt.read_text(encoding="utf-8")
    gold = []
    with txt.with_suffix(".tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            at = text.find(row["needle"])
            if at < 0 or text.find(row["needle"], at + 1) >= 0:
                raise ValueError(f"{txt.name}: needle {row['needle']!r} is not in the text once")
            value = float(row["value"])
            s, e = number_span(row["needle"], value)
            gold.append({"start": at + s, "end": at + e, "value": value, "unit": row["unit"],
                         "qualifier": row["qualifier"], "period": row["period"],
                         "status": row["status"], "measure": row["measure"], "needle": row["needle"]})
    return Labelled(txt.stem, text, year, gold)


def zhongyuan() -> Labelled:
    """This project's report: the fact table is the labels, offsets in the cleaned text."""
    from ..factbase import report
    from ..factbase.load import load_facts

    text = report.cleaned_text()
    gold = []
    for fact in load_facts().itertuples():
        (at,) = report.find_all(fact.quote)  # a fact's quote is unique: validate.py checks it
        s, e = number_span(fact.quote, fact.value)
        gold.append({"start": at + s, "end": at + e, "value": fact.value, "unit": fact.unit,
                     "qualifier": fact.qualifier, "period": fact.period, "status": fact.status,
                     "measure": fact.measure, "needle": fact.quote})
    return Labelled("zhongyuan", text, int(report.metadata()["date"][:4]), gold)


def labelled_texts(folder: Path | None = None) -> list[Labelled]:
    """The Zhongyuan report and every labelled text in `folder` (years from years.tsv);
    by default data/reports/ of the data the package reads (factbase.paths.data_dir)."""
    folder = folder or data_dir() / "reports"
    with (folder / "years.tsv").open(encoding="utf-8", newline="") as f:
        years = {r["file"]: int(r["year"]) for r in csv.DictReader(f, delimiter="\t")}
    texts = [zhongyuan()]
    for txt in sorted(folder.glob("*.txt")):
        texts.append(read_labelled(txt, years.get(txt.name)))
    return texts


def score(item: Labelled, predicted: list[dict] | None = None) -> Score:
    """Score predictions (by default the extractor's) against one text's labels."""
    predicted = scan(item.text, item.year) if predicted is None else predicted
    out = Score(item.name, labels=len(item.gold), predicted=len(predicted))
    used: set[int] = set()
    for g in item.gold:
        hits = [i for i, p in enumerate(predicted)
                if i not in used and p["start"] < g["end"] and g["start"] < p["end"]]
        if not hits:
            out.misses.append(g)
            continue
        i = hits[0]
        used.add(i)
        p = predicted[i]
        if abs(p["value"] - g["value"]) < 1e-9 and p["unit"] == g["unit"]:
            out.correct += 1
        else:
            out.misses.append(g)
            out.extras.append(p)
        for a in ATTRIBUTES:
            if a == "period" and g["period"] == "*":
                continue
            out.attribute_total[a] += 1
            if str(p[a]) == str(g[a]):
                out.attribute_hits[a] += 1
            else:
                out.wrong.append((a, g, p))
    out.extras += [p for i, p in enumerate(predicted) if i not in used]
    return out


def score_all(folder: Path | None = None, names=None, exclude=()) -> list[Score]:
    """One Score per labelled text, then their sum ('overall'). `names` keeps only those
    texts, `exclude` sets some aside (a text held out while rules are written)."""
    texts = [t for t in labelled_texts(folder)
             if (names is None or t.name in names) and t.name not in exclude]
    if not texts:
        raise ValueError(f"no labelled text left (names={names}, exclude={exclude})")
    scores = [score(t) for t in texts]
    total = Score("overall")
    for s in scores:
        total = total + s
    return scores + [total]


def table(scores: list[Score]):
    import pandas as pd

    return pd.DataFrame([s.row() for s in scores]).set_index("text")
