"""python -m zhongyuan.extract FILE... [--year Y] [-o OUT] [--as-package DIR]

Drafts the fact table of each FILE (a report as plain text) as CSV: to OUT, or to standard
output. With several files the CSV has a `file` column and progress goes to standard error.
--as-package DIR writes the text, a draft facts.csv and a datapackage.json instead (into
DIR/<name>/ for several files) and checks the draft with this project's validation.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")


class Unreadable(Exception):
    pass


def read_text(path: Path) -> str:
    """The file's text, in the first of ENCODINGS that decodes it (a BOM is dropped)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"{path}: cannot read the file ({exc.strerror})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # utf-8-sig: offsets count from the first character, not the BOM
    first = None
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            first = first or exc
    raise Unreadable(
        f"{path}: not text in {', '.join(ENCODINGS)} (byte 0x{data[first.start]:02x} at offset "
        f"{first.start} is not UTF-8, and GB18030 fails too); save it as UTF-8") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhongyuan.extract", description=__doc__.split("\n\n")[1])
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--year", type=int, help="the year of the figures where the text does not say")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", help="CSV file (default: standard output)")
    parser.add_argument("--as-package", type=Path, metavar="DIR",
                        help="write a data package (text, draft facts.csv, datapackage.json)")
    args = parser.parse_args(argv)

    from . import quantities

    many = len(args.files) > 1
    frames, failed = [], 0
    for i, path in enumerate(args.files, 1):
        try:
            text = read_text(path)
        except Unreadable as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if args.as_package:
            from .package import write

            folder = args.as_package / path.stem if many else args.as_package
            problems = write(folder, text, path.stem, args.year)
            for p in problems:
                print(f"check: {p}", file=sys.stderr)
            note = f"{len(problems)} problem(s) found by validation" if problems else "passes validation"
            print(f"{path}: draft written to {folder} ({note})", file=sys.stderr)
            continue
        frame = quantities(text, args.year)
        if many:
            frame.insert(0, "file", str(path))
            print(f"[{i}/{len(args.files)}] {path}: {len(frame)} quantities", file=sys.stderr)
        frames.append(frame)
    if frames:
        import pandas as pd

        table = pd.concat(frames, ignore_index=True) if many else frames[0]
        if args.output:
            table.to_csv(args.output, index=False)
        else:
            try:
                table.to_csv(sys.stdout, index=False)
            except BrokenPipeError:  # | head: the reader has what it wanted
                sys.stderr.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
