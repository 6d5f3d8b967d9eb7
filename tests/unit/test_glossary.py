"""The glossary (data/glossary.csv): hand-typed pinyin checked against pypinyin, a Chinese
explanation in Chinese for every term, and every quote found in the report."""
from __future__ import annotations

import re
import unicodedata

import pytest
from pypinyin import Style, pinyin

import zhongyuan as zy

GLOSSARY = zy.load_glossary()

# Rows where pypinyin (Style.TONE, phrase dictionary) is wrong and the CSV is right: the
# accepted spelling and why. Any other disagreement fails, and so does an entry that no
# longer disagrees or whose CSV spelling has changed.
PINYIN_ACCEPTED = {
    "projects_are_king": (
        "xiàngmù wéi wáng",
        "为 is wéi in 以…为王 ('to take as king'); pypinyin reads the verb 为 as wèi ('for')."),
    "general_public_budget_revenue": (
        "yībān gōnggòng yùsuàn shōurù",
        "pypinyin's phrase dictionary gives 一般 with tone sandhi (yìbān); Hanyu Pinyin spelling "
        "(GB/T 16159, Xiandai Hanyu Cidian) writes 一 in its base tone, as every other row does."),
    "electronic_licence": (
        "diànzǐ zhèngzhào",
        "电子 (electron, electronic) is diànzǐ with a full tone in Xiandai Hanyu Cidian; pypinyin "
        "makes 子 neutral as in the noun suffix (桌子 zhuōzi)."),
}

# Quoted spans (“…”) in explanation_zh that are not the report's words, and why.
QUOTES_NOT_FROM_REPORT = {
    "技术合同成交额": "the name of a statistic the report does not use, to say the report leaves it open",
    "专业化、精细化、特色化、新颖化": "what 专精特新 stands for (national programme)",
    "大众创业、万众创新": "the national policy behind 众创空间",
    "推动创新链产业链资金链人才链深度融合": "the wording of the 20th Party Congress report",
    "保交楼": "the national guaranteed-delivery scheme, given as context",
    "跨域通办": "the national name of cross-region services",
    "互联网+政务服务": "the national e-government programme",
    "平安中国": "the national programme behind 平安建设",
    "宣讲宣讲": "the raw text's typesetting slip, quoted to say so",
    "川灯耀世界 中原奇妙游": "the 2024 lantern fair's theme, given as context (MCT website)",
    "绝对额按现价计算，增长速度按不变价计算": "the NBS's note on GDP growth (real) against levels, as context",
}

# Names in Latin letters that may stand in a Chinese explanation (none are needed today).
LATIN_NAMES: set[str] = set()


def _letters(spelling: str) -> str:
    """Pinyin compared by its letters only: lowercase, no spaces, hyphens, apostrophes or
    punctuation (tone marks kept; NFC so a precomposed ǐ equals i + combining caron)."""
    return "".join(ch for ch in unicodedata.normalize("NFC", spelling).lower() if ch.isalpha())


def _pypinyin(term: str) -> str:
    return " ".join(s[0] for s in pinyin(term, style=Style.TONE, errors="ignore"))


def _disagreements() -> dict[str, tuple[str, str]]:
    return {r.id: (r.pinyin, _pypinyin(r.term_zh)) for r in GLOSSARY.itertuples()
            if _letters(r.pinyin) != _letters(_pypinyin(r.term_zh))}


def test_pinyin_agrees_with_pypinyin_except_where_listed():
    new = {i: d for i, d in _disagreements().items() if i not in PINYIN_ACCEPTED}
    assert not new, "pinyin differs from pypinyin (fix the CSV, or list it with a reason): " + \
        "; ".join(f"{i}: csv {csv!r} vs pypinyin {py!r}" for i, (csv, py) in new.items())


def test_each_accepted_pinyin_exception_still_applies():
    table = GLOSSARY.set_index("id")
    found = _disagreements()
    for row_id, (accepted, reason) in PINYIN_ACCEPTED.items():
        assert reason and row_id in table.index, row_id
        assert _letters(table.loc[row_id, "pinyin"]) == _letters(accepted), \
            f"{row_id}: the CSV's pinyin changed from the accepted {accepted!r}"
        assert row_id in found, f"{row_id}: pypinyin agrees now, remove it from PINYIN_ACCEPTED"


