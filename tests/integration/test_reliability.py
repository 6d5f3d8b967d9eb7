"""What users will do wrong. Each case is read correctly where the intent is unambiguous,
or refused with a message naming the file, the line and the fault; nothing they made is lost.
(More refusals, one per kind of fault, are in test_bad_input.py.)"""
from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import matplotlib
import nbformat
import pandas as pd
import pytest

import zhongyuan as zy
from zhongyuan.build import run
from zhongyuan.factbase import paths
from zhongyuan.factbase.errors import DataError
from zhongyuan.factbase.paths import ROOT

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def original() -> pd.DataFrame:
    return zy.load_facts()


def _rewrite(path: Path, edit) -> None:
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8", newline="")


# -- fact tables saved by a spreadsheet: read as meant ------------------------------------------

def test_gb18030_as_saved_by_a_chinese_excel(data_copy, original):
    path = data_copy / "facts.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    pd.testing.assert_frame_equal(zy.load_facts(), original)


def test_a_utf8_bom(data_copy, original):
    path = data_copy / "facts.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    pd.testing.assert_frame_equal(zy.load_facts(), original)


def test_windows_line_ends(data_copy, original):
    _rewrite(data_copy / "facts.csv", lambda t: t.replace("\n", "\r\n"))
    pd.testing.assert_frame_equal(zy.load_facts(), original)


def test_full_width_digits_and_percent(data_copy, original):
    _rewrite(data_copy / "facts.csv", lambda t: t.replace(",47.6,亿元,", ",４７．６,亿元,")
             .replace(",1.7,%,", ",１.７,％,"))
    pd.testing.assert_frame_equal(zy.load_facts(), original)


def test_thousands_separators(data_copy, original):
    _rewrite(data_copy / "facts.csv", lambda t: t.replace(",12203,户,", ',"12,203",户,')
             .replace(",20790,个,", ',"20,790",个,'))
    pd.testing.assert_frame_equal(zy.load_facts(), original)


def test_trailing_spaces_and_an_empty_line(data_copy, original):
    def edit(t):
        lines = t.split("\n")
        lines[5] = lines[5].replace(",exact,", ",exact  ,").replace(",个,", ", 个 ,")
        lines.insert(9, "")
        return "\n".join(lines)
    _rewrite(data_copy / "facts.csv", edit)
    pd.testing.assert_frame_equal(zy.load_facts(), original)


def _header_fields() -> int:
    with open(ROOT / "data" / "facts.csv", encoding="utf-8") as f:
        return len(f.readline().split(","))


def test_a_quoted_field_with_a_comma_is_one_field(original):
    assert original.loc["talent_introduced", "subject_en"].startswith("academicians (院士), PhDs")


# -- fact tables saved by a spreadsheet: refused, with file, line, column ----------------------

def test_a_renamed_column(data_copy):
    _rewrite(data_copy / "facts.csv", lambda t: t.replace(",unit,", ",Unit (单位),", 1))
    with pytest.raises(DataError, match=r"facts\.csv:1: column 'unit': required column is missing"):
        zy.load_facts()


def test_a_row_with_too_few_fields(data_copy):
    def edit(t):
        lines = t.split("\n")
        lines[10] = lines[10].rsplit(",", 3)[0]
        return "\n".join(lines)
    _rewrite(data_copy / "facts.csv", edit)
    n = _header_fields()
    with pytest.raises(DataError, match=rf"facts\.csv:11: {n - 3} fields where the header has {n}"):
        zy.load_facts()


def test_a_comma_left_unquoted(data_copy):
    _rewrite(data_copy / "facts.csv", lambda t: t.replace('"academicians (院士), PhDs', "academicians (院士), PhDs"))
    n = _header_fields()
    message = rf"facts\.csv:\d+: {n + 1} fields where the header has {n} \(an unquoted comma\?\)"
    with pytest.raises(DataError, match=message):
        zy.load_facts()


def test_a_report_edited_by_hand_is_refused(data_copy):
    _rewrite(data_copy / "report.txt", lambda t: t.replace("12203户", "12230户"))
    with pytest.raises(DataError, match=r"report\.txt: SHA-256 is .* the report file was changed"):
        zy.load_facts()


