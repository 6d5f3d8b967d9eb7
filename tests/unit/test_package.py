"""The Frictionless data package validates, and its schema agrees with the report's metadata."""
from __future__ import annotations

import json

from frictionless import Package

import zhongyuan as zy
from zhongyuan.factbase.paths import ROOT


def test_the_data_package_is_valid():
    report = Package(str(ROOT / "data" / "datapackage.json")).validate()
    errors = [(t.name, e.type, e.note) for t in report.tasks for e in t.errors]
    assert report.valid, errors
    assert {t.name for t in report.tasks} >= {"facts", "honours", "glossary", "units", "non_quantities", "report"}


def test_frictionless_also_catches_a_broken_row(data_copy):
    path = data_copy / "facts.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",47.6,", ",forty,", 1), encoding="utf-8")
    report = Package(str(data_copy / "datapackage.json")).validate()
    assert not report.valid
    assert any(e.type == "type-error" for t in report.tasks for e in t.errors)


def test_section_enums_match_the_reports_parts():
    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    ids = [s["id"] for s in zy.metadata()["sections"]]
    for res in pkg["resources"]:
        for field in res.get("schema", {}).get("fields", []):
            if field["name"] == "section":
                assert field["constraints"]["enum"] == ids, res["name"]


def test_the_design_contract_columns_are_present():
    contract = ["id", "section", "area", "subject_zh", "subject_en", "value", "unit", "qualifier",
                "period", "status", "quote"]
    assert all(c in zy.load_facts().columns for c in contract)
