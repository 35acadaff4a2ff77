"""``ccmctl survey template|import`` and the tally, and ``ccmctl unga import``: every bad
row reported with its row number, the rest recorded in one write; UNGA votes checked
against the tally before anything is written. Synthetic answers and votes on copies of the
fixture (and, for the issue's "done when", of data/)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import ROOT
from test_record import SYN, loaded, rec, tree_digest

openpyxl = pytest.importorskip("openpyxl")

HEADER = "state,name,date,position,reasons,note,source,visibility\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- the questionnaire ------------------------------------------------------------------------


def test_template_csv_lists_the_states_not_party(runner, fixture_copy, tmp_path):
    out = tmp_path / "q.csv"
    result = rec(runner, fixture_copy, "survey", "template", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == (
        HEADER
        + "IDN,Indonesia,,,,,,internal\n"
        + "LTU,Lithuania,,,,,,internal\n"
        + "USA,United States of America,,,,,,internal\n"
    )


def test_template_xlsx_is_a_workbook_and_byte_stable(runner, fixture_copy, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert rec(runner, fixture_copy, "survey", "template", "-o", str(a)).exit_code == 0
    assert rec(runner, fixture_copy, "survey", "template", "-o", str(b)).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    import zipfile

    core = zipfile.ZipFile(a).read("docProps/core.xml").decode()
    assert core.count("2026-11-22T00:00:00Z") == 2, core  # created and modified: the day, no clock
    wb = openpyxl.load_workbook(a)
    assert wb.sheetnames == ["answers", "read me"]
    rows = [list(r) for r in wb["answers"].iter_rows(values_only=True)]
    assert rows[0] == HEADER.strip().split(",")
    assert [r[0] for r in rows[1:]] == ["IDN", "LTU", "USA"]
    assert wb["answers"].data_validations.dataValidation  # drop-down lists


def test_template_needs_xlsx_or_csv(runner, fixture_copy, tmp_path):
    result = rec(runner, fixture_copy, "survey", "template", "-o", str(tmp_path / "q.ods"))
    assert result.exit_code == 2


# --- importing answers ------------------------------------------------------------------------


def test_bad_rows_are_reported_by_number_and_the_rest_recorded(runner, fixture_copy, tmp_path):
    answers = write(
        tmp_path / "answers.csv",
        HEADER
        + "IDN,Indonesia,2026-11-01,considering,stockpiles;legislative-process,Synthetic,,\n"
        + "LTU,Lithuania,2026-13-01,opposed,,,,\n"
        + "USA,United States of America,,,,,,internal\n"
        + "Atlantis,,2026-11-01,considering,,,,\n"
        + "USA,,2026-11-02,maybe,,,,\n"
        + "NGA,,2026-11-02,opposed,boredom,,,\n"
        + "IDN,,2026-11-03,opposed,,,,\n",
    )
    result = rec(runner, fixture_copy, "survey", "import", str(answers), "--source", SYN)
    assert result.exit_code == 1, result.stderr
    bad = [ln for ln in result.stderr.splitlines() if ln.startswith(str(answers) + ":")]
    assert [ln.split(":")[1] for ln in bad] == ["3", "5", "6", "7", "8"]
    assert "month must be in 1..12" in bad[0]
    assert "no state matches 'Atlantis'" in bad[1]
    assert "position 'maybe' is not one of" in bad[2]
    assert "reason 'boredom' is not one of" in bad[3]
    assert "IDN again (first on row 2)" in bad[4]
    assert "1 answer(s) recorded, 1 state(s) without an answer, 0 already recorded, 5 bad" in (
        result.stderr
    )
    answer = loaded(fixture_copy).states["IDN"].outreach.survey[-1]
    assert (answer.id, answer.position, answer.reasons, answer.source, answer.visibility) == (
        "2026-11-01-survey", "considering", ["stockpiles", "legislative-process"], SYN,
        "internal",
    )  # fmt: skip


def test_an_xlsx_imports_in_one_write_and_again_changes_nothing(runner, fixture_copy, tmp_path):
    template = tmp_path / "q.xlsx"
    assert rec(runner, fixture_copy, "survey", "template", "-o", str(template)).exit_code == 0
    wb = openpyxl.load_workbook(template)
    ws = wb["answers"]
    ws["C2"], ws["D2"], ws["E2"] = "2026-11-02", "in-process", "stockpiles"
    ws["C4"], ws["D4"] = dt.datetime(2026, 10, 1), "opposed"
    ws["E4"], ws["H4"] = "security-defence; alliance-interoperability", "public"
    filled = tmp_path / "answers.xlsx"
    wb.save(filled)
    result = rec(runner, fixture_copy, "survey", "import", str(filled))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("+++ ") == 2  # two files, one write
    ds = loaded(fixture_copy)
    assert ds.states["IDN"].outreach.survey[-1].position == "in-process"
    usa = ds.states["USA"].outreach.survey[-1]
    assert (usa.date, usa.reasons, usa.visibility) == (
        dt.date(2026, 10, 1),
        ["security-defence", "alliance-interoperability"],
        "public",
    )
    before = tree_digest(fixture_copy)
    again = rec(runner, fixture_copy, "survey", "import", str(filled))
    assert again.exit_code == 1 and "no answer to record" in again.stderr
    assert tree_digest(fixture_copy) == before


def test_semicolon_csv_and_dry_run(runner, fixture_copy, tmp_path):
    answers = write(tmp_path / "a.csv", "state;date;position\nIDN;2026-11-02;opposed\n")
    before = tree_digest(fixture_copy)
    result = rec(runner, fixture_copy, "survey", "import", str(answers), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "+    position: opposed" in result.stdout
    assert tree_digest(fixture_copy) == before


def test_a_file_with_only_bad_rows_changes_no_byte(runner, fixture_copy, tmp_path):
    answers = write(tmp_path / "a.csv", HEADER + "IDN,,2027-01-01,opposed,,,,\n")
    before = tree_digest(fixture_copy)
    result = rec(runner, fixture_copy, "survey", "import", str(answers))
    assert result.exit_code == 1
    assert "date 2027-01-01 is after today" in result.stderr
    assert tree_digest(fixture_copy) == before


def test_unreadable_files_are_one_line(runner, fixture_copy, tmp_path):
    broken = tmp_path / "x.xlsx"
    broken.write_bytes(b"not a workbook")
    latin = tmp_path / "l.csv"
    latin.write_bytes("state;date;position\nC\xf4te;2026-01-01;opposed\n".encode("latin-1"))
    for path in (broken, latin, tmp_path / "missing.csv"):
        result = rec(runner, fixture_copy, "survey", "import", str(path))
        assert result.exit_code in (1, 2)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_done_a_survey_spreadsheet_imports_on_a_copy_of_data(runner, data_copy, tmp_path):
    template = tmp_path / "q.xlsx"
    assert rec(runner, data_copy, "survey", "template", "-o", str(template)).exit_code == 0
    wb = openpyxl.load_workbook(template)
    ws = wb["answers"]
    rows = {ws.cell(row=i, column=1).value: i for i in range(2, ws.max_row + 1)}
    assert "IDN" in rows and "NGA" not in rows  # states not party only
    i = rows["IDN"]
    ws.cell(row=i, column=3).value = "2026-11-20"
    ws.cell(row=i, column=4).value = "in-process"
    ws.cell(row=i, column=5).value = "legislative-process"
    filled = tmp_path / "answers.xlsx"
    wb.save(filled)
    result = rec(runner, data_copy, "survey", "import", str(filled))
    assert result.exit_code == 0, result.stderr
    assert rec(runner, data_copy, "validate").exit_code == 0
    tally = json.loads(
        rec(runner, data_copy, "survey", "--include-internal", "--format", "json").stdout
    )
    assert (tally["answered"], tally["positions"]) == (1, {"in-process": 1})
    assert [r["name"] for r in tally["regions"]] == ["Asia"]


# --- the tally --------------------------------------------------------------------------------


def test_survey_tally_by_region_as_json(runner, fixture_copy):
    doc = json.loads(
        rec(runner, fixture_copy, "survey", "--include-internal", "--format", "json").stdout
    )
    # the fixture's latest answers: IDN in-process (2024-02-26), USA no-response (2025-04-10)
    assert doc["positions"] == {"in-process": 1, "no-response": 1}
    assert [(r["name"], r["answered"]) for r in doc["regions"]] == [("Americas", 1), ("Asia", 1)]
    assert doc["left_out"] == 0
    hidden = json.loads(rec(runner, fixture_copy, "survey", "--format", "json").stdout)
    assert (hidden["answered"], hidden["left_out"]) == (0, 2)


# --- UNGA votes -------------------------------------------------------------------------------

FIXTURE_MEMBERS = ("AND", "CHE", "ESP", "FRA", "IDN", "IRQ", "LTU", "MEX", "MWI", "NGA", "PER",
                   "PHL", "USA")  # fmt: skip
UNDL_HEADER = (
    "undl_id,ms_code,ms_name,ms_vote,date,resolution,total_yes,total_no,total_abstentions\n"
)


def undl(votes: dict[str, str], tally: str = "10,1,1", symbol: str = "A/RES/81/40") -> str:
    rows = [f"9,{iso3},{iso3} NAME,{v},2026-12-02,{symbol},{tally}\n" for iso3, v in votes.items()]
    return UNDL_HEADER + "".join(rows)


VOTES = dict.fromkeys(FIXTURE_MEMBERS, "Y") | {"LTU": "A", "PER": "", "USA": "N"}


def unga(runner, data, path, *extra: str):
    return rec(runner, data, "unga", "import", str(path), "--year", "2026", "--resolution",
               "A/RES/81/40", "--date", "2026-12-02", "--source", SYN, *extra)  # fmt: skip


def test_unga_votes_import_and_add_up(runner, fixture_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CCMCTL_TODAY", "2026-12-20")
    other = "9,USA,USA NAME,Y,2026-12-02,A/RES/81/99,1,0,0\n"  # another resolution: passed over
    path = write(tmp_path / "votes.csv", undl(VOTES) + other)
    result = unga(runner, fixture_copy, path, "--record", "9")
    assert result.exit_code == 0, result.stderr
    assert "2026: 10 yes, 1 no, 1 abstain: matches the tally" in result.stderr
    assert "recorded 13 votes of 2026" in result.stderr
    ds = loaded(fixture_copy)
    assert {iso3: s.unga_votes[2026] for iso3, s in ds.states.items()} == (
        dict.fromkeys(FIXTURE_MEMBERS, "yes") | {"LTU": "abstain", "PER": "absent", "USA": "no"}
    )
    r = ds.resolutions[2026]
    assert (r.symbol, r.adopted, r.per_state, r.undl_record) == (
        "A/RES/81/40",
        dt.date(2026, 12, 2),
        True,
        "9",
    )
    assert r.tally is not None and (r.tally.yes, r.tally.no, r.tally.abstain) == (10, 1, 1)
    text = (fixture_copy / "unga.yaml").read_text(encoding="utf-8")
    assert "    'yes': 10\n    'no': 1\n    abstain: 1\n" in text
    assert rec(runner, fixture_copy, "fmt", "--check").exit_code == 0


def test_votes_that_do_not_add_up_change_no_byte(runner, fixture_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CCMCTL_TODAY", "2026-12-20")
    before = tree_digest(fixture_copy)
    path = write(tmp_path / "votes.csv", undl(VOTES, tally="11,1,1"))
    result = unga(runner, fixture_copy, path)
    assert result.exit_code == 1
    assert "the tally says 11 yes, 1 no, 1 abstain; the file's votes count 10 yes, 1 no, 1 " in (
        result.stderr
    )
    assert tree_digest(fixture_copy) == before


def test_a_simple_csv_with_names_and_a_given_tally(runner, fixture_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CCMCTL_TODAY", "2026-12-20")
    path = write(tmp_path / "votes.csv", "state,vote\nIndonesia,yes\nUnited States of America,no\n")
    result = unga(runner, fixture_copy, path, "--tally", "1-1-0")
    assert result.exit_code == 0, result.stderr
    assert "11 UN member(s) have no row" in result.stderr
    ds = loaded(fixture_copy)
    assert (ds.states["IDN"].unga_votes[2026], ds.states["USA"].unga_votes[2026]) == ("yes", "no")


def test_bad_vote_rows_stop_the_whole_import(runner, fixture_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CCMCTL_TODAY", "2026-12-20")
    before = tree_digest(fixture_copy)
    path = write(tmp_path / "v.csv", "state,vote\nIDN,yes\nAtlantis,no\nIDN,no\nMEX,maybe\n")
    result = unga(runner, fixture_copy, path, "--tally", "1-0-0")
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(str(path) + ":")]
    assert [ln.split(":")[1] for ln in lines] == ["3", "4", "5"]
    assert tree_digest(fixture_copy) == before
    no_tally = unga(runner, fixture_copy, write(tmp_path / "w.csv", "state,vote\nIDN,yes\n"))
    assert no_tally.exit_code == 1 and "give --tally YES-NO-ABSTAIN" in no_tally.stderr
    assert tree_digest(fixture_copy) == before


def test_reimporting_the_published_2024_votes_changes_no_byte(runner, data_copy, tmp_path):
    # provenance/reference/unga_ccm_votes.csv: the UN Digital Library's record 4068499 of
    # A/RES/79/58 (2 Dec 2024), 121 in favour, 1 against, 33 abstentions
    votes = ROOT / "provenance" / "reference" / "unga_ccm_votes.csv"
    args = ("unga", "import", "--year", "2024", "--resolution", "A/RES/79/58", "--date",
            "2024-12-02", "--source", "undl-vote-4068499")  # fmt: skip
    before = tree_digest(data_copy)
    result = rec(runner, data_copy, *args[:2], str(votes), *args[2:])
    assert result.exit_code == 0, result.stderr
    assert "2024: 121 yes, 1 no, 33 abstain: matches the tally" in result.stderr
    assert "no change: the record already says so" in result.stderr
    assert tree_digest(data_copy) == before
    # one vote changed: the tally no longer matches, and nothing is written
    lines = votes.read_text(encoding="utf-8").splitlines(keepends=True)
    first_yes = next(i for i, ln in enumerate(lines) if ",A/RES/79/58,yes," in ln)
    changed = [*lines[:first_yes], lines[first_yes].replace(",yes,", ",no,"),
               *lines[first_yes + 1 :]]  # fmt: skip
    edited = write(tmp_path / "edited.csv", "".join(changed))
    refused = rec(runner, data_copy, *args[:2], str(edited), *args[2:])
    assert refused.exit_code == 1
    assert "the tally says 121 yes, 1 no, 33 abstain; the file's votes count 120 yes, 2 no" in (
        refused.stderr
    )
    assert tree_digest(data_copy) == before
