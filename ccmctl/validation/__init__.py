"""From a data folder to a validated :class:`~ccmctl.dataset.Dataset` and its problems.

The steps, each in its own module:

1. :mod:`ccmctl.files` finds the data files and says which kind each is;
2. :mod:`ccmctl.reading` reads each one strictly (values, lines, reader problems);
3. :mod:`.model_errors` validates each against its Pydantic model;
4. :mod:`.rules` applies the Convention's rules to each state record;
5. :mod:`.references` checks across records (references, tallies, duplicates, the
   data's horizon, criterion weights).

Never stops at the first problem. Nothing here mutates what the reader returned.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from .. import cache
from ..dataset import Dataset
from ..files import KINDS, Found, discover
from ..problems import Problem
from ..reading import Read, decode, parse_text, read_bytes, read_text, read_yaml
from ..schema.records import to_record
from .model_errors import Checked, validate_model
from .records import RECORD_CHECKS
from .references import CHECKS, Context, duplicates, gather_references, is_state_file
from .rules import check_state


class DataError(Exception):
    """The data directory cannot be used at all (e.g. it does not exist)."""


@dataclass(frozen=True)
class Validated:
    """A data set and every problem found in it."""

    dataset: Dataset
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


Overlay = Mapping[Path, bytes]
"""Would-be contents of some files (absolute paths), read instead of the disk: how a
writer validates the data set as it would be before it writes."""


def load(
    root: Path | str,
    *,
    overlay: Overlay | None = None,
    today: dt.date | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Validated:
    """Read, validate and index every data file under ``root``.

    ``today`` (resolved by the caller: ``CCMCTL_TODAY`` or the clock) bounds the users' own
    records and the treaty events: none may be dated after it. Without it, that check is
    skipped (the treaty record is still compared with ``current_to``). ``meanwhile``: what
    the caller will need after the load and may get ready while helper processes read
    files (:mod:`.parallel`), such as its imports; it must change nothing the load or the
    caller sees, since it runs only when there are helpers."""
    root = Path(root)
    if not root.is_dir():
        raise DataError(f"{root}: no such data directory")
    # Loading builds many small, acyclic objects that all stay alive: the cyclic
    # collector would rescan the growing heap again and again for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        loader = _Loader(root, overlay or {}, today, meanwhile)
        try:
            return loader.run()
        finally:
            if loader.store is not None:
                loader.store.close()  # new cache entries, in one write
    finally:
        if enabled:
            # What loading built stays alive to the end of the command: move it to the
            # permanent generation, or the first collection rescans all of it (at 50x
            # the data, a third of the run, freeing nothing).
            gc.freeze()
            gc.enable()


def _lines_again(store: cache.Store, item: Found, key: str) -> dict[Any, int] | None:
    """The lines of a file's key paths, read from it again (entries keep no lines)."""
    raw, _ = read_bytes(item.path, item.shown)
    if raw is None or store.key(item.kind, raw) != key:
        return None
    return cache.read_raw(raw, item.shown).positions


def _refs(got: cache.Parsed, item: Found) -> list[tuple[tuple[Any, ...], list[Any]]]:
    """The file's source references with their paths: those the file was checked with, or,
    for a file restored from the cache, gathered from it again (if it changed since, its
    cited ids with no path, so that an unknown one is still reported, on the file)."""
    if got.refs is not None:
        return got.refs
    refs: list[tuple[tuple[Any, ...], list[Any]]] = []
    raw, _ = read_bytes(item.path, item.shown)
    if raw is not None:
        data = cache.read_raw(raw, item.shown).data
        if data is not None:
            gather_references(data, (), refs, set())
    if {i for _, ids in refs for i in ids if isinstance(i, str)} != got.cited:
        return [((), [sid]) for sid in sorted(got.cited)]  # each unknown one, on the file
    return refs


def _criteria_ids() -> tuple[str, ...]:
    from ..queries.criteria import CRITERIA

    return tuple(CRITERIA)


