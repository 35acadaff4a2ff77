"""Every model rule, with a passing and a failing case."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from ccmctl import schema as m

D = dt.date
SRC = "untc-xxvi-6"


def ok(model, data):
    return model.model_validate(data)


def bad(model, data, fragment):
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    assert fragment in str(exc.value)


def test_participation_order():
    sig = {"date": D(2008, 12, 3), "source": SRC}
    ok(
        m.Participation,
        {
            "signature": sig,
            "consent": {"date": D(2009, 1, 1), "kind": "ratification", "source": SRC},
        },
    )
    bad(
        m.Participation,
        {
            "signature": sig,
            "consent": {"date": D(2008, 1, 1), "kind": "ratification", "source": SRC},
        },
        "before signature",
    )


def test_withdrawal_needs_consent_and_follows_it():
    consent = {"date": D(2011, 3, 24), "kind": "ratification", "source": SRC}
    wd = {"notified": D(2024, 9, 6), "effective": D(2025, 3, 6), "source": SRC}
    ok(m.Participation, {"consent": consent, "withdrawal": wd})
    bad(m.Participation, {"withdrawal": wd}, "without a consent")
    bad(
        m.Participation,
        {"consent": {**consent, "date": D(2025, 1, 1)}, "withdrawal": wd},
        "before deposit",
    )
    bad(m.Withdrawal, {**wd, "effective": D(2024, 1, 1)}, "before it was notified")


def test_every_event_needs_a_source():
    bad(m.Event, {"date": D(2010, 1, 1)}, "source")
    bad(m.StatusEntry, {"date": D(2010, 1, 1), "status": "done"}, "source")
    bad(m.Commitment, {"kind": "moratorium", "summary": "x"}, "source")


def test_unknown_field_and_strict_types():
    bad(m.Event, {"date": D(2010, 1, 1), "source": SRC, "sources": SRC}, "Extra inputs")
    bad(m.Event, {"date": "2010-01-01", "source": SRC}, "date")
    bad(m.Commitment, {"kind": "moratorium", "summary": True, "source": SRC}, "string")


def test_consent_kind_is_a_closed_list():
    ok(m.Consent, {"date": D(2010, 1, 1), "kind": "accession", "source": SRC})
    bad(m.Consent, {"date": D(2010, 1, 1), "kind": "adhesion", "source": SRC}, "kind")


def test_facet_needs_source_unless_unknown():
    ok(m.Profile, {"stockpile": {"status": "unknown"}})
    ok(m.Profile, {"stockpile": {"status": "yes", "source": "monitor-cm-2025"}})
    bad(m.Profile, {"stockpile": {"status": "yes"}}, "needs a source")
    bad(m.Profile, {"production": {"status": "yes", "source": "x"}}, "production")


def test_article4_later_contamination_needs_end_of_hostilities():
    ok(m.Article4, {"basis": "4(1)(b)", "hostilities_ended": D(2012, 1, 1), "source": SRC})
    bad(m.Article4, {"basis": "4(1)(b)", "source": SRC}, "hostilities_ended")


def test_annual_report_needs_year():
    ok(m.Report, {"kind": "annual", "year": 2024, "submitted": D(2024, 4, 30), "source": SRC})
    bad(m.Report, {"kind": "annual", "submitted": D(2024, 4, 30), "source": SRC}, "needs its year")


@pytest.mark.parametrize(
    "due",
    [
        {"date": D(2016, 11, 30)},
        {"month": "2017-03"},
        {"from": "2023-12", "until": "2024-09"},
        {"meeting": "12msp"},
    ],
)
def test_due_forms(due):
    ok(m.Due, due)


@pytest.mark.parametrize(
    "due, fragment",
    [
        ({}, "exactly one"),
        ({"date": D(2016, 1, 1), "month": "2016-01"}, "exactly one"),
        ({"from": "2023-12"}, "exactly one"),
        ({"month": "2017-13"}, "month"),
        ({"meeting": "12 MSP"}, "meeting"),
    ],
)
def test_due_errors(due, fragment):
    bad(m.Due, due, fragment)


def test_indicator_needs_a_window_unless_manual():
    base = {"id": "x", "title": "t", "source": SRC}
    ok(m.Indicator, {**base, "metric": "manual"})
    ok(
        m.Indicator,
        {**base, "metric": "new_states_parties", "from": D(2016, 10, 3), "by": "7msp", "target": 8},
    )
    bad(
        m.Indicator,
        {**base, "metric": "new_states_parties", "by": "7msp", "target": 8},
        "needs `from`",
    )
    bad(m.Indicator, {**base, "metric": "states_parties", "target": 130}, "needs `by`")


def test_meeting_id_matches_kind_and_number():
    base = {
        "kind": "msp",
        "number": 7,
        "name": "n",
        "city": "Geneva",
        "country": "CHE",
        "start": D(2017, 9, 4),
        "end": D(2017, 9, 6),
        "source": SRC,
    }
    ok(m.Meeting, {**base, "id": "7msp"})
    bad(m.Meeting, {**base, "id": "8msp"}, "does not match")
    bad(m.Meeting, {**base, "id": "7msp", "end": D(2017, 9, 1)}, "ends before")


def test_iso3_and_slug_forms():
    bad(m.Group, {"slug": "Caucasus", "name": "n", "members": ["ARM"]}, "slug")
    bad(m.Group, {"slug": "caucasus", "name": "n", "members": ["arm"]}, "members")
    bad(m.Group, {"slug": "caucasus", "name": "n", "members": []}, "members")


def _models_in(value, out):  # noqa: ANN001, ANN202
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        out.append(value)
        for name in type(value).model_fields:
            _models_in(getattr(value, name), out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _models_in(v, out)
    elif isinstance(value, dict):
        for v in value.values():
            _models_in(v, out)
    return out


def test_as_json_is_pydantics_own_json_on_every_record():
    """On every state and plan file of the bundled data, and of the fixture set (synthetic
    outreach records): a validated model, its lean record and Pydantic's own JSON agree."""
    from conftest import DATA, FIXTURE

    from ccmctl.reading import read_yaml
    from ccmctl.schema.common import as_json
    from ccmctl.schema.records import Record, to_record

    kinds: set[str] = set()
    for root in (DATA, FIXTURE):
        for folder, model in (("states", m.State), ("plans", m.Plan)):
            for path in sorted((root / folder).glob("*.yaml")):
                validated = model.model_validate(read_yaml(path).data)
                record = to_record(validated)
                assert isinstance(record, Record) and record.model is model
                expected = validated.model_dump(mode="json", exclude_none=True)
                assert as_json(record) == expected, path
                assert as_json(validated) == expected, path
                kinds |= {type(r).__name__ for r in _models_in(validated, [])}
    assert {"State", "Commitment", "Engagement", "Plan", "StatusEntry"} <= kinds, kinds
