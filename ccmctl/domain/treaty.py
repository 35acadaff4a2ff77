"""The Convention on Cluster Munitions' own rules, one function each.

Every date this module produces comes from an article of the Convention
(Dublin, 30 May 2008; UNTC XXVI-6). Pure functions: no I/O, no "today".
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ..schema import Participation, State

OPENED_FOR_SIGNATURE = dt.date(2008, 12, 3)
"""Art. 15: open for signature at Oslo on 3 December 2008, then at UN Headquarters."""

ENTRY_INTO_FORCE = dt.date(2010, 8, 1)
"""Art. 17(1): first day of the sixth month after the month in which the 30th
instrument was deposited (16 February 2010)."""

THIRTIETH_DEPOSIT = dt.date(2010, 2, 16)

Status = Literal["party", "signatory", "not_signed", "withdrawn"]
STATUSES: tuple[Status, ...] = ("party", "signatory", "not_signed", "withdrawn")
TREATY_NAMES = {
    "ccm": "Convention on Cluster Munitions",
    "apmbc": "Mine Ban Convention",
    "ccw": "CCW",
    "ccw_apii": "CCW Amended Protocol II",
    "ccw_pv": "CCW Protocol V",
}
"""The treaties a state record follows, by the record's key."""

STATUS_LABELS = {
    "party": "State Party",
    "signatory": "signatory",
    "not_signed": "not signed",
    "withdrawn": "withdrawn",
}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    return add_months(day, 12 * years)


def first_day_of_sixth_month_after(day: dt.date) -> dt.date:
    """The first day of the sixth month after the month of ``day``."""
    return add_months(day.replace(day=1), 6)


@functools.lru_cache(maxsize=4096)  # a pure function of a day: asked thousands of times a report
def entry_into_force(consent_date: dt.date) -> dt.date:
    """Art. 17: the Convention enters into force for a state on the first day of the
    sixth month after the month of its deposit, and never before 1 August 2010
    (the Convention's own entry into force, Art. 17(1))."""
    return max(ENTRY_INTO_FORCE, first_day_of_sixth_month_after(consent_date))


def initial_report_due(in_force: dt.date) -> dt.date:
    """Art. 7(1): the initial transparency report, no later than 180 days after
    entry into force for the state."""
    return in_force + dt.timedelta(days=180)


def annual_report_due(year: int) -> dt.date:
    """Art. 7(2): annual updates by 30 April, covering the previous calendar year."""
    return dt.date(year, 4, 30)


def stockpile_deadline(in_force: dt.date) -> dt.date:
    """Art. 3(2): destroy stockpiles no later than eight years after entry into force."""
    return add_years(in_force, 8)


def clearance_deadline(start: dt.date) -> dt.date:
    """Art. 4(1)(a): clear and destroy remnants no later than ten years after entry
    into force; 4(1)(b): ten years after the end of active hostilities."""
    return add_years(start, 10)


def withdrawal_effective(notified: dt.date) -> dt.date:
    """Art. 20(3): six months after the depositary receives the notice (later if the
    state is then engaged in an armed conflict)."""
    return add_months(notified, 6)


def original_deadline(obligation: str, consent_date: dt.date, record: Any) -> dt.date | None:
    """The deadline of an Article 3 or 4 obligation before any extension."""
    in_force = entry_into_force(consent_date)
    if obligation == "article3":
        return stockpile_deadline(in_force)
    if obligation == "article4":
        if record.basis == "4(1)(b)":
            return clearance_deadline(record.hostilities_ended)
        return clearance_deadline(in_force)
    return None


# --- status on a date ---------------------------------------------------------------


def status_on(part: Participation, on: dt.date) -> Status:
    """A state's standing in a treaty on a day (DOMAIN.md, "Words with precise meanings"):

    * **party**: deposited on or before ``on`` and no withdrawal effective by then;
    * **withdrawn**: a withdrawal took effect on or before ``on``;
    * **signatory**: signed on or before ``on``, not deposited;
    * **not_signed**: everyone else.
    """
    if part.withdrawal and part.withdrawal.effective <= on:
        return "withdrawn"
    if part.consent and part.consent.date <= on:
        return "party"
    if part.signature and part.signature.date <= on:
        return "signatory"
    return "not_signed"


def ccm_status(state: State, on: dt.date) -> Status:
    """The state's standing in the Convention on Cluster Munitions on ``on``."""
    return status_on(state.ccm, on)


def is_party(part: Participation | None, on: dt.date) -> bool:
    """Whether ``part`` records a State Party on ``on`` (False when not recorded)."""
    return part is not None and status_on(part, on) == "party"


def in_force_on(state: State, on: dt.date) -> bool:
    """Art. 17: whether the Convention is in force for the state on ``on`` (a State
    Party whose own entry into force has come; none before 1 August 2010)."""
    day = in_force_for(state, on)
    return day is not None and day <= on


def deposited_not_in_force(state: State, on: dt.date) -> bool:
    """A state that has deposited its instrument but for which the Convention has not yet
    entered into force on ``on`` (Art. 17(2)): counted with the States Parties by the
    depositary, but bound by none of the Convention's obligations yet."""
    return ccm_status(state, on) == "party" and not in_force_on(state, on)


def in_force_for(state: State, on: dt.date) -> dt.date | None:
    """The day the Convention entered (or enters) into force for a state that is a
    party on ``on``; None otherwise."""
    if ccm_status(state, on) != "party" or state.ccm.consent is None:
        return None
    return entry_into_force(state.ccm.consent.date)
