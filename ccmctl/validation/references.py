"""Checks across records: references to states, bodies, meetings and sources that
exist; votes that add up to their tallies; ids that are not used twice; no
treaty event after the date the record is current to; weights for the target
criteria that exist. Each check is one function of the :class:`Context` that
yields problems.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import schema as m
from ..dataset import Dataset
from ..problems import Problem
from .model_errors import Checked
from .rules import TREATY_KEYS

MAX_SAME_UNKNOWN = 3
SOURCE_KEYS = ("source", "region_source")
PROSE_KEYS = frozenset({"note", "notes", "summary", "outcome", "solution"})
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")

Where = tuple[Checked, tuple[Any, ...]]


def suggest(value: str, known: Iterable[str], where: str) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else f"add it to {where}"


@dataclass
class Context:
    """What the cross-record checks share: the indexed records, each file as
    validated, and the references gathered while reading."""

    ds: Dataset
    files: dict[str, Checked]
    """Validated files by key: ``sources.yaml``, ``states/IDN``, ``plans/lap``."""
    broken: set[str]
    """Ids of records that exist but failed validation: never "unknown" elsewhere."""
    source_refs: list[tuple[Checked, tuple[Any, ...], list[Any]]]
    mentioned: set[str]
    """Slug-like words in notes (a note may name a source it relies on)."""
    unreadable: bool
    state_errors: bool
    """A state file has an error of its own (the tally check then says nothing)."""
    criteria: tuple[str, ...]
    unknown_seen: dict[tuple[str, str], list[Where]] = field(default_factory=dict)

    def unknown(
        self, f: Checked, path: tuple[Any, ...], kind: str, value: str, known: Any, where: str
    ) -> Iterator[Problem]:
        """A reference to something that does not exist: at most three lines for the
        same missing id (:func:`unknowns_summarised` counts the rest)."""
        if value in self.broken:
            return
        seen = self.unknown_seen.setdefault((kind, value), [])
        seen.append((f, path))
        if len(seen) <= MAX_SAME_UNKNOWN:
            hint = f"no {where}" if kind == "state" else suggest(value, known, where)
            yield f.problem(path, f"unknown {kind} '{value}'", hint=hint)

    def state(self, f: Checked, path: tuple[Any, ...], iso3: str) -> Iterator[Problem]:
        if iso3 not in self.ds.states:
            yield from self.unknown(
                f, path, "state", iso3, self.ds.states, f"data/states/{iso3}.yaml"
            )

    def actor(self, f: Checked, path: tuple[Any, ...], actor: str) -> Iterator[Problem]:
        if actor.isupper():
            yield from self.state(f, path, actor)
        elif actor not in self.ds.bodies:
            yield from self.unknown(f, path, "body", actor, self.ds.bodies, "data/bodies.yaml")

    def meeting(self, f: Checked, path: tuple[Any, ...], mid: str) -> Iterator[Problem]:
        if mid not in self.ds.meetings:
            yield from self.unknown(f, path, "meeting", mid, self.ds.meetings, "data/meetings.yaml")


def gather_references(
    data: Any,
    path: tuple[Any, ...],
    refs: list[tuple[tuple[Any, ...], list[Any]]],
    mentioned: set[str],
) -> None:
    """One pass over a raw file: every ``source`` value with its path (into ``refs``),
    and every slug-like word in prose fields (into ``mentioned``)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in SOURCE_KEYS and value is not None:
                refs.append((path + (key,), value if isinstance(value, list) else [value]))
            elif key in PROSE_KEYS:
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str) and "-" in text:
                        mentioned.update(_SLUG.findall(text))
            elif isinstance(value, (dict, list)):
                gather_references(value, path + (key,), refs, mentioned)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, (dict, list)):
                gather_references(value, path + (i,), refs, mentioned)


# --- the checks -------------------------------------------------------------------------------


def sources_exist_and_are_cited(ctx: Context) -> Iterator[Problem]:
    """Every cited source is in data/sources.yaml; every source there is cited (or
    named in a note), else a warning."""
    ds = ctx.ds
    if not ds.sources and "sources.yaml" not in ctx.files:
        return
    cited: set[str] = set()
    for f, path, ids in ctx.source_refs:
        cited.update(i for i in ids if isinstance(i, str))
        for i, sid in enumerate(ids):
            if isinstance(sid, str) and sid not in ds.sources:
                where = path + ((i,) if len(ids) > 1 else ())
                yield from ctx.unknown(f, where, "source", sid, ds.sources, "data/sources.yaml")
    catalogue = ctx.files.get("sources.yaml")
    if catalogue is None or ctx.unreadable:  # an unreadable file may cite any source
        return
    for i, sid in enumerate(ds.sources):
        if sid not in cited and sid not in ctx.mentioned:
            yield catalogue.problem(
                ("sources", i, "id"),
                f"source '{sid}' is cited by no record",
                severity="warning",
                hint="remove it, or cite it",
            )


