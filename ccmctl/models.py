"""The schema of every data file, as Pydantic v2 models.

Each model validates one record. Rules that span records (a plan owner that
has no state file, a source id missing from the catalogue, the order of a
state's events against the Convention's dates) live in ``dataset.py``.

Records hold facts (dated events with their sources); statuses such as
"State Party on a date" or "entry into force" are derived in ``treaty.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# --- shared types -----------------------------------------------------------

ISO3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
MeetingId = Annotated[str, StringConstraints(pattern=r"^[0-9]+(msp|rc)$")]
Month = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
Text = Annotated[str, StringConstraints(min_length=1)]
SourceRef = Slug | Annotated[list[Slug], Field(min_length=1)]
"""One source id, or a list of them, from ``data/sources.yaml``."""

ActorRef = Annotated[str, StringConstraints(pattern=r"^([A-Z]{3}|[a-z0-9][a-z0-9-]*)$")]
"""A state (ISO alpha-3, upper case) or a body from ``data/bodies.yaml`` (slug)."""


def source_ids(ref: SourceRef | None) -> list[str]:
    """The source ids a ``source`` field names, as a list."""
    if ref is None:
        return []
    return [ref] if isinstance(ref, str) else list(ref)


class Model(BaseModel):
    """Base: unknown fields are errors, records are immutable, no coercion."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- sources ------------------------------------------------------------------


class Source(Model):
    """One entry of the source catalogue; records cite it by ``id``."""

    id: Slug = Field(description="Identifier cited by records, e.g. `untc-xxvi-6`.")
    title: Text = Field(description="Title of the document or page.")
    url: str | None = Field(
        None,
        description="Where it can be read; null for documents "
        "given to the project (e.g. the seed work plans).",
    )
    publisher: str | None = Field(None, description="Who published it (UN OLA, ISU, Monitor…).")
    as_at: dt.date | int | None = Field(
        None, description="The date (or year) the document says it is current to."
    )
    accessed: dt.date = Field(description="When the project last read it.")
    note: str | None = Field(None, description="Anything a reader should know about the source.")


class SourcesFile(Model):
    """`data/sources.yaml`: the source catalogue."""

    sources: list[Source] = Field(description="Every source cited anywhere in the data.")


# --- treaty participation -------------------------------------------------------

ConsentKind = Literal[
    "ratification", "accession", "acceptance", "approval", "succession", "notification"
]
"""`notification`: consent to be bound by a CCW protocol, notified under CCW Art. 4."""


class Event(Model):
    """A dated treaty action recorded by the depositary."""

    date: dt.date = Field(description="The date of the action (YYYY-MM-DD).")
    source: SourceRef = Field(description="Source id(s) stating this date.")
    note: str | None = Field(None, description="Remarks, e.g. declarations made with it.")


class Consent(Event):
    """Deposit of the instrument by which the state consents to be bound."""

    kind: ConsentKind = Field(
        description="Ratification, accession, acceptance, approval "
        "(or succession, for older treaties)."
    )


class Withdrawal(Model):
    """Notice of withdrawal and the day it took (or takes) effect (CCM Art. 20)."""

    notified: dt.date = Field(description="The day the depositary received the notice.")
    effective: dt.date = Field(
        description="The day the withdrawal takes effect (six months after notice, Art. 20(3))."
    )
    source: SourceRef = Field(description="Source id(s) for both dates.")
    note: str | None = Field(None, description="Remarks.")

    @model_validator(mode="after")
    def effect_follows_notice(self) -> Withdrawal:
        if self.effective < self.notified:
            raise ValueError("withdrawal takes effect before it was notified")
        return self


class Participation(Model):
    """A state's participation in one treaty, as dated events.

    An absent key means "not recorded"; a present key with no ``consent``
    means the source was checked and lists no consent.
    """

    signature: Event | None = Field(None, description="Signature, if the state signed.")
    consent: Consent | None = Field(None, description="Deposit of the instrument of consent.")
    withdrawal: Withdrawal | None = Field(None, description="Withdrawal, if notified.")
    source: SourceRef | None = Field(
        None, description="The status list that was checked (also when it shows no participation)."
    )
    note: str | None = Field(None, description="Remarks, e.g. facts that could not be found.")

    @model_validator(mode="after")
    def events_in_order(self) -> Participation:
        if self.signature and self.consent and self.consent.date < self.signature.date:
            raise ValueError(
                f"deposit ({self.consent.date}) is before signature ({self.signature.date})"
            )
        if self.withdrawal and not self.consent:
            raise ValueError("withdrawal recorded without a consent to withdraw from")
        if self.withdrawal and self.consent and self.withdrawal.notified < self.consent.date:
            raise ValueError(
                f"withdrawal notified ({self.withdrawal.notified}) before deposit "
                f"({self.consent.date})"
            )
        return self


