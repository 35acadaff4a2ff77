"""The Convention's rules a single state record must follow, one function each.

Each rule takes the validated state and its file (for lines) and yields the
problems it finds; it is named as a person would say the rule and cites the
article. The dates themselves come from :mod:`ccmctl.domain.treaty`: no rule
here computes a treaty date of its own. To add a rule: write the function, add it
to :data:`STATE_RULES`, add a test with one record that breaks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..domain import treaty
from ..problems import Problem
from ..schema import Participation, State
from .model_errors import Checked

TREATY_KEYS = ("ccm", "apmbc", "ccw", "ccw_apii", "ccw_pv")
Rule = Callable[[State, Checked], Iterator[Problem]]


def _parts(s: State) -> Iterator[tuple[str, Participation]]:
    for key in TREATY_KEYS:
        part = getattr(s, key)
        if part is not None:
            yield key, part


def withdrawal_takes_effect_six_months_after_notice(s: State, f: Checked) -> Iterator[Problem]:
    """CCM Art. 20(3) (and the same rule in the other treaties): a withdrawal takes
    effect six months after the depositary receives the notice; a later day is a
    warning, since an armed conflict defers it."""
    for key, part in _parts(s):
        w = part.withdrawal
        if w is None:
            continue
        expected = treaty.withdrawal_effective(w.notified)
        if w.effective != expected:
            yield f.problem(
                (key, "withdrawal", "effective"),
                f"takes effect {w.effective}, not six months after notice ({expected})",
                severity="warning",
                hint="Art. 20(3) allows later effect only during an armed conflict; "
                "say why in a note",
            )


def ratification_needs_signature(s: State, f: Checked) -> Iterator[Problem]:
    """CCM Art. 16(1)-(2) (and APMBC Art. 16): signatories ratify, accept or approve;
    a state that did not sign accedes."""
    for key, part in _parts(s):
        if key not in ("ccm", "apmbc") or part.consent is None:
            continue
        kind = part.consent.kind
        if kind in ("ratification", "acceptance", "approval") and not part.signature:
            yield f.problem(
                (key, "consent", "kind"),
                f"{kind} needs a signature",
                hint="a state that did not sign accedes "
                "(CCM Art. 16(2)); record the signature or change the kind",
            )
        if kind == "accession" and part.signature:
            yield f.problem(
                (key, "consent", "kind"),
                "accession recorded for a state that signed",
                hint="signatories ratify, accept or approve (CCM Art. 16(1))",
            )


def signed_while_open_for_signature(s: State, f: Checked) -> Iterator[Problem]:
    """CCM Art. 15: open for signature from 3 December 2008 until its entry into
    force (1 August 2010); after that, states accede (Art. 16(2))."""
    sig = s.ccm.signature
    if sig is None:
        return
    if sig.date < treaty.OPENED_FOR_SIGNATURE:
        yield f.problem(
            ("ccm", "signature", "date"),
            f"signature {sig.date} is before the Convention opened for "
            f"signature ({treaty.OPENED_FOR_SIGNATURE})",
        )
    elif sig.date >= treaty.ENTRY_INTO_FORCE:
        yield f.problem(
            ("ccm", "signature", "date"),
            f"signature {sig.date} is after the Convention entered into force "
            f"({treaty.ENTRY_INTO_FORCE}); states now accede (Art. 15, 16(2))",
        )


def deposited_after_opening(s: State, f: Checked) -> Iterator[Problem]:
    """CCM Art. 15-16: no instrument can be deposited before the Convention opened."""
    c = s.ccm.consent
    if c and c.date < treaty.OPENED_FOR_SIGNATURE:
        yield f.problem(
            ("ccm", "consent", "date"),
            f"deposit {c.date} is before the Convention opened for signature",
        )


def obligations_only_for_states_that_joined(s: State, f: Checked) -> Iterator[Problem]:
    """Art. 3, 4 and 7 bind States Parties: a state that never deposited has none."""
    if s.ccm.consent:
        return
    for key in ("article3", "article4"):
        if getattr(s, key) is not None:
            yield f.problem(
                (key,), f"{key} obligations recorded for a state that never joined the CCM"
            )
    if s.article7:
        yield f.problem(
            ("article7",), "Article 7 reports recorded for a state that never joined the CCM"
        )


def extensions_extend_the_deadline(s: State, f: Checked) -> Iterator[Problem]:
    """Art. 3(3)-(6) and 4(5)-(8): each extension sets a deadline later than the one it
    extends (the original one of Art. 3(2) or 4(1), then each extension in turn)."""
    if s.ccm.consent is None:
        return
    for key in ("article3", "article4"):
        ob = getattr(s, key)
        if ob is None:
            continue
        previous = treaty.original_deadline(key, s.ccm.consent.date, ob)
        for j, ext in enumerate(ob.extensions):
            if previous and ext.deadline <= previous:
                yield f.problem(
                    (key, "extensions", j, "deadline"),
                    f"extension to {ext.deadline} does not extend the deadline {previous}",
                )
            previous = ext.deadline


STATE_RULES: tuple[Rule, ...] = (
    withdrawal_takes_effect_six_months_after_notice,
    ratification_needs_signature,
    signed_while_open_for_signature,
    deposited_after_opening,
    obligations_only_for_states_that_joined,
    extensions_extend_the_deadline,
)


def check_state(s: State, f: Checked) -> Iterator[Problem]:
    """Every rule of :data:`STATE_RULES` on one state."""
    for rule in STATE_RULES:
        yield from rule(s, f)
