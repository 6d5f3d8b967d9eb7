"""The README's commands where users run them: as a normal user, with the Python the machine
already has, with or without a browser.

As root (CI), the tests make a user (`useradd`) and run as it (`runuser`); run by a normal
user, they run as that user. The set-up test is the one test that may reach the package
registry: it tests installing (a copy of this machine's uv cache serves what it can).
"""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from conftest import need
from zhongyuan.build import browser, pages, site
from zhongyuan.factbase.paths import ROOT

USER = "zy-tester"
SYSTEM_PYTHON = "/usr/bin/python3"


def _user() -> str:
    """A normal user to run as: the current one, or (as root) one made for the tests."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid()).pw_name
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--create-home", USER], check=True)
    return USER


def _as_user(cmd: list[str], cwd: Path, env: dict[str, str], hide: list[Path] = ()) -> subprocess.CompletedProcess:
    """cmd as the normal user, in a clean environment; `hide` puts /dev/null over each of
    those files for this command only (a mount namespace: root only)."""
    user = _user()
    home = Path(pwd.getpwnam(user).pw_dir)
    base = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):  # a machine whose registry needs its own CA
        if name in os.environ:
            base[name] = os.environ[name]
    base.update(env)
    run = ["env", "-i", *(f"{k}={v}" for k, v in base.items()), *cmd]
    if os.geteuid() == 0:
        run = ["runuser", "-u", user, "--", *run]
    if hide:
        mounts = " && ".join(f"mount --bind /dev/null {p}" for p in hide)
        run = ["unshare", "--mount", "sh", "-c", f'{mounts} && exec "$@"', "sh", *run]
    return subprocess.run(run, cwd=cwd, capture_output=True, text=True)


def _clean_clone(dest: Path) -> Path:
    """The project's files as a clone has them (tracked and new, not ignored), owned by the user."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    _give(dest)
    return dest


def _give(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{_user()}:", str(folder)], check=True)
        folder.chmod(0o755)
        for parent in folder.parents:  # the user must reach it
            if parent == Path("/"):
                break
            parent.chmod(parent.stat().st_mode | 0o111)


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
    if not Path(SYSTEM_PYTHON).exists():
        need("a system Python at /usr/bin/python3", "this test is for machines that have one")
    if subprocess.run([SYSTEM_PYTHON, "-m", "pip", "--version"], capture_output=True).returncode:
        need("the system Python's pip", "apt-get install python3-pip")
    return SYSTEM_PYTHON


def _runs_as_a_user():
    if os.geteuid() == 0 and not (shutil.which("useradd") and shutil.which("runuser")):
        need("useradd and runuser", "they come with Debian's passwd and util-linux")


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
    version = subprocess.run(["make", "-s", "-f", "-", "v"], input="include Makefile\nv:\n\t@echo $(UV_VERSION)\n",
                             cwd=project, capture_output=True, text=True).stdout.strip()
    wheels = _fake_uv_wheel(tmp_path / "wheels", version)
    _give(tmp_path)
    out = _as_user(["make", ".venv/bin/uv", f"PYTHON={python}"], project,
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
    _give(tmp_path)
    python = SYSTEM_PYTHON if Path(SYSTEM_PYTHON).exists() else sys.executable
    out = _as_user(["make", "setup", f"PYTHON={python}"], project,
                   {"PATH": f"{tools}:/usr/local/bin:/usr/bin:/bin"})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "installing uv" not in out.stdout and not (project / ".venv" / "bin" / "uv").exists()
    calls = (tmp_path / "uv-calls").read_text()
    assert calls.startswith("sync --locked --extra test") and "--no-dev" in calls, calls


def test_set_up_and_the_main_job_as_a_normal_user_with_the_system_python_and_no_browser(tmp_path):
    """The README's first command in a clean clone, as a normal user, with the system Python,
    on a machine where no browser can be found: it sets up, builds the site, the decks and
    the data, says in one line that the handout was skipped and how to get it, and ends 0."""
    _runs_as_a_user()
    python = _system_python_with_pip()
    found = [p for p in (browser.find(),) if p] + [Path(p) for p in browser.MAC_APPS if Path(p).exists()]
    if found and os.geteuid() != 0:
        pytest.skip("hiding the browser needs a mount namespace (root)")
    clone = _clean_clone(tmp_path / "clone with spaces 中文")
    env = {}
    cache = subprocess.run([str(Path(sys.executable).parent / "uv"), "cache", "dir"], capture_output=True, text=True)
    if cache.returncode == 0 and Path(cache.stdout.strip()).is_dir() and os.geteuid() == 0:
        # this machine's uv cache as the user's own (archives hard-linked): only what the
        # system Python needs and this machine never downloaded comes from the registry
        mine = tmp_path / "uv-cache"
        mine.mkdir()
        for item in Path(cache.stdout.strip()).iterdir():
            if item.name == "archive-v0":
                subprocess.run(["cp", "-al", str(item), str(mine)], check=True)
            elif item.is_dir():
                shutil.copytree(item, mine / item.name, symlinks=True)
            else:
                shutil.copy2(item, mine / item.name)
        subprocess.run(["find", str(mine), "-type", "d", "-exec", "chown", f"{_user()}:", "{}", "+"], check=True)
        for item in mine.iterdir():
            if item.name != "archive-v0":
                subprocess.run(["chown", "-R", f"{_user()}:", str(item)], check=True)
        env["UV_CACHE_DIR"] = str(mine)
    out = _as_user(["make", "report", f"PYTHON={python}"], clone, env, hide=[p for p in found if p.exists()])
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-3000:]
    assert "apt-get update" not in log and "sudo:" not in log  # make report never installs system packages
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
    _give(broken)
    try:
        out = subprocess.run(["runuser", "-u", _user(), "--"] * (os.geteuid() == 0) + [
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
