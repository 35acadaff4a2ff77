"""What each kind of record is, where it lives, and the :class:`~.engine.Change` that adds,
amends or removes one.

Users' records (engagements, survey answers, obstacles, Article 7 reports, plan status
entries) get an ``id`` when recorded: a slug of their date and kind, unique in their list
(``2026-11-22-bilateral``, then ``2026-11-22-bilateral-2``). ``amend`` and ``remove`` find
them by ``STATE/ID`` (``PLAN/ITEM/ID`` for a status), by a bare ``ID`` when only one record
of the kind has it, or by position, ``STATE/#2`` (the second in its list, for records
written before ids existed). Catalogue entries are found by their own id (``14msp``, a
source id, a plan id, ``PLAN/ITEM``); treaty events by ``STATE/TREATY/EVENT``
(``NGA/ccm/deposit``).

Longer than 400 lines because every kind of record is here, each in a few lines, with the
one table (:data:`KINDS`) that the commands, their help and the tests read.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import schema as m
from ..dataset import Dataset
from ..domain import treaty
from ..domain.dates import PartialDate
from .engine import Change, RecordError, Tree
from .tree import child_map, child_seq, drop, find, ids, insert_ordered, new_id, put, slug, value

TREATIES: dict[str, str] = {
    "ccm": "ccm",
    "apmbc": "apmbc",
    "ccw": "ccw",
    "ccw-apii": "ccw_apii",
    "ccw-pv": "ccw_pv",
}
"""Treaty as typed -> key in the state record."""
EVENTS: dict[str, str] = {
    "signature": "signature",
    "deposit": "consent",
    "withdrawal-notice": "withdrawal",
}
"""Event as typed -> key in the participation record."""
EVENT_ALIASES = {"consent": "deposit", "withdrawal": "withdrawal-notice"}


# --- where records live -----------------------------------------------------------------------


def state_file(root: Path, iso3: str) -> Path:
    for suffix in (".yaml", ".yml"):
        path = root / "states" / f"{iso3}{suffix}"
        if path.exists():
            return path
    raise RecordError(f"no state file for {iso3} under {root}/states", 1)


def plan_file(root: Path, plan_id: str) -> Path:
    return root / "plans" / f"{plan_id}.yaml"


@dataclass(frozen=True)
class StateList:
    """A list of users' records inside a state file."""

    kind: str
    parent: str | None
    key: str
    model: type[BaseModel]
    day: str
    """The field that dates a record (lists are kept oldest first)."""

    def container(self, tree: Tree, create: bool) -> Tree | None:
        holder = tree
        if self.parent:
            if self.parent not in tree and not create:
                return None
            holder = child_map(tree, self.parent, m.State)
        if self.key not in holder and not create:
            return None
        return child_seq(holder, self.key, m.Outreach if self.parent else m.State)

    def prune(self, tree: Tree) -> None:
        """Drop the list (and ``outreach``) once emptied."""
        holder = tree[self.parent] if self.parent else tree
        if not holder.get(self.key):
            drop(holder, self.key)
        if self.parent and not tree[self.parent]:
            drop(tree, self.parent)


STATE_LISTS: dict[str, StateList] = {
    "engagement": StateList("engagement", "outreach", "engagements", m.Engagement, "date"),
    "survey": StateList("survey", "outreach", "survey", m.SurveyResponse, "date"),
    "obstacle": StateList("obstacle", "outreach", "obstacles", m.Obstacle, "identified"),
    "report": StateList("report", None, "article7", m.Report, "submitted"),
}


def _day_of(key: str) -> Callable[[Any], Any]:
    return lambda entry: entry.get(key) if hasattr(entry, "get") else None


# --- adding users' records --------------------------------------------------------------------