def state_references(ctx: Context) -> Iterator[Problem]:
    """A state's regions, vote years, extension meetings and outreach actors exist."""
    ds = ctx.ds
    for iso3, s in ds.states.items():
        f = ctx.files[f"states/{iso3}"]
        yield from _regions_of(ctx, s, f)
        for vote_year in s.unga_votes:
            if ds.resolutions and vote_year not in ds.resolutions:
                yield f.problem(
                    ("unga_votes", vote_year), f"no resolution for {vote_year} in data/unga.yaml"
                )
        if s.ccm.consent:
            for key in ("article3", "article4"):
                ob = getattr(s, key)
                for j, ext in enumerate(ob.extensions if ob else []):
                    yield from ctx.meeting(f, (key, "extensions", j, "meeting"), ext.meeting)
        out = s.outreach
        for j, a in enumerate(out.coordinators):
            yield from ctx.actor(f, ("outreach", "coordinators", j), a)
        for j, e in enumerate(out.engagements):
            for k, a in enumerate(e.by):
                yield from ctx.actor(f, ("outreach", "engagements", j, "by", k), a)


def _regions_of(ctx: Context, s: m.State, f: Checked) -> Iterator[Problem]:
    regions = ctx.ds.regions
    if not regions:
        return
    for level, key, slug in (
        ("region", "region", s.region),
        ("subregion", "subregion", s.subregion),
        ("intermediate", "intermediate_region", s.intermediate_region),
    ):
        if slug is None:
            continue
        unit = regions.get(slug)
        if unit is None or unit.level != level:
            same_level = [r.slug for r in regions.values() if r.level == level]
            yield f.problem(
                (key,),
                f"unknown {level} '{slug}'",
                hint=suggest(slug, same_level, "data/regions.yaml"),
            )
        elif level == "subregion" and unit.parent != s.region:
            yield f.problem((key,), f"'{slug}' is not in region '{s.region}'")
        elif level == "intermediate" and unit.parent != s.subregion:
            yield f.problem((key,), f"'{slug}' is not in sub-region '{s.subregion}'")


def _treaty_event_days(part: m.Participation) -> Iterator[tuple[tuple[str, ...], dt.date]]:
    if part.signature:
        yield ("signature", "date"), part.signature.date
    if part.consent:
        yield ("consent", "date"), part.consent.date
    if part.withdrawal:
        yield ("withdrawal", "notified"), part.withdrawal.notified
        # the day of effect may lie ahead of current_to: it is scheduled, not an event


def _dated_facts(s: m.State) -> Iterator[tuple[tuple[Any, ...], dt.date | None]]:
    for key in TREATY_KEYS:
        part = getattr(s, key)
        if part is not None:
            for where, day in _treaty_event_days(part):
                yield (key, *where), day
    if s.ccm.consent:
        for key in ("article3", "article4"):
            ob = getattr(s, key)
            if ob is not None:
                yield (key, "completed"), ob.completed
    for j, rep in enumerate(s.article7):
        yield ("article7", j, "submitted"), rep.submitted
    for j, e in enumerate(s.outreach.engagements):
        yield ("outreach", "engagements", j, "date"), e.date
    for j, r in enumerate(s.outreach.survey):
        yield ("outreach", "survey", j, "date"), r.date


def nothing_after_current_to(ctx: Context) -> Iterator[Problem]:
    """No recorded fact is later than the day data/dataset.yaml says the data is
    current to (otherwise a result "as of" that day would already know it)."""
    current_to = ctx.ds.current_to
    if current_to is None:
        return
    for iso3, s in ctx.ds.states.items():
        f = ctx.files[f"states/{iso3}"]
        for path, day in _dated_facts(s):
            yield from _after(f, path, day, current_to)
    for pid, p in ctx.ds.plans.items():
        f = ctx.files[f"plans/{pid}"]
        for i, item in enumerate(p.items):
            for j, st in enumerate(item.status):
                yield from _after(f, ("items", i, "status", j, "date"), st.date, current_to)


def _after(
    f: Checked, path: tuple[Any, ...], day: dt.date | None, current_to: dt.date
) -> Iterator[Problem]:
    if day and day > current_to:
        yield f.problem(
            path,
            f"{day} is after the data's current_to date {current_to}",
            hint="update data/dataset.yaml if the data is newer",
        )


def plan_references(ctx: Context) -> Iterator[Problem]:
    """A plan's parent, meetings, owners and partners exist; item and indicator ids
    are unique in the plan."""
    for pid, p in ctx.ds.plans.items():
        f = ctx.files[f"plans/{pid}"]
        if p.parent and p.parent not in ctx.ds.plans:
            yield f.problem(("parent",), f"unknown plan '{p.parent}'")
        for key in ("adopted_at", "up_to"):
            if getattr(p, key):
                yield from ctx.meeting(f, (key,), getattr(p, key))
        for key in ("owners", "partners"):
            for j, a in enumerate(getattr(p, key)):
                yield from ctx.actor(f, (key, j), a)
        yield from duplicates(f, "items", "item id", [item.id for item in p.items])
        for i, item in enumerate(p.items):
            if item.due and item.due.meeting:
                yield from ctx.meeting(f, ("items", i, "due", "meeting"), item.due.meeting)
            for key in ("owners", "partners"):
                for j, a in enumerate(getattr(item, key)):
                    yield from ctx.actor(f, ("items", i, key, j), a)
        yield from duplicates(f, "indicators", "indicator id", [x.id for x in p.indicators])
        for i, ind in enumerate(p.indicators):
            for key, val in (("from", ind.from_), ("by", ind.by)):
                if isinstance(val, str):
                    yield from ctx.meeting(f, ("indicators", i, key), val)


