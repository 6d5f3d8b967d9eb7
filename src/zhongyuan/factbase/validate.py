"""Read a table of the data package and refuse it, whole, if any row breaks the contract.

Checks come from the Table Schema in datapackage.json (types, required, enums, patterns,
unique keys, foreign keys) plus what only this project knows: every quote stands in the
report, a fact's quote is unique there, and a fact's value is printed in its quote.
Every fault is reported with file, line and column; nothing stops at the first.
"""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from pathlib import Path

from . import report, schema
from .errors import DataError, Problem
from .numerals import numbers_in
from .paths import data_dir


def read_rows(name: str) -> tuple[Path, list[tuple[int, dict[str, str]]]]:
    """The rows of a table as (line number, {column: text}), after structural checks."""
    res = schema.resource(name)
    path = data_dir() / res["path"]
    text = decode(path)

    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    try:
        header = next(reader)
    except StopIteration:
        raise DataError([Problem(path, 1, None, "the file is empty")]) from None
    header = [h.strip() for h in header]
    fields = [f["name"] for f in res["schema"]["fields"]]
    for name_ in fields:
        if name_ not in header:
            problems.append(Problem(path, 1, name_, "required column is missing from the header"))
    if problems:
        raise DataError(problems)

    rows, line = [], reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not cells:
            continue  # a blank line carries no row
        if len(cells) != len(header):
            problems.append(Problem(path, start, None,
                f"{len(cells)} fields where the header has {len(header)} (an unquoted comma?)"))
            continue
        rows.append((start, dict(zip(header, (c.strip() for c in cells)))))
    if problems:
        raise DataError(problems)
    return path, rows