_HANZI = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[\s\-]+[A-Za-z][A-Za-z'’]*){2,}")


def _english_runs(text: str) -> list[str]:
    for name in LATIN_NAMES:
        text = text.replace(name, "")
    return _ENGLISH_RUN.findall(text)


@pytest.mark.parametrize("row", list(GLOSSARY.itertuples()), ids=list(GLOSSARY["id"]))
def test_explanation_zh_is_chinese(row):
    text = row.explanation_zh
    assert isinstance(text, str) and text.strip(), f"{row.id}: no Chinese explanation"
    assert len(_HANZI.findall(text)) >= 10, f"{row.id}: hardly any hanzi"
    assert not _english_runs(text), f"{row.id}: English in the Chinese explanation: {_english_runs(text)}"
    # Chinese prose takes full-width punctuation; half-width only in a name the report
    # itself prints that way (优客工场(郑州)).
    outside = text.replace("(郑州)", "")
    assert not re.search(r"[,;:!?()]", outside), f"{row.id}: half-width punctuation in Chinese prose"


def _report_forms(s: str) -> str:
    """The report prints half-width commas and brackets and nests “” where a quotation
    inside our “…” nests ‘’: compare in one form."""
    return s.translate(str.maketrans({"，": ",", "（": "(", "）": ")", "；": ";", "：": ":",
                                      "‘": "“", "’": "”"}))


def test_chinese_explanations_quote_the_report_verbatim():
    report = _report_forms(zy.cleaned_text().replace("\n", ""))
    wrong = []
    for row in GLOSSARY.itertuples():
        for quoted in re.findall(r"“([^”]*)”", row.explanation_zh):
            if quoted in QUOTES_NOT_FROM_REPORT:
                continue
            parts = [p for p in _report_forms(quoted).split("……") if p]  # …… marks an elision
            if not all(p in report for p in parts):
                wrong.append(f"{row.id}: “{quoted}”")
    assert not wrong, "quoted as the report's words but not in the report: " + "; ".join(wrong)


def test_every_quote_is_in_the_cleaned_report():
    text = zy.cleaned_text()
    missing = [f"{r.id}: {r.quote}" for r in GLOSSARY.itertuples() if r.quote not in text]
    assert not missing, missing


def test_context_is_labelled_in_both_languages():
    """Outside knowledge is marked as such, and in the same rows in both languages."""
    en = set(GLOSSARY.loc[GLOSSARY["explanation_en"].str.contains("Context (not from the report)",
                                                                  regex=False), "id"])
    zh = set(GLOSSARY.loc[GLOSSARY["explanation_zh"].str.contains("背景（非报告内容）",
                                                                  regex=False), "id"])
    assert en == zh, f"context only in en: {sorted(en - zh)}; only in zh: {sorted(zh - en)}"


def test_terms_the_report_leaves_open_say_so_in_chinese():
    open_terms = GLOSSARY[GLOSSARY["content_stated"] == "no"]
    for row in open_terms.itertuples():
        assert re.search(r"未(说明|列出|解释|介绍)", row.explanation_zh), row.id


@pytest.mark.parametrize("term, claim", [
    ("四个中心", "是否包含在近400场活动之中"),      # 38 concerts: two clauses, two verbs
    ("科技型中小企业", "是否也管到306家"),           # how far 推荐 reaches
    ("商品住宅", "是否用于商品住宅"),               # 住宅用地 is not said to be for 商品住宅
    ("院士", "“海外”只修饰“博士”"),
    ("全国创新百强区", "并不表示由国家机关评定"),
    ("既有住宅电梯加装", "“累计”从何时算起报告未说明"),
])
def test_open_readings_stay_open(term, claim):
    """The glossary does not settle what the report leaves open (issue 10)."""
    assert claim in GLOSSARY.set_index("term_zh").loc[term, "explanation_zh"]


# 举办 is to hold an event; 承办 is to host or run one on behalf of an organiser. The site
# builds an argument on the difference (the Four Centres' two clauses), so an English gloss
# beside either verb must not swap them (a fresh reader found "Held (承办)" and "hosted (成功举办)").
VERB_GLOSS = re.compile(r"((?:[\w']+\W{0,2} ){1,3})\((?:成功)?(举办|承办)\)")  # up to 3 words before it
VERB_ENGLISH = {"举办": re.compile(r"^(hold|holds|held|holding)$", re.I),
                "承办": re.compile(r"^(host|hosts|hosted|hosting|run|runs|ran|running)$", re.I)}


def _english_cells():
    for name, cols in {"facts": ["subject_en", "note"], "glossary": ["explanation_en"],
                       "honours": ["what_en", "awarding_body_en", "note"],
                       "readings": ["question", "readings", "why"], "context": ["context_en"]}.items():
        table = getattr(zy, f"load_{name}")()
        for _, row in table.iterrows():
            for col in cols:
                if isinstance(row[col], str):
                    yield f"{name}:{row.get('id', _)}:{col}", row[col]


def test_held_and_hosted_gloss_the_right_verbs():
    seen = set()
    for where, text in _english_cells():
        for before, verb in VERB_GLOSS.findall(text):
            seen.add(verb)
            words = re.findall(r"[\w']+", before)
            other = "承办" if verb == "举办" else "举办"
            assert any(VERB_ENGLISH[verb].match(w) for w in words), f"{where}: '{before}({verb})'"
            assert not any(VERB_ENGLISH[other].match(w) for w in words), f"{where}: '{before}({verb})'"
    assert seen == {"举办", "承办"}  # the pattern still finds both verbs
