"""What a reader sees, in both editions, compared with text recorded in tests/snapshots/:

    tests/snapshots/LANG/notebooks/NN_name.txt  each notebook's outputs, as the build executed it
    tests/snapshots/LANG/pages/NAME.txt         each page the build generates (home, glossary,
                                                facts, readings, downloads, and any new one)
    tests/snapshots/LANG/decks/NN_name.txt      each deck, slide by slide: title, body, notes
    tests/snapshots/LANG/decks/index.txt        the decks' contents page

Everything is read from the site the `built` fixture (tests/conftest.py) builds once per run:
no notebook is executed here. tests/visible.py turns notebooks, pages and decks into text and
sanitizes it with tests/sanitize.cfg, as nbval does. (nbval goes on comparing the committed
English notebooks with their own outputs; this covers what it does not see.)

A difference fails the test with the page, deck or notebook named and a unified diff. After
a change meant to alter what readers see, record the snapshots again and read the diff:

    make snapshots
    git diff tests/snapshots/

(make snapshots runs this file with --snapshot-update: it writes every snapshot from this
build, records new pages and decks, and deletes the snapshots of any that are gone.)
"""
from __future__ import annotations

import difflib
import functools
from pathlib import Path

import pytest

import visible
from zhongyuan.factbase.paths import ROOT
from zhongyuan.present import navigation

SNAPSHOTS = Path(__file__).parents[1] / "snapshots"
LANGS = ("en", "zh")
STEMS = [p.stem for p in navigation.notebook_paths()]
PAGES = ["index", "glossary", "facts", "readings", "downloads"]  # and any other the build makes
SPHINX_OWN = {"genindex", "search"}  # Sphinx's, not the collection's
DIFF_LINES = 150  # shown at most; the whole diff is `git diff` after make snapshots


# -- what the build shows ----------------------------------------------------------------------

@functools.cache
def _notebooks(site: Path, lang: str) -> dict:
    return visible.executed_notebooks(site, lang)


def generated_pages(site: Path, lang: str) -> dict[str, Path]:
    """The edition's pages that are not a notebook's (home, glossary, ...), by name."""
    return {p.stem: p for p in sorted((site / lang).glob("*.html"))
            if p.stem not in SPHINX_OWN and p.stem not in set(STEMS)}


def decks(site: Path, lang: str) -> dict[str, Path]:
    """The edition's decks by notebook stem, and their contents page as 'index'."""
    return {p.name.removesuffix(".html").removesuffix(".slides"): p
            for p in sorted((site / lang / "slides").glob("*.html"))}


def shown(site: Path, lang: str, kind: str, name: str) -> str | None:
    """The text of one notebook, page or deck in the build; None if the build has none."""
    if kind == "notebooks":
        nb = _notebooks(site, lang).get(name)
        return None if nb is None else visible.notebook_text(nb)
    path = (generated_pages if kind == "pages" else decks)(site, lang).get(name)
    if path is None:
        return None
    html = path.read_text(encoding="utf-8")
    return visible.page_text(html) if kind == "pages" else visible.deck_text(html)


WHAT = {"notebooks": "notebook {name}.ipynb's outputs", "pages": "page {name}.html",
        "decks": "deck {name}.slides.html"}


def _what(lang: str, kind: str, name: str) -> str:
    what = "the decks' contents page slides/index.html" if (kind, name) == ("decks", "index") else WHAT[kind]
    return f"the {lang} edition's {what.format(name=name)}"


# -- the snapshots -----------------------------------------------------------------------------

def _recorded(lang: str, kind: str) -> set[str]:
    return {p.stem for p in (SNAPSHOTS / lang / kind).glob("*.txt")}


def _cases(kind: str, known: list[str]) -> list:
    """(lang, name) for what the build is known to make and for every snapshot on file (one
    whose page is gone fails until it is deleted)."""
    return [pytest.param(lang, name, id=f"{lang}/{name}")
            for lang in LANGS for name in sorted(set(known) | _recorded(lang, kind))]


class Snapshots:
    def __init__(self, update: bool, site: Path):
        self.update, self.site = update, site

    def check(self, lang: str, kind: str, name: str) -> None:
        __tracebackhide__ = True
        rel = f"{lang}/{kind}/{name}.txt"
        file, what = SNAPSHOTS / rel, _what(lang, kind, name)
        actual = shown(self.site, lang, kind, name)
        for root in {str(self.site), str(ROOT)}:  # stable text: no absolute path of this machine
            line = next((x for x in (actual or "").splitlines() if root in x), None)
            if line is not None:
                pytest.fail(f"{what} shows an absolute path of this machine ({root}), so no snapshot can hold "
                            f"it: it must not depend on where the site was built. Remove it from what readers "
                            f"see, or add a rule to tests/sanitize.cfg. The line:\n{line}", pytrace=False)
        if self.update:
            if actual is None:
                file.unlink(missing_ok=True)
            elif not file.exists() or file.read_text(encoding="utf-8") != actual:
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_text(actual, encoding="utf-8")
            return
        if actual is None:
            pytest.fail(f"{what} is no longer built, but its snapshot tests/snapshots/{rel} is still there.\n"
                        "If that is meant, `make snapshots` deletes it.", pytrace=False)
        if not file.exists():
            pytest.fail(f"{what} has no snapshot (tests/snapshots/{rel}): record it with `make snapshots`, "
                        f"then read it and commit it. It begins:\n" + "\n".join(actual.splitlines()[:30]),
                        pytrace=False)
        expected = file.read_text(encoding="utf-8")
        if actual != expected:
            diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                             f"tests/snapshots/{rel} (recorded)", f"{what} (this build)",
                                             lineterm="", n=2))
            more = [f"... and {len(diff) - DIFF_LINES} more lines of diff"] if len(diff) > DIFF_LINES else []
            pytest.fail(f"{what} differs from its snapshot tests/snapshots/{rel}.\n"
                        "If the change is meant: `make snapshots`, then read `git diff tests/snapshots/` "
                        "and commit it.\n\n" + "\n".join(diff[:DIFF_LINES] + more), pytrace=False)


@pytest.fixture
def snapshots(built, request) -> Snapshots:
    return Snapshots(request.config.getoption("snapshot_update"), built)


# -- the tests ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "name"), _cases("notebooks", STEMS))
def test_notebook_outputs(snapshots, lang, name):
    snapshots.check(lang, "notebooks", name)


@pytest.mark.parametrize(("lang", "name"), _cases("pages", PAGES))
def test_page_text(snapshots, lang, name):
    snapshots.check(lang, "pages", name)


@pytest.mark.parametrize(("lang", "name"), _cases("decks", STEMS + ["index"]))
def test_deck_text(snapshots, lang, name):
    snapshots.check(lang, "decks", name)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_and_deck_of_the_build_has_a_snapshot(snapshots, built, lang):
    """A page or deck added to the build (a teacher's guide, a brief) is compared too: the
    tests above know only those listed here and those already recorded."""
    failures = []
    for kind, found, known in (("pages", generated_pages(built, lang), PAGES),
                               ("decks", decks(built, lang), STEMS + ["index"])):
        for name in sorted(set(found) - set(known) - _recorded(lang, kind)):
            try:
                snapshots.check(lang, kind, name)
            except pytest.fail.Exception as failure:
                failures.append(str(failure))
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
