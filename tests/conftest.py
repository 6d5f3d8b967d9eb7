"""Shared fixtures: a private copy of data/ that a test may break without harm; the built
site; nbval's kernels over IPC sockets."""
from __future__ import annotations

import atexit
import functools
import hashlib
import http.server
import os
import shutil
import tempfile
import threading
from pathlib import Path

import nbval.kernel
import pytest

import normal_user
from zhongyuan.build import browser as browser_
from zhongyuan.build.kernels import WarmKernelManager
from zhongyuan.factbase.paths import ROOT

# nbval's kernels talk over IPC sockets in a private folder, as make report's do, not TCP:
# jupyter_client picks a kernel's TCP ports before the kernel binds them, and a port taken
# meanwhile by another process kills the kernel at start-up (jupyter_client#154). It did once
# in CI, beside the browser tests: "Kernel died before replying to kernel_info" for all 39
# cells of a notebook. IPC has no ports to race for. (This file is imported by every worker
# before any test runs, the notebooks' included.)
_SOCKETS = Path(tempfile.mkdtemp(prefix="nbval-"))
atexit.register(shutil.rmtree, _SOCKETS, True)


class _IpcKernelManager(WarmKernelManager):
    def __init__(self, **kwargs):
        folder = tempfile.mkdtemp(dir=_SOCKETS)  # one per kernel: IPC names count up from -1
        super().__init__(transport="ipc", ip=os.path.join(folder, "k"), **kwargs)


nbval.kernel.KernelManager = _IpcKernelManager  # and forked warm (zhongyuan.build.kernels)


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch) -> Path:
    """A copy of data/ that zhongyuan reads instead of the real one, for this test only."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    monkeypatch.setenv("ZHONGYUAN_DATA", str(folder))
    return folder


# The folders make test must only read: those of the project these tests belong to.
PROJECT = Path(__file__).resolve().parents[1]
GUARDED = ("notebooks", "data")


def tree_state(folder: Path) -> dict[str, str]:
    """Everything a write can change under folder: each path (hidden ones such as
    .ipynb_checkpoints, and empty folders, included), its kind and mode bits, and each
    file's SHA-256. Only bytecode caches are left out."""
    state = {}
    for p in sorted(folder.rglob("*")):
        if "__pycache__" in p.parts:
            continue
        st = p.lstat()
        kind = "dir" if p.is_dir() else "link" if p.is_symlink() else "file"
        entry = f"{kind} {st.st_mode & 0o7777:o}"
        if kind == "file":
            entry += " " + hashlib.sha256(p.read_bytes()).hexdigest()
        elif kind == "link":
            entry += " -> " + str(p.readlink())
        state[str(p.relative_to(folder))] = entry
    return state


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What differs between two tree_state()s, one line per path."""
    return ([f"added {p}" for p in after.keys() - before.keys()]
            + [f"removed {p}" for p in before.keys() - after.keys()]
            + [f"changed {p} ({before[p]} -> {after[p]})" for p in before.keys() & after.keys()
               if before[p] != after[p]])


@pytest.fixture
def state_of():
    return tree_state


def pytest_addoption(parser):
    parser.addoption("--snapshot-update", action="store_true", default=False,
                     help="record tests/snapshots/ again from this run instead of comparing with it "
                          "(make snapshots; tests/integration/test_snapshots.py)")


def _is_controller(config) -> bool:
    return not hasattr(config, "workerinput")  # pytest-xdist workers have it


def pytest_sessionstart(session):
    """make test must never write into notebooks/ or data/: remember them as they are."""
    if _is_controller(session.config):
        session.config._zy_states = {d: tree_state(PROJECT / d) for d in GUARDED}


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_zy_states", None)
    if before is None:
        return
    changed = {d: changes(state, tree_state(PROJECT / d)) for d, state in before.items()}
    changed = {d: c for d, c in changed.items() if c}
    if changed:
        writer = session.config.get_terminal_writer()
        writer.line(f"FAILED: the test run wrote into {', '.join(d + '/' for d in changed)} "
                    "(it must only read them):", red=True)
        for d, lines in changed.items():
            for line in sorted(lines)[:20]:
                writer.line(f"  {d}/: {line}", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def built(tmp_path_factory, worker_id) -> Path:
    """The whole site (both editions, every PDF) as a newcomer gets it: the README's main job
    in a clean clone, as a normal user, with the system Python (normal_user.py). Where this
    machine cannot run that, built in this process instead. Built once per test run and
    shared by the workers: the first to need it builds it under a lock, the others wait."""
    import fcntl

    if worker_id == "master":  # not under pytest-xdist
        return _build_site(tmp_path_factory.mktemp("build"))
    shared = tmp_path_factory.getbasetemp().parent  # one folder per run, common to workers
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_site(shared)


MAIN_JOB_LOG = "main-job.log"  # beside the clone: what the normal user's make report printed


def _build_site(folder: Path) -> Path:
    from zhongyuan.build import run

    if normal_user.missing():
        site = folder / "build" / "site"
        return site if (site / "index.html").exists() else run.build(out=folder / "build").parent
    clone = folder / normal_user.CLONE
    site, log = clone / "build" / "site", folder / MAIN_JOB_LOG
    if not log.exists():  # the first worker here: run it (once, failed or not)
        normal_user.clean_clone(clone)
        out = normal_user.main_job(clone, normal_user.uv_cache(folder / "uv-cache"))
        log.write_text(f"exit {out.returncode}\n{out.stdout}{out.stderr}", encoding="utf-8")
    text = log.read_text(encoding="utf-8")
    if not text.startswith("exit 0\n"):
        pytest.fail(f"the main job (make report as {normal_user.user()} in a clean clone) failed; "
                    f"the end of {log}:\n{text[-3000:]}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def server(built):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:", "devtools:")
LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "::1")


def is_local(url: str) -> bool:
    from urllib.parse import urlparse

    return url.startswith(LOCAL_SCHEMES) or urlparse(url).hostname in LOOPBACK


def need(capability: str, how: str):
    """A test that needs what this machine lacks: skipped with the reason, but an error in
    CI (CI=true), where a skip would hide that the check never ran."""
    message = f"{capability} is missing: {how}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def printer() -> Path:
    """The Chromium-family browser the build would print PDFs with (zhongyuan.build.browser.find)."""
    found = browser_.find()
    if found is None:
        need("a Chromium-family browser", browser_.HOW)
    return found


@pytest.fixture(scope="session")
def poppler() -> None:
    """pdftotext and pdffonts, which the PDF tests read PDFs with."""
    if not (shutil.which("pdftotext") and shutil.which("pdffonts")):
        need("poppler-utils (pdftotext, pdffonts)", "apt-get install poppler-utils, brew install poppler, "
             "or `make browser` as root on Debian")


@pytest.fixture(scope="session")
def browser(printer):
    """That browser, headless, driven by Playwright, with the build's own switches."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = browser_.launch(p, printer)
        yield b
        b.close()


