"""`ccmctl deadlines`: published cases, plan items as recorded, ICS export."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run

from ccmctl import schema as m
from ccmctl.queries.deadlines import classify, deadlines, due_date, last_day_of_month

D = dt.date


def one(rows, **match):
    found = [r for r in rows if all(getattr(r, k) == v for k, v in match.items())]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "iso3, in_force, report_due",
    [
        ("NGA", D(2023, 8, 1), D(2024, 1, 28)),
        ("TCD", D(2013, 9, 1), D(2014, 2, 28)),
    ],
)
def test_published_entry_into_force_and_initial_report(real, iso3, in_force, report_due):
    rows = deadlines(real, D(2023, 12, 31) if iso3 == "NGA" else D(2013, 12, 31), states=[iso3])
    assert one(rows, kind="entry-into-force").due == in_force
    assert one(rows, kind="initial-report").due == report_due


def test_chad_initial_report_done_late_as_recorded(real):
    r = one(deadlines(real, D(2014, 6, 1), states=["TCD"]), kind="initial-report")
    # submitted after its due day: done, late (issue 13: "done-late" is a status of its own)
    assert r.status == "done-late" and r.done_on == D(2014, 5, 24) and r.done_on > r.due
    r = one(deadlines(real, D(2014, 3, 1), states=["TCD"]), kind="initial-report")
    assert r.status == "unconfirmed"  # past due, and nothing recorded by then: never guessed


def test_iraq_clearance_before_and_after_its_extension(real):
    before = one(deadlines(real, D(2023, 1, 1), states=["IRQ"], kinds=["clearance"]))
    assert before.due == D(2023, 11, 1) and before.status == "upcoming"
    after = one(deadlines(real, D(2024, 1, 1), states=["IRQ"], kinds=["clearance"]))
    assert after.due == D(2028, 11, 1) and "11msp" in after.title


def test_peru_stockpile_destruction_done(real):
    r = one(deadlines(real, D(2024, 1, 1), states=["PER"], kinds=["stockpile-destruction"]))
    assert r.status == "done" and r.done_on == D(2023, 12, 15)


def test_lithuania_withdrawal(real):
    r = one(deadlines(real, D(2025, 1, 1), states=["LTU"], kinds=["withdrawal"]))
    assert r.due == D(2025, 3, 6) and r.status == "upcoming"
    assert (
        one(deadlines(real, D(2025, 3, 7), states=["LTU"], kinds=["withdrawal"])).status == "done"
    )


def _expected(item: m.Item, due: dt.date, on: dt.date, within: int = 30) -> str:
    """What the item's own recorded status says on ``on``."""
    seen = [st for st in item.status if st.date <= on]
    if seen and seen[-1].status == "done":
        return "done" if seen[-1].date <= due else "done-late"
    if seen and seen[-1].status == "cancelled":
        return "cancelled"
    if due < on:
        return "overdue" if seen and seen[-1].date >= due else "unconfirmed"
    return "due-soon" if (due - on).days <= within else "upcoming"


@pytest.mark.parametrize(
    "plan, on",
    [("universalization-2016-2017", D(2017, 6, 1)), ("universalization-2023-2024", D(2024, 1, 1))],
)
def test_seed_plan_items_classified_as_recorded(real, plan, on):
    rows = {r.item: r for r in deadlines(real, on, plans=[plan])}
    items = [i for i in real.plans[plan].items if i.due]
    assert set(rows) == {i.id for i in items}
    for item in items:
        assert rows[item.id].status == _expected(item, rows[item.id].due, on), item.id


def test_seed_plan_published_specifics(real):
    rows = deadlines(real, D(2017, 6, 1), plans=["universalization-2016-2017"])
    workshop = [r for r in rows if "workshop" in r.title.lower()][0]
    # due by March 2017; the Kampala seminar was held on 29-30 May 2017: done, late
    assert workshop.due == D(2017, 3, 31) and workshop.status == "done-late"
    assert one(rows, due=D(2016, 11, 30)).status == "unconfirmed"
    later = deadlines(real, D(2024, 1, 1), plans=["universalization-2023-2024"])
    assert {r.due for r in later} == {D(2023, 12, 31), D(2024, 2, 29), D(2024, 9, 30)}


def test_due_forms(real):
    assert due_date(real, m.Due(month="2024-02")) == D(2024, 2, 29)
    assert due_date(real, m.Due.model_validate({"from": "2023-12", "until": "2024-09"})) == D(
        2024, 9, 30
    )
    assert due_date(real, m.Due(meeting="12msp")) == D(2024, 9, 10)
    assert last_day_of_month("2017-03") == D(2017, 3, 31)


