"""Shared fixtures: a private copy of data/ that a test may break without harm."""
from __future__ import annotations

import hashlib
import shutil
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
