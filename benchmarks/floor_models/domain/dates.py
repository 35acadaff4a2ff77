"""Dates known to the day, the month or only the year.

Sources often give only "June 2016" or "2017". A :class:`PartialDate` keeps exactly what is
known and answers questions about a day with a :class:`~ccmctl.domain.verdict.Verdict`:
"was it on or before 1 August 2016?" is UNKNOWN for "August 2016", never a guessed yes or no.

In YAML a day is written ``2016-06-30`` (a date), a month ``2016-06`` (text) and a year
``2017`` (a number); :data:`PartialDateField` reads and writes these forms in Pydantic models.
Years run from 1900 to 9998, so that adding a month or a year to any of them stays within
what ``datetime`` can hold.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from .verdict import Verdict

Precision = Literal["day", "month", "year"]

MIN_YEAR = 1900
MAX_YEAR = 9998

# English names, not calendar.month_name: that one follows the locale.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_RANK: dict[Precision, int] = {"day": 0, "month": 1, "year": 2}
# [0-9], not \d: \d (like str.isdigit) also matches other scripts' digits, such as "٣".
_FORM = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _shown(value: object) -> str:
    """The value as a message quotes it: repr (so on one line), cut if it is long."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _not_a_date(value: object) -> ValueError:
    return ValueError(f"{_shown(value)} is not a date, a month (YYYY-MM) or a year (YYYY)")


def _out_of_range(value: object) -> ValueError:
    return ValueError(
        f"{_shown(value)} is outside the years ccmctl computes ({MIN_YEAR}..{MAX_YEAR})"
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A day, a month or a year: ``month`` and ``day`` are ``None`` where unknown.

    Equality is structural: ``PartialDate(2016, 6)`` (June 2016) is not equal to
    ``PartialDate(2016, 6, 1)``. There is deliberately no ``<``: June 2016 is neither before
    nor after 3 June 2016. Sort with ``key=lambda d: d.sort_key``; compare with a day through
    :meth:`on_or_before`, :meth:`before`, :meth:`after`, :meth:`on_or_after`, :meth:`contains`.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        for part in (self.year, self.month, self.day):
            if part is not None and not _is_int(part):
                raise TypeError(f"PartialDate parts are whole numbers, not {part!r}")
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise _out_of_range(self.year)
        if self.month is None:
            if self.day is not None:
                raise ValueError("a PartialDate with a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1..12")
        if self.day is not None:
            dt.date(self.year, self.month, self.day)  # ValueError for 30 February

    @classmethod
    def parse(cls, value: PartialDate | dt.date | int | str) -> PartialDate:
        """Read a day (``datetime.date`` or ``"YYYY-MM-DD"``), a month (``"YYYY-MM"``) or a
        year (``int`` or ``"YYYY"``). Raises ``ValueError`` with a one-line message otherwise,
        including for ``bool`` (an ``int`` to Python), a ``datetime`` and any other type.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):  # before dt.date: a datetime is a date
            raise ValueError(f"{_shown(value.isoformat())} has a time; write the day only")
        if isinstance(value, dt.date):
            if not MIN_YEAR <= value.year <= MAX_YEAR:
                raise _out_of_range(value.isoformat())
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise _not_a_date(value)
        if isinstance(value, int):
            if not MIN_YEAR <= value <= MAX_YEAR:
                raise _out_of_range(value)
            return cls(value)
        if isinstance(value, str):
            match = _FORM.fullmatch(value)
            if match is None:
                raise _not_a_date(value)
            year, month, day = (None if g is None else int(g) for g in match.groups())
            assert year is not None  # the pattern requires it
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise _out_of_range(value)
            try:
                return cls(year, month, day)
            except ValueError:
                raise _not_a_date(value) from None
        raise _not_a_date(value)

    @property
    def precision(self) -> Precision:
        """``"day"``, ``"month"`` or ``"year"``: how much of the date is known."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def first_day(self) -> dt.date:
        """The earliest day this could be."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest day this could be."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        """Sort by first possible day, then the more precise first (a day, its month, its year)."""
        return (self.first_day, _RANK[self.precision])

    def __str__(self) -> str:
        """As written in YAML: ``2016-06-30``, ``2016-06``, ``2017``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_yaml(self) -> dt.date | str | int:
        """The YAML value: a ``datetime.date`` for a day, ``"YYYY-MM"`` for a month, an ``int``
        for a year. Reading it back with :meth:`parse` gives this date again."""
        if self.month is None:
            return self.year
        if self.day is None:
            return str(self)
        return dt.date(self.year, self.month, self.day)

    def human(self) -> str:
        """For people: ``30 June 2016``, ``June 2016``, ``2017`` (English, whatever the locale)."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTH_NAMES[self.month - 1]} {self.year}"
        return f"{self.day} {MONTH_NAMES[self.month - 1]} {self.year}"

    def on_or_before(self, day: dt.date) -> Verdict:
        """MET if every day this could be is on or before ``day``, NOT_MET if none is."""
        if self.last_day <= day:
            return Verdict.MET
        if self.first_day > day:
            return Verdict.NOT_MET
        return Verdict.UNKNOWN

    def before(self, day: dt.date) -> Verdict:
        """MET if every day this could be is before ``day``, NOT_MET if none is."""
        if self.last_day < day:
            return Verdict.MET
        if self.first_day >= day:
            return Verdict.NOT_MET
        return Verdict.UNKNOWN

    def after(self, day: dt.date) -> Verdict:
        """MET if every day this could be is after ``day``, NOT_MET if none is."""
        if self.first_day > day:
            return Verdict.MET
        if self.last_day <= day:
            return Verdict.NOT_MET
        return Verdict.UNKNOWN

    def on_or_after(self, day: dt.date) -> Verdict:
        """MET if every day this could be is on or after ``day``, NOT_MET if none is."""
        return ~self.before(day)

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` is one of the days this could be."""
        return self.first_day <= day <= self.last_day


def _validate(value: Any) -> PartialDate:
    return PartialDate.parse(value)


PARTIAL_DATE_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])$"},
        {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
    ],
    "description": (
        "A day (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY): "
        "sources often give only the month or the year."
    ),
}

PartialDateField = Annotated[
    PartialDate,
    BeforeValidator(_validate),
    PlainSerializer(PartialDate.to_yaml, return_type=dt.date | str | int, when_used="always"),
    WithJsonSchema(PARTIAL_DATE_JSON_SCHEMA),
]
"""A :class:`PartialDate` in a Pydantic model, strict or not: validated by
:meth:`PartialDate.parse`, dumped as :meth:`PartialDate.to_yaml` (in JSON mode a day becomes
``"YYYY-MM-DD"``), described by :data:`PARTIAL_DATE_JSON_SCHEMA`."""
