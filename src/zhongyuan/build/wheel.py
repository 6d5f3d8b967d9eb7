"""The package as a wheel, for the class pack: pure Python, so it is a zip of src/zhongyuan/
and its metadata (PEP 427), made here without a build backend (no download, the same bytes
for the same sources). `pip install` then needs nothing but the wheel and the index."""
from __future__ import annotations

import base64
import hashlib
import io
import tomllib
import zipfile

from ..factbase.paths import ROOT

_STAMP = (2024, 12, 30, 0, 0, 0)
_SKIP = ("__pycache__", ".egg-info")


def wheel() -> tuple[str, bytes]:
    """(file name, bytes) of the wheel of the package as it is in src/."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name, version = project["name"], project["version"]
    info = f"{name}-{version}.dist-info"
    files = {}
    for path in sorted((ROOT / "src" / name).rglob("*")):
        if path.is_file() and not any(p.endswith(_SKIP) for p in path.relative_to(ROOT).parts):
            files[str(path.relative_to(ROOT / "src"))] = path.read_bytes()
    metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
                f"Summary: {project['description']}", f"Requires-Python: {project['requires-python']}"]
    metadata += [f"Requires-Dist: {req}" for req in project["dependencies"]]
    files[f"{info}/METADATA"] = ("\n".join(metadata) + "\n").encode()
    files[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: zhongyuan.build.wheel\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    record = "".join(f"{path},sha256={_b64(hashlib.sha256(data).digest())},{len(data)}\n"
                     for path, data in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files.items():
            entry = zipfile.ZipInfo(path, date_time=_STAMP)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(entry, data)
    return f"{name}-{version}-py3-none-any.whl", out.getvalue()


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
