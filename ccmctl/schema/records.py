"""Lean records: what a data set holds once a file is validated.

The Pydantic models of this package check a file; the data set then keeps each record as
an instance of its model's *lean twin*, a class with the model's fields as ``__slots__``
and its own methods and properties (``Outreach.coordinators_on``, ``Unattributed.total``),
immutable like the model. A Pydantic instance keeps a dictionary of its fields and a set
of the fields given: an engagement of twelve fields costs 544 bytes as a model and 128 as
a lean record, and a record restored from the parse cache is made without
``model_construct``, which fills each default field by field (at 10x the bundled data,
most of a warm run). Queries read records by attribute, iterate them as ``(name, value)``
pairs and copy them with ``model_copy(update=...)``, the same on both kinds, so a test
may still hand a query a model it built.

Records compare and hash by their fields, as the frozen models do (a record equals the
model of the same data, and hashes alike); they copy, deep-copy and pickle (by their
model's name). :func:`to_record` turns a validated model into its lean record,
:func:`lean` gives a model's twin class; :mod:`ccmctl.schema.records_json` makes the same
record from the JSON Pydantic writes for a model (the parse cache's entries).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..domain.dates import PartialDate

_MISSING = object()


class Record:
    """The lean twin of a model: one slot a field, immutable."""

    __slots__ = ()
    model: ClassVar[type[BaseModel]]
    """The Pydantic model this record was validated by."""
    fields: ClassVar[tuple[str, ...]]
    defaults: ClassVar[tuple[tuple[str, Any, Any], ...]]
    """Each field with a default: (name, default value or _MISSING, factory or None)."""
    setters: ClassVar[dict[str, Any]]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: copy it with model_copy")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        """Equal to a record of the same model, or to the model itself, with equal fields."""
        if type(other) is not type(self) and type(other) is not self.model:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.fields)

    def __hash__(self) -> int:
        """As the frozen model hashes (the tuple of its fields' values; the value itself for
        a model of one field), so a record and its model, being equal, hash alike."""
        values = tuple(getattr(self, n) for n in self.fields)
        return hash(values[0] if len(values) == 1 else values) if values else 0

    def __copy__(self) -> Any:
        return self  # immutable: a copy would be the same

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        values = {n: copy.deepcopy(getattr(self, n), memo) for n in self.fields}
        return make(type(self), values)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled by its model's name and its fields; unpickled as the lean twin."""
        values = {n: getattr(self, n) for n in self.fields}
        return (_unpickle, (self.model.__module__, self.model.__name__, values))

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """``(name, value)`` for each field, as iterating a Pydantic model gives."""
        return ((n, getattr(self, n)) for n in self.fields)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.fields)
        return f"{type(self).__name__}({inner})"

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        """A copy with ``update``'s fields changed (not validated, as Pydantic's is not)."""
        values = {n: getattr(self, n) for n in self.fields}
        if update:
            unknown = set(update) - set(self.fields)
            if unknown:
                raise AttributeError(f"{type(self).__name__} has no field {sorted(unknown)[0]}")
            values.update(update)
        return make(type(self), values)


_LEAN: dict[type[BaseModel], type[Record]] = {}
_RESERVED = frozenset(n for n in dir(Record) if not n.startswith("__")) | {
    "model",
    "fields",
    "defaults",
    "setters",
}


def _unpickle(module: str, name: str, values: dict[str, Any]) -> Any:
    """A record of the model ``module.name`` (the name the module binds it to: some are
    made by a factory, so their qualified name is not importable)."""
    import importlib

    model = getattr(importlib.import_module(module), name, None)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise TypeError(f"{module}.{name} is not a model")
    return make(lean(model), values)


