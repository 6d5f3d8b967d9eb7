"""tests/visible.py: what a reader sees, as the text tests/snapshots/ holds."""
from __future__ import annotations

import nbformat

import visible


def test_notebook_text_numbers_code_cells_as_the_file_does():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('LANG = "en"'), nbformat.v4.new_code_cell("LANG = 'zh'"),
                nbformat.v4.new_markdown_cell("x"), nbformat.v4.new_code_cell("md(...)")]
    nb.cells[1].metadata["tags"] = ["injected-parameters"]
    nb.cells[3].outputs = [nbformat.v4.new_output("display_data", data={
        "text/markdown": "预算收入47.6亿元", "text/plain": "<IPython.core.display.Markdown object at 0x7f00ab>"}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "<Figure size 1100x440 at 0x7f00ab>"},
                               execution_count=2)]
    assert visible.notebook_text(nb) == ("## code cell 2: text/markdown\n预算收入47.6亿元\n"
                                         "## code cell 2: text/plain\n<Figure size 1100x440 at 0xADDRESS>\n")


PAGE = """<html><body><nav class="bd-sidebar"><a href="index.html">主页</a></nav>
<main><article class="bd-article"><section id="id1">
<h1>术语表<a class="headerlink" href="#id1" title="链接到此标题。">#</a></h1>
<p>每个数值都注明了   单位，<em>时段</em>。</p>
<div class="pst-scrollable-table-container"><table class="table"><thead>
<tr><th class="head"><p>指标</p></th><th class="head"><p>数值</p></th></tr></thead><tbody>
<tr><td><p>一般公共预算收入</p></td><td><p>47.6亿元</p></td></tr></tbody></table></div>
<ul><li><a class="reference download internal" href="_downloads/0123abcd/facts.csv"><code>facts.csv</code></a>:
事实</li></ul>
<blockquote><p>原文：“完成47.6亿元”</p></blockquote>
<img src="_images/9f8e7d.png" alt="左图为四项指标的总量">
<p>used 0x7f3a2c at 1.25 s</p>
</section></article></main><footer>© 2026 · built 12:03</footer><script>var x = 1;</script></body></html>"""


def test_page_text_is_the_article_without_the_theme_hashes_or_timings():
    assert visible.page_text(PAGE) == (
        "# 术语表\n每个数值都注明了 单位，时段。\n指标 | 数值\n一般公共预算收入 | 47.6亿元\n"
        "- facts.csv: 事实\n> 原文：“完成47.6亿元”\n[image: 左图为四项指标的总量]\nused 0xADDRESS at TIME\n")


DECK = """<html><body><div class="reveal"><div class="slides">
<section><section><div class="jp-Cell"><h1 id="a">主要指标<a class="anchor-link" href="#a">¶</a></h1></div>
<aside class="notes"><p>报告“抓项目、促消费”部分</p></aside></section></section>
<section><section><h3>增速为−2.9%</h3><img src="data:image/png;base64,iVBORw0KGgo=" alt="推算的全市增速">
<aside class="notes"><p>一般公共预算收入一项</p><p>第二段</p></aside></section>
<section><p>竖向的第二张</p></section></section>
</div></div><script src="reveal.js/dist/reveal.js"></script></body></html>"""


def test_deck_text_is_each_slide_with_its_title_body_and_notes():
    assert visible.deck_text(DECK) == (
        "=== slide 1.1\n# 主要指标\nnotes: 报告“抓项目、促消费”部分\n"
        "=== slide 2.1\n### 增速为−2.9%\n[image: 推算的全市增速]\nnotes: 一般公共预算收入一项\nnotes: 第二段\n"
        "=== slide 2.2\n竖向的第二张\n")


def test_the_decks_contents_page_is_read_as_a_page():
    html = "<html><body><h1>幻灯片</h1><p>按 S 键</p><ol><li><a href='00.slides.html'>概览</a></li></ol></body></html>"
    assert visible.deck_text(html) == "# 幻灯片\n按 S 键\n- 概览\n"
