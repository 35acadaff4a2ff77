"""`ccmctl validate`: clean on the bundled data; one line with file and line for
each broken input named in the foundation issue; every cross-record check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run

LINE = re.compile(r"^(?P<file>[^:]+\.yaml):(?P<line>\d+): ")


def break_file(data: Path, rel: str, old: str, new: str, count: int = 1) -> Path:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def validate(runner, data: Path, *extra: str):
    return run(runner, "validate", "--data", str(data), *extra)


def error_lines(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if LINE.match(ln)]


def test_bundled_data_is_clean(runner):
    result = run(runner, "validate")
    assert result.exit_code == 0, result.stderr
    assert re.match(r"ok: 197 states, \d+ plans, 16 meetings, \d+ sources", result.stdout)


# Each broken input of the issue: (file, old, new, expected path and message fragment)
BROKEN = {
    "malformed YAML": (
        "states/IDN.yaml",
        "name: Indonesia",
        "name: [Indonesia",
        "YAML syntax error",
    ),
    "duplicate key": (
        "states/IDN.yaml",
        "name: Indonesia",
        "name: Indonesia\nname: Indonesie",
        "name: duplicate key 'name' (first on line",
    ),
    "unknown field": (
        "states/IDN.yaml",
        "name: Indonesia",
        "name: Indonesia\nnmae: x",
        "nmae: unknown field 'nmae' (did you mean 'name'?)",
    ),
    "unquoted no": (
        "states/IDN.yaml",
        "2022: 'yes'",
        "2022: no",
        "unga_votes[2022]: unquoted 'no'",
    ),
    "invalid date": (
        "states/IDN.yaml",
        "date: 2008-12-03",
        "date: 2008-02-30",
        "ccm.signature.date: invalid date '2008-02-30'",
    ),
    "deposit before signature": (
        "states/NGA.yaml",
        "date: 2023-02-28",
        "date: 2009-01-01",
        "ccm: deposit (2009-01-01) is before signature (2009-06-12)",
    ),
    "dangling state in plan": (
        "plans/universalization-2023-2024.yaml",
        "owners:\n- MWI",
        "owners:\n- XXX",
        "owners[0]: unknown state 'XXX'",
    ),
    "file name not iso3": (
        "states/IDN.yaml",
        "iso3: IDN",
        "iso3: IDM",
        "iso3: 'IDM' does not match the file name 'IDN.yaml'",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_input_gives_one_line_with_file_and_line(runner, data_copy, case):
    rel, old, new, fragment = BROKEN[case]
    break_file(data_copy, rel, old, new)
    result = validate(runner, data_copy)
    assert result.exit_code == 1
    lines = error_lines(result)
    assert len(lines) == 1, result.stderr
    match = LINE.match(lines[0])
    assert match and match["file"].endswith(rel) and int(match["line"]) >= 1
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_error_line_points_at_the_offending_line(runner, data_copy):
    path = break_file(data_copy, "states/NGA.yaml", "kind: ratification", "kind: ratificaton")
    result = validate(runner, data_copy)
    (line,) = error_lines(result)
    number = int(LINE.match(line)["line"])
    assert path.read_text().splitlines()[number - 1].strip() == "kind: ratificaton"


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"", "empty file"),
        (b"iso3: IDN\nname: Indon\xe9sia\n", "not valid UTF-8"),
    ],
)
def test_empty_and_non_utf8_files(runner, data_copy, content, fragment):
    (data_copy / "states" / "IDN.yaml").write_bytes(content)
    result = validate(runner, data_copy)
    assert result.exit_code == 1
    lines = error_lines(result)
    assert len(lines) == 1 and "states/IDN.yaml:" in lines[0] and fragment in lines[0]


def test_all_problems_in_one_run(runner, data_copy):
    break_file(data_copy, "states/IDN.yaml", "name: Indonesia", "name: Indonesia\nnmae: x")
    break_file(data_copy, "states/NGA.yaml", "kind: ratification", "kind: ratificaton")
    break_file(data_copy, "meetings.yaml", "country: LAO", "country: LAOS")
    result = validate(runner, data_copy)
    files = {LINE.match(ln)["file"].split("data/")[-1] for ln in error_lines(result)}
    assert files == {"states/IDN.yaml", "states/NGA.yaml", "meetings.yaml"}


def test_github_format(runner, data_copy):
    break_file(data_copy, "states/IDN.yaml", "name: Indonesia", "name: Indonesia\nnmae: x")
    result = validate(runner, data_copy, "--format", "github")
    assert result.exit_code == 1
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
    number = (data_copy / "states" / "IDN.yaml").read_text().splitlines().index("nmae: x") + 1
    assert lines == [
        f"::error file={data_copy}/states/IDN.yaml,line={number}::nmae: unknown "
        "field 'nmae' (did you mean 'name'?)"
    ]


def test_auto_format_is_github_under_actions(runner, data_copy, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    break_file(data_copy, "states/IDN.yaml", "name: Indonesia", "name: Indonesia\nnmae: x")
    assert "::error file=" in validate(runner, data_copy).stdout


def test_json_format(runner, data_copy):
    break_file(data_copy, "states/IDN.yaml", "name: Indonesia", "name: Indonesia\nnmae: x")
    result = validate(runner, data_copy, "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["ok"] is False and doc["problems"][0]["path"] == "nmae"
    assert doc["problems"][0]["file"].endswith("states/IDN.yaml")


def test_missing_data_directory_is_a_usage_error(runner, tmp_path):
    result = validate(runner, tmp_path / "nope")
    assert result.exit_code == 2 and "no such data directory" in result.stderr


# --- cross-record checks: one failing case each (the bundled data is the passing case) ---

CROSS = {
    "duplicate source id": (
        "sources.yaml",
        "- id: untc-xxvi-5\n",
        "- id: untc-xxvi-6\n",
        "duplicate source 'untc-xxvi-6'",
    ),
    "unknown source": (
        "states/IDN.yaml",
        "source: untc-xxvi-5",
        "source: untc-xxvi-55",
        "unknown source 'untc-xxvi-55' (did you mean 'untc-xxvi-5'?)",
    ),
    "unknown meeting": (
        "plans/universalization-2016-2017.yaml",
        "up_to: 7msp",
        "up_to: 77msp",
        "unknown meeting '77msp'",
    ),
    "unknown body": (
        "plans/universalization-2023-2024.yaml",
        "- isu\n",
        "- isuu\n",
        "unknown body 'isuu'",
    ),
    "unknown region": (
        "states/IDN.yaml",
        "subregion: south-eastern-asia",
        "subregion: south-east-asia",
        "unknown subregion 'south-east-asia'",
    ),
    "sub-region of another region": (
        "states/IDN.yaml",
        "region: asia",
        "region: europe",
        "'south-eastern-asia' is not in region 'europe'",
    ),
    "ratification without signature": (
        "states/AND.yaml",
        "kind: accession",
        "kind: ratification",
        "ratification needs a signature",
    ),
    "accession by a signatory": (
        "states/NGA.yaml",
        "kind: ratification",
        "kind: accession",
        "accession recorded for a state that signed",
    ),
    "signature after entry into force": (
        "states/IDN.yaml",
        "date: 2008-12-03",
        "date: 2011-01-01",
        "after the Convention entered into force",
    ),
    "event after today": (  # after current_to only: a warning (tests/test_record.py)
        "states/NGA.yaml",
        "date: 2023-02-28",
        "date: 2027-02-28",
        "is after today (2026-11-22)",
    ),
    "vote year without resolution": (
        "states/IDN.yaml",
        "2022: 'yes'",
        "2014: 'yes'",
        "no resolution for 2014",
    ),
    "unknown group member": ("regions.yaml", "- ARM\n", "- ARX\n", "unknown state 'ARX'"),
    "plan file name": ("plans/dap.yaml", "id: dap", "id: dapp", "does not match the file name"),
}


@pytest.mark.parametrize("case", sorted(CROSS))
def test_cross_record_checks(runner, data_copy, case):
    rel, old, new, fragment = CROSS[case]
    break_file(data_copy, rel, old, new)
    result = validate(runner, data_copy)
    assert result.exit_code == 1, case
    assert any(fragment in ln and rel in ln for ln in error_lines(result)), result.stderr


def test_a_vote_that_breaks_the_tally_points_at_the_tally(runner, data_copy):
    break_file(data_copy, "states/RUS.yaml", "2015: 'no'", "2015: 'yes'")
    result = validate(runner, data_copy)
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert line.endswith(
        "unga.yaml:6: resolutions[0].tally: the 2015 tally says 139 yes, 2 no, 40 abstain; "
        "the state files record 140 yes, 1 no, 40 abstain"
    ), line


def test_withdrawal_not_six_months_after_notice_is_a_warning(runner, data_copy):
    break_file(data_copy, "states/LTU.yaml", "effective: 2025-03-06", "effective: 2025-04-06")
    result = validate(runner, data_copy)
    assert result.exit_code == 0
    assert "warning: ccm.withdrawal.effective: takes effect 2025-04-06" in result.stderr
    assert validate(runner, data_copy, "--strict").exit_code == 1


def test_extension_must_extend(runner, data_copy):
    break_file(data_copy, "states/IRQ.yaml", "deadline: 2028-11-01", "deadline: 2020-11-01")
    result = validate(runner, data_copy)
    assert "does not extend the deadline 2023-11-01" in result.stderr


def test_article3_for_a_state_that_never_joined(runner, data_copy):
    path = data_copy / "states" / "USA.yaml"
    path.write_text(path.read_text() + "article3:\n  source: untc-xxvi-6\n")
    result = validate(runner, data_copy)
    assert "article3 obligations recorded for a state that never joined" in result.stderr


def test_unexpected_and_duplicate_files(runner, data_copy):
    (data_copy / "states" / "notes.txt").write_text("x")
    (data_copy / "states" / "IDN2.yaml").write_text((data_copy / "states" / "IDN.yaml").read_text())
    result = validate(runner, data_copy)
    assert "notes.txt: unexpected file" in result.stderr
    assert "duplicate state 'IDN'" in result.stderr


def test_one_bad_catalogue_record_does_not_hide_the_others(runner, data_copy):
    """A broken meeting is reported; the other meetings still resolve, and later
    checks still point at the right lines."""
    break_file(data_copy, "meetings.yaml", "country: LAO", "country: LAOS")
    break_file(data_copy, "meetings.yaml", "country: LBN", "country: XXX")
    result = validate(runner, data_copy)
    lines = error_lines(result)
    assert len(lines) == 2, result.stderr
    text = (data_copy / "meetings.yaml").read_text().splitlines()
    for line in lines:
        number = int(LINE.match(line)["line"])
        assert "country:" in text[number - 1]


def test_a_bad_catalogue_record_does_not_shift_later_lines(runner, fixture_copy):
    """Regression: a catalogue with one invalid record and a later record citing an
    unknown source crashed (the raw index was looked up among the kept records)."""
    path = fixture_copy / "meetings.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  kind: rc\n", "  kind: conference\n", 1)  # first record invalid
    lines = text.split("\n")
    last = max(
        i for i, ln in enumerate(lines) if ln.startswith("  - ") and "source" in lines[i - 1]
    )
    lines[last] = "  - no-such-source"  # the last meeting's first source
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    result = validate(runner, fixture_copy)
    assert result.exit_code == 1
    lines = error_lines(result)
    want = text[: text.index("no-such-source")].count("\n") + 1
    unknown = [ln for ln in lines if "unknown source 'no-such-source'" in ln]
    assert len(unknown) == 1 and f"meetings.yaml:{want}:" in unknown[0], lines
    assert any("kind" in ln for ln in lines), lines


def test_the_listing_can_go_to_a_file(runner, fixture_copy, tmp_path):
    break_file(fixture_copy, "states/IDN.yaml", "name: Indonesia", "name: Indonesia\nnmae: x")
    out = tmp_path / "problems.json"
    result = validate(runner, fixture_copy, "--format", "json", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["ok"] is False and any(p["path"] == "nmae" for p in doc["problems"])
