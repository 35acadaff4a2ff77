"""The command line. Commands parse options, call one query, render: no rules here.

"Today" is resolved once, here: ``--as-of``, else ``CCMCTL_TODAY``, else the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from .dataset import Dataset

app = typer.Typer(
    name="ccmctl",
    help="Treaty status, universalization targets, deadlines and progress reports for the "
    "Convention on Cluster Munitions, computed from version-controlled YAML.\n\n"
    "Examples:\n\n"
    "  ccmctl validate\n\n"
    "  ccmctl status --as-of 12msp --by region\n\n"
    "Data is read from --data, else $CCMCTL_DATA, else ./data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataOpt = typer.Option(
    None, "--data", metavar="DIR", help="Data directory (default: $CCMCTL_DATA or ./data)."
)
AsOfOpt = typer.Option(
    None,
    "--as-of",
    metavar="DATE|MEETING",
    help="Date (YYYY-MM-DD) or meeting id (12msp = its opening day); "
    "default: $CCMCTL_TODAY or today.",
)
FormatOpt = typer.Option(
    "table",
    "--format",
    "-f",
    metavar="FORMAT",
    help="table, json, csv or markdown. A table is plain text when piped.",
)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``ccmctl: message`` to stderr and return the Exit to raise."""
    sys.stderr.write(f"ccmctl: {message}\n")
    return typer.Exit(code)


def data_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    env = os.environ.get("CCMCTL_DATA")
    if env:
        return Path(env)
    local = Path("data")
    if local.is_dir():
        return local
    bundled = Path(__file__).resolve().parent.parent / "data"
    return bundled if bundled.is_dir() else local


def today() -> dt.date:
    env = os.environ.get("CCMCTL_TODAY")
    if env:
        try:
            return dt.date.fromisoformat(env)
        except ValueError:
            raise fail(f"CCMCTL_TODAY={env!r} is not a date (YYYY-MM-DD)") from None
    return dt.date.today()


def load(option: Path | None, *, allow_problems: bool = False) -> Dataset:
    """Load the data set; refuse to compute from data with errors."""
    from .dataset import DataError, Dataset

    try:
        ds = Dataset.load(data_dir(option))
    except DataError as exc:
        raise fail(str(exc)) from None
    if ds.errors and not allow_problems:
        first = ds.errors[0].text()
        raise fail(
            f"the data has {len(ds.errors)} error(s); run 'ccmctl validate'. First: {first}", 1
        )
    return ds


def resolve_as_of(ds: Dataset, value: str | None) -> dt.date:
    if value is None:
        return today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    if value.lower() in ds.meetings:
        return ds.meetings[value.lower()].start
    known = ", ".join(mt.id for mt in ds.meetings_in_order())
    raise fail(f"--as-of {value!r} is neither a date (YYYY-MM-DD) nor a meeting ({known})")


def note_currency(ds: Dataset, on: dt.date) -> None:
    """Say so on stderr when a result is asked for beyond what the data covers."""
    if ds.info and on > ds.info.current_to and not os.environ.get("CCMCTL_QUIET"):
        sys.stderr.write(
            f"note: the data is current to {ds.info.current_to}; later events are not recorded\n"
        )


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise fail(f"--format {fmt!r} is not one of: {', '.join(allowed)}")
    return fmt


# --- validate -----------------------------------------------------------------------


@app.command()
def validate(
    data: Path | None = DataOpt,
    fmt: str = typer.Option(
        "auto",
        "--format",
        "-f",
        metavar="FORMAT",
        help="text, json or github (workflow annotations); auto = github "
        "when $GITHUB_ACTIONS is set, else text.",
    ),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
) -> None:
    """Check every data file and every cross-record rule; report all problems.

    One line per problem: FILE:LINE: FIELD: MESSAGE (HINT). Exit 0 when the data
    is clean, 1 when it has errors (or warnings, with --strict), 2 on usage errors.

    Examples:

      ccmctl validate

      ccmctl validate --data ../my-data --format github
    """
    from .output import to_json

    fmt = check_format(fmt, ("auto", "text", "json", "github"))
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    ds = load(data, allow_problems=True)
    failing = ds.problems if strict else ds.errors
    summary = (
        f"{len(ds.states)} states, {len(ds.plans)} plans, {len(ds.meetings)} meetings, "
        f"{len(ds.sources)} sources"
    )
    if fmt == "json":
        sys.stdout.write(
            to_json(
                {
                    "ok": not failing,
                    "summary": summary,
                    "problems": [p.as_dict() for p in ds.problems],
                }
            )
        )
    else:
        for p in ds.problems:
            line = p.github() if fmt == "github" else p.text()
            (sys.stdout if fmt == "github" else sys.stderr).write(line + "\n")
        n_err, n_warn = len(ds.errors), len(ds.problems) - len(ds.errors)
        if failing:
            sys.stderr.write(f"{n_err} error(s), {n_warn} warning(s) in {summary}\n")
        else:
            warn = f", {n_warn} warning(s)" if n_warn else ""
            sys.stdout.write(f"ok: {summary}{warn}\n")
    raise typer.Exit(1 if failing else 0)


