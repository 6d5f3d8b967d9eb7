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


def test_the_class_packs_pins_install_on_every_python_the_project_supports():
    """A student's Python may be older than the build's (Debian 12: 3.11.2); a pin whose
    package needs a newer one (soupsieve 4.1.3: >=3.11.5) made the whole install fail."""
    from importlib.metadata import distribution

    from packaging.markers import Marker
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet

    from zhongyuan.build.classpack import constraints

    for python in ("3.11.0", "3.11.2", "3.12.3", "3.13.1"):
        for line in constraints().splitlines():
            req = Requirement(line)
            if req.marker and not Marker(str(req.marker)).evaluate({"python_full_version": python}):
                continue
            needs = distribution(req.name).metadata.get("Requires-Python")
            version = next(iter(req.specifier)).version
            if needs:
                assert SpecifierSet(needs).contains(python), f"{req.name}=={version} pinned for Python {python}"
