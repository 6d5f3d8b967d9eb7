"""Write a draft as a data package this project's own validation can check.

    DIR/report.txt        the text, UTF-8
    DIR/report.json       what zhongyuan.factbase.report needs to read it (one section, no repairs)
    DIR/facts.csv         the draft fact table, in this project's columns
    DIR/units.csv         the units the draft uses
    DIR/datapackage.json  the contract: this project's schemas, widened where a draft must be
                          (measures, statuses and hedges of any report; subject_en and area
                          left for a person to fill)

The draft is made from the text as zhongyuan.factbase.report cleans it (blocks cut by a page break
joined), so quotes are found where validate.py looks for them. Ids are pinyin slugs of the
subjects (gu_ding_zi_chan_tou_zi_growth); quotes are the clause up to the figure, lengthened
to the left until each is unique.
"""
from __future__ import annotations

import contextlib
import copy
import csv
import hashlib
import json
import os
import re
from pathlib import Path

from ..factbase.paths import ROOT
from .numbers import base_of
from .scan import _ARABIC_FIGURE, scan
from .vocab import BASE_UNITS

MEASURES = ["level", "count", "growth", "gap", "rate", "duration", "ranking", "other"]
QUALIFIERS = ["exact", "about", "nearly", "over", "at_least", "at_most"]
STATUSES = ["actual", "estimate", "target"]
BASES = ["stated", "carried", "unstated", "cumulative"]
# The columns of this project's facts.csv the draft fills; any other column is left empty.
DRAFTED = ("id", "area", "subject_zh", "measure", "value", "unit", "qualifier", "period",
           "period_basis", "status", "quote", "note")
_PREFIX_EN = {"万亿": "trillion", "千万": "10 million", "百万": "million", "亿": "100 million",
              "万": "10 thousand", "千": "thousand"}


