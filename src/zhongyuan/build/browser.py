"""The Chromium-family browser that prints the PDFs and drives the browser tests, found where
users have one; none is ever downloaded by the project.

Found in this order: the executable that $ZHONGYUAN_BROWSER names (a path or a command), the
system's chromium / chromium-browser / google-chrome / microsoft-edge on PATH, Chrome, Chromium
or Edge installed as a macOS app, then Playwright's own Chromium if the user installed it
(`python -m playwright install chromium`). Only the PDFs need one: the site, the decks and the
data are built without.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

SETTING = "ZHONGYUAN_BROWSER"
COMMANDS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge")
MAC_APPS = ("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge")
HOW = (f"install Chromium or Google Chrome (Debian/Ubuntu: sudo apt-get install chromium), or run "
       f"`.venv/bin/python -m playwright install chromium`, or set {SETTING} to a Chromium-family browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        # every host name resolves to nothing but loopback's: no request can leave the machine
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]


class BrowserSettingError(RuntimeError):
    """$ZHONGYUAN_BROWSER names something that is not an executable."""


def find() -> Path | None:
    """The browser to use, or None when the machine has none (then the PDFs are skipped)."""
    named = os.environ.get(SETTING, "").strip()
    if named:
        found = shutil.which(named)
        if not found:
            raise BrowserSettingError(f"{SETTING}={named!r} is not an executable browser: "
                                      f"unset it, or set it to Chromium's or Chrome's path")
        return Path(found)
    for command in COMMANDS:
        if found := shutil.which(command):
            return Path(found)
    for app in MAC_APPS:
        if os.access(app, os.X_OK):
            return Path(app)
    return _playwrights_own()


def _playwrights_own() -> Path | None:
    """The Chromium that `playwright install chromium` put in its cache, if it did."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = Path(p.chromium.executable_path)
    except Exception:  # Playwright's driver could not start: as good as no browser
        return None
    return path if os.access(path, os.X_OK) else None


def launch(playwright, executable: Path | None = None):
    """A headless browser from a running Playwright (sync or async API); a clear error if
    there is none."""
    executable = executable or find()
    if executable is None:
        raise RuntimeError(f"no Chromium-family browser found to print PDFs: {HOW}")
    return playwright.chromium.launch(executable_path=str(executable), args=ARGS)