def duplicates(
    f: Checked, list_key: str, what: str, ids: list[Any], id_key: str = "id"
) -> Iterator[Problem]:
    """An id used twice in one list, with the line of its first use."""
    seen: dict[Any, int] = {}
    for i, key in enumerate(ids):
        path = (list_key, i, id_key)
        if key in seen:
            yield f.problem(path, f"duplicate {what} '{key}' (first on line {seen[key]})")
        else:
            seen[key] = f.line(path)


def meeting_references(ctx: Context) -> Iterator[Problem]:
    """A meeting's host country and presiding state have state files."""
    f = ctx.files.get("meetings.yaml")
    if f is None or not ctx.ds.states:
        return
    for i, mt in enumerate(ctx.ds.meetings.values()):
        yield from ctx.state(f, ("meetings", i, "country"), mt.country)
        if mt.president:
            yield from ctx.state(f, ("meetings", i, "president", "state"), mt.president.state)


def votes_add_up_to_tallies(ctx: Context) -> Iterator[Problem]:
    """A year whose per-state votes are in the state files must add up to its tally,
    so a pull request that changes one vote has to say why the totals differ."""
    f = ctx.files.get("unga.yaml")
    if f is None or not ctx.ds.states or ctx.state_errors:
        return  # a state file with an error already says what is wrong: no second alarm
    for i, r in enumerate(ctx.ds.resolutions.values()):
        if not r.per_state or r.tally is None:
            continue
        counted: Counter[str | None] = Counter(
            s.unga_votes.get(r.year) for s in ctx.ds.states.values()
        )
        keys = [k for k in ("yes", "no", "abstain") if getattr(r.tally, k) is not None]
        if any(counted[k] != getattr(r.tally, k) for k in keys):
            said = ", ".join(f"{getattr(r.tally, k)} {k}" for k in keys)
            found = ", ".join(f"{counted[k]} {k}" for k in keys)
            yield f.problem(
                ("resolutions", i, "tally"),
                f"the {r.year} tally says {said}; the state files record {found}",
            )


def region_references(ctx: Context) -> Iterator[Problem]:
    """A region's parent exists; a named group's members have state files."""
    f = ctx.files.get("regions.yaml")
    if f is None:
        return
    units = list({id(r): r for r in ctx.ds.regions.values()}.values())
    for i, r in enumerate(units):
        if r.parent and r.parent not in ctx.ds.regions:
            yield f.problem(("regions", i, "parent"), f"unknown parent '{r.parent}'")
    if not ctx.ds.states:
        return
    for i, g in enumerate(ctx.ds.groups.values()):
        for j, iso3 in enumerate(g.members):
            yield from ctx.state(f, ("groups", i, "members", j), iso3)


def weights_name_the_criteria(ctx: Context) -> Iterator[Problem]:
    """data/dataset.yaml gives a weight to each target criterion, and to no other."""
    f = ctx.files.get("dataset.yaml")
    info = ctx.ds.info
    if f is None or info is None:
        return
    for key in info.target_weights:
        if key not in ctx.criteria:
            yield f.problem(
                ("target_weights", key),
                f"unknown target criterion '{key}'",
                hint=suggest(key, ctx.criteria, "ccmctl/queries/criteria.py"),
            )
    for key in ctx.criteria:
        if key not in info.target_weights:
            yield f.problem(
                ("target_weights",),
                f"no weight for target criterion '{key}'",
                severity="warning",
                hint="it counts 0 until given one",
            )


def unknowns_summarised(ctx: Context) -> Iterator[Problem]:
    """One line counting the further references to each missing id."""
    for (kind, value), seen in ctx.unknown_seen.items():
        extra = len(seen) - MAX_SAME_UNKNOWN
        if extra > 0:
            f, path = seen[MAX_SAME_UNKNOWN]
            yield f.problem(
                path,
                f"unknown {kind} '{value}' is referenced {extra} more time(s)",
                hint="listed once here; fix the first ones and run validate again",
            )


CHECKS: tuple[Callable[[Context], Iterator[Problem]], ...] = (
    sources_exist_and_are_cited,
    state_references,
    nothing_after_current_to,
    plan_references,
    meeting_references,
    votes_add_up_to_tallies,
    region_references,
    weights_name_the_criteria,
    unknowns_summarised,  # last: it counts what the others found
)


def is_state_file(p: Problem) -> bool:
    return Path(p.file).parent.name == "states"
