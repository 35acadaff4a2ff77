"""Small operations on a ruamel.yaml round-trip tree, in the canonical form ``ccmctl fmt``
writes: new keys go where the schema puts them, text is quoted only where the strict
reader needs it (``'no'``, ``'029'``), lists are block lists, ids are slugs."""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from ..canonical import _needs_quotes

Tree = Any


def _names(model: type[BaseModel]) -> list[str]:
    return [(f.alias or n) for n, f in model.model_fields.items()]


def _nested(model: type[BaseModel] | None, key: str) -> type[BaseModel] | None:
    """The model of a field's value (or of its list's items), if it is one."""
    if model is None:
        return None
    name = "from_" if key == "from" else key
    fld = model.model_fields.get(name)
    if fld is None:
        return None
    found: list[type[BaseModel]] = []

    def walk(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            found.append(tp)
        for arg in typing.get_args(tp):
            walk(arg)

    walk(fld.annotation)
    return found[0] if len(found) == 1 else None


def scalar(value: Any) -> Any:
    """A value as the tree holds it: text that other YAML tools would read as something
    else is single-quoted."""
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    if isinstance(value, str) and _needs_quotes(value):
        return SingleQuotedScalarString(value)
    return value


def value(v: Any, model: type[BaseModel] | None = None) -> Any:
    """Plain Python (dict, list, str, date, int) -> tree nodes, keys in model order."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(v, Mapping):
        out = CommentedMap()
        order = _names(model) if model else []
        keys = sorted(v, key=lambda k: order.index(k) if k in order else len(order))
        for k in keys:
            if v[k] is None:
                continue
            out[scalar(k)] = value(v[k], _nested(model, k))
        return out
    if isinstance(v, (list, tuple)):
        seq = CommentedSeq([value(x, model) for x in v])
        return seq
    if isinstance(v, dt.datetime):
        raise TypeError("a data file holds days, not times")
    return scalar(v)


def put(mapping: Tree, key: str, v: Any, model: type[BaseModel] | None) -> None:
    """Set ``key`` (kept in place if present, else inserted where the model puts it)."""
    node = value(v, _nested(model, key))
    if key in mapping:
        mapping[key] = node
        return
    order = _names(model) if model else []
    if key not in order:
        mapping[key] = node
        return
    rank = order.index(key)
    pos = 0
    for i, existing in enumerate(mapping):
        if existing in order and order.index(existing) < rank:
            pos = i + 1
    mapping.insert(pos, key, node)


def drop(mapping: Tree, key: str) -> bool:
    """Remove ``key``; whether it was there."""
    if key in mapping:
        del mapping[key]
        return True
    return False


def child_map(mapping: Tree, key: str, model: type[BaseModel]) -> Tree:
    """The mapping under ``key``, created (empty, in model position) if absent."""
    from ruamel.yaml.comments import CommentedMap

    node = mapping.get(key)
    if not isinstance(node, CommentedMap):
        put(mapping, key, {}, model)
        node = mapping[key]
    node.fa.set_block_style()
    return node


def child_seq(mapping: Tree, key: str, model: type[BaseModel]) -> Tree:
    """The list under ``key``, created (empty, in model position) if absent; block style."""
    from ruamel.yaml.comments import CommentedSeq

    node = mapping.get(key)
    if not isinstance(node, CommentedSeq):
        put(mapping, key, [], model)
        node = mapping[key]
    node.fa.set_block_style()
    return node


def insert_ordered(seq: Tree, item: Any, day: Callable[[Any], Any]) -> int:
    """Insert ``item`` after every entry whose ``day`` is on or before its own (lists are
    oldest first); entries without a day are passed over. Returns its position."""
    mine = day(item)
    pos = len(seq)
    if mine is not None:
        pos = 0
        for i, entry in enumerate(seq):
            theirs = day(entry)
            if theirs is None or _comparable(theirs) <= _comparable(mine):
                pos = i + 1
    seq.insert(pos, item)
    return pos


def _comparable(day: Any) -> str:
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def slug(text: str, limit: int = 48) -> str:
    """``"Regional workshop (Bangkok)"`` -> ``regional-workshop-bangkok``."""
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out[:limit].rstrip("-") or "item"


def new_id(base: str, taken: Iterable[Any]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not taken."""
    used = {str(t) for t in taken if t is not None}
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def ids(seq: Iterable[Any], key: str = "id") -> list[Any]:
    return [entry.get(key) for entry in seq if hasattr(entry, "get")]


def find(seq: Iterable[Any], ident: str, key: str = "id") -> int | None:
    """The position of the entry whose ``key`` is ``ident``."""
    for i, entry in enumerate(seq):
        if hasattr(entry, "get") and str(entry.get(key)) == ident:
            return i
    return None
