"""zhongyuan: the verified fact base of Zhongyuan District's 2024 economic work report.

    import zhongyuan as zy
    facts = zy.load_facts()        # every quantity the report prints, one row each
    zy.use_house_style()           # the CJK font and chart style, once per notebook

Names are imported on first use, so `import zhongyuan` stays light: pandas, matplotlib and
the font package load only when something needs them.
"""
from __future__ import annotations

import importlib

# public name -> module that defines it
_EXPORTS = {
    "load_facts": "load", "load_honours": "load", "load_glossary": "load",
    "load_units": "load", "load_readings": "load", "load_context": "load", "load_non_quantities": "load", "load_table": "load",
    "raw_text": "report", "cleaned_text": "report", "paragraphs": "report",
    "sections": "report", "locate": "report", "metadata": "report", "repairs": "report",
    "derived_figures": "derive", "arithmetic_checks": "derive", "to_base_units": "derive",
    "number_coverage": "coverage", "uncovered_numbers": "coverage",
    "use_house_style": "style",
    "DataError": "errors", "FontMissingError": "errors",
}

_MODULES = {"charts", "coverage", "derive", "editions", "extract", "i18n", "interval", "load", "narrate", "notes", "numerals",
            "report", "run", "schema", "style", "text", "validate"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'zhongyuan' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS) | _MODULES)
