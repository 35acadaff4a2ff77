"""Checks of the users' own records across a data set: the ids ``ccmctl amend`` and
``ccmctl remove`` find records by are unique in their list, and what an engagement points
to (the plan activity it carries out, the earlier engagement it follows up) exists."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..problems import Problem
from .model_errors import Checked
from .references import Context, suggest


def _ids(f: Checked, path: tuple[Any, ...], records: list[Any]) -> Iterator[Problem]:
    """An id used twice in one list, with the line of its first use."""
    seen: dict[str, tuple[Any, ...]] = {}  # the line only when needed: lines cost a lookup
    for i, rec in enumerate(records):
        if rec.id is None:
            continue
        where = (*path, i, "id")
        if rec.id in seen:
            yield f.problem(
                where,
                f"duplicate id '{rec.id}' (first on line {f.line(seen[rec.id])})",
                hint="ids are unique in their list: ccmctl amend and remove find records by them",
            )
        else:
            seen[rec.id] = where


def record_ids_are_unique(ctx: Context) -> Iterator[Problem]:
    """Engagements, survey answers, obstacles and Article 7 reports of one state, and the
    status entries of one plan item, have distinct ids."""
    for iso3, s in ctx.ds.states.items():
        f = ctx.files[f"states/{iso3}"]
        o = s.outreach
        yield from _ids(f, ("outreach", "engagements"), o.engagements)
        yield from _ids(f, ("outreach", "survey"), o.survey)
        yield from _ids(f, ("outreach", "obstacles"), o.obstacles)
        yield from _ids(f, ("article7",), s.article7)
    for pid, p in ctx.ds.plans.items():
        f = ctx.files[f"plans/{pid}"]
        for i, item in enumerate(p.items):
            yield from _ids(f, ("items", i, "status"), item.status)


def engagements_point_to_what_exists(ctx: Context) -> Iterator[Problem]:
    """An engagement's ``activity`` names a plan and one of its items; its ``follows``
    names an earlier engagement with the same state."""
    for iso3, s in ctx.ds.states.items():
        f = ctx.files[f"states/{iso3}"]
        by_id = {e.id: e for e in s.outreach.engagements if e.id}
        for j, e in enumerate(s.outreach.engagements):
            if e.activity:
                yield from _activity(ctx, f, ("outreach", "engagements", j, "activity"), e.activity)
            if e.follows:
                where = ("outreach", "engagements", j, "follows")
                earlier = by_id.get(e.follows)
                if earlier is None:
                    yield f.problem(
                        where,
                        f"unknown engagement '{e.follows}'",
                        hint=f"follows names an engagement id of {iso3}",
                    )
                elif earlier.date.first_day > e.date.first_day or earlier is e:
                    yield f.problem(
                        where, f"'{e.follows}' ({earlier.date}) is not before this engagement"
                    )


def _activity(ctx: Context, f: Checked, where: tuple[Any, ...], ref: str) -> Iterator[Problem]:
    plan_id, _, item_id = ref.partition(":")
    plan = ctx.ds.plans.get(plan_id)
    if plan is None:
        if plan_id not in ctx.broken:
            yield f.problem(where, f"unknown plan '{plan_id}'", hint="see data/plans/")
        return
    items = [item.id for item in plan.items]
    if item_id not in items:
        yield f.problem(
            where,
            f"plan '{plan_id}' has no item '{item_id}'",
            hint=suggest(item_id, items, f"data/plans/{plan_id}.yaml"),
        )


RECORD_CHECKS: tuple[Callable[[Context], Iterator[Problem]], ...] = (
    record_ids_are_unique,
    engagements_point_to_what_exists,
)
