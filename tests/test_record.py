"""``ccmctl record``, ``amend`` and ``remove``: each writer's result read back, ids, the
diff, refusals that change no byte, a write killed halfway, two writers at once, comments
kept, and the current_to rule (it bounds the treaty record; the users' records are bounded
by today). Synthetic records, on copies of tests/fixtures/data (``fixture_copy``) and, for
the issue's "done when", of data/ (``data_copy``): never in data/ itself."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import get_args

import pytest
import yaml
from conftest import ROOT, run

from ccmctl.validation import load

TODAY = dt.date(2026, 11, 22)  # conftest's CCMCTL_TODAY
SYN = "fixture-synthetic"


def tree_digest(base: Path) -> dict[str, str]:
    """Every file under ``base`` -> sha256 of its bytes."""
    return {
        p.relative_to(base).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(base.rglob("*"))
        if p.is_file()
    }


def rec(runner, data: Path, *args: str):
    return run(runner, *args, "--data", str(data))


def state(data: Path, iso3: str) -> dict:
    return yaml.safe_load((data / "states" / f"{iso3}.yaml").read_text(encoding="utf-8"))


def loaded(data: Path):
    result = load(data, today=TODAY)
    assert result.errors == [], [p.text() for p in result.errors]
    return result.dataset


def engagement(runner, data: Path, *extra: str, state_: str = "IDN"):
    return rec(
        runner, data, "record", "engagement", state_, "--date", "today", "--kind", "bilateral",
        "--by", "MWI,isu", "--summary", "Synthetic test record: met the mission", *extra,
    )  # fmt: skip


# --- each writer, read back -------------------------------------------------------------------


def test_engagement_is_recorded_with_an_id_internal_by_default(runner, fixture_copy):
    result = engagement(
        runner, fixture_copy, "--outcome", "Synthetic outcome", "--next-step", "Send the law",
        "--next-due", "2027-01-15", "--activity",
        "universalization-2023-2024:act-1-bilateral-exchanges", "--source", SYN,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "recorded engagement 2026-11-22-bilateral of IDN" in result.stderr
    assert result.stdout.startswith("--- ") and "+  - id: 2026-11-22-bilateral" in result.stdout
    e = loaded(fixture_copy).states["IDN"].outreach.engagements[-1]
    assert (e.id, e.date, e.kind, e.by, e.visibility) == (
        "2026-11-22-bilateral",
        TODAY,
        "bilateral",
        ["MWI", "isu"],
        "internal",
    )
    assert (e.outcome, e.next_step, e.next_due) == ("Synthetic outcome", "Send the law",
                                                    dt.date(2027, 1, 15))  # fmt: skip
    assert e.activity == "universalization-2023-2024:act-1-bilateral-exchanges"
    assert e.source == SYN


def test_a_second_record_of_the_same_day_and_kind_gets_its_own_id(runner, fixture_copy):
    assert engagement(runner, fixture_copy).exit_code == 0
    assert engagement(runner, fixture_copy).exit_code == 0
    ids = [e.id for e in loaded(fixture_copy).states["IDN"].outreach.engagements if e.id]
    assert ids == ["2026-11-22-bilateral", "2026-11-22-bilateral-2"]


def test_names_resolve_to_states_and_bodies(runner, fixture_copy):
    result = rec(
        runner, fixture_copy, "record", "engagement", "indonesia", "--date", "2026-11-01",
        "--kind", "letter", "--by", "Malawi", "--by", "cmc", "--summary", "Synthetic letter",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    e = loaded(fixture_copy).states["IDN"].outreach.engagements[-1]
    assert e.by == ["MWI", "cmc"]


def test_survey_obstacle_report_status_read_back(runner, fixture_copy):
    d = fixture_copy
    steps = [
        ("record", "survey", "USA", "--date", "2026-11-20", "--position", "opposed",
         "--reason", "security-defence,stockpiles", "--note", "Synthetic"),
        ("record", "obstacle", "IDN", "--summary", "Synthetic obstacle", "--solution",
         "Synthetic solution", "--identified", "2026-11-21"),
        ("record", "report", "NGA", "--kind", "annual", "--year", "2026", "--submitted",
         "2026-04-28", "--source", SYN),
        ("record", "status", "universalization-2023-2024", "act-2-recirculate-survey",
         "--status", "done", "--date", "2024-02-20", "--source", SYN, "--note", "Synthetic"),
    ]  # fmt: skip
    for args in steps:
        result = rec(runner, d, *args)
        assert result.exit_code == 0, (args, result.stderr)
    ds = loaded(d)
    answer = ds.states["USA"].outreach.survey[-1]
    assert (answer.id, answer.position, answer.reasons, answer.visibility) == (
        "2026-11-20-survey",
        "opposed",
        ["security-defence", "stockpiles"],
        "internal",
    )
    obstacle = ds.states["IDN"].outreach.obstacles[-1]
    assert (obstacle.id, obstacle.identified) == ("2026-11-21-obstacle", dt.date(2026, 11, 21))
    report = ds.states["NGA"].article7[-1]
    assert (report.id, report.kind, report.year) == ("2026-annual", "annual", 2026)
    item = next(i for i in ds.plans["universalization-2023-2024"].items
                if i.id == "act-2-recirculate-survey")  # fmt: skip
    assert [(s.id, s.status) for s in item.status] == [("2024-02-20-done", "done")]


def test_status_entries_are_kept_oldest_first(runner, fixture_copy):
    plan, item = "universalization-2023-2024", "act-2-recirculate-survey"
    for day, status in (("2024-05-01", "done"), ("2024-01-10", "in-progress")):
        result = rec(runner, fixture_copy, "record", "status", plan, item, "--status", status,
                     "--date", day, "--source", SYN)  # fmt: skip
        assert result.exit_code == 0, result.stderr
    found = next(i for i in loaded(fixture_copy).plans[plan].items if i.id == item)
    assert [s.date.isoformat() for s in found.status] == ["2024-01-10", "2024-05-01"]


@pytest.mark.parametrize(
    "treaty, kind, day, key, expected",
    [
        ("ccm", "deposit", "2026-11-20", "consent", {"kind": "ratification"}),
        ("apmbc", "withdrawal-notice", "2026-11-20", "withdrawal", {"effective": "2027-05-20"}),
    ],
)
def test_treaty_events(runner, fixture_copy, treaty, kind, day, key, expected):
    result = rec(runner, fixture_copy, "record", "event", "IDN", "--treaty", treaty, "--kind",
                 kind, "--date", day, "--source", SYN)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    recorded = state(fixture_copy, "IDN")[treaty][key]
    for k, v in expected.items():
        assert str(recorded[k]) == v
    loaded(fixture_copy)


def test_an_accession_is_the_default_without_a_signature(runner, fixture_copy):
    result = rec(runner, fixture_copy, "record", "event", "USA", "--treaty", "ccm", "--kind",
                 "deposit", "--date", "2026-11-20", "--source", SYN)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert state(fixture_copy, "USA")["ccm"]["consent"]["kind"] == "accession"


def test_a_second_deposit_is_refused_and_says_how_to_correct(runner, fixture_copy):
    before = tree_digest(fixture_copy)
    result = rec(runner, fixture_copy, "record", "event", "NGA", "--treaty", "ccm", "--kind",
                 "deposit", "--date", "2026-11-20", "--source", SYN)  # fmt: skip
    assert result.exit_code == 1
    assert "ccmctl amend event NGA/ccm/deposit" in result.stderr
    assert tree_digest(fixture_copy) == before


def test_meeting_source_plan_item_checked(runner, fixture_copy):
    d = fixture_copy
    steps = [
        ("record", "source", "fixture-synthetic-2", "--title", "Synthetic test source",
         "--accessed", "today"),
        ("record", "meeting", "14msp", "--start", "2027-09-13", "--end", "2027-09-16",
         "--city", "Geneva", "--country", "CHE", "--source", "fixture-synthetic-2",
         "--president", "philippines"),
        ("record", "plan", "synthetic-plan", "--title", "Synthetic plan", "--kind",
         "work-plan", "--up-to", "14msp", "--source", SYN, "--owner", "isu"),
        ("record", "item", "synthetic-plan", "--title", "Regional workshop (synthetic)",
         "--due", "2027-06", "--owner", "isu,PHL"),
        ("record", "item", "synthetic-plan", "--title", "Report", "--due", "14msp"),
        ("record", "checked", "--to", "2026-11-21", "--source", SYN),
    ]  # fmt: skip
    for args in steps:
        result = rec(runner, d, *args)
        assert result.exit_code == 0, (args, result.stderr)
    ds = loaded(d)
    mt = ds.meetings["14msp"]
    assert (mt.name, mt.number, mt.kind, mt.country) == (
        "Fourteenth Meeting of States Parties",
        14,
        "msp",
        "CHE",
    )
    assert mt.president is not None and mt.president.state == "PHL"
    plan = ds.plans["synthetic-plan"]
    assert [(i.id, i.due.month if i.due else None) for i in plan.items] == [
        ("regional-workshop-synthetic", "2027-06"),
        ("report", None),
    ]
    assert ds.current_to == dt.date(2026, 11, 21)
    assert ds.info is not None and ds.info.current_to_source == SYN
    text = (d / "plans" / "synthetic-plan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/plan.schema.json\n")
    # what was written is in the canonical format
    assert rec(runner, d, "fmt", "--check").exit_code == 0


def test_record_checked_refuses_a_day_after_today_or_before_current_to(runner, fixture_copy):
    before = tree_digest(fixture_copy)
    for day in ("2026-11-23", "2026-01-01"):
        result = rec(runner, fixture_copy, "record", "checked", "--to", day, "--source", SYN)
        assert result.exit_code == 2, result.stderr
    assert tree_digest(fixture_copy) == before


@pytest.mark.parametrize(
    "text",
    ["yes", "2024", "null", "- dash", "#hash", "a: b", "two\nlines", "'quoted'", "  padded  ",
     "029", "1:20", "@at", "~", "Côte d'Ivoire — “quoted”"],
)  # fmt: skip
def test_any_text_is_written_so_that_it_reads_back_the_same(runner, fixture_copy, text):
    result = rec(runner, fixture_copy, "record", "engagement", "IDN", "--date", "today",
                 "--kind", "other", "--by", "isu", "--summary", text)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert loaded(fixture_copy).states["IDN"].outreach.engagements[-1].summary == text
    assert rec(runner, fixture_copy, "fmt", "--check").exit_code == 0


def test_control_characters_are_refused_and_not_echoed(runner, fixture_copy):
    before = tree_digest(fixture_copy)
    result = rec(runner, fixture_copy, "record", "engagement", "IDN", "--date", "today",
                 "--kind", "other", "--by", "isu", "--summary", "\x1b[31mred\x1b[0m")  # fmt: skip
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert tree_digest(fixture_copy) == before


# --- options follow the models ------------------------------------------------------------------

COMMAND_MODELS = {
    "engagement": ("Engagement", {}),
    "survey": ("SurveyResponse", {}),
    "obstacle": ("Obstacle", {}),
    "status": ("StatusEntry", {"status": "status_"}),
    "report": ("Report", {}),
    "meeting": ("Meeting", {"kind": None, "number": None, "name": None, "id": None}),
    "source": ("Source", {"id": None}),
    "plan": ("Plan", {"id": None}),
    "item": ("Item", {"id": None}),
}
"""Record command -> its model, and fields whose option differs (None: not an option: the
id is the argument or is made; a meeting's kind, number and name follow from its id)."""
EXTRA_REQUIRED = {"engagement": {"by"}}
"""Options required although the model has a default: an engagement says who engaged."""


@pytest.mark.parametrize("command", sorted(COMMAND_MODELS))
def test_a_required_field_is_a_required_option(command):
    import typer.main

    from ccmctl import schema
    from ccmctl.cli import app

    group = typer.main.get_command(app).commands["record"]  # type: ignore[attr-defined]
    cmd = group.commands[command]
    model_name, renamed = COMMAND_MODELS[command]
    model = getattr(schema, model_name)
    required_fields = {
        n for n, f in model.model_fields.items() if f.is_required() and renamed.get(n, n)
    }
    required_params = {p.name for p in cmd.params if p.required and p.param_type_name == "option"}
    expected = {renamed.get(n, n) for n in required_fields} | EXTRA_REQUIRED.get(command, set())
    assert expected == required_params, (command, expected, required_params)


def test_engagement_kinds_are_the_models_vocabulary(runner):
    from ccmctl.schema.outreach import EngagementKind

    text = " ".join(run(runner, "record", "engagement", "--help").stdout.split())
    for kind in get_args(EngagementKind):
        assert kind in text
    assert {"demarche", "letter", "mission", "workshop"} <= set(get_args(EngagementKind))


@pytest.mark.parametrize(
    "group", ["record", "amend"], ids=["record subcommands", "amend subcommands"]
)
def test_every_subcommand_has_help_and_an_example(runner, group):
    import typer.main

    from ccmctl.cli import app

    sub = typer.main.get_command(app).commands[group]  # type: ignore[attr-defined]
    assert sorted(sub.commands)
    for name in sub.commands:
        text = run(runner, group, name, "--help").stdout
        assert "Examples:" in text, name
        assert f"ccmctl {group} {name}" in text.split("Examples:")[1], name


# --- dry run, diff, refusals --------------------------------------------------------------------


def test_dry_run_prints_the_diff_and_writes_nothing(runner, fixture_copy):
    before = tree_digest(fixture_copy)
    result = engagement(runner, fixture_copy, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "+    summary: 'Synthetic test record: met the mission'" in result.stdout
    assert "dry run, not written" in result.stderr
    assert tree_digest(fixture_copy) == before


REFUSED = {
    "unknown source": (("--source", "no-such-source"), "unknown source 'no-such-source'"),
    "dated after today": (("--date", "2027-01-01"), "2027-01-01 is after today (2026-11-22)"),
    "unknown activity": (
        ("--activity", "universalization-2023-2024:no-such-item"),
        "plan 'universalization-2023-2024' has no item 'no-such-item'",
    ),
    "follows nothing": (("--follows", "no-such-engagement"), "unknown engagement"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_write_changes_no_byte_and_names_file_and_line(runner, fixture_copy, case):
    extra, message = REFUSED[case]
    before = tree_digest(fixture_copy)
    args = ["record", "engagement", "IDN", "--date", "today", "--kind", "bilateral", "--by",
            "isu", "--summary", "Synthetic", *extra]  # fmt: skip
    if "--date" in extra:
        args[3:5] = []
    result = rec(runner, fixture_copy, *args)
    assert result.exit_code == 1, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if message in ln]
    assert lines and lines[0].split(":")[0].endswith("states/IDN.yaml"), result.stderr
    assert lines[0].split(":")[1].isdigit()
    assert "refused: the change would leave 1 problem (nothing was written)" in result.stderr
    assert tree_digest(fixture_copy) == before


@pytest.mark.parametrize(
    "args",
    [
        (
            "record",
            "engagement",
            "Atlantis",
            "--date",
            "today",
            "--kind",
            "bilateral",
            "--by",
            "isu",
            "--summary",
            "x",
        ),
        (
            "record",
            "engagement",
            "IDN",
            "--date",
            "2026-02-30",
            "--kind",
            "bilateral",
            "--by",
            "isu",
            "--summary",
            "x",
        ),
        (
            "record",
            "engagement",
            "IDN",
            "--date",
            "today",
            "--kind",
            "chat",
            "--by",
            "isu",
            "--summary",
            "x",
        ),
        (
            "record",
            "engagement",
            "IDN",
            "--date",
            "today",
            "--kind",
            "bilateral",
            "--by",
            "nobody",
            "--summary",
            "x",
        ),
        (
            "record",
            "survey",
            "IDN",
            "--date",
            "today",
            "--position",
            "opposed",
            "--reason",
            "boredom",
        ),
        (
            "record",
            "status",
            "no-plan",
            "x",
            "--status",
            "done",
            "--date",
            "today",
            "--source",
            SYN,
        ),
        (
            "record",
            "status",
            "universalization-2023-2024",
            "no-item",
            "--status",
            "done",
            "--date",
            "today",
            "--source",
            SYN,
        ),
        ("amend", "engagement", "IDN/no-such-id", "--outcome", "x"),
        ("amend", "engagement", "IDN/#9", "--outcome", "x"),
        ("remove", "survey", "no-such-id"),
        (
            "record",
            "meeting",
            "14xyz",
            "--start",
            "2027-01-01",
            "--end",
            "2027-01-02",
            "--city",
            "x",
            "--country",
            "CHE",
            "--source",
            SYN,
        ),
    ],
    ids=lambda a: " ".join(a[:3]),
)
def test_a_usage_error_exits_2_and_changes_no_byte(runner, fixture_copy, args):
    before = tree_digest(fixture_copy)
    result = rec(runner, fixture_copy, *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.strip()
    assert tree_digest(fixture_copy) == before


# --- amend and remove ----------------------------------------------------------------------------


def test_amend_sets_unsets_and_keeps_date_order(runner, fixture_copy):
    assert engagement(runner, fixture_copy, "--outcome", "Synthetic").exit_code == 0
    result = rec(
        runner, fixture_copy, "amend", "engagement", "IDN/2026-11-22-bilateral",
        "--visibility", "public", "--date", "2024-01-01", "--unset", "outcome",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "amended engagement IDN/2026-11-22-bilateral" in result.stderr
    engagements = loaded(fixture_copy).states["IDN"].outreach.engagements
    assert [str(e.date) for e in engagements] == ["2023-11-21", "2024-01-01", "2024-05-14"]
    e = engagements[1]
    assert (e.id, e.visibility, e.outcome) == ("2026-11-22-bilateral", "public", None)


def test_a_bare_id_finds_the_one_record_that_has_it(runner, fixture_copy):
    assert engagement(runner, fixture_copy).exit_code == 0
    result = rec(runner, fixture_copy, "amend", "engagement", "2026-11-22-bilateral",
                 "--summary", "Synthetic, corrected")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert loaded(fixture_copy).states["IDN"].outreach.engagements[-1].summary == (
        "Synthetic, corrected"
    )
    assert engagement(runner, fixture_copy, state_="USA").exit_code == 0
    result = rec(runner, fixture_copy, "amend", "engagement", "2026-11-22-bilateral",
                 "--summary", "x")  # fmt: skip
    assert result.exit_code == 2 and "2 states have (IDN, USA)" in result.stderr


def test_a_record_without_an_id_is_found_by_position(runner, fixture_copy):
    result = rec(runner, fixture_copy, "amend", "survey", "IDN/#1", "--note", "Synthetic note")
    assert result.exit_code == 0, result.stderr
    assert loaded(fixture_copy).states["IDN"].outreach.survey[0].note == "Synthetic note"


def test_remove_deletes_and_prunes_empty_lists(runner, fixture_copy):
    assert engagement(runner, fixture_copy, state_="NGA").exit_code == 0
    assert "outreach" in state(fixture_copy, "NGA")
    result = rec(runner, fixture_copy, "remove", "engagement", "NGA/2026-11-22-bilateral")
    assert result.exit_code == 0, result.stderr
    assert "outreach" not in state(fixture_copy, "NGA")
    loaded(fixture_copy)


def test_amending_a_treaty_event_needs_a_source_kept_first(runner, fixture_copy):
    before = tree_digest(fixture_copy)
    result = rec(runner, fixture_copy, "amend", "event", "NGA/ccm/deposit", "--date",
                 "2023-02-27")  # fmt: skip
    assert result.exit_code == 2 and "--source ID is required" in result.stderr
    assert tree_digest(fixture_copy) == before
    result = rec(runner, fixture_copy, "amend", "event", "NGA/ccm/deposit", "--date",
                 "2023-02-27", "--source", SYN)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    consent = loaded(fixture_copy).states["NGA"].ccm.consent
    assert consent is not None and consent.date == dt.date(2023, 2, 27)
    assert consent.source[0] == SYN and len(consent.source) > 1


def test_removing_a_treaty_event_leaves_a_note(runner, fixture_copy):
    assert rec(runner, fixture_copy, "record", "event", "USA", "--treaty", "ccm", "--kind",
               "signature", "--date", "2009-01-01", "--source", SYN).exit_code == 0  # fmt: skip
    result = rec(runner, fixture_copy, "remove", "event", "USA/ccm/signature", "--source", SYN)
    assert result.exit_code == 0, result.stderr
    ccm = loaded(fixture_copy).states["USA"].ccm
    assert ccm.signature is None
    assert ccm.note and "signature recorded as 2009-01-01 removed on 2026-11-22" in ccm.note


def test_removing_what_is_still_referred_to_is_refused(runner, fixture_copy):
    before = tree_digest(fixture_copy)
    result = rec(runner, fixture_copy, "remove", "meeting", "12msp")
    assert result.exit_code == 1
    assert "unknown meeting '12msp'" in result.stderr
    assert tree_digest(fixture_copy) == before


# --- the file survives: comments, a write killed halfway, two writers at once ----------------


def test_comments_order_and_schema_line_survive(runner, fixture_copy):
    path = fixture_copy / "states" / "IDN.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: Indonesia\n", "name: Indonesia  # synthetic end-of-line comment\n")
    text = text.replace("outreach:\n", "# synthetic comment above outreach\noutreach:\n")
    text += "# synthetic comment at the end\n"
    path.write_text(text, encoding="utf-8")
    assert engagement(runner, fixture_copy).exit_code == 0
    after = path.read_text(encoding="utf-8")
    kept = (
        "# yaml-language-server: $schema=../../schemas/state.schema.json",
        "name: Indonesia  # synthetic end-of-line comment",
        "# synthetic comment above outreach",
        "# synthetic comment at the end",
    )
    for line in kept:
        assert line in after
    diff = list(difflib.unified_diff(text.splitlines(), after.splitlines(), lineterm="", n=0))
    assert [ln[1:] for ln in diff if ln.startswith("+") and not ln.startswith("+++")] == [
        "  - id: 2026-11-22-bilateral", "    date: 2026-11-22", "    kind: bilateral",
        "    by:", "    - MWI", "    - isu",
        "    summary: 'Synthetic test record: met the mission'", "    visibility: internal",
    ]  # fmt: skip
    assert [ln for ln in diff if ln.startswith("-") and not ln.startswith("---")] == []


def run_cli(*args: str, env: dict[str, str] | None = None, prelude: str = ""):
    code = prelude + (
        "\nimport sys\nfrom ccmctl.cli import main\nsys.argv = ['ccmctl'] + sys.argv[1:]\nmain()\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env={**os.environ, "PYTHONPATH": str(ROOT), "CCMCTL_TODAY": "2026-11-22", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_a_write_killed_halfway_leaves_the_original_intact(fixture_copy):
    before = tree_digest(fixture_copy)
    prelude = (
        "import resource, signal\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    )
    proc = run_cli("record", "engagement", "IDN", "--date", "today", "--kind", "bilateral",
                   "--by", "isu", "--summary", "Synthetic", "--data", str(fixture_copy),
                   prelude=prelude)  # fmt: skip
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert "states/IDN.yaml: cannot write: file too large" in err
    assert "the original is unchanged" in err
    assert tree_digest(fixture_copy) == before  # no stray temporary file either


def test_two_writers_at_once_both_land(fixture_copy):
    procs = [
        run_cli(
            "record",
            "engagement",
            "IDN",
            "--date",
            "today",
            "--kind",
            "bilateral",
            "--by",
            "isu",
            "--summary",
            f"Synthetic writer {name}",
            "--data",
            str(fixture_copy),
        )  # fmt: skip
        for name in ("alpha", "beta")
    ]
    for p in procs:
        _, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
    engagements = loaded(fixture_copy).states["IDN"].outreach.engagements
    summaries = {e.summary for e in engagements}
    assert {"Synthetic writer alpha", "Synthetic writer beta"} <= summaries
    assert [e.id for e in engagements[-2:]] == ["2026-11-22-bilateral", "2026-11-22-bilateral-2"]
    assert [p.name for p in (fixture_copy / "states").iterdir() if p.name.startswith(".")] == []


# --- the current_to rule -------------------------------------------------------------------------


def test_a_treaty_event_after_current_to_is_a_warning_not_an_error(runner, fixture_copy):
    result = rec(runner, fixture_copy, "record", "event", "IDN", "--treaty", "ccm", "--kind",
                 "deposit", "--date", "today", "--source", SYN)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    warning = [ln for ln in result.stderr.splitlines() if "warning:" in ln]
    assert len(warning) == 1
    assert warning[0].endswith(
        "ccm.consent.date: 2026-11-22 is after current_to 2026-02-03: the treaty record was "
        "last checked in full on 2026-02-03 (once the depositary's whole record is checked: "
        "ccmctl record checked --to DAY --source ID)"
    )
    check = rec(runner, fixture_copy, "validate")
    assert check.exit_code == 0 and "last checked in full on 2026-02-03" in check.stderr
    moved = rec(runner, fixture_copy, "record", "checked", "--to", "today", "--source", SYN)
    assert moved.exit_code == 0, moved.stderr
    assert "last checked in full" not in rec(runner, fixture_copy, "validate").stderr


def test_users_records_are_bounded_by_today_not_current_to(runner, fixture_copy):
    # after current_to (2026-02-03) but before today: a user's record, no warning
    result = engagement(runner, fixture_copy)
    assert result.exit_code == 0 and "warning" not in result.stderr
    check = rec(runner, fixture_copy, "validate", "--strict")
    assert check.exit_code == 0, check.stderr


def test_validation_takes_today_as_a_parameter(fixture_copy):
    path = fixture_copy / "states" / "IDN.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - date: 2024-05-14\n", "  - date: 2026-06-01\n")
    path.write_text(text, encoding="utf-8")
    assert load(fixture_copy, today=dt.date(2026, 11, 22)).errors == []
    late = load(fixture_copy, today=dt.date(2026, 5, 1)).errors
    assert [p.message for p in late] == ["2026-06-01 is after today (2026-05-01)"]
    assert load(fixture_copy).errors == []  # no today: not compared


# --- the "done when", on a copy of data/ ------------------------------------------------


def test_done_an_engagement_today_records_validates_and_shows(runner, data_copy):
    d = data_copy
    result = rec(runner, d, "record", "engagement", "IDN", "--date", "today", "--kind",
                 "bilateral", "--by", "isu", "--summary", "Synthetic test record (copy of data)",
                 "--next-step", "Synthetic next step", "--next-due", "2027-01-15")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert rec(runner, d, "validate").exit_code == 0
    shown = rec(runner, d, "show", "IDN")
    assert "Synthetic test record (copy of data)" in shown.stdout
    assert "Next: Synthetic next step (due 2027-01-15)" in shown.stdout
    out = rec(runner, d, "outreach", "--include-internal")
    assert "Synthetic test record (copy of data)" in out.stdout
    hidden = rec(runner, d, "outreach")
    assert "Synthetic test record" not in hidden.stdout
    assert "1 internal engagement left out" in hidden.stderr
    changed = rec(runner, d, "changes", "--since", "3rc", "--include-internal")
    assert "Synthetic test record (copy of data)" in changed.stdout
    # the next report after today: the 3RC's, brought up to today (no 14MSP is in data/)
    report = rec(runner, d, "report", "3rc", "--as-of", "2026-11-22")
    assert report.exit_code == 0, report.stderr
    assert "Synthetic test record" not in report.stdout
    assert "1 internal engagement is left out of this report." in report.stdout
    asked = rec(runner, d, "report", "3rc", "--as-of", "2026-11-22", "--include-internal")
    assert "Synthetic test record (copy of data)" in asked.stdout
    assert rec(runner, d, "amend", "engagement", "IDN/2026-11-22-bilateral", "--visibility",
               "public").exit_code == 0  # fmt: skip
    public = rec(runner, d, "report", "3rc", "--as-of", "2026-11-22")
    assert "Synthetic test record (copy of data)" in public.stdout


def test_done_a_deposit_today_is_accepted_with_a_warning(runner, data_copy):
    result = rec(runner, data_copy, "record", "event", "IDN", "--treaty", "ccm", "--kind",
                 "deposit", "--date", "today", "--source", "untc-xxvi-6")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "the treaty record was last checked in full on 2026-02-03" in result.stderr
    assert "recorded deposit of ccm by IDN on 2026-11-22" in result.stderr
    status = rec(runner, data_copy, "show", "IDN", "--format", "json")
    assert '"status": "party"' in status.stdout


def test_done_record_meeting_14msp_makes_report_14msp_work(runner, data_copy):
    before = rec(runner, data_copy, "report", "14msp")
    assert before.exit_code == 2
    result = rec(runner, data_copy, "record", "meeting", "14msp", "--start", "2027-09-13",
                 "--end", "2027-09-16", "--city", "Geneva", "--country", "CHE", "--source",
                 "untc-xxvi-6")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    report = rec(runner, data_copy, "report", "14msp")
    assert report.exit_code == 0, report.stderr
    assert "progress report to the Fourteenth Meeting of States Parties" in report.stdout
    assert "Outreach since the Third Review Conference" in report.stdout


def test_done_every_refused_write_changes_no_byte(runner, data_copy):
    before = tree_digest(data_copy)
    refused = [
        ("record", "engagement", "IDN", "--date", "2027-01-01", "--kind", "bilateral", "--by",
         "isu", "--summary", "x"),
        ("record", "event", "NGA", "--treaty", "ccm", "--kind", "deposit", "--date", "today",
         "--source", "untc-xxvi-6"),
        ("record", "event", "IDN", "--treaty", "ccm", "--kind", "signature", "--date", "today",
         "--source", "untc-xxvi-6"),
        ("record", "survey", "IDN", "--date", "today", "--position", "opposed", "--source",
         "no-such-source"),
        ("record", "meeting", "13msp", "--start", "2025-09-16", "--end", "2025-09-19", "--city",
         "Geneva", "--country", "CHE", "--source", "untc-xxvi-6"),
        ("remove", "source", "untc-xxvi-6"),
        ("amend", "meeting", "13msp", "--end", "2025-09-01"),
    ]  # fmt: skip
    for args in refused:
        result = rec(runner, data_copy, *args)
        assert result.exit_code in (1, 2), (args, result.stderr)
        assert tree_digest(data_copy) == before, args


# --- CONTRIBUTING's walk-through runs as written -------------------------------------------------

WALKTHROUGH = (
    "Record a bilateral meeting",
    "Record a survey answer",
    "Record a deposit",
    "Record an activity's progress",
    "Correct a mistake",
)


def walkthrough_commands() -> list[list[str]]:
    """The ccmctl commands of CONTRIBUTING.md's walk-through, as argument lists (the ones
    that read or write spreadsheets in the working folder left out)."""
    import re
    import shlex

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    out = []
    for title in WALKTHROUGH:
        section = text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
        for block in re.findall(r"```sh\n(.*?)```", section, re.S):
            for line in block.replace("\\\n", " ").splitlines():
                line = re.sub(r"\s+#\s.*$", "", line).strip()
                if line.startswith("ccmctl ") and "survey-2027" not in line:
                    out.append(shlex.split(line)[1:])
    return out


def test_the_contributing_walkthrough_runs_on_a_copy_of_data(runner, data_copy):
    commands = walkthrough_commands()
    kinds = {tuple(c[:2]) for c in commands}
    expected = {
        ("record", "engagement"),
        ("record", "survey"),
        ("record", "event"),
        ("record", "status"),
        ("amend", "engagement"),
        ("remove", "engagement"),
    }
    assert expected <= kinds
    # the sources its examples cite, as synthetic entries of the copy
    for sid in ("isu-12msp-progress-report", "isu-14msp", "isu-3rc-final-report",
                "untc-cn-2026-515"):  # fmt: skip
        assert rec(runner, data_copy, "record", "source", sid, "--title",
                   "Synthetic test source", "--accessed", "today").exit_code == 0  # fmt: skip
    for args in commands:
        result = rec(runner, data_copy, *args)
        assert result.exit_code == 0, (args, result.stderr)
    assert rec(runner, data_copy, "validate").exit_code == 0


def test_amend_an_items_due_and_a_meetings_presidency(runner, fixture_copy):
    item = "universalization-2023-2024/act-1-bilateral-exchanges"
    assert rec(runner, fixture_copy, "amend", "item", item, "--due", "12msp").exit_code == 0
    assert rec(runner, fixture_copy, "amend", "meeting", "12msp", "--president",
               "Philippines").exit_code == 0  # fmt: skip
    ds = loaded(fixture_copy)
    found = next(i for i in ds.plans["universalization-2023-2024"].items
                 if i.id == "act-1-bilateral-exchanges")  # fmt: skip
    assert found.due is not None and found.due.meeting == "12msp"
    president = ds.meetings["12msp"].president
    assert president is not None and president.state == "PHL"


@pytest.mark.parametrize(
    "iso3, broken",
    [("IDN", b"iso3: IDN\niso3: IDN\n"), ("NGA", b"\x00\xff")],
    ids=["duplicate key", "binary"],
)
def test_a_broken_target_file_is_one_line_and_left_alone(runner, fixture_copy, iso3, broken):
    path = fixture_copy / "states" / f"{iso3}.yaml"
    path.write_bytes(path.read_bytes() + broken)
    before = tree_digest(fixture_copy)
    result = rec(runner, fixture_copy, "record", "engagement", iso3, "--date", "today",
                 "--kind", "other", "--by", "isu", "--summary", "Synthetic")  # fmt: skip
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"states/{iso3}.yaml" in lines[0] and "validate" in lines[0]
    assert tree_digest(fixture_copy) == before
