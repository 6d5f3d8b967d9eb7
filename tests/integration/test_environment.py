"""The three descriptions of the environment agree: pyproject.toml (the ranges), uv.lock (the
exact versions make installs) and environment.yml (conda, pinned where outputs depend on it)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from zhongyuan.factbase.paths import ROOT

# Packages whose version changes what the notebooks print or draw (nbval compares the saved
# outputs): environment.yml pins each to the locked version. pylopdf-fonts-zh-cn is pinned in
# pyproject.toml as well.
PINS_THAT_MATTER = ("pandas", "matplotlib", "jieba", "pylopdf-fonts-zh-cn", "nbval")


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _lock() -> dict:
    return tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))


def _norm(spec: str) -> tuple[str, str]:
    spec = spec.split("#")[0].strip().replace(" ", "")
    name, rest = re.match(r"([A-Za-z0-9_.\-]+)(.*)", spec).groups()
    return canonicalize_name(name), rest


def _conda() -> tuple[list[str], list[str]]:
    """environment.yml's conda packages and its pip packages."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, nested = [], []
    for dep in env["dependencies"]:
        (nested if isinstance(dep, dict) else conda).extend(dep["pip"] if isinstance(dep, dict) else [dep])
    return conda, nested


def _locked_versions() -> dict[str, set[str]]:
    """Every package in uv.lock and its version(s): one, or one per Python range where the
    lock forks (numpy and Sphinx drop Python 3.11 in their newest releases)."""
    versions: dict[str, set[str]] = {}
    for package in _lock()["package"]:
        versions.setdefault(package["name"], set()).add(package.get("version"))
    return versions


def test_conda_and_pip_dependencies_agree():
    project = _project()["project"]
    pip_deps = dict(_norm(d) for d in project["dependencies"] + project["optional-dependencies"]["test"])
    conda, nested = _conda()
    conda_deps = dict(_norm(d) for d in conda + nested if not d.startswith("-e"))
    conda_deps = {n: s for n, s in conda_deps.items() if n not in ("python", "pip")}

    assert set(conda_deps) == set(pip_deps), (
        f"only in environment.yml: {sorted(set(conda_deps) - set(pip_deps))}; "
        f"only in pyproject.toml: {sorted(set(pip_deps) - set(conda_deps))}")
    for name, spec in conda_deps.items():  # a range, or a pin inside pyproject's range
        if spec.startswith("=="):
            assert Requirement(name + pip_deps[name]).specifier.contains(spec[2:]), (name, spec, pip_deps[name])
        else:
            assert spec == pip_deps[name], f"{name}: environment.yml {spec}, pyproject.toml {pip_deps[name]}"
    assert any(d.startswith("-e") for d in nested), "environment.yml must install the project itself"
    python = next(d for d in conda if d.startswith("python"))
    assert python.replace(" ", "") == f"python{project['requires-python']}"


def test_environment_yml_pins_what_changes_outputs_to_the_locked_versions():
    conda, nested = _conda()
    pinned = {n: s[2:] for n, s in (_norm(d) for d in conda + nested if not d.startswith("-e")) if s.startswith("==")}
    locked = _locked_versions()
    assert set(PINS_THAT_MATTER) <= set(pinned), f"not pinned in environment.yml: {set(PINS_THAT_MATTER) - set(pinned)}"
    for name, version in pinned.items():
        assert locked.get(name) == {version}, (
            f"environment.yml pins {name}=={version}, uv.lock has {sorted(locked.get(name, []))}: "
            "copy the locked version after `make lock`")


def _requirements(specs, extra: str | None = None) -> set[tuple[str, str, str]]:
    out = set()
    for spec in specs:
        req = Requirement(spec)
        out.add((canonicalize_name(req.name), str(req.specifier), extra or ""))
    return out


