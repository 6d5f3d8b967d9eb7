"""The main job: execute the notebooks, build the site, decks and PDFs (`python -m zhongyuan.build`)."""
from . import startup  # noqa: F401  (first, before anything imports nbformat: see its docstring)
