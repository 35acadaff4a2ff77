"""``ccmctl record KIND …``: one command per kind of record, so that nobody has to open a YAML
file to record a meeting, a survey answer, a deposit or an activity's progress.

Every subcommand builds a change (:mod:`ccmctl.recording.kinds`) and runs it through
:func:`commit`: the diff goes to standard output (also with ``--dry-run``, which writes
nothing), ``recorded …`` and any warning to standard error; a refused change lists its
problems as ``FILE:LINE: …``, exits 1 and leaves every file byte-identical. A required field
of the model is a required option (``tests/test_record.py`` checks the two agree).

Longer than 400 lines because each of the eleven kinds of record is a command here, with
its help and examples; each is a few lines that parse options and call one builder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

import typer

from ..domain.dates import PartialDate
from ..schema.outreach import EngagementKind, SurveyPosition, SurveyReason, Visibility
from .app import app
from .common import data_dir, emit, fail, say, today, validated
from .options import DataOpt

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..recording import Change, Outcome

record_app = typer.Typer(
    name="record",
    help="Record what happened, without opening a YAML file: an engagement, a survey "
    "answer, an obstacle, an activity's status, an Article 7 report, a treaty event, the "
    "day the treaty record was checked, a meeting, a source, a plan or a plan item.\n\n"
    "Each command prints the change as a diff and writes it only if the whole data set "
    "stays valid (else it lists the problems, exits 1 and changes no file). --dry-run "
    "prints the diff and writes nothing. Engagements, survey answers and obstacles are "
    "internal unless --visibility public: reports leave them out unless --include-internal.\n\n"
    "Examples:\n\n"
    '  ccmctl record engagement IDN --date today --kind bilateral --by MWI,isu --summary "Met '
    'the Permanent Mission on ratification"\n\n'
    "  ccmctl record event VUT --treaty ccm --kind deposit --date 2025-09-05 --source untc-cn\n\n"
    "  ccmctl record status universalization-2023-2024 act-2-recirculate-survey --status done "
    "--date 2024-02-20 --source isu-note",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(record_app, name="record")


# --- shared by every command that records -----------------------------------------------------


def parse_day(value: object) -> dt.date:
    """``YYYY-MM-DD`` or ``today`` ($CCMCTL_TODAY or the clock) -> a day."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if text.lower() == "today":
        return today()
    try:
        if len(text) != 10:
            raise ValueError("write YYYY-MM-DD")
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{text!r} is not a day (YYYY-MM-DD or 'today'): {exc}") from None


parse_day.__name__ = "day"


