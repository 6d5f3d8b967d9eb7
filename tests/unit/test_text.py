"""zhongyuan.analysis.text: segmentation, stop words, keywords and the report's own structure."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import zhongyuan as zy
from zhongyuan.analysis import text
from zhongyuan.factbase import report
from zhongyuan.factbase.errors import DataError
from zhongyuan.factbase.numerals import ARABIC

REPORT_WORDS = text.words(text.report_text())


@pytest.mark.parametrize("term", ["专精特新", "一路四街", "高效办成一件事", "四上单位"])
def test_glossary_terms_stay_whole(term):
    assert text.segment(term) == [term]
    assert term in REPORT_WORDS  # 四上单位 is printed “四上”单位: the quotation marks go
    assert term in set(text.user_words()["word"])


def test_list_entries_of_the_glossary_are_split_into_their_items():
    words = set(text.user_words()["word"])
    assert {"人才链", "创新链", "资金链", "产业链", "稳中向好", "稳中有升", "稳中提质"} <= words
    assert "人才链、创新链、资金链与产业链" not in words
    assert not [w for w in words if re.search(r"[“”‘’、,,()()·]", w)]
    # a 和 inside a name that is no list stays
    assert "群众身边不正之风和腐败问题集中整治" in words


def test_numbers_with_units_are_pulled_out_before_segmentation():
    assert text.segment("增长23.4%") == ["增长"]
    assert text.segment("增长23.4%", numbers="keep") == ["增长", "23.4%"]
    assert text.segment("完成47.6亿元,高于全市4.6个百分点", numbers="keep") == [
        "完成", "47.6亿元", ",", "高于", "全市", "4.6个百分点"]
    assert text.numbers_with_units("海外博士等20余名,撬动消费潜能10亿元以上,近400场") == [
        "20余名", "10亿元以上", "近400场"]
    for token in text.segment(text.report_text()):
        assert not re.search(r"[\d%]", token), token
    assert not {"百分点", "个百分点", "余项", "余名", "亿元", "万人次"} & set(REPORT_WORDS)


def test_every_number_of_the_report_is_inside_a_number_span():
    body = report.cleaned_text()
    spans = text.numbers_with_units(body)
    assert sum(len(ARABIC.findall(s)) for s in spans) == len(ARABIC.findall(body))
    assert "百余项" in spans  # a Chinese numeral hedged by 余 is a quantity too


def test_stop_words_are_removed_and_each_has_a_reason():
    stops = text.stopwords()
    assert stops["word"].is_unique
    assert (stops["reason"].str.len() > 15).all()
    assert not set(stops["word"]) & set(REPORT_WORDS)
    unfiltered = set(text.words(text.report_text(), stop=False))
    assert {"全区", "进一步", "同比", "方面"} <= unfiltered  # so the filter did something
    for method in ("tfidf", "textrank"):
        assert not set(stops["word"]) & set(text.keywords(method, by="section", top=20)["term"])


def test_a_stop_word_without_a_reason_is_refused(data_copy):
    path = data_copy / "stopwords.csv"
    path.write_text(path.read_text(encoding="utf-8") + "之,,虚词\n", encoding="utf-8")  # reason left empty
    with pytest.raises(DataError, match="reason"):
        text.stopwords()


def test_term_frequencies_add_up():
    whole = text.term_frequencies()
    assert whole["count"].sum() == len(REPORT_WORDS)
    assert list(whole["rank"]) == list(range(1, len(whole) + 1))
    assert whole["count"].is_monotonic_decreasing
    by_section = text.term_frequencies(by="section")
    assert by_section["count"].sum() == whole["count"].sum()
    assert set(by_section["section"]) == {s["id"] for s in zy.sections()}


def test_keywords_are_words_of_the_text():
    for method in ("tfidf", "textrank"):
        top = text.keywords(method)
        assert len(top) == 10 and top["weight"].is_monotonic_decreasing
        assert set(top["term"]) <= set(REPORT_WORDS)
        assert text.keywords(method).equals(top)  # deterministic


def test_keywords_leave_jiebas_own_defaults_untouched():
    """Our extractors are copies of jieba.analyse's defaults (sharing their tables, read
    once): our user words and stop words must not leak into jieba's global objects."""
    import jieba.analyse
    import jieba.posseg

    words = list(text.user_words()["word"])
    before = {w: jieba.posseg.dt.word_tag_tab.get(w) for w in words}
    text._pos_tokenizer.cache_clear(), text._extractors.cache_clear()  # built afresh below
    text.keywords("textrank"), text.keywords("tfidf")
    assert all(text._pos_tokenizer().word_tag_tab[w] == "nz" for w in words)
    assert {w: jieba.posseg.dt.word_tag_tab.get(w) for w in words} == before
    assert not set(text.stopwords()["word"]) <= jieba.analyse.default_tfidf.stop_words
    assert jieba.analyse.default_tfidf.tokenizer is jieba.dt


