"""Debian's headless Chromium, as the handout printer and the browser tests launch it.

No browser download (Playwright's own builds are not fetched): the system chromium, with
the switches that stop it calling home (this machine has no network beyond the package
registries, and a page of ours must never need one).
"""
from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        # every host name resolves to nothing but loopback's: no request can leave the machine
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]


def launch(playwright):
    """A headless Chromium from a running sync_playwright(); a clear error if it is missing."""
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian's chromium is needed to print the handout: "
                           "apt-get install chromium fonts-wqy-microhei (make report does it as root)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
