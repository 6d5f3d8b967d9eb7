"""Throughput of zhongyuan.extract on a corpus of reports, on both cores, and how time grows.

    .venv/bin/python benchmarks/extract_scale.py [--reports 10000] [--jobs 2]

The corpus is made from the texts we have (this report, cleaned, and the six labelled
texts of data/reports): each report is paragraphs drawn at random from them until it is about 6,700
characters long (600 MB of UTF-8 over 30,000 reports: a national corpus of county reports,
3,000 counties x 10 years), with every Arabic figure but the years redrawn so no two
reports are alike. Each worker makes its own reports from their numbers (no text crosses a
pipe) and times only the extraction.

Printed: characters per second overall (wall clock) and per core (CPU time in the workers),
for a tenth of the corpus and for the whole, and the growth ratio: CPU time per character at
10x the corpus over CPU time per character at 1x (the target is <= 1.2: linear), and the same
by wall time, which also moves with the machine's other load.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import time
from multiprocessing import get_context

REPORT_CHARS = 600e6 / 3 / 30_000  # UTF-8 Chinese: about 3 bytes a character
_PARAGRAPHS: list[str] = []


def _paragraphs() -> list[str]:
    from zhongyuan.extract.score import LABELLED
    from zhongyuan.factbase import report

    texts = [report.cleaned_text()] + [p.read_text(encoding="utf-8") for p in sorted(LABELLED.glob("*.txt"))]
    return [p.strip() for t in texts for p in re.split(r"\n+", t) if len(p.strip()) > 20]


def make_report(i: int, paragraphs: list[str]) -> str:
    """Report number i: the same for every run and every worker."""
    rng = random.Random(i)
    parts, size = [], 0
    while size < REPORT_CHARS:
        p = rng.choice(paragraphs)
        p = re.sub(r"\d+(?!\d*年)", lambda m: str(rng.randint(10 ** (len(m.group()) - 1), 10 ** len(m.group()) - 1)), p)
        parts.append(p)
        size += len(p) + 1
    return "\n".join(parts)


def _init() -> None:
    global _PARAGRAPHS
    _PARAGRAPHS = _paragraphs()
    from zhongyuan.extract import quantities
    quantities("全县完成生产总值56.7亿元,增长两个百分点。", 2024)  # imports (cn2an) before timing


def _work(bounds: tuple[int, int]) -> tuple[int, int, float, float]:
    """(characters, quantities, wall seconds, CPU seconds) of extracting reports [a, b)."""
    from zhongyuan.extract import quantities

    chars = found = 0
    wall = cpu = 0.0
    for i in range(*bounds):
        text = make_report(i, _PARAGRAPHS)
        w, c = time.perf_counter(), time.process_time()
        found += len(quantities(text, 2024))
        wall += time.perf_counter() - w
        cpu += time.process_time() - c
        chars += len(text)
    return chars, found, wall, cpu


def run(reports: int, jobs: int, pool) -> dict:
    step = 50
    chunks = [(a, min(a + step, reports)) for a in range(0, reports, step)]
    start = time.perf_counter()
    results = list(pool.imap_unordered(_work, chunks))
    wall = time.perf_counter() - start
    chars = sum(r[0] for r in results)
    cpu = sum(r[3] for r in results)
    return {"reports": reports, "chars": chars, "quantities": sum(r[1] for r in results),
            "wall_s": wall, "cpu_s": cpu, "chars_per_s": chars / wall, "chars_per_cpu_s": chars / cpu}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    with get_context("fork").Pool(args.jobs, initializer=_init) as pool:
        run(min(200, args.reports // 10), args.jobs, pool)  # warm-up: workers started, caches filled
        small = run(args.reports // 10, args.jobs, pool)
        full = run(args.reports, args.jobs, pool)
    for r in (small, full):
        print(f"{r['reports']:>6} reports, {r['chars'] / 1e6:6.1f} M characters, {r['quantities']:>8} quantities: "
              f"{r['wall_s']:6.1f} s wall on {args.jobs} cores = {r['chars_per_s'] / 1e3:6.0f} k chars/s; "
              f"{r['chars_per_cpu_s'] / 1e3:6.0f} k chars per CPU-second (one core)")
    # CPU time is the measure of growth: wall time also moves with whatever else the shared
    # machine runs meanwhile. Both are printed.
    growth = (full["cpu_s"] / full["chars"]) / (small["cpu_s"] / small["chars"])
    growth_wall = (full["wall_s"] / full["chars"]) / (small["wall_s"] / small["chars"])
    print(f"growth ratio (CPU time per character, {args.reports} reports / {args.reports // 10}): {growth:.2f} "
          f"(target <= 1.2) {'met' if growth <= 1.2 else 'NOT MET'}; by wall time {growth_wall:.2f}")
    national = 600e6 / 3
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"national corpus (~600 MB, ~{national / 1e6:.0f} M characters) at this rate: "
          f"{national / full['chars_per_s'] / 60:.0f} min on {args.jobs} cores")
    return 0 if growth <= 1.2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
