"""Checks across records: references to states, bodies, meetings and sources that
exist; votes that add up to their tallies; ids that are not used twice; no
treaty event after the date the record is current to; weights for the target
criteria that exist. Each check is one function of the :class:`Context` that
yields problems.

Longer than 400 lines because every check here shares the :class:`Context` and its rules
for what not to report (ids of broken records, broken catalogue files, the three-line cap
per unknown id); a split by subject (sources, states, plans) would have to share them too.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import schema as m
from ..dataset import Dataset
from ..domain.dates import MAX_YEAR, MIN_YEAR, PartialDate
from ..problems import Problem
from .model_errors import Checked
from .rules import TREATY_KEYS

MAX_SAME_UNKNOWN = 3
SOURCE_KEYS = ("source", "region_source", "current_to_source")
PROSE_KEYS = frozenset({"note", "notes", "summary", "outcome", "solution"})
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")

Where = tuple[Checked, tuple[Any, ...]]
_CATALOGUE_OF = {"source": "sources.yaml", "meeting": "meetings.yaml", "body": "bodies.yaml"}
"""The catalogue file each kind of reference points into."""


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
    """The source references that name an id the sources catalogue did not have when the
    file was read (catalogues are read first): only those can be unknown."""
    mentioned: set[str]
    """Slug-like words in notes (a note may name a source it relies on)."""
    unreadable: bool
    state_errors: bool
    """A state file has an error of its own (the tally check then says nothing)."""
    criteria: tuple[str, ...]
    unknown_seen: dict[tuple[str, str], list[Where]] = field(default_factory=dict)
    today: dt.date | None = None
    """Today, as the command resolved it; None: dates are not compared with it."""
    broken_files: frozenset[str] = frozenset()
    """Catalogue files that are missing, unreadable or invalid as a whole: a reference
    into one is not called unknown (the file's own error is the root cause, and the
    only one reported)."""
    cited: set[str] = field(default_factory=set)
    """Every source id cited by a ``source`` field of any file."""

    def unknown(
        self, f: Checked, path: tuple[Any, ...], kind: str, value: str, known: Any, where: str
    ) -> Iterator[Problem]:
        """A reference to something that does not exist: at most three lines for the
        same missing id (:func:`unknowns_summarised` counts the rest)."""
        if value in self.broken or _CATALOGUE_OF.get(kind) in self.broken_files:
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
    and every slug-like word in prose fields (into ``mentioned``), except a record's own
    id: a source whose note names itself is not cited by that note."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in SOURCE_KEYS and value is not None:
                refs.append((path + (key,), value if isinstance(value, list) else [value]))
            elif key in PROSE_KEYS:
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str) and "-" in text:
                        words = set(_SLUG.findall(text))
                        own = data.get("id")
                        if isinstance(own, str):  # a broken file's id may be anything
                            words.discard(own)
                        mentioned |= words
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
    cited = ctx.cited
    for f, path, ids in ctx.source_refs:
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


def state_codes_are_iso_3166_codes(ctx: Context) -> Iterator[Problem]:
    """A state file is named by the state's ISO 3166-1 alpha-3 code (CCM Art. 15 opens the
    Convention to all States; ISO 3166 names them): three capitals are not enough (``CON``
    and ``NUL`` are no codes). Said once, where the code matches its file name (else that
    mismatch is the problem); not for a data set that says it is ``synthetic``."""
    from ..domain.iso3166 import ALPHA3

    if ctx.ds.info is not None and ctx.ds.info.synthetic:
        return
    for iso3 in ctx.ds.states:
        f = ctx.files[f"states/{iso3}"]
        if iso3 not in ALPHA3 and Path(f.read.path).stem == iso3:
            yield f.problem(
                ("iso3",),
                f"'{iso3}' is not an ISO 3166-1 alpha-3 code",
                hint="use the code ISO 3166-1 gives the state, e.g. IDN for Indonesia",
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
            actor = a if isinstance(a, str) else a.actor
            where = ("outreach", "coordinators", j) + (() if isinstance(a, str) else ("actor",))
            yield from ctx.actor(f, where, actor)
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


def _dated_facts(s: m.State) -> Iterator[tuple[tuple[Any, ...], dt.date | PartialDate | None]]:
    """The treaty record's dated facts: signatures, deposits, notices of withdrawal, and
    the completions of Articles 3 and 4 (what ``current_to`` bounds)."""
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


def _users_records(s: m.State) -> Iterator[tuple[tuple[Any, ...], dt.date | PartialDate | None]]:
    """The users' own dated records of a state: Article 7 reports, engagements, survey
    answers, obstacles (bounded by today, not by ``current_to``)."""
    for j, rep in enumerate(s.article7):
        yield ("article7", j, "submitted"), rep.submitted
    o = s.outreach
    for j, e in enumerate(o.engagements):
        yield ("outreach", "engagements", j, "date"), e.date
    for j, r in enumerate(o.survey):
        yield ("outreach", "survey", j, "date"), r.date
    for j, x in enumerate(o.obstacles):
        yield ("outreach", "obstacles", j, "identified"), x.identified


def nothing_after_current_to(ctx: Context) -> Iterator[Problem]:
    """``current_to`` bounds the treaty record only: it is the day the depositary's record
    was last checked in full. A treaty event after it (the ISU records a deposit on the
    day) is accepted with a warning; the users' own records (outreach, survey, obstacles,
    plan status, Article 7 reports) are not compared with it. Nothing recorded may be
    dated after today (``ctx.today``, resolved by the command), a treaty event included."""
    current_to, today = ctx.ds.current_to, ctx.today
    for iso3, s in ctx.ds.states.items():
        f = ctx.files[f"states/{iso3}"]
        for path, day in _dated_facts(s):
            if not (yield from _after_today(f, path, day, today)):
                yield from _after(f, path, day, current_to)
        for path, day in _users_records(s):
            yield from _after_today(f, path, day, today)
    for pid, p in ctx.ds.plans.items():
        f = ctx.files[f"plans/{pid}"]
        for i, item in enumerate(p.items):
            for j, st in enumerate(item.status):
                yield from _after_today(f, ("items", i, "status", j, "date"), st.date, today)
        for i, ind in enumerate(p.indicators):
            for j, st in enumerate(ind.status):
                yield from _after_today(f, ("indicators", i, "status", j, "date"), st.date, today)


def _first_day(day: dt.date | PartialDate | None) -> dt.date | None:
    return day.first_day if isinstance(day, PartialDate) else day


def _after_today(
    f: Checked, path: tuple[Any, ...], day: dt.date | PartialDate | None, today: dt.date | None
) -> Generator[Problem, None, bool]:
    """An error if ``day`` is after today; returns whether it was. One day of slack: when a
    record is made in Vanuatu (UTC+11) it is already tomorrow for a CI runner on UTC."""
    first = _first_day(day)
    if today is None or first is None or first <= today + dt.timedelta(days=1):
        return False
    yield f.problem(
        path,
        f"{day} is after today ({today})",
        hint="a record says what has happened: date it today or earlier; "
        "a step still to come is an engagement's next_due",
    )
    return True


def _after(
    f: Checked, path: tuple[Any, ...], day: dt.date | PartialDate | None, current_to: dt.date | None
) -> Iterator[Problem]:
    first = _first_day(day)
    if current_to is not None and first and first > current_to:
        yield f.problem(
            path,
            f"{day} is after current_to {current_to}: the treaty record was last checked "
            f"in full on {current_to}",
            severity="warning",
            hint="once the depositary's whole record is checked: "
            "ccmctl record checked --to DAY --source ID",
        )


def plan_references(ctx: Context) -> Iterator[Problem]:
    """A plan's parent, meetings, owners and partners exist; item and indicator ids
    are unique in the plan."""
    for pid, p in ctx.ds.plans.items():
        f = ctx.files[f"plans/{pid}"]
        if p.parent and p.parent not in ctx.ds.plans and p.parent not in ctx.broken:
            yield f.problem(("parent",), f"unknown plan '{p.parent}'")
        for key in ("adopted_at", "up_to"):
            if getattr(p, key):
                yield from ctx.meeting(f, (key,), getattr(p, key))
        for key in ("owners", "partners"):
            for j, a in enumerate(getattr(p, key)):
                yield from ctx.actor(f, (key, j), a)
        yield from duplicates(f, "items", "item id", [item.id for item in p.items])
        item_ids = {item.id for item in p.items}
        for i, item in enumerate(p.items):
            if item.schedules and (item.schedules not in item_ids or item.schedules == item.id):
                yield f.problem(
                    ("items", i, "schedules"),
                    f"'{item.schedules}' is not another activity of this plan",
                    hint=suggest(item.schedules, item_ids, "this plan's items"),
                )
            if item.due and item.due.meeting:
                yield from ctx.meeting(f, ("items", i, "due", "meeting"), item.due.meeting)
            if item.due:
                yield from _months_in_range(f, ("items", i, "due"), item.due)
            for key in ("owners", "partners"):
                for j, a in enumerate(getattr(item, key)):
                    yield from ctx.actor(f, ("items", i, key, j), a)
        yield from duplicates(f, "indicators", "indicator id", [x.id for x in p.indicators])
        for i, ind in enumerate(p.indicators):
            for key, val in (("from", ind.from_), ("by", ind.by)):
                if isinstance(val, str):
                    yield from ctx.meeting(f, ("indicators", i, key), val)


def _months_in_range(f: Checked, path: tuple[Any, ...], due: m.Due) -> Iterator[Problem]:
    """A month ('YYYY-MM') is text to the reader, so its year is checked here: outside
    1900..9998 no deadline can be computed from it."""
    for key, value in (("month", due.month), ("from", due.from_), ("until", due.until)):
        if isinstance(value, str) and not MIN_YEAR <= int(value[:4]) <= MAX_YEAR:
            yield f.problem(
                path + (key,),
                f"month '{value}' is outside the years ccmctl computes ({MIN_YEAR}..{MAX_YEAR})",
                hint="check the year",
            )


def plans_have_no_cycle_of_parents(ctx: Context) -> Iterator[Problem]:
    """A plan implements its ``parent`` (a work plan, an action plan): no plan is its own
    parent, nor its own ancestor. One line per cycle, on the first plan of it by id."""
    plans = ctx.ds.plans
    reported: set[str] = set()
    for pid in sorted(plans):
        chain = [pid]
        parent = plans[pid].parent
        while parent is not None and parent in plans and parent not in chain:
            chain.append(parent)
            parent = plans[parent].parent
        if parent is None or parent not in chain:
            continue
        cycle = chain[chain.index(parent) :]
        if pid not in cycle or reported & set(cycle):
            continue
        reported |= set(cycle)
        f = ctx.files[f"plans/{pid}"]
        if len(cycle) == 1:
            yield f.problem(("parent",), f"plan '{pid}' is its own parent", hint="remove parent")
        else:
            shown = " -> ".join([*cycle, pid])
            yield f.problem(
                ("parent",),
                f"plans form a cycle of parents: {shown}",
                hint="a plan implements its parent: one of them names the wrong one",
            )


def duplicates(
    f: Checked, list_key: str, what: str, ids: list[Any], id_key: str = "id"
) -> Iterator[Problem]:
    """An id used twice in one list, with the line of its first use."""
    seen: dict[Any, tuple[Any, ...]] = {}  # the line only when needed
    for i, key in enumerate(ids):
        path = (list_key, i, id_key)
        if key in seen:
            yield f.problem(path, f"duplicate {what} '{key}' (first on line {f.line(seen[key])})")
        else:
            seen[key] = path


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
    so a pull request that changes one vote has to say why the totals differ. The one
    difference accepted is the resolution's ``unattributed`` votes, with their note: as
    many states recorded ``unknown`` as votes the record cannot attribute."""
    f = ctx.files.get("unga.yaml")
    if f is None or not ctx.ds.states or ctx.state_errors:
        return  # a state file with an error already says what is wrong: no second alarm
    for i, r in enumerate(ctx.ds.resolutions.values()):
        if not r.per_state or r.tally is None:
            continue
        votes = {iso3: s.unga_votes.get(r.year) for iso3, s in ctx.ds.states.items()}
        counted: Counter[str | None] = Counter(votes.values())
        unknown = sorted(iso3 for iso3, v in votes.items() if v == "unknown")
        gap = r.unattributed
        keys = [k for k in ("yes", "no", "abstain") if getattr(r.tally, k) is not None]
        expected = {k: getattr(r.tally, k) - (getattr(gap, k) if gap else 0) for k in keys}
        if any(counted[k] != expected[k] for k in keys):
            said = ", ".join(f"{getattr(r.tally, k)} {k}" for k in keys)
            found = ", ".join(f"{counted[k]} {k}" for k in keys)
            if unknown:
                found += f" and {len(unknown)} unknown ({', '.join(unknown)})"
            if gap:
                said += f" less the unattributed {_gap_text(gap)}"
            yield f.problem(
                ("resolutions", i, "tally"),
                f"the {r.year} tally says {said}; the state files record {found}",
                hint="fix the votes, or record the difference in `unattributed` with a note"
                if unknown and not gap
                else None,
            )
        elif gap is None and unknown:
            yield f.problem(
                ("resolutions", i, "tally"),
                f"{len(unknown)} state(s) recorded unknown in {r.year} ({', '.join(unknown)}) "
                "but the tally is complete without them",
                hint="record their votes, or the unattributed votes with a note",
            )
        elif gap is not None and gap.total != len(unknown):
            yield f.problem(
                ("resolutions", i, "unattributed"),
                f"{gap.total} unattributed vote(s) in {r.year}, but {len(unknown)} state(s) "
                "are recorded unknown",
                hint="each unattributed vote is one state recorded `unknown`",
            )