Vote = Literal["yes", "no", "abstain", "absent"]

# --- commitments and profile ----------------------------------------------------

CommitmentKind = Literal[
    "declaration", "voluntary_report", "moratorium", "interim_step", "statement", "counter_step"
]
"""`counter_step` records a step away from the norms (a policy reversal, a transfer):
kept for the record, never counted in a state's favour."""


class Commitment(Model):
    """A step by a state not party toward the Convention's norms (2023–2024 work
    plan, target criterion 5): a unilateral declaration, a voluntary transparency
    report, a moratorium on use/production/export, an interim step such as
    stockpile destruction, or a statement of support."""

    kind: CommitmentKind = Field(description="What kind of step it is.")
    date: dt.date | None = Field(None, description="The day, when the source gives one.")
    year: int | None = Field(None, ge=1990, le=2100, description="The year, when no day is known.")
    summary: Text = Field(description="What the state did, in one sentence.")
    source: SourceRef = Field(description="Source id(s).")


class Facet(Model):
    """One line of a cluster-munition profile, as the Monitor reports it."""

    status: str = Field(description="See the field it belongs to for allowed values.")
    note: str | None = Field(None, description="Details: where, when, how many.")
    source: SourceRef | None = Field(None, description="Source id(s); required unless unknown.")

    @model_validator(mode="after")
    def sourced_unless_unknown(self) -> Facet:
        if self.status != "unknown" and self.source is None:
            raise ValueError(f"status '{self.status}' needs a source")
        return self


def _facet(allowed: tuple[str, ...]) -> type[Facet]:
    """A Facet whose status is one of ``allowed``."""
    pattern = "^(" + "|".join(re.escape(a) for a in allowed) + ")$"

    class _F(Facet):
        status: Annotated[str, StringConstraints(pattern=pattern)] = Field(
            description="One of: " + ", ".join(allowed) + "."
        )

    return _F


StockpileFacet = _facet(("yes", "no", "destroyed", "unknown"))
StockpileFacet.__name__ = "StockpileFacet"
ProductionFacet = _facet(("current", "past", "never", "unknown"))
ProductionFacet.__name__ = "ProductionFacet"
UseFacet = _facet(("yes", "no", "unknown"))
UseFacet.__name__ = "UseFacet"
ContaminationFacet = _facet(("yes", "no", "suspected", "cleared", "unknown"))
ContaminationFacet.__name__ = "ContaminationFacet"


class Profile(Model):
    """Cluster-munition profile (Cluster Munition Monitor)."""

    stockpile: StockpileFacet | None = Field(None, description="Holds cluster munitions?")  # type: ignore[valid-type]
    production: ProductionFacet | None = Field(None, description="Produced cluster munitions?")  # type: ignore[valid-type]
    use: UseFacet | None = Field(None, description="Has used cluster munitions?")  # type: ignore[valid-type]
    contamination: ContaminationFacet | None = Field(  # type: ignore[valid-type]
        None, description="Cluster munition remnants on its territory?"
    )


# --- outreach -----------------------------------------------------------------

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


# --- obligations of States Parties -------------------------------------------------


class Extension(Model):
    """An extension of an Article 3 or 4 deadline granted by a meeting."""

    meeting: MeetingId = Field(description="The meeting that granted it, e.g. `11msp`.")
    deadline: dt.date = Field(description="The new deadline.")
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")


class Article3(Model):
    """Stockpile destruction (Art. 3): 8 years after entry into force, extensions
    under 3(3)–3(6)."""

    stockpile: bool = Field(True, description="Held cluster munitions at entry into force.")
    extensions: list[Extension] = Field(default_factory=list, description="Granted extensions.")
    completed: dt.date | None = Field(None, description="Day destruction was completed.")
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")


