"""PartialDate: a day, a month or a year, and what can be said about it against a day."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, ValidationError

from ccmctl.domain.dates import PartialDate, PartialDateField
from ccmctl.domain.verdict import Verdict

D = dt.date
JUNE = PartialDate(2016, 6)
YEAR = PartialDate(2017)
DAY = PartialDate(2016, 6, 30)


# -- parse -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2016, 6, 30), DAY),
        ("2016-06-30", DAY),
        ("2016-06", JUNE),
        ("2017", YEAR),
        (2017, YEAR),
        (1900, PartialDate(1900)),
        (9998, PartialDate(9998)),
        ("9998-12-31", PartialDate(9998, 12, 31)),
        ("2016-02-29", PartialDate(2016, 2, 29)),
        (JUNE, JUNE),
    ],
)
def test_parse(value: object, expected: PartialDate) -> None:
    assert PartialDate.parse(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        "2016-13",
        "2016-00",
        "2016-6",
        "2016-06-1",
        "2017-02-29",
        "2016-02-30",
        "June 2016",
        "16",
        "",
        " 2016",
        "2016\n",
        "2016-06-30T00:00",
        "20160630",
        "٢٠١٦",  # Arabic-Indic digits: str.isdigit() says yes, we say no
        "２０１６",  # fullwidth digits
        True,
        False,
        None,
        2017.0,
        [2016, 6],
    ],
)
def test_parse_rejects(value: object) -> None:
    with pytest.raises(ValueError, match=r"is not a date, a month \(YYYY-MM\) or a year \(YYYY\)"):
        PartialDate.parse(value)  # type: ignore[arg-type]


def test_parse_message_is_the_documented_one_line() -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse("2016-13")
    assert str(caught.value) == "'2016-13' is not a date, a month (YYYY-MM) or a year (YYYY)"
    with pytest.raises(ValueError) as caught:
        PartialDate.parse("x\n" * 50)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 120


@pytest.mark.parametrize(
    "value", [1899, 9999, 10000, 0, -2016, "1899", "9999", "9999-01", "0001-01-01", D(1899, 12, 31)]
)
def test_parse_rejects_years_out_of_range(value: object) -> None:
    with pytest.raises(ValueError, match=r"outside the years ccmctl computes \(1900\.\.9998\)"):
        PartialDate.parse(value)  # type: ignore[arg-type]


def test_parse_rejects_a_datetime() -> None:
    with pytest.raises(ValueError, match="has a time"):
        PartialDate.parse(dt.datetime(2016, 6, 30, 12, 0))


def test_direct_construction_is_checked_too() -> None:
    with pytest.raises(ValueError):
        PartialDate(2016, 13)
    with pytest.raises(ValueError):
        PartialDate(2016, 2, 30)
    with pytest.raises(ValueError):
        PartialDate(2016, None, 3)
    with pytest.raises(ValueError):
        PartialDate(9999)
    with pytest.raises(TypeError):
        PartialDate(True)
    with pytest.raises(TypeError):
        PartialDate(2016, 6.0)  # type: ignore[arg-type]


def test_frozen_and_hashable() -> None:
    with pytest.raises(AttributeError):
        JUNE.year = 2017  # type: ignore[misc]
    assert len({JUNE, PartialDate(2016, 6), PartialDate(2016, 6, 1)}) == 2
    assert JUNE != PartialDate(2016, 6, 1)
    assert JUNE != D(2016, 6, 1)


# -- what it says ------------------------------------------------------------------------------


def test_precision_and_bounds() -> None:
    def bounds(p: PartialDate) -> tuple[str, dt.date, dt.date]:
        return (p.precision, p.first_day, p.last_day)

    assert bounds(DAY) == ("day", D(2016, 6, 30), D(2016, 6, 30))
    assert bounds(JUNE) == ("month", D(2016, 6, 1), D(2016, 6, 30))
    assert bounds(YEAR) == ("year", D(2017, 1, 1), D(2017, 12, 31))
    assert PartialDate(2016, 2).last_day == D(2016, 2, 29)
    assert PartialDate(2100, 2).last_day == D(2100, 2, 28)
    assert PartialDate(9998).last_day == D(9998, 12, 31)


def test_str_to_yaml_and_human() -> None:
    assert [str(p) for p in (DAY, JUNE, YEAR)] == ["2016-06-30", "2016-06", "2017"]
    assert DAY.to_yaml() == D(2016, 6, 30) and type(DAY.to_yaml()) is D
    assert JUNE.to_yaml() == "2016-06"
    assert YEAR.to_yaml() == 2017 and type(YEAR.to_yaml()) is int
    assert [p.human() for p in (DAY, JUNE, YEAR)] == ["30 June 2016", "June 2016", "2017"]
    assert PartialDate(2016, 6, 3).human() == "3 June 2016"
    assert str(PartialDate(2016, 6, 3)) == "2016-06-03"


def test_human_ignores_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """calendar.month_name follows the locale (juin, Juni): human() must not use it."""
    monkeypatch.setattr(calendar, "month_name", ["", *(f"mois {m}" for m in range(1, 13))])
    monkeypatch.setattr(calendar, "month_abbr", ["", *(f"m{m}" for m in range(1, 13))])
    assert JUNE.human() == "June 2016"
    assert PartialDate(2016, 12, 25).human() == "25 December 2016"


@pytest.mark.parametrize(
    ("method", "day", "expected"),
    [
        # June 2016 against days before, inside, at the edges of and after June
        ("on_or_before", D(2016, 5, 31), Verdict.NOT_MET),
        ("on_or_before", D(2016, 6, 1), Verdict.UNKNOWN),
        ("on_or_before", D(2016, 6, 29), Verdict.UNKNOWN),
        ("on_or_before", D(2016, 6, 30), Verdict.MET),
        ("on_or_before", D(2016, 7, 1), Verdict.MET),
        ("before", D(2016, 6, 1), Verdict.NOT_MET),
        ("before", D(2016, 6, 2), Verdict.UNKNOWN),
        ("before", D(2016, 6, 30), Verdict.UNKNOWN),
        ("before", D(2016, 7, 1), Verdict.MET),
        ("after", D(2016, 5, 31), Verdict.MET),
        ("after", D(2016, 6, 1), Verdict.UNKNOWN),
        ("after", D(2016, 6, 29), Verdict.UNKNOWN),
        ("after", D(2016, 6, 30), Verdict.NOT_MET),
        ("on_or_after", D(2016, 6, 1), Verdict.MET),
        ("on_or_after", D(2016, 6, 2), Verdict.UNKNOWN),
        ("on_or_after", D(2016, 7, 1), Verdict.NOT_MET),
    ],
)
def test_comparisons_of_a_month(method: str, day: dt.date, expected: Verdict) -> None:
    assert getattr(JUNE, method)(day) is expected


def test_a_day_is_never_unknown() -> None:
    assert DAY.on_or_before(D(2016, 6, 30)) is Verdict.MET
    assert DAY.before(D(2016, 6, 30)) is Verdict.NOT_MET
    assert DAY.after(D(2016, 6, 29)) is Verdict.MET
    assert DAY.on_or_after(D(2016, 6, 30)) is Verdict.MET


def test_contains() -> None:
    assert JUNE.contains(D(2016, 6, 1)) and JUNE.contains(D(2016, 6, 30))
    assert not JUNE.contains(D(2016, 5, 31)) and not JUNE.contains(D(2016, 7, 1))
    assert YEAR.contains(D(2017, 12, 31)) and not YEAR.contains(D(2018, 1, 1))
    assert DAY.contains(D(2016, 6, 30)) and not DAY.contains(D(2016, 6, 29))


def test_no_pretend_ordering() -> None:
    with pytest.raises(TypeError):
        _ = JUNE < DAY  # type: ignore[operator]


def test_sort_key() -> None:
    mixed = [YEAR, PartialDate(2016), DAY, JUNE, PartialDate(2016, 6, 1), PartialDate(2016, 1, 1)]
    ordered = sorted(mixed, key=lambda p: p.sort_key)
    assert [str(p) for p in ordered] == [
        "2016-01-01",
        "2016",
        "2016-06-01",
        "2016-06",
        "2016-06-30",
        "2017",
    ]


# -- properties, against a brute-force list of the days each could be --------------------------


def _possible_days(p: PartialDate) -> Iterator[dt.date]:
    months = [p.month] if p.month is not None else range(1, 13)
    for month in months:
        days = [p.day] if p.day is not None else range(1, 32)
        for day in days:
            try:
                yield D(p.year, month, day)
            except ValueError:
                continue


def _reference(p: PartialDate, holds: Callable[[dt.date], bool]) -> Verdict:
    results = {holds(d) for d in _possible_days(p)}
    return Verdict.UNKNOWN if len(results) == 2 else Verdict.of(results.pop())


_days = st.dates(min_value=D(1900, 1, 1), max_value=D(9998, 12, 31))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(_days)
    precision = draw(st.sampled_from(["day", "month", "year"]))
    if precision == "day":
        return PartialDate(day.year, day.month, day.day)
    return PartialDate(day.year, day.month) if precision == "month" else PartialDate(day.year)


@given(partial_dates())
def test_round_trips(p: PartialDate) -> None:
    assert PartialDate.parse(str(p)) == p
    assert PartialDate.parse(p.to_yaml()) == p
    assert p.first_day == min(_possible_days(p))
    assert p.last_day == max(_possible_days(p))


@given(partial_dates(), st.integers(min_value=-400, max_value=400))
def test_comparisons_match_brute_force(p: PartialDate, offset: int) -> None:
    day = D.fromordinal(min(p.first_day.toordinal() + offset, D.max.toordinal()))
    assert p.on_or_before(day) is _reference(p, lambda d: d <= day)
    assert p.before(day) is _reference(p, lambda d: d < day)
    assert p.after(day) is _reference(p, lambda d: d > day)
    assert p.on_or_after(day) is _reference(p, lambda d: d >= day)
    assert p.contains(day) is (day in set(_possible_days(p)))


# -- in a strict Pydantic model ------------------------------------------------------------------


class Event(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    when: PartialDateField
    until: PartialDateField | None = None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2016-06", JUNE), (2017, YEAR), (D(2016, 6, 3), PartialDate(2016, 6, 3)), (JUNE, JUNE)],
)
def test_field_validates(value: object, expected: PartialDate) -> None:
    assert Event(when=value).when == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["2016-6", True, "June 2016", None, 2017.5, "2016-02-30"])
def test_field_rejects_with_the_message(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Event(when=value)  # type: ignore[arg-type]
    (error,) = caught.value.errors()
    assert error["loc"] == ("when",)
    assert "is not a date, a month (YYYY-MM) or a year (YYYY)" in error["msg"]


def test_field_dumps_the_yaml_forms() -> None:
    event = Event(when=JUNE, until=DAY)
    assert event.model_dump() == {"when": "2016-06", "until": D(2016, 6, 30)}
    assert event.model_dump(mode="json") == {"when": "2016-06", "until": "2016-06-30"}
    assert Event(when=YEAR).model_dump(mode="json") == {"when": 2017, "until": None}
    assert Event.model_validate(event.model_dump()) == event
    assert Event.model_validate_json(event.model_dump_json()) == event


def test_field_json_schema() -> None:
    schema = Event.model_json_schema()["properties"]["when"]
    assert schema["anyOf"] == [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])$"},
        {"type": "integer", "minimum": 1900, "maximum": 9998},
    ]
    assert schema["description"]
    assert Event.model_json_schema(mode="serialization")["properties"]["when"] == schema


def test_field_json_schema_agrees_with_the_validator() -> None:
    """On the month form, for years 1900..9998, the schema's pattern and the field agree."""
    import re

    pattern = re.compile(Event.model_json_schema()["properties"]["when"]["anyOf"][1]["pattern"])
    for text in ("2016-01", "2016-12", "1900-01", "9998-12"):
        assert pattern.search(text) and Event(when=text)  # type: ignore[arg-type]
    for text in ("2016-00", "2016-13", "2016-6", "٢٠١٦-06"):
        assert not pattern.search(text)
        with pytest.raises(ValidationError):
            Event(when=text)  # type: ignore[arg-type]
