"""The main job and its command line: execute every notebook afresh into build/ and render
it to HTML (make report).

    python -m zhongyuan.build            # both editions, en and zh
    python -m zhongyuan.build --lang en  # one edition

notebooks/ is only read. Output goes to a fresh folder that replaces build/site only when
every notebook has run, so a failure leaves the previous site whole. A notebook run whose
inputs have not changed is taken from build/cache (zhongyuan.build.cache), and an edition whose
notebooks all came from there is not built again. Ctrl-C or SIGTERM stops the build at once,
quietly, with its kernels and its temporary folder, and leaves the previous site in place.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from ..factbase.paths import ROOT
from ..present.i18n import LANGS
from ..present.navigation import NOTEBOOKS, notebook_paths
from . import browser, cache, site
from .execute import (
    STOP_SIGNALS,
    Interrupted,
    NotebookFailed,
    _doing,
    _on_stop_signal,
    _start_pool,
    _stop_workers,
    _submit,
    execute_all,
)

BUILD = ROOT / "build"


EDITION_INPUTS = ".zhongyuan-inputs"  # in each edition's folder: the key it was built from


def _link_tree(src: Path, dest: Path) -> None:
    """A copy of a built edition made of hard links (instant; the old site is only ever
    replaced, never written into), or of copies where links are refused."""
    def link(a, b):
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)
    shutil.copytree(src, dest, copy_function=link)


def _edition_job(lang: str, notebooks: dict, work: str, html: str, workspace: str | None, key: str,
                 jobs: int) -> float:
    """One edition's build (zhongyuan.build.site), in a process of its own: seconds taken."""

    start = time.perf_counter()
    site.build_edition(lang, notebooks, Path(work), Path(html), workspace and Path(workspace), key, jobs)
    return time.perf_counter() - start


