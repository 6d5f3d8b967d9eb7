"""The README's commands where users run them: as a normal user, with the Python the machine
already has, with or without a browser.

As root (CI), the tests make a user (`useradd`) and run as it (`runuser`); run by a normal
user, they run as that user (normal_user.py). The main job with a browser is the site every
test reads (the `built` fixture); its set-up and the one below without a browser are the
only steps that may reach the package registry: they test installing (a copy of this
machine's uv cache serves what it can).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

import normal_user
from conftest import MAIN_JOB_LOG, need
from zhongyuan.build import browser, pages, site
from zhongyuan.factbase.paths import ROOT
from zhongyuan.present import navigation


def _fake_uv_wheel(folder: Path, version: str) -> Path:
    """A wheel named uv whose one script answers like uv: what pip installs and where make
    must find it, without the index."""
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"uv-{version}-py3-none-any.whl"
    info = f"uv-{version}.dist-info"
    files = {f"uv-{version}.data/scripts/uv": f"#!/bin/sh\necho 'uv {version} (fake)'\n",
             f"{info}/METADATA": f"Metadata-Version: 2.1\nName: uv\nVersion: {version}\n",
             f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    files[f"{info}/RECORD"] = "".join(f"{n},,\n" for n in files) + f"{info}/RECORD,,\n"
    with zipfile.ZipFile(wheel, "w") as z:
        for name, text in files.items():
            info_ = zipfile.ZipInfo(name)
            info_.external_attr = 0o100755 << 16  # a regular file, executable
            z.writestr(info_, text)
    return folder


def _system_python_with_pip() -> str:
    lacking = normal_user.missing()
    if lacking:
        need(lacking, "this test is for machines that have it")
    return normal_user.SYSTEM_PYTHON


def _runs_as_a_user():
    lacking = normal_user.cannot_switch()
    if lacking:
        need(lacking, "the tests run as root make a user and run as it")


# -- set-up --------------------------------------------------------------------------------------

def test_make_finds_the_uv_that_the_system_pythons_pip_installs(tmp_path):
    """Debian's pip given --prefix writes scripts to .venv/local/bin, where make never looked;
    with no uv anywhere, make installs it and finds it, as a normal user, offline (a wheel of
    our own in a local folder stands in for PyPI's)."""
    _runs_as_a_user()
    python = _system_python_with_pip()
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    # --no-print-directory: under another make (make bench runs make test) make would print
    # "Entering directory" around the version, which then named a wheel that was never made
    version = subprocess.run(["make", "-s", "--no-print-directory", "-f", "-", "v"],
                             input="include Makefile\nv:\n\t@echo $(UV_VERSION)\n",
                             cwd=project, capture_output=True, text=True).stdout.strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    wheels = _fake_uv_wheel(tmp_path / "wheels", version)
    normal_user.give(tmp_path)
    out = normal_user.as_user(["make", ".venv/bin/uv", f"PYTHON={python}"], project,
                   {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels), "PIP_CONFIG_FILE": "/dev/null"})
    assert out.returncode == 0, out.stdout + out.stderr
    answer = subprocess.run([str(project / ".venv" / "bin" / "uv")], capture_output=True, text=True).stdout
    assert answer == f"uv {version} (fake)\n"


def test_a_uv_on_path_is_used_as_is_and_no_uv_is_installed(tmp_path):
    _runs_as_a_user()
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "pyproject.toml", "uv.lock"):
        shutil.copy2(ROOT / name, project / name)
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "uv").write_text(f"#!/bin/sh\necho \"$@\" >> {tmp_path}/uv-calls\n")
    (tools / "uv").chmod(0o755)
    normal_user.give(tmp_path)
    python = normal_user.SYSTEM_PYTHON if Path(normal_user.SYSTEM_PYTHON).exists() else sys.executable
    out = normal_user.as_user(["make", "setup", f"PYTHON={python}"], project,
                   {"PATH": f"{tools}:/usr/local/bin:/usr/bin:/bin"})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "installing uv" not in out.stdout and not (project / ".venv" / "bin" / "uv").exists()
    calls = (tmp_path / "uv-calls").read_text()
    assert calls.startswith("sync --locked --extra test") and "--no-dev" in calls, calls


def _main_job(built: Path) -> tuple[Path, str]:
    """The clean clone the `built` fixture ran the main job in, and what it printed."""
    clone = built.parent.parent
    if clone.name != normal_user.CLONE:
        need(normal_user.missing() or "the main job as a normal user", "the site was built in-process")
    return clone, (clone.parent / MAIN_JOB_LOG).read_text(encoding="utf-8")


def test_set_up_and_the_main_job_as_a_normal_user_with_the_system_python_print_every_pdf(built):
    """The README's first command in a clean clone (a path with spaces and hanzi), as a
    normal user, with the system Python and the machine's browser: the site every other
    test reads (the `built` fixture), with every PDF, and no word of a skip."""
    clone, log = _main_job(built)
    assert log.startswith("exit 0\n") and "Done. Open" in log, log[-3000:]
    assert "apt-get update" not in log and "sudo:" not in log  # make report never installs system packages
    assert "skipped" not in log, log[-3000:]
    for lang in ("en", "zh"):
        assert re.search(rf"^site: {lang} handout, (\d+) of \1 parts printed$", log, re.M), log[-3000:]
        for pdf in ("handout.pdf", "brief.pdf", "exercises.pdf", "answers.pdf"):
            assert (built / lang / pdf).stat().st_size > 10_000, f"{lang}/{pdf}"