def test_an_edit_right_after_a_load_is_seen(data_copy, original):
    """An edit of the same length made right after a load is seen by the next load."""
    assert zy.load_facts().equals(original)
    _rewrite(data_copy / "facts.csv", lambda t: t.replace(",general public budget revenue,",
                                                         ",General public budget revenue,"))
    assert zy.load_facts().set_index("id").loc["budget_revenue", "subject_en"] == "General public budget revenue"


def _frozen_stats(monkeypatch, folder: Path, ctime_ns: int | None = None):
    """Make every file of folder report the stat it has now (optionally with another ctime),
    whatever is written to it later: two writes within one clock tick, as the file system
    may record them."""
    frozen = {}
    for p in folder.iterdir():
        st = p.stat()
        if ctime_ns is not None:
            fields = list(st)
            fields[9] = ctime_ns // 1_000_000_000  # st_ctime (int part)
            st = os.stat_result(fields, {"st_ctime_ns": ctime_ns, "st_mtime_ns": st.st_mtime_ns,
                                         "st_atime_ns": st.st_atime_ns})
        frozen[p] = st
    real = Path.stat

    def stat(self, *args, **kwargs):
        return frozen.get(self, real(self, *args, **kwargs))

    monkeypatch.setattr(Path, "stat", stat)


def test_data_key_sees_an_edit_that_leaves_the_stat_signature_unchanged(data_copy, monkeypatch):
    """The same clock tick: a file rewritten with the same size, mtime and ctime it had when
    the digest was taken. Only the rule of racily clean files (hash again any file changed
    less than 2 s before the last digest) tells the two versions apart."""
    _frozen_stats(monkeypatch, data_copy)
    _, before = paths.data_key()
    _rewrite(data_copy / "facts.csv", lambda t: t.replace(",general public budget revenue,",
                                                         ",General public budget revenue,"))
    _, after = paths.data_key()
    assert after != before


def test_data_key_reuses_its_digest_while_no_file_changed(data_copy, monkeypatch):
    """Files last changed long before the digest are not read again (a notebook asks for the
    key hundreds of times); a changed stat signature makes it read them again."""
    _frozen_stats(monkeypatch, data_copy, ctime_ns=time.time_ns() - 60 * 1_000_000_000)
    paths.data_key()
    reads = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or real(self))
    paths.data_key()
    assert reads == []


def test_nothing_the_user_made_is_rewritten(data_copy):
    """Reading normalises in memory only: the user's file stays byte for byte."""
    path = data_copy / "facts.csv"
    _rewrite(path, lambda t: t.replace(",47.6,亿元,", ",４７．６,亿元,"))
    before = path.read_bytes()
    zy.load_facts()
    assert path.read_bytes() == before


# -- notebooks and the main job ----------------------------------------------------------------