def build(langs=LANGS, out: Path = BUILD, jobs: int | None = None, folder: Path = NOTEBOOKS,
          cache_dir: Path | None = None) -> Path:
    """Execute every notebook in each language and render the site into out/site.

    Built in a fresh folder beside the old site and swapped in only when complete: a
    failure leaves the previous site whole. With cache_dir (make report: build/cache), runs
    whose inputs are unchanged are reused, and so is an edition whose runs all are. jobs
    (default: one per core) bounds the processes at work at once: with more than one, each
    edition is built in a process of its own as soon as its notebooks have run, beside the
    runs of the next; with one, everything is done one thing at a time.
    """
    import fcntl
    from concurrent.futures import as_completed

    jobs = jobs or os.cpu_count() or 1
    paths = notebook_paths(folder)
    out = Path(out).resolve()  # the site's pages get file:// links, which need absolute paths
    out.mkdir(parents=True, exist_ok=True)
    lock = open(out / ".lock", "w")  # two builds at once take turns instead of mixing
    fcntl.flock(lock, fcntl.LOCK_EX)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        html = work / "site"
        store, keys, sources = (cache.Store(cache_dir), {}, {}) if cache_dir else (None, None, None)
        if store is not None:
            shared = cache.environment_key([folder, NOTEBOOKS])
            sources = {p.name: p.read_bytes() for p in paths}
            keys = {(p.name, lang): cache.run_key(sources[p.name], {"LANG": lang}, shared)
                    for lang in langs for p in paths}
            sources = {name: data.decode("utf-8") for name, data in sources.items()}

        # an edition is reused only if made from the same runs with the same browser, or as then
        # without one: after `make browser`, the next make report prints the PDFs it could not before
        printer = str(browser.find() or "no browser")
        edition_keys = {lang: cache.combine(lang, printer, *(keys[(p.name, lang)] for p in paths)) if keys else None
                        for lang in langs}

        def reusable(lang) -> bool:
            previous = out / "site" / lang / EDITION_INPUTS
            return bool(edition_keys[lang]) and previous.is_file() and previous.read_text() == edition_keys[lang]

        site_pool = _start_pool(len(langs), edition=True) if len(langs) > 1 and jobs > 1 else None
        if site_pool is not None:
            for lang in langs:
                if not reusable(lang):  # a worker imports Sphinx and co. for it while the notebooks run
                    _submit(site_pool, site.prepare)
        building, later = {}, []

        def built(lang, seconds):
            if edition_keys[lang]:
                (html / lang / EDITION_INPUTS).write_text(edition_keys[lang])
            print(f"site: {lang} edition built in {seconds:.1f}s", flush=True)

        def edition(lang, notebooks):  # while the workers run the next language
            if reusable(lang):
                _link_tree(out / "site" / lang, html / lang)
                print(f"site: {lang} edition unchanged, reused", flush=True)
                return
            job = (lang, notebooks, str(work), str(html), cache_dir and str(cache_dir / f"edition-{lang}"),
                   shared if store is not None else "", jobs)
            if site_pool is not None:
                building[_submit(site_pool, _edition_job, *job)] = lang
            else:  # after the notebooks, in this process
                later.append(job)

        try:
            execute_all(paths, langs, jobs, each_language=edition, store=store, keys=keys, sources=sources)
            for job in later:
                _doing[0] = f"building the {job[0]} edition of the site"
                built(job[0], _edition_job(*job))
            _doing[0] = f"building the site ({', '.join(building.values())})"
            for future in as_completed(building):
                built(building[future], future.result())  # a Sphinx failure propagates
        except BaseException:
            if site_pool is not None:
                _stop_workers(site_pool)
            raise
        if site_pool is not None:  # its workers end while the new site is put in place
            site_pool.shutdown(wait=False)
        (html / "index.html").write_text(site.landing_page(), encoding="utf-8")
        html.chmod(0o755)
        target, old = out / "site", out / f"{work.name}-old"
        _doing[0] = "putting the new site in place"
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # no moment without a whole site
        try:
            if target.exists():
                target.rename(old)
            html.rename(target)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        _doing[0] = "finishing (the new site is already in place)"
        shutil.rmtree(old, ignore_errors=True)
        if store is not None and cache.environment_key([folder, NOTEBOOKS]) != shared:
            # data/ or src/ changed while the notebooks ran: what ran is not known, keep none
            store.drop(keys.values())
            for lang in langs:
                (target / lang / EDITION_INPUTS).unlink(missing_ok=True)
            print("note: data/ or src/ changed during the build; its runs were not kept in the cache",
                  flush=True)
        if store is not None and set(langs) == set(LANGS):
            store.prune(set(keys.values()))  # keep what this build used
        return target / "index.html"
    finally:
        shutil.rmtree(work, ignore_errors=True)
        lock.close()  # releases the lock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGS, action="append",
                        help="edition(s) to build (default: all)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes at work at once: notebooks, editions, pages printed (default: one per core)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="folder of notebooks to run")
    parser.add_argument("--out", type=Path, default=BUILD, help="build folder (the site goes to OUT/site)")
    parser.add_argument("--no-cache", action="store_true",
                        help="execute every notebook again (default: reuse runs from OUT/cache when unchanged)")
    parser.add_argument("--refresh", action="store_true",
                        help="re-execute the committed notebooks in place (for maintainers, after a change)")
    parser.add_argument("--only", nargs="+", metavar="NN", default=None,
                        help="with --refresh: only these notebooks (by number, 03, or file name)")
    args = parser.parse_args(argv)
    for s in STOP_SIGNALS:  # Ctrl-C (to the whole group) or SIGTERM (a CI time-out, kill PID)
        signal.signal(s, _on_stop_signal)
    if args.refresh:
        import nbformat

        try:
            paths = [p for p in notebook_paths(args.notebooks)
                     if not args.only or any(p.name.startswith(n) or p.name == n for n in args.only)]
            if not paths:
                print(f"error: no notebook in {args.notebooks} matches {args.only}", file=sys.stderr)
                return 2
            executed = execute_all(paths, [None], args.jobs or os.cpu_count() or 1)[None]
        except Interrupted as stop:
            print(f"Interrupted ({stop}) while {_doing[0]}: {args.notebooks} is unchanged.", file=sys.stderr)
            return 128 + stop.signum
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # write all of them or none
        for name, nb in executed.items():
            nbformat.write(nb, args.notebooks / name)
        print(f"Refreshed {len(executed)} notebooks in {args.notebooks}")
        return 0
    try:
        index = build(tuple(args.lang or LANGS), out=args.out, jobs=args.jobs, folder=args.notebooks,
                      cache_dir=None if args.no_cache else args.out / "cache")
    except (NotebookFailed, RuntimeError) as exc:
        print(f"error: {exc}\nThe previous site, if any, is unchanged.", file=sys.stderr)
        return 1
    except Interrupted as stop:
        site = args.out / "site"
        print(f"Interrupted ({stop}) while {_doing[0]}: "
              + ("the new site is in place." if _doing[0].startswith("finishing") else
                 f"the previous site ({site}) is untouched." if site.exists() else "no site was written."),
              file=sys.stderr)
        return 128 + stop.signum
    if browser.find() is None:
        print(f"The PDF handout was skipped: no Chromium-family browser was found. To get it, {browser.HOW}.")
    print(f"Done. Open {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
