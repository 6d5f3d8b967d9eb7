"""The class pack of each edition, as a lecturer's students use it: unzipped into an empty
folder, its wheel installed into a fresh virtual environment, every student notebook run
from top to bottom in the edition's language.

Offline: the pack's own package is installed from its wheel (uv pip install --no-deps); the
packages it depends on are this environment's (a .pth file), the versions the pack's
constraints.txt pins. A student's `pip install -r requirements.txt` fetches those from PyPI.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import need

# Each notebook in a python3 kernel of the pack's environment, as JupyterLab starts one; forked
# warm from the pack's own package (zhongyuan.build.kernels), as make report's are.
RUN = """
import json, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient
from zhongyuan.build.kernels import AsyncWarmKernelManager
folder = Path(sys.argv[1])
for path in sorted(folder.glob("*.ipynb")):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=600, kernel_manager_class=AsyncWarmKernelManager,
                   resources={"metadata": {"path": str(folder)}}).execute()
    nbformat.write(nb, path)
    print(path.name, flush=True)
"""


def _uv() -> str:
    here = Path(sys.executable).parent / "uv"
    found = str(here) if here.exists() else shutil.which("uv")
    if not found:
        need("uv", "make setup installs it (or put uv on PATH)")
    return found


@pytest.fixture(scope="module", params=["en", "zh"])
def pack(request, built, tmp_path_factory):
    lang = request.param
    zips = list((built / lang).glob(f"_downloads/*/zhongyuan-class-pack-{lang}.zip"))
    assert len(zips) == 1, f"{lang}: the downloads hold {len(zips)} class packs"
    folder = tmp_path_factory.mktemp(f"pack-{lang}")
    with zipfile.ZipFile(zips[0]) as z:
        z.extractall(folder)
    root = folder / f"zhongyuan-class-pack-{lang}"
    venv = root / ".venv"
    subprocess.run([_uv(), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    ask = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", ask], capture_output=True, text=True,
                               check=True).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    wheel = next(root.glob("zhongyuan-*.whl"))
    subprocess.run([_uv(), "pip", "install", "--quiet", "--offline", "--no-deps", "--python",
                    str(venv / "bin" / "python"), str(wheel)], check=True)
    return lang, root


def test_the_pack_holds_what_its_readme_says(pack):
    lang, root = pack
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt" in readme and "jupyterlab notebooks/" in readme
    assert bool(re.search(r"[\u4e00-\u9fff]", readme)) == (lang == "zh")
    requirements = (root / "requirements.txt").read_text().splitlines()
    assert "-c constraints.txt" in requirements and any(r.endswith(".whl") for r in requirements)
    assert "pandas==" in (root / "constraints.txt").read_text()
    assert (root / "data" / "datapackage.json").exists() and (root / "data" / "reports").is_dir()
    names = sorted(p.name for p in (root / "notebooks").glob("*.ipynb"))
    assert names and names[0] == "00_overview.ipynb"


def test_every_student_notebook_runs_in_its_language_from_the_installed_wheel(pack):
    lang, root = pack
    python = root / ".venv" / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import zhongyuan; print(zhongyuan.__file__)"],
                           capture_output=True, text=True, check=True, cwd=root / "notebooks").stdout
    assert str(root / ".venv") in where, where  # the pack's wheel, not the project's checkout
    out = subprocess.run([str(python), "-c", RUN, str(root / "notebooks")], capture_output=True, text=True,
                         cwd=root / "notebooks")
    assert out.returncode == 0, out.stderr[-3000:]
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        params = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
        assert f'LANG = "{lang}"' in "".join(params["source"]), path.name
        said = "".join(json.dumps(o, ensure_ascii=False) for c in nb["cells"] for o in c.get("outputs", []))
        hanzi = len(re.findall(r"[\u4e00-\u9fff]", said))
        if lang == "zh":  # Chinese outputs: charts' words and tables in Chinese
            assert hanzi > 1000, f"{path.name}: {hanzi} hanzi in its outputs"
        exercises = [c for c in nb["cells"] if c["cell_type"] == "markdown" and "{exercise}" in "".join(c["source"])]
        assert not exercises, f"{path.name}: raw exercise markup"
        assert not any("solution" in c["metadata"].get("tags", []) for c in nb["cells"]), path.name
