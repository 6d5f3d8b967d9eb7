"""Where the project's files are. One place, so tests can point it at fixture copies."""
from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The data folder: $ZHONGYUAN_DATA if set (tests use copies), else ROOT/data."""
    return Path(os.environ.get("ZHONGYUAN_DATA", ROOT / "data"))


def data_key() -> tuple[Path, str]:
    """(data folder, SHA-256 over its files' names and bytes): the key of every cache.

    Hashing the whole folder costs well under a millisecond, and any edit to any data file
    changes the key, so a cached table or text can never be served stale.
    """
    folder = data_dir()
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return folder, digest.hexdigest()


def cached_per_data(func):
    """Memoise a function of the data's contents: computed again whenever any data file
    changes (the key is data_key()). Callers must not mutate what it returns."""
    @functools.lru_cache(maxsize=32)
    def keyed(key, *args):
        return func(*args)

    @functools.wraps(func)
    def wrapper(*args):
        return keyed(data_key(), *args)

    wrapper.cache_clear = keyed.cache_clear
    return wrapper
