"""``ccmctl outreach``, the visibility rule (internal unless recorded public; internal
records never reach a report, a listing or a deadline unless asked, and what was left out
is counted) and next steps as deadlines of their own. Synthetic records on a copy of the
fixture data set (whose own outreach records carry no visibility: internal)."""

from __future__ import annotations

import datetime as dt
import json

from conftest import run
from test_record import SYN, engagement, loaded, rec

from ccmctl.queries.outreach import engagements, next_steps, survey, visible, visible_outreach

TODAY = dt.date(2026, 11, 22)


def public_engagement(runner, data, *extra: str, state: str = "IDN"):
    result = engagement(runner, data, "--visibility", "public", *extra, state_=state)
    assert result.exit_code == 0, result.stderr
    return result


def test_records_without_the_field_are_internal(fixture_copy):
    ds = loaded(fixture_copy)
    o = ds.states["IDN"].outreach
    assert {e.visibility for e in o.engagements} == {"internal"}
    kept, left_out = visible_outreach(o, include_internal=False)
    assert (kept.engagements, kept.survey, kept.obstacles) == ([], [], [])
    assert left_out == len(o.engagements) + len(o.survey) + len(o.obstacles) == 4
    assert visible(o.engagements, include_internal=True) == (list(o.engagements), 0)


