"""The data set: every valid record, indexed by id, and the lookups queries use.

Frozen indexes and lookups only. Building one (reading, validating, checking
across records) is :func:`ccmctl.validation.load`'s work; nothing here reads a
file or reports a problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import schema as m


def _empty() -> Mapping[str, object]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Dataset:
    """Every valid record of one data folder, by id."""

    root: Path
    info: m.DatasetInfo | None = None
    sources: Mapping[str, m.Source] = field(default_factory=_empty)  # type: ignore[arg-type]
    meetings: Mapping[str, m.Meeting] = field(default_factory=_empty)  # type: ignore[arg-type]
    regions: Mapping[str, m.Region] = field(default_factory=_empty)  # type: ignore[arg-type]
    """M49 units by slug and by each alias."""
    groups: Mapping[str, m.Group] = field(default_factory=_empty)  # type: ignore[arg-type]
    bodies: Mapping[str, m.Body] = field(default_factory=_empty)  # type: ignore[arg-type]
    resolutions: Mapping[int, m.Resolution] = field(default_factory=_empty)  # type: ignore[arg-type]
    states: Mapping[str, m.State] = field(default_factory=_empty)  # type: ignore[arg-type]
    plans: Mapping[str, m.Plan] = field(default_factory=_empty)  # type: ignore[arg-type]

    @property
    def current_to(self) -> dt.date | None:
        """The day up to which the treaty record was last checked in full."""
        return self.info.current_to if self.info else None

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

    def state_name(self, iso3: str) -> str:
        """A state's name, or the code itself when it has no record."""
        s = self.states.get(iso3)
        return s.name if s else iso3

    def target_weights(self) -> Mapping[str, int]:
        return self.info.target_weights if self.info else {}
