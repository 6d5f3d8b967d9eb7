"""make bench: the collection's performance promises, measured in one run on this machine.

Each ratio is printed with its parts and its target; a figure without a target is reported
only. Exits non-zero only when a target is missed. Run on demand (about 12 minutes), not
in make test: `make bench`, or .venv/bin/python benchmarks/bench.py [--quick] (--quick skips
the slowest measurements: cold set-up, make report and make test).

The machine is shared: other work on it moves every wall-clock figure, so each one is
printed with the cores busy during it (the whole machine's CPU time over the wall time).
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from zhongyuan.build import kernels
from zhongyuan.build.execute import execute  # installed by make setup (an editable install)
from zhongyuan.build.transforms import draws_chart
from zhongyuan.factbase.numerals import ARABIC
from zhongyuan.present.navigation import notebook_paths

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

RESULTS: list[tuple[str, float, str, str, bool | None]] = []

# Other benchmarks run after these ones, each as `python benchmarks/NAME`: their output is
# shown as it comes, and a non-zero exit counts as a missed target. (For the extractor:
# extract_eval.py, extract_scale.py: scores at their floors; throughput and growth.)
EXTRA_SCRIPTS: list[str] = ["extract_eval.py", "extract_scale.py"]


def report(name: str, ratio: float, target: str | None, parts: str, ok: bool | None = None) -> None:
    """One line of results; target None: a figure reported without a target (ok is None)."""
    RESULTS.append((name, ratio, target or "", parts, ok))
    verdict = "" if target is None else ("met" if ok else "NOT MET")
    print(f"{name:<28} {ratio:6.2f}  {'target ' + target if target else 'no target':<15} {verdict:<8} {parts}",
          flush=True)


def wall(cmd: list[str], env: dict | None = None) -> float:
    return timed(cmd, env)[0]


def timed(cmd: list[str], env: dict | None = None, cwd: Path = ROOT, check: bool = True,
          log: Path | None = None) -> tuple[float, float]:
    """(wall seconds, cores busy): the machine's CPU time over the run (from /proc/stat, so
    kernels, build workers and the browser all count) divided by its wall time. Its output
    goes to `log` if given, else nowhere."""
    before = _cpu_ticks()
    start = time.perf_counter()
    with open(log or os.devnull, "w") as out:
        done = subprocess.run(cmd, cwd=cwd, env={**os.environ, **(env or {})}, check=check,
                              stdout=out, stderr=subprocess.STDOUT)
    timed.returncode = done.returncode
    seconds = time.perf_counter() - start
    after = _cpu_ticks()
    busy, total = after[0] - before[0], after[1] - before[1]
    return seconds, (os.cpu_count() or 1) * busy / total


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot (Linux)."""
    ticks = [int(t) for t in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return sum(ticks) - idle, sum(ticks)


def median(fn, n: int) -> float:
    return statistics.median(fn() for _ in range(n))


# -- notebook overhead ------------------------------------------------------------------------

@contextlib.contextmanager
def probe(sources: list[str]):
    """A throwaway notebook of these code cells, in a temporary folder: its path."""
    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
        path = Path(tmp) / "probe.ipynb"
        nbformat.write(nb, path)
        yield path


def run_cells(sources: list[str], n: int = 5) -> float:
    """Median seconds to execute a notebook of these code cells, the way notebooks are run."""
    with probe(sources) as path:
        def once():
            start = time.perf_counter()
            execute(path)
            return time.perf_counter() - start
        once()  # warm the disk cache
        return median(once, n)


FLOOR = ["import pandas, matplotlib.pyplot"]  # a kernel start (forked warm) plus these imports

# The least a chart costs in our kernels: a titled two-bar chart in the house style, shown
# (drawn, laid out, encoded as PNG), timed inside the kernel; the median of five after one.
ONE_CHART = """import statistics, time
import matplotlib.pyplot as plt, zhongyuan as zy
zy.use_house_style()
seconds = []
for _ in range(6):
    start = time.perf_counter()
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("中原区")
    plt.show()
    seconds.append(time.perf_counter() - start)
print(statistics.median(seconds[1:]))"""


def chart_seconds() -> float:
    with probe([ONE_CHART]) as path:
        outputs = execute(path).cells[0].outputs
    return float(next(o["text"] for o in outputs if o.get("output_type") == "stream"))


def serial_notebooks() -> tuple[float, float, int]:
    """(seconds for every notebook, one after another; seconds spent in the cells that draw
    a chart, as the kernel timed them; how many such cells)."""
    from datetime import datetime

    def stamp(cell, key: str) -> float:
        return datetime.fromisoformat(cell.metadata["execution"][key].replace("Z", "+00:00")).timestamp()

    chart_seconds, charts = 0.0, 0
    start = time.perf_counter()
    for path in notebook_paths():
        for cell in execute(path, record_timing=True).cells:
            if draws_chart(cell):
                chart_seconds += stamp(cell, "shell.execute_reply") - stamp(cell, "iopub.execute_input")
                charts += 1
    return time.perf_counter() - start, chart_seconds, charts


# -- import and load ---------------------------------------------------------------------------

def import_and_load(n: int = 7) -> tuple[float, float, list[str]]:
    files = [str(ROOT / "data" / f) for f in ("facts.csv", "units.csv")]
    ours = median(lambda: wall([PY, "-c", "import zhongyuan; zhongyuan.load_facts()"]), n)
    bare = median(lambda: wall([PY, "-c", f"import pandas; [pandas.read_csv(f) for f in {files!r}]"]), n)
    eager = subprocess.run([PY, "-c", "import sys, zhongyuan; print(' '.join(m for m in "
                            "('jieba', 'sphinx', 'pylopdf_fonts_zh_cn', 'matplotlib') if m in sys.modules))"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return ours, bare, eager


# -- growth ------------------------------------------------------------------------------------

def synthetic_data(folder: Path, copies: int) -> int:
    """data/ with a report `copies` times as long and a fact table to match; returns rows.

    Every number of copy k gets decimals ending in a tag unique to k (47.6 -> 47.6000k5), so
    each copy's quotes are unique in the whole report, as the real ones are.
    """
    shutil.copytree(ROOT / "data", folder)
    meta = json.loads((ROOT / "data" / "report.json").read_text(encoding="utf-8"))
    raw = (ROOT / "data" / "report.txt").read_text(encoding="utf-8")
    keep = {meta["column_label"], meta["headline_zh"], meta["byline_zh"]}
    blocks = [b for b in raw.split("\n\n") if b.strip()]
    body = [b for b in blocks if b.strip() not in keep]

    def tag(text: str, k: int) -> str:
        mark = f"{k:04d}5"
        return ARABIC.sub(lambda m: m.group() + ("" if "." in m.group() else ".") + mark, text)

    parts = [meta["column_label"], meta["headline_zh"]]
    for k in range(copies):
        copy = "\n\n".join(tag(b, k) for b in body)
        parts.append(copy if k == 0 else copy.replace("宣讲宣讲", "宣讲"))  # the slip stands once
    parts.append(meta["byline_zh"])
    text = "\n\n".join(parts) + "\n"
    (folder / "report.txt").write_text(text, encoding="utf-8")
    data = text.encode("utf-8")
    meta.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    (folder / "report.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    with open(ROOT / "data" / "facts.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if ARABIC.search(r["quote"])]  # 百余项 has no copy tag
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for k in range(copies):
        for r in rows:
            writer.writerow({**r, "id": f"{r['id']}_{k}", "quote": tag(r["quote"], k), "value": tag(r["value"], k)})
    (folder / "facts.csv").write_text(out.getvalue(), encoding="utf-8")
    return len(rows) * copies


def load_seconds(folder: Path | None, n: int = 3) -> float:
    # imports first (pandas is the fixed cost of both sides): this times loading and validating
    code = ("import time, zhongyuan, zhongyuan.factbase.load; t = time.perf_counter(); zhongyuan.load_facts(); "
            "print(time.perf_counter() - t)")
    env = {**os.environ, **({"ZHONGYUAN_DATA": str(folder)} if folder else {})}
    runs = [float(subprocess.run([PY, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                                 check=True).stdout) for _ in range(n)]
    return statistics.median(runs)


# -- cold set-up: uv against pip -------------------------------------------------------------

def project_copy(folder: Path) -> Path:
    """What set-up reads: the Makefile, pyproject.toml, uv.lock, README.md (the package's
    readme) and src/."""
    folder.mkdir()
    for name in ("Makefile", "pyproject.toml", "uv.lock", "README.md"):
        shutil.copy2(ROOT / name, folder / name)
    shutil.copytree(ROOT / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return folder


def cold_setup(tmp: Path) -> tuple[tuple[float, float], tuple[float, float]]:
    """((uv seconds, cores busy), (pip seconds, cores busy)) to set up a fresh venv with every
    dependency, [test] included, from empty package caches.

    uv: `make setup` as a new user runs it (a venv, uv from the index with pip, then
    `uv sync --locked`). pip: a venv, then `pip install -e '.[test]'` (resolving as it goes).
    Both from the same machine and package index set-up; pip also reads this machine's local
    wheel mirrors (pip.conf), which uv does not."""
    caches = {"UV_CACHE_DIR": str(tmp / "uv-cache"), "PIP_CACHE_DIR": str(tmp / "pip-cache-uv")}
    uv = timed(["make", "setup", f"PYTHON={sys.base_prefix}/bin/python3"], caches, cwd=project_copy(tmp / "uv"))
    pip_project = project_copy(tmp / "pip")
    env = {"PIP_CACHE_DIR": str(tmp / "pip-cache")}
    before = _cpu_ticks()
    start = time.perf_counter()
    for cmd in ([f"{sys.base_prefix}/bin/python3", "-m", "venv", ".venv"],
                [".venv/bin/python", "-m", "pip", "install", "--quiet", "-e", ".[test]"]):
        subprocess.run(cmd, cwd=pip_project, env={**os.environ, **env}, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = _cpu_ticks()
    busy = (os.cpu_count() or 1) * (after[0] - before[0]) / (after[1] - before[1])
    return uv, (seconds, busy)


# -- make report: full, unchanged, one notebook edited ---------------------------------------

EDITS = 3


def report_runs(tmp: Path) -> dict:
    """Wall time and cores busy of `make report`'s build (python -m zhongyuan.build) on a copy
    of notebooks/ into a fresh build folder: full (--jobs 1, then one job per core, each from
    an empty cache), then again with nothing changed, then with one notebook edited; and the
    parts of each, from the build's own lines."""
    notebooks = tmp / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    run = [PY, "-m", "zhongyuan.build", "--notebooks", str(notebooks)]
    times, parts = {}, {}
    for name, args in (("serial", ["--out", str(tmp / "serial"), "--jobs", "1"]),
                       ("full", ["--out", str(tmp / "build")]), ("unchanged", ["--out", str(tmp / "build")])):
        times[name] = timed(run + args, log=tmp / f"{name}.log")
        parts[name] = build_parts((tmp / f"{name}.log").read_text(errors="replace"))
    # the same notebook edited three times over (a new line each time): an edit sits near its
    # target, and one run of it moved by half a second between runs
    edited = notebook_paths(notebooks)[len(notebook_paths(notebooks)) // 2]
    edits = []
    for k in range(EDITS):
        nb = json.loads(edited.read_text(encoding="utf-8"))
        code = next(c for c in reversed(nb["cells"]) if c["cell_type"] == "code")
        code["source"] = "".join(code["source"]) + f"\n# edited by make bench ({k + 1})"
        edited.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
        edits.append(timed(run + ["--out", str(tmp / "build")], log=tmp / f"edited-{k}.log"))
    times["edits"] = edits
    times["edited"] = sorted(edits)[len(edits) // 2]  # the median
    parts["edited"] = build_parts((tmp / f"edited-{edits.index(times['edited'])}.log").read_text(errors="replace"))
    times["edited_name"] = edited.name
    times["parts"] = parts
    return times


def build_parts(log: str) -> str:
    """What a build's time went to, from its lines: notebook runs (how many, their seconds
    added up), each edition's seconds, what each printed."""
    import re

    runs = [float(s) for s in re.findall(r"ran in ([\d.]+)s", log)]
    hits = log.count("cache hit")
    editions = re.findall(r"site: (\w+) edition (built in [\d.]+s|unchanged, reused)", log)
    printed = re.findall(r"site: (\w+) handout, (\d+ of \d+) parts printed", log)
    decks = re.findall(r"site: (\w+) exercise.*decks as PDF, (\d+ of \d+) printed", log)
    return (f"{len(runs)} runs ({sum(runs):.1f}s added up), {hits} from the cache; "
            + "; ".join(f"{lang} {how}" for lang, how in editions)
            + "".join(f"; {lang} handout parts printed {n}" for lang, n in printed)
            + "".join(f"; {lang} decks printed {n}" for lang, n in decks))


def _test_summary(log: str) -> str:
    """pytest's last line (1188 passed, 22 skipped in 170.2s) and the names of failed tests."""
    import re

    lines = log.splitlines()
    last = next((m.group(1) for line in reversed(lines) if (m := re.match(r"=+ (.+ in [\d.]+s.*?) =+$", line))), "")
    failed = [line.split()[1] for line in lines if line.startswith(("FAILED ", "ERROR "))]
    return last + (f"; failed: {', '.join(failed)}" if failed else "")


# -- main --------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip cold set-up, make report and make test")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}\n", flush=True)

    kernels.use(True)  # the notebooks run as a build's workers run them: forked warm
    f, one_chart = run_cells(FLOOR), chart_seconds()
    notebooks = notebook_paths()
    serial, in_charts, charts = serial_notebooks()
    n = len(notebooks)
    report("notebook overhead", serial / (n * f), None, f"{serial:.1f}s for {n} notebooks / ({n} x floor "
           f"{f:.2f}s); above the floor {serial - n * f:.1f}s, of which {in_charts:.1f}s in the {charts} cells "
           f"that draw a chart (a bare two-bar chart costs {one_chart:.2f}s)")

    ours, bare, eager = import_and_load()
    report("import and load", ours / bare, "<= 1.3",
           f"import zhongyuan + load_facts() {ours:.2f}s / import pandas + read_csv {bare:.2f}s; "
           f"imported eagerly: {eager or 'none of jieba, sphinx, the font, matplotlib'}",
           ours / bare <= 1.3 and not eager)

    with tempfile.TemporaryDirectory() as tmp:
        rows = synthetic_data(Path(tmp) / "data", 100)
        real_rows = len(open(ROOT / "data" / "facts.csv", encoding="utf-8").read().splitlines()) - 1
        big, small = load_seconds(Path(tmp) / "data"), load_seconds(None)
        ratio = (big / rows) / (small / real_rows)
        report("growth (per row, 100x)", ratio, "<= 1.2",
               f"{rows} rows {big:.2f}s vs {real_rows} rows {small:.3f}s "
               f"({1e3 * big / rows:.3f} vs {1e3 * small / real_rows:.3f} ms/row)", ratio <= 1.2)

    if not args.quick:
        with tempfile.TemporaryDirectory() as tmp:
            (uv, uv_busy), (pip, pip_busy) = cold_setup(Path(tmp))
        report("cold set-up uv / pip", uv / pip, "<= 0.25",
               f"make setup (venv, uv from the index, uv sync --locked) {uv:.1f}s / venv + pip install -e "
               f"'.[test]' {pip:.1f}s; fresh venvs, empty caches (cores busy: {uv_busy:.2f}, {pip_busy:.2f})",
               uv / pip <= 0.25)

        with tempfile.TemporaryDirectory() as tmp:
            t = report_runs(Path(tmp))
        (one, one_busy), (full, full_busy) = t["serial"], t["full"]
        (same, same_busy), (edit, edit_busy) = t["unchanged"], t["edited"]
        p = t["parts"]
        report("make report full (seconds)", full, "<= 60", f"--jobs {os.cpu_count()}, empty cache (cores busy "
               f"{full_busy:.2f}): {p['full']}", full <= 60)
        report("no-change make report", same / full, "<= 0.15",
               f"{same:.1f}s with nothing changed / {full:.1f}s full (cores busy: {same_busy:.2f}, {full_busy:.2f}); "
               f"{p['unchanged']}", same / full <= 0.15)
        report("one notebook edited", edit / full, "<= 0.15",
               f"{edit:.1f}s (the median of {', '.join(f'{e:.1f}' for e, _ in t['edits'])}) after an edit to "
               f"{t['edited_name']} / {full:.1f}s full (cores busy: {edit_busy:.2f}); "
               f"{p['edited']}", edit / full <= 0.15)
        report("make report parallel", one / full, ">= 1.6", f"--jobs 1 {one:.1f}s / --jobs {os.cpu_count()} "
               f"{full:.1f}s, both from an empty cache (cores busy: {one_busy:.2f}, {full_busy:.2f})",
               one / full >= 1.6)
        report("site build", full / serial, "<= 2.0", f"make report {full:.1f}s / serial notebooks {serial:.1f}s",
               full / serial <= 2.0)

        with tempfile.TemporaryDirectory() as tmp:
            log = Path(tmp) / "make-test.log"
            seconds, busy = timed(["make", "test"], check=False, log=log)
            summary = _test_summary(log.read_text(errors="replace"))
        report("make test (seconds)", seconds, "<= 180", f"wall time of the whole suite; cores busy {busy:.2f} of "
               f"{os.cpu_count()}; exit status {timed.returncode}: {summary}",
               seconds <= 180 and timed.returncode == 0)

    failed = [name for name, *_, ok in RESULTS if ok is False]
    for script in EXTRA_SCRIPTS:
        print(f"\n-- benchmarks/{script}", flush=True)
        if subprocess.run([PY, str(ROOT / "benchmarks" / script)], cwd=ROOT).returncode:
            failed.append(script)
    if failed:
        print(f"\nNOT MET: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