def add_to_state(root: Path, iso3: str, kind: str, fields: dict[str, Any], id_base: str) -> Change:
    """Add one engagement, survey answer, obstacle or Article 7 report to a state."""
    spec = STATE_LISTS[kind]

    def edit(tree: Tree) -> str:
        seq = spec.container(tree, create=True)
        assert seq is not None
        rid = new_id(id_base, ids(seq))
        insert_ordered(seq, value({"id": rid, **fields}, spec.model), _day_of(spec.day))
        return f"{kind} {rid} of {iso3}"

    return Change(state_file(root, iso3), edit)


def record_id(day: dt.date | PartialDate | int | str | None, kind: str) -> str:
    """A record id made of its date and kind: ``2026-11-22-bilateral``."""
    return slug(f"{day}-{kind}" if day is not None else kind)


def add_status(root: Path, plan_id: str, item_id: str, fields: dict[str, Any]) -> Change:
    """Add a dated status entry to a plan activity (oldest first)."""

    def edit(tree: Tree) -> str:
        item = _item(tree, plan_id, item_id)
        seq = child_seq(item, "status", m.Item)
        rid = new_id(record_id(fields["date"], fields["status"]), ids(seq))
        insert_ordered(seq, value({"id": rid, **fields}, m.StatusEntry), _day_of("date"))
        return f"status {rid} of {plan_id}/{item_id}"

    return Change(plan_file(root, plan_id), edit)


def _item(tree: Tree, plan_id: str, item_id: str) -> Tree:
    items = tree.get("items") or []
    i = find(items, item_id)
    if i is None:
        known = ", ".join(str(x) for x in ids(items)) or "none"
        raise RecordError(f"plan {plan_id} has no item '{item_id}' (items: {known})")
    return items[i]


# --- the treaty record ------------------------------------------------------------------------


def withdrawal_effective(treaty_key: str, notified: dt.date) -> dt.date:
    """CCM Art. 20(3) and APMBC Art. 20(3): six months after the notice; CCW Art. 9 (and
    so its protocols): one year after it."""
    if treaty_key in ("ccm", "apmbc"):
        return treaty.withdrawal_effective(notified)
    return treaty.add_years(notified, 1)


def add_event(
    root: Path,
    iso3: str,
    treaty_key: str,
    event: str,
    fields: dict[str, Any],
) -> Change:
    """Record a signature, a deposit or a notice of withdrawal the depositary announced.
    A deposit's instrument defaults to ratification after a signature, else accession
    (CCM Art. 16); a withdrawal's day of effect is computed unless given."""
    key = EVENTS[event]
    typed = next(k for k, v in TREATIES.items() if v == treaty_key)

    def edit(tree: Tree) -> str:
        part = child_map(tree, treaty_key, m.State)
        if part.get(key):
            when = part[key].get("date") or part[key].get("notified")
            raise RecordError(
                f"{iso3} already has a {event} of {typed} ({when}); to correct it: "
                f"ccmctl amend event {iso3}/{typed}/{event} --date DAY --source ID",
                1,
            )
        record = dict(fields)
        if key == "consent" and not record.get("kind"):
            record["kind"] = "ratification" if part.get("signature") else "accession"
        if key == "withdrawal" and not record.get("effective"):
            record["effective"] = withdrawal_effective(treaty_key, record["notified"])
        put(part, key, record, m.Participation)
        if "source" not in part:
            put(part, "source", fields["source"], m.Participation)
        day = record.get("date") or record.get("notified")
        return f"{event} of {typed} by {iso3} on {day}"

    return Change(state_file(root, iso3), edit)


def set_checked(root: Path, to: dt.date, source: Any) -> Change:
    """Move ``current_to``: the treaty record was checked in full up to ``to``."""

    def edit(tree: Tree) -> str:
        before = tree.get("current_to")
        put(tree, "current_to", to, m.DatasetInfo)
        put(tree, "current_to_source", source, m.DatasetInfo)
        return f"current_to {before} -> {to}"

    return Change(root / "dataset.yaml", edit)


# --- catalogues and plans ---------------------------------------------------------------------


