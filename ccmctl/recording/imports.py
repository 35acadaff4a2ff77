"""Imports from the spreadsheets people already have: the survey's answers (one row per
state) and a year's UNGA votes (the UN Digital Library's voting-record export).

Reading a file gives rows and the problems of the bad ones, each as ``FILE:ROW: what is
wrong`` (the header is row 1, as a spreadsheet numbers it); the good rows become changes
for :func:`ccmctl.recording.apply`, which writes them in one go or not at all.

**Survey** (``ccmctl survey template`` writes it, ``ccmctl survey import`` reads it): CSV
(UTF-8, comma or semicolon) or XLSX, with the columns ``state`` (ISO alpha-3 code or name),
``name`` (ignored: for the reader), ``date`` (YYYY-MM-DD), ``position``, ``reasons``
(separated by ``;`` or ``,``), ``note``, ``source`` and ``visibility``. A row with a state
and nothing else is a state that has not answered, and is passed over.

**UNGA votes**: CSV with a state column (``ms_code``, ``iso3``, ``state``, ``country`` or
``ms_name``/``name``) and a vote column (``ms_vote`` or ``vote``): ``Y``/``yes``,
``N``/``no``, ``A``/``abstain``, and blank/``X``/``absent`` for a state that did not vote
(the UN Digital Library's notation). A ``resolution`` column, if there is one, selects the
rows of the resolution imported; ``total_yes``, ``total_no`` and ``total_abstentions``, if
there, give the tally the votes are checked against.

Longer than 400 lines because both importers are here, each with its reader, its row
checks and its writer of changes, and the questionnaire they share.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from .. import schema as m
from ..dataset import Dataset
from ..domain.treaty import ccm_status
from .engine import Change, RecordError, Tree
from .kinds import add_to_state, record_id, state_file
from .tree import child_map, child_seq, find, put, scalar, value

MAX_BYTES = 10 * 1024 * 1024

SURVEY_COLUMNS = ("state", "name", "date", "position", "reasons", "note", "source", "visibility")
HEADER_ALIASES = {
    "iso3": "state",
    "country": "state",
    "code": "state",
    "reason": "reasons",
    "sources": "source",
    "answered": "date",
}


@dataclass
class Rows:
    """What a file held: its rows by number (values by column), and its problems."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# --- reading a CSV or XLSX file -------------------------------------------------------------


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _header(values: Sequence[Any]) -> list[str]:
    out = []
    for v in values:
        key = re.sub(r"[^a-z0-9_]+", "_", str(v or "").strip().lower()).strip("_")
        out.append(HEADER_ALIASES.get(key, key))
    return out


def read_table(path: Path, shown: str) -> Rows:
    """The rows of a CSV or XLSX file, keyed by lower-case column name."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RecordError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise RecordError(f"{shown}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _xlsx(path, shown)
    else:
        table = _csv(path, shown)
    out = Rows()
    if not table:
        raise RecordError(f"{shown}: empty file", 1)
    header = _header(table[0])
    for number, values in enumerate(table[1:], start=2):
        row = {header[i]: _cell(v) for i, v in enumerate(values) if i < len(header) and header[i]}
        if any(v not in (None, "") for v in row.values()):
            out.rows.append((number, row))
    return out


def _csv(path: Path, shown: str) -> list[list[Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecordError(f"{shown}: not UTF-8 text (save the CSV as UTF-8)", 1) from None
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx(path: Path, shown: str) -> list[list[Any]]:
    try:
        from openpyxl import load_workbook  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a dependency of ccmctl
        raise RecordError("reading .xlsx needs openpyxl (pip install openpyxl)") from None
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise RecordError(f"{shown}: not a readable .xlsx file ({type(exc).__name__})", 1) from None
    try:
        sheet = wb["answers"] if "answers" in wb.sheetnames else wb.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        wb.close()


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(f"date {text!r} is not YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"date {text!r}: {exc}") from None


def _words(value: Any) -> list[str]:
    return [w.strip() for w in re.split(r"[;,]", str(value or "")) if w.strip()]


# --- the survey ---------------------------------------------------------------------------------

POSITIONS: tuple[str, ...] = get_args(m.SurveyPosition)
REASONS: tuple[str, ...] = get_args(m.SurveyReason)


def questionnaire(ds: Dataset, on: dt.date) -> list[list[str]]:
    """The template's rows: a header, then one row per state not party on ``on``."""
    rows = [list(SURVEY_COLUMNS)]
    for s in sorted(ds.states.values(), key=lambda s: s.name):
        if ccm_status(s, on) != "party":
            rows.append([s.iso3, s.name, "", "", "", "", "", "internal"])
    return rows


