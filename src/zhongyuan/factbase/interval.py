"""Closed intervals for figures known only to the precision the report prints them.

"1.7%" means anything in [1.65, 1.75]; "近400" anything up to 400; "超200万" anything from
200万 up. Arithmetic on intervals gives the range a derived figure can take.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

INF = math.inf


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @staticmethod
    def printed(value: float, decimals: int | None, qualifier: str) -> "Interval":
        """What a printed figure can mean, given its decimals and its qualifier.

        exact and about: half a unit of the last printed digit either side (about may be
        wider; the report does not say how much). nearly (近): up to the figure. over (超, 余)
        and at_least (以上): the figure and up. Report quantities are positive, so 0 is the floor.
        """
        half = 0.5 * 10.0 ** -(decimals or 0) if decimals is not None else 0.0
        if qualifier == "nearly":
            return Interval(0.0, value)
        if qualifier in ("over", "at_least"):
            return Interval(value, INF)
        return Interval(value - half, value + half)

    @staticmethod
    def point(value: float) -> "Interval":
        return Interval(value, value)

    def __add__(self, other):
        o = _as_interval(other)
        return Interval(self.low + o.low, self.high + o.high)

    __radd__ = __add__

    def __sub__(self, other):
        o = _as_interval(other)
        return Interval(self.low - o.high, self.high - o.low)

    def __rsub__(self, other):
        return _as_interval(other) - self

    def __mul__(self, other):
        o = _as_interval(other)
        products = [_mul(a, b) for a in (self.low, self.high) for b in (o.low, o.high)]
        return Interval(min(products), max(products))

    __rmul__ = __mul__

    def __truediv__(self, other):
        o = _as_interval(other)
        if o.low <= 0 <= o.high:
            raise ZeroDivisionError(f"dividing by an interval that contains 0: {o}")
        return self * Interval(1 / o.high, 1 / o.low)

    def __rtruediv__(self, other):
        return _as_interval(other) / self

    def __contains__(self, x: float) -> bool:
        return self.low <= x <= self.high


def _mul(a: float, b: float) -> float:
    return 0.0 if 0.0 in (a, b) else a * b  # 0 × ∞ is 0 here: a bound, not a limit


def _as_interval(x) -> Interval:
    return x if isinstance(x, Interval) else Interval.point(float(x))
