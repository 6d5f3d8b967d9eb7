"""Broken data is refused with a message naming the file, the line, the column and the fault."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import zhongyuan as zy
from zhongyuan.factbase.errors import DataError


def edit_row(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell of a simple (unquoted-at-that-column) CSV row; return its line number."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    for i, row in enumerate(rows):
        if row and row[0] == row_id:
            row[header.index(column)] = value
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(rows)
            path.write_text(out.getvalue(), encoding="utf-8")
            return i + 1  # no multi-line fields in these tables
    raise KeyError(row_id)


def refused(loader=zy.load_facts) -> str:
    with pytest.raises(DataError) as info:
        loader()
    return str(info.value)


@pytest.mark.parametrize("column, value, fault", [
    ("value", "forty-seven", r"'forty-seven' is not a number"),
    ("unit", "亿美元", r"unknown unit '亿美元'"),
    ("qualifier", "roughly", r"'roughly' is not one of exact, about"),
    ("section", "economy", r"'economy' is not one of intro, projects"),
    ("period", "Jan-Nov", r"'Jan-Nov' does not match the pattern"),
    ("quote", "一般公共预算收入完成48.6亿元", r"not found in the report"),
    ("value", "46.7", r"46.7 does not appear in its quote"),
    ("value", "-47.6", r"-47.6 does not appear in its quote"),  # a sign the report does not print
    ("quote", "同比增长", r"occurs \d+ times in the report; lengthen it"),
    ("subject_en", "", r"a value is required"),
])
def test_a_broken_cell_is_named(data_copy, column, value, fault):
    line = edit_row(data_copy / "facts.csv", "budget_revenue", column, value)
    message = refused()
    assert re.search(rf"facts\.csv:{line}: column '{column}': .*{fault}", message), message


def test_a_duplicate_id_names_both_lines(data_copy):
    line = edit_row(data_copy / "facts.csv", "budget_revenue", "id", "key_projects")
    assert re.search(rf"facts\.csv:{line}: column 'id': duplicate 'key_projects', first on line 3", refused())


def test_a_missing_required_column(data_copy):
    path = data_copy / "facts.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",qualifier,", ",hedge,", 1), encoding="utf-8")
    assert re.search(r"facts\.csv:1: column 'qualifier': required column is missing", refused())


def test_a_row_with_too_few_fields(data_copy):
    path = data_copy / "facts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = ",".join(lines[4].split(",")[:5]) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert re.search(r"facts\.csv:5: 5 fields where the header has 17", refused())


def test_a_file_in_no_known_encoding(data_copy):
    path = data_copy / "facts.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"27", b"\xff\xfe27")  # 0xFF starts no UTF-8 nor GB18030 character
    path.write_bytes(b"\n".join(lines))
    assert re.search(r"facts\.csv:3: neither UTF-8 nor GB18030 \(byte 0xff", refused())


def test_an_edited_report_is_refused_not_silently_used(data_copy):
    path = data_copy / "report.txt"
    path.write_bytes(path.read_bytes().replace("47.6亿元".encode(), "48.6亿元".encode()))
    message = refused(zy.raw_text)
    assert "report.txt" in message and "SHA-256" in message and "was changed" in message


def test_every_fault_is_reported_not_only_the_first(data_copy):
    edit_row(data_copy / "facts.csv", "budget_revenue", "qualifier", "roughly")
    edit_row(data_copy / "facts.csv", "retail_sales", "unit", "斤")
    with pytest.raises(DataError) as info:
        zy.load_facts()
    assert len(info.value.problems) == 2


def test_other_tables_are_checked_too(data_copy):
    line = edit_row(data_copy / "honours.csv", "jintai_little_giant", "scope", "galactic")
    assert re.search(rf"honours\.csv:{line}: column 'scope': 'galactic' is not one of", refused(zy.load_honours))
    line = edit_row(data_copy / "glossary.csv", "projects_are_king", "quote", "项目为皇")
    assert re.search(rf"glossary\.csv:{line}: column 'quote': not found in the report", refused(zy.load_glossary))


def test_the_readings_register_and_the_facts_must_agree(data_copy):
    # a fact that claims a reading the register does not list for it, and vice versa
    line = edit_row(data_copy / "facts.csv", "budget_revenue", "readings", "concerts_among_events")
    message = refused(zy.load_readings)
    assert re.search(r"readings\.csv:\d+: column 'affects': fact 'budget_revenue' and reading "
                     r"'concerts_among_events' disagree", message), message
    edit_row(data_copy / "facts.csv", "budget_revenue", "readings", "no_such_reading")
    assert re.search(rf"facts\.csv:{line}: column 'readings': unknown id 'no_such_reading'", refused()), line


def test_a_reading_that_affects_an_unknown_id_is_refused(data_copy):
    line = edit_row(data_copy / "readings.csv", "overseas_scope", "affects", "talent_introduced;talent_imported")
    assert re.search(rf"readings\.csv:{line}: column 'affects': unknown id 'talent_imported'",
                     refused(zy.load_readings))
    line = edit_row(data_copy / "context.csv", "top100_compiler", "about", "innovation_top1000")
    assert re.search(rf"context\.csv:{line}: column 'about': unknown id 'innovation_top1000'",
                     refused(zy.load_context))