def template_csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def template_xlsx(rows: list[list[str]], on: dt.date) -> bytes:
    """The questionnaire as a workbook: the answers sheet (with drop-down lists for
    position and visibility) and a sheet saying what each column takes. Byte-stable:
    the same rows and day give the same bytes."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    wb = Workbook()
    ws = wb.active
    ws.title = "answers"
    for r in rows:
        ws.append(r)
    last = max(len(rows), 2) + 200
    for column, values in (("D", POSITIONS), ("H", ("internal", "public"))):
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        dv.add(f"{column}2:{column}{last}")
        ws.add_data_validation(dv)
    for column, width in zip("ABCDEFGH", (8, 34, 12, 18, 40, 40, 20, 12), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A2"
    help_sheet = wb.create_sheet("read me")
    for line in (
        ["column", "what to write"],
        ["state", "ISO alpha-3 code (or the name); one row per state"],
        ["date", "the day the answer was received, YYYY-MM-DD"],
        ["position", ", ".join(POSITIONS)],
        ["reasons", "any of, separated by ';': " + "; ".join(REASONS)],
        ["note", "details (optional)"],
        ["source", "source id(s) from data/sources.yaml (optional)"],
        ["visibility", "internal (default: left out of circulated reports) or public"],
        ["", "A row with no position and no date is a state that has not answered."],
        ["", "Import with: ccmctl survey import FILE"],
    ):
        help_sheet.append(line)
    stamp = dt.datetime(on.year, on.month, on.day)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "ccmctl"
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue(), on)


def _stable_zip(data: bytes, on: dt.date) -> bytes:
    """The same archive with every entry dated ``on``, and the workbook's "modified"
    property too: no clock in the bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(on.year, on.month, on.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + f"{on.isoformat()}T00:00:00Z".encode() + rb"\g<2>",
                    content,
                )
            dst.writestr(fixed, content)
    return out.getvalue()


@dataclass
class SurveyImport:
    """What a survey file gives: one change per answer to record, the bad rows, and the
    rows passed over (no answer yet, or an answer already recorded)."""

    changes: list[Change]
    problems: list[str]
    unanswered: int = 0
    already: int = 0
    answers: list[tuple[int, str]] = field(default_factory=list)
    """(row, state) of each answer to record."""


def survey_import(
    ds: Dataset,
    path: Path,
    shown: str,
    *,
    today: dt.date,
    find_state: Callable[[str], m.State],
    source: Any = None,
    visibility: str = "internal",
) -> SurveyImport:
    """Check every row of a survey file; build the changes for the good ones."""
    table = read_table(path, shown)
    out = SurveyImport([], list(table.problems))
    seen: dict[str, int] = {}
    for number, row in table.rows:
        where = f"{shown}:{number}"
        try:
            answer = _survey_row(ds, row, today, find_state, source, visibility)
        except ValueError as exc:
            out.problems.append(f"{where}: {exc}")
            continue
        if answer is None:
            out.unanswered += 1
            continue
        iso3, fields = answer
        if iso3 in seen:
            out.problems.append(
                f"{where}: {iso3} again (first on row {seen[iso3]}): one row a state"
            )
            continue
        seen[iso3] = number
        if any(
            r.date == fields["date"] and r.position == fields["position"]
            for r in ds.states[iso3].outreach.survey
        ):
            out.already += 1
            continue
        base = record_id(fields["date"], "survey")
        out.changes.append(add_to_state(ds.root, iso3, "survey", fields, base))
        out.answers.append((number, iso3))
    return out


