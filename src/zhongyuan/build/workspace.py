"""An edition's Sphinx project kept between builds (build/cache/edition-LANG), so that a
rebuild after an edit to one notebook reads, writes, draws and prints only what changed.

Sphinx rebuilds incrementally from file times: a source written with the bytes it already
had keeps its time, so only changed pages are read again. What Sphinx cannot see is kept
out of that path: a workspace belongs to one key (everything every page shares: data/,
src/, uv.lock, Python, the notebooks' titles, which every page's navigation prints) and is
emptied when the key differs. It is emptied too when the last build using it did not finish
(a Sphinx error, Ctrl-C, a kill): a page half-written then would look up to date.
"""
from __future__ import annotations

import shutil
from pathlib import Path

KEY, BUSY = "key", "busy"


class Kept:
    """Files made in earlier builds, each named by the key of what it was made from; when a
    build finishes, those it did not ask for are removed."""

    def __init__(self, folder: Path):
        self.folder, self.used = Path(folder), set()

    def path(self, key: str, suffix: str) -> Path:
        """Where the file made from `key` is (or is to be written): kept by this build."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{key}{suffix}"
        self.used.add(path)
        return path

    def prune(self) -> None:
        for path in self.folder.glob("*"):
            if path not in self.used:
                path.unlink()


class Workspace:
    """A folder holding src/ (the pages' sources), doctrees/ and out/ (Sphinx's), decks and
    handout (kept slides and printed parts). Use as a context manager around one build."""

    def __init__(self, folder: Path, key: str):
        self.folder, self.key = Path(folder), key
        self.src, self.doctrees, self.out = (self.folder / n for n in ("src", "doctrees", "out"))
        self.decks, self.handout = Kept(self.folder / "decks"), Kept(self.folder / "handout")
        self.written: set[Path] = set()

    def __enter__(self) -> "Workspace":
        marks = self.folder / KEY, self.folder / BUSY
        if marks[1].exists() or not marks[0].is_file() or marks[0].read_text() != self.key:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.fresh = not self.folder.exists()
        self.src.mkdir(parents=True, exist_ok=True)
        marks[1].touch()
        marks[0].write_text(self.key)
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:  # finished: trusted next time, and what it did not use is gone
            self.decks.prune()
            self.handout.prune()
            (self.folder / BUSY).unlink()

    def write(self, relative: str, data: str | bytes) -> Path:
        """src/relative with these contents, left untouched (time and all) if it has them."""
        data = data.encode("utf-8") if isinstance(data, str) else data
        path = self.src / relative
        self.written.add(path)
        if not (path.is_file() and path.read_bytes() == data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return path

    def keep(self, path: Path) -> Path:
        """Count a file put in src/ by other means as written this time."""
        self.written.add(Path(path))
        return Path(path)

    def remove_unwritten(self) -> None:
        """Delete the sources of an earlier build that this one did not write (a notebook
        removed or renamed), so that Sphinx drops their pages."""
        for path in list(self.src.rglob("*")):
            if path.is_file() and path not in self.written:
                path.unlink()
