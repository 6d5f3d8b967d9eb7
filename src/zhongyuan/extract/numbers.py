"""Where numbers stand in a text, and what they are worth.

One regular expression finds every printed figure with what is glued to it: an ordinal
第 before it, 余/多 and the unit after it, a hedge after the unit (第12位, 20余名, 10亿元以上).
What a figure means is decided elsewhere (scan.py); this module only reads it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .vocab import BASE_UNITS, PREFIXES

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL = f"[{CN_DIGITS}十百千万亿]+(?:点[{CN_DIGITS}]+)?"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A unit as printed: an optional multiplier and a base unit, or a bare multiplier (56.7亿).
UNIT = (f"(?:{_alternation(PREFIXES)})?(?:{_alternation(list(BASE_UNITS) + ['％'])})"
        f"|万亿|亿|万")
FIGURE = re.compile(
    rf"(?P<rank>第)?(?<![\d.A-Za-z])(?P<num>{ARABIC}|{CN_NUMERAL})(?![\d.]?[A-Za-z])"
    rf"(?P<inside>余|多)?(?: ?(?P<unit>{UNIT}))?(?P<after>左右|以上|以内|以下)?")


def is_arabic(num: str) -> bool:
    return num[0].isdigit()


@lru_cache(maxsize=4096)
def value_of(num: str) -> float:
    """47.6 -> 47.6; 12,203 -> 12203; 十六 -> 16; 百 -> 100; 两 -> 2; 三点五 -> 3.5.

    Chinese numerals go through cn2an, which reads every form a report prints (一万二,
    两千零五, 三点五); it wants a leading digit before 百/千 (百 -> 一百).
    """
    if is_arabic(num):
        return float(num.replace(",", ""))
    import cn2an  # 0.5 s to import: only texts with Chinese numerals pay for it

    text = num.replace("〇", "零")
    if text[0] in "十百千万亿" and text[0] != "十":
        text = "一" + text
    return float(cn2an.cn2an(text, "normal"))


def split_multiplier(num: str, unit: str) -> tuple[str, str]:
    """两万人 is read as 两 + 万人, the way 2.1万人 is printed: the multiplier belongs to the
    unit, so the value is the number as printed in front of it."""
    if not is_arabic(num) and len(num) > 1 and num[-1] in "万亿" and not unit.startswith(("万", "亿")):
        return num[:-1], num[-1] + unit
    return num, unit


def base_of(unit: str) -> tuple[float, str]:
    """(multiplier, base unit): 万平方米 -> (10000, 平方米); 亿 -> (1e8, '')."""
    if unit in BASE_UNITS or not unit:
        return 1.0, unit
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if unit.startswith(prefix):
            return PREFIXES[prefix], unit[len(prefix):]
    return 1.0, unit