def _survey_row(
    ds: Dataset,
    row: dict[str, Any],
    today: dt.date,
    find_state: Callable[[str], m.State],
    source: Any,
    visibility: str,
) -> tuple[str, dict[str, Any]] | None:
    state_text = str(row.get("state") or "").strip()
    if not state_text:
        raise ValueError("no state (column 'state': ISO alpha-3 code or name)")
    try:
        s = find_state(state_text)
    except LookupError as exc:
        raise ValueError(str(exc)) from None
    position = str(row.get("position") or "").strip().lower()
    date = row.get("date")
    if not position and date in (None, ""):
        return None
    if not position:
        raise ValueError(f"{s.iso3}: no position (one of: {', '.join(POSITIONS)})")
    if position not in POSITIONS:
        raise ValueError(f"{s.iso3}: position {position!r} is not one of: {', '.join(POSITIONS)}")
    if date in (None, ""):
        raise ValueError(f"{s.iso3}: no date (the day the answer was received, YYYY-MM-DD)")
    day = _day(date)
    if day > today:
        raise ValueError(f"{s.iso3}: date {day} is after today ({today})")
    reasons = [r.lower() for r in _words(row.get("reasons"))]
    for r in reasons:
        if r not in REASONS:
            raise ValueError(f"{s.iso3}: reason {r!r} is not one of: {', '.join(REASONS)}")
    vis = str(row.get("visibility") or visibility).strip().lower()
    if vis not in ("internal", "public"):
        raise ValueError(f"{s.iso3}: visibility {vis!r} is not internal or public")
    ids = _words(row.get("source"))
    src = (ids[0] if len(ids) == 1 else ids) if ids else source
    note = str(row["note"]).strip() if row.get("note") not in (None, "") else None
    fields = {
        "date": day,
        "position": position,
        "reasons": reasons or None,
        "note": note,
        "visibility": vis,
        "source": src,
    }
    return s.iso3, fields


# --- UNGA votes ----------------------------------------------------------------------------------

STATE_COLUMNS = ("ms_code", "iso3", "state", "country", "ms_name", "name")
VOTE_COLUMNS = ("ms_vote", "vote")
VOTES = {
    "y": "yes",
    "yes": "yes",
    "in favour": "yes",
    "in favor": "yes",
    "n": "no",
    "no": "no",
    "against": "no",
    "a": "abstain",
    "abstain": "abstain",
    "abstention": "abstain",
    "abstentions": "abstain",
    "": "absent",
    "x": "absent",
    "absent": "absent",
    "non-voting": "absent",
    "not voting": "absent",
}
TOTALS = {"yes": "total_yes", "no": "total_no", "abstain": "total_abstentions"}


@dataclass
class UngaImport:
    """A year's votes read from a file: by state, the tally they add up to, and the tally
    they must match; the problems that stop the import."""

    votes: dict[str, str]
    counted: dict[str, int]
    expected: dict[str, int] | None
    problems: list[str]
    members_missing: list[str]
    changes: list[Change] = field(default_factory=list)


def unga_import(
    ds: Dataset,
    path: Path,
    shown: str,
    *,
    year: int,
    resolution: str,
    adopted: dt.date,
    source: Any,
    tally: dict[str, int] | None,
    record: str | None,
    find_state: Callable[[str], m.State],
) -> UngaImport:
    """Read the votes, check them against the tally, build the changes (one per state
    file, and the resolution's entry in unga.yaml). Any problem: no change at all."""
    table = read_table(path, shown)
    problems = list(table.problems)
    rows = table.rows
    if rows and "resolution" in rows[0][1]:
        rows = [(n, r) for n, r in rows if _same_symbol(r.get("resolution"), resolution)]
        if not rows:
            raise RecordError(f"{shown}: no row for resolution {resolution}", 1)
    votes: dict[str, str] = {}
    seen: dict[str, int] = {}
    totals: dict[str, set[int]] = {k: set() for k in TOTALS}
    for number, row in rows:
        where = f"{shown}:{number}"
        state_text = next((str(row[c]) for c in STATE_COLUMNS if row.get(c) not in (None, "")), "")
        vote_key = next((c for c in VOTE_COLUMNS if c in row), None)
        if not state_text:
            problems.append(f"{where}: no state ({' or '.join(STATE_COLUMNS[:4])} column)")
            continue
        if vote_key is None:
            problems.append(f"{where}: no vote column (ms_vote or vote)")
            continue
        try:
            s = find_state(state_text)
        except LookupError as exc:
            problems.append(f"{where}: {exc}")
            continue
        said = str(row.get(vote_key) or "").strip().lower()
        if said not in VOTES:
            problems.append(f"{where}: {s.iso3}: vote {said!r} is not Y, N, A or blank")
            continue
        vote = VOTES[said]
        if s.un != "member" and vote != "absent":
            problems.append(f"{where}: {s.iso3} is not a UN member: it has no vote")
            continue
        if s.iso3 in seen:
            problems.append(f"{where}: {s.iso3} again (first on row {seen[s.iso3]})")
            continue
        seen[s.iso3] = number
        votes[s.iso3] = vote
        for k, column in TOTALS.items():
            if row.get(column) not in (None, ""):
                try:
                    totals[k].add(int(row[column]))
                except (TypeError, ValueError):
                    problems.append(f"{where}: {column} {row[column]!r} is not a number")
    counted = {k: sum(1 for v in votes.values() if v == k) for k in TOTALS}
    expected = tally or _file_tally(totals, shown, problems) or _recorded_tally(ds, year)
    if expected is None:
        problems.append(
            f"{shown}: no tally to check the votes against: give --tally YES-NO-ABSTAIN"
        )
    elif any(counted[k] != expected[k] for k in expected):
        said = ", ".join(f"{expected[k]} {k}" for k in expected)
        found = ", ".join(f"{counted[k]} {k}" for k in expected)
        problems.append(f"{shown}: the tally says {said}; the file's votes count {found}")
    missing = sorted(s.iso3 for s in ds.states.values() if s.un == "member" and s.iso3 not in votes)
    out = UngaImport(votes, counted, expected, problems, missing)
    if not problems:
        out.changes = [
            _vote_change(ds.root, iso3, year, vote) for iso3, vote in sorted(votes.items())
        ]
        out.changes.append(
            _resolution_change(ds, year, resolution, adopted, expected or counted, source, record)
        )
    return out


