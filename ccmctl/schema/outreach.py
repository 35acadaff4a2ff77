"""The users' own records of a state: coordinators, engagements, survey answers and
obstacles (the universalization work, as opposed to the treaty record).

Each engagement, survey answer and obstacle has

* an ``id``, stable and unique in its list (``ccmctl record`` makes one from the date and
  the kind, e.g. ``2024-04-29-bilateral``), by which ``ccmctl amend`` and ``ccmctl remove``
  find it; records written by hand before ids existed may lack one;
* a ``visibility``: ``internal`` (the default, also for a record that does not say) or
  ``public``. Reports, briefs and exports leave internal records out unless asked
  (``--include-internal``), and say how many they left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ..domain.dates import PartialDateField
from .common import ActorRef, Model, Slug, SourceRef, Text

EngagementKind = Literal[
    "bilateral",
    "demarche",
    "letter",
    "mission",
    "workshop",
    "meeting",
    "side-event",
    "speaking-slot",
    "parliamentary",
    "statement",
    "other",
]
"""From the seeds: bilateral exchanges (in capitals, in Geneva, alongside meetings),
general demarches, letters to ministers of foreign affairs and parliamentarians, (joint)
missions to capitals, regional workshops, side events and speaking slots at other
disarmament meetings, approaches to legislative authorities (IPU, PGA), statements."""
SurveyPosition = Literal["considering", "in-process", "not-in-position", "opposed", "no-response"]
SurveyReason = Literal[
    "security-defence",
    "alliance-interoperability",
    "stockpiles",
    "production",
    "legislative-process",
    "capacity-resources",
    "not-a-priority",
    "regional-situation",
    "awaiting-others",
    "no-reason-given",
    "other",
]
Visibility = Literal["internal", "public"]
"""``internal``: kept to the team (the default); ``public``: may appear in circulated reports."""
ActivityRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*:[a-z0-9][a-z0-9-]*$")]
"""A plan activity, ``PLAN:ITEM`` (``universalization-2023-2024:act-1-bilateral-exchanges``)."""

RECORD_ID = "Stable id, unique in its list (`ccmctl record` makes one from date and kind)."
VISIBILITY = (
    "internal (the default, also when absent): left out of reports and exports unless "
    "--include-internal; public: may be circulated."
)


class Engagement(Model):
    """One dated contact with a state about joining the Convention."""

    id: Slug | None = Field(None, description=RECORD_ID)
    date: PartialDateField = Field(
        description="When it happened: a day, or the month 'YYYY-MM' or year when no day is known."
    )
    kind: EngagementKind = Field(description="What sort of contact.")
    by: list[ActorRef] = Field(default_factory=list, description="Who engaged (states or bodies).")
    summary: Text = Field(description="What was said or agreed.")
    outcome: str | None = Field(None, description="Follow-up or result.")
    next_step: str | None = Field(None, description="What is to be done next.")
    next_due: dt.date | None = Field(
        None, description="When the next step is due (a deadline of its own: `deadlines`)."
    )
    activity: ActivityRef | None = Field(
        None, description="The plan activity this contact carries out, `PLAN:ITEM`."
    )
    follows: Slug | None = Field(
        None,
        description="The id of an earlier engagement with the same state whose next step "
        "this one carries out (that next step is then done).",
    )
    visibility: Visibility = Field("internal", description=VISIBILITY)
    source: SourceRef | None = Field(
        None, description="Source id(s); internal notes may have none."
    )

    @model_validator(mode="after")
    def next_due_needs_a_next_step(self) -> Engagement:
        if self.next_due is not None and self.next_step is None:
            raise ValueError("next_due needs next_step: say what is due")
        if self.next_due is not None and self.next_due < self.date.first_day:
            raise ValueError(f"next_due ({self.next_due}) is before the engagement ({self.date})")
        return self


class SurveyResponse(Model):
    """A state's answer to the universalization survey (2023–2024 work plan)."""

    id: Slug | None = Field(None, description=RECORD_ID)
    date: dt.date = Field(description="When the answer was received.")
    position: SurveyPosition = Field(description="Where the state stands.")
    reasons: list[SurveyReason] = Field(
        default_factory=list, description="Reasons given for not joining."
    )
    note: str | None = Field(None, description="Details.")
    visibility: Visibility = Field("internal", description=VISIBILITY)
    source: SourceRef | None = Field(None, description="Source id(s).")


class Obstacle(Model):
    """An obstacle to ratification or accession and a proposed solution
    (2016–2017 concept note, 3(b))."""

    id: Slug | None = Field(None, description=RECORD_ID)
    summary: Text = Field(description="The obstacle.")
    identified: PartialDateField | None = Field(
        None, description="When it was identified: a day, a month 'YYYY-MM' or a year."
    )
    solution: str | None = Field(None, description="Proposed solution.")
    visibility: Visibility = Field("internal", description=VISIBILITY)
    source: SourceRef | None = Field(None, description="Source id(s).")


class Coordinator(Model):
    """An actor assigned to lead outreach to a state for a period (a Meeting's coordinators
    on universalization, a Presidency)."""

    actor: ActorRef = Field(description="A state (ISO alpha-3) or a body from data/bodies.yaml.")
    since: PartialDateField | None = Field(None, description="First day (or month, year) of it.")
    until: PartialDateField | None = Field(None, description="Last day (or month, year) of it.")
    source: SourceRef | None = Field(None, description="Where the assignment is stated.")


class Outreach(Model):
    """Universalization work with one state."""

    coordinators: list[ActorRef | Coordinator] = Field(
        default_factory=list,
        description="Who leads outreach to this state: an actor, or an actor with the period "
        "of the assignment (since/until), so that a past view names the coordinators of then.",
    )

    def coordinators_on(self, on: dt.date) -> tuple[list[str], list[str]]:
        """The coordinators assigned on ``on`` (dated), and those recorded without dates."""
        dated: list[str] = []
        undated: list[str] = []
        for c in self.coordinators:
            if isinstance(c, str):
                undated.append(c)
            elif (c.since is None or c.since.first_day <= on) and (
                c.until is None or c.until.last_day >= on
            ):
                (dated if c.since or c.until else undated).append(c.actor)
        return dated, undated

    engagements: list[Engagement] = Field(default_factory=list, description="Dated contacts.")
    survey: list[SurveyResponse] = Field(default_factory=list, description="Survey answers.")
    obstacles: list[Obstacle] = Field(default_factory=list, description="Known obstacles.")
