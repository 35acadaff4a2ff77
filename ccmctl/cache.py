"""The validated-parse cache: what reading and validating one data file found, kept in the
user's cache directory so that the next run neither parses its YAML nor builds a model.

One entry per data file, named by a hash of the file's bytes, its kind, and ccmctl's own
code (every ``.py`` file of the package) and the versions of Python, Pydantic and PyYAML:
any change to one of them is another name, so an entry is never stale, only unused. An
entry holds the strict reader's problems, the validated record (restored as a lean record,
:mod:`ccmctl.schema.records`: no validation, no schema built), the model's problems, the
records a catalogue kept and the ids of those it left out, the source ids the file cites
and the words its prose mentions. The cross-file checks themselves run on every load.
Neither the line of a key path nor the path of each source reference is kept: a problem
that needs one (rare on data that is checked in CI) reads its file again, which costs less
than keeping every file's lines and paths on every run.

The format is JSON, which cannot run code when it is read (pickle and marshal can). A
record is written by Pydantic itself (its serializer, in Rust: a third of the time of a
walk in Python) when its model's JSON says what each value was, and read back by
:func:`ccmctl.schema.records_json.json_reader`, which knows each field's type; the others (a
plan: its days and meeting ids are both written as text) are tagged arrays: dates,
tuples, partial dates, mappings with number keys and models. A model is named by its
class, looked up among the models of :mod:`ccmctl.schema` only. An entry
that cannot be read back (truncated, edited, from a format of old) is ignored and written
anew. Where: ``$XDG_CACHE_HOME/ccmctl``, else ``~/.cache/ccmctl``, created private (0700);
never inside the data folder. Off: ``ccmctl --no-cache COMMAND`` or ``CCMCTL_NO_CACHE=1``.
Deleting the folder at any time is safe.

``fmt`` keeps a marker per file it found canonical (same naming), so that ``fmt --check``
skips the files it has seen unchanged.

Longer than 400 lines because the store (the pack, its index, the lock), the entry format
and the restoring of records and lines are one unit: each reads back exactly what the
other wrote, and a damaged entry must be caught at any of its three layers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import Problem

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .files import FileKind
    from .reading import Read

ENV_OFF = "CCMCTL_NO_CACHE"
FORMAT = 6
"""Bumped when the layout of an entry changes."""
KEEP_CODE_VERSIONS = 3
"""Folders of entries kept for other versions of ccmctl's code (the newest ones)."""

_disabled = False


def disable(off: bool = True) -> None:
    """Turn the cache off (``--no-cache``), or back on, for this process."""
    global _disabled
    _disabled = off


def enabled() -> bool:
    return not _disabled and os.environ.get(ENV_OFF, "") in ("", "0")