def _symbol(x: Any) -> str:
    return re.sub(r"\s+", "", str(x or "")).upper()


def _same_symbol(a: Any, b: str) -> bool:
    return _symbol(a) == _symbol(b)


def _file_tally(
    totals: dict[str, set[int]], shown: str, problems: list[str]
) -> dict[str, int] | None:
    if not any(totals.values()):
        return None
    for k, values in totals.items():
        if len(values) > 1:
            problems.append(f"{shown}: the rows disagree on {TOTALS[k]}: {sorted(values)}")
            return None
    return {k: next(iter(v)) for k, v in totals.items() if v}


def _recorded_tally(ds: Dataset, year: int) -> dict[str, int] | None:
    r = ds.resolutions.get(year)
    if r is None or r.tally is None:
        return None
    got = {k: getattr(r.tally, k) for k in TOTALS if getattr(r.tally, k) is not None}
    return got or None


def _vote_change(root: Path, iso3: str, year: int, vote: str) -> Change:
    def edit(tree: Tree) -> str:
        votes = child_map(tree, "unga_votes", m.State)
        if year in votes:
            votes[year] = scalar(vote)
        else:
            pos = sum(1 for y in votes if isinstance(y, int) and y < year)
            votes.insert(pos, year, scalar(vote))
        return f"{iso3} {year} {vote}"

    return Change(state_file(root, iso3), edit)


def _resolution_change(
    ds: Dataset,
    year: int,
    symbol: str,
    adopted: dt.date,
    tally: dict[str, int],
    source: Any,
    record: str | None,
) -> Change:
    existing = ds.resolutions.get(year)
    if existing is not None and existing.symbol and not _same_symbol(existing.symbol, symbol):
        raise RecordError(
            f"data/unga.yaml: the {year} resolution is {existing.symbol}, not {symbol}", 1
        )

    def edit(tree: Tree) -> str:
        seq = child_seq(tree, "resolutions", m.UngaFile)
        i = find(seq, str(year), key="year")
        if i is None:
            pos = sum(1 for r in seq if isinstance(r.get("year"), int) and r["year"] < year)
            seq.insert(pos, value({"year": year, "source": source}, m.Resolution))
            entry = seq[pos]
        else:
            entry = seq[i]
            old = entry.get("source")
            ids = [old] if isinstance(old, str) else list(old or [])
            new = [s for s in ([source] if isinstance(source, str) else source) if s not in ids]
            if new:  # the sources already cited stay as they are written
                put(entry, "source", ids + new, m.Resolution)
        put(entry, "symbol", symbol, m.Resolution)
        put(entry, "adopted", adopted, m.Resolution)
        put(
            entry,
            "tally",
            {k: tally[k] for k in ("yes", "no", "abstain") if k in tally},
            m.Resolution,
        )
        if record:
            put(entry, "undl_record", record, m.Resolution)
        put(entry, "per_state", True, m.Resolution)
        return f"UNGA {year} resolution {symbol}"

    return Change(ds.root / "unga.yaml", edit)


def parse_tally(text: str) -> dict[str, int]:
    """``144-1-37`` -> ``{"yes": 144, "no": 1, "abstain": 37}``."""
    match = re.fullmatch(r"\s*([0-9]+)\s*-\s*([0-9]+)\s*-\s*([0-9]+)\s*", text)
    if match is None:
        raise RecordError(f"--tally {text!r}: write YES-NO-ABSTAIN, e.g. 144-1-37")
    return dict(zip(("yes", "no", "abstain"), (int(g) for g in match.groups()), strict=True))
