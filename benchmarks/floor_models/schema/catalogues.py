"""The catalogue files: meetings, regions, bodies, UNGA resolutions, the data set."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .common import ISO3, MeetingId, Model, Slug, SourceRef, Text

# --- meetings, regions, bodies, resolutions, dataset ----------------------------------------


class Part(Model):
    """One part of a meeting held in several parts."""

    start: dt.date = Field(description="First day.")
    end: dt.date = Field(description="Last day.")
    city: str | None = Field(None, description="Where (null when virtual).")
    note: str | None = Field(None, description="E.g. virtual.")


class President(Model):
    """The presiding State Party and, where known, the person."""

    state: ISO3 = Field(description="Presiding State Party.")
    person: str | None = Field(None, description="The President's name.")


class Meeting(Model):
    """A Meeting of States Parties or a Review Conference."""

    id: MeetingId = Field(description="`7msp`, `2rc`…")
    kind: Literal["msp", "rc"] = Field(
        description="Meeting of States Parties or Review Conference."
    )
    number: int = Field(ge=1, description="Its ordinal.")
    name: Text = Field(description="Full name.")
    city: Text = Field(description="Host city (of the main part).")
    country: ISO3 = Field(description="Host country.")
    start: dt.date = Field(description="Opening day (of the first part).")
    end: dt.date = Field(description="Closing day (of the last part).")
    parts: list[Part] = Field(default_factory=list, description="Parts, if held in several.")
    president: President | None = Field(None, description="Presidency.")
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")

    @model_validator(mode="after")
    def id_matches_kind_and_number(self) -> Meeting:
        if self.id != f"{self.number}{self.kind}":
            raise ValueError(
                f"id '{self.id}' does not match kind {self.kind} and number {self.number}"
            )
        if self.end < self.start:
            raise ValueError("meeting ends before it starts")
        return self


class MeetingsFile(Model):
    """`data/meetings.yaml`."""

    meetings: list[Meeting] = Field(description="Every MSP and Review Conference.")


class Region(Model):
    """An M49 region, sub-region or intermediate region."""

    slug: Slug = Field(description="Short name users type.")
    name: Text = Field(description="M49 name.")
    level: Literal["region", "subregion", "intermediate"] = Field(description="M49 level.")
    m49: str = Field(description="M49 numeric code.")
    parent: Slug | None = Field(None, description="Enclosing unit.")
    aliases: list[Slug] = Field(default_factory=list, description="Other slugs, e.g. se-asia.")


class Group(Model):
    """A named group of states that is not an M49 unit (caucasus, pacific, mena…)."""

    slug: Slug = Field(description="Short name users type.")
    name: Text = Field(description="Full name.")
    members: list[ISO3] = Field(min_length=1, description="Member states.")
    source: SourceRef | None = Field(None, description="Where the definition comes from.")
    note: str | None = Field(None, description="How the group is defined.")


class RegionsFile(Model):
    """`data/regions.yaml`."""

    source: SourceRef = Field(description="Source of the M49 units.")
    regions: list[Region] = Field(description="M49 units.")
    groups: list[Group] = Field(default_factory=list, description="Named groups.")


class Body(Model):
    """An organisation or role that can own or support plan items."""

    id: Slug = Field(description="Identifier used in owners/partners.")
    name: Text = Field(description="Full name.")
    note: str | None = Field(None, description="Remarks.")


class BodiesFile(Model):
    """`data/bodies.yaml`."""

    bodies: list[Body] = Field(description="Bodies and roles.")


class Tally(Model):
    """A recorded vote's totals."""

    yes: int | None = Field(None, ge=0, description="In favour (null: not found).")
    no: int | None = Field(None, ge=0, description="Against (null: not found).")
    abstain: int | None = Field(None, ge=0, description="Abstentions (null: not found).")


class Unattributed(Model):
    """Votes the tally counts that the per-state record cannot attribute to a state: each
    is one state recorded ``unknown`` for the year. ``validate`` accepts a per-state record
    that differs from the tally only by exactly these votes, and only with the note."""

    yes: int = Field(0, ge=0, description="Votes in favour not attributed to a state.")
    no: int = Field(0, ge=0, description="Votes against not attributed to a state.")
    abstain: int = Field(0, ge=0, description="Abstentions not attributed to a state.")
    note: Text = Field(description="Why: what the per-state source lacks, and what is known.")

    @model_validator(mode="after")
    def counts_some_vote(self) -> Unattributed:
        if self.yes + self.no + self.abstain == 0:
            raise ValueError("unattributed counts no vote: remove it, or give the count")
        return self

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstain


class Resolution(Model):
    """One year's UNGA resolution 'Implementation of the Convention on Cluster Munitions'."""

    year: int = Field(ge=2015, le=2100, description="Year of adoption.")
    symbol: Text | None = Field(None, description="e.g. A/RES/78/32 (null: not found).")
    adopted: dt.date | None = Field(None, description="Plenary adoption day.")
    tally: Tally | None = Field(None, description="Plenary tally.")
    undl_record: str | None = Field(None, description="UN Digital Library voting record id.")
    per_state: bool = Field(False, description="Whether state files carry this year's votes.")
    unattributed: Unattributed | None = Field(
        None,
        description="Votes of the tally that the per-state record lacks (those states are "
        "recorded `unknown`), with the note that explains the difference.",
    )
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")


class UngaFile(Model):
    """`data/unga.yaml`: the resolution catalogue."""

    resolutions: list[Resolution] = Field(description="One per year.")


class DatasetInfo(Model):
    """`data/dataset.yaml`: what the data set covers and the date it is current to."""

    title: Text = Field(description="Name of the data set.")
    current_to: dt.date = Field(
        description="The day up to which the treaty record (signatures, deposits, "
        "withdrawals) was last checked in full against the depositary. A treaty event "
        "recorded after it is accepted with a warning; the users' own records (outreach, "
        "plan status, reports) are bounded by today, not by this day."
    )
    current_to_source: SourceRef | None = Field(
        None,
        description="Source id(s) of that check (`ccmctl record checked --to DAY --source ID`).",
    )
    note: str | None = Field(None, description="Coverage and provenance.")
    target_weights: dict[Slug, int] = Field(
        default_factory=dict, description="Target criterion id → weight."
    )
    evidence_max_age_years: int | None = Field(
        None,
        ge=1,
        le=100,
        description="Dated evidence older than this many years does not count toward "
        "targeting (off when absent).",
    )
    synthetic: bool = Field(
        False,
        description="True only for a generated data set (benchmarks): its clones of real "
        "states carry made-up codes, so state codes need not be ISO 3166-1 alpha-3 codes.",
    )