def _notebook(folder: Path, name: str, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell('LANG = "en"')]
    nb.cells[1].metadata["tags"] = ["parameters"]
    nb.cells += [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def test_make_report_names_the_failing_notebook_and_cell_and_exits_nonzero(tmp_path):
    folder = tmp_path / "nb"
    folder.mkdir()
    _notebook(folder, "00_fine", "x = 1")
    _notebook(folder, "01_broken", "y = 2", "1 / 0")
    site = tmp_path / "build" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("previous site")
    out = subprocess.run([sys.executable, "-m", "zhongyuan.build", "--notebooks", str(folder),
                          "--out", str(tmp_path / "build"), "--lang", "en"], capture_output=True, text=True)
    assert out.returncode == 1
    assert re.search(r"01_broken\.ipynb: cell 4 \('1 / 0'\) raised ZeroDivisionError", out.stderr), out.stderr
    assert "previous site" in out.stderr
    assert (site / "index.html").read_text() == "previous site"


def _lock_waiters(path: Path) -> list[str]:
    """Processes blocked waiting for a lock on path (Linux: '->' lines of /proc/locks)."""
    inode = path.stat().st_ino
    return [line for line in Path("/proc/locks").read_text().splitlines()
            if "->" in line and line.split()[-3].endswith(f":{inode}")]


def test_two_make_reports_at_once_take_turns(tmp_path):
    """Two processes of the main job started together on one build folder. While the first
    one's notebook runs (it waits for a file this test writes), the second is seen blocked
    on build/.lock and its notebook has not started; released, the first ends before the
    second begins. (The notebook then raises, so neither process spends a minute on Sphinx:
    the lock is taken before any notebook runs and held until the build ends either way, and
    the previous site is left untouched.)"""
    folder = tmp_path / "nb"
    folder.mkdir()
    log, release = tmp_path / "runs.log", tmp_path / "release"
    _notebook(folder, "00_a", "import os, time\n"
              f"open({str(log)!r}, 'a').write(f'start {{os.getppid()}} {{time.time()}}\\n')\n"
              f"while not os.path.exists({str(release)!r}): time.sleep(0.1)\n"
              f"open({str(log)!r}, 'a').write(f'end {{os.getppid()}} {{time.time()}}\\n')\n"
              "raise RuntimeError('done: no site needed')")
    site = tmp_path / "build" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("previous site")
    command = [sys.executable, "-m", "zhongyuan.build", "--notebooks", str(folder), "--out",
               str(tmp_path / "build"), "--lang", "en", "--jobs", "1", "--no-cache"]  # both must run it
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for _ in range(2)]
    try:
        deadline = time.time() + 240
        while time.time() < deadline and not (log.exists() and (
                _lock_waiters(tmp_path / "build" / ".lock") or log.read_text().count("start") > 1)):
            assert all(p.poll() is None for p in procs), "a build ended before the other started"
            time.sleep(0.2)
        starts = log.read_text().count("start") if log.exists() else 0
        waiting = _lock_waiters(tmp_path / "build" / ".lock")
        assert starts == 1 and waiting, f"{starts} notebook(s) running, waiting for the lock: {waiting}"
    finally:
        release.write_text("go")
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [1, 1], outputs
    assert all("RuntimeError: done: no site needed" in out for out in outputs), outputs
    runs = {}
    for line in log.read_text().splitlines():
        kind, pid, when = line.split()
        runs.setdefault(pid, {})[kind] = float(when)
    a, b = sorted(runs.values(), key=lambda r: r["start"])
    assert a["end"] <= b["start"]  # the second notebook began only after the first had ended
    assert (site / "index.html").read_text() == "previous site"
    assert sorted(p.name for p in (tmp_path / "build").iterdir() if not p.name.startswith(".lock")) == ["site"]


def test_building_never_writes_into_the_notebooks_it_reads_or_data(tmp_path, caplog, state_of):
    """The build reads the folder of notebooks it is given (here a copy) and data/: neither
    gains, loses or changes a file, a folder or a mode."""
    folder = tmp_path / "nb"
    folder.mkdir()
    # a notebook of its own (the collection's link to their neighbours, absent here): prose,
    # a chart of the fact base, a table
    _notebook(folder, "00_a", "import matplotlib.pyplot as plt\nimport zhongyuan as zy\n"
              "from zhongyuan import charts\nzy.use_house_style()",
              "fig = charts.tiles(['households_rehoused', 'elevators_added'], 'Housing', LANG)\nplt.show()",
              "charts.fact_table(ids=['budget_revenue'], lang=LANG)")
    before = (state_of(folder), state_of(ROOT / "notebooks"), state_of(ROOT / "data"))
    run.build(langs=("en",), out=tmp_path / "build", jobs=1, folder=folder)
    assert (state_of(folder), state_of(ROOT / "notebooks"), state_of(ROOT / "data")) == before
    # and the main job logs no warnings for the user to wonder about (slides included)
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# -- make test never writes into notebooks/ or data/ (the guard in conftest.py) ---------------

FAULTS = {
    "a changed file": lambda d: (d / "data" / "facts.csv").write_text("id\nchanged\n"),
    "a new file": lambda d: (d / "data" / "new.csv").write_text("id\n"),
    "a checkpoint": lambda d: ((d / "notebooks" / ".ipynb_checkpoints").mkdir(),
                               (d / "notebooks" / ".ipynb_checkpoints" / "00-checkpoint.ipynb").write_text("{}")),
    "an empty folder": lambda d: (d / "data" / "empty").mkdir(),
    "a mode": lambda d: (d / "data" / "facts.csv").chmod(0o600),
    "a removed file": lambda d: (d / "notebooks" / "00.ipynb").unlink(),
}


