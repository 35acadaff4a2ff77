"""The documents in a real browser: headless Chromium (Debian's chromium-headless-shell,
driven by Playwright, which downloads no browser of its own) opens the HTML report and a
country brief, prints them to PDF on A4 and takes a PNG, and the test checks what a reader
would: no console error, one shape or dot per state on the map, no table wider than the A4
text column, a page count in the expected range.

Skipped when no Chromium is found, unless CCMCTL_REQUIRE_BROWSER=1 (set by .ci/run), which
makes a missing browser a failure."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from conftest import DATA, run

from ccmctl.render.pdf import find_browser

BROWSER = find_browser()
if BROWSER is None:
    if os.environ.get("CCMCTL_REQUIRE_BROWSER") == "1":
        raise RuntimeError(
            "CCMCTL_REQUIRE_BROWSER=1 but no headless Chromium was found "
            "(install Debian's chromium-headless-shell)"
        )
    pytest.skip("no headless Chromium (install chromium-headless-shell)", allow_module_level=True)

STATES = len(list((DATA / "states").glob("*.yaml")))
A4_TEXT_PX = (210 - 16 - 16) / 25.4 * 96
"""The A4 text column of base.html.j2 (16 mm margins), in CSS pixels."""
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=BROWSER, args=FLAGS)
        yield b
        b.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": round(A4_TEXT_PX), "height": 1100})
    errors: list[str] = []
    page.on(
        "console",
        lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on(
        "request",
        lambda r: (
            errors.append(f"request: {r.url}") if not r.url.startswith(("file:", "data:")) else None
        ),
    )
    page.goto(path.as_uri(), wait_until="load")
    page.emulate_media(media="print")
    return page, errors


def check(page, errors: list[str], tmp_path: Path, name: str, pages: range) -> int:
    from pypdf import PdfReader

    wide = page.evaluate(
        """(limit) => [...document.querySelectorAll('table')]
            .filter(t => t.getBoundingClientRect().width > limit + 0.5
                      || t.scrollWidth > t.clientWidth + 0.5)
            .map(t => t.getBoundingClientRect().width)""",
        A4_TEXT_PX,
    )
    assert wide == [], f"{name}: tables wider than the A4 text column: {wide}"
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    assert count in pages, f"{name}: {count} pages"
    png = page.screenshot(full_page=False)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    assert errors == [], errors
    return count


def test_report_in_the_browser(browser, runner, tmp_path):
    out = tmp_path / "12msp.html"
    assert run(runner, "report", "12msp", "--format", "html", "-o", str(out)).exit_code == 0
    page, errors = open_page(browser, out)
    marks = page.evaluate("[...document.querySelectorAll('[data-iso3]')].map(e => e.dataset.iso3)")
    assert len(marks) == len(set(marks)) == STATES
    drawn = page.evaluate(
        """[...document.querySelectorAll('[data-iso3]')]
            .filter(g => { const b = g.getBBox(); return b.width > 0 && b.height > 0; }).length"""
    )
    assert drawn == STATES, "every state has a visible shape or dot"
    figures = page.evaluate("document.querySelectorAll('figure svg').length")
    assert figures == 4
    check(page, errors, tmp_path, "report", range(5, 13))
    page.close()


@pytest.mark.parametrize("state", ["IDN", "USA"])
def test_brief_in_the_browser(browser, runner, tmp_path, state):
    out = tmp_path / f"{state}.html"
    args = ["show", state, "--format", "html", "--as-of", "2024-09-10", "-o", str(out)]
    assert run(runner, *args).exit_code == 0
    page, errors = open_page(browser, out)
    assert page.evaluate("document.querySelectorAll('h2').length") >= 4
    check(page, errors, tmp_path, state, range(1, 2))  # one page: tests/test_brief_page.py
    page.close()


def test_pdf_from_the_command_line(runner, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "12msp.pdf"
    result = run(runner, "report", "12msp", "--format", "pdf", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) in range(5, 13)
    first = reader.pages[0].extract_text()
    assert "Executive summary" in first and f"Page 1 of {len(reader.pages)}" in first
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_a_pdf_printed_twice_is_the_same_bytes(runner, tmp_path: Path):
    """Chromium stamps the time of printing; ccmctl dates the PDF by its as-of day."""
    import time

    from pypdf import PdfReader

    printed = []
    for name in ("a.pdf", "b.pdf"):
        out = tmp_path / name
        result = run(runner, "report", "12msp", "--format", "pdf", "-o", str(out))
        assert result.exit_code == 0, result.stderr
        printed.append(out.read_bytes())
        time.sleep(1.1)  # a clock in the bytes would differ by now
    assert printed[0] == printed[1]
    meta = PdfReader(io.BytesIO(printed[0])).metadata
    assert meta is not None
    assert meta["/CreationDate"].startswith("D:20240910000000")  # 12MSP's as-of day
    assert meta["/ModDate"].startswith("D:20240910000000")