# --- schema -------------------------------------------------------------------------


@app.command()
def schema(
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        metavar="DIR",
        help="Write one file per record kind into DIR instead of printing the state schema.",
    ),
    kind: str = typer.Option(
        "state",
        "--kind",
        "-k",
        help="With no --out: which schema to print (state, plan, "
        "meetings, regions, sources, bodies, unga, dataset).",
    ),
) -> None:
    """Print (or write) JSON Schema for the data files, generated from the models.

    Editors that speak the YAML language server give completion and checks when a
    data file starts with a line such as:

      # yaml-language-server: $schema=../../schemas/state.schema.json

    Examples:

      ccmctl schema --out schemas

      ccmctl schema --kind plan > plan.schema.json
    """
    from .output import to_json
    from .schemas import SCHEMAS, schema_for

    if out is None:
        if kind not in SCHEMAS:
            raise fail(f"--kind {kind!r} is not one of: {', '.join(SCHEMAS)}")
        sys.stdout.write(to_json(schema_for(kind)))
        return
    out.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        path = out / f"{name}.schema.json"
        path.write_text(to_json(schema_for(name)), encoding="utf-8")
        sys.stdout.write(f"wrote {path}\n")


# --- fmt ----------------------------------------------------------------------------


@app.command()
def fmt(
    check: bool = typer.Option(
        False,
        "--check",
        help="Only report files that are not in canonical format, with a diff; exit 1 if any.",
    ),
    data: Path | None = DataOpt,
) -> None:
    """Rewrite data files in the canonical format (the only command that writes data).

    Canonical: keys in schema order, two-space indent, dates unquoted, text quoted only
    where needed and always for yes/no/on/off, the schema line first. Comments are kept.
    A file is never rewritten if the result would read back differently.

    Examples:

      ccmctl fmt --check

      ccmctl fmt
    """
    from .fmt import data_files, format_file

    root = data_dir(data)
    if not root.is_dir():
        raise fail(f"{root}: no such data directory")
    changed = broken = 0
    for path in data_files(root):
        result = format_file(root, path, str(path))
        if result is None:
            continue
        if result.problem:
            broken += 1
            sys.stderr.write(result.problem.text() + "\n")
        elif result.changed:
            changed += 1
            if check:
                sys.stdout.write(result.diff())
            else:
                path.write_text(result.canonical or "", encoding="utf-8")
                sys.stderr.write(f"formatted {path}\n")
    if check and changed:
        sys.stderr.write(f"{changed} file(s) not in canonical format; run 'ccmctl fmt'\n")
    elif not changed and not broken:
        sys.stderr.write("ok: every data file is in canonical format\n")
    raise typer.Exit(1 if (check and changed) or broken else 0)


# --- status -------------------------------------------------------------------------


