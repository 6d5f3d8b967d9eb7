"""The class pack: one zip per edition with what a class needs to run the notebooks on its
own machines, in the edition's language: the student copies, the data, the package as a
wheel, requirements.txt (the wheel, JupyterLab, and the versions the site was built with)
and a README that says how, in one command."""
from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

import nbformat

from ..factbase.paths import data_dir
from .wheel import wheel

TEMPLATES = Path(__file__).parent / "templates"
_STAMP = (2024, 12, 30, 0, 0, 0)  # every entry's time: the same bytes for the same contents


@functools.cache  # reading every package's metadata takes 0.4 s; site.prepare reads it early
def constraints() -> str:
    """Every package of the environment that built the site, at its version: installing
    with these gets what the site's outputs were made with (uv.lock's versions). A version
    that needs a newer Python than a student may have (soupsieve 4.1.3 needs 3.11.5; Debian
    12's is 3.11.2) is pinned for those Pythons only, by its own Requires-Python: elsewhere
    pip picks the newest that installs."""
    from importlib.metadata import distributions

    pins = {d.metadata["Name"].lower(): (d.version, d.metadata.get("Requires-Python"))
            for d in distributions() if d.metadata["Name"]}
    pins.pop("zhongyuan", None)
    return "".join(f"{name}=={version}{_marker(needs)}\n" for name, (version, needs) in sorted(pins.items()))


def _marker(requires_python: str | None) -> str:
    """' ; python_full_version >= "3.11.5"' for a Requires-Python of '>=3.11.5' (nothing for none)."""
    from packaging.specifiers import SpecifierSet

    if not requires_python:
        return ""
    try:
        specs = SpecifierSet(requires_python)
    except ValueError:  # a malformed field (old packages have some): no marker, as pip would
        return ""
    return " ; " + " and ".join(f'python_full_version {s.operator} "{s.version}"' for s in specs) if specs else ""


def _in_pack(path) -> bytes:
    """A data file for the pack: a note's links out of data/ (to the project's docs/, which
    the pack does not hold) become plain words naming the file in the project."""
    if path.suffix != ".md":
        return path.read_bytes()
    text = path.read_text(encoding="utf-8")
    return re.sub(r"\[([^\]]+)\]\((?:\.\./)+([^)]+)\)", r"\1 (in the project's repository: \2)", text).encode()


def class_pack(lang: str, students: dict[str, nbformat.NotebookNode]) -> bytes:
    """The zip's bytes: README.md, requirements.txt, constraints.txt, the wheel, data/ and
    notebooks/, in one folder zhongyuan-class-pack-LANG; the same contents give the same
    bytes."""
    name, package = wheel()
    entries = {"README.md": (TEMPLATES / f"class_pack.{lang}.md").read_bytes(),
               name: package,
               "requirements.txt": (f"# pip install -r requirements.txt: the package, JupyterLab, and the versions\n"
                                    f"# the site was built with\n-c constraints.txt\n./{name}\njupyterlab\n").encode(),
               "constraints.txt": constraints().encode()}
    for path in sorted(data_dir().rglob("*")):
        if path.is_file():
            entries["data/" + str(path.relative_to(data_dir()))] = _in_pack(path)
    for name, nb in students.items():
        entries[f"notebooks/{name}"] = (nbformat.writes(nb) + "\n").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"zhongyuan-class-pack-{lang}/{name}", date_time=_STAMP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, entries[name])
    return out.getvalue()
