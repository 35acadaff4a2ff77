"""ccmctl.render: the reporters turn rows into text that the data cannot take over."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import enum
import io
import json
import subprocess
import sys
from typing import Any

import pytest
from markdown_it import MarkdownIt

from ccmctl.render import github, ics, markdown, table
from ccmctl.render.cells import Column, cell, safe_terminal
from ccmctl.render.csv import to_csv
from ccmctl.render.json import to_json

MARKUP = ["Indo [/bold] nesia", "[link=https://evil]x[/link]"]
# Clear screen, set window title, an OSC 8 hyperlink (ST-terminated), a C1 CSI.
HOSTILE = "a\x1b[2Jb\x1b]0;pwned\x07c\x1b]8;;https://evil\x1b\\d\x1b]8;;\x1b\\e\x9b31mf"
COLS = [Column("name", "Name"), ("note", "Note")]  # both column forms


# --- cells -------------------------------------------------------------------------------


class Verdict(enum.Enum):
    MET = "met"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"met": "met", "unknown": "unknown (no data)"}[self.value]

    @property
    def json(self) -> bool | None:
        return True if self is Verdict.MET else None


def test_cell_values() -> None:
    assert cell(None) == ""
    assert (cell(True), cell(False)) == ("yes", "no")
    assert cell(["a", "b"]) == "a, b"
    assert cell(dt.date(2010, 8, 1)) == "2010-08-01"
    assert cell(Verdict.UNKNOWN) == "unknown (no data)"
    assert cell(3) == "3"


def test_safe_terminal_removes_escapes_and_invisible_characters() -> None:
    assert safe_terminal(HOSTILE) == "abcdef"
    assert safe_terminal("x\u202ey\u2066z\u2069") == "xyz"  # bidi override / isolates
    assert safe_terminal("Indo\u200bne\u200dsia\ufeff") == "Indonesia"  # zero-width
    assert safe_terminal("a\r\nb\tc\x00\x7f") == "a\nb\tc"  # \n and \t kept
    assert safe_terminal("Côte d’Ivoire 中文") == "Côte d’Ivoire 中文"  # untouched


# --- tables ------------------------------------------------------------------------------


def test_rich_table_prints_markup_literally_and_makes_no_link() -> None:
    rows = [{"name": MARKUP[0], "note": MARKUP[1]}]
    out = table.rich_table(rows, [("name", "[bold]Name"), ("note", "Note")], "[red]T", 100)
    for text in [*MARKUP, "[bold]Name", "[red]T"]:
        assert text in out
    assert "\x1b]8" not in out  # no OSC 8 hyperlink
    assert "https://evil" in out  # shown as text, not swallowed


def test_escapes_in_data_are_stripped_in_plain_and_rich() -> None:
    rows: list[dict[str, Any]] = [{"name": HOSTILE, "note": "x\u202ey"}]
    plain = table.plain(rows, COLS)
    assert "abcdef" in plain and "xy" in plain
    assert "\x1b" not in plain and "\x9b" not in plain and "\u202e" not in plain
    rich = table.rich_table(rows, COLS, width=100)
    assert "abcdef" in rich
    assert "\x1b]" not in rich and "\x1b[2J" not in rich and "\x9b" not in rich
    assert "\u202e" not in rich


def test_plain_aligns_and_keeps_one_row_per_line() -> None:
    rows: list[dict[str, Any]] = [
        {"name": "Lao PDR", "note": "one\ntwo"},
        {"name": "Chad", "note": None},
    ]
    out = table.plain(rows, COLS, title="States")
    assert out.splitlines() == [
        "States",
        "",
        "Name     Note",
        "-------  ---------",
        "Lao PDR  one / two",
        "Chad",
    ]
    assert table.table(rows, COLS, terminal=False) == table.plain(rows, COLS)


# --- CSV ---------------------------------------------------------------------------------


def test_csv_neutralises_formulas_and_reads_back() -> None:
    values = ["=1+1", "+x", "-x", "@x", "\tx", "\rx"]
    text = to_csv([{"name": v, "note": "ok"} for v in values], COLS)
    back = list(csv.reader(io.StringIO(text)))
    assert back[0] == ["name", "note"]
    assert [r[0] for r in back[1:]] == ["'" + v for v in values]
    assert all(r[1] == "ok" for r in back[1:])


def test_csv_quotes_a_lone_carriage_return() -> None:
    text = to_csv([{"name": "a\rb", "note": "c\r\nd"}], COLS)
    assert list(csv.reader(io.StringIO(text))) == [["name", "note"], ["a\rb", "c\r\nd"]]


def test_csv_keeps_real_negative_numbers() -> None:
    text = to_csv([{"name": -3, "note": "-3"}, {"name": -0.5, "note": True}], COLS)
    assert list(csv.reader(io.StringIO(text)))[1:] == [["-3", "'-3"], ["-0.5", "yes"]]


# --- JSON --------------------------------------------------------------------------------


class Kind(str, enum.Enum):
    REPORT = "report"


@dataclasses.dataclass(frozen=True)
class Deadline:
    due: dt.date
    kind: Kind
    verdict: Verdict
    tags: frozenset[str]


def test_json_handles_dates_enums_verdicts_dataclasses_and_sets() -> None:
    data = {
        "z": Deadline(dt.date(2026, 1, 31), Kind.REPORT, Verdict.UNKNOWN, frozenset({"b", "a"})),
        "a": [Verdict.MET, dt.date(2020, 2, 29)],
        "name": "Côte d’Ivoire",
    }
    text = to_json(data)
    assert text.endswith("}\n") and "Côte d’Ivoire" in text and '\n  "z": {' in text
    assert list(json.loads(text)) == ["z", "a", "name"]  # order kept, nothing sorted
    assert json.loads(text) == {
        "z": {"due": "2026-01-31", "kind": "report", "verdict": None, "tags": ["a", "b"]},
        "a": [True, "2020-02-29"],
        "name": "Côte d’Ivoire",
    }
    with pytest.raises(TypeError):
        to_json({"x": object()})


def test_importing_json_reporter_does_not_import_rich_or_icalendar() -> None:
    code = (
        "import sys, ccmctl.render.json, ccmctl.render.csv, ccmctl.render.table; "
        "print(sorted(m for m in ('rich', 'icalendar') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- Markdown ----------------------------------------------------------------------------

MD = MarkdownIt("commonmark").enable("table")


def test_markdown_cell_is_inert_and_keeps_column_count() -> None:
    rows = [{"name": "![x](http://e/i.png) <script>a|b", "note": "[y](http://e) <b>z</b>"}]
    html = MD.render(markdown.to_markdown(rows, COLS, title="<img src=x> [t](http://e)"))
    assert "<img" not in html and "<a" not in html and "<script" not in html
    assert "<b>" not in html
    body = html.split("<tbody>")[1]
    assert body.count("<td>") == 2
    assert "![x](http://e/i.png) &lt;script&gt;a|b" in body  # the same characters, as text


def test_markdown_newline_becomes_line_break() -> None:
    html = MD.render(markdown.to_markdown([{"name": "one\ntwo", "note": "x"}], COLS))
    assert "<td>one<br>two</td>" in html
    assert html.split("<tbody>")[1].count("<tr>") == 1


def test_markdown_prose_cannot_open_a_block() -> None:
    for text in ["# h", "- x", "1. x", "    code", "> q", "a\n===", "```\nx"]:
        html = MD.render(markdown.escape_text(text))
        assert html.startswith("<p>") and html.count("<p>") == 1, (text, html)


# --- GitHub annotations ------------------------------------------------------------------


def _unescape(text: str) -> str:
    for code, ch in [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]:
        text = text.replace(code, ch)
    return text


def _parse(command: str) -> tuple[str, dict[str, str], str]:
    """Parse as the Actions runner does: ``::name k=v,k=v::data``."""
    assert command.startswith("::")
    head, _, data = command[2:].partition("::")
    name, _, props = head.partition(" ")
    pairs = (p.split("=", 1) for p in props.split(",") if p)
    return name, {k: _unescape(v) for k, v in pairs}, _unescape(data)


def test_github_annotation_stays_one_line_and_parses_back() -> None:
    file, title, message = "a\n::error::x.yaml", "bad, worse: 100%", "line 1\r\nline 2 :: 5%"
    line = github.annotation("error", file, 7, title, message)
    assert "\n" not in line and "\r" not in line
    assert _parse(line) == ("error", {"file": file, "line": "7", "title": title}, message)
    assert github.annotation("warning", "f.yaml", None, None, "m") == "::warning file=f.yaml::m"
    with pytest.raises(ValueError):
        github.annotation("debug", None, None, None, "m")  # type: ignore[arg-type]


# --- iCalendar ---------------------------------------------------------------------------


def test_ics_last_day_does_not_raise_and_exports_are_byte_identical() -> None:
    events = [
        ics.CalEvent("far@ccmctl", dt.date.max, "End\x1b[31m of time", "a\nb, c", ("report",)),
        ics.CalEvent("near@ccmctl", dt.date(2026, 8, 1), "Art. 7", "", ()),
    ]
    one = ics.to_ics(events, dt.date(2026, 11, 22), "CCM deadlines")
    two = ics.to_ics(list(events), dt.date(2026, 11, 22), "CCM deadlines")
    assert one == two
    text = one.decode()
    assert "DTSTART;VALUE=DATE:99991231\r\nDURATION:P1D" in text
    assert "DTEND;VALUE=DATE:20260802" in text
    assert text.count("DTSTAMP:20261122T000000Z") == 2
    assert "\x1b" not in text and "SUMMARY:End of time" in text

    from icalendar import Calendar

    parsed = Calendar.from_ical(one)
    far = parsed.walk("VEVENT")[0]
    assert str(far["DESCRIPTION"]) == "a\nb, c"
    assert "DTEND" not in far
