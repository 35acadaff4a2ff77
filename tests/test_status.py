"""`ccmctl status` on the real data, against counts published on published dates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from conftest import run

from ccmctl.queries.status import status

D = dt.date


@pytest.mark.parametrize(
    "on, parties, signatories, withdrawn, published_by",
    [
        (D(2010, 8, 1), 38, None, 0, "the Convention's entry into force: 38 States Parties"),
        (D(2016, 10, 3), 100, 19, 0, "2016-2017 concept note: 100 States Parties, 19 signatories"),
        (D(2023, 2, 28), 111, None, 0, "ISU news: Nigeria is State Party No. 111"),
        (D(2023, 12, 31), 112, 12, 0, "2023-2024 work plan and the depositary: 112 and 12"),
        (D(2025, 3, 6), 111, 12, 1, "Lithuania's withdrawal took effect on 6 March 2025"),
        (D(2025, 9, 5), 112, 12, 1, "Vanuatu acceded on 5 September 2025"),
    ],
)
def test_published_counts(real, on, parties, signatories, withdrawn, published_by):
    result = status(real, on)
    assert result.counts["party"] == parties, published_by
    if signatories is not None:
        assert result.counts["signatory"] == signatories, published_by
    assert result.counts["withdrawn"] == withdrawn
    assert sum(result.counts.values()) == 197


def test_lists_behind_counts(real):
    result = status(real, D(2025, 3, 6))
    assert result.states["withdrawn"] == ["LTU"]
    assert "IDN" in result.states["signatory"] and "NGA" in result.states["party"]
    assert "USA" in result.states["not_signed"]
    assert result.states["party"] == sorted(result.states["party"])


def test_json_contract(runner):
    result = run(runner, "status", "--as-of", "2016-10-03", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2016-10-03"
    assert set(doc["counts"]) == {"party", "signatory", "not_signed", "withdrawn"}
    assert doc["counts"]["party"] == 100 and len(doc["states"]["party"]) == 100
    assert doc["counts"]["signatory"] == 19 and len(doc["states"]["signatory"]) == 19


def test_a_date_beyond_the_data_is_said(runner):
    later = run(runner, "status", "--format", "json")  # today is 2026-11-22 in tests
    assert json.loads(later.stdout)["current_to"] == "2026-02-03"
    assert (
        later.stderr == "note: the data is current to 2026-02-03; later events are not recorded\n"
    )
    assert run(runner, "status", "--as-of", "2026-02-03").stderr == ""


def test_as_of_meeting_and_by_region(runner):
    result = run(runner, "status", "--as-of", "12msp", "--by", "region", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2024-09-10"
    assert sum(g["party"] for g in doc["groups"]) == doc["counts"]["party"] == 112
    assert {g["group"] for g in doc["groups"]} == {
        "africa",
        "americas",
        "asia",
        "europe",
        "oceania",
    }


def test_csv_and_markdown_and_plain(runner):
    out = run(runner, "status", "--as-of", "2016-10-03", "--format", "csv", "--list").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["status"] == "State Party" and rows[0]["count"] == "100"
    assert len(rows[0]["states"].split()) == 100
    md = run(runner, "status", "--as-of", "2016-10-03", "--format", "markdown").stdout
    assert "| State Party | 100 |" in md
    plain = run(runner, "status", "--as-of", "2016-10-03").stdout
    assert "State Party  100" in plain and "\x1b[" not in plain


def test_bad_as_of_is_a_usage_error(runner):
    result = run(runner, "status", "--as-of", "next tuesday")
    assert result.exit_code == 2
    assert "neither a date" in result.stderr and "12msp" in result.stderr