@app.command()
def status(
    as_of: str | None = AsOfOpt,
    by: str | None = typer.Option(
        None, "--by", metavar="region|subregion", help="Also count by M49 region or sub-region."
    ),
    list_states: bool = typer.Option(False, "--list", help="List the states behind each count."),
    fmt: str = FormatOpt,
    data: Path | None = DataOpt,
) -> None:
    """Count States Parties, signatories, states not signed and withdrawn states on a date.

    Examples:

      ccmctl status

      ccmctl status --as-of 2016-10-03 --list

      ccmctl status --as-of 12msp --by region --format json
    """
    from .output import render
    from .status import status as compute
    from .treaty import STATUS_LABELS, STATUSES

    check_format(fmt, ("table", "json", "csv", "markdown"))
    if by not in (None, "region", "subregion"):
        raise fail(f"--by {by!r} is not one of: region, subregion")
    ds = load(data)
    on = resolve_as_of(ds, as_of)
    note_currency(ds, on)
    result = compute(ds, on, by)  # type: ignore[arg-type]
    if fmt == "json":
        doc = result.as_json()
        if ds.info:
            doc["current_to"] = ds.info.current_to.isoformat()
        render([], [], fmt, json_data=doc)
        return
    columns = [("status", "status"), ("count", "count")]
    rows: list[dict[str, object]] = [
        {
            "status": STATUS_LABELS[k],
            "count": result.counts[k],
            "states": " ".join(result.states[k]),
        }
        for k in STATUSES
    ]
    if list_states:
        columns.append(("states", "states"))
    render(rows, columns, fmt, title=f"Convention on Cluster Munitions, as of {on}")
    if by:
        sys.stdout.write("\n")
        cols = [("name", by), *[(k, STATUS_LABELS[k]) for k in STATUSES], ("total", "total")]
        render(result.groups, cols, fmt, title=f"By {by}, as of {on}")


# --- targets ------------------------------------------------------------------------


@app.command()
def targets(
    region: list[str] = typer.Option(
        [],
        "--region",
        "-r",
        metavar="SLUG",
        help="M49 region, sub-region or named group (se-asia, "
        "africa, caucasus, pacific…); repeat for several.",
    ),
    criterion: list[str] = typer.Option(
        [],
        "--criterion",
        "-c",
        metavar="ID",
        help="Only states meeting this criterion; repeat: all must be met.",
    ),
    min_score: int = typer.Option(0, "--min-score", help="Only rows scoring at least N."),
    per_region: int | None = typer.Option(
        None,
        "--per-region",
        metavar="N",
        help="Keep the top N of each M49 region (the 2016 plan's 'at least two per region').",
    ),
    limit: int | None = typer.Option(None, "--limit", "-n", help="Show the top N rows."),
    as_of: str | None = AsOfOpt,
    fmt: str = FormatOpt,
    data: Path | None = DataOpt,
) -> None:
    """Rank the states not party to approach next, with the reasons for each.

    Criteria (2023-2024 work plan, target states): signatory, withdrawn, apmbc-party,
    ccw-apii, ccw-pv, unga-yes, unga-yes-consistent, declaration, voluntary-report,
    interim-steps. The score adds their weights (data/dataset.yaml: target_weights);
    ties are broken by name. Tier 'dialogue' marks producers and stockpilers (2016
    concept note 3(c)).

    Examples:

      ccmctl targets --region se-asia

      ccmctl targets --per-region 2 --as-of 2016-10-03

      ccmctl targets --criterion apmbc-party --criterion unga-yes --format csv
    """
    from .output import render
    from .targets import CRITERIA, UnknownRegion, as_row
    from .targets import targets as compute
    from .treaty import STATUS_LABELS

    check_format(fmt, ("table", "json", "csv", "markdown"))
    for c in criterion:
        if c not in CRITERIA:
            raise fail(f"--criterion {c!r} is not one of: {', '.join(CRITERIA)}")
    ds = load(data)
    on = resolve_as_of(ds, as_of)
    try:
        rows = compute(
            ds,
            on,
            regions=[r.lower() for r in region],
            criteria=criterion,
            min_score=min_score,
            per_region=per_region,
        )
    except UnknownRegion as exc:
        raise fail(
            f"--region {exc.args[0]!r} is unknown; valid: {', '.join(ds.region_slugs())}"
        ) from None
    note_currency(ds, on)
    if limit is not None:
        rows = rows[:limit]
    result = [as_row(ds, t, on, i) for i, t in enumerate(rows, 1)]
    for r in result:
        eng = r["latest_engagement"]
        r["engagement"] = f"{eng['date']} {eng['kind']}" if eng else ""  # type: ignore[index]
        r["region_name"] = ds.region_name(str(r["subregion"]))
        r["status_label"] = STATUS_LABELS[str(r["status"])]
    columns = [
        ("rank", "#"),
        ("name", "state"),
        ("region_name", "sub-region"),
        ("status_label", "status"),
        ("score", "score"),
        ("criteria", "criteria"),
        ("tier", "tier"),
        ("engagement", "latest engagement"),
    ]
    if fmt == "json":
        for r in result:
            del r["engagement"], r["region_name"], r["status_label"]
    render(
        result,
        columns,
        fmt,
        title=f"Universalization targets as of {on}",
        json_data=result if fmt == "json" else None,
    )


