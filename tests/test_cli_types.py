"""Option converters, through a tiny Typer app: good values arrive converted, bad ones exit 2."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

import pytest
import typer
from typer.testing import CliRunner

from ccmctl.cli.types import Count, DateOrMeeting, Duration, MeetingRef, Span

D = dt.date
seen: dict[str, Any] = {}

app = typer.Typer()


@app.command()
def probe(
    when: Annotated[
        object | None,
        typer.Option("--when", parser=DateOrMeeting(), metavar=DateOrMeeting.metavar),
    ] = None,
    within: Annotated[
        Span, typer.Option("--within", parser=Duration(), metavar=Duration.metavar)
    ] = "30d",  # type: ignore[assignment]  # a string default goes through the parser
    limit: Annotated[
        int | None, typer.Option("--limit", parser=Count(), metavar=Count.metavar)
    ] = None,
    offset: Annotated[int, typer.Option("--offset", parser=Count(minimum=0))] = 0,
    at: Annotated[list[object] | None, typer.Option("--at", parser=DateOrMeeting())] = None,
) -> None:
    seen.clear()
    seen.update(when=when, within=within, limit=limit, offset=offset, at=at)


@pytest.fixture
def invoke() -> Any:
    runner = CliRunner()

    def run(*args: str) -> Any:
        seen.clear()
        return runner.invoke(app, list(args))

    return run


def _message(output: str) -> str:
    """The error text without the box Typer draws around it, on one line."""
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", output).split())


def test_defaults(invoke: Any) -> None:
    result = invoke()
    assert result.exit_code == 0, result.output
    assert seen == {
        "when": None,
        "within": Span(30, "days"),
        "limit": None,
        "offset": 0,
        "at": None,
    }


# -- DateOrMeeting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-10-03", D(2016, 10, 3)),
        ("1900-01-01", D(1900, 1, 1)),
        ("9998-12-31", D(9998, 12, 31)),
        ("2016-02-29", D(2016, 2, 29)),
        ("12msp", MeetingRef("12msp")),
        ("2RC", MeetingRef("2rc")),
        ("1Msp", MeetingRef("1msp")),
        ("012msp", MeetingRef("12msp")),
    ],
)
def test_date_or_meeting_good(invoke: Any, text: str, expected: object) -> None:
    result = invoke("--when", text)
    assert result.exit_code == 0, result.output
    assert seen["when"] == expected
    assert type(seen["when"]) is type(expected)  # a date, not a datetime


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2016-10-3", "'2016-10-3' is neither a date (YYYY-MM-DD) nor a meeting id such as 12msp"),
        ("tomorrow", "'tomorrow' is neither a date (YYYY-MM-DD) nor a meeting id such as 12msp"),
        ("12", "is neither a date"),
        ("msp", "is neither a date"),
        ("12 msp", "is neither a date"),
        ("12mspx", "is neither a date"),
        ("20161003", "is neither a date"),  # date.fromisoformat() would take it
        ("2016-W40-1", "is neither a date"),  # and this
        ("٢٠١٦-١٠-٠٣", "is neither a date"),  # Arabic-Indic digits
        ("١٢msp", "is neither a date"),
        ("2016-02-30", "'2016-02-30' is not a day of the calendar"),
        ("2016-13-01", "is not a day of the calendar"),
        ("1899-12-31", "'1899-12-31' is outside the range ccmctl computes"),
        ("9999-01-01", "is outside the range ccmctl computes (1900-01-01..9998-12-31)"),
        ("0msp", "meetings are numbered from 1"),
    ],
)
def test_date_or_meeting_bad(invoke: Any, text: str, message: str) -> None:
    result = invoke("--when", text)
    assert result.exit_code == 2
    assert "Invalid value for '--when'" in _message(result.output)
    assert message in _message(result.output)
    assert seen == {}


def test_date_or_meeting_repeated(invoke: Any) -> None:
    result = invoke("--at", "2016-10-03", "--at", "13MSP")
    assert result.exit_code == 0, result.output
    assert seen["at"] == [D(2016, 10, 3), MeetingRef("13msp")]


def test_meeting_ref_str() -> None:
    assert str(MeetingRef("12msp")) == "12msp"


# -- Duration --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30", Span(30, "days")),
        ("30d", Span(30, "days")),
        ("6w", Span(6, "weeks")),
        ("6 w", Span(6, "weeks")),
        ("3m", Span(3, "months")),
        ("1y", Span(1, "years")),
        ("1Y", Span(1, "years")),
        (" 2 y ", Span(2, "years")),
        ("6 weeks", Span(6, "weeks")),
        ("1 year", Span(1, "years")),
        ("100y", Span(100, "years")),
        ("1200m", Span(1200, "months")),
        ("5217w", Span(5217, "weeks")),
        ("36525d", Span(36525, "days")),
    ],
)
def test_duration_good(invoke: Any, text: str, expected: Span) -> None:
    result = invoke("--within", text)
    assert result.exit_code == 0, result.output
    assert seen["within"] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "'0' is not a duration of at least 1"),
        ("0w", "is not a duration of at least 1"),
        ("-1", "is not a duration of at least 1"),
        ("-3m", "is not a duration of at least 1"),
        ("²", "'²' is not a duration: write days (30 or 30d), weeks (6w), months (3m) or years"),
        ("٣", "is not a duration"),
        ("٣w", "is not a duration"),
        ("6x", "is not a duration"),
        ("w", "is not a duration"),
        ("", "is not a duration"),
        ("1.5y", "is not a duration"),
        ("1_000", "is not a duration"),  # int() would take it
        ("6 w 2 d", "is not a duration"),
        ("101y", "'101y' is longer than 100 years"),
        ("1201m", "is longer than 100 years"),
        ("5218w", "is longer than 100 years"),
        ("36526", "is longer than 100 years"),
        ("9" * 5000, "is longer than 100 years"),  # int() of this would raise
    ],
)
def test_duration_bad(invoke: Any, text: str, message: str) -> None:
    result = invoke("--within", text)
    assert result.exit_code == 2
    assert "Invalid value for '--within'" in _message(result.output)
    assert message in _message(result.output)
    assert seen == {}


def test_duration_reads_its_own_str() -> None:
    for span in (Span(1, "days"), Span(6, "weeks"), Span(3, "months"), Span(1, "years")):
        assert Duration()(str(span)) == span
    assert [str(Span(1, "weeks")), str(Span(6, "weeks")), str(Span(1, "years"))] == [
        "1 week",
        "6 weeks",
        "1 year",
    ]


@pytest.mark.parametrize(
    ("span", "start", "end"),
    [
        (Span(30, "days"), D(2016, 10, 3), D(2016, 11, 2)),
        (Span(6, "weeks"), D(2016, 10, 3), D(2016, 11, 14)),
        (Span(1, "months"), D(2016, 1, 31), D(2016, 2, 29)),
        (Span(1, "months"), D(2017, 1, 31), D(2017, 2, 28)),
        (Span(1, "months"), D(2016, 12, 15), D(2017, 1, 15)),
        (Span(3, "months"), D(2016, 11, 30), D(2017, 2, 28)),
        (Span(13, "months"), D(2016, 3, 31), D(2017, 4, 30)),
        (Span(1, "years"), D(2016, 2, 29), D(2017, 2, 28)),
        (Span(4, "years"), D(2016, 2, 29), D(2020, 2, 29)),
        (Span(100, "years"), D(1900, 1, 1), D(2000, 1, 1)),
    ],
)
def test_span_end(span: Span, start: dt.date, end: dt.date) -> None:
    assert span.end(start) == end


def test_span_end_past_the_calendar() -> None:
    with pytest.raises(OverflowError, match=r"9998-06-01 \+ 100 years is after 9999-12-31"):
        Span(100, "years").end(D(9998, 6, 1))
    with pytest.raises(OverflowError):
        Span(1, "days").end(D.max)


def test_span_checks_itself() -> None:
    with pytest.raises(ValueError):
        Span(0, "days")
    with pytest.raises(ValueError):
        Span(1, "hours")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Span(True, "days")


# -- Count -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("25", 25), (" 7 ", 7)])
def test_count_good(invoke: Any, text: str, expected: int) -> None:
    result = invoke("--limit", text)
    assert result.exit_code == 0, result.output
    assert seen["limit"] == expected


@pytest.mark.parametrize("text", ["0", "-1", "abc", "1.5", "", "٣", "²", "1_0", "9" * 5000])
def test_count_bad(invoke: Any, text: str) -> None:
    result = invoke("--limit", text)
    assert result.exit_code == 2
    assert "Invalid value for '--limit'" in _message(result.output)
    assert "is not a whole number of at least 1" in _message(result.output)
    assert seen == {}


def test_count_minimum_zero(invoke: Any) -> None:
    result = invoke("--offset", "0")
    assert result.exit_code == 0, result.output
    assert seen["offset"] == 0
    result = invoke("--offset", "-1")
    assert result.exit_code == 2
    assert "'-1' is not a whole number of at least 0" in _message(result.output)


def test_count_names_its_minimum() -> None:
    with pytest.raises(typer.BadParameter, match="at least 5"):
        Count(minimum=5)("4")
    assert Count(minimum=5)("5") == 5
    with pytest.raises(TypeError):
        Count(minimum=True)


def test_help_shows_the_metavars(invoke: Any) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for option, metavar in (("--when", "DATE|MEETING"), ("--within", "DURATION"), ("--limit", "N")):
        assert re.search(rf"{option}\s+{re.escape(metavar)}\s", result.output), result.output
