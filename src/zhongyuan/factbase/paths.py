"""Where the project's files are. One place, so tests can point it at fixture copies."""
from __future__ import annotations

import functools
import hashlib
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """The data folder: $ZHONGYUAN_DATA if set (tests use copies); else the project's data/
    (the package installed from a checkout); else, for the package installed from a class
    pack, the first data/ holding a datapackage.json in the working folder or above it (a
    student's notebooks/ sits beside the pack's data/)."""
    if "ZHONGYUAN_DATA" in os.environ:
        return Path(os.environ["ZHONGYUAN_DATA"])
    if (ROOT / "data" / "datapackage.json").exists():
        return ROOT / "data"
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "data" / "datapackage.json").exists():
            return folder / "data"
    return ROOT / "data"


def data_key() -> tuple[Path, str]:
    """(data folder, SHA-256 over its files' names and bytes): the key of every cache.

    Any edit to any data file changes the key, so a cached table or text can never be
    served stale. A notebook calls this hundreds of times, so the digest is reused while
    no file's stat signature (inode, size, mtime, ctime) has changed: every write sets
    ctime, which no user call can set back. As git does with racily clean files, the digest
    is trusted only for files last changed well before it was taken, since two writes within
    one clock tick can leave the same ctime.
    """
    folder = data_dir()
    files = sorted(p for p in folder.iterdir() if p.is_file())
    stats = [p.stat() for p in files]
    signature = (folder, tuple((p.name, s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns)
                               for p, s in zip(files, stats)))
    newest = max((s.st_ctime_ns for s in stats), default=0)
    if _memo.get("signature") != signature or _memo["taken_ns"] - newest < 2_000_000_000:
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        _memo.update(signature=signature, digest=digest.hexdigest(), taken_ns=time.time_ns())
    return folder, _memo["digest"]


_memo: dict = {}  # the last digest taken: its folder's stat signature and when it was taken


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
