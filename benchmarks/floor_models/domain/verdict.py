"""A three-valued result: met, not met, or unknown.

Why not a bool: the data set often does not know a fact (a report never found, a date given
only as "June 2016", a state that never said). An unknown fact is an answer of its own, never
"no": a state whose stockpile destruction date is unknown has not *missed* its deadline, and
a criterion nobody can check must not count against anyone. ``Verdict`` keeps the three
answers apart, combines them by Kleene's three-valued logic (``all_of``, ``any_of``, ``~``),
and refuses to be used as a bool, so that ``if verdict:`` cannot quietly read unknown as no.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import NoReturn


class Verdict(enum.Enum):
    """Whether a rule or a criterion is met on the facts known: met, not met or unknown."""

    MET = "met"
    NOT_MET = "not met"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """The words shown to people: ``"met"``, ``"not met"``, ``"unknown"``."""
        return str(self.value)

    @property
    def json(self) -> bool | None:
        """The JSON value: ``true``, ``false`` or ``null`` (unknown)."""
        if self is Verdict.MET:
            return True
        if self is Verdict.NOT_MET:
            return False
        return None

    @classmethod
    def of(cls, value: bool | None) -> Verdict:
        """``True`` -> MET, ``False`` -> NOT_MET, ``None`` -> UNKNOWN; anything else is a bug."""
        if value is True:
            return cls.MET
        if value is False:
            return cls.NOT_MET
        if value is None:
            return cls.UNKNOWN
        raise TypeError(f"Verdict.of() takes True, False or None, not {value!r}")

    @classmethod
    def all_of(cls, verdicts: Iterable[Verdict]) -> Verdict:
        """Kleene AND: NOT_MET if any is not met, else UNKNOWN if any is unknown, else MET.

        The empty conjunction is MET, as ``all([])`` is ``True``.
        """
        result = cls.MET
        for verdict in verdicts:
            if _checked(verdict) is cls.NOT_MET:
                return cls.NOT_MET
            if verdict is cls.UNKNOWN:
                result = cls.UNKNOWN
        return result

    @classmethod
    def any_of(cls, verdicts: Iterable[Verdict]) -> Verdict:
        """Kleene OR: MET if any is met, else UNKNOWN if any is unknown, else NOT_MET.

        The empty disjunction is NOT_MET, as ``any([])`` is ``False``.
        """
        result = cls.NOT_MET
        for verdict in verdicts:
            if _checked(verdict) is cls.MET:
                return cls.MET
            if verdict is cls.UNKNOWN:
                result = cls.UNKNOWN
        return result

    def __invert__(self) -> Verdict:
        """Kleene NOT: MET <-> NOT_MET; the negation of unknown is still unknown."""
        if self is Verdict.MET:
            return Verdict.NOT_MET
        if self is Verdict.NOT_MET:
            return Verdict.MET
        return Verdict.UNKNOWN

    def __bool__(self) -> NoReturn:
        raise TypeError("a Verdict is not a bool: compare with Verdict.MET")


def _checked(verdict: object) -> Verdict:
    """The item itself if it is a Verdict: a stray bool or None would be read wrongly."""
    if not isinstance(verdict, Verdict):
        raise TypeError(
            f"expected a Verdict, not {verdict!r}: wrap a bool or None with Verdict.of()"
        )
    return verdict
