"""The README's commands as a user runs them: in a clean clone, as a normal user, with the
Python the machine already has.

As root (CI), commands run as a user made for the tests (`useradd`, then `runuser`); run by
a normal user, as that user. The main job run this way is the site the tests read (the
`built` fixture in conftest.py), so the site under test is the one a newcomer gets.
"""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

from zhongyuan.factbase.paths import ROOT

USER = "zy-tester"
SYSTEM_PYTHON = "/usr/bin/python3"
CLONE = "clone with spaces 中文"  # a path with spaces and hanzi, as users' paths have


def user() -> str:
    """A normal user to run as: the current one, or (as root) one made for the tests."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid()).pw_name
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--create-home", USER], check=True)
    return USER


def cannot_switch() -> str | None:
    """What root lacks to run as another user (nothing, for a normal user), or None."""
    if os.geteuid() == 0 and not (shutil.which("useradd") and shutil.which("runuser")):
        return "useradd and runuser (they come with Debian's passwd and util-linux)"
    return None


def missing() -> str | None:
    """What this machine lacks to run as a normal user with the system Python, or None."""
    if cannot_switch():
        return cannot_switch()
    if not Path(SYSTEM_PYTHON).exists():
        return f"a system Python at {SYSTEM_PYTHON}"
    if subprocess.run([SYSTEM_PYTHON, "-m", "pip", "--version"], capture_output=True).returncode:
        return "the system Python's pip (apt-get install python3-pip)"
    return None


def as_user(cmd: list[str], cwd: Path, env: dict[str, str], hide: list[Path] = ()) -> subprocess.CompletedProcess:
    """cmd as the normal user, in a clean environment; `hide` puts /dev/null over each of
    those files for this command only (a mount namespace: root only)."""
    name = user()
    home = Path(pwd.getpwnam(name).pw_dir)
    base = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    for key in ("SSL_CERT_FILE", "SSL_CERT_DIR"):  # a machine whose registry needs its own CA
        if key in os.environ:
            base[key] = os.environ[key]
    base.update(env)
    run = ["env", "-i", *(f"{k}={v}" for k, v in base.items()), *cmd]
    if os.geteuid() == 0:
        run = ["runuser", "-u", name, "--", *run]
    if hide:
        mounts = " && ".join(f"mount --bind /dev/null {p}" for p in hide)
        run = ["unshare", "--mount", "sh", "-c", f'{mounts} && exec "$@"', "sh", *run]
    return subprocess.run(run, cwd=cwd, capture_output=True, text=True)


def clean_clone(dest: Path) -> Path:
    """The project's files as a clone has them (tracked and new, not ignored), owned by the user."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    give(dest)
    return dest


def give(folder: Path) -> None:
    """folder to the user, and every folder above it passable."""
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{user()}:", str(folder)], check=True)
        folder.chmod(0o755)
        for parent in folder.parents:  # the user must reach it
            if parent == Path("/"):
                break
            parent.chmod(parent.stat().st_mode | 0o111)


def uv_cache(dest: Path) -> dict[str, str]:
    """As root: this machine's uv cache as the user's own at dest (archives hard-linked), so
    that only what the system Python needs and this machine never downloaded comes from the
    registry; the setting that points uv at it. A normal user keeps their own cache ({})."""
    cache = subprocess.run([str(Path(sys.executable).parent / "uv"), "cache", "dir"], capture_output=True, text=True)
    if cache.returncode or not Path(cache.stdout.strip()).is_dir() or os.geteuid() != 0:
        return {}
    if not dest.exists():
        dest.mkdir(parents=True)
        for item in Path(cache.stdout.strip()).iterdir():
            if item.name == "archive-v0":
                subprocess.run(["cp", "-al", str(item), str(dest)], check=True)
            elif item.is_dir():
                shutil.copytree(item, dest / item.name, symlinks=True)
            else:
                shutil.copy2(item, dest / item.name)
        subprocess.run(["find", str(dest), "-type", "d", "-exec", "chown", f"{user()}:", "{}", "+"], check=True)
        for item in dest.iterdir():
            if item.name != "archive-v0":
                subprocess.run(["chown", "-R", f"{user()}:", str(item)], check=True)
    return {"UV_CACHE_DIR": str(dest)}


def main_job(clone: Path, env: dict[str, str], hide: list[Path] = ()) -> subprocess.CompletedProcess:
    """The README's first command, `make report`, in clone as the user, with the system Python."""
    return as_user(["make", "report", f"PYTHON={SYSTEM_PYTHON}"], clone, env, hide=hide)
