"""A PDF from a document's HTML, printed by headless Chromium where the machine has one.

The browser is ``$CCMCTL_CHROMIUM`` if set, else the first of ``chromium-headless-shell``,
``chromium``, ``chromium-browser``, ``google-chrome`` on the PATH (Debian's
``chromium-headless-shell`` package is the smallest). It prints the page with the page's
own A4 stylesheet and page numbers (CSS ``@page`` margin boxes), without Chromium's
header and footer, offline: the HTML is self-contained, and the browser is started with
its background networking off and a throwaway profile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


class BrowserError(Exception):
    """No browser, or the browser failed: the message says which."""


def find_browser() -> str | None:
    """The path of a headless Chromium, or None."""
    env = os.environ.get("CCMCTL_CHROMIUM")
    if env:
        return env if Path(env).is_file() else shutil.which(env)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html_text: str, browser: str | None = None, timeout: float = 120.0) -> bytes:
    """Print ``html_text`` to PDF with headless Chromium."""
    exe = browser or find_browser()
    if exe is None:
        raise BrowserError(
            "no headless Chromium found (install Debian's chromium-headless-shell or chromium, "
            "or set CCMCTL_CHROMIUM to its path)"
        )
    with tempfile.TemporaryDirectory(prefix="ccmctl-pdf-") as tmp:
        page = Path(tmp) / "document.html"
        out = Path(tmp) / "document.pdf"
        page.write_text(html_text, encoding="utf-8")
        cmd = [
            exe,
            *FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BrowserError(f"{exe}: {exc}") from None
        if done.returncode != 0 or not out.is_file():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise BrowserError(f"{exe} exited {done.returncode}: {' '.join(tail)}")
        return out.read_bytes()
