"""Load every data file, validate each against its model, index the records,
and run the checks that span records. Never stops at the first problem."""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import re
import typing
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models as m
from . import treaty
from .loading import Loaded, read_yaml
from .problems import Problem, format_path

SINGLE_FILES: dict[str, type[BaseModel]] = {
    "dataset.yaml": m.DatasetInfo,
    "sources.yaml": m.SourcesFile,
    "meetings.yaml": m.MeetingsFile,
    "regions.yaml": m.RegionsFile,
    "bodies.yaml": m.BodiesFile,
    "unga.yaml": m.UngaFile,
}
SOURCE_KEYS = ("source", "region_source")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")


class DataError(Exception):
    """The data directory cannot be used at all (e.g. it does not exist)."""


# --- pydantic errors to problems ------------------------------------------------------------


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep the parts of a Pydantic error location that are real keys or indexes
    (dropping union tags such as ``str`` or ``list[str]``)."""
    out: list[Any] = []
    cur = data
    for part in loc:
        if isinstance(cur, dict):
            key = part
            if key not in cur and isinstance(part, str) and part.isdigit() and int(part) in cur:
                key = int(part)
            if key in cur:
                out.append(key)
                cur = cur[key]
            elif key == "from_" and "from" in cur:
                out.append("from")
                cur = cur["from"]
            elif (
                not out
                or isinstance(part, str)
                and part not in ("str", "int")
                and "[" not in part
                and not part.startswith(("function-", "constrained-"))
            ):
                # a missing or unknown field: keep its name, stop descending
                out.append(key)
                cur = None
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            out.append(part)
            cur = cur[part]
    return tuple(out)


def _model_at(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that a path points into, for "did you mean" hints."""
    cur: Any = model
    for part in path:
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)):
            return None
        if isinstance(part, int):
            continue
        name = "from_" if part == "from" else part
        fld = cur.model_fields.get(name)
        if fld is None:
            return None
        cur = _unwrap(fld.annotation)
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    """Find a model class inside Optional[...], list[...], dict[..., ...]."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _unwrap(arg)
        if found is not None:
            return found
    return None


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(
    err: dict[str, Any], model: type[BaseModel], path: tuple[Any, ...]
) -> tuple[str, str | None]:
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        name = path[-1] if path else "?"
        parent = _model_at(model, path[:-1])
        hint = None
        if parent is not None:
            names = [("from" if n == "from_" else n) for n in parent.model_fields]
            close = difflib.get_close_matches(str(name), names, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(names)
        return f"unknown field '{name}'", hint
    if kind == "missing":
        return f"missing required field '{path[-1] if path else '?'}'", None
    if kind == "string_type" and isinstance(value, bool):
        return f"expected text, got the boolean {str(value).lower()}", "put the value in quotes"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"expected a date YYYY-MM-DD, got {_describe(value)}", None
    if kind == "string_pattern_mismatch":
        return f"{_describe(value)} is not in the expected form", _pattern_hint(path)
    msg = err["msg"]
    if msg.startswith("Value error, "):
        return msg[len("Value error, ") :], None
    if msg.startswith("Assertion failed, "):
        return msg[len("Assertion failed, ") :], None
    if kind == "model_type" or kind == "dict_type":
        return f"expected a mapping, got {_describe(value)}", None
    return f"{msg[0].lower()}{msg[1:]}, got {_describe(value)}", None


def _pattern_hint(path: tuple[Any, ...]) -> str | None:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    hints = {
        "iso3": "an ISO 3166-1 alpha-3 code in capitals, e.g. IDN",
        "meeting": "a meeting id such as 7msp or 2rc",
        "month": 'a month written "YYYY-MM" in quotes',
        "status": "see the allowed values in the schema",
    }
    if last in hints:
        return hints[last]
    if last in ("source", "region_source", "id", "slug", "region", "subregion", "parent"):
        return "a lower-case slug such as untc-xxvi-6"
    if last in ("owners", "partners", "by", "coordinators", "members") or isinstance(path[-1], int):
        return "an ISO alpha-3 code (IDN) or a body id (isu)"
    return None


def _problems(
    loaded: Loaded, exc: ValidationError, model: type[BaseModel], prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    data = loaded.data
    for part in prefix:
        data = data[part]
    for err in exc.errors(include_url=False):
        path = prefix + _clean_loc(data, tuple(err["loc"]))
        if path in seen or any(path[: len(b)] == b for b in loaded.bad_paths):
            continue  # already reported, by the reader or for this path
        seen.add(path)
        msg, hint = _message(dict(err), model, path[len(prefix) :])
        problems.append(
            Problem(loaded.path, loaded.line(path), format_path(list(path)), msg, "error", hint)
        )
    return problems


def _merge_misspellings(problems: list[Problem]) -> list[Problem]:
    """Drop "missing required field 'x'" when a sibling unknown field is suggested as 'x':
    the misspelling already says it."""
    suggested = {
        (p.file, p.path.rsplit(".", 1)[0] if "." in p.path else "", p.hint)
        for p in problems
        if p.message.startswith("unknown field")
    }
    out = []
    for p in problems:
        if p.message.startswith("missing required field"):
            name = p.message.split("'")[1]
            parent = p.path.rsplit(".", 1)[0] if "." in p.path else ""
            if (p.file, parent, f"did you mean '{name}'?") in suggested:
                continue
        out.append(p)
    return out


def _list_fields(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """The fields of a catalogue file that are lists of records."""
    out = {}
    for name, fld in model.model_fields.items():
        if typing.get_origin(fld.annotation) is list:
            item = _unwrap(fld.annotation)
            if item is not None:
                out[name] = item
    return out


def validate_model(loaded: Loaded, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    """Validate a loaded file against ``model``; problems carry file and line.

    In catalogue files (lists of records such as meetings or sources) each record
    is validated on its own, so one bad record does not hide the others."""
    if loaded.data is None or loaded.fatal:
        return None, []
    if not isinstance(loaded.data, dict):
        return None, [
            Problem(
                loaded.path,
                1,
                "",
                f"expected a mapping at the top of the file, got {type(loaded.data).__name__}",
            )
        ]
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        whole = exc
    lists = _list_fields(model) if model is not m.State and model is not m.Plan else {}
    if not lists:
        return None, _merge_misspellings(_problems(loaded, whole, model))
    problems: list[Problem] = []
    kept = dict(loaded.data)
    for name, item_model in lists.items():
        items = loaded.data.get(name)
        if not isinstance(items, list):
            continue
        good, loaded.kept[name] = [], []
        for i, item in enumerate(items):
            try:
                item_model.model_validate(item)
                good.append(item)
                loaded.kept[name].append(i)
            except ValidationError as exc:
                problems += _merge_misspellings(_problems(loaded, exc, item_model, (name, i)))
                raw_id = item.get("id") if isinstance(item, dict) else None
                if isinstance(raw_id, str):
                    loaded.broken_ids.add(raw_id)
        kept[name] = good
    try:
        return model.model_validate(kept), problems
    except ValidationError as exc:
        return None, problems + [p for p in _problems(loaded, exc, model) if p not in problems]


# --- the data set ---------------------------------------------------------------------------


@dataclass
class Dataset:
    """Every record, indexed by id, with the problems found while loading."""

    root: Path
    info: m.DatasetInfo | None = None
    sources: dict[str, m.Source] = field(default_factory=dict)
    meetings: dict[str, m.Meeting] = field(default_factory=dict)
    regions: dict[str, m.Region] = field(default_factory=dict)
    groups: dict[str, m.Group] = field(default_factory=dict)
    bodies: dict[str, m.Body] = field(default_factory=dict)
    resolutions: dict[int, m.Resolution] = field(default_factory=dict)
    states: dict[str, m.State] = field(default_factory=dict)
    plans: dict[str, m.Plan] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, Loaded] = field(default_factory=dict)
    loaded: list[Loaded] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    """Ids of records that exist but failed validation: references to them are not
    reported as unknown (the record's own error says what is wrong)."""
    _unknown_seen: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    _refs: list[tuple[Loaded, tuple[Any, ...], list[Any]]] = field(default_factory=list)
    _mentioned: set[str] = field(default_factory=set)
    _unreadable: bool = False
    """Every file read, valid or not (sources cited by an invalid record still count)."""

    # -- loading --

    @classmethod
    def load(cls, root: Path | str) -> Dataset:
        root = Path(root)
        if not root.is_dir():
            raise DataError(f"{root}: no such data directory")
        ds = cls(root)
        # Loading builds many small, acyclic objects that all stay alive: the cyclic
        # collector would rescan the growing heap again and again for nothing.
        enabled = gc.isenabled()
        gc.disable()
        try:
            ds._load_files()
            ds._check()
        finally:
            if enabled:
                gc.enable()
        ds.problems.sort(key=lambda p: (p.file, p.line, p.path, p.message))
        return ds

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def _shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def _read(self, path: Path, model: type[BaseModel]) -> tuple[Any, Loaded]:
        loaded = read_yaml(path, self._shown(path))
        self.loaded.append(loaded)
        self.problems.extend(loaded.problems)
        record, problems = validate_model(loaded, model)
        self.problems.extend(problems)
        if loaded.data is None:
            self._unreadable = True
        else:  # keep what the cross-checks need, not the whole raw file
            refs: list[tuple[tuple[Any, ...], list[Any]]] = []
            _walk(loaded.data, (), refs, self._mentioned)
            self._refs += [(loaded, where, ids) for where, ids in refs]
            loaded.release()
        return record, loaded

    def _load_files(self) -> None:
        for name, model in SINGLE_FILES.items():
            path = self.root / name
            if not path.exists() and not path.is_symlink():
                self.problems.append(Problem(self._shown(path), 0, "", "missing file"))
                continue
            record, loaded = self._read(path, model)
            self.files[name] = loaded
            if record is not None:
                self._index_single(name, record, loaded)
        for sub, model, index in (("states", m.State, self.states), ("plans", m.Plan, self.plans)):
            folder = self.root / sub
            if not folder.is_dir():
                self.problems.append(Problem(self._shown(folder), 0, "", "missing folder"))
                continue
            for path in sorted(folder.iterdir()):
                if path.name.startswith("."):
                    continue
                if path.suffix not in (".yaml", ".yml"):
                    self.problems.append(
                        Problem(
                            self._shown(path), 0, "", "unexpected file: data files end in .yaml"
                        )
                    )
                    continue
                record, loaded = self._read(path, model)
                key = record.iso3 if sub == "states" and record else (record.id if record else None)
                if record is None:
                    self.broken.add(path.stem)  # exists, but invalid: not "unknown" elsewhere
                    continue
                self.files[f"{sub}/{key}"] = loaded
                expected = path.stem
                if key != expected:
                    field_name = "iso3" if sub == "states" else "id"
                    self.problems.append(
                        loaded.problem(
                            (field_name,),
                            f"'{key}' does not match the file name '{path.name}'",
                            hint=f"rename the file to {key}.yaml or fix {field_name}",
                        )
                    )
                if key in index:
                    self.problems.append(
                        loaded.problem(
                            (), f"duplicate {sub[:-1]} '{key}'", hint="one record per file"
                        )
                    )
                    continue
                index[key] = record  # type: ignore[index]

    def _dupe(
        self, loaded: Loaded, path: tuple[Any, ...], what: str, key: object, seen: dict[Any, int]
    ) -> bool:
        if key in seen:
            self.problems.append(
                loaded.problem(path, f"duplicate {what} '{key}' (first on line {seen[key]})")
            )
            return True
        seen[key] = loaded.line(path)
        return False

    def _index_single(self, name: str, record: Any, loaded: Loaded) -> None:
        seen: dict[Any, int] = {}
        if name == "dataset.yaml":
            self.info = record
        elif name == "sources.yaml":
            for i, s in enumerate(record.sources):
                if not self._dupe(loaded, ("sources", i, "id"), "source", s.id, seen):
                    self.sources[s.id] = s
        elif name == "meetings.yaml":
            for i, mt in enumerate(record.meetings):
                if not self._dupe(loaded, ("meetings", i, "id"), "meeting", mt.id, seen):
                    self.meetings[mt.id] = mt
        elif name == "regions.yaml":
            for i, r in enumerate(record.regions):
                for j, slug in enumerate([r.slug, *r.aliases]):
                    where = ("regions", i, "slug") if j == 0 else ("regions", i, "aliases", j - 1)
                    if not self._dupe(loaded, where, "region slug", slug, seen):
                        self.regions[slug] = r
            for i, g in enumerate(record.groups):
                if not self._dupe(loaded, ("groups", i, "slug"), "region slug", g.slug, seen):
                    self.groups[g.slug] = g
        elif name == "bodies.yaml":
            for i, b in enumerate(record.bodies):
                if not self._dupe(loaded, ("bodies", i, "id"), "body", b.id, seen):
                    self.bodies[b.id] = b
        elif name == "unga.yaml":
            for i, r in enumerate(record.resolutions):
                if not self._dupe(loaded, ("resolutions", i, "year"), "year", r.year, seen):
                    self.resolutions[r.year] = r

    # -- lookups used by queries --

    def meetings_in_order(self) -> list[m.Meeting]:
        return sorted(self.meetings.values(), key=lambda mt: mt.start)

    def resolve_date(self, value: dt.date | str) -> dt.date:
        """A date, or a meeting id meaning that meeting's opening day."""
        if isinstance(value, dt.date):
            return value
        if value in self.meetings:
            return self.meetings[value].start
        raise KeyError(value)

    def region_slugs(self) -> list[str]:
        return sorted(set(self.regions) | set(self.groups))

    def in_region(self, state: m.State, slug: str) -> bool:
        """Whether a state belongs to an M49 unit (by slug or alias) or a named group."""
        if slug in self.groups:
            return state.iso3 in self.groups[slug].members
        unit = self.regions.get(slug)
        if unit is None:
            return False
        return unit.slug in (state.region, state.subregion, state.intermediate_region)

    def region_name(self, slug: str | None) -> str:
        if slug is None:
            return ""
        unit = self.regions.get(slug)
        return unit.name if unit else slug

    # -- cross-record checks --

    def _check(self) -> None:
        self._check_sources()
        current_to = self.info.current_to if self.info else None
        for iso3, state in self.states.items():
            self._check_state(self.files[f"states/{iso3}"], state, current_to)
        for pid, plan in self.plans.items():
            self._check_plan(self.files[f"plans/{pid}"], plan, current_to)
        self._check_meetings()
        self._check_tallies()
        self._check_regions()
        self._check_weights()
        self._summarise_unknowns()

    def _check_weights(self) -> None:
        from .targets import CRITERIA

        f = self.files.get("dataset.yaml")
        if f is None or self.info is None:
            return
        for key in self.info.target_weights:
            if key not in CRITERIA:
                self.problems.append(
                    f.problem(
                        ("target_weights", key),
                        f"unknown target criterion '{key}'",
                        hint=self._suggest(key, CRITERIA, "ccmctl/targets.py"),
                    )
                )
        for key in CRITERIA:
            if key not in self.info.target_weights:
                self.problems.append(
                    f.problem(
                        ("target_weights",),
                        f"no weight for target criterion '{key}'",
                        severity="warning",
                        hint="it counts 0 until given one",
                    )
                )

    def _check_sources(self) -> None:
        if not self.sources and "sources.yaml" not in self.files:
            return
        cited: set[str] = set()
        for loaded, path, ids in self._refs:
            cited.update(i for i in ids if isinstance(i, str))
            for i, sid in enumerate(ids):
                if isinstance(sid, str) and sid not in self.sources:
                    self._unknown(
                        loaded,
                        path + ((i,) if len(ids) > 1 else ()),
                        "source",
                        sid,
                        self.sources,
                        "data/sources.yaml",
                    )
        f = self.files.get("sources.yaml")
        if f is not None and not self._unreadable:  # an unreadable file may cite any source
            for i, sid in enumerate(self.sources):
                if sid not in cited and sid not in self._mentioned:  # notes may name one
                    self.problems.append(
                        f.problem(
                            ("sources", i, "id"),
                            f"source '{sid}' is cited by no record",
                            severity="warning",
                            hint="remove it, or cite it",
                        )
                    )

    def _suggest(self, value: str, known: Any, where: str) -> str:
        close = difflib.get_close_matches(value, list(known), n=1)
        return f"did you mean '{close[0]}'?" if close else f"add it to {where}"

    MAX_SAME_UNKNOWN = 3

    def _unknown(
        self, loaded: Loaded, path: tuple[Any, ...], kind: str, value: str, known: Any, where: str
    ) -> None:
        """Report a reference to something that does not exist: at most three lines
        for the same missing id, then one line counting the rest."""
        if value in self.broken or any(value in f.broken_ids for f in self.loaded):
            return
        seen = self._unknown_seen.setdefault((kind, value), [])
        seen.append((loaded, path))
        if len(seen) <= self.MAX_SAME_UNKNOWN:
            hint = f"no {where}" if kind == "state" else self._suggest(value, known, where)
            self.problems.append(loaded.problem(path, f"unknown {kind} '{value}'", hint=hint))

    def _summarise_unknowns(self) -> None:
        for (kind, value), seen in self._unknown_seen.items():
            extra = len(seen) - self.MAX_SAME_UNKNOWN
            if extra > 0:
                loaded, path = seen[self.MAX_SAME_UNKNOWN]
                self.problems.append(
                    loaded.problem(
                        path,
                        f"unknown {kind} '{value}' is referenced {extra} more time(s)",
                        hint="listed once here; fix the first ones and run validate again",
                    )
                )

    def _ref_state(self, loaded: Loaded, path: tuple[Any, ...], iso3: str) -> None:
        if iso3 not in self.states:
            self._unknown(loaded, path, "state", iso3, self.states, f"data/states/{iso3}.yaml")

    def _ref_actor(self, loaded: Loaded, path: tuple[Any, ...], actor: str) -> None:
        if actor.isupper():
            self._ref_state(loaded, path, actor)
        elif actor not in self.bodies:
            self._unknown(loaded, path, "body", actor, self.bodies, "data/bodies.yaml")

    def _ref_meeting(self, loaded: Loaded, path: tuple[Any, ...], mid: str) -> None:
        if mid not in self.meetings:
            self._unknown(loaded, path, "meeting", mid, self.meetings, "data/meetings.yaml")

    def _after(
        self, loaded: Loaded, path: tuple[Any, ...], day: dt.date | None, current_to: dt.date | None
    ) -> None:
        if day and current_to and day > current_to:
            self.problems.append(
                loaded.problem(
                    path,
                    f"{day} is after the data's current_to date {current_to}",
                    hint="update data/dataset.yaml if the data is newer",
                )
            )

    def _check_state(self, f: Loaded, s: m.State, current_to: dt.date | None) -> None:
        for level, slug in (
            ("region", s.region),
            ("subregion", s.subregion),
            ("intermediate", s.intermediate_region),
        ):
            if slug is None or not self.regions:
                continue
            key = "intermediate_region" if level == "intermediate" else level
            unit = self.regions.get(slug)
            if unit is None or unit.level != level:
                self.problems.append(
                    f.problem(
                        (key,),
                        f"unknown {level} '{slug}'",
                        hint=self._suggest(
                            slug,
                            [r.slug for r in self.regions.values() if r.level == level],
                            "data/regions.yaml",
                        ),
                    )
                )
            elif level == "subregion" and unit.parent != s.region:
                self.problems.append(f.problem((key,), f"'{slug}' is not in region '{s.region}'"))
            elif level == "intermediate" and unit.parent != s.subregion:
                self.problems.append(
                    f.problem((key,), f"'{slug}' is not in sub-region '{s.subregion}'")
                )
        for treaty_key in ("ccm", "apmbc", "ccw", "ccw_apii", "ccw_pv"):
            part = getattr(s, treaty_key)
            if part is None:
                continue
            for ev_key, day in _event_days(part):
                self._after(f, (treaty_key, *ev_key), day, current_to)
            if part.withdrawal:
                expected = treaty.add_months(part.withdrawal.notified, 6)
                if part.withdrawal.effective != expected:
                    self.problems.append(
                        f.problem(
                            (treaty_key, "withdrawal", "effective"),
                            f"takes effect {part.withdrawal.effective}, not six months "
                            f"after notice ({expected})",
                            severity="warning",
                            hint="Art. 20(3) allows later effect only during an armed "
                            "conflict; say why in a note",
                        )
                    )
            if part.consent and treaty_key in ("ccm", "apmbc"):
                kind = part.consent.kind
                if kind in ("ratification", "acceptance", "approval") and not part.signature:
                    self.problems.append(
                        f.problem(
                            (treaty_key, "consent", "kind"),
                            f"{kind} needs a signature",
                            hint="a state that did not sign accedes "
                            "(CCM Art. 16(2)); record the signature or change the kind",
                        )
                    )
                if kind == "accession" and part.signature:
                    self.problems.append(
                        f.problem(
                            (treaty_key, "consent", "kind"),
                            "accession recorded for a state that signed",
                            hint="signatories ratify, accept or approve (CCM Art. 16(1))",
                        )
                    )
        c = s.ccm
        if c.signature:
            if c.signature.date < treaty.OPENED_FOR_SIGNATURE:
                self.problems.append(
                    f.problem(
                        ("ccm", "signature", "date"),
                        f"signature {c.signature.date} is before the Convention opened for "
                        f"signature ({treaty.OPENED_FOR_SIGNATURE})",
                    )
                )
            elif c.signature.date >= treaty.ENTRY_INTO_FORCE:
                self.problems.append(
                    f.problem(
                        ("ccm", "signature", "date"),
                        f"signature {c.signature.date} is after the Convention entered into force "
                        f"({treaty.ENTRY_INTO_FORCE}); states now accede (Art. 15, 16(2))",
                    )
                )
        if c.consent and c.consent.date < treaty.OPENED_FOR_SIGNATURE:
            self.problems.append(
                f.problem(
                    ("ccm", "consent", "date"),
                    f"deposit {c.consent.date} is before the Convention opened for signature",
                )
            )
        for vote_year in s.unga_votes:
            if self.resolutions and vote_year not in self.resolutions:
                self.problems.append(
                    f.problem(
                        ("unga_votes", vote_year),
                        f"no resolution for {vote_year} in data/unga.yaml",
                    )
                )
        for obligation in ("article3", "article4"):
            ob = getattr(s, obligation)
            if ob is None:
                continue
            if not c.consent:
                self.problems.append(
                    f.problem(
                        (obligation,),
                        f"{obligation} obligations recorded for a state that never joined the CCM",
                    )
                )
                continue
            previous = treaty.original_deadline(obligation, c.consent.date, ob)
            for j, ext in enumerate(ob.extensions):
                self._ref_meeting(f, (obligation, "extensions", j, "meeting"), ext.meeting)
                if previous and ext.deadline <= previous:
                    self.problems.append(
                        f.problem(
                            (obligation, "extensions", j, "deadline"),
                            f"extension to {ext.deadline} does not extend the deadline {previous}",
                        )
                    )
                previous = ext.deadline
            self._after(f, (obligation, "completed"), ob.completed, current_to)
        if s.article7 and not c.consent:
            self.problems.append(
                f.problem(
                    ("article7",),
                    "Article 7 reports recorded for a state that never joined the CCM",
                )
            )
        for j, rep in enumerate(s.article7):
            self._after(f, ("article7", j, "submitted"), rep.submitted, current_to)
        out = s.outreach
        for j, a in enumerate(out.coordinators):
            self._ref_actor(f, ("outreach", "coordinators", j), a)
        for j, e in enumerate(out.engagements):
            self._after(f, ("outreach", "engagements", j, "date"), e.date, current_to)
            for k, a in enumerate(e.by):
                self._ref_actor(f, ("outreach", "engagements", j, "by", k), a)
        for j, r in enumerate(out.survey):
            self._after(f, ("outreach", "survey", j, "date"), r.date, current_to)

    def _check_plan(self, f: Loaded, p: m.Plan, current_to: dt.date | None) -> None:
        if p.parent and p.parent not in self.plans:
            self.problems.append(f.problem(("parent",), f"unknown plan '{p.parent}'"))
        for key in ("adopted_at", "up_to"):
            if getattr(p, key):
                self._ref_meeting(f, (key,), getattr(p, key))
        for key in ("owners", "partners"):
            for j, a in enumerate(getattr(p, key)):
                self._ref_actor(f, (key, j), a)
        seen: dict[Any, int] = {}
        for i, item in enumerate(p.items):
            self._dupe(f, ("items", i, "id"), "item id", item.id, seen)
            if item.due and item.due.meeting:
                self._ref_meeting(f, ("items", i, "due", "meeting"), item.due.meeting)
            for key in ("owners", "partners"):
                for j, a in enumerate(getattr(item, key)):
                    self._ref_actor(f, ("items", i, key, j), a)
            for j, st in enumerate(item.status):
                self._after(f, ("items", i, "status", j, "date"), st.date, current_to)
        seen = {}
        for i, ind in enumerate(p.indicators):
            self._dupe(f, ("indicators", i, "id"), "indicator id", ind.id, seen)
            for key, val in (("from", ind.from_), ("by", ind.by)):
                if isinstance(val, str):
                    self._ref_meeting(f, ("indicators", i, key), val)

    def _check_meetings(self) -> None:
        f = self.files.get("meetings.yaml")
        if f is None or not self.states:
            return
        for i, mt in enumerate(self.meetings.values()):
            self._ref_state(f, ("meetings", i, "country"), mt.country)
            if mt.president:
                self._ref_state(f, ("meetings", i, "president", "state"), mt.president.state)

    def _check_tallies(self) -> None:
        """A year whose per-state votes are in the state files must add up to its tally,
        so a pull request that changes one vote has to say why the totals differ."""
        f = self.files.get("unga.yaml")
        if f is None or not self.states:
            return
        if any(
            p.severity == "error" and Path(p.file).parent.name == "states" for p in self.problems
        ):
            return  # a state file with an error already says what is wrong: no second alarm
        for i, r in enumerate(self.resolutions.values()):
            if not r.per_state or r.tally is None:
                continue
            counted: Counter[str | None] = Counter(
                s.unga_votes.get(r.year) for s in self.states.values()
            )
            keys = [k for k in ("yes", "no", "abstain") if getattr(r.tally, k) is not None]
            if any(counted[k] != getattr(r.tally, k) for k in keys):
                said = ", ".join(f"{getattr(r.tally, k)} {k}" for k in keys)
                found = ", ".join(f"{counted[k]} {k}" for k in keys)
                self.problems.append(
                    f.problem(
                        ("resolutions", i, "tally"),
                        f"the {r.year} tally says {said}; the state files record {found}",
                    )
                )

    def _check_regions(self) -> None:
        f = self.files.get("regions.yaml")
        if f is None:
            return
        units = [r for r in {id(r): r for r in self.regions.values()}.values()]
        for i, r in enumerate(units):
            if r.parent and r.parent not in self.regions:
                self.problems.append(
                    f.problem(("regions", i, "parent"), f"unknown parent '{r.parent}'")
                )
        if not self.states:
            return
        for i, g in enumerate(self.groups.values()):
            for j, iso3 in enumerate(g.members):
                self._ref_state(f, ("groups", i, "members", j), iso3)


PROSE_KEYS = frozenset({"note", "notes", "summary", "outcome", "solution"})


def _walk(
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
                _walk(value, path + (key,), refs, mentioned)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, (dict, list)):
                _walk(value, path + (i,), refs, mentioned)


def _event_days(part: m.Participation) -> Iterator[tuple[tuple[str, ...], dt.date]]:
    if part.signature:
        yield ("signature", "date"), part.signature.date
    if part.consent:
        yield ("consent", "date"), part.consent.date
    if part.withdrawal:
        yield ("withdrawal", "notified"), part.withdrawal.notified
        # the day of effect may lie ahead of current_to: it is scheduled, not an event
