"""Search in both editions: hanzi indexed as overlapping pairs (BigramSearch), so 固定资产投资
and 投资 both find the pages that contain them; the default splitter takes a run of hanzi for
one word."""
from __future__ import annotations

import re

from sphinx.search.en import SearchEnglish

_HANZI = re.compile(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+")

JS_SPLITTER = r"""
function splitQuery(query) {
  const words = query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((t) => t);
  const out = [];
  for (const word of words) {
    for (const run of word.match(/[\u3400-\u9fff]+|[^\u3400-\u9fff]+/g)) {
      if (!/[\u3400-\u9fff]/.test(run) || run.length < 2) { out.push(run); continue; }
      for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
    }
  }
  return out;
}
"""


def bigrams(word: str) -> list[str]:
    """Split a word into its non-hanzi runs and the overlapping pairs of its hanzi runs."""
    out = []
    for run in _HANZI.findall(word):
        if len(run) < 2 or not "\u3400" <= run[0] <= "\u9fff":
            out.append(run)
        else:
            out += [run[i:i + 2] for i in range(len(run) - 1)]
    return out


class BigramSearch(SearchEnglish):
    """English search, with hanzi indexed as overlapping pairs (the query split the same way)."""

    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:
        return [b for word in super().split(input) for b in bigrams(word)]
