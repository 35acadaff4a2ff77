"""``ccmctl changes --since DATE|MEETING``: every treaty event and every user record since
then, oldest first; internal records left out unless asked, and counted. Published facts
on data/, synthetic records on a copy of the fixture."""

from __future__ import annotations

import datetime as dt
import json

from conftest import run
from test_record import SYN, engagement, loaded, rec

from ccmctl.queries.changes import changes


def as_json(runner, *args: str, data=None):
    extra = ("--data", str(data)) if data else ()
    result = run(runner, "changes", *args, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_since_the_12msp_on_the_real_data(runner):
    # published: Lithuania's withdrawal took effect on 6 March 2025; Vanuatu deposited on
    # 5 September 2025; the 13MSP opened on 16 September 2025
    doc = as_json(runner, "--since", "12msp", "--as-of", "2025-12-31")
    rows = [(c["date"], c["subject"], c["what"]) for c in doc["changes"]]
    assert ("2025-03-06", "LTU", "CCM: withdrawal takes effect") in rows
    assert any(d == "2025-09-05" and s == "VUT" and "CCM" in w for d, s, w in rows)
    assert ("2025-09-16", "13msp", "Thirteenth Meeting of States Parties opens (Geneva)") in rows
    assert [c["date"] for c in doc["changes"]] == sorted(c["date"] for c in doc["changes"])
    assert all("2024-09-10" <= c["date"] <= "2025-12-31" for c in doc["changes"])
    assert doc["since"] == "2024-09-10"


def test_treaty_events_and_users_records_in_date_order(runner, fixture_copy):
    assert engagement(runner, fixture_copy, "--visibility", "public").exit_code == 0
    assert rec(runner, fixture_copy, "record", "status", "universalization-2023-2024",
               "act-2-recirculate-survey", "--status", "done", "--date", "2026-11-21",
               "--source", SYN).exit_code == 0  # fmt: skip
    doc = as_json(runner, "--since", "2026-11-01", data=fixture_copy)
    assert [(c["date"], c["category"], c["id"]) for c in doc["changes"]] == [
        ("2026-11-21", "plan", "2026-11-21-done"),
        ("2026-11-22", "outreach", "2026-11-22-bilateral"),
    ]
    assert doc["left_out"] == 0


def test_internal_records_are_left_out_and_counted(runner, fixture_copy):
    doc = as_json(runner, "--since", "2023-01-01", data=fixture_copy)
    categories = {c["category"] for c in doc["changes"]}
    assert categories.isdisjoint({"outreach", "survey", "obstacle"})
    # the fixture's synthetic outreach: engagements (IDN 2, USA 1), survey answers
    # (IDN 1, USA 2), dated obstacles (IDN 1)
    assert doc["left_out"] == 7
    every = as_json(runner, "--since", "2023-01-01", "--include-internal", data=fixture_copy)
    assert every["left_out"] == 0
    assert len(every["changes"]) == len(doc["changes"]) + 7
    result = run(runner, "changes", "--since", "2023-01-01", "--data", str(fixture_copy))
    assert "note: 7 internal records left out (--include-internal shows them)" in result.stderr


def test_filters_by_state_and_category(runner, fixture_copy):
    doc = as_json(runner, "--since", "2024-01-01", "--state", "LTU", "--category", "treaty",
                  data=fixture_copy)  # fmt: skip
    assert [(c["date"], c["what"]) for c in doc["changes"]] == [
        ("2024-09-06", "CCM: notice of withdrawal (effective 2025-03-06)"),
        ("2025-03-06", "CCM: withdrawal takes effect"),
        ("2025-06-27", "APMBC: notice of withdrawal (effective 2025-12-27)"),
        ("2025-12-27", "APMBC: withdrawal takes effect"),
    ]
    assert run(runner, "changes", "--since", "2024-01-01", "--category", "gossip").exit_code == 2


def test_since_is_required_and_not_after_the_as_of_day(runner):
    assert run(runner, "changes").exit_code == 2
    assert run(runner, "changes", "--since", "2027-01-01").exit_code == 2
    assert run(runner, "changes", "--since", "99msp").exit_code == 2


def test_the_query_takes_its_dates(fixture_copy):
    ds = loaded(fixture_copy)
    result = changes(ds, dt.date(2025, 3, 6), dt.date(2025, 3, 6))
    assert [(c.subject, c.what) for c in result.rows] == [("LTU", "CCM: withdrawal takes effect")]
