"""zhongyuan: the verified fact base of Zhongyuan District's 2024 economic work report.

    import zhongyuan as zy
    facts = zy.load_facts()        # every quantity the report prints, one row each
    zy.use_house_style()           # the CJK font and chart style, once per notebook

Names are imported on first use, so `import zhongyuan` stays light: pandas, matplotlib and
the font package load only when something needs them.
"""
from __future__ import annotations

import importlib

# The package in layers, each importing only those below it (tests/unit/test_layers.py):
#   build -> present -> analysis -> factbase;  extract -> factbase
# public name -> module that defines it: what notebooks and users call, as zy.NAME
_EXPORTS = {
    "load_facts": "factbase.load", "load_honours": "factbase.load", "load_glossary": "factbase.load",
    "load_units": "factbase.load", "load_readings": "factbase.load", "load_context": "factbase.load",
    "load_non_quantities": "factbase.load", "load_table": "factbase.load",
    "data_dir": "factbase.paths",  # the data folder ($ZHONGYUAN_DATA, the checkout's, or a class pack's)
    "raw_text": "factbase.report", "cleaned_text": "factbase.report", "paragraphs": "factbase.report",
    "sections": "factbase.report", "locate": "factbase.report", "metadata": "factbase.report",
    "repairs": "factbase.report",
    "DataError": "factbase.errors", "FontMissingError": "factbase.errors",
    "derived_figures": "analysis.derive", "arithmetic_checks": "analysis.derive", "to_base_units": "analysis.derive",
    "fact_interval": "analysis.derive", "printed_decimals": "analysis.derive",
    "number_coverage": "analysis.coverage", "uncovered_numbers": "analysis.coverage",
    "use_house_style": "present.style", "COLOURS": "present.style",
    "md": "present.narrate", "fmt": "present.narrate", "render": "present.narrate",
    "nav": "present.navigation", "contents": "present.navigation",
    "say": "present.tables", "show": "present.tables",
}

# short module name -> its place: zy.charts, `from zhongyuan import charts`
_MODULES = {
    "paths": "factbase.paths", "schema": "factbase.schema", "validate": "factbase.validate",
    "load": "factbase.load", "report": "factbase.report", "numerals": "factbase.numerals",
    "interval": "factbase.interval", "errors": "factbase.errors",
    "derive": "analysis.derive", "coverage": "analysis.coverage", "text": "analysis.text",
    "style": "present.style", "charts": "present.charts", "i18n": "present.i18n", "narrate": "present.narrate",
    "notes": "present.notes", "editions": "present.editions", "navigation": "present.navigation",
    "tables": "present.tables", "words": "present.words",
    "extract": "extract", "factbase": "factbase", "analysis": "analysis", "present": "present", "build": "build",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _MODULES:
        return importlib.import_module(f".{_MODULES[name]}", __name__)
    raise AttributeError(f"module 'zhongyuan' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS) | set(_MODULES))
