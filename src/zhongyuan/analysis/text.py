"""The report as text: its words, its keywords, its slogans, and how its parts differ.

    from zhongyuan.analysis import text
    text.term_frequencies()          # the report's content words, counted
    text.keywords("tfidf")           # TF-IDF keywords (jieba.analyse), whole report
    text.keywords("textrank", by="section")
    text.kwic("推进")                 # keyword in context
    text.section_stats()             # length, figures, figures per 100 characters, by part

How a text becomes words (every function below goes through `words`):

1. Numbers are pulled out *before* segmentation. A number with its unit and hedges
   ("增长23.4%", "47.6亿元", "20余名", "近400场", "10亿元以上", "1~11月份", "百余项") is one
   span of `number_pattern()` (built on `numerals.ARABIC`, `numerals.CHINESE` and the units
   of data/units.csv, plus 月份/月/日). In the word stream
   it is removed (replaced by a space, so it also separates the words either side);
   `segment(..., numbers="keep")` keeps each span as one token, exactly as printed. jieba
   alone cuts "4.6个百分点" into 4.6/个/百分点 and leaves 个, 家 and 余项 as words. The
   numbers themselves are the fact base's business (zhongyuan.analysis.coverage), not this module's.
   Chinese numerals that are part of a name (十六条, 四个中心, 一件事) stay in the text, and the
   user dictionary keeps the names whole.
2. Quotation marks (“”‘’) are deleted, not replaced: they mark slogans, not word boundaries,
   so “四上”单位 is read as 四上单位. The slogans are collected separately by `slogans`.
3. jieba segments with a user dictionary (`user_words`): every glossary term (lists such as
   人才链、创新链、资金链与产业链 split into their items, punctuation removed), the names the
   report honours (honours.csv) and the speaker's name, plus the few corrections listed in
   EXTRA_WORDS. So 专精特新, 一路四街, 高效办成一件事 and 四上单位 stay whole.
4. A word is a token with at least one Chinese character; single characters are dropped
   (min_len=2, as jieba.analyse does), and so are the stop words of data/stopwords.csv,
   each listed with its reason.

jieba is imported only inside the functions that segment, so `import zhongyuan` and
`import zhongyuan.analysis.text` do not load it; its dictionary is loaded once, silently (its
"Building prefix dict" log is switched off), into a private jieba.Tokenizer: jieba's global
default tokenizer is left untouched. Segmentation is deterministic: same text, same words.
"""
from __future__ import annotations

import re
import warnings
from collections import Counter
from functools import lru_cache

import pandas as pd

from ..factbase import report
from ..factbase.numerals import ARABIC, CHINESE
from ..factbase.paths import cached_per_data
from .jieba_cache import jieba_cache_dir

# The verbs the report leans on: how it reports work done. Counted on jieba's tokens: a
# token that is the verb, or ends with it after an adverb (顺利完成, 全面落实, 深入开展), counts;
# a token that goes on after it (完成率, "completion rate", a noun) does not, and neither
# does a name from the user dictionary (五持续一提升).
VERBS = ("完成", "新增", "推进", "建成", "实现", "举办", "承办", "推荐", "引进", "开展", "打造",
         "落实", "加强", "提升", "深化", "争取", "出台", "入选", "荣获", "成为", "坚持", "聚焦",
         "优化", "推动")

# Words jieba gets wrong in this report and no table of data/ names, with the reason.
EXTRA_WORDS = {
    "有效应对": "jieba cuts 有效应对汛情 as 有/效应/对 (effect, towards)",
    "立行立改": "a stock phrase of inspection work that jieba cuts as 立行立/改",
    "以巡促改": "a stock phrase of inspection work that jieba cuts as 以/巡促/改",
    # Names the report prints that no table lists (projects, places, schools, roads).
    "航西四村": "a resettlement project's name, cut as 航/西四/村",
    "小李庄": "a project's name, cut as 小/李庄",
    "西流湖": "a community health centre's name, cut as 西流/湖",
    "融纬勘测": "an enterprise's name, cut as 融纬/勘测",
    "郑州外国语中学": "a school's name, cut as 郑州/外国语/中学",
    "西悦城第三小学": "a school's name, cut as 西悦城/第三/小学",
    "阳春路": "a road's name, cut as 阳春/路",
}

QUOTED = re.compile(r"“([^“”]*)”")
HEADING = re.compile(r"^(抓\w+)、(\w+)[\s,,]+(.+)$")
_QUOTE_MARKS = str.maketrans("", "", "“”‘’\"")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Units a number can carry besides those of data/units.csv: calendar words.
_CALENDAR = ("月份", "月", "日")