def test_overdue_only_when_the_record_says_still_open(runner, data_copy):
    path = data_copy / "plans" / "universalization-2016-2017.yaml"
    text = path.read_text()
    marker = "  due:\n    date: 2016-11-30\n"
    assert marker in text
    path.write_text(
        text.replace(
            marker,
            marker + "  status:\n  - date: 2017-01-15\n"
            "    status: in-progress\n    source: seed-concept-note-2016\n",
            1,
        )
    )
    args = (
        "deadlines",
        "--data",
        str(data_copy),
        "--plan",
        "universalization-2016-2017",
        "--as-of",
        "2017-02-01",
        "--format",
        "json",
    )
    rows = json.loads(run(runner, *args).stdout)
    assert [r["status"] for r in rows if r["due"] == "2016-11-30"] == ["overdue"]
    assert run(runner, *args, "--fail-on", "overdue").exit_code == 1
    clean = run(
        runner,
        "deadlines",
        "--plan",
        "universalization-2016-2017",
        "--as-of",
        "2017-02-01",
        "--fail-on",
        "overdue",
    )
    assert clean.exit_code == 0


def test_json_contract_and_filters(runner):
    rows = json.loads(
        run(
            runner,
            "deadlines",
            "--as-of",
            "2024-01-01",
            "--format",
            "json",
            "--kind",
            "initial-report",
            "--state",
            "NGA",
        ).stdout
    )
    assert rows == [rows[0]] and {"kind", "state", "plan", "item", "due", "status", "title"} <= set(
        rows[0]
    )
    assert rows[0]["state"] == "NGA" and rows[0]["due"] == "2024-01-28" and rows[0]["plan"] is None


def test_default_view_aggregates_annual_reports(real):
    rows = deadlines(real, D(2026, 3, 1), kinds=["annual-report"])
    assert [r.due for r in rows] == [D(2025, 4, 30), D(2026, 4, 30)]
    # 112 States Parties on 2026-03-01, less Vanuatu whose first report is its initial one
    assert rows[0].state is None and "111 States Parties" in rows[0].title
    assert len(deadlines(real, D(2026, 3, 1), kinds=["annual-report"], states=["NGA"])) == 2


def test_usage_errors(runner):
    assert run(runner, "deadlines", "--kind", "party").exit_code == 2
    assert run(runner, "deadlines", "--within", "soon").exit_code == 2
    assert run(runner, "deadlines", "--state", "XXX").exit_code == 2
    assert run(runner, "deadlines", "--fail-on", "nonsense").exit_code == 2
    # issue 13: --fail-on takes any status, comma-separated (no-data: unconfirmed's old name)
    assert run(runner, "deadlines", "--fail-on", "no-data,overdue").exit_code == 1


def test_ics_parses_back_with_stable_uids_and_identical_bytes(runner):
    from icalendar import Calendar

    args = ("deadlines", "--as-of", "2024-01-01", "--format", "ics")
    first, second = run(runner, *args).stdout_bytes, run(runner, *args).stdout_bytes
    assert first == second
    cal = Calendar.from_ical(first)
    events = list(cal.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    assert events and len(uids) == len(set(uids))
    assert all(str(e["DTSTAMP"].dt.date()) == "2024-01-01" for e in events)
    assert b"\r\n" in first and first.startswith(b"BEGIN:VCALENDAR")
    later = run(runner, "deadlines", "--as-of", "2024-02-01", "--format", "ics").stdout_bytes
    later_uids = {str(e["UID"]) for e in Calendar.from_ical(later).walk("VEVENT")}
    assert set(uids) & later_uids  # the same deadline keeps its UID: re-import updates it


def test_classify_rules():
    from ccmctl.queries.deadlines import Deadline

    d = Deadline("x", D(2024, 1, 10), "t")
    assert classify(d, D(2024, 1, 1), 30) == "due-soon"
    assert classify(d, D(2023, 1, 1), 30) == "upcoming"
    assert classify(d, D(2024, 2, 1), 30) == "unconfirmed"
    d.open_on = D(2024, 1, 20)
    assert classify(d, D(2024, 2, 1), 30) == "overdue"
    d.done_on = D(2024, 1, 25)
    assert classify(d, D(2024, 2, 1), 30) == "done-late"
    d.done_on = D(2024, 1, 9)
    assert classify(d, D(2024, 2, 1), 30) == "done"


def test_a_completion_known_to_the_month_is_compared_as_a_month():
    from ccmctl.domain.dates import PartialDate
    from ccmctl.queries.deadlines import Deadline

    d = Deadline("x", D(2018, 8, 1), "t", done=PartialDate.parse("2016-06"))
    assert classify(d, D(2016, 6, 15), 30) == "upcoming"  # June 2016 not over: not yet known
    assert classify(d, D(2016, 7, 1), 30) == "done"
    late = Deadline("x", D(2016, 6, 10), "t", done=PartialDate.parse("2016-07"))
    assert classify(late, D(2016, 8, 1), 30) == "done-late"
    same = Deadline("x", D(2016, 6, 10), "t", done=PartialDate.parse("2016-06"))
    assert classify(same, D(2016, 8, 1), 30) == "done"  # the benefit of the doubt
    assert "counted in time" in same.note