def parse_when(value: object) -> Any:
    """A day, or a month ``YYYY-MM`` or year ``YYYY`` when no day is known (or ``today``):
    the value as the data file holds it."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if text.lower() == "today":
        return today()
    try:
        return PartialDate.parse(text if len(text) != 4 else int(text)).to_yaml()
    except ValueError as exc:
        raise typer.BadParameter(f"{exc} (or 'today')") from None


parse_when.__name__ = "date"


def when_option(name: str, help: str) -> Any:
    return typer.Option(
        name,
        parser=parse_when,
        metavar="DATE",
        help=help + " (a day, YYYY-MM or YYYY; or 'today').",
    )


DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Print the diff and write nothing.")
]
SourceOpt = Annotated[
    list[str],
    typer.Option("--source", metavar="ID", help="Source id(s) from data/sources.yaml (a,b)."),
]
VisibilityOpt = Annotated[
    Visibility,
    typer.Option(
        "--visibility",
        help="internal (default): left out of reports and exports unless "
        "--include-internal; public: may be circulated.",
    ),
]


def day_option(name: str, help: str) -> Any:
    return typer.Option(name, parser=parse_day, metavar="DATE", help=help + " (or 'today').")


def split(values: Sequence[str]) -> list[str]:
    """``["MWI,isu", "cmc"]`` -> ``["MWI", "isu", "cmc"]``."""
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def sources(values: Sequence[str], required: bool = False) -> str | list[str] | None:
    ids = split(values)
    if not ids:
        if required:
            raise fail("--source ID is required (add the source with 'ccmctl record source')")
        return None
    return ids[0] if len(ids) == 1 else ids


def choices(values: Sequence[str], allowed: tuple[str, ...], option: str) -> list[str]:
    out = split(values)
    for v in out:
        if v not in allowed:
            raise fail(f"{option} {v!r} is not one of: {', '.join(allowed)}")
    return out


def find_state(ds: Dataset, text: str, option: str = "STATE") -> str:
    from ..queries.names import find_state as resolve

    try:
        return resolve(ds, text).iso3
    except LookupError as exc:
        broken = ds.root / "states" / f"{text.strip().upper()}.yaml"
        if broken.exists():
            message = f"{broken}: this state's file has errors: run 'ccmctl validate'"
            raise fail(message, 1) from None
        raise fail(f"{option}: {exc}") from None


def actor(ds: Dataset, text: str, option: str) -> str:
    """A body id, or a state (code or name)."""
    if text in ds.bodies:
        return text
    from ..queries.names import find_state as resolve

    try:
        return resolve(ds, text).iso3
    except LookupError:
        bodies = ", ".join(sorted(ds.bodies))
        raise fail(
            f"{option} {text!r} is neither a body ({bodies}) nor a state (code or name)"
        ) from None


def dataset(data: Path | None) -> Dataset:
    """The data set as it is (problems included: a change is refused only for the problems
    it brings)."""
    return validated(data).dataset


def commit(
    data: Path | None,
    build: Callable[[Dataset], Sequence[Change]],
    *,
    dry_run: bool,
    verb: str = "recorded",
    summary: Callable[[list[str]], list[str]] | None = None,
) -> Outcome:
    """Build the change on the data set, run it, print the diff and what happened; exit 1
    (nothing written) if it would bring problems or cannot be made."""
    from ..recording import RecordError, apply
    from ..render.cells import safe_terminal
    from ..writing import WriteError

    root = data_dir(data)
    ds = dataset(data)
    try:
        changes = build(ds)
        outcome = apply(root, changes, today=today(), dry_run=dry_run)
    except RecordError as exc:
        raise fail(exc.message, exc.code) from None
    except WriteError as exc:
        raise fail(str(exc), 1) from None
    emit(safe_terminal(outcome.diff()))
    for w in outcome.warnings:
        say(safe_terminal(w.text()))
    if outcome.refused:
        for p in outcome.problems:
            say(safe_terminal(p.text()))
        n = len(outcome.problems)
        raise fail(
            f"refused: the change would leave {n} problem{'s' if n != 1 else ''} "
            "(nothing was written)",
            1,
        )
    if not outcome.diff():
        say("no change: the record already says so")
        return outcome
    prefix = f"{verb} " if verb else ""
    for what in summary(outcome.done) if summary else outcome.done:
        line = f"{prefix}{what}"
        say(safe_terminal(f"dry run, not written: {line}" if dry_run else line))
    return outcome


# --- outreach --------------------------------------------------------------------------------


@record_app.command("engagement")
def engagement(
    state: Annotated[str, typer.Argument(metavar="STATE", help="ISO alpha-3 code or name.")],
    date: Annotated[Any, when_option("--date", "When it happened")],
    kind: Annotated[EngagementKind, typer.Option("--kind", help="What sort of contact.")],
    by: Annotated[
        list[str],
        typer.Option(
            "--by",
            metavar="ACTOR[,ACTOR…]",
            help="Who engaged: bodies (isu, cmc…) or states (code or name).",
        ),
    ],
    summary: Annotated[str, typer.Option("--summary", help="What was said or agreed.")],
    outcome: Annotated[str | None, typer.Option("--outcome", help="Result or follow-up.")] = None,
    next_step: Annotated[
        str | None, typer.Option("--next-step", metavar="TEXT", help="What is to be done next.")
    ] = None,
    next_due: Annotated[
        dt.date | None, day_option("--next-due", "When the next step is due")
    ] = None,
    activity: Annotated[
        str | None,
        typer.Option("--activity", metavar="PLAN:ITEM", help="The plan activity this carries out."),
    ] = None,
    follows: Annotated[
        str | None,
        typer.Option(
            "--follows",
            metavar="ID",
            help="The earlier engagement (id) whose next step this carries out.",
        ),
    ] = None,
    source: SourceOpt = [],  # noqa: B006  (Typer's idiom for a repeatable option)
    visibility: VisibilityOpt = "internal",
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Record a contact with a state: a bilateral meeting, a demarche, a letter, a mission,
    a workshop, a side event…

    Its id is made from the date and the kind (2026-11-22-bilateral); a next step with
    --next-due is a deadline of its own (ccmctl deadlines --kind next-step, once public).

    Examples:

      ccmctl record engagement IDN --date today --kind bilateral --by MWI,isu --summary "Met the Permanent Mission" --next-step "Send model legislation" --next-due 2027-01-15

      ccmctl record engagement "viet nam" --date 2026-10-02 --kind workshop --by PHL --summary "Regional workshop" --activity universalization-2023-2024:act-5-regional-workshops --visibility public --dry-run
    """  # noqa: E501
    from ..recording.kinds import add_to_state, record_id

    if next_due is not None and not next_step:
        raise fail("--next-due needs --next-step: say what is due")

    def build(ds: Dataset) -> list[Change]:
        iso3 = find_state(ds, state)
        actors = [actor(ds, a, "--by") for a in split(by)]
        if not actors:
            raise fail("--by needs at least one body or state")
        fields = {
            "date": date,
            "kind": kind,
            "by": actors,
            "summary": summary,
            "outcome": outcome,
            "next_step": next_step,
            "next_due": next_due,
            "activity": activity,
            "follows": follows,
            "visibility": visibility,
            "source": sources(source),
        }
        return [add_to_state(data_dir(data), iso3, "engagement", fields, record_id(date, kind))]

    commit(data, build, dry_run=dry_run)


