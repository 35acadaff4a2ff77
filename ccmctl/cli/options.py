"""Options shared by the commands, declared once (``Annotated`` aliases), and the
choices of ``--format`` as Enums so that help and docs list them."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Annotated

import typer

from .types import Count, DateOrMeeting, Duration, MeetingRef, Span


class ListingFormat(str, enum.Enum):
    """A listing: a table (plain text when piped), JSON, CSV or Markdown."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class DeadlineFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"


class DocumentFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    docx = "docx"


class ReportFormat(str, enum.Enum):
    markdown = "markdown"
    html = "html"
    docx = "docx"
    pdf = "pdf"


class ProblemFormat(str, enum.Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"


DataOpt = Annotated[
    Path | None,
    typer.Option("--data", metavar="DIR", help="Data directory (default: $CCMCTL_DATA or ./data)."),
]
AsOf = dt.date | MeetingRef
"""What --as-of holds once parsed (Typer takes no union: the option is typed object)."""
AsOfOpt = Annotated[
    object | None,
    typer.Option(
        "--as-of",
        parser=DateOrMeeting(),
        metavar=DateOrMeeting.metavar,
        help="Date (YYYY-MM-DD) or meeting id (12msp = its opening day); "
        "default: $CCMCTL_TODAY or today.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write here (atomically) instead of standard output.",
    ),
]
ListingFormatOpt = Annotated[
    ListingFormat,
    typer.Option("--format", "-f", help="Output format. A table is plain text when piped."),
]
CountOpt = Count
WithinOpt = Annotated[
    Span,
    typer.Option(
        "--within",
        parser=Duration(),
        metavar="DURATION",
        help="Window for 'due-soon': days (30d), weeks (6w), months (3m) or years (1y).",
    ),
]
IncludeInternalOpt = Annotated[
    bool,
    typer.Option(
        "--include-internal",
        help="Also carry internal records (engagements, survey answers, obstacles not "
        "recorded public). Without it they are left out, and a note says how many.",
    ),
]
UpToOpt = Annotated[
    object | None,
    typer.Option(
        "--as-of",
        parser=DateOrMeeting(),
        metavar=DateOrMeeting.metavar,
        help="Up to this day (default: $CCMCTL_TODAY or today).",
    ),
]
StatesOpt = Annotated[
    list[str],
    typer.Option("--state", "-s", metavar="STATE", help="Only this state; repeat for several."),
]