@contextlib.contextmanager
def data_folder(folder: Path):
    """Point zhongyuan's data readers (report, validate) at `folder` for a while."""
    before = os.environ.get("ZHONGYUAN_DATA")
    os.environ["ZHONGYUAN_DATA"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            del os.environ["ZHONGYUAN_DATA"]
        else:
            os.environ["ZHONGYUAN_DATA"] = before


def slug(subject: str, measure: str) -> str:
    """固定资产投资, growth -> gu_ding_zi_chan_tou_zi_growth (at most eight syllables)."""
    from pypinyin import lazy_pinyin

    parts = [re.sub(r"[^a-z0-9]", "", p.lower()) for p in lazy_pinyin(subject)]
    parts = [p for p in parts if p][:8]
    base = "_".join(parts) if parts and parts[0][0].isalpha() else "figure"
    return f"{base}_{measure}"


def unique_quotes(text: str, rows: list[dict]) -> list[str]:
    """Each row's quote: its clause up to the end of its figure (unit and hedge included),
    lengthened to the left until it occurs once in `text` and no other row has it."""
    out: list[str] = []
    for row in rows:
        clause = row["quote"]
        start = next((row["start"] - k for k in range(len(clause))
                      if text.startswith(clause, row["start"] - k)), row["start"])
        tail = re.match(r" ?" + re.escape(row["unit"]) + r"(?:左右|以上|以内|以下)?", text[row["end"]:])
        end = row["end"] + (tail.end() if tail else 0)
        if not row["number"].lstrip("第")[:1].isdigit():
            # 百余项, 第一: validate.py reads a quote's Arabic numbers only, when it has any, so
            # the quote of a Chinese numeral starts after the clause's last Arabic figure.
            figures = list(_ARABIC_FIGURE.finditer(text, start, row["start"]))
            start = figures[-1].end() if figures else start
        if start == row["start"]:  # 27个省市重点项目: a count before its noun keeps the noun
            end += re.match(r"[^\d,,;;:。!?、\n]*", text[end:]).end()
        quote = text[start:end]
        while (text.count(quote) > 1 or quote in out) and start > 0:
            start -= 1
            quote = text[start:end]
        out.append(quote)
    return out


def _units_rows(units: set[str]) -> list[dict]:
    rows = []
    for unit in sorted(units):
        factor, base = base_of(unit)
        dimension, name = BASE_UNITS.get(base, ("other", base))
        prefix = unit[: len(unit) - len(base)] if base else unit
        unit_en = " ".join(w for w in (_PREFIX_EN.get(prefix, ""), name) if w)
        rows.append({"unit": unit, "unit_en": unit_en, "dimension": dimension,
                     "base_unit": base or "(unstated)", "factor": f"{factor:g}",
                     "note": "" if base else "a multiplier printed without its unit"})
    return rows


def _descriptor(name: str, text_bytes: bytes) -> dict:
    """This project's descriptor for report, units and facts, widened for a draft."""
    own = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    res = {r["name"]: copy.deepcopy(r) for r in own["resources"]}
    report = res["report"]
    report.update(hash="sha256:" + hashlib.sha256(text_bytes).hexdigest(), bytes=len(text_bytes),
                  title="The text the draft was made from")
    units, facts = res["units"], res["facts"]
    for f in units["schema"]["fields"]:
        if f["name"] == "dimension":
            f["constraints"]["enum"] = sorted(set(f["constraints"]["enum"]) | {"physical", "other"})
    widened = {"measure": MEASURES, "qualifier": QUALIFIERS, "status": STATUSES, "period_basis": BASES}
    for f in facts["schema"]["fields"]:
        cons = f.setdefault("constraints", {})
        if f["name"] in widened:
            cons["enum"] = sorted(set(cons.get("enum", [])) | set(widened[f["name"]]))
        elif f["name"] in ("section", "area", "subject_en", "unit") or f["name"] not in DRAFTED:
            cons.pop("enum", None)
            cons["required"] = False  # a draft leaves these to a person (unit: 全市第一 has none)
    # The project's other tables (honours, readings, ...), empty: the facts' checks may look
    # ids up in them, and a draft has none yet.
    others = [r for n, r in res.items() if n not in ("report", "units", "facts") and "schema" in r]
    return {"name": re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "draft",
            "title": f"Draft fact table of {name}, made by zhongyuan.extract",
            "description": "Every quantity the text prints, drafted by rules; to be reviewed by a person.",
            "resources": [report, units, facts] + others}


def write(folder: Path, text: str, name: str, year: int | None = None) -> list:
    """Write the package for `text` into `folder`; return the validation's problems (empty if
    the draft passes this project's checks)."""
    from ..factbase import report
    from ..factbase.errors import DataError
    from ..factbase.validate import validate_table

    folder.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    (folder / "report.txt").write_bytes(data)
    meta = {"id": name, "file": "report.txt", "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data), "encoding": "utf-8", "column_label": "", "headline_zh": "",
            "byline_zh": "", "date": str(year or ""), "repairs": [],
            "sections": [{"id": "intro", "heading_zh": "", "title_en": "Text"}]}
    (folder / "report.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    descriptor = _descriptor(name, data)
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    columns = [f["name"] for f in descriptor["resources"][2]["schema"]["fields"]]
    for res in descriptor["resources"][3:]:
        with (folder / res["path"]).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerow([x["name"] for x in res["schema"]["fields"]])
    with data_folder(folder):
        cleaned = report.cleaned_text()
    rows = scan(cleaned, year)
    quotes = unique_quotes(cleaned, rows)
    ids: dict[str, int] = {}
    with (folder / "facts.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, columns, lineterminator="\n", restval="", extrasaction="ignore")
        out.writeheader()
        for row, quote in zip(rows, quotes):
            fid = slug(row["subject"], row["measure"])
            ids[fid] = ids.get(fid, 0) + 1
            if ids[fid] > 1:
                fid = f"{fid}_{ids[fid]}"
            out.writerow({"id": fid, "area": row["area"], "subject_zh": row["subject"],
                          "measure": row["measure"], "value": f"{row['value']:g}",
                          "unit": row["unit"], "qualifier": row["qualifier"],
                          "period": "" if row["period"] == "*" else row["period"],
                          "period_basis": row["period_basis"], "status": row["status"],
                          "quote": quote, "note": "draft: review subject, period and sign"})
    with (folder / "units.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, [f["name"] for f in descriptor["resources"][1]["schema"]["fields"]],
                             lineterminator="\n", restval="")
        out.writeheader()
        out.writerows(_units_rows({r["unit"] for r in rows if r["unit"]}))
    with data_folder(folder):
        try:
            validate_table("facts")
        except DataError as exc:
            return list(exc.problems)
    return []