def guard(context):
    """Record every request of a browser context that is not to loopback or a local file in
    context.remote, and abort it: a page that fetches from the network fails its test even
    on a machine that has one."""
    context.remote = []

    def on_request(request):
        if not is_local(request.url):
            context.remote.append(request.url)

    def route(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.on("request", on_request)
    context.route("**/*", route)
    return context


@pytest.fixture
def context(browser):
    """A fresh guarded browser context; the test fails if any page in it asked for anything
    beyond loopback and local files."""
    ctx = guard(browser.new_context())
    yield ctx
    ctx.close()
    assert not ctx.remote, f"requests beyond loopback: {ctx.remote}"


# The order files are handed to the workers in (`-n 2 --dist loadfile`, with
# --no-loadscope-reorder set in pyproject.toml): test_site.py first, so that one worker starts
# building the site (the `built` fixture, about two minutes) at once; then every file that does
# not read the site, so that the other worker is never left waiting for it; then the files that
# do. Within each group the slowest files go first, so that neither worker is left with a long
# file at the end while the other is idle.
SLOWEST = ["test_site.py", "test_reliability.py", "test_incremental.py", "test_cache.py", "test_interrupt.py",
           "test_lab.py", "test_class_pack.py", "test_teaching.py", "test_where_users_are.py"]


def pytest_collection_modifyitems(config, items):
    reads_site = {item.path for item in items if "built" in getattr(item, "fixturenames", ())}

    def rank(item) -> tuple[int, int]:
        name = item.path.name
        group = 0 if name == SLOWEST[0] else 2 if item.path in reads_site else 1
        return group, SLOWEST.index(name) if name in SLOWEST else len(SLOWEST)
    items.sort(key=rank)  # stable: the order within each file is kept