def add_meeting(root: Path, fields: dict[str, Any]) -> Change:
    def edit(tree: Tree) -> str:
        seq = child_seq(tree, "meetings", m.MeetingsFile)
        if find(seq, fields["id"]) is not None:
            raise RecordError(
                f"meeting {fields['id']} is already recorded; to correct it: "
                f"ccmctl amend meeting {fields['id']} --FIELD VALUE",
                1,
            )
        insert_ordered(seq, value(fields, m.Meeting), _day_of("start"))
        return f"meeting {fields['id']}"

    return Change(root / "meetings.yaml", edit)


def add_source(root: Path, fields: dict[str, Any]) -> Change:
    def edit(tree: Tree) -> str:
        seq = child_seq(tree, "sources", m.SourcesFile)
        if find(seq, fields["id"]) is not None:
            raise RecordError(f"source {fields['id']} is already in the catalogue", 1)
        existing = [str(x) for x in ids(seq)]
        node = value(fields, m.Source)
        if existing == sorted(existing):  # keep a sorted catalogue sorted
            seq.insert(sum(1 for x in existing if x < fields["id"]), node)
        else:
            seq.append(node)
        return f"source {fields['id']}"

    return Change(root / "sources.yaml", edit)


def add_plan(root: Path, fields: dict[str, Any]) -> Change:
    path = plan_file(root, fields["id"])

    def edit(tree: Tree) -> str:
        if len(tree):
            raise RecordError(f"plan {fields['id']} already exists ({path})", 1)
        for k, v in value(fields, m.Plan).items():
            tree[k] = v
        return f"plan {fields['id']}"

    return Change(path, edit, create=not path.exists())


def add_item(root: Path, plan_id: str, fields: dict[str, Any]) -> Change:
    def edit(tree: Tree) -> str:
        seq = child_seq(tree, "items", m.Plan)
        taken = ids(seq)
        if fields.get("id"):
            if fields["id"] in taken:
                raise RecordError(f"plan {plan_id} already has an item '{fields['id']}'")
            rid = fields["id"]
        else:
            rid = new_id(slug(fields["title"]), taken)
        seq.append(value({**fields, "id": rid}, m.Item))
        return f"item {rid} of {plan_id}"

    return Change(plan_file(root, plan_id), edit)


# --- finding a record for amend and remove ----------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A record to amend or remove: which file, and the words that find it inside."""

    kind: str
    path: Path
    parts: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.kind} {'/'.join(self.parts)}"


def locate(ds: Dataset, kind: str, ref: str, find_state: Callable[[str], m.State]) -> Target:
    """Where the record ``ref`` of ``kind`` is (see the module's docstring for the forms)."""
    root = ds.root
    parts = [p for p in ref.strip().split("/")]
    if any(not p for p in parts):
        raise RecordError(f"{kind} {ref!r}: empty part in the reference")
    if kind in STATE_LISTS:
        if len(parts) == 1:
            return _by_bare_id(ds, kind, parts[0])
        if len(parts) != 2:
            raise RecordError(f"{kind} {ref!r}: write STATE/ID (or STATE/#N)")
        s = _state(find_state, parts[0])
        return Target(kind, state_file(root, s.iso3), (s.iso3, parts[1]))
    if kind == "status":
        if len(parts) == 1:
            return _status_by_bare_id(ds, parts[0])
        if len(parts) != 3 or parts[0] not in ds.plans:
            raise RecordError(f"status {ref!r}: write PLAN/ITEM/ID (plans: {_plans(ds)})")
        return Target(kind, plan_file(root, parts[0]), tuple(parts))
    if kind == "event":
        if len(parts) != 3:
            raise RecordError(f"event {ref!r}: write STATE/TREATY/EVENT, e.g. NGA/ccm/deposit")
        s = _state(find_state, parts[0])
        treaty_typed, event = parts[1].lower(), EVENT_ALIASES.get(parts[2], parts[2])
        if treaty_typed not in TREATIES:
            raise RecordError(f"event {ref!r}: treaty is one of {', '.join(TREATIES)}")
        if event not in EVENTS:
            raise RecordError(f"event {ref!r}: event is one of {', '.join(EVENTS)}")
        return Target(kind, state_file(root, s.iso3), (s.iso3, treaty_typed, event))
    if kind == "meeting":
        mid = ref.strip().lower()
        if mid not in ds.meetings:
            known = ", ".join(mt.id for mt in ds.meetings_in_order())
            raise RecordError(f"no meeting {ref!r} (meetings: {known})")
        return Target(kind, root / "meetings.yaml", (mid,))
    if kind == "source":
        if ref not in ds.sources:
            raise RecordError(f"no source {ref!r} in the catalogue")
        return Target(kind, root / "sources.yaml", (ref,))
    if kind == "plan":
        if ref not in ds.plans:
            raise RecordError(f"no plan {ref!r} (plans: {_plans(ds)})")
        return Target(kind, plan_file(root, ref), (ref,))
    if kind == "item":
        if len(parts) != 2 or parts[0] not in ds.plans:
            raise RecordError(f"item {ref!r}: write PLAN/ITEM (plans: {_plans(ds)})")
        return Target(kind, plan_file(root, parts[0]), tuple(parts))
    raise RecordError(f"unknown kind of record {kind!r}")


