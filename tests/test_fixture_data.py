"""The fixture data set (tests/fixtures/data): valid and canonical, clearly labelled, and
the code paths no record in data/ reaches yet (outreach, survey tally, plan-item status)
tested on it. The numbers below are computed by hand from the fixture's records, so a
data edit in data/ cannot move them. And the bad-input corpus no longer depends on data/.

Only the CLI is used (no internal modules): they are being restructured."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, run

FIXTURE = ROOT / "tests" / "fixtures" / "data"
SYNTHETIC = "fixture-synthetic"


def cli_json(runner, *args: str):
    result = run(runner, *args, "--data", str(FIXTURE), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def fixture_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(FIXTURE, dest)
    return dest


def edit(data: Path, rel: str, old: str, new: str) -> int:
    """Replace the one ``old`` in ``data/rel``; return the line where ``new`` starts."""
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


# --- the fixture itself -----------------------------------------------------------------


def test_fixture_validates_clean_with_no_warnings(runner):
    result = run(runner, "validate", "--strict", "--data", str(FIXTURE))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert re.fullmatch(r"ok: 13 states, 1 plans, 3 meetings, \d+ sources\n", result.stdout)


def test_fixture_is_in_canonical_format(runner):
    result = run(runner, "fmt", "--check", "--data", str(FIXTURE))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_every_fixture_file_says_it_is_a_fixture():
    files = sorted(FIXTURE.rglob("*.yaml"))
    assert len(files) == 6 + 13 + 1
    for path in files:
        assert path.read_text(encoding="utf-8").splitlines()[1].startswith("# TEST FIXTURE"), path


def _records_citing(node, found: list, synthetic: str = SYNTHETIC) -> list:
    if isinstance(node, dict):
        src = node.get("source")
        if src == synthetic or (isinstance(src, list) and synthetic in src):
            found.append(node)
        for value in node.values():
            _records_citing(value, found, synthetic)
    elif isinstance(node, list):
        for value in node:
            _records_citing(value, found, synthetic)
    return found


def test_synthetic_records_are_labelled_and_only_in_the_fixture():
    sources = yaml.safe_load((FIXTURE / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    (synthetic,) = [s for s in sources if s["id"] == SYNTHETIC]
    assert synthetic["title"] == "Synthetic test record — not a real event"
    # every outreach record of the fixture is synthetic (data/ has none), and says so
    for path in sorted((FIXTURE / "states").glob("*.yaml")) + [
        FIXTURE / "plans" / "universalization-2023-2024.yaml"
    ]:
        for record in _records_citing(yaml.safe_load(path.read_text(encoding="utf-8")), []):
            text = record.get("summary") or record.get("note") or ""
            assert text.startswith("Synthetic test record — not a real event"), (path, record)
    # the rule: data/ never holds synthetic records
    for path in sorted(DATA.rglob("*.yaml")):
        assert SYNTHETIC not in path.read_text(encoding="utf-8"), path


# --- status: counts computed by hand from the fixture's 13 states ------------------------
#
# CCM signature / deposit (status_on: party from the deposit day, withdrawn from the day
# the withdrawal takes effect):
#   AND  -          / 2013-04-09 (accession)     CHE 2008-12-03 / 2012-07-17
#   ESP  2008-12-03 / 2009-06-17                  FRA 2008-12-03 / 2009-09-25
#   IDN  2008-12-03 / -                           IRQ 2009-11-12 / 2013-05-14
#   LTU  2008-12-03 / 2011-03-24, withdrawal notified 2024-09-06, effective 2025-03-06
#   MEX  2008-12-03 / 2009-05-06                  MWI 2008-12-03 / 2009-10-07
#   NGA  2009-06-12 / 2023-02-28                  PER 2008-12-03 / 2012-09-26
#   PHL  2008-12-03 / 2019-01-03                  USA -          / -
STATUS_CASES = {
    # everyone but IDN (signed, never ratified) and USA (never signed) has deposited;
    # LTU's withdrawal is not yet notified; NGA deposited ten months before
    "2024-01-01": {
        "party": ["AND", "CHE", "ESP", "FRA", "IRQ", "LTU", "MEX", "MWI", "NGA", "PER", "PHL"],
        "signatory": ["IDN"],
        "not_signed": ["USA"],
        "withdrawn": [],
    },
    # NGA signed in 2009 but deposits only on 2023-02-28
    "2023-01-01": {
        "party": ["AND", "CHE", "ESP", "FRA", "IRQ", "LTU", "MEX", "MWI", "PER", "PHL"],
        "signatory": ["IDN", "NGA"],
        "not_signed": ["USA"],
        "withdrawn": [],
    },
    # LTU's withdrawal takes effect on this very day (Art. 20(3): six months after notice)
    "2025-03-06": {
        "party": ["AND", "CHE", "ESP", "FRA", "IRQ", "MEX", "MWI", "NGA", "PER", "PHL"],
        "signatory": ["IDN"],
        "not_signed": ["USA"],
        "withdrawn": ["LTU"],
    },
    # deposits up to 2011-03-24 only (ESP, FRA, LTU, MEX, MWI); CHE, IRQ, NGA, PER, PHL
    # and IDN had signed; AND (accedes 2013) and USA had not
    "2012-01-01": {
        "party": ["ESP", "FRA", "LTU", "MEX", "MWI"],
        "signatory": ["CHE", "IDN", "IRQ", "NGA", "PER", "PHL"],
        "not_signed": ["AND", "USA"],
        "withdrawn": [],
    },
}


@pytest.mark.parametrize("as_of", sorted(STATUS_CASES))
def test_status_counts_the_fixture_states(runner, as_of):
    expected = STATUS_CASES[as_of]
    out = cli_json(runner, "status", "--as-of", as_of)
    assert out["as_of"] == as_of
    assert out["states"] == expected
    assert out["counts"] == {k: len(v) for k, v in expected.items()}
    assert sum(out["counts"].values()) == 13


# --- outreach: show, targets, report's survey tally ---------------------------------------


def test_show_lists_the_synthetic_engagements(runner):
    out = cli_json(runner, "show", "IDN")
    engagements = out["outreach"]["engagements"]
    assert [(e["date"], e["kind"], e["by"]) for e in engagements] == [
        ("2023-11-21", "bilateral", ["MWI", "isu"]),
        ("2024-05-14", "workshop", ["PER", "cmc"]),
    ]
    assert all(e["source"] == SYNTHETIC for e in engagements)
    assert out["outreach"]["coordinators"] == ["MWI", "PER"]
    assert [s["position"] for s in out["outreach"]["survey"]] == ["in-process"]
    assert len(out["outreach"]["obstacles"]) == 1


def test_a_state_without_outreach_shows_none(runner):
    out = cli_json(runner, "show", "FRA")
    assert not any(out["outreach"].get(k) for k in ("engagements", "survey", "obstacles"))


@pytest.mark.parametrize(
    "as_of, engagement, survey",
    [
        # only the 2023-11-21 exchange has happened; the survey answer comes 2024-02-26
        ("2024-01-01", ("2023-11-21", "bilateral"), None),
        # the latest of the two engagements, and the answer of 2024-02-26
        ("2024-06-01", ("2024-05-14", "workshop"), ("2024-02-26", "in-process")),
    ],
)
def test_targets_show_the_latest_engagement_and_answer(runner, as_of, engagement, survey):
    rows = {r["iso3"]: r for r in cli_json(runner, "targets", "--as-of", as_of)}
    assert set(rows) == {"IDN", "USA"}  # the fixture's only states not party then
    idn = rows["IDN"]
    eng = idn["latest_engagement"]
    assert (eng["date"], eng["kind"]) == engagement
    got = idn["survey"] and (idn["survey"]["date"], idn["survey"]["position"])
    assert got == survey


def survey_section(markdown: str) -> str:
    return markdown.split("## Survey of states not party", 1)[1].split("\n## ", 1)[0]


def test_report_tallies_the_latest_survey_answers(runner):
    # 12MSP opens 2024-09-10: IDN answered in-process (legislative-process, stockpiles) on
    # 2024-02-26, USA opposed (security-defence, alliance-interoperability) on 2024-04-10
    result = run(runner, "report", "12msp", "--include-internal", "--data", str(FIXTURE))
    assert result.exit_code == 0, result.stderr
    section = survey_section(result.stdout)
    assert "2 states not party have answered the survey." in section
    rows = re.findall(r"^\| ([a-z-]+) \| (\d+) \|(?: [^|]* \|)?$", section, re.M)
    assert rows == [
        ("in-process", "1"),
        ("opposed", "1"),
        ("alliance-interoperability", "1"),
        ("legislative-process", "1"),
        ("security-defence", "1"),
        ("stockpiles", "1"),
    ]


def test_report_counts_only_each_states_latest_answer(runner):
    # by 2025-06-01 USA's latest answer (2025-04-10) is no-response, with no reasons
    result = run(
        runner, "report", "12msp", "--as-of", "2025-06-01", "--include-internal",
        "--data", str(FIXTURE),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    section = survey_section(result.stdout)
    assert "2 states not party have answered the survey." in section
    rows = re.findall(r"^\| ([a-z-]+) \| (\d+) \|(?: [^|]* \|)?$", section, re.M)
    assert rows == [
        ("in-process", "1"),
        ("no-response", "1"),
        ("legislative-process", "1"),
        ("stockpiles", "1"),
    ]


# --- plan-item status (synthetic entries) ---------------------------------------------------


@pytest.mark.parametrize(
    "as_of, status, done_on",
    [
        ("2024-03-01", "upcoming", None),  # in progress since 2023-12-12, due 2024-09-30
        ("2024-07-01", "done", "2024-06-28"),  # done before its due day
    ],
)
def test_plan_item_status_drives_its_deadline(runner, as_of, status, done_on):
    rows = cli_json(
        runner, "deadlines", "--as-of", as_of, "--plan", "universalization-2023-2024", "--all"
    )
    (row,) = [r for r in rows if r["item"] == "tl-bilateral-exchanges"]
    assert (row["due"], row["status"], row["done_on"]) == ("2024-09-30", status, done_on)
    assert row["sources"] == [SYNTHETIC]


# --- outreach checks of validate (no record in data/ reaches them) ------------------------


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "    by:\n    - MWI\n    - isu\n",
            "    by:\n    - ZZZ\n    - isu\n",
            "outreach.engagements[0].by[0]: unknown state 'ZZZ' (no data/states/ZZZ.yaml)",
        ),
        (
            "    by:\n    - PER\n    - cmc\n",
            "    by:\n    - PER\n    - cmx\n",
            "outreach.engagements[1].by[1]: unknown body 'cmx' (did you mean 'cmc'?)",
        ),
        (
            "  coordinators:\n  - MWI\n",
            "  coordinators:\n  - MWX\n",
            "outreach.coordinators[0]: unknown state 'MWX' (no data/states/MWX.yaml)",
        ),
        (
            "  - date: 2024-05-14\n",
            "  - date: 2027-05-14\n",
            "outreach.engagements[1].date: 2027-05-14 is after today (2026-11-22) (a record says "
            "what has happened: date it today or earlier; a step still to come is an "
            "engagement's next_due)",
        ),
        (
            "  survey:\n  - date: 2024-02-26\n",
            "  survey:\n  - date: 2027-02-26\n",
            "outreach.survey[0].date: 2027-02-26 is after today (2026-11-22) (a record says "
            "what has happened: date it today or earlier; a step still to come is an "
            "engagement's next_due)",
        ),
        (
            "    position: in-process\n",
            "    position: maybe\n",
            "outreach.survey[0].position: input should be 'considering', 'in-process', "
            "'not-in-position', 'opposed' or 'no-response', got 'maybe'",
        ),
    ],
    ids=[
        "unknown-state-engaging",
        "unknown-body-engaging",
        "unknown-coordinator",
        "engagement-after-today",  # users' records are bounded by today, not current_to
        "survey-after-today",
        "bad-survey-position",
    ],
)
def test_outreach_checks(runner, tmp_path, old, new, message):
    data = fixture_copy(tmp_path)
    line = edit(data, "states/IDN.yaml", old, new)
    # the reported line is the one of the changed key within the edited block
    pairs = zip(old.splitlines(), new.splitlines(), strict=True)
    offset = next(i for i, (a, b) in enumerate(pairs) if a != b)
    result = run(runner, "validate", "--data", str(data))
    assert result.exit_code == 1
    shown = [ln.replace(f"{data}/", "") for ln in result.stderr.splitlines() if ".yaml:" in ln]
    assert shown == [f"states/IDN.yaml:{line + offset}: {message}"]


# --- the corpus does not depend on data/ ----------------------------------------------------


def test_a_source_added_to_data_does_not_change_the_corpus(runner, tmp_path, monkeypatch):
    import conftest
    import test_robustness as robustness

    # a copy of the REAL data, grown by one data edit: a new source, cited by one state
    real = tmp_path / "real"
    shutil.copytree(DATA, real)
    with (real / "sources.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            "- id: zz-added-by-a-data-edit\n"
            "  title: A source added to data/ by a contributor (test)\n"
            "  accessed: 2026-01-15\n"
        )
    edit(
        real,
        "states/IDN.yaml",
        "region_source: m49-iso3166\n",
        "region_source:\n- m49-iso3166\n- zz-added-by-a-data-edit\n",
    )
    grown = run(runner, "validate", "--strict", "--data", str(real))
    assert grown.exit_code == 0, grown.stderr  # a legitimate edit: the real data stays clean

    # were a case a stale copy of a live catalogue (as duplicate-source-id.yaml was: all of
    # data/sources.yaml plus one duplicate), this edit would give it a second line
    live = (DATA / "sources.yaml").read_text(encoding="utf-8")
    stale = live + live[live.index("- id: untc-xxvi-6\n") :].split("\n- id: ", 1)[0] + "\n"
    stale_data = tmp_path / "stale"
    shutil.copytree(real, stale_data)
    (stale_data / "sources.yaml").write_text(stale, encoding="utf-8")
    _, stale_lines, _ = robustness.problems_of(runner, stale_data)
    assert any("unknown source 'zz-added-by-a-data-edit'" in ln for ln in stale_lines)

    # the corpus, with data/ (as the tests see it) being the grown copy, gives its lines
    monkeypatch.setattr(conftest, "DATA", real)
    monkeypatch.setattr(robustness, "DATA", real)
    monkeypatch.setenv("CCMCTL_DATA", str(real))
    wrong = []
    for i, (name, target, expected) in enumerate(robustness.corpus()):
        data = robustness.corpus_case_data(tmp_path / f"case{i}", name, target)
        code, lines, everything = robustness.problems_of(runner, data)
        if code != 1 or lines != [expected] or "Traceback" in everything:
            wrong.append((name, lines))
    assert wrong == []