class _Loader:
    def __init__(
        self,
        root: Path,
        overlay: Overlay,
        today: dt.date | None = None,
        meanwhile: Callable[[], object] | None = None,
    ) -> None:
        self.root = root
        self.today = today
        self.meanwhile = meanwhile
        self.overlay = {p.resolve(): v for p, v in overlay.items()}
        self.problems: list[Problem] = []
        self.files: dict[str, Checked] = {}
        self.broken: set[str] = set()
        self.refs: list[tuple[Checked, tuple[Any, ...], list[Any]]] = []
        self.shared: dict[Any, Any] = {}  # texts and partial dates, one object each
        self.cited: set[str] = set()
        self.mentioned: set[str] = set()
        self.unreadable = False
        self.index: dict[str, dict[Any, Any]] = {
            k: {}
            for k in (
                "sources",
                "meetings",
                "regions",
                "groups",
                "bodies",
                "resolutions",
                "states",
                "plans",
            )
        }
        self.info: Any = None
        self.store = cache.open_store(root) if not overlay else None
        """The validated-parse cache (:mod:`ccmctl.cache`); not for a writer's would-be files."""

    def read(self, item: Found) -> Read:
        data = self.overlay.get(item.path.resolve())
        if data is None:
            return read_yaml(item.path, item.shown)
        text, problems = decode(data, item.shown)
        if text is None:
            return Read(item.shown, problems=problems)
        return parse_text(text, item.shown)

    def run(self) -> Validated:
        found, problems = discover(self.root)
        self.problems += problems
        from .parallel import prepare

        ready, keys = prepare(self, found)
        for i, item in enumerate(found):
            self.take(item, ready.get(i), keys.get(i))
        ds = Dataset(self.root, self.info, **self.index)
        state_errors = any(p.severity == "error" and is_state_file(p) for p in self.problems)
        ctx = Context(
            ds,
            self.files,
            self.broken,
            self.refs,
            self.mentioned,
            self.unreadable,
            state_errors,
            _criteria_ids(),
            today=self.today,
            broken_files=self.broken_catalogues(),
            cited=self.cited,
        )
        for iso3, s in ds.states.items():
            self.problems += check_state(s, self.files[f"states/{iso3}"])
        for check in (*CHECKS, *RECORD_CHECKS):
            self.problems += check(ctx)
        self.problems.sort(key=lambda p: (p.file, p.line, p.path, p.message))
        return Validated(ds, tuple(self.problems))

    def broken_catalogues(self) -> frozenset[str]:
        """Catalogue files missing, unreadable or invalid as a whole (their own problem is
        the root cause: references into them are not reported again as unknown)."""
        names = {k.path for k in KINDS if k.shape == "catalogue"}
        return frozenset(name for name in names if self.broken_catalogue(name))

    def broken_catalogue(self, name: str) -> bool:
        """Whether catalogue ``name`` (read before every other file) is missing or invalid."""
        return name not in self.files or self.files[name].record is None

    def parsed(self, item: Found, key: str | None = None) -> cache.Parsed:
        """One file read and validated, or what the cache kept of that for these bytes
        (``key``: theirs, when known already)."""
        if self.store is None:
            return self.check(self.read(item), item)
        if key is not None:
            again = partial(_lines_again, self.store, item, key)
            got = cache.restore(self.store, key, item.shown, again)
            if got is not None:
                return got
        raw, problems = read_bytes(item.path, item.shown)
        if raw is None:
            return self.check(Read(item.shown, problems=problems), item)
        key = self.store.key(item.kind, raw)
        again = partial(_lines_again, self.store, item, key)  # no cycle back to the loader
        got = cache.restore(self.store, key, item.shown, again)
        if got is None:
            got = self.check(cache.read_raw(raw, item.shown), item)
            cache.save(self.store, key, got, again)
        return got

    def check(self, read: Read, item: Found) -> cache.Parsed:
        checked = validate_model(read, item.kind.model, catalogue=item.kind.shape == "catalogue")
        refs: list[tuple[tuple[Any, ...], list[Any]]] = []
        mentioned: set[str] = set()
        if read.data is not None:
            gather_references(read.data, (), refs, mentioned)
        cited = frozenset(i for _, value in refs for i in value if isinstance(i, str))
        return cache.Parsed(
            replace(read, data=None),  # the raw value is not needed past this point
            to_record(checked.record, self.shared),  # the data set holds lean records
            checked.problems,
            checked.kept,
            checked.broken_ids,
            read.data is not None,
            refs,
            cited,
            mentioned,
            checked.record,
        )

    def take(self, item: Found, got: cache.Parsed | None = None, key: str | None = None) -> None:
        """Add one file (read here, unless ``got``) to the data set being built."""
        if got is None:
            got = self.parsed(item, key)
        read = got.read
        self.problems += read.problems
        checked = Checked(read, got.record, got.problems, got.kept, got.broken_ids)
        self.problems += checked.problems
        self.broken |= checked.broken_ids
        if not got.readable:
            self.unreadable = True
        else:
            self.mentioned |= got.mentioned
            self.cited |= got.cited
            known = self.index["sources"]  # complete: the catalogues are read first
            # An id not in the catalogue is unknown, unless the catalogue itself is broken
            # (then its own problem is the one reported). A value that is not an id is the
            # model's problem, reported where it stands.
            if not self.broken_catalogue("sources.yaml") and not known.keys() >= got.cited:
                as_read = Checked(read, None)  # paths into the raw file: no re-indexing
                for where, ids in _refs(got, item):
                    if any(isinstance(i, str) and i not in known for i in ids):
                        self.refs.append((as_read, where, ids))
        record = checked.record
        if item.kind.shape == "catalogue":
            self.files[item.path.name] = checked
            if record is not None:
                self.problems += INDEXERS[item.kind.name](self, record, checked)
            return
        if record is None:
            self.broken.add(item.path.stem)  # exists, but invalid: not "unknown" elsewhere
            return
        assert item.kind.id_field and item.kind.folder
        key = getattr(record, item.kind.id_field)
        self.files[f"{item.kind.folder}/{key}"] = checked
        if key != item.path.stem:
            self.problems.append(
                checked.problem(
                    (item.kind.id_field,),
                    f"'{key}' does not match the file name '{item.path.name}'",
                    hint=f"rename the file to {key}.yaml or fix {item.kind.id_field}",
                )
            )
        index = self.index[item.kind.folder]
        if key in index:
            self.problems.append(
                checked.problem(
                    (), f"duplicate {item.kind.name} '{key}'", hint="one record per file"
                )
            )
            return
        index[key] = record


