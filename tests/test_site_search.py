"""The built site in headless Chromium, continued: search and screenshots.

Shares the site that tests/conftest.py builds once per test run (see test_site.py).
"""
from __future__ import annotations

import pytest

from zhongyuan.paths import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("query", ["固定资产投资", "投资"])
def test_search_finds_chinese_terms(server, browser, lang, query):
    page = browser.new_page()
    page.goto(f"{server}{lang}/search.html?q={query}")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15000)
    found = " ".join(results.all_inner_texts())
    assert "01_headline" in " ".join(results.locator("a").evaluate_all("els => els.map(e => e.href)"))
    assert results.count() >= 2, found
    page.close()


def test_screenshots_of_home_and_a_notebook_in_each_edition(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in ("en", "zh"):
        for name in ("index", "01_headline_indicators"):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server}{lang}/{name}.html", wait_until="networkidle")
            shot = ARTIFACTS / f"{lang}-{name}.png"
            page.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
            page.close()
