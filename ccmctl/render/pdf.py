"""A PDF from a document's HTML, printed by headless Chromium where the machine has one.

The browser is ``$CCMCTL_CHROMIUM`` if set, else the first of ``chromium-headless-shell``,
``chromium``, ``chromium-browser``, ``google-chrome`` on the PATH (Debian's
``chromium-headless-shell`` package is the smallest). It prints the page with the page's
own A4 stylesheet and page numbers (CSS ``@page`` margin boxes), without Chromium's
header and footer, offline: the HTML is self-contained, and the browser is started with
its background networking off and a throwaway profile. Chromium stamps the PDF with the
time of printing; :func:`html_to_pdf` sets both dates to the document's day (same length,
so every offset in the file still holds), so the same page prints to the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
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


_STAMP = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}")


def dated(pdf: bytes, day: dt.date) -> bytes:
    """``pdf`` with its creation and modification dates set to ``day`` at midnight."""
    when = f"D:{day:%Y%m%d}000000".encode()
    return _STAMP.sub(lambda m: b"/" + m.group(1) + b" (" + when, pdf)


def html_to_pdf(
    html_text: str,
    browser: str | None = None,
    timeout: float = 120.0,
    day: dt.date | None = None,
) -> bytes:
    """Print ``html_text`` to PDF with headless Chromium; with ``day``, dated that day
    rather than now (byte-stable)."""
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
        pdf = out.read_bytes()
        return dated(pdf, day) if day is not None else pdf