def test_set_up_and_the_main_job_as_a_normal_user_with_the_system_python_and_no_browser(built, tmp_path):
    """The README's first command in another clean clone, as a normal user, with the system
    Python, on a machine where no browser can be found: it sets up, builds the site, the decks
    and the data, says in one line that the handout was skipped and how to get it, and ends 0.
    The notebooks' runs are taken from the first clone's cache (they ran there, as this user,
    with this Python: the test above); the editions are built afresh, without a browser."""
    _runs_as_a_user()
    _system_python_with_pip()
    found = [p for p in (browser.find(),) if p] + [Path(p) for p in browser.MAC_APPS if Path(p).exists()]
    if found and os.geteuid() != 0:
        pytest.skip("hiding the browser needs a mount namespace (root)")
    first, _ = _main_job(built)
    clone = normal_user.clean_clone(tmp_path / "another clone")
    shutil.copytree(first / "build" / "cache", clone / "build" / "cache",
                    ignore=lambda folder, names: [n for n in names if not n.endswith(".ipynb")])
    normal_user.give(clone)
    env = normal_user.uv_cache(first.parent / "uv-cache")
    out = normal_user.main_job(clone, env, hide=[p for p in found if p.exists()])
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-3000:]
    assert "apt-get update" not in log and "sudo:" not in log  # make report never installs system packages
    runs = re.findall(r"^\[\d+/\d+\] (en|zh) \S+\.ipynb: (.*)$", log, re.M)
    assert len(runs) == 2 * len(navigation.notebook_paths()) and {r for _, r in runs} == {"cache hit"}, log[-3000:]
    skipped = [line for line in log.splitlines() if line.startswith("The PDF handout was skipped")]
    assert len(skipped) == 1 and "playwright install chromium" in skipped[0], log[-2000:]
    built = clone / "build" / "site"
    assert (built / "index.html").exists()
    for lang in ("en", "zh"):
        assert (built / lang / "index.html").exists() and (built / lang / "slides" / "index.html").exists()
        assert not (built / lang / "handout.pdf").exists()
        downloads = (built / lang / "downloads.html").read_text(encoding="utf-8")
        assert 'href="handout.pdf"' not in downloads
        assert pages.TEXT["no_handout"][lang].split("`")[0].strip() in downloads

    # A notebook that fails, with this Python: an error and exit 1, not a hang. (Debian's
    # Python 3.11.2 waited for ever on runs queued for the killed workers, when they were
    # large enough to fill the pipe.)
    broken = tmp_path / "broken"
    broken.mkdir()
    for k in range(6):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell('LANG = "en"', metadata={"tags": ["parameters"]}),
                    nbformat.v4.new_code_cell("1 / 0" if k == 3 else "x = 1"),
                    nbformat.v4.new_markdown_cell("a long page " * 40_000)]
        nbformat.write(nb, broken / f"0{k}_n.ipynb")
    normal_user.give(broken)
    try:
        out = subprocess.run(["runuser", "-u", normal_user.user(), "--"] * (os.geteuid() == 0) + [
            "env", "-i", "HOME=/tmp", "PATH=/usr/bin:/bin", str(clone / ".venv" / "bin" / "python"), "-m",
            "zhongyuan.build.run", "--notebooks", str(broken), "--out", str(broken / "build")],
            cwd=broken, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("make report hung after a notebook failed")
    assert out.returncode == 1 and "03_n.ipynb: cell 2 ('1 / 0') raised ZeroDivisionError" in out.stderr, out.stderr


# -- the browser ---------------------------------------------------------------------------------

def test_the_browser_named_by_the_setting_comes_first(tmp_path, monkeypatch):
    named = tmp_path / "my-chrome"
    named.write_text("#!/bin/sh\n")
    named.chmod(0o755)
    monkeypatch.setenv(browser.SETTING, str(named))
    assert browser.find() == named
    monkeypatch.setenv(browser.SETTING, str(tmp_path / "no-such-browser"))
    with pytest.raises(browser.BrowserSettingError, match="no-such-browser"):
        browser.find()


def test_then_the_systems_chromium_or_chrome(tmp_path, monkeypatch):
    monkeypatch.delenv(browser.SETTING, raising=False)
    (tmp_path / "google-chrome").write_text("#!/bin/sh\n")
    (tmp_path / "google-chrome").chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert browser.find() == tmp_path / "google-chrome"


def _hide_every_browser(monkeypatch, tmp_path):
    monkeypatch.delenv(browser.SETTING, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(browser, "MAC_APPS", ())
    monkeypatch.setattr(browser, "_playwrights_own", lambda: None)


def _executed(title: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"),
                nbformat.v4.new_code_cell("print(1)", execution_count=1,
                                          outputs=[nbformat.v4.new_output("stream", name="stdout", text="1\n")])]
    return nb


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_with_no_browser_an_edition_is_built_without_its_handout_and_says_so(tmp_path, monkeypatch, capsys, lang):
    _hide_every_browser(monkeypatch, tmp_path / "empty")
    assert browser.find() is None
    site.build_edition(lang, {"00_a.ipynb": _executed("A")}, tmp_path / "work", tmp_path / "out")
    built = tmp_path / "out" / lang
    assert (built / "index.html").exists() and (built / "slides" / "00_a.slides.html").exists()
    assert not (built / "handout.pdf").exists()
    downloads = (built / "downloads.html").read_text(encoding="utf-8")
    assert 'href="handout.pdf"' not in downloads
    assert pages.TEXT["no_handout"][lang].split("`")[0].strip() in downloads
    assert f"site: {lang} handout skipped (no browser)" in capsys.readouterr().out