def _project(root: Path) -> Path:
    """A small project beside this one: the real conftest.py (and the helper it imports), a
    data/ and a notebooks/."""
    (root / "tests").mkdir(parents=True)
    for name in ("conftest.py", "normal_user.py"):
        shutil.copy2(Path(__file__).parents[1] / name, root / "tests" / name)
    (root / "data").mkdir()
    (root / "data" / "facts.csv").write_text("id\nbudget_revenue\n")
    (root / "data" / "facts.csv").chmod(0o644)
    (root / "notebooks").mkdir()
    (root / "notebooks" / "00.ipynb").write_text("{}")
    return root


@pytest.mark.parametrize("fault", FAULTS)
def test_the_guard_sees_every_kind_of_write(tmp_path, fault, state_of):
    root = _project(tmp_path)
    before = {d: state_of(root / d) for d in ("data", "notebooks")}
    FAULTS[fault](root)
    assert {d: state_of(root / d) for d in ("data", "notebooks")} != before


def test_a_test_run_that_writes_into_data_fails(tmp_path):
    """The guard itself, in a pytest run of its own: a test makes a checkpoint folder; the
    run passes its tests and still fails, naming what was written."""
    root = _project(tmp_path)
    (root / "tests" / "test_writes.py").write_text(
        "from pathlib import Path\n"
        "def test_writes():\n"
        "    (Path(__file__).parents[1] / 'notebooks' / '.ipynb_checkpoints').mkdir()\n"
        "def test_reads():\n"
        "    assert (Path(__file__).parents[1] / 'data' / 'facts.csv').read_text()\n")
    out = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                          "--rootdir", str(root), "-c", os.devnull, str(root / "tests")],
                         capture_output=True, text=True, cwd=root,
                         env=os.environ | {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})  # only pytest's own
    assert "2 passed" in out.stdout, out.stdout[-2000:]
    assert out.returncode == 1, out.stdout[-2000:]
    assert "wrote into notebooks/" in out.stdout and "added .ipynb_checkpoints" in out.stdout


# -- no network --------------------------------------------------------------------------------

@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_the_tests_have_no_network():
    """pytest-socket (make test passes --allow-hosts): only loopback may be reached."""
    from pytest_socket import SocketConnectBlockedError

    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("203.0.113.1", 80), timeout=1)  # TEST-NET-3: never routed anyway


def _unshare() -> list[str] | None:
    for cmd in (["unshare", "-n"], ["unshare", "-rn"]):
        if shutil.which("unshare") and subprocess.run(cmd + ["true"], capture_output=True).returncode == 0:
            return cmd
    return None


def test_a_notebook_runs_with_no_network_at_all():
    """In a network namespace of its own (not even loopback is up) the overview still runs.
    Skipped where no namespace can be made, except in CI (CI=true), where that is an error."""
    if _unshare() is None:
        message = "no network namespace can be made on this machine (unshare -n and -rn refused)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}: in CI this test must run")
        pytest.skip(message)
    code = ("from pathlib import Path; from zhongyuan.build.execute import execute; "
            "nb = execute(Path('notebooks/00_overview.ipynb'), LANG='zh'); "
            "assert not [o for c in nb.cells for o in c.get('outputs', []) if o['output_type'] == 'error']; "
            "print('ran', sum(c.cell_type == 'code' for c in nb.cells))")
    out = subprocess.run(_unshare() + [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ran ")


# -- fonts -------------------------------------------------------------------------------------

def test_charts_apply_the_house_font_even_if_nobody_asked(monkeypatch):
    """A notebook that forgot zy.use_house_style() still gets Chinese, not boxes."""
    import matplotlib.pyplot as plt

    from zhongyuan.present import charts
    matplotlib.rcdefaults()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = charts.tiles(["households_rehoused", "elevators_added"], "住房", "zh")
        fig.canvas.draw()
    plt.close(fig)
