"""The report: its verbatim text, its metadata, and a cleaned text split into its parts.

The file in data/ is kept byte for byte. Cleaning happens here, in code:
page-break splits (a word broken by a blank line) are joined and the recorded
typesetting slips are repaired. Offsets returned by `locate` refer to `cleaned_text()`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .errors import DataError, Problem
from .numerals import ARABIC
from .paths import cached_per_data, data_dir
from .schema import read_json

# A body paragraph ending in none of these was cut by a page break.
SENTENCE_END = "。!?!?…”;"


@dataclass(frozen=True)
class Paragraph:
    index: int
    section: str  # a section id, or "title" / "byline"
    kind: str  # "title", "heading", "body", "byline"
    text: str
    start: int  # offset of the paragraph in cleaned_text()


@dataclass(frozen=True)
class Location:
    section: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Repair:
    kind: str
    before: str
    after: str
    raw_offset: int  # where the repaired spot is in the raw text


def metadata() -> dict:
    """The report's metadata (data/report.json)."""
    return _metadata()


@cached_per_data
def _metadata() -> dict:
    return read_json(data_dir() / "report.json")


def raw_text() -> str:
    """The report exactly as published, after checking its SHA-256 against report.json."""
    return _raw_text()


@cached_per_data
def _raw_text() -> str:
    folder = data_dir()
    meta = _metadata()
    path = folder / meta["file"]
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"]:
        raise DataError([Problem(path, None, None,
            f"SHA-256 is {digest}, but {folder / 'report.json'} records {meta['sha256']}: "
            "the report file was changed. Restore it byte for byte (git checkout -- "
            f"{path.name}); fix mistakes of the text in code, not in the file.")])
    return data.decode("utf-8")


def paragraphs() -> tuple[Paragraph, ...]:
    """The cleaned paragraphs, each tagged with its section and kind."""
    return _cleaned()[0]


def cleaned_text() -> str:
    """The report with page-break splits joined and slips repaired; paragraphs kept."""
    return _cleaned()[1]


def repairs() -> tuple[Repair, ...]:
    """Every repair the cleaning made, in text order."""
    return _cleaned()[2]


def sections() -> list[dict]:
    """The report's parts in order: id, Chinese heading, English title, and text."""
    meta = metadata()["sections"]
    paras = paragraphs()
    return [dict(s, text="\n\n".join(p.text for p in paras
                                     if p.section == s["id"] and p.kind == "body"))
            for s in meta]


def _raw_paragraphs(raw: str) -> list[tuple[int, str]]:
    """Non-empty blocks between blank lines, with their offsets in the raw text."""
    out = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", raw):
        text = m.group().strip()
        if text:
            out.append((m.start() + m.group().index(text), text))
    return out


@cached_per_data
def _cleaned() -> tuple[tuple[Paragraph, ...], str, tuple[Repair, ...]]:
    folder = data_dir()
    meta = _metadata()
    raw = _raw_text()
    headings = {s["heading_zh"]: s["id"] for s in meta["sections"] if s["heading_zh"]}
    titles = {meta["column_label"], meta["headline_zh"]}

    blocks: list[tuple[str, str, str]] = []  # (section, kind, text)
    fixes: list[Repair] = []
    section, pending = "intro", None  # pending: a body paragraph cut by a page break
    for offset, text in _raw_paragraphs(raw):
        if pending is not None:
            fixes.append(Repair("page_break_split", pending[-4:], text[:4], offset))
            text = pending + text
            pending = None
        if text in titles:
            blocks.append(("title", "title", text))
        elif text in headings:
            section = headings[text]
            blocks.append((section, "heading", text))
        elif text == meta["byline_zh"]:
            blocks.append(("byline", "byline", text))
        elif text[-1] not in SENTENCE_END:
            pending = text
        else:
            blocks.append((section, "body", text))
    if pending is not None:
        blocks.append((section, "body", pending))

    for rep in meta["repairs"]:
        if rep["kind"] != "duplicated_word":
            continue
        hits = [i for i, b in enumerate(blocks) if rep["printed"] in b[2]]
        if len(hits) != 1 or blocks[hits[0]][2].count(rep["printed"]) != 1:
            raise DataError([Problem(folder / "report.json", None, "repairs",
                f"the slip {rep['printed']!r} should occur once in the report, found {len(hits)}")])
        sec, kind, text = blocks[hits[0]]
        blocks[hits[0]] = (sec, kind, text.replace(rep["printed"], rep["repaired"]))
        fixes.append(Repair("duplicated_word", rep["printed"], rep["repaired"], raw.index(rep["printed"])))

    paras, start = [], 0
    for i, (sec, kind, text) in enumerate(blocks):
        paras.append(Paragraph(i, sec, kind, text, start))
        start += len(text) + 2
    text = "\n\n".join(p.text for p in paras)
    return tuple(paras), text, tuple(sorted(fixes, key=lambda r: r.raw_offset))


