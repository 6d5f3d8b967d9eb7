"""Load the data package's tables as pandas DataFrames, validated, with the schema's types."""
from __future__ import annotations

import pandas as pd

from . import schema
from .paths import cached_per_data
from .validate import validate_table


def load_table(name: str) -> pd.DataFrame:
    """A validated table: numbers as float, enum columns as ordered-by-schema categories.

    Validated once per version of the data (see paths.data_key); each call gets a copy.
    """
    return _load_table(name).copy()


@cached_per_data
def _load_table(name: str) -> pd.DataFrame:
    rows = validate_table(name)
    fields = schema.resource(name)["schema"]["fields"]
    frame = pd.DataFrame(rows, columns=[f["name"] for f in fields])
    for field in fields:
        col, enum = field["name"], field.get("constraints", {}).get("enum")
        if enum:
            frame[col] = pd.Categorical(frame[col], categories=enum)
        elif field.get("type") == "number":
            frame[col] = frame[col].astype("float64")
        elif field.get("type") == "integer":
            frame[col] = frame[col].astype("Int64")
        else:
            frame[col] = frame[col].astype("string")
    for fk in schema.resource(name)["schema"].get("foreignKeys", []):
        (col,), ref = fk["fields"], fk["reference"]
        frame[col] = pd.Categorical(frame[col], categories=list(load_table(ref["resource"])[ref["fields"][0]]))
    key = schema.resource(name)["schema"].get("primaryKey")
    if key == ["id"]:
        frame = frame.set_index("id", drop=False)
        frame.index.name = None
    return frame


def load_facts() -> pd.DataFrame:
    """Every quantity the report prints, one row each (data/facts.csv), indexed by id."""
    return load_table("facts")


def load_honours() -> pd.DataFrame:
    """Honours, designations, rankings and milestones (data/honours.csv)."""
    return load_table("honours")


def load_glossary() -> pd.DataFrame:
    """Slogans and policy terms, explained (data/glossary.csv)."""
    return load_table("glossary")


def load_readings() -> pd.DataFrame:
    """The readings register (data/readings.csv): sentences that can be read more than one
    way, the readings, the one used (or none) and the ids that rest on each."""
    return load_table("readings")


def load_context() -> pd.DataFrame:
    """Context from outside the report (data/context.csv), labelled as such."""
    return load_table("context")


def load_units() -> pd.DataFrame:
    """Printed units with English names and factors to base units (data/units.csv)."""
    return load_table("units").set_index("unit", drop=False).rename_axis(None)


def load_non_quantities() -> pd.DataFrame:
    """Numbers in the report that are not quantities: years, dates, parts of names."""
    return load_table("non_quantities")
