"""The Convention's date rules, on published cases (../shared/DOMAIN.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from ccmctl.domain import treaty

D = dt.date


@pytest.mark.parametrize(
    "deposit, in_force, initial_report",
    [
        (D(2023, 2, 28), D(2023, 8, 1), D(2024, 1, 28)),  # Nigeria, published
        (D(2013, 3, 26), D(2013, 9, 1), D(2014, 2, 28)),  # Chad, published
        (D(2013, 5, 14), D(2013, 11, 1), D(2014, 4, 30)),  # Iraq
    ],
)
def test_entry_into_force_and_initial_report(deposit, in_force, initial_report):
    assert treaty.entry_into_force(deposit) == in_force
    assert treaty.initial_report_due(in_force) == initial_report


def test_first_thirty_instruments_enter_into_force_on_1_august_2010():
    assert treaty.entry_into_force(D(2008, 12, 3)) == D(2010, 8, 1)  # Norway, first day
    assert treaty.entry_into_force(treaty.THIRTIETH_DEPOSIT) == D(2010, 8, 1)
    assert treaty.entry_into_force(D(2010, 2, 28)) == D(2010, 8, 1)
    assert treaty.entry_into_force(D(2010, 3, 1)) == D(2010, 9, 1)


def test_iraq_clearance_deadline_before_extension():
    in_force = treaty.entry_into_force(D(2013, 5, 14))
    assert treaty.clearance_deadline(in_force) == D(2023, 11, 1)


def test_stockpile_deadline_is_eight_years():
    assert treaty.stockpile_deadline(D(2010, 8, 1)) == D(2018, 8, 1)


def test_withdrawal_takes_effect_six_months_after_notice():
    assert treaty.withdrawal_effective(D(2024, 9, 6)) == D(2025, 3, 6)  # Lithuania


def test_add_months_clamps_to_month_end():
    assert treaty.add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert treaty.add_years(D(2016, 2, 29), 1) == D(2017, 2, 28)


def test_status_on_a_date_for_lithuania(real):
    ltu = real.states["LTU"]
    assert treaty.ccm_status(ltu, D(2008, 12, 2)) == "not_signed"
    assert treaty.ccm_status(ltu, D(2008, 12, 3)) == "signatory"
    assert treaty.ccm_status(ltu, D(2011, 3, 24)) == "party"
    assert treaty.ccm_status(ltu, D(2025, 3, 5)) == "party"
    assert treaty.ccm_status(ltu, D(2025, 3, 6)) == "withdrawn"


def test_in_force_for_nigeria_from_real_record(real):
    nga = real.states["NGA"]
    assert treaty.in_force_for(nga, D(2023, 3, 1)) == D(2023, 8, 1)
    assert treaty.in_force_for(nga, D(2023, 2, 27)) is None