@cached_per_data
def number_pattern() -> re.Pattern:
    """The regex of a number with its unit and hedges (see the module docstring, step 1)."""
    from ..factbase.load import load_units

    units = sorted(set(load_units()["unit"].astype(str)) | set(_CALENDAR), key=len, reverse=True)
    unit = "|".join(re.escape(u) for u in units)
    arabic = f"(?:近|超|约)?{ARABIC.pattern}(?:[~～-]{ARABIC.pattern})?(?:余|多)?(?:{unit})?(?:左右|以上)?"
    chinese = f"{CHINESE.pattern}余(?:{unit})"  # 百余项: a Chinese numeral hedged by 余
    return re.compile(f"{arabic}|{chinese}")


def numbers_with_units(text: str) -> list[str]:
    """Every number-with-unit span of a text, as printed ('23.4%', '47.6亿元', '20余名')."""
    return [m.group() for m in number_pattern().finditer(text)]


def prepare(text: str) -> str:
    """The text jieba sees: numbers with units replaced by a space, quotation marks deleted."""
    return number_pattern().sub(" ", text).translate(_QUOTE_MARKS)


# -- the dictionaries -------------------------------------------------------------------------

def _split_term(term: str) -> list[str]:
    """A glossary entry as dictionary words: lists split into items, punctuation removed."""
    term = term.translate(_QUOTE_MARKS)
    parts = re.split(r"[、,,·()()《》\s]+", term)
    if "、" in term:  # a list: its last two items may be joined by 与 or 和
        parts = [p for part in parts for p in re.split(r"[与和]", part)]
    return [p for p in parts if len(p) >= 2]


def user_words() -> pd.DataFrame:
    """The user dictionary: each word and where it comes from (glossary, honours, metadata,
    or EXTRA_WORDS)."""
    from ..factbase.load import load_glossary, load_honours

    rows = []
    for term in load_glossary()["term_zh"].astype(str):
        rows += [(w, "glossary", term) for w in _split_term(term)]
    for who in load_honours()["who_zh"].astype(str):
        if not re.search("[“”‘’]", who):  # a quoted case title is not a name
            rows += [(w, "honours", who) for w in _split_term(who)]
    rows.append((report.metadata()["speaker_zh"], "metadata", "speaker_zh"))
    rows += [(w, "extra", why) for w, why in EXTRA_WORDS.items()]
    frame = pd.DataFrame(rows, columns=["word", "source", "from"])
    return frame.drop_duplicates("word").reset_index(drop=True)


def stopwords() -> pd.DataFrame:
    """The stop words (data/stopwords.csv), each with the reason it is there."""
    from ..factbase.load import load_table

    return load_table("stopwords").set_index("word", drop=False).rename_axis(None)


@cached_per_data
def _stop_set() -> frozenset[str]:
    return frozenset(stopwords()["word"].astype(str))


USER_TAG = "nz"  # the part of speech of the user dictionary's words: jieba's "other proper noun"


@lru_cache(maxsize=1)
def _plain_tokenizer():
    """jieba's own tokenizer, without the user dictionary, initialised once and silently."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba's pkg_resources import, its unclosed idf file
        import jieba

        jieba.setLogLevel(60)  # above CRITICAL: no "Building prefix dict ..." on stderr
        tok = jieba.Tokenizer()
        tok.tmp_dir = jieba_cache_dir()
        if jieba.dt.initialized and jieba.dt.dictionary == tok.dictionary and not jieba.dt.user_word_tag_tab:
            # jieba's own dictionary, loaded already in this process (the build's kernels: their
            # zygote loaded it once for all) and, as far as jieba records, with no word added:
            # a copy, not a second reading (0.6 s)
            tok.FREQ, tok.total, tok.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
        else:
            tok.initialize()
    return tok


@cached_per_data
def tokenizer():
    """A private jieba.Tokenizer with the user dictionary. It copies the plain tokenizer's
    dictionary instead of loading jieba's again (that load is most of a second)."""
    base = _plain_tokenizer()  # imports jieba first, with its warnings silenced
    import jieba

    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = dict(base.FREQ), base.total, True
    for word in user_words()["word"]:
        tok.add_word(word, tag=USER_TAG)
    return tok