def decode(path: Path) -> str:
    """A table's text: UTF-8 (with or without a BOM), or GB18030 as Chinese spreadsheets
    save it. Bytes that are neither are refused with their line."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first = exc
    try:
        return raw.decode("gb18030")  # a superset of GBK: what Excel saves as "CSV" in China
    except UnicodeDecodeError:
        line = raw[: first.start].count(b"\n") + 1
        raise DataError([Problem(path, line, None,
            f"neither UTF-8 nor GB18030 (byte 0x{raw[first.start]:02x} at offset {first.start}); "
            "save the file as UTF-8")]) from None


_DECLINE = re.compile(r"下降|减少|下滑|回落|低于|负增长|减")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def normalise(field: dict, text: str, is_key: bool = False) -> str:
    """Undo what spreadsheets do to codes and numbers: full-width characters (４７．６, ％)
    become ASCII, and thousands separators (12,203) go. Free text and quotes are left as
    they are: a quote must match the report character for character."""
    constrained = "enum" in field.get("constraints", {}) or field.get("type") in ("number", "integer")
    if not (constrained or is_key):
        return text
    text = unicodedata.normalize("NFKC", text).strip()
    if field.get("type") in ("number", "integer") and _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    return text


def _check_field(field: dict, text: str, is_key: bool = False) -> tuple[object, str | None]:
    """Parse one cell by its schema field; return (value, fault or None)."""
    cons = field.get("constraints", {})
    text = normalise(field, text, is_key)
    if text == "":
        return None, ("a value is required" if cons.get("required") else None)
    kind = field.get("type", "string")
    value: object = text
    if kind in ("number", "integer"):
        try:
            value = float(text) if kind == "number" else int(text)
        except ValueError:
            return None, f"{text!r} is not a {kind}"
        if kind == "number" and not math.isfinite(value):
            return None, f"{text!r} is not a finite number"
        if "minimum" in cons and value < cons["minimum"]:
            return None, f"{text} is below the minimum {cons['minimum']}"
    if "enum" in cons and text not in cons["enum"]:
        return None, f"{text!r} is not one of {', '.join(cons['enum'])}"
    if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
        return None, f"{text!r} does not match the pattern {cons['pattern']}"
    return value, None


def validate_table(name: str) -> list[dict]:
    """Rows of table `name` with typed values; raises DataError listing every fault."""
    path, rows = read_rows(name)
    res = schema.resource(name)
    fields = res["schema"]["fields"]
    problems: list[Problem] = []
    typed: list[dict] = []
    seen: dict[str, dict[object, int]] = {f["name"]: {} for f in fields
                                          if f.get("constraints", {}).get("unique")}
    keys = {c for fk in res["schema"].get("foreignKeys", []) for c in fk["fields"]}
    for line, row in rows:
        out = dict(row)
        for field in fields:
            col = field["name"]
            value, fault = _check_field(field, row[col], col in keys)
            if fault:
                problems.append(Problem(path, line, col, fault))
            out[col] = value
            if col in seen and value is not None:
                if value in seen[col]:
                    problems.append(Problem(path, line, col,
                        f"duplicate {value!r}, first on line {seen[col][value]}"))
                else:
                    seen[col][value] = line
        out["_line"] = line
        typed.append(out)

    for fk in res["schema"].get("foreignKeys", []):
        (col,), ref = fk["fields"], fk["reference"]
        allowed = {r[ref["fields"][0]] for _, r in read_rows(ref["resource"])[1]}
        for row in typed:
            if row[col] and row[col] not in allowed:
                problems.append(Problem(path, row["_line"], col,
                    f"unknown {col} {row[col]!r}: not in {schema.resource(ref['resource'])['path']}"))

    if "quote" in {f["name"] for f in fields}:
        problems += _check_quotes(name, path, typed)
    if name in _ID_LISTS:
        problems += _check_id_lists(name, path, typed)
    if problems:
        raise DataError(problems)
    for row in typed:
        del row["_line"]
    return typed


def _check_quotes(name: str, path: Path, rows: list[dict]) -> list[Problem]:
    """Quotes stand in the cleaned report; a fact's is unique there and prints its value."""
    problems, find_all = [], report.quote_finder()  # one finder for every row
    for row in rows:
        quote, line = row["quote"], row["_line"]
        if not quote:
            continue
        hits = len(find_all(quote))
        if hits == 0:
            problems.append(Problem(path, line, "quote", f"not found in the report: {quote!r}"))
            continue
        if name != "facts":
            continue
        if hits > 1:
            problems.append(Problem(path, line, "quote",
                f"{quote!r} occurs {hits} times in the report; lengthen it until it is unique"))
        value = row.get("value")
        printed = numbers_in(quote)
        # a decline is stored signed (下降12% → −12): its magnitude is printed, with a word of decline
        declined = value is not None and value < 0 and -value in printed and _DECLINE.search(quote)
        if value is not None and value not in printed and not declined:
            problems.append(Problem(path, line, "value",
                f"{value:g} does not appear in its quote {quote!r}"))
    return problems


# Columns that list ids of other tables, separated by ';' (table: column).
_ID_LISTS = {"facts": "readings", "readings": "affects", "context": "about"}


def _ids(table: str, column: str = "id") -> set[str]:
    return {r[column] for _, r in read_rows(table)[1]}


def _check_id_lists(name: str, path: Path, rows: list[dict]) -> list[Problem]:
    """Every id a row lists exists; a fact and the readings register agree both ways."""
    col = _ID_LISTS[name]
    if name == "facts":
        known, what = _ids("readings"), "readings.csv"
    else:
        known = _ids("facts") | _ids("honours") | _ids("derived")
        what = "facts.csv, honours.csv or the derived figures"
    problems = []
    for row in rows:
        for id_ in filter(None, (row[col] or "").split(";")):
            if id_ not in known:
                problems.append(Problem(path, row["_line"], col, f"unknown id {id_!r}: not in {what}"))
    if name == "readings":  # the register's `affects` and the facts' `readings` must agree
        said = {(f, r) for _, row in read_rows("facts")[1] for f in [row["id"]]
                for r in filter(None, row.get("readings", "").split(";"))}
        facts = _ids("facts")
        for row in rows:
            listed = {a for a in (row["affects"] or "").split(";") if a in facts}
            marked = {f for f, r in said if r == row["id"]}
            for f in sorted(listed ^ marked):
                where = "facts.csv does not list it in its readings" if f in listed else "it is missing here"
                problems.append(Problem(path, row["_line"], "affects",
                    f"fact {f!r} and reading {row['id']!r} disagree: {where}"))
    return problems
