"""Set first in every process of the build and of the tests (zhongyuan.build imports it; pytest
loads it with -p, before its plugins import nbformat).

jsonschema, which nbformat imports to validate notebooks, checks the formats "iri" and
"iri-reference" with rfc3987-syntax when that is installed (it comes with JupyterLab, through
jupyter-events). Importing it builds 38 lark parsers: 1.8 s in every process that reads a
notebook (the build, each of its workers, each Sphinx, each test worker), about 10 s of a
make report. No schema read here (nbformat's) uses those formats, so jsonschema is told the
package is absent, as it would be on a machine without JupyterLab. Nothing else changes.
"""
import sys

sys.modules.setdefault("rfc3987_syntax", None)  # None: `import rfc3987_syntax` raises ImportError