def _plans(ds: Dataset) -> str:
    return ", ".join(sorted(ds.plans)) or "none"


def _state(find_state: Callable[[str], m.State], text: str) -> m.State:
    try:
        return find_state(text)
    except LookupError as exc:
        raise RecordError(str(exc)) from None


def _by_bare_id(ds: Dataset, kind: str, rid: str) -> Target:
    spec = STATE_LISTS[kind]
    found = []
    for s in ds.states.values():
        holder: Any = getattr(s, spec.parent) if spec.parent else s
        if any(r.id == rid for r in getattr(holder, spec.key)):
            found.append(s.iso3)
    if len(found) != 1:
        said = "no state has" if not found else f"{len(found)} states have ({', '.join(found)})"
        raise RecordError(f"{said} a {kind} '{rid}': write STATE/ID")
    return Target(kind, state_file(ds.root, found[0]), (found[0], rid))


def _status_by_bare_id(ds: Dataset, rid: str) -> Target:
    found = [
        (p.id, item.id)
        for p in ds.plans.values()
        for item in p.items
        if any(st.id == rid for st in item.status)
    ]
    if len(found) != 1:
        said = "no plan item has" if not found else f"{len(found)} plan items have"
        raise RecordError(f"{said} a status '{rid}': write PLAN/ITEM/ID")
    plan_id, item_id = found[0]
    return Target("status", plan_file(ds.root, plan_id), (plan_id, item_id, rid))


def _pick(seq: Tree, ident: str, what: str) -> int:
    """The position of ``ident`` (an id, or ``#N``) in ``seq``."""
    if ident.startswith("#") and ident[1:].isdigit():
        n = int(ident[1:])
        if not 1 <= n <= len(seq):
            raise RecordError(f"{what}: there are {len(seq)}, so #{n} is not one of them")
        return n - 1
    i = find(seq, ident)
    if i is None:
        known = ", ".join(str(x) for x in ids(seq) if x) or "none with an id; use #N"
        raise RecordError(f"{what} '{ident}' not found (ids: {known})")
    return i


