"""Registries of one shape: target criteria, deadline kinds and report sections are
each an ordered table of entries (id, label, function, docstring).

The CLI's help, the weights check of ``validate``, the docs and the report read
ids and labels from a registry, never from a hand-typed list. Adding an entry is
one decorated function::

    @CRITERIA.register("signatory", "signatory that has not ratified")
    def signed_not_ratified(ds, s, on): ...
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class Entry(Generic[F]):
    """One registered function."""

    id: str
    label: str
    function: F

    @property
    def doc(self) -> str:
        """The function's docstring, first paragraph, on one line."""
        text = inspect.getdoc(self.function) or ""
        return " ".join(text.split("\n\n")[0].split())


class Registry(Generic[F]):
    """An ordered table of :class:`Entry`, by id."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._entries: dict[str, Entry[F]] = {}

    def register(self, id: str, label: str) -> Callable[[F], F]:
        def add(function: F) -> F:
            self.add(id, label, function)
            return function

        return add

    def add(self, id: str, label: str, function: F) -> None:
        if id in self._entries:
            raise ValueError(f"{self.what} '{id}' is registered twice")
        self._entries[id] = Entry(id, label, function)

    def __getitem__(self, id: str) -> Entry[F]:
        return self._entries[id]

    def __contains__(self, id: object) -> bool:
        return id in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[Entry[F]]:
        return list(self._entries.values())

    def ids(self) -> list[str]:
        return list(self._entries)