class QuoteFinder:
    """Finds every occurrence of a quote in a text without scanning the text per quote.

    Fact quotes carry a number: an index from each number (and each of its suffixes, so a
    quote may begin inside a longer number) to where it stands leads straight to the few
    places a quote can start. Validating N quotes is linear in N, not N × the report.
    Quotes without a usable number fall back to a plain scan.
    """

    def __init__(self, text: str):
        self.text = text
        self.index: dict[str, list[int]] = {}
        for m in ARABIC.finditer(text):
            for i in range(m.start(), m.end()):
                self.index.setdefault(text[i:m.end()], []).append(i)

    def __call__(self, quote: str) -> list[int]:
        m = ARABIC.search(quote)
        # usable if the quote does not cut its first number on the right
        if m and m.end() < len(quote) and quote[m.end()] != ".":
            starts = (p - m.start() for p in self.index.get(m.group(), ()))
            return [s for s in starts if s >= 0 and self.text.startswith(quote, s)]
        out, i = [], -1
        while (i := self.text.find(quote, i + 1)) >= 0:
            out.append(i)
        return out


@cached_per_data
def quote_finder() -> QuoteFinder:
    """The finder for the cleaned report (built once per version of the data)."""
    return QuoteFinder(cleaned_text())


def find_all(quote: str) -> list[int]:
    """Start offsets of every occurrence of `quote` in the cleaned text."""
    return quote_finder()(quote)


def locate(quote: str) -> Location:
    """Where a quote stands in the cleaned text: section, paragraph, character offsets.

    Raises KeyError if the quote is not in the report (its first occurrence is used otherwise).
    """
    if not quote:
        raise KeyError("empty quote")
    start = cleaned_text().find(quote)
    if start < 0:
        raise KeyError(f"not found in the report: {quote!r}")
    return locate_offset(start, len(quote))


def locate_offset(start: int, length: int = 0) -> Location:
    """The section and paragraph of a character offset in the cleaned text."""
    for p in reversed(paragraphs()):
        if p.start <= start:
            return Location(p.section, p.index, start, start + length)
    raise ValueError(f"offset {start} is outside the cleaned text")


def zh_date(iso: str) -> str:
    """2024-12-30 -> 2024年12月30日, as Chinese prose writes a date."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def card(lang: str = "en"):
    """The report's identity as a two-column table (field, value) for display, in `lang`."""
    import pandas as pd

    m = metadata()
    if lang == "zh":
        rows = [
            ("标题", m["headline_zh"]), ("会议", m["meeting_zh"]), ("日期", zh_date(m["date"])),
            ("报告人", f"{m['office_zh']}{m['speaker_zh']}{m['mandate_zh']}"),
            ("发表形式", f"{m['form_zh']}署名：{m['byline_zh']}。"),
            ("语言", "简体中文"),
            ("文件", f"data/{m['file']}，{m['bytes']}字节，SHA-256 {m['sha256'][:16]}…"),
            ("本项目收录日期", zh_date(m["entered_project"])),
        ]
        return pd.DataFrame(rows, columns=["项目", "内容"]).set_index("项目")
    rows = [
        ("headline", f"{m['headline_zh']} / {m['headline_en']}"),
        ("meeting", f"{m['meeting_zh']} / {m['meeting_en']}"),
        ("date", m["date"]),
        ("speaker", f"{m['office_zh']} {m['speaker_zh']} ({m['speaker_en']}, {m['office_en']}), {m['mandate_en']}"),
        ("published as", f"{m['form']} Byline: {m['byline_zh']} ({m['byline_en']})."),
        ("language", m["language"]),
        ("file", f"data/{m['file']}, {m['bytes']} bytes, SHA-256 {m['sha256'][:16]}…"),
        ("entered the project", m["entered_project"]),
    ]
    return pd.DataFrame(rows, columns=["field", "value"]).set_index("field")
