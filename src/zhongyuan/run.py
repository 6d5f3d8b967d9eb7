"""The main job: execute every notebook afresh into build/ and render it to HTML.

    python -m zhongyuan.run            # both editions, en and zh
    python -m zhongyuan.run --lang en  # one edition

notebooks/ is only read. Output goes to a fresh folder that replaces build/site only when
every notebook has run, so a failure leaves the previous site whole. A notebook run whose
inputs have not changed is taken from build/cache (zhongyuan.cache), and an edition whose
notebooks all came from there is not built again. Ctrl-C or SIGTERM stops the build at once,
quietly, with its kernels and its temporary folder, and leaves the previous site in place.
"""
from __future__ import annotations

import argparse
import copy
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from . import cache
from .editions import keep_language
from .i18n import LANGS
from .paths import ROOT

NOTEBOOKS = ROOT / "notebooks"
GLOSSARY_LINK = "../data/glossary.csv"
BUILD = ROOT / "build"


class NotebookFailed(RuntimeError):
    """A notebook raised: the message names the notebook, the cell and the error."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM reached the build (a BaseException, so that no `except Exception`
    on the way, Sphinx's included, takes it for an error of its own)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_doing = ["starting"]  # what the build is doing, for the one line an interruption prints


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


def execute(path: Path, timeout: int = 600, record_timing: bool = False, sockets_dir: str | None = None,
            source: str | None = None, **params):
    """Run a notebook top to bottom in a fresh python3 kernel, in the notebook's folder.

    record_timing puts each cell's start and end in its metadata (for benchmarks only:
    committed notebooks leave it out, so that a rerun is byte-identical). The kernel's
    sockets go to a new folder inside sockets_dir (default: the system's temp folder).
    source, if given, is the notebook's text as read earlier (what the cache key was made
    from), run instead of the file's current contents."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    nb = nbformat.reads(source, as_version=4) if source is not None else nbformat.read(path, as_version=4)
    if "LANG" in params:  # an edition: one language; a refresh keeps both (the source)
        nb = keep_language(nb, params["LANG"])
    if params:
        nb = parameterize(nb, **params)
    # IPC sockets in a private temp folder: no TCP-without-encryption warning from the
    # kernel, and no socket files left beside the notebooks.
    with tempfile.TemporaryDirectory(prefix="k-", dir=sockets_dir) as sockets:
        config = Config()
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(sockets) / "kernel")
        config.KernelManager.connection_file = str(Path(sockets) / "kernel.json")  # not in /tmp
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
    sep = ": " if lang == "en" else "："
    parts = []
    if i > 0:
        parts.append(f"{word['previous']}{sep}[{entries[i - 1][1]}]({entries[i - 1][0]})")
    if name != names[0]:
        parts.append(f"[{word['contents']}]({names[0]})")
    if i + 1 < len(entries):
        parts.append(f"{word['next']}{sep}[{entries[i + 1][1]}]({entries[i + 1][0]}) →")
    parts.append(f"[{word['glossary']}]({GLOSSARY_LINK})")  # the CSV in JupyterLab, a page on the site
    return Markdown(" · ".join(parts))


def _execute_job(path: str, lang: str | None, sockets_dir: str, source: str | None = None):
    """One notebook in one language (None: as committed), in a worker process."""
    start = time.perf_counter()
    nb = execute(Path(path), sockets_dir=sockets_dir, source=source, **({"LANG": lang} if lang else {}))
    return path, lang, time.perf_counter() - start, nb


# -- stopping: the main process decides and ends everything it started --------------------------

def _worker_init() -> None:
    """In each worker, first thing: leave the terminal's process group, so that Ctrl-C
    reaches the main process alone (nbclient would otherwise catch it in every worker, and
    print tracebacks); the main process ends the workers itself."""
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # drops a Ctrl-C that came while starting
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # blocked while the pool started


def _start_pool(workers: int):
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_worker_init)