def test_the_lock_was_made_from_pyproject_as_it_is():
    """uv.lock records the requirements it was resolved from: they must be pyproject's own.
    (A dependency added or changed without `make lock` fails here, with the difference.)"""
    pyproject = _project()
    project = pyproject["project"]
    wanted = _requirements(project["dependencies"])
    for extra, specs in project.get("optional-dependencies", {}).items():
        wanted |= _requirements(specs, extra)
    for group, specs in pyproject.get("dependency-groups", {}).items():
        wanted |= _requirements(specs, "group:" + group)

    lock = _lock()
    ours = next(p for p in lock["package"] if p.get("source") == {"editable": "."})
    assert ours["name"] == canonicalize_name(project["name"])
    recorded = set()
    for r in ours["metadata"]["requires-dist"]:
        extra = re.fullmatch(r"extra == '([^']+)'", r.get("marker", ""))
        recorded.add((r["name"], str(Requirement(r["name"] + r.get("specifier", "")).specifier),
                      extra.group(1) if extra else ""))
    for group, specs in ours["metadata"].get("requires-dev", {}).items():
        recorded |= {(r["name"], str(Requirement(r["name"] + r.get("specifier", "")).specifier), "group:" + group)
                     for r in specs}
    assert recorded == wanted, (
        f"pyproject.toml and uv.lock disagree (run `make lock`): only in pyproject.toml "
        f"{sorted(wanted - recorded)}; only in uv.lock {sorted(recorded - wanted)}")
    assert lock["requires-python"] == project["requires-python"]


def test_the_lock_names_only_the_public_index():
    """Every locked package comes from PyPI (or is the project): a lock that named a local
    mirror (file:///...) would install nowhere else."""
    sources = {str(p.get("source")) for p in _lock()["package"]}
    assert sources <= {str({"registry": "https://pypi.org/simple"}), str({"editable": "."})}, sources


def test_make_bootstraps_the_locked_uv():
    """make installs uv with pip at the version pinned in the dev group: then `uv sync`
    finds uv at its locked version and leaves it in place."""
    group = _project()["dependency-groups"]["dev"]
    pin = next(Requirement(s) for s in group if Requirement(s).name == "uv")
    assert str(pin.specifier).startswith("=="), "pin uv exactly in the dev group"
    assert _locked_versions()["uv"] == {str(pin.specifier)[2:]}
    assert 'uv==$(UV_VERSION)' in (ROOT / "Makefile").read_text(encoding="utf-8")


def _uv() -> str | None:
    here = Path(sys.executable).parent / "uv"  # make installs it into .venv beside python
    return str(here) if here.exists() else shutil.which("uv")


@pytest.mark.skipif(_uv() is None, reason="uv is not installed (make installs it; pip users may not have it)")
def test_uv_itself_finds_the_lock_up_to_date(tmp_path):
    """The same question asked of uv, offline and with an empty cache (no network in tests)."""
    env = {**os.environ, "UV_CACHE_DIR": str(tmp_path / "cache"), "UV_OFFLINE": "1"}
    out = subprocess.run([_uv(), "lock", "--check", "--offline", "--project", str(ROOT)],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr


def test_the_locked_versions_are_installed():
    """What runs the tests is what uv.lock says (make syncs it), for the pins that matter."""
    from importlib.metadata import PackageNotFoundError, version

    locked = _locked_versions()
    for name in PINS_THAT_MATTER + ("numpy", "nbclient", "ipykernel"):
        try:
            installed = version(name)
        except PackageNotFoundError:
            pytest.fail(f"{name} is not installed")
        if str(Version(installed)) not in {str(Version(v)) for v in locked[name]}:
            if (Path(sys.prefix) / ".synced-stamp").exists():  # a venv that make set up
                pytest.fail(f"{name} {installed} installed, {sorted(locked[name])} locked: run make setup")
            pytest.skip(f"{name} {installed} installed, {sorted(locked[name])} locked: "
                        "not installed by make (pip install -e . takes the newest versions)")