def _gap_text(gap: m.Unattributed) -> str:
    return ", ".join(f"{getattr(gap, k)} {k}" for k in ("yes", "no", "abstain") if getattr(gap, k))


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


def state_names_are_unique(ctx: Context) -> Iterator[Problem]:
    """Each code, name and alias a state is found by (compared as ``show`` compares them:
    case, accents, spaces and punctuation aside) finds one state only. An alias that is
    another state's code, name or alias is an error on the alias; one that only repeats
    the state's own name is a warning."""
    from ..queries.names import name_key

    owner: dict[str, tuple[str, str, tuple[Any, ...]]] = {}

    def where(iso3: str, path: tuple[Any, ...]) -> str:
        f = ctx.files[f"states/{iso3}"]
        return f"{f.read.path}:{f.line(path)}"

    own: list[tuple[str, str, tuple[Any, ...], str]] = []
    for iso3, s in ctx.ds.states.items():
        fields = [("iso3", s.iso3), ("alpha2", s.alpha2), ("m49", s.m49), ("name", s.name)]
        for key, value in fields:
            if value is not None:
                own.append((iso3, name_key(value), (key,), f"{key} '{value}'"))
    for iso3, key, path, what in own:
        first = owner.get(key)
        if first is not None and first[0] != iso3:
            f = ctx.files[f"states/{iso3}"]
            yield f.problem(
                path,
                f"{what} is also the {first[1]} of {first[0]} ({where(first[0], first[2])})",
                hint="codes and names must find one state",
            )
        elif first is None:
            owner[key] = (iso3, what, path)
    for iso3, s in ctx.ds.states.items():
        f = ctx.files[f"states/{iso3}"]
        for j, alias in enumerate(s.aliases):
            key, path = name_key(alias), ("aliases", j)
            first = owner.get(key)
            if first is None:
                owner[key] = (iso3, f"alias '{alias}'", path)
            elif first[0] != iso3:
                yield f.problem(
                    path,
                    f"alias '{alias}' is also the {first[1]} of {first[0]} "
                    f"({where(first[0], first[2])})",
                    hint="an alias must name one state only: remove it from one of them",
                )
            else:
                yield f.problem(
                    path,
                    f"alias '{alias}' is already this state's {first[1]}",
                    severity="warning",
                    hint="remove it: the state is found by it anyway",
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
    state_codes_are_iso_3166_codes,
    state_references,
    nothing_after_current_to,
    plan_references,
    plans_have_no_cycle_of_parents,
    meeting_references,
    votes_add_up_to_tallies,
    region_references,
    weights_name_the_criteria,
    state_names_are_unique,
    unknowns_summarised,  # last: it counts what the others found
)


def is_state_file(p: Problem) -> bool:
    return Path(p.file).parent.name == "states"
