"""make bench: the collection's performance promises, measured in one run on this machine.

Each ratio is printed with its parts and its target. Run on demand (several minutes), not
in make test: `make bench`, or .venv/bin/python benchmarks/bench.py [--quick] (--quick skips
the slowest measurements: the test suite and make report, serial against parallel).
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

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
from zhongyuan.numerals import ARABIC  # installed by make setup (pip install -e .)
from zhongyuan.run import execute, notebook_paths
from zhongyuan.site import draws_chart

RESULTS: list[tuple[str, float, str, str, bool]] = []


def report(name: str, ratio: float, target: str, parts: str, ok: bool) -> None:
    RESULTS.append((name, ratio, target, parts, ok))
    print(f"{name:<28} {ratio:6.2f}  target {target:<8} {'met' if ok else 'NOT MET':<8} {parts}", flush=True)


def wall(cmd: list[str], env: dict | None = None) -> float:
    return timed(cmd, env)[0]


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, cores busy): the machine's CPU time over the run (from /proc/stat, so
    kernels, build workers and the browser all count) divided by its wall time."""
    before = _cpu_ticks()
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


FLOOR = ["import pandas, matplotlib.pyplot"]  # a kernel start plus these imports

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
    code = ("import time, zhongyuan, zhongyuan.load; t = time.perf_counter(); zhongyuan.load_facts(); "
            "print(time.perf_counter() - t)")
    env = {**os.environ, **({"ZHONGYUAN_DATA": str(folder)} if folder else {})}
    runs = [float(subprocess.run([PY, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                                 check=True).stdout) for _ in range(n)]
    return statistics.median(runs)


# -- main --------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the test-suite and make-report timings")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}\n", flush=True)

    f, one_chart = run_cells(FLOOR), chart_seconds()
    notebooks = notebook_paths()
    serial, in_charts, charts = serial_notebooks()
    n = len(notebooks)
    report("notebook overhead", serial / (n * f), "<= 1.5", f"{serial:.1f}s for {n} notebooks / ({n} x floor "
           f"{f:.2f}s); above the floor {serial - n * f:.1f}s, of which {in_charts:.1f}s in the {charts} cells "
           f"that draw a chart (a bare two-bar chart costs {one_chart:.2f}s)", serial / (n * f) <= 1.5)

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

    if args.quick:
        return 0 if all(r[4] for r in RESULTS) else 1

    with tempfile.TemporaryDirectory() as tmp:
        one, one_busy = timed([PY, "-m", "zhongyuan.run", "--out", f"{tmp}/a", "--jobs", "1"])
        many, many_busy = timed([PY, "-m", "zhongyuan.run", "--out", f"{tmp}/b"])
    report("make report parallel", one / many, ">= 1.6", f"--jobs 1 {one:.1f}s / --jobs {os.cpu_count()} "
           f"{many:.1f}s (cores busy: {one_busy:.2f}, {many_busy:.2f})", one / many >= 1.6)
    report("site build", many / serial, "<= 2.0", f"make report {many:.1f}s / serial notebooks {serial:.1f}s",
           many / serial <= 2.0)

    pytest = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
              "--nbval-sanitize-with", "tests/sanitize.cfg", "--allow-hosts=127.0.0.1,::1"]
    (s, s_busy), (p, p_busy) = timed(pytest), timed(pytest + ["-n", "auto", "--dist", "loadfile"])
    report("test suite parallel", s / p, ">= 1.6", f"serial {s:.1f}s / -n auto --dist loadfile {p:.1f}s "
           f"(cores busy: serial {s_busy:.2f}, parallel {p_busy:.2f} of {os.cpu_count()})", s / p >= 1.6)
    return 0 if all(r[4] for r in RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
