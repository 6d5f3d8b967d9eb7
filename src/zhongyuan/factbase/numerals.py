"""Numbers as the report prints them: Arabic (47.6, 12203) and Chinese (百余, 两)."""
from __future__ import annotations

import re

ARABIC = re.compile(r"\d+(?:\.\d+)?")
_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
CHINESE = re.compile(f"[{''.join(_DIGITS)}{''.join(_POWERS)}万]+")
# A Chinese numeral before a measure word: the form a count takes (百余项, 十六条, 第二批).
# Bare Chinese numerals are mostly words (一般, 零售, 进一步), so they are not scanned.
CHINESE_COUNT = re.compile(r"(?<![\d.])" + CHINESE.pattern + "(?=余?[项个条名家场所批届次年件])")


def chinese_to_number(text: str) -> int:
    """Value of a Chinese numeral below 10^8: 十六 -> 16, 二十 -> 20, 百 -> 100, 三千五百 -> 3500."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _POWERS:
            section += (1 if digit is None else digit) * _POWERS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


def numbers_in(text: str) -> list[float]:
    """Every number printed in a span: Arabic numerals, or, if none, Chinese numerals."""
    found = [float(m.group()) for m in ARABIC.finditer(text)]
    if found:
        return found
    return [float(chinese_to_number(m.group())) for m in CHINESE.finditer(text)]