# --- show ---------------------------------------------------------------------------


@app.command()
def show(
    state: str = typer.Argument(..., metavar="STATE", help="ISO alpha-3 code or name."),
    as_of: str | None = AsOfOpt,
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
    data: Path | None = DataOpt,
) -> None:
    """One state's profile: CCM status and the events behind it, other treaties,
    votes, commitments, profile, outreach, and every target criterion with its evidence.

    Examples:

      ccmctl show IDN

      ccmctl show "viet nam" --as-of 2016-10-03 --format json
    """
    from .output import to_json
    from .profile import find_state, profile, profile_text

    check_format(fmt, ("text", "json"))
    ds = load(data)
    on = resolve_as_of(ds, as_of)
    try:
        s = find_state(ds, state)
    except LookupError as exc:
        raise fail(str(exc)) from None
    note_currency(ds, on)
    doc = profile(ds, s, on)
    sys.stdout.write(to_json(doc) if fmt == "json" else profile_text(doc))


# --- deadlines ----------------------------------------------------------------------


def parse_days(text: str) -> int:
    """'90d', '12w', '90' → days."""
    t = text.strip().lower()
    mult = {"d": 1, "w": 7}.get(t[-1:], None)
    num = t[:-1] if mult else t
    if not num.isdigit():
        raise fail(f"--within {text!r} is not a number of days such as 30d or 6w")
    return int(num) * (mult or 1)


@app.command()
def deadlines(
    as_of: str | None = AsOfOpt,
    within: str = typer.Option(
        "30d", "--within", metavar="DAYS", help="Window for 'due-soon' (30d, 90d, 6w)."
    ),
    state: list[str] = typer.Option(
        [], "--state", "-s", metavar="ISO3", help="Only this state; repeat for several."
    ),
    plan: list[str] = typer.Option([], "--plan", "-p", metavar="ID", help="Only this plan."),
    kind: list[str] = typer.Option(
        [],
        "--kind",
        "-k",
        metavar="KIND",
        help="plan-item, entry-into-force, initial-report, "
        "annual-report, stockpile-destruction, clearance, withdrawal.",
    ),
    status_: list[str] = typer.Option(
        [],
        "--status",
        metavar="STATUS",
        help="overdue, due-soon, upcoming, no-data, done, cancelled.",
    ),
    show_all: bool = typer.Option(False, "--all", help="Also list deadlines met over a year ago."),
    fail_on: str | None = typer.Option(
        None, "--fail-on", metavar="overdue", help="Exit 1 if any listed deadline is overdue."
    ),
    fmt: str = typer.Option(
        "table",
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, json, csv, markdown or ics (a calendar).",
    ),
    data: Path | None = DataOpt,
) -> None:
    """What is due, overdue or done: work-plan activities and the Convention's own
    deadlines (entry into force, Art. 7 reports, Art. 3 stockpile destruction, Art. 4
    clearance, withdrawals), classified on the as-of date.

    A deadline that passed with nothing recorded either way is 'no-data', never guessed
    'overdue'. Unless --all, --status, --state or --plan is given, deadlines over a year
    old that are done or have no data are hidden, and annual reports are one row per
    year for all States Parties.

    Examples:

      ccmctl deadlines --within 90d

      ccmctl deadlines --plan universalization-2023-2024 --as-of 2024-01-01

      ccmctl deadlines --state IRQ --kind clearance --as-of 2023-01-01

      ccmctl deadlines --format ics > ccm-deadlines.ics

      ccmctl deadlines --fail-on overdue
    """
    from .deadlines import KINDS, STATUSES, as_row, to_ics
    from .deadlines import deadlines as compute
    from .output import render

    check_format(fmt, ("table", "json", "csv", "markdown", "ics"))
    for k in kind:
        if k not in KINDS:
            raise fail(f"--kind {k!r} is not one of: {', '.join(KINDS)}")
    for st in status_:
        if st not in STATUSES:
            raise fail(f"--status {st!r} is not one of: {', '.join(STATUSES)}")
    if fail_on not in (None, "overdue"):
        raise fail(f"--fail-on {fail_on!r}: only 'overdue' is supported")
    days = parse_days(within)
    ds = load(data)
    on = resolve_as_of(ds, as_of)
    for iso in state:
        if iso.upper() not in ds.states:
            raise fail(f"--state {iso!r}: no such state (use an ISO alpha-3 code)")
    for pid in plan:
        if pid not in ds.plans:
            raise fail(f"--plan {pid!r} is not one of: {', '.join(sorted(ds.plans))}")
    note_currency(ds, on)
    rows = compute(
        ds,
        on,
        within=days,
        states=[s.upper() for s in state],
        plans=plan,
        kinds=kind,
        statuses=status_,
        show_all=show_all,
    )
    if fmt == "ics":
        sys.stdout.buffer.write(to_ics(rows, on))
    else:
        result = [as_row(d) for d in rows]
        columns = [
            ("due", "due"),
            ("status", "status"),
            ("kind", "kind"),
            ("title", "what"),
            ("basis", "basis"),
        ]
        render(result, columns, fmt, title=f"Deadlines as of {on}")
    if fail_on == "overdue" and any(d.status == "overdue" for d in rows):
        raise typer.Exit(1)


