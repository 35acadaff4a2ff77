"""Converters for option values: a date or a meeting, a duration, a count.

Each is a callable for ``typer.Option(..., parser=X())``: Typer hands it the text from the
command line (or the default, if that is a string), and a bad value exits with status 2 and
``Invalid value for '--option': <message>``. They are not ``click.ParamType`` subclasses:
the Typer this project runs on (0.2x) no longer uses Click and has no ``click_type``.

Typer refuses a Union annotation, so an option using :class:`DateOrMeeting` is annotated
``object`` (or ``object | None``) and narrowed with ``isinstance(value, MeetingRef)``::

    as_of: Annotated[object | None, typer.Option("--as-of", parser=DateOrMeeting(),
                                                  metavar=DateOrMeeting.metavar)] = None
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar, Generic, Literal, NoReturn, TypeVar

import typer

T = TypeVar("T")

Unit = Literal["days", "weeks", "months", "years"]

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(9998, 12, 31)
MAX_YEARS = 100

# [0-9], never \d or str.isdigit: those also take "²" and "٣", which int() then reads.
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MEETING = re.compile(r"([0-9]{1,4})(msp|rc)", re.IGNORECASE)
_DURATION = re.compile(r"(-?[0-9]+)[ \t]*([A-Za-z]*)")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_MAX_DIGITS = 18  # int() of a longer run is pointless, and of a very long one raises

_UNIT_WORDS: dict[str, Unit] = {
    "": "days", "d": "days", "day": "days", "days": "days",
    "w": "weeks", "week": "weeks", "weeks": "weeks",
    "m": "months", "month": "months", "months": "months",
    "y": "years", "year": "years", "years": "years",
}  # fmt: skip
# The most of each unit within MAX_YEARS (100 years of 365.25 days = 36525 days).
_LIMITS: dict[Unit, int] = {"days": 36525, "weeks": 36525 // 7, "months": 12 * MAX_YEARS,
                            "years": MAX_YEARS}  # fmt: skip


def _quoted(value: object) -> str:
    """The value as a message quotes it: on one line, cut if it is long."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Converter(Generic[T]):
    """Shared by the converters: ``name`` says what the value is, ``metavar`` shows in help."""

    name: ClassVar[str]
    metavar: ClassVar[str]

    def __init__(self) -> None:
        # Older Typer (on Click) wraps a parser in click.types.FuncParamType, which reads
        # the callable's __name__: an instance has none of its own.
        self.__name__ = self.name

    def __call__(self, value: object) -> T:
        return self.convert(value)

    def convert(self, value: object) -> T:
        raise NotImplementedError

    def fail(self, message: str) -> NoReturn:
        """Reject the value: Typer reports the message for the option and exits with 2."""
        raise typer.BadParameter(message)


@dataclass(frozen=True, slots=True)
class MeetingRef:
    """A meeting named on the command line (``12msp``, ``2rc``), resolved later against the
    data set's meetings. ``id`` is lower case, without leading zeros."""

    id: str

    def __str__(self) -> str:
        return self.id


class DateOrMeeting(_Converter[dt.date | MeetingRef]):
    """``2016-10-03`` -> ``datetime.date``; ``12msp``, ``2RC`` -> ``MeetingRef("12msp")``,
    ``MeetingRef("2rc")``. Days run from 1900-01-01 to 9998-12-31, the range ccmctl computes."""

    name = "date or meeting"
    metavar = "DATE|MEETING"

    def convert(self, value: object) -> dt.date | MeetingRef:
        if isinstance(value, MeetingRef):
            return value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return self._in_range(value, value.isoformat())
        if not isinstance(value, str):
            self.fail(f"{_quoted(value)} is neither a date (YYYY-MM-DD) nor a meeting id")
        text = value.strip()
        if match := _DATE.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
            if not FIRST_DAY.year <= year <= LAST_DAY.year:
                self._outside(text)
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                self.fail(f"{_quoted(text)} is not a day of the calendar: {exc}")
        if match := _MEETING.fullmatch(text):
            number = int(match.group(1))
            if number == 0:
                self.fail(f"{_quoted(text)}: meetings are numbered from 1")
            return MeetingRef(f"{number}{match.group(2).lower()}")
        self.fail(f"{_quoted(value)} is neither a date (YYYY-MM-DD) nor a meeting id such as 12msp")

    def _in_range(self, day: dt.date, text: str) -> dt.date:
        if not FIRST_DAY <= day <= LAST_DAY:
            self._outside(text)
        return day

    def _outside(self, text: str) -> NoReturn:
        self.fail(
            f"{_quoted(text)} is outside the range ccmctl computes "
            f"({FIRST_DAY.isoformat()}..{LAST_DAY.isoformat()})"
        )