def test_the_five_grasp_headings():
    heads = text.headings()
    assert len(heads) == 5
    assert list(heads["section"]) == [s["id"] for s in zy.sections() if s["heading_zh"]]
    assert all(g.startswith("抓") and len(g) == 3 for g in heads["grasp"])
    assert list(heads["grasp"]) == ["抓项目", "抓创新", "抓实事", "抓改革", "抓基层"]


def test_every_quoted_slogan_is_found():
    cleaned = report.cleaned_text()
    found = text.slogans()
    assert len(found) == cleaned.count("“") == len(re.findall("“.*?”", cleaned))
    assert found.loc[found["slogan"] == "一路四街", "times_quoted"].tolist() == [2, 2]


def test_verbs_count_tokens_not_the_nouns_they_start():
    body = text.report_text()
    verbs = text.verb_counts()
    assert verbs.loc["完成", "total"] == body.count("完成") - body.count("完成率")
    assert (verbs.drop(columns="total").sum(axis=1) == verbs["total"]).all()


def test_keyword_in_context_finds_every_occurrence():
    rows = text.kwic("推进", width=6)
    assert len(rows) == text.report_text().count("推进")
    for _, r in rows.iterrows():
        assert r["left"] + r["term"] + r["right"] in report.cleaned_text()


def test_section_statistics_add_up():
    stats = text.section_stats()
    facts = zy.load_facts()
    assert stats["figures"].sum() == len(facts)
    assert (stats[list(text.MEASURES)].sum(axis=1) == stats["figures"]).all()
    cov = zy.number_coverage()
    assert stats["numbers_printed"].sum() == (cov["section"].isin(stats.index)).sum()
    assert stats["characters"].sum() == len(re.sub(r"\s", "", text.report_text()))
    shares = text.measure_shares()
    assert ((shares.sum(axis=1) - 100).abs() < 0.5).all()


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def test_importing_zhongyuan_does_not_load_jieba():
    out = _run("import sys, zhongyuan, zhongyuan.analysis.text\n"
               "zhongyuan.load_facts(); zhongyuan.analysis.text.prepare('增长23.4%')\n"
               "print('jieba' in sys.modules)")
    assert out.stdout.strip() == "False"


def test_segmenting_loads_jieba_silently():
    out = _run("import sys; from zhongyuan import text\n"
               "text.words('专精特新企业增长23.4%'); text.keywords('textrank')\n"
               "print('jieba' in sys.modules)")
    assert out.stdout.strip() == "True"
    assert out.stderr == ""  # no "Building prefix dict ..." and no warnings


def test_plain_jieba_would_split_the_terms_the_user_dictionary_keeps():
    table = text.compare_segmentation(["推荐融纬勘测等省级专精特新企业20家"])
    plain, ours = table.iloc[0]
    assert "专精 / 特新" in plain and "20" in plain
    assert "专精特新" in ours.split(" / ") and "20" not in ours


def test_jieba_leaves_no_file_in_a_temp_folder_another_user_holds_its_cache_in(tmp_path):
    """Another user's jieba.cache in the shared temp folder (here a folder of that name, which
    jieba can neither read nor replace, even as root): jieba's own cache would fail there and
    leave a 9 MB temporary file at every start. Ours is in a folder of this user's."""
    (tmp_path / "jieba.cache").mkdir()
    code = "from zhongyuan.analysis import text; print(text.segment('中原区经济工作')[:2])"
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "TMPDIR": str(tmp_path)},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    user_folder = f"zhongyuan-jieba-{os.getuid()}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jieba.cache", user_folder]
    assert (tmp_path / user_folder / "jieba.cache").is_file()
