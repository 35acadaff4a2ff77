"""Outreach: who was approached, when, by whom, with what outcome and next step; what the
survey answers say; and which of the users' records may leave the team.

Engagements, survey answers and obstacles are ``internal`` unless recorded ``public`` (a
record without the field is internal: the safe reading of records written before the
field existed). Everything that goes into a report, a brief or an export passes through
:func:`visible`, which keeps the public ones unless internal records are asked for, and
counts what it left out so that the document can say so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .. import schema as m
from ..dataset import Dataset
from ..domain.dates import PartialDate
from ..domain.treaty import ccm_status

if TYPE_CHECKING:
    from .deadline import Deadline


class _HasVisibility(Protocol):
    @property
    def visibility(self) -> str: ...


R = TypeVar("R", bound=_HasVisibility)


def is_public(record: _HasVisibility) -> bool:
    """Whether a record may be circulated: only when it says ``public``."""
    return record.visibility == "public"


def visible(records: Iterable[R], include_internal: bool) -> tuple[list[R], int]:
    """The records a document may carry, and how many internal ones it leaves out."""
    kept: list[R] = []
    left_out = 0
    for r in records:
        if include_internal or is_public(r):
            kept.append(r)
        else:
            left_out += 1
    return kept, left_out


def visible_outreach(o: m.Outreach, include_internal: bool) -> tuple[m.Outreach, int]:
    """A state's outreach with the internal records taken out (unless asked), and how
    many were."""
    engagements, a = visible(o.engagements, include_internal)
    survey, b = visible(o.survey, include_internal)
    obstacles, c = visible(o.obstacles, include_internal)
    kept = o.model_copy(
        update={"engagements": engagements, "survey": survey, "obstacles": obstacles}
    )
    return kept, a + b + c


# --- engagements ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EngagementRow:
    """One engagement, with the state it concerns."""

    date: PartialDate
    iso3: str
    state: str
    region: str
    id: str | None
    kind: str
    by: tuple[str, ...]
    summary: str
    outcome: str | None
    next_step: str | None
    next_due: dt.date | None
    activity: str | None
    visibility: str
    sources: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row["date"] = str(self.date)
        row["next_due"] = self.next_due.isoformat() if self.next_due else None
        row["by"] = list(self.by)
        row["sources"] = list(self.sources)
        return row


@dataclass(frozen=True)
class OutreachResult:
    """Engagements in a window, oldest first, and how many internal ones were left out."""

    until: dt.date
    since: dt.date | None
    rows: list[EngagementRow]
    left_out: int


def engagement_row(ds: Dataset, s: m.State, e: m.Engagement) -> EngagementRow:
    return EngagementRow(
        date=e.date,
        iso3=s.iso3,
        state=s.name,
        region=s.region,
        id=e.id,
        kind=e.kind,
        by=tuple(e.by),
        summary=e.summary,
        outcome=e.outcome,
        next_step=e.next_step,
        next_due=e.next_due,
        activity=e.activity,
        visibility=e.visibility,
        sources=tuple(m.source_ids(e.source)),
    )


def engagements(
    ds: Dataset,
    until: dt.date,
    *,
    since: dt.date | None = None,
    states: Sequence[str] = (),
    by: Sequence[str] = (),
    region: str | None = None,
    kinds: Sequence[str] = (),
    include_internal: bool = False,
) -> OutreachResult:
    """Engagements dated from ``since`` (inclusive) to ``until`` (inclusive), narrowed to
    some states, actors (any of them engaged), an M49 region or named group, and kinds."""
    rows: list[EngagementRow] = []
    left_out = 0
    for s in ds.states.values():
        if states and s.iso3 not in states:
            continue
        if region and not ds.in_region(s, region):
            continue
        matching = [
            e
            for e in s.outreach.engagements
            if e.date.known_by(until)
            and (since is None or e.date.first_day >= since)
            and (not by or any(a in e.by for a in by))
            and (not kinds or e.kind in kinds)
        ]
        kept, n = visible(matching, include_internal)
        left_out += n
        rows += [engagement_row(ds, s, e) for e in kept]
    rows.sort(key=lambda r: (r.date.sort_key, r.state, r.id or ""))
    return OutreachResult(until, since, rows, left_out)


@dataclass(frozen=True)
class NextStep:
    """An engagement's next step: what, by when, and whether a later engagement that says
    it ``follows`` this one has carried it out."""

    iso3: str
    state: str
    engagement: str | None
    step: str
    due: dt.date
    done_on: PartialDate | None
    sources: tuple[str, ...]
    internal: bool = False


def next_steps(
    ds: Dataset, on: dt.date, *, include_internal: bool = False
) -> tuple[list[NextStep], int]:
    """Every next step with a due day recorded by ``on``, and how many internal ones were
    left out."""
    out: list[NextStep] = []
    left_out = 0
    for s in ds.states.values():
        known = [e for e in s.outreach.engagements if e.date.known_by(on)]
        done = {e.follows: e.date for e in known if e.follows}
        with_step = [e for e in known if e.next_step and e.next_due]
        kept, n = visible(with_step, include_internal)
        left_out += n
        for e in kept:
            assert e.next_step and e.next_due
            out.append(
                NextStep(
                    s.iso3,
                    s.name,
                    e.id,
                    e.next_step,
                    e.next_due,
                    done.get(e.id) if e.id else None,
                    tuple(m.source_ids(e.source)),
                    not is_public(e),
                )
            )
    out.sort(key=lambda x: (x.due, x.state))
    return out, left_out


def next_step_deadlines(ds: Dataset, on: dt.date) -> Iterator[Deadline]:
    """The next step of an engagement, due on its ``next_due`` (the users' own record); done
    when a later engagement ``follows`` it. Internal ones are marked so: the deadline list,
    which is circulated, leaves them out unless asked."""
    from .deadline import Deadline

    for x in next_steps(ds, on, include_internal=True)[0]:
        d = Deadline(
            "next-step",
            x.due,
            f"{x.state}: {x.step}",
            state=x.iso3,
            item=x.engagement,  # the engagement's id: one calendar uid per next step
            basis=f"engagement {x.engagement or ''}".strip(),
            sources=list(x.sources),
        )
        d.done = x.done_on
        d.internal = x.internal
        yield d


# --- survey ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """Latest survey answers: how many, by position, by reason."""

    answered: int = 0
    positions: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SurveyResult:
    """The survey on a day, overall and by M49 region; internal answers left out unless
    asked (counted in ``left_out``)."""

    on: dt.date
    overall: Tally
    regions: list[tuple[str, str, Tally]]
    """(slug, name, tally), by region name."""
    left_out: int
    states: list[tuple[str, str, m.SurveyResponse]]
    """(iso3, name, latest answer) of every state counted."""


def _tally(answers: Sequence[m.SurveyResponse]) -> Tally:
    positions: Counter[str] = Counter(a.position for a in answers)
    reasons: Counter[str] = Counter(r for a in answers for r in a.reasons)
    return Tally(
        len(answers),
        dict(sorted(positions.items())),
        dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def survey(ds: Dataset, on: dt.date, *, include_internal: bool = False) -> SurveyResult:
    """The latest answer on or before ``on`` of each state not party on ``on`` (the survey
    asks states not party why they have not joined), tallied. A state whose latest answer
    is internal is left out (and counted in ``left_out``) unless internal records are
    asked for: an older public answer would say what the state no longer says."""
    latest: list[tuple[m.State, m.SurveyResponse]] = []
    left_out = 0
    for s in ds.states.values():
        if ccm_status(s, on) == "party":
            continue
        past = [x for x in s.outreach.survey if x.date <= on]
        if not past:
            continue
        answer = max(past, key=lambda x: x.date)
        if not (include_internal or is_public(answer)):
            left_out += 1  # its latest answer is internal: no older public one stands in
            continue
        latest.append((s, answer))
    by_region: dict[str, list[m.SurveyResponse]] = {}
    for s, answer in latest:
        by_region.setdefault(s.region, []).append(answer)
    regions = sorted(
        ((slug, ds.region_name(slug), _tally(answers)) for slug, answers in by_region.items()),
        key=lambda r: r[1],
    )
    return SurveyResult(
        on,
        _tally([a for _, a in latest]),
        regions,
        left_out,
        sorted(((s.iso3, s.name, a) for s, a in latest), key=lambda t: t[1]),
    )


# --- what a report carries -----------------------------------------------------------------------


def report_outreach(
    ds: Dataset, since: dt.date | None, on: dt.date, include_internal: bool
) -> dict[str, Any]:
    """The report's outreach section: engagements since the previous meeting and the next
    steps still open, public ones only unless internal records are asked for."""
    result = engagements(ds, on, since=since, include_internal=include_internal)
    steps, steps_left_out = next_steps(ds, on, include_internal=include_internal)
    open_steps = [x for x in steps if x.done_on is None]
    by_state = Counter(r.state for r in result.rows)
    by_activity = Counter(_activity_title(ds, r.activity) for r in result.rows if r.activity)
    return {
        "outreach": {
            "since": since.isoformat() if since else None,
            "by_state": sorted(by_state.items(), key=lambda kv: (-kv[1], kv[0])),
            "by_activity": sorted(by_activity.items(), key=lambda kv: (-kv[1], kv[0])),
            "engagements": [
                {
                    "date": str(r.date),
                    "state": r.state,
                    "iso3": r.iso3,
                    "kind": r.kind,
                    "by": ", ".join(ds.state_name(a) if a.isupper() else a for a in r.by),
                    "summary": r.summary,
                    "outcome": r.outcome or "",
                    "next_step": r.next_step or "",
                    "next_due": r.next_due.isoformat() if r.next_due else "",
                }
                for r in result.rows
            ],
            "next_steps": [
                {"due": x.due.isoformat(), "state": x.state, "step": x.step} for x in open_steps
            ],
            "left_out": result.left_out,
            "next_steps_left_out": steps_left_out,
            "include_internal": include_internal,
        }
    }


def _activity_title(ds: Dataset, ref: str) -> str:
    """``PLAN:ITEM`` as the activity's title (the reference itself when it is not found)."""
    plan_id, _, item_id = ref.partition(":")
    plan = ds.plans.get(plan_id)
    item = next((x for x in plan.items if x.id == item_id), None) if plan else None
    return item.title if item else ref