@dataclass(frozen=True, slots=True)
class Span:
    """A length of time in whole days, weeks, months or years: ``Span(6, "weeks")``."""

    count: int
    unit: Unit

    def __post_init__(self) -> None:
        if not isinstance(self.count, int) or isinstance(self.count, bool) or self.count < 1:
            raise ValueError(f"a Span counts at least 1 {self.unit}, not {self.count!r}")
        if self.unit not in _LIMITS:
            raise ValueError(f"a Span is in days, weeks, months or years, not {self.unit!r}")

    def end(self, start: dt.date) -> dt.date:
        """The day ``start`` plus this span. Months and years keep the day of the month where
        that month has it, else take its last day: 31 January + 1 month = 28 (or 29) February,
        29 February 2016 + 1 year = 28 February 2017. Raises ``OverflowError`` past 9999."""
        try:
            if self.unit == "days":
                return start + dt.timedelta(days=self.count)
            if self.unit == "weeks":
                return start + dt.timedelta(weeks=self.count)
            months = self.count if self.unit == "months" else 12 * self.count
            year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
            day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
            return dt.date(year, month0 + 1, day)
        except (OverflowError, ValueError):
            raise OverflowError(
                f"{start.isoformat()} + {self} is after {dt.date.max.isoformat()}"
            ) from None

    def __str__(self) -> str:
        """``"6 weeks"``, ``"1 year"``: :class:`Duration` reads this back."""
        return f"{self.count} {self.unit if self.count != 1 else self.unit[:-1]}"


class Duration(_Converter[Span]):
    """``30`` or ``30d`` days, ``6w`` weeks, ``3m`` months, ``1y`` years -> a :class:`Span`.

    A space may come between number and unit (``6 w``), and units may be written out
    (``6 weeks``, ``1 year``). ASCII digits only; at least 1; at most 100 years."""

    name = "duration"
    metavar = "DURATION"

    def convert(self, value: object) -> Span:
        if isinstance(value, Span):
            return self._within_limit(value, str(value))
        if not isinstance(value, str):
            self._not_a_duration(value)
        text = value.strip()
        match = _DURATION.fullmatch(text)
        if match is None or match.group(2).lower() not in _UNIT_WORDS:
            self._not_a_duration(value)
        digits, unit = match.group(1), _UNIT_WORDS[match.group(2).lower()]
        if len(digits.lstrip("-")) > _MAX_DIGITS:
            self._too_long(text)
        count = int(digits)
        if count < 1:
            self.fail(f"{_quoted(text)} is not a duration of at least 1 day, week, month or year")
        return self._within_limit(Span(count, unit), text)

    def _within_limit(self, span: Span, text: str) -> Span:
        if span.count > _LIMITS[span.unit]:
            self._too_long(text)
        return span

    def _too_long(self, text: str) -> NoReturn:
        self.fail(f"{_quoted(text)} is longer than {MAX_YEARS} years")

    def _not_a_duration(self, value: object) -> NoReturn:
        self.fail(
            f"{_quoted(value)} is not a duration: write days (30 or 30d), weeks (6w), "
            "months (3m) or years (1y)"
        )


class Count(_Converter[int]):
    """A whole number of at least ``minimum`` (1 unless told): ``Count()``, ``Count(0)``."""

    name = "count"
    metavar = "N"

    def __init__(self, minimum: int = 1) -> None:
        if not isinstance(minimum, int) or isinstance(minimum, bool):
            raise TypeError(f"Count(minimum=...) takes an int, not {minimum!r}")
        super().__init__()
        self.minimum = minimum

    def convert(self, value: object) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and _INTEGER.fullmatch(text := value.strip()):
            if len(text.lstrip("+-")) > _MAX_DIGITS:
                self._bad(value)
            number = int(text)
        else:
            self._bad(value)
        if number < self.minimum:
            self._bad(value)
        return number

    def _bad(self, value: object) -> NoReturn:
        self.fail(f"{_quoted(value)} is not a whole number of at least {self.minimum}")

    def __repr__(self) -> str:
        return f"Count(minimum={self.minimum})"
