"""Language as data: the catalogue of the editions' words, sentences with computed values
passed by name, and tables shown in one call."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import zhongyuan as zy
from zhongyuan.present import words
from zhongyuan.present.narrate import md


def test_every_word_has_both_languages_and_chinese_is_written_in_chinese():
    for group, table in words.catalogue().items():
        for key, word in table.items():
            assert word["en"].strip() and word["zh"].strip(), f"{group}.{key}"
            # Latin letters in the Chinese word only where they are a name or code (URL,
            # command, file, Chromium, Sphinx's `make report`), never an English word left
            names = (r"\{\w+\}|`[^`]*`|https?://\S+|[\w./-]+\.(csv|pdf|json|ipynb|md)"
                     r"|Chromium|Google Chrome|English edition|PDF")
            latin = re.sub(names, "", word["zh"])
            assert not re.search(r"[A-Za-z]{3,}", latin), f"{group}.{key}: {word['zh']!r}"
            # no placeholder the English does not fill too (the Chinese footer leaves out the total)
            assert set(re.findall(r"\{(\w+)\}", word["zh"])) <= set(re.findall(r"\{(\w+)\}", word["en"])), key


def test_a_broken_catalogue_row_is_refused_naming_its_line(tmp_path, monkeypatch):
    bad = tmp_path / "words.csv"
    bad.write_text("group,key,en,zh\nnav,next,Next,下一篇\nnav,previous,Previous,\n", encoding="utf-8")
    monkeypatch.setattr(words, "FILE", bad)
    words.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"words.csv:3: a word needs its group, key, en and zh"):
            words.catalogue()
    finally:
        words.catalogue.cache_clear()


def test_values_computed_in_code_are_passed_by_name_and_checked_in_both_languages():
    assert md(en="{right} of {n:,} ({p:.1%})", zh="{n:,}处中{right}处（{p:.1%}）", right=66, n=1071, p=0.93,
              lang="zh").data == "1,071处中66处（93.0%）"
    assert md(en="fell {x}", zh="下降{x}", x=-2.5, lang="en").data == "fell −2.5"  # a true minus
    assert md(en="{w}", zh="{w}", w=("word", "词"), lang="zh").data == "词"
    with pytest.raises(ValueError, match="different figures"):
        md(en="{a} and {b}", zh="{a}", a=1, b=2)  # the Chinese drops a value
    with pytest.raises(ValueError, match="named in no template"):
        md(en="{a}", zh="{a}", a=1, b=2)


def test_a_figure_of_the_fact_base_and_a_value_mix():
    out = md(en="{budget_revenue}, {share:.0%}", zh="{budget_revenue}，{share:.0%}", share=0.5, lang="zh").data
    assert out == "47.6亿元，50%"


def test_show_heads_and_words_a_table_in_the_editions_language():
    frame = pd.DataFrame({"number": ["5000"], "qualifier": ["at_least"], "status": ["estimate"],
                          "note": ["a, b"]})
    zh = zy.show(frame, codes=("qualifier", "status"), headers={"note": ("note", "说明")}, lang="zh")
    assert list(zh.columns) == ["原文数字", "约数", "数据性质", "说明"]
    assert list(zh.iloc[0]) == ["5000", "不少于", "预计数", "a， b"]
    en = zy.show(frame, codes=("qualifier",), lang="en")
    assert list(en.columns) == ["number as printed", "hedge", "status", "note"] and en.iloc[0, 1] == "at least"
