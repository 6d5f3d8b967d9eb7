"""The main job: execute every notebook afresh into build/ and render it to HTML.

    python -m zhongyuan.run            # both editions, en and zh
    python -m zhongyuan.run --lang en  # one edition

notebooks/ is only read. Output goes to a fresh folder that replaces build/site only when
every notebook has run, so a failure leaves the previous site whole.
"""
from __future__ import annotations

import argparse
import copy
import html
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from .i18n import LANGS
from .paths import ROOT

NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"


class NotebookFailed(RuntimeError):
    """A notebook raised: the message names the notebook, the cell and the error."""


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The collection's notebooks in reading order (numbered NN_name.ipynb)."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def parameterize(nb: nbformat.NotebookNode, **params) -> nbformat.NotebookNode:
    """A copy of nb with a cell setting params after its `parameters` cell (as papermill does)."""
    nb = copy.deepcopy(nb)
    index = next((i for i, c in enumerate(nb.cells)
                  if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if index is None:
        raise ValueError("the notebook has no cell tagged 'parameters'")
    source = "\n".join(f"{k} = {v!r}" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(index + 1, cell)
    return nb


def execute(path: Path, timeout: int = 600, **params) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh python3 kernel, in the notebook's folder."""
    from nbclient import NotebookClient
    from traitlets.config import Config

    nb = nbformat.read(path, as_version=4)
    if params:
        nb = parameterize(nb, **params)
    # IPC sockets in a private temp folder: no TCP-without-encryption warning from the
    # kernel, and no socket files left beside the notebooks.
    with tempfile.TemporaryDirectory(prefix="zhongyuan-kernel-") as sockets:
        config = Config()
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(sockets) / "kernel")
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}}, config=config)
        _run_client(client, nb, path)
    return nb


def _run_client(client, nb: nbformat.NotebookNode, path: Path) -> None:
    from nbclient.exceptions import CellExecutionError

    try:
        client.execute()
    except CellExecutionError as exc:
        for number, cell in enumerate(nb.cells, start=1):
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            if errors:
                first_line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                raise NotebookFailed(
                    f"{path}: cell {number} ({first_line[:60]!r}) raised "
                    f"{errors[0]['ename']}: {errors[0]['evalue']}") from None
        raise NotebookFailed(f"{path}: {exc}") from None


def to_html(nb: nbformat.NotebookNode) -> str:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    return body


def _index(pages: dict[str, list[tuple[str, str]]]) -> str:
    items = "".join(
        f"<h2>{lang}</h2><ul>" + "".join(
            f'<li><a href="{lang}/{html.escape(name)}.html">{html.escape(title)}</a></li>'
            for name, title in entries) + "</ul>"
        for lang, entries in pages.items())
    return ("<!doctype html><meta charset='utf-8'><title>Zhongyuan 2024 report notebooks</title>"
            f"<h1>Zhongyuan District 2024 economic work report: notebooks</h1>{items}")


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def contents(folder: Path = NOTEBOOKS) -> list[tuple[str, str]]:
    """(file name, title) of every notebook in reading order: the collection's contents."""
    return [(p.name, _title(nbformat.read(p, as_version=4), p.stem)) for p in notebook_paths(folder)]


def nav(name: str, folder: Path = NOTEBOOKS):
    """Markdown links to the previous and next notebooks and back to the overview."""
    from IPython.display import Markdown

    entries = contents(folder)
    names = [n for n, _ in entries]
    i = names.index(name)
    parts = []
    if i > 0:
        parts.append(f"← Previous: [{entries[i - 1][1]}]({entries[i - 1][0]})")
    if name != names[0]:
        parts.append(f"[Contents]({names[0]})")
    if i + 1 < len(entries):
        parts.append(f"Next: [{entries[i + 1][1]}]({entries[i + 1][0]}) →")
    return Markdown(" · ".join(parts))


def build(langs=LANGS, out: Path = BUILD) -> Path:
    """Execute every notebook in each language into a new site folder; return its index."""
    paths = notebook_paths()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".site-", dir=out))
    work.chmod(0o755)
    try:
        pages: dict[str, list[tuple[str, str]]] = {}
        total, n = len(paths) * len(langs), 0
        for lang in langs:
            (work / lang).mkdir()
            for path in paths:
                n += 1
                start = time.perf_counter()
                nb = execute(path, LANG=lang)
                nbformat.write(nb, work / lang / path.name)
                (work / lang / f"{path.stem}.html").write_text(to_html(nb), encoding="utf-8")
                pages.setdefault(lang, []).append((path.stem, _title(nb, path.stem)))
                print(f"[{n}/{total}] {lang} {path.name} {time.perf_counter() - start:.1f}s", flush=True)
        (work / "index.html").write_text(_index(pages), encoding="utf-8")
        site = out / "site"
        old = out / f".old-{work.name}"
        if site.exists():
            site.rename(old)
        work.rename(site)
        shutil.rmtree(old, ignore_errors=True)
        return site / "index.html"
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGS, action="append",
                        help="edition(s) to build (default: all)")
    args = parser.parse_args(argv)
    try:
        index = build(tuple(args.lang or LANGS))
    except NotebookFailed as exc:
        print(f"error: {exc}\nThe previous site, if any, is unchanged.", file=sys.stderr)
        return 1
    print(f"Done. Open {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