class Article4(Model):
    """Clearance and destruction of remnants (Art. 4): 10 years after entry into
    force (4(1)(a)) or after active hostilities end (4(1)(b)); extensions 4(5)–4(8)."""

    basis: Literal["4(1)(a)", "4(1)(b)"] = Field("4(1)(a)", description="Which paragraph applies.")
    hostilities_ended: dt.date | None = Field(
        None, description="For 4(1)(b): the day active hostilities ended."
    )
    extensions: list[Extension] = Field(default_factory=list, description="Granted extensions.")
    completed: dt.date | None = Field(None, description="Day completion was declared.")
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")

    @model_validator(mode="after")
    def later_contamination_needs_end_of_hostilities(self) -> Article4:
        if self.basis == "4(1)(b)" and self.hostilities_ended is None:
            raise ValueError("basis 4(1)(b) needs hostilities_ended")
        return self


class Report(Model):
    """An Article 7 transparency report."""

    kind: Literal["initial", "annual"] = Field(description="Initial (7(1)) or annual (7(2)).")
    year: int | None = Field(
        None, ge=2010, le=2100, description="For annual reports: the year whose 30 April it meets."
    )
    submitted: dt.date = Field(description="Day submitted.")
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")

    @model_validator(mode="after")
    def annual_needs_year(self) -> Report:
        if self.kind == "annual" and self.year is None:
            raise ValueError("an annual report needs its year")
        return self


# --- the state record ----------------------------------------------------------------

UNStatus = Literal["member", "observer", "non-member"]


class State(Model):
    """`data/states/ISO3.yaml`: everything the project knows about one state."""

    iso3: ISO3 = Field(description="ISO 3166-1 alpha-3 code; the file name.")
    name: Text = Field(description="Short name as the UN uses it.")
    un: UNStatus = Field(
        description="UN member state, observer state (Holy See, State of "
        "Palestine) or non-member (Cook Islands, Niue)."
    )
    region: Slug = Field(description="M49 region slug from `data/regions.yaml`.")
    subregion: Slug = Field(description="M49 sub-region slug.")
    intermediate_region: Slug | None = Field(None, description="M49 intermediate region slug.")
    region_source: SourceRef = Field(description="Source of the M49 classification.")
    ccm: Participation = Field(description="Convention on Cluster Munitions (UNTC XXVI-6).")
    apmbc: Participation | None = Field(
        None, description="Anti-Personnel Mine Ban Convention (UNTC XXVI-5)."
    )
    ccw: Participation | None = Field(None, description="CCW framework Convention (XXVI-2).")
    ccw_apii: Participation | None = Field(None, description="CCW Amended Protocol II (XXVI-2-b).")
    ccw_pv: Participation | None = Field(None, description="CCW Protocol V (XXVI-2-d).")
    unga_votes: dict[int, Vote] = Field(
        default_factory=dict,
        description="Plenary vote on the UNGA resolution "
        "'Implementation of the CCM' by year (see `data/unga.yaml`): yes, no, abstain, absent.",
    )
    commitments: list[Commitment] = Field(
        default_factory=list, description="Steps toward the norms (non-parties)."
    )
    profile: Profile | None = Field(None, description="Cluster-munition profile.")
    article3: Article3 | None = Field(None, description="Stockpile destruction obligation.")
    article4: Article4 | None = Field(None, description="Clearance obligation.")
    article7: list[Report] = Field(default_factory=list, description="Transparency reports.")
    outreach: Outreach = Field(default_factory=Outreach, description="Universalization work.")
    notes: list[Text] = Field(
        default_factory=list, description="Free remarks, e.g. what could not be found."
    )


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

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

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

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

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


class Resolution(Model):
    """One year's UNGA resolution 'Implementation of the Convention on Cluster Munitions'."""

    year: int = Field(ge=2015, le=2100, description="Year of adoption.")
    symbol: Text | None = Field(None, description="e.g. A/RES/78/32 (null: not found).")
    adopted: dt.date | None = Field(None, description="Plenary adoption day.")
    tally: Tally | None = Field(None, description="Plenary tally.")
    undl_record: str | None = Field(None, description="UN Digital Library voting record id.")
    per_state: bool = Field(False, description="Whether state files carry this year's votes.")
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")


class UngaFile(Model):
    """`data/unga.yaml`: the resolution catalogue."""

    resolutions: list[Resolution] = Field(description="One per year.")


class DatasetInfo(Model):
    """`data/dataset.yaml`: what the data set covers and the date it is current to."""

    title: Text = Field(description="Name of the data set.")
    current_to: dt.date = Field(description="No recorded event is later than this day.")
    note: str | None = Field(None, description="Coverage and provenance.")
    target_weights: dict[Slug, int] = Field(
        default_factory=dict, description="Target criterion id → weight."
    )