def test_outreach_lists_public_records_and_counts_the_internal_ones(runner, fixture_copy):
    public_engagement(runner, fixture_copy, "--outcome", "Synthetic outcome")
    result = rec(runner, fixture_copy, "outreach", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [(e["iso3"], e["id"], e["visibility"]) for e in doc["engagements"]] == [
        ("IDN", "2026-11-22-bilateral", "public")
    ]
    assert doc["left_out"] == 3  # the fixture's three synthetic engagements (IDN 2, USA 1)
    assert "3 internal engagements left out (--include-internal shows them)" in result.stderr
    every = json.loads(rec(runner, fixture_copy, "outreach", "--include-internal",
                           "--format", "json").stdout)  # fmt: skip
    assert [e["date"] for e in every["engagements"]] == [
        "2023-11-21", "2024-03-05", "2024-05-14", "2026-11-22"
    ]  # fmt: skip
    assert every["left_out"] == 0


def test_outreach_filters(runner, fixture_copy):
    def dates(*args: str) -> list[str]:
        result = rec(runner, fixture_copy, "outreach", "--include-internal", "--format", "json",
                     *args)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        return [e["date"] for e in json.loads(result.stdout)["engagements"]]

    assert dates("--state", "United States of America") == ["2024-03-05"]
    assert dates("--by", "cmc") == ["2024-05-14"]
    assert dates("--by", "Malawi") == ["2023-11-21"]
    assert dates("--region", "se-asia") == ["2023-11-21", "2024-05-14"]
    assert dates("--since", "12msp") == []  # 12MSP opened 2024-09-10
    assert dates("--since", "2024-03-05", "--as-of", "2024-05-01") == ["2024-03-05"]
    assert dates("--kind", "letter") == ["2024-03-05"]
    assert rec(runner, fixture_copy, "outreach", "--kind", "chat").exit_code == 2
    assert rec(runner, fixture_copy, "outreach", "--region", "atlantis").exit_code == 2


def test_outreach_csv_neutralises_what_it_carries(runner, fixture_copy):
    public_engagement(runner, fixture_copy, "--outcome", '=HYPERLINK("http://x")')
    result = rec(runner, fixture_copy, "outreach", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "'=HYPERLINK" in result.stdout or "\"'=HYPERLINK" in result.stdout


def test_internal_records_never_reach_a_report_unless_asked(runner, fixture_copy):
    # 12MSP opens 2024-09-10; the fixture's engagements (2023-11-21 .. 2024-05-14) and
    # survey answers (IDN, USA) are internal
    plain = rec(runner, fixture_copy, "report", "12msp")
    assert plain.exit_code == 0, plain.stderr
    for text in ("Bilateral exchange with the Permanent Mission", "Letter inviting attendance",
                 "Regional workshop on the ratification process", "| in-process |",
                 "| opposed |"):  # fmt: skip
        assert text not in plain.stdout, text
    assert "3 internal engagements are left out of this report." in plain.stdout
    assert "2 states' latest answers are internal and left out of this report." in plain.stdout
    assert "note: 3 internal engagements left out" in plain.stderr
    asked = rec(runner, fixture_copy, "report", "12msp", "--include-internal")
    assert "Bilateral exchange with the Permanent Mission in Geneva" in asked.stdout
    assert "2 states not party have answered the survey." in asked.stdout
    assert "left out of this report" not in asked.stdout


def test_a_public_engagement_is_in_the_report(runner, fixture_copy):
    public_engagement(runner, fixture_copy, "--date", "2024-06-01")  # after 11MSP, before 12MSP
    report = rec(runner, fixture_copy, "report", "12msp")
    section = report.stdout.split("## Outreach since the Eleventh Meeting of States Parties")[1]
    assert "| 2024-06-01 | Indonesia | bilateral | Malawi, isu | Synthetic test record" in section


def test_show_marks_internal_records_and_shows_next_steps(runner, fixture_copy):
    public_engagement(runner, fixture_copy, "--next-step", "Synthetic step", "--next-due",
                      "2027-01-15")  # fmt: skip
    shown = rec(runner, fixture_copy, "show", "IDN").stdout
    lines = [ln for ln in shown.splitlines() if ln.startswith("  - 20")]
    assert any(ln.endswith("[internal]") and "2023-11-21 bilateral" in ln for ln in lines)
    mine = [ln for ln in lines if "[2026-11-22-bilateral]" in ln]
    assert mine and "Next: Synthetic step (due 2027-01-15)" in mine[0]
    assert not mine[0].endswith("[internal]")


def test_next_steps_are_deadlines_done_when_followed_up(runner, fixture_copy):
    public_engagement(runner, fixture_copy, "--date", "2026-11-01", "--next-step",
                      "Synthetic: send model legislation", "--next-due", "2026-11-15")  # fmt: skip
    dl = rec(runner, fixture_copy, "deadlines", "--kind", "next-step", "--format", "json")
    assert dl.exit_code == 0, dl.stderr
    (row,) = json.loads(dl.stdout)
    assert (row["due"], row["state"], row["status"]) == ("2026-11-15", "IDN", "unconfirmed")
    assert row["title"] == "Indonesia: Synthetic: send model legislation"
    public_engagement(runner, fixture_copy, "--follows", "2026-11-01-bilateral")
    (row,) = json.loads(rec(runner, fixture_copy, "deadlines", "--kind", "next-step",
                            "--format", "json").stdout)  # fmt: skip
    assert row["status"] == "done-late" and row["done_on"] == "2026-11-22"


def test_internal_next_steps_stay_out_of_the_deadlines_and_calendar(runner, fixture_copy):
    result = engagement(runner, fixture_copy, "--next-step", "Synthetic internal step",
                        "--next-due", "2027-01-15")  # fmt: skip
    assert result.exit_code == 0
    ics = rec(runner, fixture_copy, "deadlines", "--kind", "next-step", "--format", "ics")
    assert "Synthetic internal step" not in ics.stdout
    ds = loaded(fixture_copy)
    steps, left_out = next_steps(ds, TODAY)
    assert (steps, left_out) == ([], 1)
    assert [x.step for x in next_steps(ds, TODAY, include_internal=True)[0]] == [
        "Synthetic internal step"
    ]
    assert "1 internal next step(s) left out" in ics.stderr
    asked = rec(runner, fixture_copy, "deadlines", "--kind", "next-step", "--include-internal",
                "--format", "ics")  # fmt: skip
    assert "Synthetic internal step" in asked.stdout and "left out" not in asked.stderr


def test_engagements_query_is_pure_and_ordered(fixture_copy):
    ds = loaded(fixture_copy)
    result = engagements(ds, TODAY, include_internal=True)
    keys = [r.date.sort_key for r in result.rows]
    assert keys == sorted(keys)
    assert engagements(ds, TODAY).left_out == len(result.rows)


def test_survey_tally_leaves_out_a_state_whose_latest_answer_is_internal(runner, fixture_copy):
    # USA: latest answer public, IDN: internal (the fixture's)
    result = rec(
        runner, fixture_copy, "record", "survey", "USA", "--date", "2026-11-20",
        "--position", "considering", "--visibility", "public", "--source", SYN,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    s = survey(loaded(fixture_copy), TODAY)
    assert (s.overall.answered, s.overall.positions, s.left_out) == (1, {"considering": 1}, 1)
    assert [name for _, name, _ in s.regions] == ["Americas"]
    everyone = survey(loaded(fixture_copy), TODAY, include_internal=True)
    assert everyone.overall.positions == {"considering": 1, "in-process": 1}
    cli = rec(runner, fixture_copy, "survey")
    assert cli.exit_code == 0, cli.stderr
    assert "note: 1 internal survey answer left out" in cli.stderr


def test_outreach_help_lists_its_example(runner):
    text = run(runner, "outreach", "--help").stdout
    assert "ccmctl outreach --since 13msp" in text


def test_the_report_counts_outreach_by_state_and_by_activity(runner):
    from conftest import ROOT

    fixture = ROOT / "tests" / "fixtures" / "data"
    result = run(runner, "report", "12msp", "--include-internal", "--data", str(fixture))
    section = result.stdout.split("## Outreach since")[1].split("\n## ")[0]
    assert "By state: Indonesia (2), United States of America (1)." in section
