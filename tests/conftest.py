"""Shared fixtures: a private copy of data/ that a test may break without harm."""
from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from zhongyuan.paths import ROOT


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch) -> Path:
    """A copy of data/ that zhongyuan reads instead of the real one, for this test only."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    monkeypatch.setenv("ZHONGYUAN_DATA", str(folder))
    return folder


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file() and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts:
            digest.update(str(p.relative_to(folder)).encode())
            digest.update(p.read_bytes())
    return digest.hexdigest()


def _is_controller(config) -> bool:
    return not hasattr(config, "workerinput")  # pytest-xdist workers have it


def pytest_sessionstart(session):
    """make test must never write into notebooks/ or data/: remember them as they are."""
    if _is_controller(session.config):
        session.config._zy_digests = {d: _tree_digest(ROOT / d) for d in ("notebooks", "data")}


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_zy_digests", None)
    if before is None:
        return
    changed = [d for d, digest in before.items() if _tree_digest(ROOT / d) != digest]
    if changed:
        session.config.get_terminal_writer().line(
            f"FAILED: the test run wrote into {', '.join(changed)}/ (it must only read them)", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def built(tmp_path_factory, worker_id) -> Path:
    """The whole site (both editions), built once per test run and shared by the workers:
    the first to need it builds it under a lock, the others wait and reuse it."""
    import fcntl

    from zhongyuan import run

    if worker_id == "master":  # not under pytest-xdist
        return run.build(out=tmp_path_factory.mktemp("build")).parent
    shared = tmp_path_factory.getbasetemp().parent  # one folder per run, common to workers
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "build" / "site" / "index.html").exists():
            run.build(out=shared / "build")
    return shared / "build" / "site"


@pytest.fixture(scope="session")
def server(built):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is missing: make test installs it")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Files that build the site or execute notebooks run first: under `-n 2 --dist loadfile`
# (with --no-loadscope-reorder, set in pyproject.toml) the longest file, test_site.py, then
# starts at once on one worker while the other works through the rest, instead of starting
# last and leaving the other worker idle.
FIRST = ["test_site.py", "test_notebooks.py", "test_reliability.py", "test_narrate_and_run.py", "test_lab.py"]


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        name = item.path.name
        return FIRST.index(name) if name in FIRST else len(FIRST)
    items.sort(key=rank)  # stable: the order within each file is kept