def _submit(pool, fn, *args):
    """pool.submit, with stop signals held back while it may start a worker: the worker
    inherits the mask, leaves our process group, then unblocks (a Ctrl-C meanwhile is acted
    on just after, by this process)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        return pool.submit(fn, *args)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def _stop_workers(pool) -> None:
    """End a pool at once: freeze its workers (so no new kernel starts), kill their kernels
    with everything those started, then the workers; queued runs are dropped."""
    import psutil  # an ipykernel dependency (imported already, before the pool started)

    # Queued runs may sit half-written in the pipe to the workers about to be killed: the
    # queue's feeder thread would then block for ever, and the pool's shutdown (Python 3.11.2,
    # Debian's, joins it) with it, so that make report never ended. Do not wait for it.
    if getattr(pool, "_call_queue", None) is not None:
        pool._call_queue.cancel_join_thread()
    workers = []
    for process in list((pool._processes or {}).values()):  # private, but the only handle
        try:
            workers.append(psutil.Process(process.pid))
            workers[-1].suspend()
        except psutil.Error:
            pass
    kernels = []
    for worker in workers:
        try:
            kernels += worker.children(recursive=True)
        except psutil.Error:
            pass
    for proc in kernels:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # a kernel leads a session of its own
        except OSError:
            pass
    for proc in kernels + workers:
        try:
            proc.kill()
        except psutil.Error:
            pass
    deadline = time.monotonic() + 2  # SIGKILL cannot be refused: this is a matter of ms
    while any(_alive(p) for p in kernels + workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    pool.shutdown(wait=False, cancel_futures=True)


def _alive(proc) -> bool:
    """Whether a process still runs (a zombie, dead but not yet reaped by its parent, does not)."""
    import psutil

    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _on_stop_signal(signum, frame) -> None:
    for s in STOP_SIGNALS:  # a second Ctrl-C must not cut the clean-up short
        signal.signal(s, signal.SIG_IGN)
    raise Interrupted(signum)


def execute_all(paths: list[Path], langs, jobs: int, each_language=None,
                store: cache.Store | None = None, keys: dict | None = None, sources: dict | None = None) -> dict:
    """Every notebook in every language, `jobs` at a time, printing progress as each ends.

    each_language(lang, notebooks), if given, is called in this process as soon as one
    language's notebooks are all done, while the workers go on with the next language.
    With a store, keys[(name, lang)] is each run's cache key: a run found in the store is
    not executed again, and each run executed is stored. sources[name], if given, is the
    notebook's text that its key was made from: that text is what runs.
    """
    from concurrent.futures import as_completed

    import nbformat
    import psutil  # noqa: F401 - for _stop_workers, which must not wait for an import

    done: dict = {lang: {} for lang in langs}
    total = len(paths) * len(langs)

    def in_order(lang) -> dict:  # reading order, whatever order they finished in
        return {p.name: done[lang][p.name] for p in paths}

    def finish(name: str, lang, nb, how: str) -> None:
        done[lang][name] = nb
        count = sum(map(len, done.values()))
        _doing[0] = f"executing notebooks ({count} of {total} done)"
        print(f"[{count}/{total}] {lang or 'as committed'} {name}: {how}", flush=True)
        if each_language and len(done[lang]) == len(paths):
            each_language(lang, in_order(lang))

    hits, todo = [], []
    for lang in langs:
        for p in paths:
            nb = store.get(keys[(p.name, lang)]) if store is not None else None
            (hits if nb is not None else todo).append((p, lang, nb))
    _doing[0] = f"executing notebooks (0 of {total} done)"
    if not todo:
        for p, lang, nb in hits:
            finish(p.name, lang, nb, "cache hit")
        return {lang: in_order(lang) for lang in langs}

    # Every kernel's sockets in one folder, removed whatever happens. Short names: a socket
    # path must fit in about 100 bytes.
    sockets = tempfile.mkdtemp(prefix="zhongyuan-")
    pool = _start_pool(min(jobs, len(todo)))
    try:
        futures = {_submit(pool, _execute_job, str(p), lang, sockets, (sources or {}).get(p.name)): p.name
                   for p, lang, _ in todo}
        for p, lang, nb in hits:  # while the workers run the misses
            finish(p.name, lang, nb, "cache hit")
        for future in as_completed(futures):
            _, lang, seconds, nb = future.result()  # NotebookFailed propagates
            nb = nbformat.from_dict(nb)
            if store is not None:
                store.put(keys[(futures[future], lang)], nb)
            finish(futures[future], lang, nb, f"{'cache miss, ' if store is not None else ''}ran in {seconds:.1f}s")
        pool.shutdown()
    except BaseException:
        _stop_workers(pool)  # a failure or an interruption: nothing left running
        raise
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    return {lang: in_order(lang) for lang in langs}


EDITION_INPUTS = ".zhongyuan-inputs"  # in each edition's folder: the key it was built from


def _link_tree(src: Path, dest: Path) -> None:
    """A copy of a built edition made of hard links (instant; the old site is only ever
    replaced, never written into), or of copies where links are refused."""
    def link(a, b):
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)
    shutil.copytree(src, dest, copy_function=link)


def _edition_job(lang: str, notebooks: dict, work: str, html: str, workspace: str | None, key: str,
                 jobs: int) -> float:
    """One edition's build (zhongyuan.site), in a process of its own: seconds taken."""
    from . import site

    start = time.perf_counter()
    site.build_edition(lang, notebooks, Path(work), Path(html), workspace and Path(workspace), key, jobs)
    return time.perf_counter() - start