@cached_per_data
def _pos_tokenizer():
    """A POS tokenizer over `tokenizer()`. jieba's tag table (its whole dictionary file, most
    of a second to read) is loaded once, when jieba.posseg is imported: we take a copy of it
    instead of building a second POSTokenizer, which would read the file again."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba.posseg

    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    # The user words' tags are set here, not left to jieba, which moves them over from the
    # tokenizer once and then empties the tokenizer's list: a second POSTokenizer on the same
    # tokenizer would never get them.
    pos.tokenizer = tokenizer()
    pos.word_tag_tab = {**jieba.posseg.dt.word_tag_tab, **dict.fromkeys(user_words()["word"], USER_TAG)}
    return pos


# -- words ------------------------------------------------------------------------------------

def segment(text: str, numbers: str = "drop") -> list[str]:
    """jieba's tokens for a text, punctuation and whitespace included.

    numbers="drop": number-with-unit spans are removed before segmentation; "keep": each
    span is one token, as printed ('23.4%'), in its place.
    """
    if numbers not in ("drop", "keep"):
        raise ValueError(f"numbers must be 'drop' or 'keep', not {numbers!r}")
    tok = tokenizer()
    if numbers == "drop":
        return [t for t in tok.lcut(prepare(text)) if t.strip()]
    out, last = [], 0
    for m in number_pattern().finditer(text):
        out += tok.lcut(text[last:m.start()].translate(_QUOTE_MARKS))
        out.append(m.group())
        last = m.end()
    out += tok.lcut(text[last:].translate(_QUOTE_MARKS))
    return [t for t in out if t.strip()]


def compare_segmentation(sentences: list[str]) -> pd.DataFrame:
    """Each sentence as jieba alone cuts it and as this module does (numbers and quotation
    marks out, user dictionary in), tokens separated by ' / '."""
    return pd.DataFrame({
        "jieba alone": [" / ".join(t for t in _plain_tokenizer().lcut(s) if t.strip())
                        for s in sentences],
        "with the glossary, numbers pulled out": [" / ".join(segment(s)) for s in sentences],
    }, index=pd.Index(sentences, name="sentence"))


def words(text: str, min_len: int = 2, stop: bool = True) -> list[str]:
    """The content words of a text, in order: tokens with a Chinese character, at least
    min_len characters long, not stop words (unless stop=False)."""
    stops = _stop_set() if stop else frozenset()
    return [t for t in segment(text) if _HAN.search(t) and len(t) >= min_len and t not in stops]


def section_texts() -> dict[str, str]:
    """The body text of each part of the report (headings, title and byline excluded)."""
    return {s["id"]: s["text"] for s in report.sections()}


def section_labels(lang: str) -> dict[str, str]:
    """Short names of the parts for charts: 'Projects and consumption' / '抓项目、促消费'."""
    out = {}
    for sec in report.metadata()["sections"]:
        if lang == "en":
            out[sec["id"]] = sec["title_en"].split(":")[0]
        else:
            out[sec["id"]] = re.split(r"[\s,,]", sec["heading_zh"])[0] if sec["heading_zh"] else "开篇"
    return out


def report_text() -> str:
    """The body of the whole report: its parts' texts, in order."""
    return "\n\n".join(section_texts().values())


def _ranked(counter: Counter, order: list[str], top: int | None) -> pd.DataFrame:
    """Terms by count, ties in order of first appearance."""
    first = {w: i for i, w in reversed(list(enumerate(order)))}
    terms = sorted(counter, key=lambda w: (-counter[w], first[w]))[:top]
    return pd.DataFrame({"rank": range(1, len(terms) + 1), "term": terms,
                         "count": [counter[w] for w in terms]})


def term_frequencies(by: str = "report", top: int | None = None) -> pd.DataFrame:
    """Content words and their counts, for the whole report (by="report") or for each part
    (by="section": one block of rows per section). Ties keep the order of first use."""
    texts = {"report": report_text()} if by == "report" else section_texts()
    if by not in ("report", "section"):
        raise ValueError(f"by must be 'report' or 'section', not {by!r}")
    frames = []
    for sec, body in texts.items():
        found = words(body)
        frame = _ranked(Counter(found), found, top)
        frame.insert(0, "section", sec)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    return out.drop(columns="section") if by == "report" else out


@cached_per_data
def _extractors():
    """TF-IDF and TextRank extractors over our tokenizers and stop words: copies of the ones
    jieba.analyse builds when imported, sharing their IDF table rather than reading it again."""
    import copy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba.analyse

    tfidf, rank = copy.copy(jieba.analyse.default_tfidf), copy.copy(jieba.analyse.default_textrank)
    tfidf.tokenizer = tokenizer()
    tfidf.postokenizer = rank.tokenizer = rank.postokenizer = _pos_tokenizer()
    tfidf.stop_words, rank.stop_words = set(_stop_set()), set(_stop_set())
    return tfidf, rank


# Parts of speech TextRank keeps: jieba's default (place names, nouns, verbal nouns, verbs)
# plus nz, the tag of the user dictionary's terms.
TEXTRANK_POS = ("ns", "n", "vn", "v", USER_TAG)


