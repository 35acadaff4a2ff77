"""Results as JSON: indent 2, UTF-8 (``ensure_ascii=False``), key order kept, final newline.

Beyond what ``json`` knows: dates, datetimes and times -> ISO 8601; an ``Enum`` member or a
three-valued verdict (anything else with a ``.label``) -> its ``.json`` attribute if it has one
(called if it is a method; ``None`` -> ``null``), else an ``Enum``'s ``.value``, else the
label; a dataclass instance -> a dict of its fields, converted recursively (what
``dataclasses.asdict`` gives, without its deep copy), unless it is itself a verdict (has both
``.label`` and ``.json``);
a set or frozenset -> a sorted list. Dict keys that are dates or enums are converted the
same way. Anything else unknown raises ``TypeError``, as ``json.dumps`` does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from enum import Enum
from typing import Any

_NO_JSON = object()


def _symbol(obj: Any) -> Any:
    """An Enum member or verdict -> its JSON value."""
    value = getattr(obj, "json", _NO_JSON)
    if value is not _NO_JSON:
        return value() if callable(value) else value
    if isinstance(obj, Enum):
        return obj.value
    return obj.label


def _sorted(items: set[Any] | frozenset[Any]) -> list[Any]:
    try:
        return sorted(items)
    except TypeError:  # mixed types: any stable order will do
        return sorted(items, key=lambda v: (type(v).__name__, repr(v)))


def _key(key: Any) -> Any:
    if isinstance(key, (dt.date, dt.time)):
        return key.isoformat()
    if isinstance(key, Enum) or (not isinstance(key, str) and hasattr(key, "label")):
        return _symbol(key)
    return key


def _prepare(obj: Any) -> Any:
    """Walk containers so that str/int Enum mixins (which ``json`` would encode as plain
    strings/ints without asking ``default``) and non-string dict keys are converted too."""
    if isinstance(obj, Enum):
        return _prepare(_symbol(obj))
    if isinstance(obj, (str, int, float)) or obj is None:
        return obj
    if isinstance(obj, dict):
        return {_key(k): _prepare(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_prepare(v) for v in obj]
    return obj  # a leaf: json calls _default for it if it is not JSON-native


def _default(obj: Any) -> Any:
    if isinstance(obj, (dt.date, dt.time)):  # dt.datetime is a dt.date
        return obj.isoformat()
    # A verdict may itself be a dataclass; a plain dataclass that merely has a ``label``
    # field is still written out whole.
    if isinstance(obj, Enum) or (hasattr(obj, "label") and hasattr(obj, "json")):
        return _prepare(_symbol(obj))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return _prepare({f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})
    if hasattr(obj, "label"):
        return _prepare(_symbol(obj))
    if isinstance(obj, (set, frozenset)):
        return _prepare(_sorted(obj))
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def to_json(data: Any) -> str:
    """``data`` as pretty JSON text ending in a newline. Nothing is sorted."""
    return json.dumps(_prepare(data), indent=2, ensure_ascii=False, default=_default) + "\n"
