"""Kernels started warm: a KernelManager whose python3 kernels are forked from a process that
has already imported what every notebook imports (zhongyuan.build.zygote), instead of each
starting Python and importing pandas and matplotlib again (4 s a notebook, most of a
notebook's run). The build's runs and nbval's (tests/conftest.py) use it.

One zygote per process that starts kernels, started with the first kernel and ended with the
process. A kernel command that is not this Python's `-m ipykernel_launcher` (another kernel,
another environment) is started the usual way.
"""
from __future__ import annotations

import atexit
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.utils import run_sync

ZYGOTE = Path(__file__).with_name("zygote.py")
SETTING = "ZHONGYUAN_COLD_KERNELS"  # set (to anything) to start every kernel the usual way
# Linux only: on macOS a process that has loaded numpy's Accelerate or other system
# frameworks is not safe to fork (Python's multiprocessing spawns there for that reason).
FORKS = sys.platform.startswith("linux")
_lock = threading.Lock()
_zygote: dict = {}  # this process's: {"pid": the process it belongs to, "proc", "replies"}
# Whether execute() in this process uses the zygote. It pays for itself from the third kernel
# (its start costs about one cold kernel): a build's worker is told so when it has three runs
# or more (zhongyuan.build.execute); a process that runs one notebook (a test, make bench's
# probes) starts it the usual way.
_use = [False]


def enabled() -> bool:
    """Whether warm kernels can be used here at all (Linux, not turned off)."""
    return FORKS and not os.environ.get(SETTING)


def use(warm: bool) -> None:
    """Start this process's kernels warm (from the zygote) or the usual way."""
    _use[0] = warm


def manager_class(asynchronous: bool = True):
    """The kernel manager this process's runs use (jupyter_client's own when cold)."""
    if _use[0] and enabled():
        return AsyncWarmKernelManager if asynchronous else WarmKernelManager
    return AsyncKernelManager if asynchronous else KernelManager


class _Forked:
    """The kernel's process, as much of subprocess.Popen as jupyter_client uses. It is the
    zygote's child, not ours: its exit status is the zygote's to collect (the zygote lets the
    kernel reap itself), so a kernel that has gone reports 0 here."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid, self.returncode = pid, None

    def poll(self):
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
            except PermissionError:  # the pid was taken by another user's process: ours is gone
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _start_zygote() -> dict:
    from ..analysis.jieba_cache import jieba_cache_dir

    read, write = os.pipe()
    proc = subprocess.Popen([sys.executable, str(ZYGOTE), str(write), jieba_cache_dir(create=False)],
                            stdin=subprocess.PIPE, pass_fds=[write], text=True)
    os.close(write)
    zygote = {"pid": os.getpid(), "proc": proc, "replies": os.fdopen(read, "r")}
    atexit.register(_end, zygote)
    return zygote


def _end(zygote: dict) -> None:
    if zygote["pid"] == os.getpid() and zygote["proc"].poll() is None:
        zygote["proc"].stdin.close()  # it ends its kernels and itself


def prestart() -> None:
    """Start this process's zygote now, so that it imports while this process does other
    work (a build's worker does so as it starts)."""
    global _zygote
    with _lock:
        if _zygote.get("pid") != os.getpid() or _zygote["proc"].poll() is not None:
            _zygote = _start_zygote()  # a forked copy of this process needs a zygote of its own


def fork_kernel(argv: list[str], env: dict, cwd: str) -> _Forked:
    """A python3 kernel with these arguments (after `-m ipykernel_launcher`), environment and
    folder, forked from this process's zygote (started now if it is not running)."""
    prestart()
    with _lock:
        proc = _zygote["proc"]
        proc.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": cwd}) + "\n")
        proc.stdin.flush()
        line = _zygote["replies"].readline()
        if not line:
            raise RuntimeError(f"the kernel zygote ({ZYGOTE}) ended; its messages are above")
        return _Forked(int(line))


def _warm(cmd: list[str]) -> bool:
    """Whether this command is this Python's ipykernel, which the zygote can start."""
    if not enabled() or len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return False
    try:
        return os.path.samefile(cmd[0], sys.executable)
    except OSError:
        return False


class WarmProvisioner(LocalProvisioner):
    """LocalProvisioner, the kernel forked from the zygote."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        if not _warm(cmd):
            return await super().launch_kernel(cmd, **kwargs)
        env = kwargs.get("env") or dict(os.environ)
        env = {**env, "JPY_PARENT_PID": str(os.getpid())}  # as jupyter_client's launcher sets it
        self.process = fork_kernel(cmd[3:], env, str(kwargs.get("cwd") or os.getcwd()))
        self.pid = self.pgid = self.process.pid  # the child leads its own session
        self.cwd = kwargs.get("cwd", Path.cwd())
        return self.connection_info


class _Warm:
    """A kernel manager whose provisioner is WarmProvisioner."""

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
            self.provisioner = WarmProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)

    pre_start_kernel = run_sync(_async_pre_start_kernel)


class WarmKernelManager(_Warm, KernelManager):
    """For blocking clients (nbval's)."""


class AsyncWarmKernelManager(_Warm, AsyncKernelManager):
    """For nbclient (the build's runs)."""

    pre_start_kernel = _Warm._async_pre_start_kernel
