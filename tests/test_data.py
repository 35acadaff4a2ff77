"""The bundled records themselves: coverage, provenance, and facts that are published."""

from __future__ import annotations

import csv
import datetime as dt

from conftest import DATA, ROOT

from ccmctl.domain import treaty
from ccmctl.reading import read_yaml

D = dt.date
SHARED = ROOT / "provenance" / "reference"  # the reference tables, kept in the repository


def test_every_state_that_can_take_part_has_a_file(real):
    assert len(real.states) == 197
    members = [s for s in real.states.values() if s.un == "member"]
    assert len(members) == 193
    assert {s.iso3 for s in real.states.values() if s.un != "member"} == {
        "VAT",
        "PSE",
        "COK",
        "NIU",
    }


def test_every_state_records_where_its_treaty_status_comes_from(real):
    for s in real.states.values():
        for key in ("ccm", "apmbc", "ccw", "ccw_apii", "ccw_pv"):
            part = getattr(s, key)
            assert part is not None and part.source, f"{s.iso3}.{key} has no source"


def _walk(data, path=()):
    if isinstance(data, dict):
        yield path, data
        for k, v in data.items():
            yield from _walk(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _walk(v, path + (i,))


DATED = ("date", "notified", "submitted", "completed", "deadline")


def test_every_dated_fact_cites_a_source():
    """A mapping holding a date must carry `source` itself or inherit it from its
    parent mapping (a withdrawal's two dates share one source)."""
    files = sorted(DATA.glob("states/*.yaml")) + sorted(DATA.glob("plans/*.yaml"))
    missing = []
    for path in files:
        loaded = read_yaml(path)
        for where, mapping in _walk(loaded.data):
            if (
                any(k in mapping for k in DATED)
                and "source" not in mapping
                and where[-1:] != ("due",)
            ):
                missing.append(f"{path.name}:{loaded.line(where)}")
    assert missing == []


def test_the_depositary_dates_of_published_cases(real):
    assert real.states["NGA"].ccm.consent.date == D(2023, 2, 28)
    assert real.states["TCD"].ccm.consent.date == D(2013, 3, 26)
    assert real.states["IRQ"].ccm.consent.date == D(2013, 5, 14)
    assert real.states["PHL"].ccm.consent.date.year == 2019
    assert real.states["LTU"].ccm.withdrawal.effective == D(2025, 3, 6)


def test_state_parties_are_numbered_as_the_isu_numbers_them(real):
    """Nigeria is State Party No. 111 on the day of its deposit (ISU news item)."""
    order = sorted((s.ccm.consent.date, iso3) for iso3, s in real.states.items() if s.ccm.consent)
    counted = [iso3 for day, iso3 in order if day <= D(2023, 2, 28)]
    assert len(counted) == 111 and counted[-1] == "NGA"


def test_apmbc_matches_the_reference_table(real):
    rows = list(csv.DictReader((SHARED / "apmbc_status.csv").open(encoding="utf-8")))
    for row in rows:
        part = real.states[row["iso3"]].apmbc
        assert part.consent.date.isoformat() == row["consent_date"], row["iso3"]
    parties = {iso3 for iso3, s in real.states.items() if treaty.is_party(s.apmbc, D(2026, 3, 1))}
    assert parties == {r["iso3"] for r in rows} - {"EST", "LVA", "LTU", "FIN", "POL"}


def test_unga_votes_match_the_reference_table(real):
    for row in csv.DictReader((SHARED / "unga_ccm_votes.csv").open(encoding="utf-8")):
        assert real.states[row["iso3"]].unga_votes[int(row["year"])] == row["vote"], row
    for year in (2022, 2023, 2024, 2025):
        assert real.resolutions[year].per_state


def test_2015_votes_match_the_provenance_table_and_the_tally(real):
    codes = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}
    rows = list(csv.DictReader((ROOT / "provenance/unga/votes-2015.csv").open(encoding="utf-8")))
    assert len(rows) == 193  # every UN member; the four others do not vote
    for row in rows:
        assert real.states[row["iso3"]].unga_votes[2015] == codes[row["plenary"]], row
    r = real.resolutions[2015]
    assert r.per_state and (r.tally.yes, r.tally.no, r.tally.abstain) == (139, 2, 40)
    no = sorted(i for i, s in real.states.items() if s.unga_votes.get(2015) == "no")
    assert no == ["RUS", "ZWE"]  # the two the Monitor 2016 names


def test_every_meeting_is_recorded_with_dates(real):
    ids = {f"{n}msp" for n in range(1, 14)} | {"1rc", "2rc", "3rc"}
    assert set(real.meetings) == ids
    assert real.meetings["12msp"].start == D(2024, 9, 10)
    assert real.meetings["7msp"].start == D(2017, 9, 4)
    assert real.meetings["2rc"].parts[0].start == D(2020, 11, 25)


def test_se_asia_is_the_m49_subregion(real):
    members = {iso for iso, s in real.states.items() if real.in_region(s, "se-asia")}
    assert members == {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM"}
    assert {iso for iso, s in real.states.items() if real.in_region(s, "caucasus")} == {
        "ARM",
        "AZE",
        "GEO",
    }
