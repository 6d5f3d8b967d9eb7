"""Where the project's files are. One place, so tests can point it at fixture copies."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The data folder: $ZHONGYUAN_DATA if set (tests use copies), else ROOT/data."""
    return Path(os.environ.get("ZHONGYUAN_DATA", ROOT / "data"))
