"""Verdict: three values, Kleene logic, and never a bool."""

from __future__ import annotations

import copy
import itertools
import pickle

import pytest

from ccmctl.domain.verdict import Verdict

MET, NOT_MET, UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.UNKNOWN
ALL = (MET, NOT_MET, UNKNOWN)


def test_labels_and_json() -> None:
    assert [v.label for v in ALL] == ["met", "not met", "unknown"]
    assert [v.json for v in ALL] == [True, False, None]


def test_of() -> None:
    assert Verdict.of(True) is MET
    assert Verdict.of(False) is NOT_MET
    assert Verdict.of(None) is UNKNOWN
    for wrong in (0, 1, "yes", MET):
        with pytest.raises(TypeError):
            Verdict.of(wrong)  # type: ignore[arg-type]


def test_json_round_trips_through_of() -> None:
    for v in ALL:
        assert Verdict.of(v.json) is v


def test_not_a_bool() -> None:
    with pytest.raises(TypeError, match=r"a Verdict is not a bool: compare with Verdict\.MET"):
        bool(UNKNOWN)
    for v in ALL:
        with pytest.raises(TypeError):
            if v:  # the mistake this guards against
                pass
    with pytest.raises(TypeError):
        _ = NOT_MET or MET
    with pytest.raises(TypeError):
        _ = not MET


def test_still_an_ordinary_enum_member() -> None:
    """Refusing bool() must not break equality, hashing, membership, copying, pickling."""
    assert MET == Verdict("met") and MET != UNKNOWN
    assert UNKNOWN in {MET, UNKNOWN} and UNKNOWN in [NOT_MET, UNKNOWN]
    assert {MET: 1}[MET] == 1
    assert copy.deepcopy(NOT_MET) is NOT_MET
    assert pickle.loads(pickle.dumps(UNKNOWN)) is UNKNOWN
    assert list(Verdict) == [MET, NOT_MET, UNKNOWN]


def test_invert() -> None:
    assert ~MET is NOT_MET
    assert ~NOT_MET is MET
    assert ~UNKNOWN is UNKNOWN


def _kleene_and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _kleene_or(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


@pytest.mark.parametrize(("a", "b"), list(itertools.product(ALL, repeat=2)))
def test_all_of_and_any_of_pairs(a: Verdict, b: Verdict) -> None:
    assert Verdict.all_of([a, b]) is Verdict.of(_kleene_and(a.json, b.json))
    assert Verdict.any_of([a, b]) is Verdict.of(_kleene_or(a.json, b.json))


def test_de_morgan() -> None:
    for items in itertools.product(ALL, repeat=3):
        assert ~Verdict.all_of(items) is Verdict.any_of(~v for v in items)
        assert ~Verdict.any_of(items) is Verdict.all_of(~v for v in items)


def test_empty_and_generators() -> None:
    assert Verdict.all_of([]) is MET
    assert Verdict.any_of([]) is NOT_MET
    assert Verdict.all_of(v for v in (MET, UNKNOWN, MET)) is UNKNOWN
    assert Verdict.any_of(iter((NOT_MET, UNKNOWN))) is UNKNOWN


def test_unknown_is_not_no() -> None:
    """The point of it all: an unknown never decides like a 'no' would."""
    assert Verdict.all_of([MET, UNKNOWN]) is UNKNOWN  # not NOT_MET
    assert Verdict.any_of([NOT_MET, UNKNOWN]) is UNKNOWN  # not NOT_MET


def test_combinators_reject_bools() -> None:
    with pytest.raises(TypeError, match="Verdict.of"):
        Verdict.all_of([MET, True])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="Verdict.of"):
        Verdict.any_of([None])  # type: ignore[list-item]