def directory() -> Path:
    """Where entries are kept: ``$XDG_CACHE_HOME/ccmctl`` or ``~/.cache/ccmctl``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "ccmctl"


_CODE: str | None = None


def code_hash() -> str:
    """A hash of ccmctl's own code and of what reading and validating depend on, computed
    once per process (reading the package's 80 ``.py`` files takes about a millisecond)."""
    global _CODE
    if _CODE is None:
        import pydantic
        import pydantic_core
        import yaml

        h = hashlib.blake2b(digest_size=16)
        for part in (
            f"format {FORMAT}",
            sys.version,
            pydantic.VERSION,
            pydantic_core.__version__,
            yaml.__version__,
            str(getattr(yaml, "__with_libyaml__", False)),
        ):
            h.update(part.encode() + b"\0")
        package = Path(__file__).resolve().parent
        for path in _sources(package):
            h.update(str(path.relative_to(package)).encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
        _CODE = h.hexdigest()
    return _CODE


def _sources(package: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                yield Path(folder) / name


# --- the store ----------------------------------------------------------------------------


class Store:
    """The entries of one data folder for this version of the code.

    Entries are appended to one file, ``NAME.pack``, and found through ``NAME.index``
    (key -> offset and length): a run reads one index and, for each data file, one
    stretch of the pack, and a run that makes new entries appends them in one write and
    rewrites the index, under a lock. Creating a file costs more than writing a long one
    on some file systems (0.4 ms here, where 200 entry files would add a third to a
    cold run). The pack is rewritten without the entries no run has used lately when
    they make up most of it."""

    FLUSH_BYTES = 8 << 20

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.pack = folder / f"{name}.pack"
        self.index_path = folder / f"{name}.index"
        self.index = self._read_index()
        self.fd: int | None = None
        self.new: list[tuple[str, bytes]] = []
        self.buffered = 0
        self.used: set[str] = set()
        self.written = 0
        self.decoder: _Decoder | None = None
        self.forgotten: set[str] = set()

    def reopened(self) -> Store:
        """A store of the same files, for another process (a helper of the loader)."""
        return Store(self.folder, self.pack.name.removesuffix(".pack"))

    def refresh(self) -> None:
        """Take in the entries other processes have added since this store was opened."""
        index = self._read_index()
        for key in self.forgotten:
            index.pop(key, None)
        self.index = index

    def key(self, kind: FileKind, raw: bytes, what: str = "parse") -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(f"{what}\0{kind.name}\0{kind.path}\0".encode())
        h.update(raw)
        return h.hexdigest()

    def _read_index(self) -> dict[str, list[int]]:
        try:
            with open(self.index_path, "rb") as f:
                index = json.loads(f.read())
            if not isinstance(index, dict):
                return {}
            return index
        except (OSError, ValueError):
            return {}

    def get(self, key: str) -> bytes | None:
        """The entry under ``key``, or None (none, or the pack was rewritten or damaged)."""
        where = self.index.get(key)
        if where is None:
            return None
        try:
            offset, length, split = where
            data = self._pread(split, offset)
        except (OSError, TypeError, ValueError):
            return None
        mark = key.encode() + b"\n"
        if not data.startswith(mark) or not data.endswith(b"\n"):
            return None  # the pack was rewritten meanwhile, or damaged
        self.used.add(key)
        return data[len(mark) : -1]

    def forget(self, key: str) -> None:
        """Drop an entry found damaged: the next run writes it anew."""
        self.index.pop(key, None)
        self.forgotten.add(key)

    def _pread(self, length: int, offset: int) -> bytes:
        if self.fd is None:
            self.fd = os.open(self.pack, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        return os.pread(self.fd, length, offset)

    def has(self, key: str) -> bool:
        return self.get(key) is not None

    def put(self, key: str, entry: bytes) -> None:
        self.used.add(key)
        self.new.append((key, key.encode() + b"\n" + entry + b"\n"))
        self.buffered += len(entry)
        if self.buffered > self.FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Append the new entries to the pack and record them in the index. A failure (a
        full disk, a read-only home) only means the next run reads those files again."""
        if not self.new and not self.forgotten:
            return
        new, self.new, self.buffered = self.new, [], 0
        try:
            with self._locked():
                index = self._read_index()  # another run may have added entries
                for key in self.forgotten:
                    index.pop(key, None)
                self.forgotten = set()
                fd = os.open(self.pack, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                try:
                    offset = os.fstat(fd).st_size
                    os.write(fd, b"".join(data for _, data in new))
                finally:
                    os.close(fd)
                for key, data in new:
                    index[key] = [offset, len(data), len(data)]  # (the third: a format of old)
                    offset += len(data)
                self.index = index
                self.written += len(new)
                self._write_index(index)
        except OSError:
            pass

    def close(self) -> None:
        """Write what is new; rewrite the pack when mostly unused entries fill it."""
        self.flush()
        try:
            size = os.stat(self.pack).st_size
            live = sum(self.index[k][1] for k in self.used if k in self.index)
            if live and size > 2 * live + (1 << 20):
                self._compact()
        except (OSError, KeyError, TypeError, ValueError):
            pass
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def _compact(self) -> None:
        with self._locked():
            index = self._read_index()
            keep = [(k, index[k]) for k in sorted(self.used) if k in index]
            tmp = self.pack.with_name(self.pack.name + f".{os.getpid()}.tmp")
            src = os.open(self.pack, os.O_RDONLY)
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                try:
                    fresh: dict[str, list[int]] = {}
                    offset = 0
                    for key, (off, length, split) in keep:
                        os.write(fd, os.pread(src, length, off))
                        fresh[key] = [offset, length, split]
                        offset += length
                finally:
                    os.close(fd)
            finally:
                os.close(src)
            if self.fd is not None:
                os.close(self.fd)  # the old pack: lines still to be read come from the new one
                self.fd = None
            os.replace(tmp, self.pack)
            self._write_index(fresh)
            self.index = fresh

    def _write_index(self, index: dict[str, list[int]]) -> None:
        tmp = self.index_path.with_name(self.index_path.name + f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(index, separators=(",", ":")).encode())
        finally:
            os.close(fd)
        os.replace(tmp, self.index_path)

    def _locked(self) -> Any:
        import contextlib
        import fcntl

        @contextlib.contextmanager
        def lock() -> Iterator[None]:
            fd = os.open(self.folder / "lock", os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)

        return lock()


def open_store(data_root: Path, purpose: str = "parse") -> Store | None:
    """The store of ``data_root`` for this code (``purpose``: ``parse`` for the loader,
    ``fmt`` for its markers), or None when the cache is off, cannot be created, or would
    be inside the data folder."""
    if not enabled():
        return None
    try:
        base = directory()
        folder = base / code_hash()
        root = data_root.resolve()
        if _inside(folder, root):
            return None
        if not folder.is_dir():
            base.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.mkdir(mode=0o700, exist_ok=True)
            _prune(base, folder)
        name = hashlib.blake2b(os.fsencode(root), digest_size=12).hexdigest() + "-" + purpose
        return Store(folder, name)
    except OSError:
        return None


def _inside(folder: Path, root: Path) -> bool:
    try:
        folder.resolve().relative_to(root)
    except (ValueError, OSError):
        return False
    return True


def _prune(base: Path, current: Path) -> None:
    """Keep the entries of the newest few versions of the code; drop older ones."""
    import shutil

    others = [p for p in base.iterdir() if p != current and p.is_dir() and len(p.name) == 32]
    others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEEP_CODE_VERSIONS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


# --- what an entry holds --------------------------------------------------------------------


@dataclass
class Parsed:
    """One data file read and validated: what :class:`ccmctl.validation` needs of it."""

    read: Read
    record: Any
    problems: tuple[Problem, ...] = ()
    """The model's problems (the reader's are in ``read``)."""
    kept: dict[str, list[int]] = field(default_factory=dict)
    broken_ids: frozenset[str] = frozenset()
    readable: bool = True
    """The reader produced a value (False: the file could not be read at all)."""
    refs: list[tuple[tuple[Any, ...], list[Any]]] | None = None
    """Each ``source`` value with its path; None when restored from an entry, which keeps
    only ``cited`` (the paths are gathered from the file again when one is
    needed: a source that may be unknown)."""
    cited: frozenset[str] = frozenset()
    """The source ids the file cites."""
    mentioned: set[str] = field(default_factory=set)
    model: Any = None
    """The validated model ``record`` was made from, until its entry is written."""


class Unsupported(Exception):
    """A value this format does not hold: the file is simply not cached."""


class Lines(dict):  # type: ignore[type-arg]
    """A reader's ``positions`` for a file restored from its entry (which keeps none):
    read from the file again (``again``) the first time a line is asked for, which on
    clean data is never."""

    __slots__ = ("_again",)

    def __init__(self, again: Callable[[], dict[Any, int] | None] | None = None) -> None:
        super().__init__()
        self._again = again

    def _fill(self) -> None:
        if self._again is not None:
            again, self._again = self._again, None
            dict.update(self, again() or {})

    def __contains__(self, path: object) -> bool:
        self._fill()
        return dict.__contains__(self, path)

    def __getitem__(self, path: Any) -> int:
        self._fill()
        line: int = dict.__getitem__(self, path)
        return line

    def get(self, path: Any, default: Any = None) -> Any:
        self._fill()
        return dict.get(self, path, default)

    def __iter__(self) -> Iterator[Any]:
        self._fill()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._fill()
        return dict.__len__(self)

    def __eq__(self, other: object) -> bool:
        self._fill()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)

    def keys(self) -> Any:
        self._fill()
        return dict.keys(self)

    def values(self) -> Any:
        self._fill()
        return dict.values(self)

    def items(self) -> Any:
        self._fill()
        return dict.items(self)

    def copy(self) -> dict[Any, Any]:
        self._fill()
        return dict(dict.items(self))


# Tags of the arrays that stand for what JSON has no word for.
_LIST, _DATE, _PARTIAL, _MODEL, _TUPLE, _MAP, _FLOAT = range(7)
_PLAIN = (str, int, bool, type(None))


def _encode(value: Any) -> Any:
    cls = value.__class__
    if cls in _PLAIN:
        return value
    if cls is dict:
        if all(k.__class__ is str for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return [_MAP, [[_encode(k), _encode(v)] for k, v in value.items()]]
    if cls is list:
        return [_LIST, *map(_encode, value)]
    if cls is dt.date:
        return [_DATE, value.isoformat()]
    if cls is float:
        return [_FLOAT, repr(value)]
    if cls is tuple:
        return [_TUPLE, *map(_encode, value)]
    shape = _ENCODABLE.get(cls)
    if shape is None:
        shape = _encodable(cls)
    if shape is _PARTIAL_SHAPE:
        return [_PARTIAL, value.year, value.month, value.day]
    name, names, none_default = shape
    fields = {}
    for n in names:
        v = getattr(value, n)
        if v is not None or n not in none_default:  # a record is made with None put back
            fields[n] = _encode(v)
    return [_MODEL, name, fields]


_Shape = tuple[str, tuple[str, ...], frozenset[str]]
_PARTIAL_SHAPE: _Shape = ("PartialDate", (), frozenset())
_ENCODABLE: dict[type, _Shape] = {}
"""Each class of value met that is a partial date or a record of one of ccmctl's models:
its model's name, its fields and those whose default is None."""


def _encodable(cls: type) -> _Shape:

    from .domain.dates import PartialDate
    from .schema.records import Record

    if cls is PartialDate:
        shape = _PARTIAL_SHAPE
    elif issubclass(cls, Record) and _models().get(cls.__name__) is cls.model:
        fields = cls.model.model_fields
        none = frozenset(
            n
            for n, f in fields.items()
            if not f.is_required() and f.default is None and f.default_factory is None
        )
        shape = (cls.__name__, cls.fields, none)
    else:
        raise Unsupported(cls.__name__)
    _ENCODABLE[cls] = shape
    return shape


class _Decoder:
    """Turns entries' JSON back into values, models into lean records
    (:mod:`ccmctl.schema.records`); the same strings (up to 200 characters: ids, kinds, a
    text copied from file to file), days and partial dates are shared across every record
    of a load rather than made again for each."""

    def __init__(self) -> None:
        from .schema import records

        self.records = {name: records.lean(model) for name, model in _models().items()}
        self.make = records.make
        self.text, self.day, self.partial = (
            records.shared_text,
            records.shared_day,
            records.shared_partial,
        )
        self.shared: dict[Any, Any] = {}
        """Texts, days and partial dates, one object each (json_reader's records too)."""

    def value(self, v: Any) -> Any:
        cls = v.__class__
        if cls is str:
            return self.text(v, self.shared)
        if cls is dict:
            return {k: self.value(x) for k, x in v.items()}
        if cls is not list:
            return v
        tag = v[0]
        if tag == _LIST:
            return [self.value(x) for x in v[1:]]
        if tag == _MODEL:
            _, name, fields = v
            return self.make(self.records[name], {k: self.value(x) for k, x in fields.items()})
        if tag == _DATE:
            return self.day(v[1], self.shared)
        if tag == _TUPLE:
            return tuple(self.value(x) for x in v[1:])
        if tag == _MAP:
            return {self.value(k): self.value(x) for k, x in v[1]}
        if tag == _PARTIAL:
            return self.partial((v[1], v[2], v[3]), self.shared)
        if tag == _FLOAT:
            return float(v[1])
        raise ValueError(f"unknown tag {tag!r}")


_MODELS: dict[str, type[BaseModel]] | None = None


def _models() -> dict[str, type[BaseModel]]:
    """Every model class a data file can hold, by name (found from the file kinds' models
    through their fields); a name two classes share is left out, so never restored."""
    global _MODELS
    if _MODELS is None:
        import typing

        from pydantic import BaseModel

        from .files import KINDS

        found: dict[str, type[BaseModel]] = {}
        twice: set[str] = set()
        todo: list[Any] = [k.model for k in KINDS]
        seen: set[int] = set()
        while todo:
            tp = todo.pop()
            if id(tp) in seen:
                continue
            seen.add(id(tp))
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                other = found.setdefault(tp.__name__, tp)
                if other is not tp:
                    twice.add(tp.__name__)
                todo += [f.annotation for f in tp.model_fields.values()]
            else:
                todo += typing.get_args(tp)
        _MODELS = {k: v for k, v in found.items() if k not in twice}
    return _MODELS


def _problem_row(p: Problem) -> list[Any]:
    return [p.line, p.path, p.message, p.severity, p.hint]


def _problems(rows: list[list[Any]], shown: str) -> list[Problem]:
    return [Problem(shown, line, path, msg, sev, hint) for line, path, msg, sev, hint in rows]


def encode(parsed: Parsed) -> bytes:
    """An entry: JSON for what every load needs (no lines: see the module's docstring)."""
    read = parsed.read
    head = {
        "format": FORMAT,
        "read": _problem_row_list(read.problems),
        "bad": [_encode(list(p)) for p in sorted(read.bad_paths, key=repr)],
        "fatal": read.fatal,
        "readable": parsed.readable,
        "problems": _problem_row_list(parsed.problems),
        "kept": parsed.kept,
        "broken": sorted(parsed.broken_ids),
        "cited": sorted(parsed.cited),
        "mentioned": sorted(parsed.mentioned),
    }
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
    model = _plain_model(parsed)
    if model is None:
        head["model"] = None
        head["record"] = None if parsed.record is None else _encode(parsed.record)
        return dump(head).encode()
    head["model"] = type(model).__name__
    written: bytes = model.__pydantic_serializer__.to_json(
        model, round_trip=True, by_alias=False, warnings="error"
    )
    return dump(head)[:-1].encode() + b',"record":' + written + b"}"


def _plain_model(parsed: Parsed) -> Any:
    """The validated model, when Pydantic's own JSON of it (written in Rust, a fraction of
    the time :func:`_encode` takes) can be read back into the same record
    (:func:`ccmctl.schema.records_json.json_reader`), and it is one of :func:`_models`."""
    from .schema.records_json import NotPlain, json_reader

    model = parsed.model
    if model is None or _models().get(type(model).__name__) is not type(model):
        return None
    try:
        json_reader(type(model))
    except NotPlain:
        return None
    return model


def _problem_row_list(problems: Any) -> list[list[Any]]:
    return [_problem_row(p) for p in problems]


def decode(
    head_bytes: bytes,
    lines: Callable[[], dict[Any, int] | None] | None,
    shown: str,
    dec: _Decoder | None = None,
) -> Parsed:
    """An entry back into a :class:`Parsed`; raises on anything unexpected (the caller
    then reads the file). ``dec`` shares strings and dates across entries."""
    from .reading import Read

    head = json.loads(head_bytes)
    if head.get("format") != FORMAT:
        raise ValueError("not an entry of this format")
    dec = dec or _Decoder()
    read = Read(
        shown,
        None,
        Lines(lines),
        _problems(head["read"], shown),
        frozenset(tuple(dec.value(p)) for p in head["bad"]),
        bool(head["fatal"]),
    )
    if head["model"] is not None:
        from .schema.records_json import json_reader

        record = json_reader(_models()[head["model"]])(head["record"], dec.shared)
    else:
        record = None if head["record"] is None else dec.value(head["record"])
    kept = {str(k): [int(i) for i in v] for k, v in head["kept"].items()}
    return Parsed(
        read,
        record,
        tuple(_problems(head["problems"], shown)),
        kept,
        frozenset(head["broken"]),
        bool(head["readable"]),
        None,
        frozenset(head["cited"]),
        set(head["mentioned"]),
    )


def restore(
    store: Store, key: str, shown: str, again: Callable[[], dict[Any, int] | None] | None = None
) -> Parsed | None:
    """The entry under ``key``, or None when there is none or it cannot be read back.
    ``again`` gives the lines of key paths from the file itself, when one is needed."""
    head = store.get(key)
    if head is None:
        return None
    try:
        if store.decoder is None:
            store.decoder = _Decoder()
        return decode(head, again, shown, store.decoder)
    except Exception:  # a corrupt or foreign entry: read the file instead, and rewrite it
        return None


def read_raw(raw: bytes, shown: str) -> Read:
    """What :func:`ccmctl.reading.read_yaml` makes of a file's bytes (already read, to be
    hashed for the key); tests/test_cache.py checks the two agree on every corpus file."""
    from dataclasses import replace as with_

    from .reading import Read, decode, parse_text

    text, problems = decode(raw, shown)
    if text is None:
        return Read(shown, problems=problems)
    read = parse_text(text, shown)
    return with_(read, problems=problems + read.problems) if problems else read


def save(
    store: Store, key: str, parsed: Parsed, again: Callable[[], dict[Any, int] | None]
) -> None:
    """Keep ``parsed`` under ``key``. Its reader's lines are then let go, to be read again
    from the file (``again``) if a problem needs one, rather than kept as a dictionary of
    key tuples for every file until the cross-file checks are done."""
    try:
        head = encode(parsed)
    except (Unsupported, ValueError, TypeError, KeyError):
        return  # a value JSON cannot hold as it is: this file is read every time
    store.put(key, head)
    parsed.read = replace(parsed.read, positions=Lines(again))
    parsed.model = None


# --- documents made from templates ----------------------------------------------------------


class Rendered:
    """The text a template made from a context, kept under a hash of the context, the
    template's name and Jinja2's own code; the templates it read are listed in the entry
    with a hash of each, and checked again before the text is used."""

    def __init__(self, store: Store, key: str) -> None:
        self.store = store
        self.key = key

    @classmethod
    def open(cls, folder: Path, ctx: Any, name: str, main: str | None) -> Rendered | None:
        """The entry's place, or None: the cache is off, or the context holds anything but
        plain data (text, numbers, booleans, None, lists, tuples and dicts of them), whose
        ``repr`` would not say all a template can see of it."""
        if not enabled():
            return None
        try:
            json.dumps(ctx, default=_not_plain, check_circular=True, allow_nan=True)
            described = repr(ctx)
        except (TypeError, ValueError, RecursionError):
            return None
        store = open_store(folder, "render")
        if store is None:
            return None
        h = hashlib.blake2b(digest_size=20)
        for part in ("render", name, str(main), _jinja_code(), described):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return cls(store, h.hexdigest())

    def text(self, read: Callable[[str], str | None]) -> str | None:
        """The kept text, if every template it was made from reads the same and every one
        it looked for in vain is still absent (``read``: a template's text by its name in
        the folder, None when there is no such file, raising when it cannot be read)."""
        try:
            got = self.store.get(self.key)
            if got is None:
                return None
            entry = json.loads(got)
            for rel, digest in entry["templates"]:
                now = read(rel)
                if (None if now is None else _digest(now)) != digest:
                    return None
            text = entry["text"]
            return text if isinstance(text, str) else None
        except Exception:  # noqa: BLE001  any fault of an entry or a template: make it anew
            return None
        finally:
            self.store.close()

    def keep(self, text: str, templates: dict[str, str | None]) -> None:
        """Keep ``text`` with ``templates``: each looked for, with its text (None: absent)."""
        listed = [[rel, None if t is None else _digest(t)] for rel, t in sorted(templates.items())]
        entry = {"templates": listed, "text": text}
        try:
            self.store.put(self.key, json.dumps(entry, ensure_ascii=False).encode())
        except (UnicodeEncodeError, ValueError):
            return
        self.store.close()


def _not_plain(value: Any) -> Any:
    raise TypeError(f"not plain data: {type(value).__name__}")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def _jinja_code() -> str:
    """Jinja2's version, from its ``__init__.py`` (importing it costs 30 ms)."""
    import importlib.util

    spec = importlib.util.find_spec("jinja2")
    origin = spec.origin if spec else None
    if not origin:
        return "no jinja2"
    return _digest(Path(origin).read_text(encoding="utf-8"))
