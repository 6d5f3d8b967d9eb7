"""Stopping `make report` is safe and quiet: Ctrl-C (SIGINT to the whole process group) or
SIGTERM to the main process (a CI time-out, `kill PID`) ends the build within 3 s with one
line on stderr, exit 128 + the signal's number (130, 143), no kernel left running, no
temporary folder left, and the previous site as it was."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from zhongyuan.factbase.paths import ROOT


def _sleepy_notebooks(folder: Path, count: int) -> None:
    """Notebooks that run for a minute: the build is surely inside them when stopped."""
    folder.mkdir()
    for name in (f"{k:02d}_sleepy" for k in range(count)):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        params = nbformat.v4.new_code_cell('LANG = "en"', metadata={"tags": ["parameters"]})
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), params,
                    nbformat.v4.new_code_cell("import time\ntime.sleep(60)")]
        nbformat.write(nb, folder / f"{name}.ipynb")


def _kernels(marker: str) -> list[int]:
    """Live kernel processes whose command line names marker (their connection file is in
    our temp folder), and the warm kernels' zygotes and the kernels forked from them
    (zhongyuan.build.kernels: marker is in their environment). A zombie has an empty command
    line and is not counted."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().decode(errors="replace")
            warm = "zygote.py" in args and marker in (cmdline.parent / "environ").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if ("ipykernel_launcher" in args and marker in args) or warm:
            found.append(int(cmdline.parent.name))
    return found


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc (Linux)")
# Two notebooks: 4 runs on 2 workers, each kernel started the usual way. Six: 12 runs, each
# worker's kernels forked from its zygote (zhongyuan.build.kernels): 2 zygotes, then 2 kernels.
@pytest.mark.parametrize("how, notebooks, processes", [
    ("SIGINT to the process group", 2, 2), ("SIGTERM to the main process", 2, 2),
    ("SIGINT to the process group, warm kernels", 6, 4)])
def test_stopping_a_build_is_quick_quiet_and_clean(tmp_path, how, notebooks, processes):
    count, notebooks, out = notebooks, tmp_path / "nb", tmp_path / "build"
    _sleepy_notebooks(notebooks, count)
    tmp = Path(tempfile.mkdtemp(prefix="zy-")).resolve()  # short: kernels' socket paths go in it
    try:
        _stop_a_build(notebooks, out, tmp, how, processes)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _stop_a_build(notebooks: Path, out: Path, tmp: Path, how: str, processes: int) -> None:
    previous = out / "site"
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("the previous site")
    env = {**os.environ, "TMPDIR": str(tmp)}  # kernels' connection files and sockets go here
    proc = subprocess.Popen([sys.executable, "-m", "zhongyuan.build", "--notebooks", str(notebooks),
                             "--out", str(out)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _wait_for(lambda: len(_kernels(str(tmp))) >= processes or proc.poll() is not None, 120,
                  f"{processes} kernel processes to start")
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.5)  # inside the notebooks' cells
        start = time.monotonic()
        if how.startswith("SIGINT"):
            os.killpg(proc.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
            expected, name = 130, "SIGINT"
        else:
            proc.send_signal(signal.SIGTERM)
            expected, name = 143, "SIGTERM"
        stdout, stderr = proc.communicate(timeout=30)
        seconds = time.monotonic() - start
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    assert proc.returncode == expected, stderr
    assert seconds <= 3, f"took {seconds:.1f}s to stop"
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr  # one line, no traceback
    assert lines[0].startswith(f"Interrupted ({name}) while executing notebooks"), lines[0]
    assert "previous site" in lines[0] and "untouched" in lines[0], lines[0]
    assert "Traceback" not in stdout, stdout
    time.sleep(0.5)  # a kernel that outlived its worker would notice within a second
    assert _kernels(str(tmp)) == []
    assert not [p.name for p in out.iterdir() if p.name.startswith(".build-")]
    assert list(tmp.iterdir()) == []  # no kernel socket folder, no connection file
    assert (previous / "index.html").read_text() == "the previous site"
    assert sorted(p.name for p in previous.iterdir()) == ["index.html"]
