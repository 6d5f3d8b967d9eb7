"""Score zhongyuan.extract against the hand labels: per text and overall (issue 13).

    .venv/bin/python benchmarks/extract_eval.py [--errors] [--only NAME ...] [--exclude NAME ...]

Labels: data/facts.csv for this project's report (offsets in report.cleaned_text()), and
data/reports/NN_place.tsv for six real texts this project did not write. Recall and
precision are of (position, value, unit); qualifier, status and measure are accuracies over
the predictions that stand on a label; period over those whose label gives one (not *).
--errors lists every miss, extra and wrong attribute. --only keeps the texts named (the
overall row is then theirs), --exclude sets texts aside: how the leave-one-out scores of
docs/extractor.md were taken (rules written with one text excluded, then that text --only).
"""
from __future__ import annotations

import argparse

from zhongyuan.extract.score import score_all, table

FLOORS = {"recall": 0.95, "precision": 0.95, "qualifier": 0.95, "status": 0.9, "measure": 0.9,
          "period": 0.85}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="score only these texts (e.g. 12_pulandian)")
    parser.add_argument("--exclude", nargs="+", default=[], metavar="NAME", help="set these texts aside")
    args = parser.parse_args()
    scores = score_all(names=args.only, exclude=args.exclude)
    frame = table(scores)
    print(frame.to_string(float_format=lambda v: f"{v:.3f}"))
    below = [(text, k) for text, row in frame.iterrows() for k, floor in FLOORS.items()
             if row[k] < floor]
    print("floors:", ", ".join(f"{k} >= {v}" for k, v in FLOORS.items()),
          "-> all met" if not below else f"-> BELOW: {below}")
    if args.errors:
        for s in scores[:-1]:
            for g in s.misses:
                print(f"{s.name}: missed {g['needle']!r} ({g['value']:g}{g['unit']})")
            for p in s.extras:
                print(f"{s.name}: extra {p['number']}{p['unit']} in {p['quote']!r}")
            for a, g, p in s.wrong:
                print(f"{s.name}: {a} of {g['needle']!r} is {g[a]}, got {p[a]}")
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
