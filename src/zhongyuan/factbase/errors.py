"""The project's error types: each message names the file, the line and the fault."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    column: str | None
    fault: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        col = f": column '{self.column}'" if self.column else ""
        return f"{where}{col}: {self.fault}"


class DataError(ValueError):
    """A data file that cannot be trusted; .problems lists every fault found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n  {shown}{more}")


class FontMissingError(RuntimeError):
    """The bundled CJK font is not installed: charts would show boxes for Chinese."""