def lean(model: type[BaseModel]) -> type[Record]:
    """``model``'s lean twin (made once): its fields as slots, its own functions and
    properties (validators included: harmless, never called on a record)."""
    twin = _LEAN.get(model)
    if twin is not None:
        return twin
    fields = tuple(model.model_fields)
    clash = sorted(set(fields) & _RESERVED)
    if clash:  # a field would be shadowed by what every record has
        raise TypeError(f"{model.__name__}: field {clash[0]!r} is reserved by lean records")
    namespace: dict[str, Any] = {"__slots__": fields, "__module__": model.__module__}
    for klass in reversed(model.__mro__[: model.__mro__.index(BaseModel)]):
        for key, value in vars(klass).items():
            if key.startswith("_") or key in fields:
                continue
            if callable(value) or isinstance(value, property):
                namespace[key] = value
    namespace["__doc__"] = model.__doc__
    twin = type(model.__name__, (Record,), namespace)
    twin.model = model
    twin.fields = fields
    defaults: list[tuple[str, Any, Any]] = []
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            defaults.append((name, _MISSING, info.default_factory))
        elif info.default is not PydanticUndefined:
            defaults.append((name, info.default, None))
    twin.defaults = tuple(defaults)
    twin.setters = {n: getattr(twin, n).__set__ for n in fields}
    twin.__qualname__ = model.__qualname__
    _LEAN[model] = twin
    return twin


_IMMUTABLE = (str, int, float, bool, type(None), tuple, frozenset)


def make(cls: type[Record], values: dict[str, Any]) -> Any:
    """A record of ``cls`` from its fields' values; a field left out takes its default
    (a new one from its factory, or a copy of a mutable one). A required field left out is
    a ValueError: the values did not come from a validated record."""
    obj = object.__new__(cls)
    setters = cls.setters
    for name, value in values.items():
        setters[name](obj, value)
    if len(values) < len(setters):
        for name, default, factory in cls.defaults:
            if name not in values:
                if factory is not None:
                    value = factory()
                elif isinstance(default, _IMMUTABLE):
                    value = default
                else:
                    value = copy.deepcopy(default)
                setters[name](obj, value)
        for name in cls.fields:
            try:
                getattr(obj, name)
            except AttributeError:
                raise ValueError(f"{cls.__name__}: required field {name!r} missing") from None
    return obj


def to_record(value: Any, shared: dict[Any, Any] | None = None) -> Any:
    """A validated value with every model in it made a lean record (lists stay lists,
    tuples tuples, dictionaries dictionaries). ``shared``, kept across the files of a load,
    makes equal short texts and partial dates one object (records are immutable), as the
    parse cache does for the records it restores."""
    if shared is None:
        shared = {}
    return _record(value, shared)


def shared_text(value: str, shared: dict[Any, Any]) -> str:
    """One object for each short text (ids, kinds, a text copied from file to file)."""
    return shared.setdefault(value, value) if len(value) <= 200 else value


def shared_day(iso: str, shared: dict[Any, Any]) -> dt.date:
    """One ``datetime.date`` for each day written ``YYYY-MM-DD``."""
    key = ("day", iso)
    day = shared.get(key)
    if day is None:
        day = shared[key] = dt.date.fromisoformat(iso)
    return day


def shared_partial(parts: tuple[Any, Any, Any], shared: dict[Any, Any]) -> PartialDate:
    """One :class:`PartialDate` for each (year, month, day), as :func:`to_record` keeps."""
    partial = shared.get(parts)
    if partial is None:
        partial = shared[parts] = PartialDate(*parts)  # checked by PartialDate itself
    return partial


def _record(value: Any, shared: dict[Any, Any]) -> Any:
    # Inline forms of shared_text and shared_partial: this walk meets every value.
    cls = value.__class__
    if cls is str:
        return shared.setdefault(value, value) if len(value) <= 200 else value
    if cls is list:
        return [_record(v, shared) for v in value]
    if cls is dict:
        return {_record(k, shared): _record(v, shared) for k, v in value.items()}
    if cls is tuple:
        return tuple(_record(v, shared) for v in value)
    if cls is PartialDate:
        return shared.setdefault((value.year, value.month, value.day), value)
    if isinstance(value, BaseModel):
        twin = _LEAN.get(cls) or lean(cls)
        obj = object.__new__(twin)
        setters = twin.setters
        for name, item in value.__dict__.items():
            setters[name](obj, _record(item, shared))
        return obj
    return value