def _record(tree: Tree, target: Target) -> tuple[Tree, int, type[BaseModel], str]:
    """The list holding the target, its position, its model and the field dating it."""
    if target.kind in STATE_LISTS:
        spec = STATE_LISTS[target.kind]
        seq = spec.container(tree, create=False)
        iso3, ident = target.parts
        if seq is None:
            raise RecordError(f"{iso3} has no {target.kind} records")
        return seq, _pick(seq, ident, f"{target.kind} of {iso3}"), spec.model, spec.day
    if target.kind == "status":
        plan_id, item_id, ident = target.parts
        item = _item(tree, plan_id, item_id)
        seq = item.get("status") or []
        return seq, _pick(seq, ident, f"status of {plan_id}/{item_id}"), m.StatusEntry, "date"
    if target.kind == "meeting":
        seq = tree["meetings"]
        return seq, _pick(seq, target.parts[0], "meeting"), m.Meeting, "start"
    if target.kind == "source":
        seq = tree["sources"]
        return seq, _pick(seq, target.parts[0], "source"), m.Source, ""
    if target.kind == "item":
        plan_id, item_id = target.parts
        seq = tree.get("items") or []
        return seq, _pick(seq, item_id, f"item of {plan_id}"), m.Item, ""
    raise RecordError(f"{target.kind} records are not kept in a list")


# --- amend and remove -------------------------------------------------------------------------


def amend(
    target: Target,
    changes: dict[str, Any],
    unset: list[str],
    *,
    correction: Any = None,
) -> Change:
    """Set and unset fields of one record. A treaty event keeps its old sources after the
    new one (``correction``), so the record says what the correction rests on."""

    def edit(tree: Tree) -> str:
        if target.kind == "plan":
            for k, v in changes.items():
                put(tree, k, v, m.Plan)
            for k in unset:
                drop(tree, k)
            return f"amended {target.label}"
        if target.kind == "event":
            return _amend_event(tree, target, changes, unset, correction)
        seq, i, model, day = _record(tree, target)
        rec = seq[i]
        for k, v in changes.items():
            put(rec, k, v, model)
        for k in unset:
            if not drop(rec, k):
                raise RecordError(f"{target.label} has no {k} to unset")
        if day and day in changes:  # a new date: keep the list in date order
            del seq[i]
            insert_ordered(seq, rec, _day_of(day))
        return f"amended {target.label}"

    return Change(target.path, edit)


def _sources(old: Any, new: Any) -> Any:
    out: list[str] = []
    for group in (new, old):
        for sid in [group] if isinstance(group, str) else list(group or []):
            if str(sid) not in out:
                out.append(str(sid))
    return out[0] if len(out) == 1 else out


def _event(tree: Tree, target: Target) -> tuple[Tree, str]:
    iso3, treaty_typed, event = target.parts
    part = tree.get(TREATIES[treaty_typed])
    key = EVENTS[event]
    if not part or not part.get(key):
        raise RecordError(f"{iso3} has no {event} of {treaty_typed} recorded")
    return part, key


EVENT_MODELS: dict[str, type[BaseModel]] = {
    "signature": m.Event,
    "consent": m.Consent,
    "withdrawal": m.Withdrawal,
}


def _amend_event(
    tree: Tree, target: Target, changes: dict[str, Any], unset: list[str], correction: Any
) -> str:
    part, key = _event(tree, target)
    model = EVENT_MODELS[key]
    rec = part[key]
    for k, v in changes.items():
        put(rec, k, v, model)
    for k in unset:
        if not drop(rec, k):
            raise RecordError(f"{target.label} has no {k} to unset")
    put(rec, "source", _sources(rec.get("source"), correction), model)
    return f"amended {target.label}"


def remove(target: Target, *, correction: Any = None, today: dt.date | None = None) -> Change:
    """Delete one record. A treaty event leaves a note on its participation saying what was
    removed, when and on which source."""

    def edit(tree: Tree) -> str:
        if target.kind == "plan":
            raise RecordError(
                "a plan is a file of its own: delete data/plans/ID.yaml in a pull request"
            )
        if target.kind == "event":
            part, key = _event(tree, target)
            rec = part[key]
            day = rec.get("date") or rec.get("notified")
            sources = _sources(None, correction)
            said = ", ".join([sources] if isinstance(sources, str) else sources)
            note = (
                f"{target.parts[2]} recorded as {day} removed on {today} (correction, "
                f"source: {said})"
            )
            drop(part, key)
            put(
                part,
                "note",
                f"{part['note']}; {note}" if part.get("note") else note,
                m.Participation,
            )
            return f"removed {target.label}"
        seq, i, _model, _day = _record(tree, target)
        del seq[i]
        if target.kind in STATE_LISTS:
            STATE_LISTS[target.kind].prune(tree)
        return f"removed {target.label}"

    return Change(target.path, edit)


