"""Every statement true on its date (issue 13), on the real data: nothing recorded after the
as-of date shows; unknown is not "no"; dates known to the month are compared as months;
deadline statuses people can act on; before entry into force there were no States Parties;
a report never claims past the end of the recorded treaty data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run

from ccmctl.domain.verdict import Verdict
from ccmctl.queries.deadlines import deadlines
from ccmctl.queries.targets import assess

D = dt.date


def show_json(runner, *args: str) -> dict:
    result = run(runner, "show", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- nothing recorded after the as-of date --------------------------------------------------


def test_a_past_view_shows_no_later_votes_or_statements(runner):
    doc = show_json(runner, "viet nam", "--as-of", "2016-10-03")
    assert set(doc["unga_votes"]) <= {"2015", "2016"}
    later = [c for c in doc["commitments"] if str(c.get("date", "")) >= "2016-10-04"]
    assert later == []
    now = show_json(runner, "viet nam", "--as-of", "2026-03-01")
    assert "2025" in now["unga_votes"]  # the same record, seen today, has them


def test_profile_facts_count_from_their_source_edition(real, runner):
    # Indonesia's stockpile is reported by the Monitor's 2023 profile: not known in 2017
    assert "stockpile" not in (show_json(runner, "IDN", "--as-of", "2017-09-04")["profile"] or {})
    assert assess(real, real.states["IDN"], D(2017, 9, 4)).tier == "outreach"
    assert assess(real, real.states["IDN"], D(2024, 9, 10)).tier == "dialogue"


def test_undated_notes_are_said_to_be_undated_on_a_past_date(runner):
    text = run(runner, "show", "IDN", "--as-of", "2016-10-03").stdout
    assert "Notes (undated: they describe the record as last checked, up to 2026-02-03" in text
    assert "Notes:" in run(runner, "show", "IDN", "--as-of", "2026-03-01").stdout


# --- three answers, not two ------------------------------------------------------------------


def test_unknown_is_shown_and_scored_apart(real, runner):
    # On the 12MSP's opening day the last three resolutions are 2021-2023, and 2021's
    # per-state votes are not recorded: unknown, not "no".
    t = assess(real, real.states["IDN"], real.meetings["12msp"].start)
    assert "unga-yes-consistent" in t.unknown_criteria and t.unknown_points == 1
    assert t.score_text == f"{t.score}, +1 unknown"
    doc = show_json(runner, "IDN", "--as-of", "12msp")
    crit = {c["id"]: c for c in doc["target"]["criteria"]}
    assert crit["unga-yes-consistent"]["met"] is None and crit["withdrawn"]["met"] is False
    assert "[?] unga-yes-consistent" in run(runner, "show", "IDN", "--as-of", "12msp").stdout
    rows = json.loads(run(runner, "targets", "--as-of", "12msp", "--format", "json").stdout)
    idn = next(r for r in rows if r["iso3"] == "IDN")
    assert idn["unknown_points"] == 1 and "unga-yes-consistent" in idn["unknown"]


def test_ties_are_broken_by_unknown_points(real):
    from ccmctl.queries.targets import targets

    rows = targets(real, real.meetings["12msp"].start)
    keys = [(-t.score, -t.unknown_points, t.state.name) for t in rows]
    assert keys == sorted(keys)


def test_evidence_from_before_a_withdrawal_does_not_count(real):
    ltu = real.states["LTU"]
    t = assess(real, ltu, D(2026, 3, 1))
    assert "withdrawn" in t.criteria
    assert "voluntary-report" not in t.criteria  # its reports were filed on its way in (2011)
    assert not any(
        e.date and e.date.first_day < D(2025, 3, 6)
        for e in t.evidence
        if e.criterion != "withdrawn"
    )


def test_evidence_max_age(real):
    from dataclasses import replace

    from ccmctl.queries.criteria import CRITERIA

    info = replace_info(real, evidence_max_age_years=5)
    aged = replace(real, info=info)
    fn = CRITERIA["voluntary-report"].function
    brn = real.states["BRN"]
    ev = fn(real, brn, D(2026, 3, 1))
    assert ev is not None and ev.verdict is Verdict.MET
    if ev.date and ev.date.first_day < D(2021, 3, 1):
        assert fn(aged, brn, D(2026, 3, 1)) is None
    else:
        pytest.skip("Brunei's report is recent: nothing to age out")


def replace_info(real, **changes):
    return real.info.model_copy(update=changes)


# --- before entry into force -------------------------------------------------------------------


def test_before_entry_into_force_there_are_no_states_parties(runner):
    doc = json.loads(run(runner, "status", "--as-of", "2009-06-30", "--format", "json").stdout)
    assert doc["schema_version"] == 2
    assert doc["not_yet_in_force"]["count"] == doc["counts"]["party"] == 10
    text = run(runner, "status", "--as-of", "2009-06-30").stdout
    assert "deposited, not yet in force" in text and "State Party" not in text


def test_a_state_between_deposit_and_entry_into_force(runner):
    text = run(runner, "show", "NGA", "--as-of", "2023-03-01").stdout
    assert "CCM: deposited, not yet in force (enters into force 2023-08-01)" in text
    assert "in force since" not in text
    doc = json.loads(run(runner, "status", "--as-of", "2023-03-01", "--format", "json").stdout)
    assert doc["not_yet_in_force"] == {"count": 1, "states": ["NGA"]}
    assert doc["counts"]["party"] == 111  # the depositary's count is unchanged


# --- dates known to the month; deadline statuses ---------------------------------------------


def test_completions_known_to_the_month_are_done(real):
    rows = deadlines(real, D(2026, 3, 1), kinds=["stockpile-destruction"], show_all=True)
    by_state = {d.state: d for d in rows}
    for iso3 in ("FRA", "SWE", "NLD", "CHL", "CUB"):
        assert by_state[iso3].status == "done", iso3
    assert str(by_state["FRA"].done) == "2016-06"
    assert "GNB" not in by_state  # held no stockpile: no Art. 3 deadline
    # Croatia completed at the end of July 2018, its deadline being 1 August 2018
    assert by_state["HRV"].status == "done"


def test_cuba_is_not_reported_due_soon(runner):
    md = run(runner, "report", "12msp").stdout
    assert "Cuba: stockpile destruction" not in md


def test_a_completion_not_yet_over_is_not_known(real):
    # France completed in June 2016: on 15 June 2016 that is not yet known
    rows = deadlines(real, D(2016, 6, 15), kinds=["stockpile-destruction"], states=["FRA"])
    assert rows[0].status == "upcoming"
    rows = deadlines(real, D(2016, 7, 1), kinds=["stockpile-destruction"], states=["FRA"])
    assert rows[0].status == "done"


def test_an_extension_takes_effect_when_decided(real):
    # Bulgaria's 2RC extension (to 1 Oct 2022) was decided by silent procedure in early
    # 2021: before its day is known the passed deadline of 1 Apr 2021 is unconfirmed ...
    may = deadlines(real, D(2021, 5, 1), kinds=["stockpile-destruction"], states=["BGR"])[0]
    assert may.due == D(2021, 4, 1) and may.status == "unconfirmed" and may.pending
    # ... and once the 2RC's second part ended (21 Sep 2021) it certainly applies.
    oct_ = deadlines(real, D(2021, 10, 1), kinds=["stockpile-destruction"], states=["BGR"])[0]
    assert oct_.due == D(2022, 10, 1) and oct_.status == "upcoming"


def test_all_means_from_the_beginning(real):
    rows = deadlines(real, D(2026, 3, 1), kinds=["annual-report"], states=["FRA"], show_all=True)
    assert min(d.due for d in rows) == D(2011, 4, 30)
    assert len(deadlines(real, D(2026, 3, 1), kinds=["annual-report"], states=["FRA"])) == 2


def test_fail_on_takes_any_status(runner):
    args = ("deadlines", "--as-of", "2026-03-01")
    assert run(runner, *args, "--fail-on", "unconfirmed").exit_code == 1
    assert run(runner, *args, "--status", "no-data", "--format", "json").exit_code == 0


# --- reports never claim past the data -----------------------------------------------------


def test_a_report_after_the_data_says_so_in_the_document(runner):
    md = run(runner, "report", "3rc").stdout
    assert "The treaty record was last checked in full on 2026-02-03" in md
    assert "Recorded up to 2026-02-03, the end of the recorded treaty data." in md
    assert "since 2025-09-16" not in md
    assert "Meetings held in the period: Tenth Meeting of States Parties" in md


def test_a_report_before_its_plan_began_says_so(runner):
    md = run(runner, "report", "12msp", "--as-of", "2020-01-01").stdout
    assert "on 2020-01-01 it had not yet been adopted" in md


@pytest.mark.parametrize(
    "args",
    [
        ("targets", "-n", "-1"),
        ("targets", "-n", "0"),
        ("targets", "--per-region", "0"),
        ("report", "12msp", "--per-region", "0"),
        ("deadlines", "--within", "0d"),
        ("deadlines", "--within", "²"),
    ],
)
def test_numbers_are_checked(runner, args):
    result = run(runner, *args)
    assert result.exit_code == 2, result.stdout
    assert "Invalid value" in result.stderr or "ccmctl:" in result.stderr


def test_within_takes_months_and_years(runner):
    rows = json.loads(
        run(
            runner,
            "deadlines",
            "--as-of",
            "2024-01-01",
            "--within",
            "9m",
            "--format",
            "json",
            "--plan",
            "universalization-2023-2024",
        ).stdout
    )
    assert {r["status"] for r in rows if r["due"] == "2024-09-30"} == {"due-soon"}


def test_coordinators_are_named_for_the_period_they_served(runner, fixture_copy):
    path = fixture_copy / "states" / "USA.yaml"
    text = path.read_text(encoding="utf-8")
    assert "coordinators:" in text
    lines = text.splitlines()
    i = next(n for n, ln in enumerate(lines) if ln.startswith("  coordinators:"))
    j = i + 1
    while lines[j].startswith("  - "):
        j += 1
    lines[i + 1 : j] = [
        "  - actor: MWI",
        "    since: 2023-11",
        "    until: 2024-09",
        "    source: fixture-synthetic",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = ("--data", str(fixture_copy))
    assert run(runner, "validate", *data).exit_code == 0
    during = show_json(runner, "USA", "--as-of", "2024-03-01", *data)["outreach"]
    before = show_json(runner, "USA", "--as-of", "2023-06-01", *data)["outreach"]
    assert during["coordinators"] == ["MWI"] and "coordinators" not in before


def test_an_engagement_known_only_to_the_month(runner, fixture_copy):
    data = ("--data", str(fixture_copy))
    result = run(
        runner,
        "record",
        "engagement",
        "IDN",
        "--date",
        "2024-03",
        "--kind",
        "mission",
        "--by",
        "MWI",
        "--summary",
        "Synthetic test record: a mission in March 2024.",
        "--visibility",
        "public",
        *data,
    )
    assert result.exit_code == 0, result.stderr
    assert run(runner, "validate", *data).exit_code == 0
    mid = show_json(runner, "IDN", "--as-of", "2024-03-15", *data)["outreach"]
    after = show_json(runner, "IDN", "--as-of", "2024-04-01", *data)["outreach"]
    assert "2024-03" not in [e["date"] for e in mid.get("engagements", [])]
    assert "2024-03" in [e["date"] for e in after["engagements"]]
