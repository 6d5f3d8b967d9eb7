"""The execution cache of `make report`: an executed notebook is reused while nothing it
depends on has changed.

A small content-addressed store rather than jupyter-cache: jupyter-cache keys a notebook
on its code cells and kernel only, so an edit to data/ or src/ (which every notebook reads)
would be served stale; here the key is a SHA-256 over every input, so a change to any of
them is a new key and an old result can never be found for it. An entry is one executed
notebook in JSON, written to a temporary file and renamed into place, so an interrupted
build leaves either a whole entry or none, and there is no database to lock or repair.

The key of one run covers: the notebook file's bytes, its parameters (the language), every
file in the data folder (paths.data_key), every file under src/, uv.lock, the Python
version, and the titles of all notebooks (the navigation cells print the neighbours'
titles). `make clean` removes the store with build/.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from ..factbase.paths import ROOT, data_key

# Bump when what an entry holds, or how it is keyed, changes (2: edition runs carry slide
# pictures; 3: keyed on the notebooks' names, not their paths).
FORMAT = "3"
SRC = Path(__file__).resolve().parents[3] / "src"  # src/: the package and anything beside it
LOCK = ROOT / "uv.lock"


def tree_digest(folder: Path) -> str:
    """SHA-256 over the relative paths and bytes of every file under folder (caches of
    Python bytecode and packaging metadata, which change without the code changing, left out)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        skip = any(p == "__pycache__" or p.endswith(".egg-info") for p in path.relative_to(folder).parts)
        if path.is_file() and not skip:
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def titles(folders) -> list[list[str]]:
    """Every notebook's name and level-1 headings (both languages'), for the folders given.
    Names, not paths: a project moved or cloned elsewhere keeps its cache."""
    out = []
    for folder in sorted({Path(f).resolve() for f in folders}):
        for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            heads = [line for c in cells if c["cell_type"] == "markdown"
                     for line in "".join(c["source"]).splitlines() if line.startswith("# ")]
            out.append([path.name, *heads])
    return out


def environment_key(folders) -> str:
    """What every notebook run shares: data, src, the lock, Python, the notebooks' titles."""
    parts = {
        "format": FORMAT,
        "data": data_key()[1],
        # every file under data/, the labelled reports of data/reports/ too (notebook 09)
        "data_tree": tree_digest(data_key()[0]),
        "src": tree_digest(SRC),
        "lock": hashlib.sha256(LOCK.read_bytes()).hexdigest() if LOCK.exists() else "",
        "python": sys.version,
        "titles": titles(folders),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def run_key(notebook: bytes, params: dict, environment: str) -> str:
    """The key of one notebook run: the notebook's bytes (the very bytes that are then
    executed, so that an edit during the build cannot be stored under the old key) and its
    parameters, over the shared key."""
    digest = hashlib.sha256(environment.encode())
    digest.update(json.dumps(params, sort_keys=True).encode())
    digest.update(notebook)
    return digest.hexdigest()


def combine(*parts: str) -> str:
    """One key from several (an edition's key from its notebooks' keys)."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class Store:
    """Executed notebooks by key, as files under folder (build/cache)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.ipynb"

    def get(self, key: str):
        """The executed notebook stored under key, or None."""
        import nbformat

        try:
            text = self._path(key).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return nbformat.reads(text, as_version=4)

    def put(self, key: str, nb) -> None:
        import nbformat

        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".ipynb", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                nbformat.write(nb, f)
            os.replace(tmp, self._path(key))  # atomic: a whole entry or none
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def drop(self, keys) -> None:
        for key in keys:
            self._path(key).unlink(missing_ok=True)

    def prune(self, keep: set[str]) -> None:
        """Remove every entry but those in keep (called after a build of every edition)."""
        for path in self.folder.glob("*.ipynb"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
        for path in self.folder.glob(".tmp-*"):  # left by a process killed outright
            path.unlink(missing_ok=True)