def _unique(
    loader: _Loader, f: Checked, index: str, list_key: str, what: str, items: list[Any], attr: str
) -> list[Problem]:
    """Index ``items`` by ``attr``, the first of a duplicated id kept."""
    problems = list(duplicates(f, list_key, what, [getattr(x, attr) for x in items], attr))
    target = loader.index[index]
    for x in items:
        target.setdefault(getattr(x, attr), x)
    return problems


def _index_dataset(loader: _Loader, record: Any, f: Checked) -> list[Problem]:
    loader.info = record
    return []


def _index_sources(loader: _Loader, record: Any, f: Checked) -> list[Problem]:
    return _unique(loader, f, "sources", "sources", "source", record.sources, "id")


def _index_meetings(loader: _Loader, record: Any, f: Checked) -> list[Problem]:
    return _unique(loader, f, "meetings", "meetings", "meeting", record.meetings, "id")


def _index_bodies(loader: _Loader, record: Any, f: Checked) -> list[Problem]:
    return _unique(loader, f, "bodies", "bodies", "body", record.bodies, "id")


def _index_unga(loader: _Loader, record: Any, f: Checked) -> list[Problem]:
    return _unique(loader, f, "resolutions", "resolutions", "year", record.resolutions, "year")


def _index_regions(loader: _Loader, record: Any, f: Checked) -> list[Problem]:
    """Regions by slug and by each alias, and named groups, in one namespace."""
    problems: list[Problem] = []
    seen: dict[str, tuple[Any, ...]] = {}
    for i, r in enumerate(record.regions):
        for j, slug in enumerate([r.slug, *r.aliases]):
            where = ("regions", i, "slug") if j == 0 else ("regions", i, "aliases", j - 1)
            if _seen_before(f, where, slug, seen, problems):
                continue
            loader.index["regions"][slug] = r
    for i, g in enumerate(record.groups):
        if not _seen_before(f, ("groups", i, "slug"), g.slug, seen, problems):
            loader.index["groups"][g.slug] = g
    return problems


def _seen_before(
    f: Checked,
    where: tuple[Any, ...],
    slug: str,
    seen: dict[str, tuple[Any, ...]],
    problems: list[Problem],
) -> bool:
    if slug in seen:
        first = f.line(seen[slug])
        problems.append(f.problem(where, f"duplicate region slug '{slug}' (first on line {first})"))
        return True
    seen[slug] = where
    return False


INDEXERS: dict[str, Callable[[_Loader, Any, Checked], list[Problem]]] = {
    "dataset": _index_dataset,
    "sources": _index_sources,
    "meetings": _index_meetings,
    "regions": _index_regions,
    "bodies": _index_bodies,
    "unga": _index_unga,
}

__all__ = ["DataError", "Overlay", "Validated", "load", "read_text"]