def build(langs=LANGS, out: Path = BUILD, jobs: int | None = None, folder: Path = NOTEBOOKS,
          cache_dir: Path | None = None) -> Path:
    """Execute every notebook in each language and render the site into out/site.

    Built in a fresh folder beside the old site and swapped in only when complete: a
    failure leaves the previous site whole. With cache_dir (make report: build/cache), runs
    whose inputs are unchanged are reused, and so is an edition whose runs all are. jobs
    (default: one per core) bounds the processes at work at once: with more than one, each
    edition is built in a process of its own as soon as its notebooks have run, beside the
    runs of the next; with one, everything is done one thing at a time.
    """
    from concurrent.futures import as_completed

    from . import site

    import fcntl

    jobs = jobs or os.cpu_count() or 1
    paths = notebook_paths(folder)
    out = Path(out).resolve()  # the site's pages get file:// links, which need absolute paths
    out.mkdir(parents=True, exist_ok=True)
    lock = open(out / ".lock", "w")  # two builds at once take turns instead of mixing
    fcntl.flock(lock, fcntl.LOCK_EX)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        html = work / "site"
        store, keys, sources = (cache.Store(cache_dir), {}, {}) if cache_dir else (None, None, None)
        if store is not None:
            shared = cache.environment_key([folder, NOTEBOOKS])
            sources = {p.name: p.read_bytes() for p in paths}
            keys = {(p.name, lang): cache.run_key(sources[p.name], {"LANG": lang}, shared)
                    for lang in langs for p in paths}
            sources = {name: data.decode("utf-8") for name, data in sources.items()}

        site_pool = _start_pool(len(langs)) if len(langs) > 1 and jobs > 1 else None
        building, edition_keys, later = {}, {}, []

        def built(lang, seconds):
            if edition_keys.get(lang):
                (html / lang / EDITION_INPUTS).write_text(edition_keys[lang])
            print(f"site: {lang} edition built in {seconds:.1f}s", flush=True)

        def edition(lang, notebooks):  # while the workers run the next language
            key = edition_keys[lang] = cache.combine(lang, *(keys[(n, lang)] for n in notebooks)) if keys else None
            previous = out / "site" / lang
            if key and (previous / EDITION_INPUTS).is_file() and (previous / EDITION_INPUTS).read_text() == key:
                _link_tree(previous, html / lang)
                print(f"site: {lang} edition unchanged, reused", flush=True)
                return
            job = (lang, notebooks, str(work), str(html), cache_dir and str(cache_dir / f"edition-{lang}"),
                   shared if store is not None else "", jobs)
            if site_pool is not None:
                building[_submit(site_pool, _edition_job, *job)] = lang
            else:  # after the notebooks, in this process
                later.append(job)

        try:
            execute_all(paths, langs, jobs, each_language=edition, store=store, keys=keys, sources=sources)
            for job in later:
                _doing[0] = f"building the {job[0]} edition of the site"
                built(job[0], _edition_job(*job))
            _doing[0] = f"building the site ({', '.join(building.values())})"
            for future in as_completed(building):
                built(building[future], future.result())  # a Sphinx failure propagates
        except BaseException:
            if site_pool is not None:
                _stop_workers(site_pool)
            raise
        if site_pool is not None:
            site_pool.shutdown()
        (html / "index.html").write_text(site.landing_page(), encoding="utf-8")
        html.chmod(0o755)
        target, old = out / "site", out / f"{work.name}-old"
        _doing[0] = "putting the new site in place"
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # no moment without a whole site
        try:
            if target.exists():
                target.rename(old)
            html.rename(target)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        _doing[0] = "finishing (the new site is already in place)"
        shutil.rmtree(old, ignore_errors=True)
        if store is not None and cache.environment_key([folder, NOTEBOOKS]) != shared:
            # data/ or src/ changed while the notebooks ran: what ran is not known, keep none
            store.drop(keys.values())
            for lang in langs:
                (target / lang / EDITION_INPUTS).unlink(missing_ok=True)
            print("note: data/ or src/ changed during the build; its runs were not kept in the cache",
                  flush=True)
        if store is not None and set(langs) == set(LANGS):
            store.prune(set(keys.values()))  # keep what this build used
        return target / "index.html"
    finally:
        shutil.rmtree(work, ignore_errors=True)
        lock.close()  # releases the lock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGS, action="append",
                        help="edition(s) to build (default: all)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes at work at once: notebooks, editions, pages printed (default: one per core)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="folder of notebooks to run")
    parser.add_argument("--out", type=Path, default=BUILD, help="build folder (the site goes to OUT/site)")
    parser.add_argument("--no-cache", action="store_true",
                        help="execute every notebook again (default: reuse runs from OUT/cache when unchanged)")
    parser.add_argument("--refresh", action="store_true",
                        help="re-execute the committed notebooks in place (for maintainers, after a change)")
    args = parser.parse_args(argv)
    for s in STOP_SIGNALS:  # Ctrl-C (to the whole group) or SIGTERM (a CI time-out, kill PID)
        signal.signal(s, _on_stop_signal)
    if args.refresh:
        import nbformat

        try:
            executed = execute_all(notebook_paths(args.notebooks), [None], args.jobs or os.cpu_count() or 1)[None]
        except Interrupted as stop:
            print(f"Interrupted ({stop}) while {_doing[0]}: {args.notebooks} is unchanged.", file=sys.stderr)
            return 128 + stop.signum
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # write all of them or none
        for name, nb in executed.items():
            nbformat.write(nb, args.notebooks / name)
        print(f"Refreshed {len(executed)} notebooks in {args.notebooks}")
        return 0
    try:
        index = build(tuple(args.lang or LANGS), out=args.out, jobs=args.jobs, folder=args.notebooks,
                      cache_dir=None if args.no_cache else args.out / "cache")
    except (NotebookFailed, RuntimeError) as exc:
        print(f"error: {exc}\nThe previous site, if any, is unchanged.", file=sys.stderr)
        return 1
    except Interrupted as stop:
        site = args.out / "site"
        print(f"Interrupted ({stop}) while {_doing[0]}: "
              + ("the new site is in place." if _doing[0].startswith("finishing") else
                 f"the previous site ({site}) is untouched." if site.exists() else "no site was written."),
              file=sys.stderr)
        return 128 + stop.signum
    from . import browser

    if browser.find() is None:
        print(f"The PDF handout was skipped: no Chromium-family browser was found. To get it, {browser.HOW}.")
    print(f"Done. Open {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