# --- report -------------------------------------------------------------------------


@app.command()
def report(
    meeting: str = typer.Argument(..., metavar="MEETING", help="Meeting id: 7msp, 12msp, 2rc…"),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE|MEETING",
        help="Default: the meeting's opening day if past, else today.",
    ),
    plan: list[str] = typer.Option(
        [],
        "--plan",
        "-p",
        metavar="ID",
        help="Plans to report on (default: those running up to the meeting).",
    ),
    per_region: int = typer.Option(
        3, "--per-region", metavar="N", help="Priority states shown per region."
    ),
    template: Path | None = typer.Option(
        None,
        "--template",
        metavar="FILE",
        help=(
            "Your own Jinja2 template (run sandboxed). Default: templates/report.md.j2 "
            "next to the data directory, else the one shipped with ccmctl."
        ),
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write here instead of standard output."
    ),
    data: Path | None = DataOpt,
) -> None:
    """Write the universalization progress report for a meeting, in Markdown.

    Sections: status at a glance and by region; changes since the previous meeting;
    States Parties over time (a Mermaid chart and a table); each plan's expected outputs
    evaluated from the data (met / not met / open) and its activities; priority states
    per region with their reasons; survey answers; deadlines overdue or due soon.

    Examples:

      ccmctl report 12msp > report.md

      ccmctl report 7msp --plan universalization-2016-2017 -o 7msp.md

      ccmctl report 13msp --template my-report.md.j2
    """
    from .report import context, default_as_of, render

    ds = load(data)
    mt = ds.meetings.get(meeting.lower())
    if mt is None:
        known = ", ".join(x.id for x in ds.meetings_in_order())
        raise fail(f"unknown meeting {meeting!r}; known: {known}")
    for pid in plan:
        if pid not in ds.plans:
            raise fail(f"--plan {pid!r} is not one of: {', '.join(sorted(ds.plans))}")
    if template is not None and not template.is_file():
        raise fail(f"--template {template}: no such file")
    on = resolve_as_of(ds, as_of) if as_of else default_as_of(ds, mt, today())
    note_currency(ds, on)
    ctx = context(ds, mt, on, plan or None, per_region)
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    from .report import DEFAULT_TEMPLATE, template_dir

    try:
        source = template or template_dir(data_dir(data)) / DEFAULT_TEMPLATE
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    try:
        text = render(ctx, source)
    except SecurityError as exc:
        raise fail(f"template refused: {exc}", 1) from None
    except TemplateError as exc:
        where = str(source)
        line = getattr(exc, "lineno", None)
        raise fail(f"{where}{':' + str(line) if line else ''}: template error: {exc}", 1) from None
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def main() -> None:
    """Console-script entry point. An unexpected error is one line, never a traceback
    (set CCMCTL_DEBUG=1 to see it)."""
    try:
        app()
    except Exception as exc:  # the last net: every known failure is reported before this
        if os.environ.get("CCMCTL_DEBUG"):
            raise
        sys.stderr.write(
            f"ccmctl: internal error: {type(exc).__name__}: {exc} "
            "(please report it; CCMCTL_DEBUG=1 shows the traceback)\n"
        )
        sys.exit(70)


if __name__ == "__main__":
    main()