# --- the fields a command may set -------------------------------------------------------------


MODELS: dict[str, type[BaseModel]] = {
    "engagement": m.Engagement,
    "survey": m.SurveyResponse,
    "obstacle": m.Obstacle,
    "report": m.Report,
    "status": m.StatusEntry,
    "meeting": m.Meeting,
    "source": m.Source,
    "plan": m.Plan,
    "item": m.Item,
}
KINDS: tuple[str, ...] = (*MODELS, "event")
"""Every kind of record ``amend`` and ``remove`` know, in the order help lists them."""
EVENT_FIELDS: dict[str, type[BaseModel]] = {
    "date": m.Event,
    "kind": m.Consent,
    "notified": m.Withdrawal,
    "effective": m.Withdrawal,
    "note": m.Event,
}
NOT_AMENDABLE = {"id", "parts", "president", "items", "indicators", "budget", "due", "kind_"}


def shape(model: type[BaseModel], name: str) -> str:
    """How a field's value is typed on the command line: ``date``, ``partial-date``,
    ``int``, ``list``, ``sources``, ``bool``, ``model`` (not settable) or ``text``."""
    fld = model.model_fields[name]
    found: set[Any] = set()

    def walk(tp: Any) -> None:
        found.add(typing.get_origin(tp) or tp)
        for arg in typing.get_args(tp):
            walk(arg)

    walk(fld.annotation)
    if name == "source":
        return "sources"
    if PartialDate in found:
        return "partial-date"
    if any(isinstance(t, type) and issubclass(t, BaseModel) for t in found):
        return "model"
    if list in found:
        return "list"
    if dt.date in found:
        return "date"
    if bool in found:
        return "bool"
    if int in found and str not in found:
        return "int"
    return "text"


def settable(model: type[BaseModel]) -> list[str]:
    """The fields of ``model`` that ``amend`` takes as options."""
    return [
        (f.alias or n)
        for n, f in model.model_fields.items()
        if n not in NOT_AMENDABLE and shape(model, n) != "model"
    ]


def convert(kind_shape: str, text: str, today: dt.date) -> Any:
    """A command-line value as the data file holds it."""
    if kind_shape == "date":
        return parse_day(text, today)
    if kind_shape == "partial-date":
        t = text.strip()
        if t.isdigit() and len(t) == 4:
            return int(t)
        if len(t) == 7:
            try:
                return PartialDate.parse(t).to_yaml()
            except ValueError as exc:
                raise RecordError(str(exc)) from None
        return parse_day(t, today)
    if kind_shape == "int":
        try:
            return int(text.strip())
        except ValueError:
            raise RecordError(f"{text!r} is not a whole number") from None
    if kind_shape == "bool":
        if text.strip().lower() in ("true", "yes"):
            return True
        if text.strip().lower() in ("false", "no"):
            return False
        raise RecordError(f"{text!r} is not true or false")
    if kind_shape == "list":
        return [x.strip() for x in text.split(",") if x.strip()]
    if kind_shape == "sources":
        out = [x.strip() for x in text.split(",") if x.strip()]
        if not out:
            raise RecordError("a source id is needed")
        return out[0] if len(out) == 1 else out
    return text


def parse_day(text: str, today: dt.date) -> dt.date:
    """``YYYY-MM-DD`` or ``today``."""
    t = text.strip()
    if t.lower() == "today":
        return today
    try:
        if len(t) != 10:
            raise ValueError("not YYYY-MM-DD")
        return dt.date.fromisoformat(t)
    except ValueError as exc:
        raise RecordError(f"{text!r} is not a day (YYYY-MM-DD or 'today'): {exc}") from None
