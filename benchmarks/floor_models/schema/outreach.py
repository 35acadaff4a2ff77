"""The users' own records of a state: coordinators, engagements, survey answers and
obstacles (the universalization work, as opposed to the treaty record)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .common import ActorRef, Model, SourceRef, Text

EngagementKind = Literal[
    "bilateral",
    "demarche",
    "letter",
    "mission",
    "workshop",
    "meeting",
    "side-event",
    "statement",
    "other",
]
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


class Engagement(Model):
    """One dated contact with a state about joining the Convention."""

    date: dt.date = Field(description="When it happened.")
    kind: EngagementKind = Field(description="What sort of contact.")
    by: list[ActorRef] = Field(default_factory=list, description="Who engaged (states or bodies).")
    summary: Text = Field(description="What was said or agreed.")
    outcome: str | None = Field(None, description="Follow-up or result.")
    source: SourceRef | None = Field(
        None, description="Source id(s); internal notes may have none."
    )


class SurveyResponse(Model):
    """A state's answer to the universalization survey (2023–2024 work plan)."""

    date: dt.date = Field(description="When the answer was received.")
    position: SurveyPosition = Field(description="Where the state stands.")
    reasons: list[SurveyReason] = Field(
        default_factory=list, description="Reasons given for not joining."
    )
    note: str | None = Field(None, description="Details.")
    source: SourceRef | None = Field(None, description="Source id(s).")


class Obstacle(Model):
    """An obstacle to ratification or accession and a proposed solution
    (2016–2017 concept note, 3(b))."""

    summary: Text = Field(description="The obstacle.")
    identified: dt.date | None = Field(None, description="When it was identified.")
    solution: str | None = Field(None, description="Proposed solution.")
    source: SourceRef | None = Field(None, description="Source id(s).")


class Outreach(Model):
    """Universalization work with one state."""

    coordinators: list[ActorRef] = Field(
        default_factory=list, description="Who leads outreach to this state."
    )
    engagements: list[Engagement] = Field(default_factory=list, description="Dated contacts.")
    survey: list[SurveyResponse] = Field(default_factory=list, description="Survey answers.")
    obstacles: list[Obstacle] = Field(default_factory=list, description="Known obstacles.")
