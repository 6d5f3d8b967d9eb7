"""The data package descriptor (data/datapackage.json): the tables' contract."""
from __future__ import annotations

import json
from pathlib import Path

from .errors import DataError, Problem
from .paths import cached_per_data, data_dir


def descriptor() -> dict:
    return _descriptor()


@cached_per_data
def _descriptor() -> dict:
    return read_json(data_dir() / "datapackage.json")


def read_json(path: Path) -> dict:
    """A JSON file of data/, or a DataError naming the file and line of the fault."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError([Problem(path, exc.lineno, None, f"not valid JSON: {exc.msg}")]) from None


def resource(name: str) -> dict:
    """One resource of the package, by name (facts, honours, glossary, units, non_quantities)."""
    for res in descriptor()["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource {name!r} in datapackage.json")


def table_names() -> list[str]:
    return [r["name"] for r in descriptor()["resources"] if "schema" in r]