@record_app.command("survey")
def survey(
    state: Annotated[str, typer.Argument(metavar="STATE", help="ISO alpha-3 code or name.")],
    date: Annotated[dt.date, day_option("--date", "When the answer was received")],
    position: Annotated[SurveyPosition, typer.Option("--position", help="Where it stands.")],
    reason: Annotated[
        list[str],
        typer.Option(
            "--reason",
            metavar="REASON",
            help="Reasons given (repeat, or a,b): " + ", ".join(get_args(SurveyReason)) + ".",
        ),
    ] = [],  # noqa: B006
    note: Annotated[str | None, typer.Option("--note", help="Details.")] = None,
    source: SourceOpt = [],  # noqa: B006
    visibility: VisibilityOpt = "internal",
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Record a state's answer to the universalization survey (2023-2024 work plan).

    Examples:

      ccmctl record survey IDN --date 2026-11-20 --position in-process --reason legislative-process --reason stockpiles

      ccmctl record survey PLW --date today --position considering --note "Awaiting cabinet"
    """  # noqa: E501
    from ..recording.kinds import add_to_state, record_id

    reasons = choices(reason, get_args(SurveyReason), "--reason")

    def build(ds: Dataset) -> list[Change]:
        iso3 = find_state(ds, state)
        fields = {
            "date": date,
            "position": position,
            "reasons": reasons or None,
            "note": note,
            "visibility": visibility,
            "source": sources(source),
        }
        return [add_to_state(data_dir(data), iso3, "survey", fields, record_id(date, "survey"))]

    commit(data, build, dry_run=dry_run)


@record_app.command("obstacle")
def obstacle(
    state: Annotated[str, typer.Argument(metavar="STATE", help="ISO alpha-3 code or name.")],
    summary: Annotated[str, typer.Option("--summary", help="The obstacle.")],
    solution: Annotated[str | None, typer.Option("--solution", help="Proposed solution.")] = None,
    identified: Annotated[Any, when_option("--identified", "When it was identified")] = None,
    source: SourceOpt = [],  # noqa: B006
    visibility: VisibilityOpt = "internal",
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Record an obstacle to ratification or accession, and a proposed solution
    (2016-2017 concept note: identify obstacles in each target state, propose solutions).

    Examples:

      ccmctl record obstacle IDN --summary "Interagency review of stockpiles not finished" --solution "ISU briefing on Article 3" --identified 2026-11-20
    """  # noqa: E501
    from ..recording.kinds import add_to_state, record_id

    def build(ds: Dataset) -> list[Change]:
        iso3 = find_state(ds, state)
        fields = {
            "summary": summary,
            "identified": identified,
            "solution": solution,
            "visibility": visibility,
            "source": sources(source),
        }
        base = record_id(identified or today(), "obstacle")
        return [add_to_state(data_dir(data), iso3, "obstacle", fields, base)]

    commit(data, build, dry_run=dry_run)


# --- plans -----------------------------------------------------------------------------------

ItemStatus = Literal["planned", "in-progress", "done", "cancelled"]


@record_app.command("status")
def status(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Plan id (data/plans/PLAN.yaml).")],
    item: Annotated[str, typer.Argument(metavar="ITEM", help="Activity id in the plan.")],
    status_: Annotated[ItemStatus, typer.Option("--status", help="The activity's status.")],
    date: Annotated[dt.date, day_option("--date", "When it was reached or reported")],
    source: SourceOpt,
    note: Annotated[str | None, typer.Option("--note", help="Details.")] = None,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Record how far a plan activity has come: planned, in-progress, done, cancelled.

    Examples:

      ccmctl record status universalization-2023-2024 act-2-recirculate-survey --status done --date 2024-02-20 --source isu-12msp-progress-report --note "Survey re-sent to 38 states"
    """  # noqa: E501
    from ..recording.kinds import add_status

    def build(ds: Dataset) -> list[Change]:
        if plan not in ds.plans:
            raise fail(f"PLAN {plan!r} is not one of: {', '.join(sorted(ds.plans))}")
        fields = {
            "date": date,
            "status": status_,
            "note": note,
            "source": sources(source, required=True),
        }
        return [add_status(data_dir(data), plan, item, fields)]

    commit(data, build, dry_run=dry_run)


# --- the treaty record -----------------------------------------------------------------------

Treaty = Literal["ccm", "apmbc", "ccw", "ccw-apii", "ccw-pv"]
EventKind = Literal["signature", "deposit", "withdrawal-notice"]
Instrument = Literal[
    "ratification", "accession", "acceptance", "approval", "succession", "notification"
]


@record_app.command("event")
def event(
    state: Annotated[str, typer.Argument(metavar="STATE", help="ISO alpha-3 code or name.")],
    treaty: Annotated[Treaty, typer.Option("--treaty", help="Which treaty.")],
    kind: Annotated[EventKind, typer.Option("--kind", help="What the depositary notified.")],
    date: Annotated[dt.date, day_option("--date", "The day of the action")],
    source: SourceOpt,
    instrument: Annotated[
        Instrument | None,
        typer.Option(
            "--instrument",
            help="For a deposit (default: ratification after a signature, else accession).",
        ),
    ] = None,
    effective: Annotated[
        dt.date | None,
        day_option(
            "--effective",
            "For a withdrawal: the day it takes effect (default: six months after the "
            "notice for the CCM and the APMBC, Art. 20(3); one year for the CCW, Art. 9)",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Remarks.")] = None,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Record a signature, a deposit or a notice of withdrawal on the day the depositary
    notifies it.

    An event after the data's current_to is recorded with a warning (the treaty record was
    last checked in full on that day); 'ccmctl record checked' moves current_to once the
    whole record has been checked. Entry into force and the deadlines that follow from a
    deposit are computed: do not record them.

    Examples:

      ccmctl record event VUT --treaty ccm --kind deposit --date 2025-09-05 --source untc-xxvi-6

      ccmctl record event LTU --treaty ccm --kind withdrawal-notice --date 2024-09-06 --source untc-cn
    """  # noqa: E501
    from ..recording.kinds import TREATIES, add_event

    if kind != "deposit" and instrument is not None:
        raise fail("--instrument is for a deposit")
    if kind != "withdrawal-notice" and effective is not None:
        raise fail("--effective is for a withdrawal-notice")

    def build(ds: Dataset) -> list[Change]:
        iso3 = find_state(ds, state)
        src = sources(source, required=True)
        if kind == "withdrawal-notice":
            fields: dict[str, Any] = {"notified": date, "effective": effective}
        else:
            fields = {"date": date, "kind": instrument}
        fields.update({"source": src, "note": note})
        return [add_event(data_dir(data), iso3, TREATIES[treaty], kind, fields)]

    commit(data, build, dry_run=dry_run)


@record_app.command("checked")
def checked(
    to: Annotated[dt.date, day_option("--to", "The day the treaty record was checked in full")],
    source: SourceOpt,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Move current_to: the whole treaty record (signatures, deposits, withdrawals of every
    state) was checked against the depositary up to this day, on this source.

    Examples:

      ccmctl record checked --to 2026-11-20 --source untc-xxvi-6
    """
    from ..recording.kinds import set_checked

    def build(ds: Dataset) -> list[Change]:
        if to > today():
            raise fail(f"--to {to} is after today ({today()})")
        if ds.current_to and to < ds.current_to:
            raise fail(f"--to {to} is before the current current_to ({ds.current_to})")
        return [set_checked(data_dir(data), to, sources(source, required=True))]

    commit(data, build, dry_run=dry_run)


@record_app.command("report")
def report(
    state: Annotated[str, typer.Argument(metavar="STATE", help="ISO alpha-3 code or name.")],
    kind: Annotated[
        Literal["initial", "annual"],
        typer.Option("--kind", help="Initial (Art. 7(1)) or annual (Art. 7(2))."),
    ],
    submitted: Annotated[dt.date, day_option("--submitted", "The day it was submitted")],
    source: SourceOpt,
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="YEAR", help="Annual: the year whose 30 April it meets."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Remarks.")] = None,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Record an Article 7 transparency report, so that the report deadlines and the plans'
    transparency indicators are computed rather than unconfirmed.

    Examples:

      ccmctl record report NGA --kind annual --year 2026 --submitted 2026-04-28 --source ccm-art7-nga-2026

      ccmctl record report VUT --kind initial --submitted 2026-08-20 --source ccm-art7-vut
    """  # noqa: E501
    from ..recording.kinds import add_to_state, record_id

    if kind == "annual" and year is None:
        raise fail("--year is needed for an annual report (the year whose 30 April it meets)")

    def build(ds: Dataset) -> list[Change]:
        iso3 = find_state(ds, state)
        fields = {
            "kind": kind,
            "year": year,
            "submitted": submitted,
            "source": sources(source, required=True),
            "note": note,
        }
        base = record_id(year, kind) if year else record_id(submitted, kind)
        return [add_to_state(data_dir(data), iso3, "report", fields, base)]

    commit(data, build, dry_run=dry_run)


# --- catalogues --------------------------------------------------------------------------------

ORDINALS = (
    "First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Eleventh Twelfth "
    "Thirteenth Fourteenth Fifteenth Sixteenth Seventeenth Eighteenth Nineteenth Twentieth"
).split()


def meeting_name(kind: str, number: int) -> str | None:
    if not 1 <= number <= len(ORDINALS):
        return None
    what = "Meeting of States Parties" if kind == "msp" else "Review Conference"
    return f"{ORDINALS[number - 1]} {what}"


@record_app.command("meeting")
def meeting(
    meeting_id: Annotated[str, typer.Argument(metavar="ID", help="14msp, 4rc…")],
    start: Annotated[dt.date, day_option("--start", "Opening day")],
    end: Annotated[dt.date, day_option("--end", "Closing day")],
    city: Annotated[str, typer.Option("--city", help="Host city.")],
    country: Annotated[str, typer.Option("--country", metavar="STATE", help="Host country.")],
    source: SourceOpt,
    kind: Annotated[
        Literal["msp", "rc"] | None, typer.Option("--kind", help="Default: from the id.")
    ] = None,
    number: Annotated[
        int | None, typer.Option("--number", metavar="N", help="Default: from the id.")
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", help="Full name (default: e.g. Fourteenth Meeting of States Parties)."
        ),
    ] = None,
    president: Annotated[
        str | None, typer.Option("--president", metavar="STATE", help="Presiding State Party.")
    ] = None,
    president_person: Annotated[
        str | None, typer.Option("--president-person", metavar="NAME", help="The President.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Remarks.")] = None,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Declare a Meeting of States Parties or a Review Conference, so that it can be named
    in --as-of and reported on (ccmctl report ID).

    Examples:

      ccmctl record meeting 14msp --start 2027-09-13 --end 2027-09-16 --city Geneva --country CHE --source isu-14msp
    """  # noqa: E501
    import re

    from ..recording.kinds import add_meeting

    mid = meeting_id.strip().lower()
    match = re.fullmatch(r"([1-9][0-9]*)(msp|rc)", mid)
    if match is None:
        raise fail(f"ID {meeting_id!r} is not a meeting id such as 14msp or 4rc")
    if number is not None and number != int(match.group(1)):
        raise fail(f"--number {number} does not match the id {mid}")
    if kind is not None and kind != match.group(2):
        raise fail(f"--kind {kind} does not match the id {mid}")
    n, k = int(match.group(1)), match.group(2)
    full = name or meeting_name(k, n)
    if full is None:
        raise fail("--name is needed for this meeting")
    if president_person and not president:
        raise fail("--president-person needs --president STATE")

    def build(ds: Dataset) -> list[Change]:
        pres = None
        if president:
            pres = {"state": find_state(ds, president, "--president"), "person": president_person}
        fields = {
            "id": mid,
            "kind": k,
            "number": n,
            "name": full,
            "city": city,
            "country": find_state(ds, country, "--country"),
            "start": start,
            "end": end,
            "president": pres,
            "source": sources(source, required=True),
            "note": note,
        }
        return [add_meeting(data_dir(data), fields)]

    commit(data, build, dry_run=dry_run)


@record_app.command("source")
def source_(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="A short slug: untc-cn-2027-12.")],
    title: Annotated[str, typer.Option("--title", help="Title of the document or page.")],
    accessed: Annotated[dt.date, day_option("--accessed", "When you read it")],
    url: Annotated[str | None, typer.Option("--url", help="Where it can be read.")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Who published it.")] = None,
    as_at: Annotated[
        dt.date | None, day_option("--as-at", "The date the document says it is current to")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What a reader should know.")] = None,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Add a source to the catalogue (data/sources.yaml); records cite it by its id.

    Examples:

      ccmctl record source untc-cn-2027-101 --title "Depositary notification C.N.101.2027.TREATIES-XXVI.6" --url https://treaties.un.org/doc/Publication/CN/2027/CN.101.2027-Eng.pdf --accessed today --publisher "UN OLA"
    """  # noqa: E501
    from ..recording.kinds import add_source

    fields = {
        "id": source_id,
        "title": title,
        "url": url,
        "publisher": publisher,
        "as_at": as_at,
        "accessed": accessed,
        "note": note,
    }
    commit(data, lambda ds: [add_source(data_dir(data), fields)], dry_run=dry_run)


# --- plans and their activities ------------------------------------------------------------


@record_app.command("plan")
def plan_(
    plan_id: Annotated[str, typer.Argument(metavar="ID", help="Plan id: the file's name.")],
    title: Annotated[str, typer.Option("--title", help="Full title.")],
    kind: Annotated[
        Literal["action-plan", "work-plan", "concept-note"], typer.Option("--kind", help="What.")
    ],
    source: SourceOpt,
    parent: Annotated[
        str | None, typer.Option("--parent", metavar="PLAN", help="The plan it implements.")
    ] = None,
    adopted_at: Annotated[
        str | None, typer.Option("--adopted-at", metavar="MEETING", help="Adopting meeting.")
    ] = None,
    up_to: Annotated[
        str | None, typer.Option("--up-to", metavar="MEETING", help="The meeting closing it.")
    ] = None,
    start: Annotated[dt.date | None, day_option("--start", "First day it covers")] = None,
    end: Annotated[dt.date | None, day_option("--end", "Last day it covers")] = None,
    owner: Annotated[
        list[str], typer.Option("--owner", metavar="ACTOR", help="Implementers (a,b).")
    ] = [],  # noqa: B006
    note: Annotated[str | None, typer.Option("--note", help="Remarks.")] = None,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Add a plan (an action plan, work plan or concept note): data/plans/ID.yaml.

    Examples:

      ccmctl record plan universalization-2027-2028 --title "Work plan on universalization 2027-2028" --kind work-plan --parent lap --up-to 14msp --source isu-3rc
    """  # noqa: E501
    from ..recording.kinds import add_plan

    def build(ds: Dataset) -> list[Change]:
        fields = {
            "id": plan_id,
            "title": title,
            "kind": kind,
            "parent": parent,
            "adopted_at": adopted_at.lower() if adopted_at else None,
            "start": start,
            "end": end,
            "up_to": up_to.lower() if up_to else None,
            "owners": [actor(ds, a, "--owner") for a in split(owner)] or None,
            "source": sources(source, required=True),
            "note": note,
        }
        return [add_plan(data_dir(data), fields)]

    commit(data, build, dry_run=dry_run)


@record_app.command("item")
def item(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Plan id.")],
    title: Annotated[str, typer.Option("--title", help="Short title.")],
    item_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="Id (default: from the title).")
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            metavar="DATE|YYYY-MM|MEETING",
            help="A day, a month (due on its last day) or a meeting (its opening day).",
        ),
    ] = None,
    owner: Annotated[
        list[str], typer.Option("--owner", metavar="ACTOR", help="Who carries it out (a,b).")
    ] = [],  # noqa: B006
    partner: Annotated[
        list[str], typer.Option("--partner", metavar="ACTOR", help="Who helps (a,b).")
    ] = [],  # noqa: B006
    section: Annotated[str | None, typer.Option("--section", help="Where in the plan.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="The plan's wording.")] = None,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Add an activity to a plan.

    Examples:

      ccmctl record item universalization-2027-2028 --title "Regional workshop in South-East Asia" --due 2027-06 --owner isu,PHL

      ccmctl record item universalization-2027-2028 --title "Report to the 14MSP" --due 14msp
    """  # noqa: E501
    from ..recording.kinds import add_item

    def build(ds: Dataset) -> list[Change]:
        if plan not in ds.plans:
            raise fail(f"PLAN {plan!r} is not one of: {', '.join(sorted(ds.plans))}")
        fields = {
            "id": item_id,
            "title": title,
            "section": section,
            "text": text,
            "due": parse_due(due) if due else None,
            "owners": [actor(ds, a, "--owner") for a in split(owner)] or None,
            "partners": [actor(ds, a, "--partner") for a in split(partner)] or None,
        }
        return [add_item(data_dir(data), plan, fields)]

    commit(data, build, dry_run=dry_run)


def parse_due(text: str) -> dict[str, Any]:
    """``2027-06-30`` -> a day; ``2027-06`` -> a month; ``14msp`` -> a meeting."""
    import re

    t = text.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", t):
        return {"month": t}
    if re.fullmatch(r"[0-9]+(msp|rc)", t, re.IGNORECASE):
        return {"meeting": t.lower()}
    return {"date": parse_day(t)}
