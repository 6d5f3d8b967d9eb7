"""Executing notebooks: one in a fresh kernel (execute), many in a pool of worker processes
(execute_all), with the stop signals handled so that Ctrl-C or SIGTERM ends every kernel
and worker at once, quietly."""
from __future__ import annotations

import copy
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from ..present.editions import keep_language
from ..present.style import SLIDES_SETTING
from . import cache, kernels


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
        source = "# This edition's parameters (set by zhongyuan.build.run)\n" + "\n".join(
            f"{k} = {v!r}" for k, v in changed.items())
        cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        nb.cells.insert(index + 1, cell)
    return nb


def execute(path: Path, timeout: int = 600, record_timing: bool = False, sockets_dir: str | None = None,
            source: str | None = None, slides: bool = False, **params):
    """Run a notebook top to bottom in a fresh python3 kernel, in the notebook's folder.

    record_timing puts each cell's start and end in its metadata (for benchmarks only:
    committed notebooks leave it out, so that a rerun is byte-identical). The kernel's
    sockets go to a new folder inside sockets_dir (default: the system's temp folder).
    source, if given, is the notebook's text as read earlier (what the cache key was made
    from), run instead of the file's current contents. slides: every chart also carries a
    picture drawn for a 1280x720 slide (present.style.SLIDE_MIME), for the edition's decks."""
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
                                kernel_manager_class=kernels.manager_class(),  # warm: zhongyuan.build.kernels
                                resources={"metadata": {"path": str(path.parent)}})
        env = {**os.environ, SLIDES_SETTING: "1"} if slides else None
        _run_client(client, nb, path, env)
    return nb


def _run_client(client, nb, path: Path, env: dict | None = None) -> None:
    from nbclient.exceptions import CellExecutionError

    try:
        client.execute(**({"env": env} if env else {}))
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


def _execute_job(path: str, lang: str | None, sockets_dir: str, source: str | None = None):
    """One notebook in one language (None: as committed), in a worker process."""
    start = time.perf_counter()
    edition = {"LANG": lang, "slides": True} if lang else {}  # None: the committed notebook, as it is
    nb = execute(Path(path), sockets_dir=sockets_dir, source=source, **edition)
    return path, lang, time.perf_counter() - start, nb


# -- stopping: the main process decides and ends everything it started --------------------------

def _worker_init(warm_kernels: bool = False, edition: bool = False) -> None:
    """In each worker, first thing: leave the terminal's process group, so that Ctrl-C
    reaches the main process alone (nbclient would otherwise catch it in every worker, and
    print tracebacks); the main process ends the workers itself.

    An edition's worker (zhongyuan.build.run) yields the cores to the notebook runs (nice 5):
    the runs of the next language, which its edition waits for, go first. And it ends
    without tearing down the interpreter, which took 0.8 s after Sphinx, all of it waited
    for by the build; it starts no process that outlives a job, and what it prints is
    flushed first."""
    if edition:
        import atexit

        atexit.register(_quick_exit)  # runs first: handlers run last-registered first
        os.nice(5)
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # drops a Ctrl-C that came while starting
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # blocked while the pool started
    kernels.use(warm_kernels)
    if warm_kernels and kernels.enabled():
        kernels.prestart()  # the kernels' zygote imports while this worker takes its first run


def _quick_exit() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _start_pool(workers: int, warm_kernels: bool = False, edition: bool = False):
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_worker_init,
                               initargs=(warm_kernels, edition))


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
    workers = min(jobs, len(todo))
    # warm kernels (zhongyuan.build.kernels) where each worker has three runs or more
    pool = _start_pool(workers, warm_kernels=len(todo) >= 3 * workers)
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
