"""Lean records from the JSON Pydantic writes for a model, without validating it again.

The parse cache (:mod:`ccmctl.cache`) writes a validated model with Pydantic's own
serializer (``round_trip=True``, in Rust) and reads the entry back with
:func:`json_reader`, which knows each field's type from the model and so turns each JSON
value back into what the field held: a day from its ISO text, a partial date from the
forms :meth:`~ccmctl.domain.dates.PartialDate.to_yaml` writes, number keys from text,
each nested model into its lean record. A model whose JSON would not say what a value
was (a union of two types written alike, a float, whose NaN is written ``null``, a
serializer of its own) is refused with :class:`NotPlain`; the cache then writes it its own
way.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel

from ..domain.dates import PartialDate
from .records import lean, shared_day, shared_partial, shared_text


class NotPlain(TypeError):
    """A model whose JSON (as Pydantic writes it) does not say what each value was: a union
    of two types written alike (a day or a text), a number that may be written ``null``
    (NaN), a serializer of its own. Such a model is not read by :func:`json_reader`."""


Shared = dict[Any, Any]
_Conv = Callable[[Any, Shared], Any] | None
"""What turns one JSON value back into the field's value (None: the value as it is)."""
_READERS: dict[type[BaseModel], Callable[[Any, Shared], Any]] = {}


def json_reader(model: type[BaseModel]) -> Callable[[Any, Shared], Any]:
    """A function making ``model``'s lean record from the JSON Pydantic writes for it
    (``model.__pydantic_serializer__.to_json(value, round_trip=True)``, then read by
    ``json.loads``), with no validation and no schema built: the record
    :func:`~ccmctl.schema.records.to_record` gives for the model. Equal short texts and
    partial dates are made one object through ``shared``, as ``to_record`` does. Raises
    :class:`NotPlain` when the JSON of some field would not say what its value was."""
    reader = _READERS.get(model)
    if reader is None:
        reader = _READERS[model] = _model_reader(model, set())
    return reader


def _model_reader(model: type[BaseModel], seen: set[type]) -> Callable[[Any, Shared], Any]:
    if model in seen:
        raise NotPlain(f"{model.__name__} holds itself")
    seen = seen | {model}
    decorators = model.__pydantic_decorators__
    if (
        decorators.field_serializers
        or decorators.model_serializers
        or decorators.computed_fields
        or model.model_config.get("extra") == "allow"
    ):
        raise NotPlain(f"{model.__name__} serializes in its own way")
    twin = lean(model)
    plan = []
    for name, info in model.model_fields.items():
        tp: Any = info.annotation
        if info.metadata:
            tp = Annotated[(tp, *info.metadata)]
        plan.append((name, _converter(tp, seen), twin.setters[name]))
    count = len(plan)
    new = object.__new__

    def read(data: Any, shared: Shared) -> Any:
        if data.__class__ is not dict or len(data) != count:
            raise ValueError(f"not the JSON of a {model.__name__}")
        obj = new(twin)
        for name, conv, setter in plan:
            value = data[name]
            setter(obj, value if conv is None or value is None else conv(value, shared))
        return obj

    return read


_text = shared_text
_day = shared_day


def _partial(value: str | int, shared: Shared) -> PartialDate:
    """The forms of :meth:`PartialDate.to_yaml`: a year (a number), ``YYYY-MM``, a day."""
    if value.__class__ is int:
        return shared_partial((value, None, None), shared)
    text: str = value  # type: ignore[assignment]
    if len(text) == 7:
        return shared_partial((int(text[:4]), int(text[5:7]), None), shared)
    if len(text) == 10:
        return shared_partial((int(text[:4]), int(text[5:7]), int(text[8:])), shared)
    raise ValueError(f"{text!r} is no partial date")


def _int_keys(conv: _Conv) -> _Conv:
    def read(value: dict[str, Any], shared: Shared) -> dict[int, Any]:
        return {
            int(k): v if conv is None or v is None else conv(v, shared) for k, v in value.items()
        }

    return read


def _text_keys(conv: _Conv) -> _Conv:
    def read(value: dict[str, Any], shared: Shared) -> dict[str, Any]:
        return {
            _text(k, shared): v if conv is None or v is None else conv(v, shared)
            for k, v in value.items()
        }

    return read


def _items(conv: _Conv) -> _Conv:
    if conv is None:
        return None  # json.loads made a new list already

    def read(value: list[Any], shared: Shared) -> list[Any]:
        return [v if v is None else conv(v, shared) for v in value]

    return read


def _union(table: dict[type, _Conv]) -> _Conv:
    def read(value: Any, shared: Shared) -> Any:
        conv = table[value.__class__]
        return value if conv is None else conv(value, shared)

    return read


_PLAIN_SCALARS: dict[Any, tuple[type, ...]] = {int: (int,), bool: (bool,), type(None): ()}


def _written_as(tp: Any) -> tuple[type, ...]:
    """The JSON types (as ``json.loads`` gives them) a value of ``tp`` is written as."""
    origin = typing.get_origin(tp)
    if origin is Annotated:
        return _written_as(typing.get_args(tp)[0])
    if origin is typing.Literal:
        return tuple({type(a) for a in typing.get_args(tp)})
    if origin in (typing.Union, types.UnionType):
        return tuple(t for a in typing.get_args(tp) for t in _written_as(a))
    if tp is str or tp is dt.date:
        return (str,)
    if tp is PartialDate:
        return (str, int)
    if tp in _PLAIN_SCALARS:
        return _PLAIN_SCALARS[tp]
    if origin is list:
        return (list,)
    if origin is dict or (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return (dict,)
    raise NotPlain(f"no JSON form known for {tp!r}")


def _converter(tp: Any, seen: set[type]) -> _Conv:
    origin = typing.get_origin(tp)
    if origin is Annotated:
        base, *meta = typing.get_args(tp)
        serializers = [m for m in meta if type(m).__name__ in ("PlainSerializer", "WrapSerializer")]
        if base is PartialDate:
            if [getattr(m, "func", None) for m in serializers] != [PartialDate.to_yaml]:
                raise NotPlain("a partial date not written as PartialDate.to_yaml writes it")
            return _partial
        if serializers:
            raise NotPlain(f"{base!r} has a serializer of its own")
        return _converter(base, seen)
    if tp is str:
        return _text
    if tp is dt.date:
        return _day
    if tp in _PLAIN_SCALARS:
        return None
    if origin is typing.Literal:
        kinds = _written_as(tp)
        if kinds == (str,):
            return _text
        if set(kinds) <= {int, bool} and len(kinds) == 1:
            return None
        raise NotPlain(f"{tp!r} mixes kinds")
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(members) == 1:
            return _converter(members[0], seen)
        table: dict[type, _Conv] = {}
        for member in members:
            for kind in _written_as(member):
                if kind in table:
                    raise NotPlain(f"{tp!r}: two of its types are written as {kind.__name__}")
                table[kind] = _converter(member, seen)
        return _union(table)
    if origin is list:
        (item,) = typing.get_args(tp)
        return _items(_converter(item, seen))
    if origin is dict:
        key, value = typing.get_args(tp)
        keys = _written_as(key)
        if keys == (str,) and _converter(key, seen) is _text:
            return _text_keys(_converter(value, seen))
        if key is int:
            return _int_keys(_converter(value, seen))
        raise NotPlain(f"{tp!r}: keys of this kind")
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model_reader(tp, seen)
    raise NotPlain(f"no JSON form known for {tp!r}")  # float among them: NaN is written null
