"""environment.yml (conda) and pyproject.toml (pip) declare the same dependencies."""
from __future__ import annotations

import re
import tomllib

import yaml

from zhongyuan.paths import ROOT


def _norm(spec: str) -> tuple[str, str]:
    spec = spec.split("#")[0].strip().replace(" ", "")
    name, rest = re.match(r"([A-Za-z0-9_.\-]+)(.*)", spec).groups()
    return name.lower().replace("_", "-"), rest


def test_conda_and_pip_dependencies_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_deps = {_norm(d) for d in project["dependencies"]}
    pip_deps |= {_norm(d) for d in project["optional-dependencies"]["test"]}

    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, nested = [], []
    for dep in env["dependencies"]:
        (nested if isinstance(dep, dict) else conda).extend(dep["pip"] if isinstance(dep, dict) else [dep])
    conda_deps = {_norm(d) for d in conda + nested if not d.startswith("-e")}
    conda_deps = {d for d in conda_deps if d[0] not in ("python", "pip")}

    assert conda_deps == pip_deps, (
        f"only in environment.yml: {sorted(conda_deps - pip_deps)}; "
        f"only in pyproject.toml: {sorted(pip_deps - conda_deps)}")
    assert any(d.startswith("-e") for d in nested), "environment.yml must install the project itself"
    python = next(d for d in conda if d.startswith("python"))
    assert python.replace(" ", "") == f"python{project['requires-python']}"
