"""What users will do wrong. Each case is read correctly where the intent is unambiguous,
or refused with a message naming the file, the line and the fault; nothing they made is lost.
(More refusals, one per kind of fault, are in test_bad_input.py.)"""
from __future__ import annotations

import hashlib
import logging
import re
import shutil
import socket
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import matplotlib
import nbformat
import pandas as pd
import pytest

import zhongyuan as zy
from zhongyuan import run
from zhongyuan.errors import DataError
from zhongyuan.paths import ROOT

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


def test_a_quoted_field_with_a_comma_is_one_field(original):
    assert original.loc["talent_introduced", "subject_en"].startswith("academicians, overseas PhDs")


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
    with pytest.raises(DataError, match=r"facts\.csv:11: 11 fields where the header has 14"):
        zy.load_facts()


def test_a_comma_left_unquoted(data_copy):
    _rewrite(data_copy / "facts.csv", lambda t: t.replace('"academicians, overseas PhDs', "academicians, overseas PhDs"))
    with pytest.raises(DataError, match=r"facts\.csv:\d+: 15 fields where the header has 14 \(an unquoted comma\?\)"):
        zy.load_facts()


def test_a_report_edited_by_hand_is_refused(data_copy):
    _rewrite(data_copy / "report.txt", lambda t: t.replace("12203户", "12230户"))
    with pytest.raises(DataError, match=r"report\.txt: SHA-256 is .* the report file was changed"):
        zy.load_facts()


def test_an_edit_right_after_a_load_is_seen(data_copy, original):
    """The caches' key notices an edit of the same length made within one clock tick of a
    load (the stat signature alone could not tell the two versions apart)."""
    assert zy.load_facts().equals(original)
    _rewrite(data_copy / "facts.csv", lambda t: t.replace(",general public budget revenue,",
                                                         ",General public budget revenue,"))
    assert zy.load_facts().set_index("id").loc["budget_revenue", "subject_en"] == "General public budget revenue"


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
    out = subprocess.run([sys.executable, "-m", "zhongyuan.run", "--notebooks", str(folder),
                          "--out", str(tmp_path / "build"), "--lang", "en"], capture_output=True, text=True)
    assert out.returncode == 1
    assert re.search(r"01_broken\.ipynb: cell 4 \('1 / 0'\) raised ZeroDivisionError", out.stderr), out.stderr
    assert "previous site" in out.stderr
    assert (site / "index.html").read_text() == "previous site"


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file() and ".ipynb_checkpoints" not in p.parts:
            digest.update(str(p.relative_to(folder)).encode())
            digest.update(p.read_bytes())
    return digest.hexdigest()


def test_two_builds_at_once_leave_one_whole_site(tmp_path):
    folder = tmp_path / "nb"
    folder.mkdir()
    _notebook(folder, "00_a", "print('a')")
    errors = []

    def build():
        try:
            run.build(langs=("en",), out=tmp_path / "build", jobs=1, folder=folder)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    built = tmp_path / "build"
    assert sorted(p.name for p in built.iterdir() if not p.name.startswith(".lock")) == ["site"]
    assert (built / "site" / "en" / "00_a.html").exists() and (built / "site" / "index.html").exists()


def test_building_never_writes_into_notebooks_or_data(tmp_path, caplog):
    before = (_tree_hash(ROOT / "notebooks"), _tree_hash(ROOT / "data"))
    folder = tmp_path / "nb"
    folder.mkdir()
    shutil.copy2(ROOT / "notebooks" / "00_overview.ipynb", folder)
    run.build(langs=("en",), out=tmp_path / "build", jobs=1, folder=folder)
    assert (_tree_hash(ROOT / "notebooks"), _tree_hash(ROOT / "data")) == before
    # and the main job logs no warnings for the user to wonder about (slides included)
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


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


@pytest.mark.skipif(_unshare() is None, reason="no network namespace can be made on this machine")
def test_a_notebook_runs_with_no_network_at_all():
    """In a network namespace of its own (not even loopback is up) the overview still runs."""
    code = ("from pathlib import Path; from zhongyuan.run import execute; "
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
    from zhongyuan import charts

    matplotlib.rcdefaults()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = charts.tiles(["households_rehoused", "elevators_added"], "住房", "zh")
        fig.canvas.draw()
    plt.close(fig)
