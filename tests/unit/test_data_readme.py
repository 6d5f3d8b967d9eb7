"""data/README.md, the manual of the data: its row counts are the tables' (a fresh reader
found 14 and 5 where the register and the context held 18 and 10), and the copy in a class
pack links to nothing the pack does not hold."""
from __future__ import annotations

import csv
import re

import pytest

from zhongyuan.build.classpack import _in_pack
from zhongyuan.factbase.paths import data_dir

README = data_dir() / "README.md"
COUNTED = re.findall(r"^\| `([\w.]+\.csv)` \|.*\| (\d+) \|$", README.read_text(encoding="utf-8"), re.M)


def test_the_readme_counts_the_tables():
    assert len(COUNTED) >= 8


@pytest.mark.parametrize("name,count", COUNTED)
def test_each_row_count_is_the_tables(name, count):
    with open(data_dir() / name, encoding="utf-8", newline="") as f:
        assert sum(1 for _ in csv.DictReader(f)) == int(count), f"data/README.md says {name} has {count} rows"


def test_the_class_packs_copy_links_only_within_the_pack():
    for path in sorted(data_dir().rglob("*.md")):
        text = _in_pack(path).decode("utf-8")
        assert not re.search(r"\]\((?:\.\./)+", text), path
    assert "in the project's repository: docs/reliability.md" in _in_pack(README).decode("utf-8")
