"""Plans: action plans, work plans and concept notes, with items and indicators."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from .common import ActorRef, MeetingId, Model, Month, Slug, SourceRef, Text

# --- plans ---------------------------------------------------------------------------

ItemStatus = Literal["planned", "in-progress", "done", "cancelled"]


class Due(Model):
    """When a plan item is due: exactly one of a day, a month, a period or a meeting."""

    date: dt.date | None = Field(None, description="A day.")
    month: Month | None = Field(None, description="A month, 'YYYY-MM': due on its last day.")
    from_: Month | dt.date | None = Field(
        None, alias="from", description="Start of a period ('YYYY-MM' or a day)."
    )
    until: Month | dt.date | None = Field(None, description="End of a period: due then.")
    meeting: MeetingId | None = Field(None, description="Due by a meeting's opening day.")
    note: str | None = Field(None, description="The plan's own wording.")

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, populate_by_name=True, defer_build=True
    )

    @model_validator(mode="after")
    def exactly_one_form(self) -> Due:
        forms = [
            self.date is not None,
            self.month is not None,
            self.until is not None,
            self.meeting is not None,
        ]
        if sum(forms) != 1:
            raise ValueError("give exactly one of date, month, from/until or meeting")
        if self.from_ is not None and self.until is None:
            raise ValueError("a period needs `until`")
        return self


class StatusEntry(Model):
    """A dated status of a plan item, as a source states it."""

    id: Slug | None = Field(
        None,
        description="Stable id, unique in the item's status list (`ccmctl record status` "
        "makes one from date and status, e.g. `2024-02-20-done`).",
    )
    date: dt.date = Field(description="When this status was reported or reached.")
    status: ItemStatus = Field(description="planned, in-progress, done or cancelled.")
    note: str | None = Field(None, description="Details.")
    source: SourceRef = Field(description="Source id(s).")


class Budget(Model):
    """An estimated budget."""

    amount: float | int | None = Field(None, description="Amount, if stated.")
    currency: str | None = Field(None, description="ISO 4217 code.")
    note: str | None = Field(None, description="What it covers, or the plan's wording.")


class Item(Model):
    """One activity of a plan."""

    id: Slug = Field(description="Identifier, unique in the plan.")
    title: Text = Field(description="Short title.")
    number: str | int | None = Field(None, description="The plan's own number (e.g. Action 10).")
    text: str | None = Field(None, description="The plan's wording.")
    section: str | None = Field(None, description="Where in the plan.")
    schedules: Slug | None = Field(
        None,
        description="For a timeline entry: the id of the activity it schedules (the two are "
        "one piece of work, listed once).",
    )
    due: Due | None = Field(None, description="When it is due; absent if the plan gives none.")
    owners: list[ActorRef] = Field(
        default_factory=list, description="Who carries it out (the plan's owners when empty)."
    )
    partners: list[ActorRef] = Field(default_factory=list, description="Who helps.")
    budget: Budget | None = Field(None, description="Budget, if stated.")
    status: list[StatusEntry] = Field(
        default_factory=list, description="Status history, oldest first."
    )
    note: str | None = Field(None, description="Remarks.")


Metric = Literal["new_states_parties", "states_parties", "manual"]


class Indicator(Model):
    """An expected output; computed from the data unless ``metric`` is manual."""

    id: Slug = Field(description="Identifier, unique in the plan.")
    title: Text = Field(description="The plan's wording.")
    metric: Metric = Field(
        description="new_states_parties: deposits in (from, by]; "
        "states_parties: count on `by`; manual: not computable."
    )
    from_: dt.date | MeetingId | None = Field(
        None, alias="from", description="Window start (date or meeting)."
    )
    by: dt.date | MeetingId | None = Field(None, description="Window end or count date.")
    target: int | None = Field(None, ge=0, description="The number to reach.")
    status: list[StatusEntry] = Field(
        default_factory=list, description="For manual indicators: reported status."
    )
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, populate_by_name=True, defer_build=True
    )

    @model_validator(mode="after")
    def computable_has_window(self) -> Indicator:
        if self.metric != "manual":
            if self.by is None or self.target is None:
                raise ValueError(f"metric {self.metric} needs `by` and `target`")
            if self.metric == "new_states_parties" and self.from_ is None:
                raise ValueError("metric new_states_parties needs `from`")
        return self


class Plan(Model):
    """`data/plans/ID.yaml`: an action plan, work plan or concept note."""

    id: Slug = Field(description="Identifier; the file name.")
    title: Text = Field(description="Full title.")
    kind: Literal["action-plan", "work-plan", "concept-note"] = Field(description="What it is.")
    parent: Slug | None = Field(None, description="The plan it implements.")
    adopted_at: MeetingId | None = Field(None, description="Meeting that adopted it.")
    start: dt.date | None = Field(None, description="First day it covers.")
    end: dt.date | None = Field(None, description="Last day it covers.")
    up_to: MeetingId | None = Field(None, description="The meeting that closes it.")
    owners: list[ActorRef] = Field(default_factory=list, description="Strategy implementers.")
    partners: list[ActorRef] = Field(default_factory=list, description="Implementing partners.")
    budget: Budget | None = Field(None, description="Estimated budget.")
    objectives: list[Text] = Field(default_factory=list, description="Objectives.")
    items: list[Item] = Field(default_factory=list, description="Activities.")
    indicators: list[Indicator] = Field(default_factory=list, description="Expected outputs.")
    source: SourceRef = Field(description="Source id(s) of the plan's text.")
    note: str | None = Field(None, description="Remarks.")
