"""The state record: treaty participation, votes, commitments, profile, outreach,
and the obligations of a State Party."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ..domain.dates import PartialDateField
from .common import ISO3, MeetingId, Model, Slug, SourceRef, Text
from .outreach import Outreach

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


Vote = Literal["yes", "no", "abstain", "absent", "unknown"]
"""`absent`: no vote recorded for the state (absent or not voting: not opposition).
`unknown`: the year's per-state record has no entry for the state although the tally counts
its vote (the resolution's ``unattributed`` says which vote and why)."""

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
    date: PartialDateField | None = Field(
        None,
        description="When: a day, a month 'YYYY-MM' or a year, as exactly as the source gives "
        "it; absent when the source gives none (the fact then dates from the source's edition).",
    )
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


# --- obligations of States Parties -------------------------------------------------


class Extension(Model):
    """An extension of an Article 3 or 4 deadline granted by a meeting."""

    meeting: MeetingId = Field(description="The meeting that granted it, e.g. `11msp`.")
    decided: PartialDateField | None = Field(
        None,
        description="When it was decided, if not on the meeting's last day (a written or "
        "silence procedure): a day, a month 'YYYY-MM' or a year, as exactly as the sources "
        "date it. The extension applies from then.",
    )
    deadline: dt.date = Field(description="The new deadline.")
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")


class Article3(Model):
    """Stockpile destruction (Art. 3): 8 years after entry into force, extensions
    under 3(3)–3(6)."""

    stockpile: bool = Field(
        True,
        description="Held cluster munitions at entry into force (false: no Art. 3 deadline).",
    )
    extensions: list[Extension] = Field(default_factory=list, description="Granted extensions.")
    completed: PartialDateField | None = Field(
        None,
        description="When destruction was completed: a day, a month 'YYYY-MM' or a year, "
        "as exactly as the sources give it.",
    )
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
    completed: PartialDateField | None = Field(
        None,
        description="When completion was declared: a day, a month 'YYYY-MM' or a year, "
        "as exactly as the sources give it.",
    )
    source: SourceRef = Field(description="Source id(s).")
    note: str | None = Field(None, description="Remarks.")

    @model_validator(mode="after")
    def later_contamination_needs_end_of_hostilities(self) -> Article4:
        if self.basis == "4(1)(b)" and self.hostilities_ended is None:
            raise ValueError("basis 4(1)(b) needs hostilities_ended")
        return self


class Report(Model):
    """An Article 7 transparency report."""

    id: Slug | None = Field(
        None,
        description="Stable id, unique among the state's reports (`ccmctl record report` "
        "makes one, e.g. `2024-annual`).",
    )
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
Alpha2 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
M49Code = Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]


class State(Model):
    """`data/states/ISO3.yaml`: everything the project knows about one state."""

    iso3: ISO3 = Field(description="ISO 3166-1 alpha-3 code; the file name.")
    name: Text = Field(description="Short name as the UN uses it.")
    alpha2: Alpha2 | None = Field(
        None, description="ISO 3166-1 alpha-2 code (from the `region_source` table)."
    )
    m49: M49Code | None = Field(
        None, description="UN M49 numeric code, three digits (from the `region_source` table)."
    )
    aliases: list[Text] = Field(
        default_factory=list,
        description="Search names: common names people type for this state (UK, Laos, "
        "Ivory Coast…), so that commands find it. Not official names and never printed as "
        "its name. Each must name no other state (validate checks), compared ignoring case, "
        "accents, spaces and punctuation.",
    )
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
        "'Implementation of the CCM' by year (see `data/unga.yaml`): yes, no, abstain, absent "
        "(no vote recorded), unknown (the record has no entry but the tally counts a vote).",
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