def keywords(method: str = "tfidf", by: str = "report", top: int = 10) -> pd.DataFrame:
    """Keywords by jieba.analyse: method "tfidf" (extract_tags: term frequency times jieba's
    inverse document frequency; a word missing from jieba's IDF table gets the median) or
    "textrank" (co-occurrence graph within a window of 5 words). The text is prepared as
    for `words` (numbers out, quotation marks deleted, user dictionary, stop words). Weights
    are rounded to 4 decimals; TextRank's are scaled so that the top word has 1."""
    if method not in ("tfidf", "textrank"):
        raise ValueError(f"method must be 'tfidf' or 'textrank', not {method!r}")
    texts = {"report": report_text()} if by == "report" else section_texts()
    tfidf, rank = _extractors()
    frames = []
    for sec, body in texts.items():
        if method == "tfidf":
            found = tfidf.extract_tags(prepare(body), topK=top, withWeight=True)
        else:
            found = rank.textrank(prepare(body), topK=top, withWeight=True, allowPOS=TEXTRANK_POS)
        frames.append(pd.DataFrame({"section": sec, "rank": range(1, len(found) + 1),
                                    "term": [w for w, _ in found],
                                    "weight": [round(x, 4) for _, x in found]}))
    out = pd.concat(frames, ignore_index=True)
    return out.drop(columns="section") if by == "report" else out


# -- the report's own structure ---------------------------------------------------------------

def headings() -> pd.DataFrame:
    """The five section headings, each split into its two tasks (抓X、Y) and its claim."""
    rows = []
    for p in report.paragraphs():
        if p.kind == "heading":
            m = HEADING.match(p.text)
            if m is None:
                raise ValueError(f"a heading not of the form 抓X、Y claim: {p.text!r}")
            rows.append(dict(section=p.section, heading=p.text, grasp=m.group(1),
                             then=m.group(2), claim=m.group(3)))
    return pd.DataFrame(rows)


def slogans() -> pd.DataFrame:
    """Every span the report puts in double quotation marks (“…”), in text order, with its
    section and how often that same slogan is quoted in the report."""
    text = report.cleaned_text()
    rows = [dict(slogan=m.group(1), section=report.locate_offset(m.start()).section,
                 start=m.start()) for m in QUOTED.finditer(text)]
    frame = pd.DataFrame(rows)
    frame["times_quoted"] = frame.groupby("slogan")["slogan"].transform("size")
    return frame


def verb_counts(verbs: tuple[str, ...] = VERBS) -> pd.DataFrame:
    """How often each verb of VERBS stands as a token in each section (and in all), most
    used first; ties in VERBS order."""
    names = set(user_words()["word"])

    def count(tokens: list[str], verb: str) -> int:
        return sum(t == verb or (t.endswith(verb) and t not in names) for t in tokens)

    tokens = {sec: segment(body) for sec, body in section_texts().items()}
    frame = pd.DataFrame({sec: [count(t, v) for v in verbs] for sec, t in tokens.items()},
                         index=verbs)
    frame["total"] = frame.sum(axis=1)
    order = sorted(range(len(verbs)), key=lambda i: -frame["total"].iloc[i])
    return frame.iloc[order]


def kwic(term: str, width: int = 12) -> pd.DataFrame:
    """Keyword in context: every occurrence of term in the cleaned report, with width
    characters either side (within its paragraph), and its section."""
    rows = []
    for p in report.paragraphs():
        if p.kind != "body":
            continue
        for m in re.finditer(re.escape(term), p.text):
            rows.append(dict(section=p.section,
                             left=p.text[max(0, m.start() - width):m.start()],
                             term=term, right=p.text[m.end():m.end() + width]))
    return pd.DataFrame(rows, columns=["section", "left", "term", "right"])


# -- how the parts differ ---------------------------------------------------------------------

MEASURES = ("growth", "level", "count", "gap", "rate", "duration")


def section_stats() -> pd.DataFrame:
    """Each part of the report: its characters (punctuation included, line breaks not), the
    facts it states (facts.csv rows by section), figures per 100 characters, the numbers
    printed in it (every number zhongyuan.analysis.coverage scans, facts and non-quantities), and
    its facts by kind of measure."""
    from ..factbase.load import load_facts
    from .coverage import number_coverage

    facts, cov = load_facts(), number_coverage()
    rows = []
    for s in report.sections():
        mine = facts[facts["section"] == s["id"]]
        chars = len(re.sub(r"\s", "", s["text"]))
        row = dict(section=s["id"], heading_zh=s["heading_zh"], characters=chars,
                   figures=len(mine), figures_per_100_chars=round(100 * len(mine) / chars, 2),
                   numbers_printed=int((cov["section"] == s["id"]).sum()))
        row.update({m: int((mine["measure"] == m).sum()) for m in MEASURES})
        rows.append(row)
    return pd.DataFrame(rows).set_index("section", drop=False).rename_axis(None)


def measure_shares() -> pd.DataFrame:
    """For each part, the share (%) of its figures that are growth rates, levels, counts,
    gaps, completion rates and durations (rows sum to 100; the intro has one figure)."""
    stats = section_stats()
    shares = stats[list(MEASURES)].div(stats["figures"], axis=0) * 100
    return shares.round(1)


# -- auditing the text ------------------------------------------------------------------------
