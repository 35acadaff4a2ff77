"""UNGA votes per state 2015-2019 (provenance/unga/votes-2015-2019.csv), the catalogue of
resolutions 2015-2025, and the tally check with its one explained difference."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter

import pytest
from conftest import ROOT
from test_validate import break_file, error_lines, validate

D = dt.date
TABLE = ROOT / "provenance" / "unga" / "votes-2015-2019.csv"


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_provenance_copy_is_the_reference_table_whole():
    rows = _rows()
    assert len(rows) == 193 * 5
    assert Counter(r["year"] for r in rows) == {str(y): 193 for y in range(2015, 2020)}
    assert [r for r in rows if r["vote"] == "unknown"] == [
        r for r in rows if (r["iso3"], r["year"]) == ("ZWE", "2016")
    ]


def test_every_vote_2015_2019_is_the_tables(real):
    """2016-2019 transcribed; 2015 is the record the project already had (from another
    table, votes-2015.csv), which this one reproduces for all 193 members."""
    for r in _rows():
        assert real.states[r["iso3"]].unga_votes[int(r["year"])] == r["vote"], r


@pytest.mark.parametrize(
    ("iso3", "vote"),
    [("RUS", "no"), ("USA", "abstain"), ("IDN", "yes"), ("PRK", "absent"), ("ZWE", "no")],
)
def test_a_states_2017_vote_is_what_the_table_says(real, iso3, vote):
    row = next(r for r in _rows() if (r["iso3"], r["year"]) == (iso3, "2017"))
    assert row["vote"] == vote
    assert real.states[iso3].unga_votes[2017] == vote


def test_the_catalogue_2016_to_2021(real):
    r = {y: real.resolutions[y] for y in range(2015, 2022)}
    assert [r[y].symbol for y in r] == [
        "A/RES/70/54",
        "A/RES/71/45",
        "A/RES/72/54",
        "A/RES/73/54",
        "A/RES/74/62",
        None,  # 2020: only the First Committee draft A/C.1/75/L.43 is known
        "A/RES/76/47",
    ]
    assert [r[y].adopted for y in r] == [
        D(2015, 12, 7),
        D(2016, 12, 5),
        D(2017, 12, 4),
        D(2018, 12, 5),
        D(2019, 12, 12),
        D(2020, 12, 7),
        None,  # 2021: not found
    ]
    tallies = [(t.yes, t.no, t.abstain) for t in (r[y].tally for y in r) if t]
    assert tallies == [
        (139, 2, 40),
        (141, 2, 39),
        (142, 2, 36),
        (144, 1, 38),
        (144, 1, 38),
        (147, 0, 38),
        (146, 1, 37),
    ]
    assert [y for y in r if r[y].per_state] == [2015, 2016, 2017, 2018, 2019]
    for y in (2016, 2017, 2018, 2019):
        assert "voeten-unga-votes" in r[y].source


def test_2020_and_2021_per_state_votes_stay_unknown(real):
    for y in (2020, 2021):
        assert not real.resolutions[y].per_state
        assert not [s for s in real.states.values() if y in s.unga_votes]


@pytest.mark.parametrize("year", [2015, 2016, 2017, 2018, 2019, 2022, 2023, 2024, 2025])
def test_every_per_state_year_adds_up_to_its_tally(real, year):
    r = real.resolutions[year]
    assert r.per_state and r.tally is not None
    counted = Counter(s.unga_votes.get(year) for s in real.states.values())
    gap = r.unattributed
    for k in ("yes", "no", "abstain"):
        assert counted[k] + (getattr(gap, k) if gap else 0) == getattr(r.tally, k), (year, k)
    assert counted["unknown"] == (gap.total if gap else 0)


def test_zimbabwe_2016_is_unknown_and_the_one_unattributed_vote(real):
    assert real.states["ZWE"].unga_votes[2016] == "unknown"
    assert [i for i, s in real.states.items() if s.unga_votes.get(2016) == "unknown"] == ["ZWE"]
    gap = real.resolutions[2016].unattributed
    assert gap is not None and (gap.yes, gap.no, gap.abstain) == (0, 1, 0)
    assert "Zimbabwe" in gap.note
    assert [y for y, r in real.resolutions.items() if r.unattributed] == [2016]


# --- the tally check passes only because of the note -----------------------------------------

UNATTRIBUTED = "  unattributed:\n    'no': 1\n    note: "


def _drop_unattributed(data) -> None:
    path = data / "unga.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln == "  unattributed:\n")
    assert lines[start + 1] == "    'no': 1\n" and lines[start + 2].startswith("    note: ")
    del lines[start : start + 3]
    path.write_text("".join(lines), encoding="utf-8")


def test_without_its_explanation_the_2016_record_breaks_the_tally(runner, data_copy):
    _drop_unattributed(data_copy)
    result = validate(runner, data_copy)
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert (
        "unga.yaml:" in line
        and ": resolutions[1].tally: the 2016 tally says 141 yes, 2 no, " in line
    )
    assert line.split(": resolutions[1].tally: ", 1)[1].startswith(
        "the 2016 tally says 141 yes, 2 no, 39 abstain; the state files record "
        "141 yes, 1 no, 39 abstain and 1 unknown (ZWE)"
    )
    assert "unattributed" in result.stderr  # the hint says how to explain it


def test_the_explanation_needs_its_note(runner, data_copy):
    path = data_copy / "unga.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(UNATTRIBUTED) + len(UNATTRIBUTED) - len("    note: ")
    end = text.index("\n", start) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = validate(runner, data_copy)
    assert result.exit_code == 1
    assert any("resolutions[1].unattributed.note" in ln for ln in error_lines(result)), (
        result.stderr
    )


def test_the_explanation_covers_that_difference_only(runner, data_copy):
    """Recording Zimbabwe's 2016 vote as "no" while keeping the unattributed vote counts
    the vote twice: an error, like any vote that does not add up."""
    break_file(data_copy, "states/ZWE.yaml", "2016: unknown", "2016: 'no'")
    result = validate(runner, data_copy)
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "the 2016 tally says 141 yes, 2 no, 39 abstain less the unattributed 1 no; " in line
    assert line.endswith("the state files record 141 yes, 2 no, 39 abstain")


def test_an_unknown_vote_without_an_explanation_is_an_error(runner, data_copy):
    """A year whose tally adds up whatever the unknown vote was still needs it explained."""
    break_file(data_copy, "states/ZWE.yaml", "2018: 'no'", "2018: unknown")
    result = validate(runner, data_copy)
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "the 2018 tally says 144 yes, 1 no, 38 abstain; the state files record " in line
    assert "the state files record 144 yes, 0 no, 38 abstain and 1 unknown (ZWE)" in line
    assert "record the difference in `unattributed` with a note" in line


def test_unattributed_votes_must_match_the_unknown_states(runner, data_copy):
    break_file(data_copy, "states/ZWE.yaml", "2016: unknown", "2016: 'no'")
    break_file(data_copy, "states/RUS.yaml", "2016: 'no'", "2016: unknown")
    ok = validate(runner, data_copy)  # the same difference, another state: still adds up
    assert ok.exit_code == 0, ok.stderr
    break_file(data_copy, "states/USA.yaml", "2016: abstain", "2016: unknown")
    result = validate(runner, data_copy)
    assert result.exit_code == 1
    assert any("the 2016 tally says" in ln for ln in error_lines(result)), result.stderr
