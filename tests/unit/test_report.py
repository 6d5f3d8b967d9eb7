"""The report file is kept byte for byte; the cleaned text repairs exactly the known defects."""
from __future__ import annotations

import hashlib
import json
import re

import pytest

from zhongyuan.factbase import report
from zhongyuan.factbase.paths import ROOT

SEED = ROOT.parent / "shared" / "seeds" / "000_7c15e5578844d18f.txt"


def test_report_sha256_matches_the_recorded_value():
    meta = json.loads((ROOT / "data" / "report.json").read_text(encoding="utf-8"))
    data = (ROOT / "data" / meta["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == meta["sha256"]
    assert len(data) == meta["bytes"]
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "report")
    assert resource["hash"] == f"sha256:{meta['sha256']}"


@pytest.mark.skipif(not SEED.exists(), reason="shared/seeds is not beside this checkout")
def test_report_is_the_seed_byte_for_byte():
    assert (ROOT / "data" / "report.txt").read_bytes() == SEED.read_bytes()


def test_metadata_states_only_what_the_report_says():
    meta = report.metadata()
    raw = report.raw_text()
    for key in ("speaker_zh", "office_zh", "byline_zh", "meeting_zh", "headline_zh", "column_label", "mandate_zh"):
        assert meta[key] in raw, key
    assert meta["date"] == "2024-12-30" and "2024年12月30日" in raw
    assert not any(k in meta for k in ("url", "outlet", "publisher"))


def test_cleaning_joins_every_page_break_split_and_only_those():
    recorded = [r for r in report.metadata()["repairs"] if r["kind"] == "page_break_split"]
    found = [r for r in report.repairs() if r.kind == "page_break_split"]
    assert len(found) == len(recorded) == 8
    for rec, fix in zip(recorded, found):
        assert fix.before.endswith(rec["before"]) and fix.after.startswith(rec["after"]), (rec, fix)
        assert report.raw_text().count(rec["before"] + "\n\n" + rec["after"]) == 1
        assert rec["before"] + rec["after"] in report.cleaned_text()


def test_every_body_paragraph_ends_a_sentence():
    for p in report.paragraphs():
        if p.kind == "body":
            assert p.text[-1] in report.SENTENCE_END, p.text[-20:]


def test_cleaned_text_differs_from_raw_only_by_the_repairs():
    squash = lambda s: re.sub(r"\s+", "", s)
    assert squash(report.raw_text()).replace("宣讲宣讲", "宣讲") == squash(report.cleaned_text())
    assert "宣讲宣讲" in report.raw_text() and "宣讲宣讲" not in report.cleaned_text()


def test_the_report_has_an_introduction_and_five_sections_headed_by_zhua():
    parts = report.sections()
    assert [s["id"] for s in parts] == ["intro", "projects", "innovation", "livelihood", "reform", "party"]
    for s in parts[1:]:
        assert s["heading_zh"].startswith("抓")
    assert all(s["text"] for s in parts)
    headings = [p.text for p in report.paragraphs() if p.kind == "heading"]
    assert headings == [s["heading_zh"] for s in parts[1:]]


def test_locate_gives_section_paragraph_and_offsets():
    loc = report.locate("宣讲485场次")
    assert loc.section == "party"
    assert report.cleaned_text()[loc.start:loc.end] == "宣讲485场次"
    assert report.paragraphs()[loc.paragraph].kind == "body"
    assert report.locate("先进制造业").section == "innovation"  # joined across a page break
    with pytest.raises(KeyError):
        report.locate("不在报告里的话")


def test_the_quote_finder_agrees_with_a_plain_scan():
    text = "增长101个百分点,增长1个百分点;21.7%与1.7%;9.5亿与9亿;近400场"
    finder = report.QuoteFinder(text)

    def scan(q):
        return [i for i in range(len(text)) if text.startswith(q, i)]

    for q in ["1个百分点", "增长1个百分点", "1.7%", ".7%", "9亿", "9.", "400场", "近400", "增长", "亿与9"]:
        assert finder(q) == scan(q), q
    full = report.cleaned_text()
    for q in ["同比增长9%", "1个百分点", "12所中小学实现招生", "宣讲485场次"]:
        assert report.find_all(q) == [i for i in range(len(full)) if full.startswith(q, i)], q
