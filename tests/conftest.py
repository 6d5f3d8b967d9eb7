"""Shared fixtures: a private copy of data/ that a test may break without harm."""
from __future__ import annotations

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
