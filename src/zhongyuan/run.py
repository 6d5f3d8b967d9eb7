"""The main job: execute every notebook afresh into build/ and render it to HTML.

    python -m zhongyuan.run            # both editions, en and zh
    python -m zhongyuan.run --lang en  # one edition

notebooks/ is only read. Output goes to a fresh folder that replaces build/site only when
every notebook has run, so a failure leaves the previous site whole.
"""
from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .editions import keep_language
from .i18n import LANGS
from .paths import ROOT

NOTEBOOKS = ROOT / "notebooks"
GLOSSARY_LINK = "../data/glossary.csv"
BUILD = ROOT / "build"


class NotebookFailed(RuntimeError):
    """A notebook raised: the message names the notebook, the cell and the error."""


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The collection's notebooks in reading order (numbered NN_name.ipynb)."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def parameterize(nb, **params):
    """A copy of nb with a cell setting params after its `parameters` cell (as papermill
    does), holding only the values that differ from the notebook's own: the English edition
    runs the notebook as written, and the Chinese edition's pages show the override."""
    import ast

    import nbformat

    nb = copy.deepcopy(nb)
    index = next((i for i, c in enumerate(nb.cells)
                  if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if index is None:
        raise ValueError("the notebook has no cell tagged 'parameters'")
    own = {t.id: n.value.value for n in ast.parse(nb.cells[index].source).body
           if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
           for t in n.targets if isinstance(t, ast.Name)}
    changed = {k: v for k, v in params.items() if own.get(k, object()) != v}
    if changed:
        source = "# This edition's parameters (set by zhongyuan.run)\n" + "\n".join(
            f"{k} = {v!r}" for k, v in changed.items())
        cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        nb.cells.insert(index + 1, cell)
    return nb


def execute(path: Path, timeout: int = 600, record_timing: bool = False, **params):
    """Run a notebook top to bottom in a fresh python3 kernel, in the notebook's folder.

    record_timing puts each cell's start and end in its metadata (for benchmarks only:
    committed notebooks leave it out, so that a rerun is byte-identical)."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    nb = nbformat.read(path, as_version=4)
    if "LANG" in params:  # an edition: one language; a refresh keeps both (the source)
        nb = keep_language(nb, params["LANG"])
    if params:
        nb = parameterize(nb, **params)
    # IPC sockets in a private temp folder: no TCP-without-encryption warning from the
    # kernel, and no socket files left beside the notebooks.
    with tempfile.TemporaryDirectory(prefix="zhongyuan-kernel-") as sockets:
        config = Config()
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(sockets) / "kernel")
        # shutdown "immediate": every output is in hand when the last cell ends; a polite
        # shutdown waits 0.3 s (sometimes 3 s) for a kernel with nothing left to do.
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=record_timing,
                                shutdown_kernel="immediate", config=config,
                                resources={"metadata": {"path": str(path.parent)}})
        _run_client(client, nb, path)
    return nb


def _run_client(client, nb, path: Path) -> None:
    from nbclient.exceptions import CellExecutionError

    try:
        client.execute()
    except CellExecutionError as exc:
        number = 0  # counted as in the file the user opens: the injected cell is not there
        for cell in nb.cells:
            injected = "injected-parameters" in cell.metadata.get("tags", [])
            number += not injected
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            if errors:
                first_line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                where = "the injected parameters" if injected else f"cell {number}"
                raise NotebookFailed(
                    f"{path}: {where} ({first_line[:60]!r}) raised "
                    f"{errors[0]['ename']}: {errors[0]['evalue']}") from None
        raise NotebookFailed(f"{path}: {exc}") from None


def _title(nb, fallback: str, lang: str = "en") -> str:
    """The first level-1 heading of a notebook in `lang` (a NotebookNode or its plain JSON
    dict): headings of the other language's cells are skipped."""
    from .editions import cell_lang

    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and cell_lang(cell) in (None, lang):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            for line in source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def contents(folder: Path = NOTEBOOKS, lang: str = "en") -> list[tuple[str, str]]:
    """(file name, title) of every notebook in reading order: the collection's contents.

    Read as plain JSON: importing nbformat alone costs most of a second in a kernel.
    """
    import json

    return [(p.name, _title(json.loads(p.read_text(encoding="utf-8")), p.stem, lang))
            for p in notebook_paths(folder)]


NAV = {"previous": {"en": "← Previous", "zh": "← 上一篇"}, "contents": {"en": "Contents", "zh": "目录"},
       "next": {"en": "Next", "zh": "下一篇"}, "glossary": {"en": "Glossary", "zh": "术语表"}}


def nav(name: str, folder: Path = NOTEBOOKS, lang: str | None = None):
    """Markdown links to the previous and next notebooks and back to the overview, in the
    notebook's language (its LANG)."""
    from IPython.display import Markdown

    from .narrate import notebook_lang

    lang = lang or notebook_lang()
    entries = contents(folder, lang)
    names = [n for n, _ in entries]
    i = names.index(name)
    word = {k: v[lang] for k, v in NAV.items()}
    sep = ":" if lang == "en" else "："
    parts = []
    if i > 0:
        parts.append(f"{word['previous']}{sep} [{entries[i - 1][1]}]({entries[i - 1][0]})")
    if name != names[0]:
        parts.append(f"[{word['contents']}]({names[0]})")
    if i + 1 < len(entries):
        parts.append(f"{word['next']}{sep} [{entries[i + 1][1]}]({entries[i + 1][0]}) →")
    parts.append(f"[{word['glossary']}]({GLOSSARY_LINK})")  # the CSV in JupyterLab, a page on the site
    return Markdown(" · ".join(parts))


def _execute_job(path: str, lang: str | None) -> tuple[str, str | None, float, dict]:
    """One notebook in one language (None: as committed), in a worker process."""
    start = time.perf_counter()
    nb = execute(Path(path), **({"LANG": lang} if lang else {}))
    return path, lang, time.perf_counter() - start, nb


def execute_all(paths: list[Path], langs, jobs: int, each_language=None) -> dict:
    """Every notebook in every language, `jobs` at a time, printing progress as each ends.

    each_language(lang, notebooks), if given, is called in this process as soon as one
    language's notebooks are all done, while the workers go on with the next language.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from multiprocessing import get_context

    import nbformat

    done: dict = {lang: {} for lang in langs}
    total = len(paths) * len(langs)

    def in_order(lang) -> dict:  # reading order, whatever order they finished in
        return {p.name: done[lang][p.name] for p in paths}

    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_execute_job, str(p), lang) for lang in langs for p in paths]
        for n, future in enumerate(as_completed(futures), start=1):
            path, lang, seconds, nb = future.result()  # NotebookFailed propagates
            done[lang][Path(path).name] = nbformat.from_dict(nb)
            print(f"[{n}/{total}] {lang or 'as committed'} {Path(path).name} {seconds:.1f}s", flush=True)
            if each_language and len(done[lang]) == len(paths):
                each_language(lang, in_order(lang))
    return {lang: in_order(lang) for lang in langs}


def build(langs=LANGS, out: Path = BUILD, jobs: int | None = None, folder: Path = NOTEBOOKS) -> Path:
    """Execute every notebook in each language and render the site into out/site.

    Built in a fresh folder beside the old site and swapped in only when complete: a
    failure leaves the previous site whole.
    """
    import os

    from . import site

    import fcntl

    paths = notebook_paths(folder)
    out.mkdir(parents=True, exist_ok=True)
    lock = open(out / ".lock", "w")  # two builds at once take turns instead of mixing
    fcntl.flock(lock, fcntl.LOCK_EX)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        html = work / "site"

        def edition(lang, notebooks):  # Sphinx here while the workers run the next language
            start = time.perf_counter()
            site.build_edition(lang, notebooks, work, html)
            print(f"site: {lang} edition {time.perf_counter() - start:.1f}s", flush=True)

        execute_all(paths, langs, jobs or os.cpu_count() or 1, each_language=edition)
        (html / "index.html").write_text(site.landing_page(), encoding="utf-8")
        html.chmod(0o755)
        target, old = out / "site", out / f"{work.name}-old"
        if target.exists():
            target.rename(old)
        html.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        return target / "index.html"
    finally:
        shutil.rmtree(work, ignore_errors=True)
        lock.close()  # releases the lock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGS, action="append",
                        help="edition(s) to build (default: all)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks executed at once (default: one per core)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="folder of notebooks to run")
    parser.add_argument("--out", type=Path, default=BUILD, help="build folder (the site goes to OUT/site)")
    parser.add_argument("--refresh", action="store_true",
                        help="re-execute the committed notebooks in place (for maintainers, after a change)")
    args = parser.parse_args(argv)
    if args.refresh:
        import os

        import nbformat

        executed = execute_all(notebook_paths(args.notebooks), [None], args.jobs or os.cpu_count() or 1)[None]
        for name, nb in executed.items():
            nbformat.write(nb, args.notebooks / name)
        print(f"Refreshed {len(executed)} notebooks in {args.notebooks}")
        return 0
    try:
        index = build(tuple(args.lang or LANGS), out=args.out, jobs=args.jobs, folder=args.notebooks)
    except (NotebookFailed, RuntimeError) as exc:
        print(f"error: {exc}\nThe previous site, if any, is unchanged.", file=sys.stderr)
        return 1
    print(f"Done. Open {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
